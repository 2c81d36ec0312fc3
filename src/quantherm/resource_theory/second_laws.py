"""The many second laws: F_alpha(p) >= F_alpha(q) for all alpha, with verdicts and witnesses.

For block-diagonal states (BHNOW; Klimesh and Turgut for the catalytic majorization
structure), k_B = 1:
* thermal operations (TO): p -> q iff p thermo-majorizes q (`thermo_majorizes`);
* catalytic TO with an arbitrarily small imprecision (e.g. an arbitrarily small invested
  work): iff F_alpha(p) >= F_alpha(q) for every alpha >= 0;
* exact catalytic TO between full-rank states: the alpha < 0 conditions are needed too
  (controlled by the smallest populations relative to gamma; vacuous when p is rank
  deficient, where F_alpha(p) = +inf).
The ordinary second law is the alpha = 1 member. The verdicts here follow the card: a
tie (equality within tolerance, e.g. at alpha = 0 for full-rank pairs) is not a violation
(Klimesh/Turgut state the exact-catalysis theorem with strict inequalities for p != q; a
tie at alpha != 0 is a boundary case that we report in `ties`).

The alpha axis is scanned on a dense grid (default: ±10^-5..10^3, 161 log-spaced points per
decade-range side, plus 0, 1, ±inf); sign changes of Delta F_alpha = F_alpha(p) - F_alpha(q)
are refined with Brent's method. Near alpha = 0 the test uses Delta F_alpha/|alpha|, which
tends to T [D_1(gamma||p) - D_1(gamma||q)], so tiny violations near 0 are not mistaken for
ties. A violation narrower than the grid spacing can be missed; pass a finer `alphas`.

Reference: F. G. S. L. Brandão et al., PNAS 112, 3275 (2015), doi:10.1073/pnas.1411728112;
M. Klimesh, arXiv:0709.3680; S. Turgut, J. Phys. A 40, 12185 (2007).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.optimize import brentq

from .._checks import FloatArray
from .._config import get_options
from ._validate import check_alpha, check_temperature_positive
from .divergences import renyi_divergence_core
from .majorization import TransitionVerdict, verdict_core
from .states import as_populations, thermal_frame
from .work import log_cost

__all__ = ["DEFAULT_ALPHAS", "SecondLawsReport", "second_laws_report"]

_POS = np.logspace(-5.0, 3.0, 161)
DEFAULT_ALPHAS: FloatArray = np.concatenate(([-math.inf], -_POS[::-1], [0.0], _POS, [math.inf]))
"""Default alpha grid: -inf, -10^3..-10^-5, 0, 10^-5..10^3 (contains 1), +inf."""

Interval = tuple[float, float]


@dataclass(frozen=True, slots=True, kw_only=True)
class SecondLawsReport:
    """F_alpha differences and the verdicts of the second laws for p -> q.

    Attributes:
        alphas: grid of orders, shape (n,), sorted, including ±inf and 0.
        free_energy_initial, free_energy_target: F_alpha(p), F_alpha(q), shape (n,)
            (unit of the energies; +inf allowed).
        thermal: thermo-majorization verdict (TO, no catalyst) with its witness elbow.
        violated_nonnegative: maximal alpha-intervals in [0, inf] where F_alpha(q) > F_alpha(p)
            (endpoints refined to ~1e-12, ±inf when the violation extends to infinity).
        violated_negative: the same for alpha < 0.
        ties: grid orders where F_alpha(p) = F_alpha(q) within tolerance (not violations).
        allowed_catalytic: every alpha >= 0 law holds (catalysis with arbitrarily small
            imprecision or invested work).
        allowed_exact_catalytic: every law, alpha < 0 included, holds (exact catalysis).
        witness_alpha: the grid order with the largest violation, alpha >= 0 first (None
            when all laws hold).
        work_cost: minimal deterministic work for p -> q without catalyst (> 0: supplied).
        T: temperature.
    """

    alphas: FloatArray
    free_energy_initial: FloatArray
    free_energy_target: FloatArray
    thermal: TransitionVerdict
    violated_nonnegative: tuple[Interval, ...]
    violated_negative: tuple[Interval, ...]
    ties: FloatArray
    allowed_catalytic: bool
    allowed_exact_catalytic: bool
    witness_alpha: float | None
    work_cost: float
    T: float

    @property
    def delta(self) -> FloatArray:
        """F_alpha(p) - F_alpha(q): >= 0 where the alpha-law allows it (NaN when both are +inf)."""
        with np.errstate(invalid="ignore"):
            return np.asarray(self.free_energy_initial - self.free_energy_target)

    @property
    def allowed(self) -> bool:
        """Allowed by thermal operations without a catalyst."""
        return self.thermal.allowed


def _violations(
    alphas: FloatArray, scaled: FloatArray, tol: float, delta_fn: Any
) -> tuple[tuple[Interval, ...], npt.NDArray[np.bool_]]:
    """Maximal intervals of the (sorted) grid where scaled < -tol; refined endpoints."""
    bad = scaled < -tol
    intervals: list[Interval] = []
    n = alphas.size
    i = 0
    while i < n:
        if not bad[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and bad[j + 1]:
            j += 1
        intervals.append(
            (
                _edge(alphas, scaled, tol, i - 1, i, delta_fn),
                _edge(alphas, scaled, tol, j + 1, j, delta_fn),
            )
        )
        i = j + 1
    return tuple(intervals), bad


def _edge(
    alphas: FloatArray, scaled: FloatArray, tol: float, good: int, bad: int, delta_fn: Any
) -> float:
    """Boundary between a good grid point and a bad one (the bad point when none is good)."""
    if good < 0 or good >= alphas.size:
        return float(alphas[bad])
    a, b = float(alphas[good]), float(alphas[bad])
    if a == 0.0:  # violated arbitrarily close to 0 (the scaled test sees the limit)
        return 0.0
    if not math.isfinite(a):
        return b
    if not math.isfinite(b):
        return a
    if scaled[good] > tol:  # strict sign change: root of Delta F (continuous, also at 0+)
        return float(brentq(delta_fn, min(a, b), max(a, b), xtol=1e-14, rtol=1e-13))
    return a  # the good side is a tie: the violation starts there


def second_laws_report(
    rho: Any,
    sigma: Any,
    H: Any,
    T: float,
    *,
    alphas: Any = None,
    atol: float | None = None,
) -> SecondLawsReport:
    """Check every second law F_alpha(p) >= F_alpha(q) and the thermo-majorization test.

    Args:
        rho, sigma: initial and target block-diagonal states (populations or matrices).
        H: energy levels (d,) or Hamiltonian (d, d).
        T: temperature > 0, finite (k_B = 1).
        alphas: extra orders added to `DEFAULT_ALPHAS` (any real or ±inf).
        atol: tolerance for ties, relative to max(1, |F_alpha|) (default `atol_law`).

    Returns:
        A `SecondLawsReport` with F_alpha of both states, violated alpha-intervals, ties,
        verdicts for TO, catalytic TO (alpha >= 0) and exact catalytic TO (all alpha), and
        the witness (elbow of the target for TO, alpha for the catalytic laws).

    Examples:
        >>> r = second_laws_report([1.0, 0.0], [0.5, 0.5], [0.0, 1.0], 1.0)
        >>> r.allowed, r.allowed_catalytic, r.witness_alpha
        (False, False, inf)
    """
    t = check_temperature_positive(T)
    p, E = as_populations(rho, H, name="rho")
    q, _ = as_populations(sigma, H, name="sigma")
    frame = thermal_frame(E, t)
    tol = get_options().atol_law if atol is None else float(atol)
    grid = (
        DEFAULT_ALPHAS
        if alphas is None
        else np.union1d(DEFAULT_ALPHAS, check_alpha(alphas).ravel())
    )
    lg = frame.log_gamma
    Fp = t * (renyi_divergence_core(p, lg, grid) - frame.log_Z)
    Fq = t * (renyi_divergence_core(q, lg, grid) - frame.log_Z)
    with np.errstate(invalid="ignore"):
        delta = Fp - Fq
    both_inf = np.isinf(Fp) & np.isinf(Fq)
    scale = np.maximum(
        1.0,
        np.maximum(
            np.where(np.isfinite(Fp), np.abs(Fp), 0.0), np.where(np.isfinite(Fq), np.abs(Fq), 0.0)
        ),
    )
    damp = np.where(np.isfinite(grid) & (grid != 0.0), np.minimum(1.0, np.abs(grid)), 1.0)
    scaled = np.where(both_inf, 0.0, delta / (scale * damp))

    def delta_fn(a: float) -> float:
        d = renyi_divergence_core(p, lg, np.array([a])) - renyi_divergence_core(
            q, lg, np.array([a])
        )
        return float(d[0])

    neg = grid < 0
    # alpha = 0 closes the alpha < 0 grid so that a violation reaching 0- ends at 0
    zero = int(np.flatnonzero(grid == 0.0)[0])
    viol_neg, bad_neg = _violations(
        np.append(grid[neg], 0.0), np.append(scaled[neg], scaled[zero]), tol, delta_fn
    )
    bad_neg = bad_neg[:-1]
    viol_pos, bad_pos = _violations(grid[~neg], scaled[~neg], tol, delta_fn)
    witness: float | None = None
    for mask, bad in ((~neg, bad_pos), (neg, bad_neg)):
        if np.any(bad):
            sub = np.where(bad, scaled[mask], np.inf)
            witness = float(grid[mask][int(np.argmin(sub))])
            break
    verdict = verdict_core(p, q, lg, tol)[0]
    return SecondLawsReport(
        alphas=grid,
        free_energy_initial=Fp,
        free_energy_target=Fq,
        thermal=verdict,
        violated_nonnegative=viol_pos,
        violated_negative=viol_neg,
        ties=grid[np.abs(scaled) <= tol],
        allowed_catalytic=not bool(np.any(bad_pos)),
        allowed_exact_catalytic=not (bool(np.any(bad_pos)) or bool(np.any(bad_neg))),
        witness_alpha=witness,
        work_cost=t * log_cost(p, q, lg),
        T=t,
    )
