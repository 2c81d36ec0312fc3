"""Thermal-operation transition test: O(d log d) thermo-majorization vs brute-force LP.

Run: OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/resource_theory_transitions.py

1. Agreement first: on random block-diagonal pairs (d = 2..6, random energies and T, half of
   them images of random Gibbs-preserving maps pushed slightly), the elbow test and the LP
   search for a Gibbs-stochastic matrix must give the same decision away from ties.
2. Timing: both methods on identical problems for growing d (the LP has d^2 variables), then
   the elbow test alone at d = 1,000 (the issue's target: milliseconds).
3. A QuTiP cross-check of F_1 = <E> - T S on the same states (the only overlap with QuTiP).
"""

from __future__ import annotations

import time

import numpy as np
import qutip
from threadpoolctl import threadpool_limits

from quantherm.resource_theory import (
    free_energy_alpha,
    gibbs_stochastic_map,
    random_gibbs_preserving_map,
    thermo_majorizes,
)


def _pair(rng: np.random.Generator, d: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    E = rng.uniform(0, 3, d)
    T = float(rng.uniform(0.3, 3))
    p = rng.dirichlet(np.ones(d))
    if rng.uniform() < 0.5:
        q = random_gibbs_preserving_map(E, T, rng=rng) @ p + rng.normal(scale=0.01, size=d)
        q = np.clip(q, 0, None)
        q /= q.sum()
    else:
        q = rng.dirichlet(np.ones(d))
    return p, q, E, T


def _best(fn, repeat: int) -> float:
    best = np.inf
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(repeat):
            fn()
        best = min(best, (time.perf_counter() - t0) / repeat)
    return best


def main() -> None:
    rng = np.random.default_rng(2024)
    agree = total = ties = 0
    for _ in range(400):
        p, q, E, T = _pair(rng, int(rng.integers(2, 7)))
        v = thermo_majorizes(p, q, E, T)
        if abs(v.min_gap) < 1e-7:
            ties += 1
            continue
        total += 1
        agree += (gibbs_stochastic_map(p, q, E, T) is not None) == v.allowed
    print(f"agreement elbow test vs LP: {agree}/{total} (ties skipped: {ties})")
    assert agree == total, "thermo-majorization and LP disagree"

    print(f"{'d':>6} {'elbow test [ms]':>16} {'LP [ms]':>10} {'LP/elbow':>9}")
    for d in (3, 5, 8, 16, 32, 64):
        p, q, E, T = _pair(rng, d)
        t_tm = _best(lambda p=p, q=q, E=E, T=T: thermo_majorizes(p, q, E, T), 200)
        t_lp = _best(
            lambda p=p, q=q, E=E, T=T: gibbs_stochastic_map(p, q, E, T), 3 if d >= 32 else 10
        )
        print(f"{d:>6} {1e3 * t_tm:>16.3f} {1e3 * t_lp:>10.2f} {t_lp / t_tm:>9.0f}")
    for d in (1000, 10000):
        p, q, E, T = _pair(rng, d)
        t_tm = _best(lambda p=p, q=q, E=E, T=T: thermo_majorizes(p, q, E, T), 20)
        print(f"{d:>6} {1e3 * t_tm:>16.3f} {'(LP: d^2 = ' + format(d * d, ',') + ' vars)':>21}")

    states = [rng.dirichlet(np.ones(8)) for _ in range(200)]
    E = rng.uniform(0, 2, 8)
    H = qutip.Qobj(np.diag(E))
    ours = np.array([free_energy_alpha(s, E, 0.7, 1.0) for s in states])
    rhos = [qutip.Qobj(np.diag(s)) for s in states]
    ref = np.array([qutip.expect(H, r) - 0.7 * qutip.entropy_vn(r) for r in rhos])
    print(f"F_1 vs QuTiP <E> - T S: max |diff| = {np.max(np.abs(ours - ref)):.2e}")
    assert np.allclose(ours, ref, atol=1e-12)
    t_q = _best(lambda: [free_energy_alpha(s, E, 0.7, 1.0) for s in states], 3)
    t_r = _best(lambda: [qutip.expect(H, r) - 0.7 * qutip.entropy_vn(r) for r in rhos], 3)
    print(
        f"F_1 on 200 states: quantherm {len(states) / t_q:,.0f} states/s, "
        f"QuTiP {len(states) / t_r:,.0f} states/s, ratio {t_r / t_q:.2f}"
    )


if __name__ == "__main__":
    with threadpool_limits(1):
        main()
