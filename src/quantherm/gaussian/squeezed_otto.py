r"""Quantum Otto engine of one oscillator with a squeezed thermal hot bath (Roßnagel et al.).

Cycle: thermalise at w_h with a squeezed thermal bath (T_h, r) -> slow (quantum adiabatic)
frequency change w_h -> w_c -> thermalise with a thermal cold bath T_c at w_c -> back to w_h.
The hot bath's steady state is sigma_h = (n_h + 1/2) S_r S_r^T (Lyapunov steady state of
`local_dissipator(..., squeezing=r)`), with energy w_h (n_h + 1/2) cosh 2r; adiabatic strokes
keep E/w. Per cycle (energies into the system positive, DESIGN.md):
Q_h = w_h (e_h - e_c), Q_c = w_c (e_c - e_h), W = -(w_h - w_c)(e_h - e_c), with
e_h = (n_h + 1/2) cosh 2r and e_c = n_c(w_c) + 1/2. The efficiency is 1 - w_c/w_h.
High-temperature limit: the squeezed bath acts as T_h cosh 2r, so
eta(max power) = 1 - sqrt(T_c/(T_h cosh 2r)) and eta_max = 1 - T_c/(T_h cosh 2r).

Reference: J. Roßnagel, O. Abah, F. Schmidt-Kaler, K. Singer, E. Lutz, PRL 112, 030602 (2014),
DOI 10.1103/PhysRevLett.112.030602.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize_scalar

from .._checks import check_positive
from ..core.states import bose_occupation
from .covariance import energy
from .lyapunov import GaussianOpenSystem, local_dissipator

__all__ = [
    "squeezed_bath_energy",
    "squeezed_otto_efficiency_high_t",
    "squeezed_otto_efficiency_max",
    "squeezed_otto_efficiency_max_power",
    "squeezed_otto_work",
]


def squeezed_bath_energy(w: float, T: float, r: float) -> float:
    """<a^dag a> + 1/2 of the steady state of a mode damped by a squeezed thermal bath."""
    n = float(bose_occupation(w, T))
    H = w * np.eye(2)
    sys = GaussianOpenSystem(H, {"bath": local_dissipator(1, 0, 1.0, n, squeezing=r)})
    return float(energy(H, sys.steady_state())) / w


def squeezed_otto_work(w_h: float, w_c: float, T_h: float, T_c: float, r: float) -> float:
    """Work per cycle done ON the oscillator (engine: < 0)."""
    e_h = squeezed_bath_energy(w_h, T_h, r)
    e_c = float(bose_occupation(w_c, T_c)) + 0.5 if T_c > 0 else 0.5
    return float(-(w_h - w_c) * (e_h - e_c))


def squeezed_otto_efficiency_high_t(T_c_over_T_h: float, r: float) -> tuple[float, float]:
    """(eta at maximum power, eta_max) in the high-temperature limit (closed forms above)."""
    x = float(check_positive(T_c_over_T_h, "T_c_over_T_h")) / np.cosh(2 * r)
    return float(1 - np.sqrt(x)), float(1 - x)


def squeezed_otto_efficiency_max(w_h: float, T_h: float, T_c: float, r: float) -> float:
    """Largest efficiency 1 - w_c/w_h with W <= 0 (exact, any temperature).

    W = 0 when n_c(w_c) + 1/2 = e_h: w_c = 2 T_c arccoth(2 e_h).
    """
    e_h = squeezed_bath_energy(w_h, T_h, r)
    w0 = 2 * T_c * np.arctanh(1.0 / (2 * e_h))
    return float(1 - w0 / w_h)


def squeezed_otto_efficiency_max_power(w_h: float, T_h: float, T_c: float, r: float) -> float:
    """Efficiency 1 - w_c/w_h at the w_c that maximises the power output -W (exact quantum)."""
    eta_max = squeezed_otto_efficiency_max(w_h, T_h, T_c, r)
    if eta_max <= 0:
        raise ValueError("no engine regime: the cold bath is effectively hotter than the hot one.")
    lo = w_h * (1 - eta_max)
    res = minimize_scalar(
        lambda wc: squeezed_otto_work(w_h, wc, T_h, T_c, r),
        bounds=(lo, w_h),
        method="bounded",
        options={"xatol": 1e-12 * w_h},
    )
    return float(1 - res.x / w_h)
