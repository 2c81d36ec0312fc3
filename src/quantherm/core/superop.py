r"""Vectorization and superoperators (column stacking, as QuTiP).

vec(X)[a + d*c] = X[a, c], so vec(A X B) = (B^T kron A) vec(X). Batched over leading axes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .._checks import ComplexArray

__all__ = ["lindblad_dissipator", "liouvillian", "spost", "spre", "sprepost", "unvec", "vec"]


def vec(X: Any) -> ComplexArray:
    """Column-stack the last two axes: (..., d, d) -> (..., d*d)."""
    A = np.asarray(X, dtype=np.complex128)
    d = A.shape[-1]
    return np.asarray(np.swapaxes(A, -1, -2).reshape(*A.shape[:-2], d * d))


def unvec(v: Any) -> ComplexArray:
    """Inverse of `vec`: (..., d*d) -> (..., d, d)."""
    a = np.asarray(v, dtype=np.complex128)
    d = round(np.sqrt(a.shape[-1]))
    return np.asarray(np.swapaxes(a.reshape(*a.shape[:-1], d, d), -1, -2))


def sprepost(A: Any, B: Any) -> ComplexArray:
    """Superoperator of X -> A X B, i.e. B^T kron A (batched)."""
    Am = np.asarray(A, dtype=np.complex128)
    Bm = np.asarray(B, dtype=np.complex128)
    d = Am.shape[-1]
    out = np.einsum("...ak,...lc->...calk", Am, Bm)
    return np.asarray(out.reshape(*out.shape[:-4], d * d, d * d))


def spre(A: Any) -> ComplexArray:
    """Superoperator of X -> A X."""
    Am = np.asarray(A, dtype=np.complex128)
    return sprepost(Am, np.broadcast_to(np.eye(Am.shape[-1]), Am.shape))


def spost(B: Any) -> ComplexArray:
    """Superoperator of X -> X B."""
    Bm = np.asarray(B, dtype=np.complex128)
    return sprepost(np.broadcast_to(np.eye(Bm.shape[-1]), Bm.shape), Bm)


def lindblad_dissipator(L: Any, rate: Any = 1.0) -> ComplexArray:
    r"""rate * (L X L^dag - {L^dag L, X}/2) as a superoperator (batched)."""
    Lm = np.asarray(L, dtype=np.complex128)
    LdL = np.conj(np.swapaxes(Lm, -1, -2)) @ Lm
    D = sprepost(Lm, np.conj(np.swapaxes(Lm, -1, -2))) - 0.5 * (spre(LdL) + spost(LdL))
    r = np.asarray(rate, dtype=np.float64)
    return np.asarray(D * r[..., None, None])


def liouvillian(
    H: Any, jump_ops: Sequence[Any] = (), rates: Sequence[Any] | None = None
) -> ComplexArray:
    r"""-i[H, X] + sum_k rate_k D[L_k](X) as a dense superoperator (QuTiP's `liouvillian`)."""
    Hm = np.asarray(H, dtype=np.complex128)
    L = -1j * (spre(Hm) - spost(Hm))
    for k, op in enumerate(jump_ops):
        r = 1.0 if rates is None else rates[k]
        L = L + lindblad_dissipator(op, r)
    return np.asarray(L)
