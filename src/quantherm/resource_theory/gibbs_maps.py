"""Gibbs-preserving stochastic maps: the thermal operations on populations.

For block-diagonal states a thermal operation exists iff there is a column-stochastic G
(G_ij >= 0, sum_i G_ij = 1) with G gamma = gamma and G p = q (Janzing et al., Int. J. Theor.
Phys. 39, 2717 (2000), doi:10.1023/A:1026422630734). Here: the brute-force linear-programming
search for such a G (the independent check of the thermo-majorization test), and random
Gibbs-preserving maps for property tests.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from scipy.optimize import linprog

from .._checks import FloatArray
from ..errors import ConvergenceError
from ._validate import check_temperature_positive
from .states import _energies_and_basis, as_populations, thermal_frame

__all__ = ["gibbs_stochastic_map", "random_gibbs_preserving_map"]

_LP_OPTIONS = {"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10}


def gibbs_stochastic_map_core(p: FloatArray, q: FloatArray, gamma: FloatArray) -> FloatArray | None:
    """LP feasibility of {G >= 0 : 1^T G = 1^T, G gamma = gamma, G p = q}; G (d, d) or None."""
    d = p.size
    eye = np.eye(d)
    # variable index i*d + j for G_ij
    cols = np.kron(np.ones((1, d)), eye)  # sum_i G_ij = 1
    gib = np.kron(eye, gamma[None, :])  # sum_j G_ij gamma_j = gamma_i
    pop = np.kron(eye, p[None, :])  # sum_j G_ij p_j = q_i
    A = np.vstack([cols, gib, pop])
    b = np.concatenate([np.ones(d), gamma, q])
    res = linprog(
        np.zeros(d * d), A_eq=A, b_eq=b, bounds=(0, None), method="highs", options=_LP_OPTIONS
    )
    if res.status == 2:
        return None
    if res.status != 0:
        raise ConvergenceError(
            f"the linear program for a Gibbs-stochastic map failed: {res.message} "
            f"(status {res.status}). Use `thermo_majorizes`, which needs no solver."
        )
    return np.asarray(res.x.reshape(d, d), dtype=np.float64)


def gibbs_stochastic_map(rho: Any, sigma: Any, H: Any, T: float) -> FloatArray | None:
    """Find a Gibbs-preserving stochastic matrix G with G p = q by linear programming.

    Brute force (d^2 variables, 3d equality constraints, HiGHS with feasibility tolerance
    1e-10); `thermo_majorizes` decides the same question exactly in O(d log d).

    Args:
        rho, sigma: initial and target block-diagonal states (populations (d,) or (d, d)).
        H: energy levels (d,) or Hamiltonian (d, d).
        T: temperature in (0, inf].

    Returns:
        G of shape (d, d), column-stochastic, G gamma = gamma and G p = q (each to ~1e-9),
        in the level order of `as_populations`; None when no such map exists.

    Raises:
        quantherm.errors.ConvergenceError: the LP solver failed (neither solution nor
            certificate of infeasibility).
    """
    t = check_temperature_positive(T, allow_inf=True)
    p, E = as_populations(rho, H, name="rho")
    q, _ = as_populations(sigma, H, name="sigma")
    return gibbs_stochastic_map_core(p, q, thermal_frame(E, t).gamma)


def random_gibbs_preserving_map(
    H: Any,
    T: float,
    *,
    rng: np.random.Generator | int | None = None,
    extremal_weight: float | None = None,
) -> FloatArray:
    """A random column-stochastic G with G gamma = gamma.

    Built from couplings J of gamma with itself (row and column sums gamma), G = J / gamma_j:
    a mixture of a Sinkhorn-scaled random positive coupling (interior of the polytope) and a
    north-west-corner coupling along a random order (a vertex: sparse, rank-reducing maps).

    Args:
        H: energy levels (d,) or Hamiltonian (d, d).
        T: temperature in (0, inf].
        rng: generator or seed.
        extremal_weight: weight of the vertex coupling in [0, 1] (random when None).

    Returns:
        G of shape (d, d).

    Raises:
        quantherm.errors.ConvergenceError: Sinkhorn scaling did not converge (extreme gamma).
    """
    E, _ = _energies_and_basis(H)
    gamma = thermal_frame(E, check_temperature_positive(T, allow_inf=True)).gamma
    gen = np.random.default_rng(rng)
    d = gamma.size
    w = float(gen.uniform()) if extremal_weight is None else float(extremal_weight)
    if not 0.0 <= w <= 1.0:
        raise ValueError(f"`extremal_weight` must lie in [0, 1]; got {extremal_weight!r}.")
    # a bounded positive start keeps the scaling well conditioned (squared exponentials can
    # be ~1e-10 and then Sinkhorn crawls); it still spans the interior of the polytope
    J = gen.uniform(0.05, 1.0, size=(d, d))
    for _ in range(10_000):
        J *= (gamma / J.sum(axis=1))[:, None]
        J *= (gamma / J.sum(axis=0))[None, :]
        tol = 1e-13 * max(1.0, float(gamma.max()))
        if np.max(np.abs(J.sum(axis=1) - gamma)) <= tol:
            break
    else:
        raise ConvergenceError(
            "Sinkhorn scaling of a random coupling did not converge in 10000 sweeps "
            f"(row-sum error {np.max(np.abs(J.sum(axis=1) - gamma)):.3g}); gamma is too extreme."
        )
    V = np.zeros((d, d))
    rows, cols = gen.permutation(d), gen.permutation(d)
    r, c = gamma[rows].copy(), gamma[cols].copy()
    i = j = 0
    while i < d and j < d:
        m = min(r[i], c[j])
        V[rows[i], cols[j]] += m
        r[i] -= m
        c[j] -= m
        if r[i] <= c[j]:
            i += 1
        else:
            j += 1
    G = ((1.0 - w) * J + w * V) / gamma[None, :]
    G /= G.sum(axis=0, keepdims=True)
    if not math.isfinite(float(G.sum())):
        raise ConvergenceError("a Gibbs weight underflowed; use a smaller beta * energy spread.")
    return np.asarray(G, dtype=np.float64)
