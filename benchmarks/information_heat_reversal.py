"""Benchmark: the Micadei heat-reversal curve and its information books, quantherm vs QuTiP.

Workload (what a user of `heat-reversal` does): two locally thermal qubits with the initial
correlation alpha = -0.1, the energy-preserving partial swap U(tau) on N_TAU interaction times;
for each tau the heat Q_A, Q_B, the mutual information change and the relative entropies
D(rho_X' || gamma_X) that close the Partovi / Jennings-Rudolph identity.

* quantherm: `heat_exchange(rho, H, H, U, T_A, T_B)` per point (validates U, books everything),
  and once for the whole batch of unitaries (shape (N_TAU, 4, 4)).
* QuTiP 5: `(-i H_AB tau).expm()`, `ptrace`, `expect`, `entropy_mutual`, `entropy_relative`.

Agreement is checked first, then wall times and points/s are printed. Single thread. Run:
    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/information_heat_reversal.py
"""

from __future__ import annotations

import math
import os
import platform
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
from threadpoolctl import threadpool_limits

from quantherm.information import (
    heat_exchange,
    interaction_unitary_micadei,
    thermal_qubits_correlated,
)

N_TAU = 400
J = 215.1
T_A, T_B = 1 / 1.00870, 1 / 1.14880
ALPHA = -0.1


def ours(taus: np.ndarray) -> np.ndarray:
    H = np.diag([0.0, 1.0])
    rho = thermal_qubits_correlated(T_A, T_B, ALPHA)
    out = np.empty((taus.size, 4))
    for i, t in enumerate(taus):
        ex = heat_exchange(rho, H, H, interaction_unitary_micadei(math.pi * J * t), T_A, T_B)
        out[i] = (
            ex.heat_a,
            ex.heat_b,
            ex.delta_mutual_information,
            ex.relative_entropy_a + ex.relative_entropy_b,
        )
    return out


def ours_batched(taus: np.ndarray) -> np.ndarray:
    H = np.diag([0.0, 1.0])
    rho = thermal_qubits_correlated(T_A, T_B, ALPHA)
    ex = heat_exchange(rho, H, H, interaction_unitary_micadei(math.pi * J * taus), T_A, T_B)
    return np.stack(
        [
            ex.heat_a,
            ex.heat_b,
            ex.delta_mutual_information,
            ex.relative_entropy_a + ex.relative_entropy_b,
        ],
        axis=-1,
    )


def theirs(taus: np.ndarray) -> np.ndarray:
    import qutip

    dims = [[2, 2], [2, 2]]
    rho = qutip.Qobj(thermal_qubits_correlated(T_A, T_B, ALPHA), dims=dims)
    H = qutip.Qobj(np.diag([0.0, 1.0]))
    ga = (-H / T_A).expm().unit()
    gb = (-H / T_B).expm().unit()
    sx, sy = qutip.sigmax(), qutip.sigmay()
    Hab = (math.pi / 2) * J * (qutip.tensor(sx, sy) - qutip.tensor(sy, sx))
    i0 = qutip.entropy_mutual(rho, 0, 1)
    ea0, eb0 = qutip.expect(H, rho.ptrace(0)), qutip.expect(H, rho.ptrace(1))
    out = np.empty((taus.size, 4))
    for i, t in enumerate(taus):
        U = (-1j * Hab * t).expm()
        rf = U * rho * U.dag()
        ra, rb = rf.ptrace(0), rf.ptrace(1)
        out[i] = (
            qutip.expect(H, ra) - ea0,
            qutip.expect(H, rb) - eb0,
            qutip.entropy_mutual(rf, 0, 1) - i0,
            qutip.entropy_relative(ra, ga) + qutip.entropy_relative(rb, gb),
        )
    return out


def main() -> None:
    import qutip

    taus = np.linspace(0.0, 1 / (2 * J), N_TAU)
    with threadpool_limits(1):
        a, b = ours(taus[:20]), theirs(taus[:20])  # warm-up and agreement
        err = max(float(np.max(np.abs(a - b))), float(np.max(np.abs(ours_batched(taus[:20]) - b))))
        print(f"agreement (max abs diff over Q_A, Q_B, dI, D_A + D_B): {err:.2e}")
        if err > 1e-9:
            sys.exit("quantherm and QuTiP disagree; not timing")
        t0 = time.perf_counter()
        ours(taus)
        t_ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        ours_batched(taus)
        t_batch = time.perf_counter() - t0
        t0 = time.perf_counter()
        theirs(taus)
        t_q = time.perf_counter() - t0
    machine = platform.processor() or platform.machine()
    print(f"{machine}, numpy {np.__version__}, qutip {qutip.__version__}")
    print(f"{N_TAU} points, one call per point:")
    print(f"  quantherm {t_ours:.3f} s ({N_TAU / t_ours:.0f} points/s)")
    print(f"  QuTiP     {t_q:.3f} s ({N_TAU / t_q:.0f} points/s)")
    print(f"  ratio QuTiP/quantherm = {t_q / t_ours:.2f}")
    print(f"one batched call (U of shape ({N_TAU}, 4, 4)): quantherm {t_batch:.4f} s")
    print(f"  ({N_TAU / t_batch:.0f} points/s), ratio QuTiP/quantherm = {t_q / t_batch:.1f}")


if __name__ == "__main__":
    main()
