"""Rényi divergences: classical for every real order, Petz and sandwiched for quantum states.

Classical (BHNOW convention), alpha in R:
    D_alpha(p||q) = sgn(alpha)/(alpha - 1) ln sum_i p_i^alpha q_i^(1 - alpha),
with the limits D_0 = -ln sum_{p_i>0} q_i, D_1 = sum p ln(p/q) (Kullback-Leibler),
D_inf = ln max p_i/q_i, D_-inf = ln max q_i/p_i, and D_alpha = +inf for alpha < 0 whenever
p has a zero entry. The sgn factor makes every D_alpha >= 0. Natural logarithms (nats).

References:
    F. G. S. L. Brandão et al., PNAS 112, 3275 (2015), doi:10.1073/pnas.1411728112.
    D. Petz, Rep. Math. Phys. 23, 57 (1986); M. Müller-Lennert et al., J. Math. Phys. 54,
    122203 (2013), doi:10.1063/1.4838856 (sandwiched).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import numpy.typing as npt

from .._checks import ComplexArray, FloatArray, check_density_matrix, check_dims
from ..core.states import entropy_relative
from ._validate import check_alpha, check_population_vector

__all__ = ["petz_renyi_divergence", "renyi_divergence", "sandwiched_renyi_divergence"]

BoolArray = npt.NDArray[np.bool_]
_SUPPORT_TOL = 1e-12  # eigenvalues below this (relative to the largest) are outside the support


def renyi_divergence_core(p: FloatArray, log_q: FloatArray, alphas: FloatArray) -> FloatArray:
    """D_alpha(p||q) for validated p (d,), ln q (d,) and a flat array of orders.

    Evaluated with log-sum-exp, so |alpha| up to ~1e300 and underflowing q are safe.
    """
    with np.errstate(divide="ignore"):
        log_p = np.log(p)
    sp = p > 0
    sq = np.isfinite(log_q)
    p_full = bool(np.all(sp))
    supp_ok = not bool(np.any(sp & ~sq))  # supp p within supp q
    out = np.empty(alphas.shape, dtype=np.float64)
    both = sp & sq
    lr = log_p[both] - log_q[both]  # ln(p/q) on the common support
    for n, a in enumerate(alphas):
        if a == 0.0:
            val = -float(np.logaddexp.reduce(log_q[sp]))
        elif a == 1.0:
            val = float(np.sum(p[both] * lr)) if supp_ok else math.inf
        elif a == math.inf:
            val = float(np.max(lr)) if supp_ok else math.inf
        elif a == -math.inf:
            val = float(np.max(-lr)) if p_full else math.inf
        elif (a < 0 and not p_full) or (a > 1 and not supp_ok):
            val = math.inf
        else:
            # sum_i q_i (p_i/q_i)^a over the common support (other terms vanish here)
            s = float(np.logaddexp.reduce(log_q[both] + a * lr)) if lr.size else -math.inf
            val = math.copysign(1.0, a) / (a - 1.0) * s if math.isfinite(s) else math.inf
        out[n] = max(val, 0.0)
    return out


def renyi_divergence(p: Any, q: Any, alpha: Any) -> float | FloatArray:
    r"""Classical Rényi divergence of order alpha for every real alpha (and ±inf).

    $D_\alpha(p\|q) = \frac{\mathrm{sgn}(\alpha)}{\alpha-1}\ln\sum_i p_i^\alpha q_i^{1-\alpha}$,
    with the limits at 0, 1, ±inf given in the module docstring.

    Args:
        p, q: probability vectors of the same length d.
        alpha: order(s), any shape; values may be ±inf.

    Returns:
        D_alpha(p||q) >= 0 in nats: a float for scalar alpha, else an array of alpha's shape.
        +inf where the divergence is infinite (support mismatch, or alpha < 0 and p has a zero).

    Raises:
        ValueError: p, q are not probability vectors of equal length, or alpha is NaN.

    Examples:
        >>> round(renyi_divergence([1.0, 0.0], [0.5, 0.5], 2.0), 6)
        0.693147
    """
    pv = check_population_vector(p, "p", int(np.size(p)))
    qv = check_population_vector(q, "q", pv.size)
    a = check_alpha(alpha)
    with np.errstate(divide="ignore"):
        lq = np.log(qv)
    res = renyi_divergence_core(pv, lq, a.ravel()).reshape(a.shape)
    return float(res) if res.ndim == 0 else res


def _states(rho: Any, sigma: Any) -> tuple[ComplexArray, ComplexArray]:
    r = check_density_matrix(rho, "rho")
    s = check_density_matrix(sigma, "sigma")
    if r.ndim != 2 or s.ndim != 2:
        raise ValueError("`rho` and `sigma` must be single density matrices of shape (d, d).")
    check_dims(s, r.shape[-1], "sigma", "rho")
    return r, s


def _eig(A: ComplexArray) -> tuple[FloatArray, ComplexArray, BoolArray]:
    """Eigenvalues (clipped), eigenvectors and the support mask of a PSD matrix."""
    lam, V = np.linalg.eigh(0.5 * (A + np.conj(A.T)))
    lam = np.clip(lam, 0.0, None)
    supp = lam > _SUPPORT_TOL * max(float(lam.max()), 1e-300)
    return lam, V, supp


def _power(lam: FloatArray, V: ComplexArray, supp: BoolArray, s: float) -> ComplexArray:
    """A^s on the support of A (generalized inverse for s < 0)."""
    w = np.where(supp, np.where(supp, lam, 1.0) ** s, 0.0)
    return np.asarray((V * w) @ np.conj(V.T))


def _outside_support(rho: ComplexArray, V: ComplexArray, supp: BoolArray) -> bool:
    """True when rho has weight outside the support of the matrix with eigenvectors V."""
    Vk = V[:, ~supp]
    leak = float(np.real(np.trace(np.conj(Vk.T) @ rho @ Vk))) if Vk.size else 0.0
    return bool(leak > _SUPPORT_TOL**0.5)


def petz_renyi_divergence(rho: Any, sigma: Any, alpha: float) -> float:
    r"""Petz quantum Rényi divergence, alpha in [0, 2].

    $\bar D_\alpha(\rho\|\sigma) = \frac{1}{\alpha-1}\ln\mathrm{Tr}\,\rho^\alpha\sigma^{1-\alpha}$;
    alpha = 0 gives $-\ln\mathrm{Tr}\,\Pi_\rho\sigma$, alpha = 1 the Umegaki relative entropy.
    Monotone under CPTP maps on [0, 2] (so F_alpha built from it never increases under
    thermal operations; BHNOW), equal to the classical divergence for commuting states.

    Args:
        rho, sigma: density matrices (d, d).
        alpha: order in [0, 2].

    Returns:
        The divergence in nats (+inf when alpha > 1 and supp rho is not within supp sigma).
    """
    a = float(check_alpha(alpha, low=0.0, high=2.0))
    r, s = _states(rho, sigma)
    if a == 1.0:
        return float(entropy_relative(r, s))
    lr, Vr, sr = _eig(r)
    ls, Vs, ss = _eig(s)
    if a == 0.0:
        P = _power(lr, Vr, sr, 0.0)
        return max(-math.log(float(np.real(np.trace(P @ s)))), 0.0)
    if a > 1.0 and _outside_support(r, Vs, ss):
        return math.inf
    Q = float(np.real(np.trace(_power(lr, Vr, sr, a) @ _power(ls, Vs, ss, 1.0 - a))))
    return max(math.log(Q) / (a - 1.0), 0.0) if Q > 0 else math.inf


def sandwiched_renyi_divergence(rho: Any, sigma: Any, alpha: float) -> float:
    r"""Sandwiched quantum Rényi divergence, alpha in [1/2, inf].

    $\tilde D_\alpha(\rho\|\sigma) = \frac{1}{\alpha-1}\ln\mathrm{Tr}
    (\sigma^{\frac{1-\alpha}{2\alpha}}\rho\,\sigma^{\frac{1-\alpha}{2\alpha}})^\alpha$;
    alpha = 1 is the Umegaki relative entropy and alpha = inf the max-divergence
    $\ln\|\sigma^{-1/2}\rho\sigma^{-1/2}\|_\infty$. Monotone under CPTP maps for alpha >= 1/2.

    Args:
        rho, sigma: density matrices (d, d).
        alpha: order in [1/2, inf].

    Returns:
        The divergence in nats (+inf when alpha > 1 and supp rho is not within supp sigma).
    """
    a = float(check_alpha(alpha, low=0.5, high=math.inf))
    r, s = _states(rho, sigma)
    if a == 1.0:
        return float(entropy_relative(r, s))
    ls, Vs, ss = _eig(s)
    if a > 1.0 and _outside_support(r, Vs, ss):
        return math.inf
    if math.isinf(a):
        S = _power(ls, Vs, ss, -0.5)
        lam = np.linalg.eigvalsh(S @ r @ S)
        return max(math.log(float(lam.max())), 0.0)
    S = _power(ls, Vs, ss, (1.0 - a) / (2.0 * a))
    lam = np.linalg.eigvalsh(S @ r @ S)
    lam = lam[lam > 0]
    if lam.size == 0:
        return math.inf
    log_Q = float(np.logaddexp.reduce(a * np.log(lam)))  # ln Tr M^a without overflow
    return max(log_Q / (a - 1.0), 0.0)
