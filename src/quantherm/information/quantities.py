r"""Information quantities in nats (k_B = 1): Shannon, mutual and QC-mutual information.

* Shannon entropy H(p) = -sum_i p_i ln p_i; binary entropy h(p) = H(p, 1 - p).
* Classical mutual information I(X:Y) = H(X) + H(Y) - H(X, Y) of a joint distribution.
* Sagawa-Ueda QC-mutual information of a measurement {M_k} on rho:
  I_QC = S(rho) - sum_k p_k S(M_k rho M_k^dag / p_k) (a Holevo quantity, >= 0, and equal
  to I(X:Y) when rho and the effects are diagonal in one basis).
* Quantum mutual information I(A:B) = S(A) + S(B) - S(AB) and conditional entropy
  S(A|B) = S(AB) - S(B), from `quantherm.core.states`.

References:
    T. Sagawa, M. Ueda, PRL 100, 080403 (2008), doi:10.1103/PhysRevLett.100.080403.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .._checks import FloatArray
from ..core.states import entropy_vn, partial_trace
from .measurement import Measurement, measure

__all__ = [
    "binary_entropy",
    "conditional_entropy",
    "mutual_information_classical",
    "qc_mutual_information",
    "shannon_entropy",
]


def shannon_entropy(p: Any) -> FloatArray:
    """H(p) = -sum_i p_i ln p_i over the last axis (nats); 0 ln 0 = 0.

    Raises:
        ValueError: if `p` has negative entries or does not sum to 1.
    """
    arr = np.asarray(p, dtype=np.float64)
    if np.any(arr < -1e-12) or np.any(np.abs(arr.sum(axis=-1) - 1.0) > 1e-9):
        raise ValueError(
            f"`p` must be a probability vector (non-negative, summing to 1); got {arr!r}."
        )
    arr = np.clip(arr, 0.0, None)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(arr > 0, -arr * np.log(np.where(arr > 0, arr, 1.0)), 0.0)
    return np.asarray(terms.sum(axis=-1))


def binary_entropy(p: Any) -> FloatArray:
    """h(p) = -p ln p - (1 - p) ln(1 - p) (nats), elementwise for p in [0, 1]."""
    arr = np.asarray(p, dtype=np.float64)
    if np.any((arr < 0) | (arr > 1)):
        raise ValueError(f"`p` must be a probability in [0, 1]; got {p!r}.")
    return shannon_entropy(np.stack([arr, 1.0 - arr], axis=-1))


def mutual_information_classical(joint: Any) -> float:
    """I(X:Y) = H(X) + H(Y) - H(X, Y) of a joint distribution `joint[x, y]` (nats)."""
    P = np.asarray(joint, dtype=np.float64)
    if P.ndim != 2:
        raise ValueError(f"`joint` must be a 2-D array P[x, y]; got shape {P.shape}.")
    return float(
        shannon_entropy(P.sum(axis=1)) + shannon_entropy(P.sum(axis=0)) - shannon_entropy(P.ravel())
    )


def qc_mutual_information(rho: Any, measurement: Measurement) -> float:
    r"""Sagawa-Ueda QC-mutual information I_QC = S(rho) - sum_k p_k S(rho_k) (nats).

    rho_k = M_k rho M_k^dag / p_k is the post-measurement state of outcome k. I_QC >= 0;
    it is H(p) for an error-free projective measurement of a state diagonal in its basis.

    References:
        Sagawa & Ueda, PRL 100, 080403 (2008), Eq. (3).
    """
    p, states = measure(rho, measurement)
    return float(entropy_vn(np.asarray(rho, dtype=np.complex128)) - np.sum(p * entropy_vn(states)))


def conditional_entropy(rho: Any, dims: Sequence[int], part_a: Sequence[int]) -> FloatArray:
    """S(A|B) = S(AB) - S(B) (nats); negative only for entangled states."""
    a = sorted(part_a)
    b = [i for i in range(len(dims)) if i not in a]
    return np.asarray(entropy_vn(rho) - entropy_vn(partial_trace(rho, dims, b)))
