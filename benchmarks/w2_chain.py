"""W2 chain-scaling: XX chain, hot bath on site 0, cold bath on site N-1 (BASELINES.md W2).

H = sum_k (w/2) sz_k + J sum_k (s+_k s-_{k+1} + h.c.), w = 1, J = 0.2; local master equation
(jumps of the bare H0), flat baths gamma = 0.05, T_h = 2, T_c = 1, coupled through sigma_x of
the end spins; J_h = Tr[H0 D_h(rho)]. The chain is ballistic, so J_h = 6.748276839848e-03
for every N (BASELINES, N = 2..7).

quantherm: `steady_state(master_equation(...))`, automatic method: the invariant block holding
the populations (the zero-coherence sector, C(2N, N) unknowns) and, above 1200 unknowns,
GMRES preconditioned by the Sylvester part of the generator (quantherm.dynamics.steady).
QuTiP: `liouvillian` + `steadystate` (default direct solver) on the same physics, J_h from
the same formula. Each (tool, N) runs in its own subprocess with a wall-clock limit; peak RSS
is that process's ru_maxrss. Agreement is checked first (against QuTiP where it runs, else
against the N-independent reference value).

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/w2_chain.py [--nmax 10] [--qutip-nmax 7] [--limit 150]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

W, JX, GAMMA, T_H, T_C = 1.0, 0.2, 0.05, 2.0, 1.0
J_REF = 6.748276839848e-03


def _ops(N: int):  # sparse site operators (dense at the end: master_equation takes arrays)
    import scipy.sparse as sp

    sz = sp.csr_matrix([[1.0, 0.0], [0.0, -1.0]])
    sp_ = sp.csr_matrix([[0.0, 1.0], [0.0, 0.0]])  # QuTiP sigmap = |0><1| (excited = |0>)
    sx = sp.csr_matrix([[0.0, 1.0], [1.0, 0.0]])

    def site(op, k):
        return sp.kron(sp.kron(sp.identity(2**k), op), sp.identity(2 ** (N - k - 1)), format="csr")

    H0 = sum(W / 2 * site(sz, k) for k in range(N))
    V = sum(
        JX * (site(sp_, k) @ site(sp_.T, k + 1) + site(sp_.T, k) @ site(sp_, k + 1))
        for k in range(N - 1)
    )
    return H0, V, site(sx, 0), site(sx, N - 1)


def run_quantherm(N: int) -> dict:
    import numpy as np
    from threadpoolctl import threadpool_limits

    import quantherm as qh
    from quantherm.dynamics import master_equation, steady_state

    with threadpool_limits(1):
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        c0, t0 = time.process_time(), time.perf_counter()
        H0, V, Xh, Xc = (m.toarray() for m in _ops(N))
        hot = qh.Bath(name="h", T=T_H, spectral_density=qh.FlatSpectrum(GAMMA))
        cold = qh.Bath(name="c", T=T_C, spectral_density=qh.FlatSpectrum(GAMMA))
        me = master_equation(H0 + V, [(Xh, hot), (Xc, cold)], kind="local", H0=H0)
        t1 = time.perf_counter()
        ss = steady_state(me)
        t2 = time.perf_counter()
        led = qh.steady_state_ledger(ss)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "J_h": float(np.asarray(led.heat["h"])),
        "wall": wall,
        "cpu": cpu,
        "build": t1 - t0,
        "solve": t2 - t1,
        "unknowns": ss.block_size,
        "method": ss.method,
        "iterations": ss.stats.get("iterations"),
        "residual": ss.residual,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss0_mb": rss0 / 1024,
    }


def run_qutip(N: int) -> dict:
    import numpy as np
    import qutip
    from threadpoolctl import threadpool_limits

    from quantherm.core.states import bose_occupation

    with threadpool_limits(1):
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        c0, t0 = time.process_time(), time.perf_counter()
        H0s, Vs, _, _ = _ops(N)
        dims = [[2] * N, [2] * N]
        H = qutip.Qobj(H0s + Vs, dims=dims)
        H0 = qutip.Qobj(H0s, dims=dims)

        def lower(k):
            ops = [qutip.qeye(2)] * N
            ops[k] = qutip.sigmam()  # |1><0|: lowers (w/2) sz (|0> is excited in QuTiP)
            return qutip.tensor(ops)

        c_ops = {}
        for name, k, T in (("h", 0, T_H), ("c", N - 1, T_C)):
            n = float(bose_occupation(W, T))
            c_ops[name] = [np.sqrt(GAMMA * (1 + n)) * lower(k), np.sqrt(GAMMA * n) * lower(k).dag()]
        L = qutip.liouvillian(H, c_ops["h"] + c_ops["c"])
        rho = qutip.steadystate(L)
        Dh = qutip.liouvillian(None, c_ops["h"])
        Jh = float(
            np.real((H0 * qutip.vector_to_operator(Dh * qutip.operator_to_vector(rho))).tr())
        )
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "J_h": Jh,
        "wall": wall,
        "cpu": cpu,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "rss0_mb": rss0 / 1024,
    }


def _sub(tool: str, N: int, limit: float) -> dict:
    cmd = [sys.executable, __file__, "--one", tool, str(N)]
    try:
        out = subprocess.run(
            cmd, capture_output=True, text=True, timeout=limit, env=os.environ.copy()
        )
    except subprocess.TimeoutExpired:
        return {"error": f"> {limit:.0f} s wall (killed)"}
    if out.returncode != 0:
        return {
            "error": out.stderr.strip().splitlines()[-1]
            if out.stderr.strip()
            else f"rc {out.returncode}"
        }
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--nmax", type=int, default=10)
    ap.add_argument("--nmin", type=int, default=2)
    ap.add_argument("--qutip-nmax", type=int, default=7, help="QuTiP direct needs ~70 s at N=8")
    ap.add_argument("--limit", type=float, default=150.0, help="wall-clock limit per (tool, N)")
    ap.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        tool, N = a.one[0], int(a.one[1])
        print(json.dumps(run_quantherm(N) if tool == "quantherm" else run_qutip(N)))
        return
    print(
        f"W2 XX chain (w={W}, J={JX}, gamma={GAMMA}, T_h={T_H}, T_c={T_C}); reference J_h = {J_REF:.12e}"
    )
    print(
        f"{'N':>2} {'unknowns':>9} {'quantherm s':>11} {'(iters)':>7} {'RSS MB':>7} {'QuTiP s':>8} "
        f"{'RSS MB':>7} {'ratio':>6}  {'|dJ| vs QuTiP':>13} {'|dJ| vs ref':>11}"
    )
    rows = []
    for N in range(a.nmin, a.nmax + 1):
        q = _sub("quantherm", N, a.limit)
        t = _sub("qutip", N, a.limit) if a.qutip_nmax >= N else {"error": "skipped"}
        if "error" in q:
            print(f"{N:>2} quantherm: {q['error']}")
            rows.append({"N": N, "quantherm": q, "qutip": t})
            continue
        dq = abs(q["J_h"] - t["J_h"]) if "J_h" in t else float("nan")
        dr = abs(q["J_h"] - J_REF)
        assert dr < 1e-12 and (dq != dq or dq < 1e-12), f"disagreement at N={N}: {q} {t}"
        ts = f"{t['wall']:8.3f}" if "wall" in t else f"{t['error'][:8]:>8}"
        tr = f"{t['rss_mb']:7.0f}" if "rss_mb" in t else f"{'-':>7}"
        ratio = f"{t['wall'] / q['wall']:6.1f}" if "wall" in t else f"{'-':>6}"
        print(
            f"{N:>2} {q['unknowns']:>9} {q['wall']:11.3f} {q['iterations'] or '-'!s:>7} "
            f"{q['rss_mb']:7.0f} {ts} {tr} {ratio}  {dq:13.1e} {dr:11.1e}",
            flush=True,
        )
        rows.append({"N": N, "quantherm": q, "qutip": t})
    print("ratio = QuTiP wall / quantherm wall (end to end: model build + steady state + J_h).")


if __name__ == "__main__":
    main()
