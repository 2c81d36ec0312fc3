r"""Figures of merit of a charging protocol, from E(τ) and its exact derivative.

With E(τ) the energy stored in the battery when the charger is switched off at τ
(E(0) = 0 for an empty battery): average power P(τ) = E(τ)/τ, instantaneous power
P_inst(τ) = dE/dτ, maximal average power P_max = max_τ P(τ) at τ̄ (where τ P_inst = E),
and the first local maximum of E(τ) (P_inst changes sign from + to −). Energy into the
battery is positive. Maxima are located on a grid and refined with Brent's method on
the exact derivative (root-finding precision ~1e-14 in τ).

References:
    D. Ferraro et al., PRL 120, 117702 (2018), doi:10.1103/PhysRevLett.120.117702.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
from scipy.optimize import brentq

from .._checks import FloatArray, check_positive

__all__ = [
    "ChargingCurve",
    "ChargingFigures",
    "PowerLawFit",
    "charging_curve",
    "charging_figures",
    "fit_power_law",
]


class _Charger(Protocol):
    def energy_and_power(self, times: Any) -> tuple[FloatArray, FloatArray]: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class ChargingCurve:
    """E(τ) and powers on a time grid (energy into the battery positive).

    Attributes:
        times: (nt,) switch-off times τ.
        energy: (nt,) stored energy E(τ) (minus the initial battery energy).
        instantaneous_power: (nt,) dE/dτ.
        average_power: (nt,) E(τ)/τ (0 at τ = 0).
    """

    times: FloatArray
    energy: FloatArray
    instantaneous_power: FloatArray
    average_power: FloatArray


@dataclass(frozen=True, slots=True, kw_only=True)
class ChargingFigures:
    """Maximal average power and first energy maximum of a charging curve.

    Attributes:
        p_max: max_τ E(τ)/τ.
        tau_p_max: τ̄, its time.
        energy_at_tau_p_max: E(τ̄).
        energy_max_first: E at the first local maximum of E(τ) (nan if none in the window).
        tau_energy_max_first: its time (nan if none).
        p_max_at_window_edge: True when P(τ) still grows at the end of the window.
    """

    p_max: float
    tau_p_max: float
    energy_at_tau_p_max: float
    energy_max_first: float
    tau_energy_max_first: float
    p_max_at_window_edge: bool


def charging_curve(charger: _Charger, times: Any, *, energy_offset: float = 0.0) -> ChargingCurve:
    """Evaluate E(τ) − `energy_offset`, dE/dτ and E/τ on `times`."""
    t = np.asarray(times, dtype=float)
    E, P = charger.energy_and_power(t)
    E = E - energy_offset
    with np.errstate(divide="ignore", invalid="ignore"):
        avg = np.where(t > 0, E / np.where(t > 0, t, 1.0), 0.0)
    return ChargingCurve(times=t, energy=E, instantaneous_power=P, average_power=avg)


def charging_figures(
    charger: _Charger, tau_max: float, *, n_grid: int = 1201, energy_offset: float = 0.0
) -> ChargingFigures:
    r"""P_max, τ̄, E(τ̄), and the first local maximum of E(τ) within (0, tau_max].

    Args:
        charger: object with ``energy_and_power(times) -> (E, dE/dt)`` (e.g. a
            `ClosedCharging` or `DickeCharging`).
        tau_max: end of the window (> 0). The grid must resolve the oscillations of E(τ):
            the first maximum is the first sign change + → − of dE/dτ on the grid.
        n_grid: grid points in (0, tau_max].
        energy_offset: battery energy at τ = 0 (subtracted).
    """
    T = float(check_positive(tau_max, "tau_max"))
    if n_grid < 8:
        raise ValueError(f"`n_grid` must be >= 8; got {n_grid}.")
    t = np.linspace(T / n_grid, T, n_grid)
    E, P = charger.energy_and_power(t)
    E = E - energy_offset

    def e_and_p(tau: float) -> tuple[float, float]:
        e, p = charger.energy_and_power(np.array([tau]))
        return float(e[0] - energy_offset), float(p[0])

    # d(E/τ)/dτ ∝ g(τ) = τ P_inst − E; P_max where g changes sign from + to −.
    g = t * P - E
    i = int(np.argmax(E / t))
    edge = False
    lo, hi = max(i - 1, 0), min(i + 1, t.size - 1)
    if g[lo] > 0 > g[hi] or (g[lo] >= 0 and g[hi] < 0):

        def g_fn(s: float) -> float:
            e, p = e_and_p(s)
            return s * p - e

        tau = float(brentq(g_fn, t[lo], t[hi], xtol=1e-14))
    elif i == t.size - 1:
        tau, edge = float(t[i]), True
    else:  # maximum sits on a grid point to round-off
        tau = float(t[i])
    e_tau = e_and_p(tau)[0]
    p_max = e_tau / tau
    sign = np.nonzero((P[:-1] > 0) & (P[1:] <= 0))[0]
    if sign.size:
        j = int(sign[0])
        if P[j + 1] == 0.0:
            t_e = float(t[j + 1])
        else:
            t_e = float(brentq(lambda s: e_and_p(s)[1], t[j], t[j + 1], xtol=1e-14))
        e_max = e_and_p(t_e)[0]
    else:
        t_e, e_max = float("nan"), float("nan")
    return ChargingFigures(
        p_max=p_max,
        tau_p_max=tau,
        energy_at_tau_p_max=e_tau,
        energy_max_first=e_max,
        tau_energy_max_first=t_e,
        p_max_at_window_edge=edge,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class PowerLawFit:
    """Least-squares fit y = prefactor · x^exponent in log–log space.

    Attributes:
        exponent: fitted exponent α.
        prefactor: fitted prefactor.
        residual_rms: RMS of the log residuals.
    """

    exponent: float
    prefactor: float
    residual_rms: float


def fit_power_law(x: Any, y: Any) -> PowerLawFit:
    """Fit y ∝ x^α (e.g. Γ_N ∝ N^α, P_max ∝ N^α) by linear least squares on logs."""
    xa = np.asarray(x, dtype=float).ravel()
    ya = np.asarray(y, dtype=float).ravel()
    if xa.size != ya.size or xa.size < 2:
        raise ValueError(
            f"`x` and `y` must be equal-length with >= 2 points; got {xa.size}, {ya.size}."
        )
    if np.any(xa <= 0) or np.any(ya <= 0):
        raise ValueError("`x` and `y` must be positive for a power-law fit.")
    A = np.vstack([np.log(xa), np.ones_like(xa)]).T
    (alpha, c), *_ = np.linalg.lstsq(A, np.log(ya), rcond=None)
    res = np.log(ya) - A @ np.array([alpha, c])
    return PowerLawFit(
        exponent=float(alpha),
        prefactor=float(np.exp(c)),
        residual_rms=float(np.sqrt(np.mean(res**2))),
    )
