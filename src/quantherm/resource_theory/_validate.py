"""Argument checks specific to the resource theory (the generic ones live in `quantherm._checks`).

Message template: "`<arg>` must <expectation>; got <actual>. <how to fix>."
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._checks import FloatArray
from .._config import get_options


def check_temperature_positive(T: Any, *, allow_inf: bool = False) -> float:
    """A scalar temperature in (0, inf) (or (0, inf] when `allow_inf`)."""
    if np.ndim(T) != 0:
        raise ValueError(f"`T` must be a scalar temperature; got shape {np.shape(T)}.")
    try:
        t = float(T)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"`T` must be a real number; got {T!r}.") from exc
    if not t > 0.0:
        raise ValueError(
            f"`T` must be a temperature > 0; got {T!r}. Thermal operations need a bath at "
            "positive temperature (at T = 0 the Gibbs state is not full rank)."
        )
    if math.isinf(t) and not allow_inf:
        raise ValueError(
            f"`T` must be finite here; got {T!r}. Energies kT·D are undefined at T = inf; "
            "use the dimensionless `renyi_divergence` or the majorization test instead."
        )
    return t


def check_alpha(alpha: Any, *, low: float = -math.inf, high: float = math.inf) -> FloatArray:
    """Real Rényi orders (±inf allowed) in [low, high]; returns a float array of alpha's shape."""
    try:
        a = np.asarray(alpha, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"`alpha` must be a real number or array; got {alpha!r}.") from exc
    if np.any(np.isnan(a)):
        raise ValueError(f"`alpha` must be a real number or ±inf; got {alpha!r}.")
    if np.any(a < low) or np.any(a > high):
        raise ValueError(
            f"`alpha` must lie in [{low:g}, {high:g}] for this divergence; got {alpha!r}. "
            "Use the classical `renyi_divergence` (all real alpha) for block-diagonal states."
        )
    return a


def check_epsilon(epsilon: Any) -> float:
    """A smoothing parameter in [0, 1)."""
    try:
        e = float(epsilon)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"`epsilon` must be a real number; got {epsilon!r}.") from exc
    if not 0.0 <= e < 1.0:
        raise ValueError(
            f"`epsilon` must be a smoothing parameter in [0, 1); got {epsilon!r}. "
            "epsilon = 0 gives the exact (deterministic) single-shot work."
        )
    return e


def check_energies(E: Any, name: str = "H") -> FloatArray:
    """A 1-D array of finite real energy levels."""
    try:
        e = np.asarray(E, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"`{name}` must be real energy levels or a Hamiltonian; got {E!r}."
        ) from exc
    if e.ndim != 1 or e.size == 0:
        raise ValueError(f"`{name}` must be a 1-D array of energy levels; got shape {e.shape}.")
    if not np.all(np.isfinite(e)):
        raise ValueError(f"`{name}` must contain finite energies; got {E!r}.")
    return e


def check_population_vector(p: Any, name: str, d: int) -> FloatArray:
    """A probability vector of length `d` (non-negative, unit sum within `atol_state`)."""
    try:
        v = np.asarray(p, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"`{name}` must be a population vector or density matrix; got {p!r}."
        ) from exc
    if v.ndim != 1:
        raise ValueError(f"`{name}` must be a 1-D population vector; got shape {v.shape}.")
    if v.size != d:
        raise ValueError(
            f"`{name}` must have one population per energy level ({d}); got {v.size}. "
            "Check that the state and `H` describe the same system."
        )
    tol = get_options().atol_state
    if not np.all(np.isfinite(v)) or np.any(v < -tol):
        raise ValueError(
            f"`{name}` must be a probability vector (entries >= 0); got {p!r}. "
            "A state cannot have negative probabilities."
        )
    total = float(np.sum(v))
    if abs(total - 1.0) > tol:
        raise ValueError(
            f"`{name}` must be a probability vector (unit sum); got sum {total:.6g}. "
            "Normalise it (p / sum(p))."
        )
    v = np.clip(v, 0.0, None)
    return np.asarray(v / np.sum(v), dtype=np.float64)
