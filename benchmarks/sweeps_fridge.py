"""Batched sweep of the three-qubit absorption refrigerator (Linden, Popescu, Skrzypczyk 2010).

Checks agreement with QuTiP (steadystate of the same local Lindblad equation, heat
current J_c = Tr[H0 D_c(rho)]) at a few grid points first, then times:
  * quantherm: `quantherm.sweeps.sweep(fridge, grid)` in process, batched (chunks of 10^4);
  * QuTiP: `qutip.steadystate` + the heat current, point by point.
and prints points/s and the ratio.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/sweeps_fridge.py            # 10^5 points
    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/sweeps_fridge.py --points 1000000
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from threadpoolctl import threadpool_limits

import quantherm.sweeps as qs
from quantherm.papers.fridge import REPRODUCTION as FRIDGE


def qutip_heat_current_c(p: dict, qt) -> float:
    """J_c of the local LPS fridge with QuTiP, built independently of quantherm."""
    w = {"c": p["w_c"], "h": p["w_h"], "r": p["w_c"] + p["w_h"]}
    T = {"c": p["T_c"], "h": p["T_h"], "r": p["T_r"]}
    sm = [qt.tensor(*[qt.destroy(2) if j == k else qt.qeye(2) for j in range(3)]) for k in range(3)]
    H0 = sum(w[name] * sm[k].dag() * sm[k] for k, name in enumerate("chr"))
    up = sm[0].dag() * sm[1].dag() * sm[2]
    H = H0 + p["g"] * (up + up.dag())
    ops = {}
    for k, name in enumerate("chr"):
        n = 1.0 / np.expm1(w[name] / T[name])
        ops[name] = [np.sqrt(p["gamma"] * (1 + n)) * sm[k], np.sqrt(p["gamma"] * n) * sm[k].dag()]
    rho = qt.steadystate(H, [c for cs in ops.values() for c in cs])
    D = sum(qt.lindblad_dissipator(c) for c in ops["c"])
    return float(qt.expect(H0, qt.vector_to_operator(D * qt.operator_to_vector(rho))).real)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--points", type=float, default=1e5, help="grid size (a square T_h x w_c grid)")
    ap.add_argument("--chunk", type=int, default=10_000)
    ap.add_argument("--qutip-points", type=int, default=40)
    args = ap.parse_args()
    side = round(np.sqrt(args.points))
    grid = {"T_h": np.linspace(2.0, 8.0, side), "w_c": np.linspace(0.2, 2.0, side)}
    with threadpool_limits(1):
        # 1. agreement with QuTiP at a few points of the grid
        import qutip as qt

        small = qs.sweep(
            FRIDGE,
            {"T_h": grid["T_h"][:: max(1, side // 3)], "w_c": grid["w_c"][:: max(1, side // 2)]},
        )
        worst = 0.0
        for th in small["T_h"].values:
            for wc in small["w_c"].values:
                p = FRIDGE.resolve({"T_h": float(th), "w_c": float(wc)})
                ours = float(small["heat_current_c"].sel(T_h=th, w_c=wc))
                ref = qutip_heat_current_c(p, qt)
                worst = max(worst, abs(ours - ref) / max(abs(ref), 1e-12))
        print(
            f"agreement with QuTiP on {small.sizes['T_h'] * small.sizes['w_c']} points: "
            f"max rel. diff of J_c = {worst:.2e}"
        )
        assert worst < 1e-6, "quantherm and QuTiP disagree; timing skipped"

        # 2. quantherm: the whole grid, batched, in process
        t0 = time.perf_counter()
        ds = qs.sweep(FRIDGE, grid, chunk_size=args.chunk)
        t_q = time.perf_counter() - t0
        n = side * side
        failed = ds.attrs["failed_points"]
        print(
            f"quantherm batched sweep: {n:,} points in {t_q:.1f} s = {n / t_q:,.0f} points/s "
            f"(chunks of {args.chunk:,}; {failed} failed)"
        )

        # 3. QuTiP, point by point
        rng = np.random.default_rng(0)
        pts = [
            FRIDGE.resolve(
                {"T_h": float(rng.choice(grid["T_h"])), "w_c": float(rng.choice(grid["w_c"]))}
            )
            for _ in range(args.qutip_points)
        ]
        t0 = time.perf_counter()
        for p in pts:
            qutip_heat_current_c(p, qt)
        t_qt = (time.perf_counter() - t0) / len(pts)
        print(f"QuTiP steadystate + heat current, point by point: {1 / t_qt:,.0f} points/s")
        print(f"ratio quantherm/QuTiP (points/s): {n / t_q * t_qt:.1f}x")


if __name__ == "__main__":
    main()
