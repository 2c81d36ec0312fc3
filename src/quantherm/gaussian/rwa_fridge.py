r"""Weak-coupling (rotating-wave, local Lindblad) counterpart of the driven two-oscillator fridge.

In the frame rotating with the bare frequencies the resonant drive lam cos(w_d t) x1 x2
(w_d = w2 - w1) becomes g (a^dag b + b^dag a), g = lam/(4 sqrt(w1 w2)); each node is damped by
its reservoir at the energy relaxation rate Gamma_j = pi I(w_j)/w_j with occupation
n_j = N(w_j, T_j). The steady covariance comes from the Lyapunov equation and the cold current
is J_c = w1 Gamma_c (n_c - <a^dag a>) (positive = the cold reservoir is cooled); the closed form
is J_c = w1 4 g^2 Gamma_c Gamma_h (n_c - n_h)/[(Gamma_c + Gamma_h)(Gamma_c Gamma_h + 4 g^2)].
This treatment has no pair creation, so it cools at every T_c > 0 (Freitas & Paz's point).

Reference: A. Levy, R. Alicki, R. Kosloff, PRE 85, 061126 (2012), DOI 10.1103/PhysRevE.85.061126.
"""

from __future__ import annotations

import numpy as np

from ..core.states import bose_occupation
from .lyapunov import GaussianOpenSystem, local_dissipator
from .symplectic import oscillators_hamiltonian

__all__ = ["rwa_fridge_currents", "rwa_fridge_t_min"]


def rwa_fridge_currents(
    *, w1: float, w2: float, lam: float, gamma: float, cutoff: float, T_c: float, T_h: float
) -> tuple[float, float]:
    """(J_c, J_h) of the RWA/local-Lindblad fridge (into the network > 0; J_c > 0: cooling)."""
    g = lam / (4 * np.sqrt(w1 * w2))
    rates = [2 * gamma * np.exp(-((w / cutoff) ** 2)) for w in (w1, w2)]
    occ = [bose_occupation(w1, T_c), bose_occupation(w2, T_h)]
    H_rot = oscillators_hamiltonian([0.0, 0.0], [[0.0, g], [g, 0.0]], coupling="rwa")
    system = GaussianOpenSystem(
        H_rot,
        {
            "cold": local_dissipator(2, 0, rates[0], occ[0]),
            "hot": local_dissipator(2, 1, rates[1], occ[1]),
        },
        H_energy=oscillators_hamiltonian([w1, w2]),
    )
    J = system.heat_currents(system.steady_state())
    return float(J["cold"]), float(J["hot"])


def rwa_fridge_t_min(*, w1: float, w2: float, T_h: float) -> float:
    """Lowest T_c at which the RWA fridge cools: n(w1, T_c) > n(w2, T_h), i.e. T_c > T_h w1/w2."""
    return float(T_h * w1 / w2)
