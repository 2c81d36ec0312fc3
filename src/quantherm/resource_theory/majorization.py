"""Thermo-majorization curves and the exact thermal-operation test for block-diagonal states.

For populations p and Gibbs populations gamma (k_B = 1):
1. beta-order the levels by p_i/gamma_i, decreasing (ties in any order: the curve is the same);
2. elbows (x_k, y_k) = (sum_{j<=k} gamma_pi(j), sum_{j<=k} p_pi(j)), k = 0..d;
3. L_p(x) is the concave piecewise-linear interpolation from (0, 0) to (1, 1).
p -> q by a thermal operation iff L_p(x) >= L_q(x) on [0, 1], which it suffices to test at
the elbows of q (HO); iff a Gibbs-preserving stochastic matrix maps p to q (Janzing et al.).
At T = inf the curve is the Lorenz curve and the test is ordinary majorization.

Reference: M. Horodecki, J. Oppenheim, Nat. Commun. 4, 2059 (2013), doi:10.1038/ncomms3059.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from .._checks import FloatArray
from .._config import get_options
from ._validate import check_temperature_positive
from .states import as_populations, thermal_frame

__all__ = ["ThermoMajorizationCurve", "TransitionVerdict", "thermo_majorizes", "tm_curve"]

IntArray = npt.NDArray[np.intp]


@dataclass(frozen=True, slots=True, kw_only=True)
class ThermoMajorizationCurve:
    """The thermo-majorization (Lorenz) curve of a block-diagonal state.

    Attributes:
        x: elbow abscissae, shape (d + 1,): cumulative Gibbs weight (0 ... 1).
        y: elbow ordinates, shape (d + 1,): cumulative population (0 ... 1).
        order: beta-order, shape (d,): level indices sorted by p_i/gamma_i, decreasing.
        log_slopes: ln(p_i/gamma_i) of the segments, shape (d,), non-increasing (-inf for
            empty levels).
    """

    x: FloatArray
    y: FloatArray
    order: IntArray
    log_slopes: FloatArray

    def __call__(self, x: Any) -> FloatArray | float:
        """L(x) by linear interpolation between the elbows (x in [0, 1])."""
        v = np.interp(np.asarray(x, dtype=np.float64), self.x, self.y)
        return float(v) if np.ndim(v) == 0 else np.asarray(v)

    def inverse(self, y: Any) -> FloatArray | float:
        """Smallest x with L(x) >= y (y in [0, 1]); the Gibbs weight needed to hold mass y."""
        yy = np.asarray(y, dtype=np.float64)
        d = self.order.size
        k = np.clip(np.searchsorted(self.y[1:], yy - 1e-15, side="left"), 0, d - 1)
        x0, y0, x1 = self.x[k], self.y[k], self.x[k + 1]
        dy = self.y[k + 1] - y0
        with np.errstate(divide="ignore", invalid="ignore"):
            frac = np.where(dy > 0, (yy - y0) / np.where(dy > 0, dy, 1.0), 0.0)
        v = np.where(yy <= 0, 0.0, x0 + np.clip(frac, 0.0, 1.0) * (x1 - x0))
        return float(v) if v.ndim == 0 else np.asarray(v)


@dataclass(frozen=True, slots=True, kw_only=True)
class TransitionVerdict:
    """Outcome of the thermo-majorization test p -> q.

    Attributes:
        allowed: True if p thermo-majorizes q (min_gap >= -atol).
        min_gap: min over the inner elbows k = 1..d-1 of q of L_p(x_k) - y_k (negative:
            forbidden; 0: the curves touch; positive: a strict margin; 0 when d = 1).
        elbow: index k of q's elbow with the smallest gap (the witness when forbidden), with
            k counting levels in q's beta-order (d when d = 1).
        elbow_x, elbow_y: that elbow's coordinates (x = Gibbs weight, y = population).
        atol: tolerance used for the decision.
    """

    allowed: bool
    min_gap: float
    elbow: int
    elbow_x: float
    elbow_y: float
    atol: float


def curve_core(p: FloatArray, log_gamma: FloatArray) -> ThermoMajorizationCurve:
    """The curve of validated populations p for Gibbs log-populations (O(d log d))."""
    with np.errstate(divide="ignore"):
        lr = np.log(p) - log_gamma
    order = np.argsort(-lr, kind="stable")
    x = np.concatenate(([0.0], np.cumsum(np.exp(log_gamma[order]))))
    y = np.concatenate(([0.0], np.cumsum(p[order])))
    x /= x[-1]
    y /= y[-1]
    return ThermoMajorizationCurve(x=x, y=y, order=order, log_slopes=lr[order])


def verdict_core(
    p: FloatArray, q: FloatArray, log_gamma: FloatArray, atol: float
) -> tuple[TransitionVerdict, ThermoMajorizationCurve, ThermoMajorizationCurve]:
    """Elbow test of L_p >= L_q for validated inputs; returns the verdict and both curves."""
    cp, cq = curve_core(p, log_gamma), curve_core(q, log_gamma)
    d = p.size
    # the end points (k = 0 and k = d) always touch; the interior elbows decide
    inner = np.interp(cq.x[1:d], cp.x, cp.y) - cq.y[1:d]
    k = int(np.argmin(inner)) + 1 if d > 1 else d
    gap = float(inner[k - 1]) if d > 1 else 0.0
    verdict = TransitionVerdict(
        allowed=bool(gap >= -atol),
        min_gap=gap,
        elbow=k,
        elbow_x=float(cq.x[k]),
        elbow_y=float(cq.y[k]),
        atol=atol,
    )
    return verdict, cp, cq


def tm_curve(rho: Any, H: Any, T: float) -> ThermoMajorizationCurve:
    """Thermo-majorization curve of a block-diagonal state.

    Args:
        rho: populations (d,) or density matrix (d, d) commuting with `H`.
        H: energy levels (d,) or Hamiltonian (d, d).
        T: temperature in (0, inf] (k_B = 1); inf gives the Lorenz curve of majorization.

    Returns:
        The curve with elbows normalized to end at (1, 1) (HO plot x with e^{-E/T};
        the normalization by Z does not change any comparison).

    Examples:
        >>> c = tm_curve([0.5, 0.5], [0.0, 1.0], 1.0)
        >>> c.x.round(6).tolist(), c.y.tolist()
        ([0.0, 0.268941, 1.0], [0.0, 0.5, 1.0])
    """
    p, E = as_populations(rho, H)
    return curve_core(p, thermal_frame(E, check_temperature_positive(T, allow_inf=True)).log_gamma)


def thermo_majorizes(
    rho: Any, sigma: Any, H: Any, T: float, *, atol: float | None = None
) -> TransitionVerdict:
    """Exact test of rho -> sigma by thermal operations (block-diagonal states).

    rho -> sigma iff L_rho(x_k) >= y_k at every elbow (x_k, y_k) of sigma's curve (HO).
    Cost O(d log d) (two sorts and a merge).

    Args:
        rho, sigma: initial and target states, populations (d,) or density matrices (d, d)
            commuting with `H`.
        H: energy levels (d,) or Hamiltonian (d, d).
        T: temperature in (0, inf]; T = inf reduces the test to majorization.
        atol: tolerance on the gap (default `atol_law` of `quantherm.set_options`); gaps in
            [-atol, 0) count as ties, i.e. allowed.

    Returns:
        A `TransitionVerdict` (allowed, min_gap and the elbow of sigma that forbids it).

    Examples:
        >>> thermo_majorizes([1.0, 0.0], [0.5, 0.5], [0.0, 1.0], 1.0).allowed
        False
    """
    t = check_temperature_positive(T, allow_inf=True)
    p, E = as_populations(rho, H, name="rho")
    q, _ = as_populations(sigma, H, name="sigma")
    tol = get_options().atol_law if atol is None else float(atol)
    return verdict_core(p, q, thermal_frame(E, t).log_gamma, tol)[0]
