"""Single-shot work for block-diagonal states (Horodecki & Oppenheim).

A two-level work storage ("wit") with levels 0 and W: extracting W deterministically means
rho ⊗ |0><0| -> rho' ⊗ |W><W| by a thermal operation. Sign convention of the card: the
*cost* W_cost > 0 is work that must be supplied; W_cost < 0 is extractable work. With
k_B = 1 and energies in the unit of T:

* distillation (from rho to gamma, deterministic):  W_dist = T D_0(p||gamma) = F_min - F_eq,
  epsilon-smoothed: W_dist^eps = T ln(1/x_eps), x_eps = L_p^{-1}(1 - eps);
* formation (from gamma to rho):  W_form = T D_inf(p||gamma) = F_max - F_eq,
  epsilon-smoothed: W_form^eps = T ln lambda, sum_i max(0, p_i - lambda gamma_i) = eps;
* transition p -> q:  W_cost = T ln max_k L_p^{-1}(y_k^q) / x_k^q over the elbows of q.

Reference: M. Horodecki, J. Oppenheim, Nat. Commun. 4, 2059 (2013), doi:10.1038/ncomms3059.
The general W_cost formula follows from the thermo-majorization criterion applied to the
system plus wit (it reduces to W_dist and W_form in the two special cases).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.special import gammaln

from .._checks import FloatArray
from ._validate import check_epsilon, check_temperature_positive
from .divergences import renyi_divergence_core
from .majorization import curve_core
from .states import ThermalFrame, as_populations, thermal_frame

__all__ = [
    "SingleShotWork",
    "iid_single_shot_work",
    "single_shot_work",
    "work_cost",
    "work_distillation",
    "work_formation",
]


def log_distillation(p: FloatArray, log_gamma: FloatArray, eps: float) -> float:
    """ln(1/x_eps), x_eps = L_p^{-1}(1 - eps) (= D_0 at eps = 0), dimensionless."""
    if eps == 0.0:
        return float(renyi_divergence_core(p, log_gamma, np.array([0.0]))[0])
    x = float(curve_core(p, log_gamma).inverse(1.0 - eps))
    return -math.log(x)


def log_formation(p: FloatArray, log_gamma: FloatArray, eps: float) -> float:
    """ln lambda with sum_i (p_i - lambda gamma_i)_+ = eps (= D_inf at eps = 0)."""
    with np.errstate(divide="ignore"):
        lr = np.log(p) - log_gamma
    if eps == 0.0:
        return float(np.max(lr))
    order = np.argsort(-lr, kind="stable")
    P = np.cumsum(p[order])
    log_G = np.logaddexp.accumulate(log_gamma[order])
    # h_k = sum_{i<=k} (p_i - r_k gamma_i): excess above the line of slope r_k, non-decreasing
    h = P - np.exp(lr[order] + log_G)
    k = int(np.searchsorted(h, eps, side="left"))  # first k with h_k >= eps
    if k == 0:
        return float(lr[order[0]])
    return math.log(P[k - 1] - eps) - float(log_G[k - 1])


def log_cost(p: FloatArray, q: FloatArray, log_gamma: FloatArray) -> float:
    """ln max_k L_p^{-1}(y_k^q)/x_k^q over the elbows k = 1..d of q."""
    cp, cq = curve_core(p, log_gamma), curve_core(q, log_gamma)
    xs = np.asarray(cp.inverse(cq.y[1:]))
    with np.errstate(divide="ignore"):
        return float(np.max(np.log(xs) - np.log(cq.x[1:])))


def _prepare(rho: Any, H: Any, T: float, epsilon: Any) -> tuple[FloatArray, ThermalFrame, float]:
    t = check_temperature_positive(T)
    eps = check_epsilon(epsilon)
    p, E = as_populations(rho, H)
    return p, thermal_frame(E, t), eps


def work_distillation(rho: Any, H: Any, T: float, *, epsilon: float = 0.0) -> float:
    r"""Deterministic (or epsilon-smoothed) extractable work $W_\mathrm{dist} = T D_0(p\|\gamma)$.

    Args:
        rho: populations (d,) or block-diagonal density matrix (d, d).
        H: energy levels (d,) or Hamiltonian (d, d).
        T: bath temperature > 0 (k_B = 1).
        epsilon: failure probability in [0, 1); W = T ln(1/x_eps) with x_eps the first
            abscissa where the thermo-majorization curve reaches 1 - epsilon.

    Returns:
        Work that can be extracted (>= 0 at epsilon = 0; exactly 0 for full-rank states),
        in the unit of the energies.

    Examples:
        >>> round(work_distillation([1.0, 0.0], [0.0, 1.0], 1.0), 6)
        0.313262
    """
    p, frame, eps = _prepare(rho, H, T, epsilon)
    return frame.T * log_distillation(p, frame.log_gamma, eps)


def work_formation(rho: Any, H: Any, T: float, *, epsilon: float = 0.0) -> float:
    r"""Work of formation from the Gibbs state, $W_\mathrm{form} = T D_\infty(p\|\gamma)$.

    Args:
        rho: populations (d,) or block-diagonal density matrix (d, d).
        H: energy levels (d,) or Hamiltonian (d, d).
        T: bath temperature > 0 (k_B = 1).
        epsilon: total-variation error in [0, 1) allowed on the formed state;
            W = T ln lambda with sum_i max(0, p_i - lambda gamma_i) = epsilon.

    Returns:
        Work that must be supplied (>= W_dist), in the unit of the energies.

    Examples:
        >>> round(work_formation([0.5, 0.5], [0.0, 1.0], 1.0), 6)
        0.620115
    """
    p, frame, eps = _prepare(rho, H, T, epsilon)
    return frame.T * log_formation(p, frame.log_gamma, eps)


def work_cost(rho: Any, sigma: Any, H: Any, T: float) -> float:
    r"""Minimal deterministic work to turn rho into sigma by a thermal operation with a wit.

    $W_\mathrm{cost} = T\ln\max_k L_\rho^{-1}(y_k^\sigma)/x_k^\sigma$ over the elbows of
    sigma. Positive: work to supply; negative: work extracted while making the transition;
    W_cost <= 0 exactly when rho thermo-majorizes sigma.

    Args:
        rho, sigma: initial and target block-diagonal states.
        H: energy levels (d,) or Hamiltonian (d, d).
        T: bath temperature > 0.

    Returns:
        W_cost in the unit of the energies (W_cost(gamma -> sigma) = W_form(sigma),
        W_cost(rho -> gamma) = -W_dist(rho)).

    Examples:
        >>> round(work_cost([1.0, 0.0], [0.5, 0.5], [0.0, 1.0], 1.0), 6)
        0.306853
    """
    t = check_temperature_positive(T)
    p, E = as_populations(rho, H, name="rho")
    q, _ = as_populations(sigma, H, name="sigma")
    return t * log_cost(p, q, thermal_frame(E, t).log_gamma)


@dataclass(frozen=True, slots=True, kw_only=True)
class SingleShotWork:
    """Single-shot work values of a state (unit of the energies; k_B = 1).

    Attributes:
        distillation: W_dist (extractable, deterministic or epsilon-smoothed).
        formation: W_form (cost of forming the state from gamma).
        free_energy_difference: F_1 - F_eq = T D_1(p||gamma), the many-copy value per copy.
        epsilon: smoothing used.
        n_copies: number of copies the values refer to (totals, not per copy).
    """

    distillation: float
    formation: float
    free_energy_difference: float
    epsilon: float
    n_copies: int = 1

    @property
    def irreversibility(self) -> float:
        """W_form - W_dist >= 0: work lost in a single-shot form-then-distil cycle."""
        return self.formation - self.distillation


def single_shot_work(rho: Any, H: Any, T: float, *, epsilon: float = 0.0) -> SingleShotWork:
    """W_dist, W_form and F - F_eq of one copy (see `work_distillation`, `work_formation`)."""
    p, frame, eps = _prepare(rho, H, T, epsilon)
    kl = float(renyi_divergence_core(p, frame.log_gamma, np.array([1.0]))[0])
    return SingleShotWork(
        distillation=frame.T * log_distillation(p, frame.log_gamma, eps),
        formation=frame.T * log_formation(p, frame.log_gamma, eps),
        free_energy_difference=frame.T * kl,
        epsilon=eps,
    )


def _type_classes(n: int, d: int) -> FloatArray:
    """All occupation vectors (n_1..n_d) with sum n, shape (#types, d)."""
    if d == 1:
        return np.array([[n]], dtype=np.float64)
    rows = [
        np.concatenate(([k], rest))
        for k in range(n, -1, -1)
        for rest in _type_classes(n - k, d - 1)
    ]
    return np.asarray(rows, dtype=np.float64)


def iid_single_shot_work(
    rho: Any, H: Any, T: float, n_copies: int, *, epsilon: float
) -> SingleShotWork:
    """Single-shot works of rho^{⊗n} (totals), computed exactly over type classes.

    All levels of one type class (n_1..n_d) share the ratio prod (p_i/gamma_i)^{n_i}, so the
    curve of rho^{⊗n} is that of the (n+d-1 choose d-1) classes with multinomial weights.
    Per copy, W_dist^eps/n and W_form^eps/n converge to F_1 - F_eq (the asymptotic
    equipartition that collapses the alpha-family onto F; HO, BHNOW), with corrections
    ± sqrt(V/n) Phi^{-1}(1 - eps), V = Var_p ln(p/gamma).

    Args:
        rho: populations (d,) or block-diagonal density matrix.
        H: energy levels or Hamiltonian.
        T: temperature > 0.
        n_copies: n >= 1 (cost grows as n^(d-1); keep d small).
        epsilon: smoothing in [0, 1).

    Returns:
        `SingleShotWork` with totals for n copies (divide by `n_copies` for per-copy values).
    """
    p, frame, eps = _prepare(rho, H, T, epsilon)
    if isinstance(n_copies, bool) or not isinstance(n_copies, int | np.integer) or n_copies < 1:
        raise ValueError(f"`n_copies` must be an integer >= 1; got {n_copies!r}.")
    n = int(n_copies)
    n_types = math.comb(n + p.size - 1, p.size - 1)
    if n_types > 2_000_000:
        raise ValueError(
            f"`n_copies` gives {n_types} type classes for d = {p.size}; at most 2e6 are "
            "supported. Use fewer copies or a smaller system."
        )
    kl = float(renyi_divergence_core(p, frame.log_gamma, np.array([1.0]))[0])
    if eps == 0.0:  # D_0 and D_inf are additive: no smoothing, no type classes needed
        one = single_shot_work(p, frame.E, frame.T)
        return SingleShotWork(
            distillation=n * one.distillation,
            formation=n * one.formation,
            free_energy_difference=n * one.free_energy_difference,
            epsilon=eps,
            n_copies=n,
        )
    k = _type_classes(n, p.size)
    log_mult = gammaln(n + 1.0) - np.sum(gammaln(k + 1.0), axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        lp = np.log(p)
        log_P = log_mult + np.sum(np.where(k > 0, k * lp, 0.0), axis=1)
    log_g = log_mult + k @ frame.log_gamma
    P = np.exp(log_P)
    P /= P.sum()
    return SingleShotWork(
        distillation=frame.T * log_distillation(P, log_g, eps),
        formation=frame.T * log_formation(P, log_g, eps),
        free_energy_difference=frame.T * n * kl,
        epsilon=eps,
        n_copies=n,
    )
