"""Benchmark: PPA heat-bath algorithmic cooling rounds, quantherm vs QuTiP (identical physics).

Physics: n qubits, reset of the last qubit (rho -> Tr_r rho ⊗ diag((1+eps)/2, (1-eps)/2)),
then the PPA compression (the permutation unitary that sorts the diagonal). QuTiP does the
same with Qobj: ptrace + tensor for the reset and U rho U^dag for the compression.
First checks that all paths agree on the target polarization, then prints rounds/s.

Run: OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/cooling_hbac.py
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import qutip
from threadpoolctl import threadpool_limits

from quantherm.cooling import ppa_limit, ppa_protocol, run_hbac

EPS = 0.05


def qutip_ppa(n: int, rounds: int) -> np.ndarray:
    d = 2**n
    rho = qutip.Qobj(np.eye(d) / d, dims=[[2] * n, [2] * n])
    bath = qutip.Qobj(np.diag([(1 + EPS) / 2, (1 - EPS) / 2]))
    out = [0.0]
    half = d // 2
    for _ in range(rounds):
        rho = qutip.tensor(rho.ptrace(list(range(n - 1))), bath)
        diag = np.real(rho.diag())
        src = np.argsort(-diag, kind="stable")
        U = np.zeros((d, d))
        U[np.arange(d), src] = 1.0  # new level k <- old level src[k]
        Uq = qutip.Qobj(U, dims=[[2] * n, [2] * n])
        rho = Uq * rho * Uq.dag()
        p = np.real(rho.diag())
        out.append(float(p[:half].sum() - p[half:].sum()))
    return np.array(out)


def quantherm_ppa(proto, rounds, representation):
    return run_hbac(proto, rounds, representation=representation)


def timed(fn, *args, repeat=3):
    best = np.inf
    for _ in range(repeat):
        t = time.perf_counter()
        res = fn(*args)
        best = min(best, time.perf_counter() - t)
    return best, res


def main() -> None:
    with threadpool_limits(1):
        print(f"PPA rounds, eps_b = {EPS}; rounds/s (best of 3); ratio = quantherm / QuTiP speed")
        print(
            f"{'n':>3} {'rounds':>7} {'max|diff|':>10} {'qh pop':>10} {'qh dm':>10} "
            f"{'qutip':>10} {'pop/qutip':>10} {'dm/qutip':>9}"
        )
        for n, rounds in ((3, 300), (4, 300), (5, 300), (6, 200), (7, 100)):
            proto = ppa_protocol(EPS, n)
            t_q, e_q = timed(qutip_ppa, n, rounds)
            t_p, r_p = timed(quantherm_ppa, proto, rounds, "populations")
            t_d, r_d = timed(quantherm_ppa, proto, rounds, "density", repeat=1)
            diff = max(np.max(np.abs(r_p.eps_target - e_q)), np.max(np.abs(r_d.eps_target - e_q)))
            assert diff < 1e-12, f"paths disagree at n = {n}: {diff}"
            print(
                f"{n:>3} {rounds:>7} {diff:>10.1e} {rounds / t_p:>10.0f} {rounds / t_d:>10.0f} "
                f"{rounds / t_q:>10.0f} {t_q / t_p:>10.1f} {t_q / t_d:>9.2f}"
            )
        # large registers: population path only (QuTiP would need 2^n x 2^n matrices)
        for n in (10, 12):
            proto = ppa_protocol(0.3, n)
            t, r = timed(quantherm_ppa, proto, "converge", "populations", repeat=1)
            print(
                f"n = {n}: converged in {r.rounds} rounds, {r.rounds / t:.0f} rounds/s, "
                f"|eps - limit| = {abs(r.eps_target[-1] - ppa_limit(0.3, n)):.1e}"
            )


if __name__ == "__main__":
    main()
