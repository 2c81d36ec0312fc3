"""Benchmark: P_up(t) of a spin exchanging quanta with N thermal phonon modes (nbar = 1).

Physics (card ion-revivals, C3 toy spectrum): H = sum_m delta_m n_m + sum_m g_m (s+ a_m + h.c.),
delta_m = -m/2, g_m = 1/sqrt(N), spin down, every mode thermal with nbar = 1, 2000 times in
[0, 20]. quantherm: excitation-number sectors (dense below 1000 states, dynamical typicality
with one Lanczos run per sector above); QuTiP: `mesolve` of the full truncated density matrix
(cutoff per mode as listed), which becomes infeasible beyond N = 3 (2 * (c+1)^N states).

Agreement is checked first: |quantherm - QuTiP| must stay below the thermal weight QuTiP's
cutoff drops plus quantherm's neglected weight and sampling error.

Run:  OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/ions_revivals.py
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import time

import numpy as np
import qutip
from threadpoolctl import threadpool_limits

from quantherm.ions import ExchangeModel, solve_exchange

N_BAR = 1.0
TIMES = np.linspace(0.0, 20.0, 2000)
QUTIP_CUTOFF = {1: 24, 2: 10, 3: 5}
THERMAL_TOL = {1: 1e-6, 2: 1e-6, 3: 1e-6, 4: 1e-3, 5: 1e-3, 6: 1e-3}


def toy(n: int) -> ExchangeModel:
    return ExchangeModel(
        detunings=-0.5 * np.arange(n, dtype=np.float64), couplings=np.full(n, 1 / np.sqrt(n))
    )


def qutip_p_up(model: ExchangeModel, cutoff: int) -> tuple[np.ndarray, float]:
    n, levels = model.n_modes, cutoff + 1
    eye = [qutip.qeye(levels)] * n
    ops = [
        qutip.tensor([qutip.qeye(2), *eye[:m], qutip.destroy(levels), *eye[m + 1 :]])
        for m in range(n)
    ]
    sp = qutip.tensor([qutip.sigmap(), *eye])
    h = 0 * sp
    for m, a in enumerate(ops):
        h += model.detunings[m] * a.dag() * a + model.couplings[m] * (sp * a + sp.dag() * a.dag())
    rho0 = qutip.tensor([qutip.basis(2, 1).proj()] + [qutip.thermal_dm(levels, N_BAR)] * n)
    up = qutip.tensor([qutip.basis(2, 0).proj(), *eye])
    q = N_BAR / (1 + N_BAR)
    dropped = 1 - (1 - q**levels) ** n  # thermal weight outside the truncated space
    res = qutip.mesolve(h, rho0, TIMES, e_ops=[up], options={"atol": 1e-12, "rtol": 1e-10})
    return np.asarray(res.expect[0]), dropped


def main() -> None:
    print(f"P_up(t), {TIMES.size} times in [0, 20], nbar = {N_BAR}, toy spectrum; 1 thread")
    print(
        f"{'N':>2} {'method':>34} {'time/s':>8} {'pts/s':>9} {'max|diff|':>10} {'bound':>9} ratio"
    )
    with threadpool_limits(1):
        for n in range(1, 7):
            model = toy(n)
            t0 = time.perf_counter()
            ours = solve_exchange(
                model,
                TIMES,
                n_bar=N_BAR,
                thermal_tol=THERMAL_TOL[n],
                max_dense_dim=1000,
                n_samples=1,
                rng=n,
            )
            t_ours = time.perf_counter() - t0
            how = (
                "exact sectors"
                if ours.exact
                else f"sectors + typicality K>={ours.sampled_sectors[0]}"
            )
            how += f", tol {THERMAL_TOL[n]:g}"
            if n in QUTIP_CUTOFF:
                t0 = time.perf_counter()
                ref, dropped = qutip_p_up(model, QUTIP_CUTOFF[n])
                t_qt = time.perf_counter() - t0
                diff = float(np.max(np.abs(ours.p_up - ref)))
                bound = dropped + ours.neglected_weight + 1e-6
                assert diff <= bound, f"N={n}: disagreement {diff:.3g} > bound {bound:.3g}"
                print(
                    f"{n:>2} {how:>34} {t_ours:8.2f} {TIMES.size / t_ours:9.0f} {diff:10.2e} "
                    f"{bound:9.1e}"
                )
                print(
                    f"{n:>2} {'qutip mesolve cutoff ' + str(QUTIP_CUTOFF[n]):>34} {t_qt:8.2f} "
                    f"{TIMES.size / t_qt:9.0f} {'':>10} {'':>9} {t_qt / t_ours:.1f}x"
                )
            else:
                dim = 2 * 8**n
                sampled = float(np.sum(ours.sector_weights[list(ours.sampled_sectors)]))
                print(
                    f"{n:>2} {how:>34} {t_ours:8.2f} {TIMES.size / t_ours:9.0f} "
                    f"{'':>10} {ours.neglected_weight:9.1e}   (sampled weight {sampled:.3f}; "
                    f"QuTiP: cutoff 7 needs a {dim}x{dim} density matrix, not run)"
                )


if __name__ == "__main__":
    main()
