r"""Truncated-Fock counterparts of Gaussian models (for cross-checks against Liouvillian solvers).

`fock_quadratures(n_modes, cutoff)` gives the quadrature operators R = (x_1, p_1, ...) on
(cutoff)^M-dimensional Fock space, `fock_hamiltonian(H, cutoff)` the operator R^T H R / 2 and
`fock_local_jumps` the jump operators of `local_dissipator`. Within the kept levels the
Hamiltonian is exact (omega a^dag a has its exact spectrum); truncation errors come only from the
population of the top levels and vanish as the cutoff grows.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._checks import ComplexArray
from ..core.operators import destroy, embed
from .covariance import check_symmetric

__all__ = ["fock_hamiltonian", "fock_local_jumps", "fock_quadratures"]


def _check_cutoff(cutoff: int) -> int:
    if int(cutoff) != cutoff or cutoff < 2:
        raise ValueError(f"`cutoff` must be an integer >= 2; got {cutoff!r}.")
    return int(cutoff)


def fock_quadratures(n_modes: int, cutoff: int) -> list[ComplexArray]:
    """[x_1, p_1, ..., x_M, p_M] as (cutoff^M, cutoff^M) matrices (xpxp ordering)."""
    N = _check_cutoff(cutoff)
    dims = [N] * int(n_modes)
    out = []
    for j in range(int(n_modes)):
        a = embed(destroy(N), dims, j)
        ad = a.conj().T
        out += [(a + ad) / np.sqrt(2), (a - ad) / (1j * np.sqrt(2))]
    return out


def fock_hamiltonian(H: Any, cutoff: int) -> ComplexArray:
    """R^T H R / 2 for a real symmetric (2M, 2M) H, truncated at `cutoff` levels per mode."""
    Hm = check_symmetric(H, "H")
    if Hm.ndim != 2:
        raise ValueError(f"`H` must be a single (2M, 2M) matrix; got shape {Hm.shape}.")
    N = _check_cutoff(cutoff)
    M = Hm.shape[0] // 2
    # products R_i R_j are built with one extra level per mode and then projected, so that
    # the kept block is exact (a a^dag on the top kept level needs the level above it)
    R = fock_quadratures(M, N + 1)
    d = R[0].shape[0]
    out = np.zeros((d, d), dtype=np.complex128)
    for i, Ri in enumerate(R):
        for j, Rj in enumerate(R):
            if Hm[i, j] != 0.0:
                out += 0.5 * Hm[i, j] * (Ri @ Rj)
    levels = np.indices([N + 1] * M).reshape(M, -1)
    keep = np.flatnonzero(np.all(levels < N, axis=0))
    out = out[np.ix_(keep, keep)]
    return 0.5 * (out + out.conj().T)


def fock_local_jumps(
    n_modes: int, mode: int, rate: float, occupation: float, cutoff: int
) -> list[tuple[ComplexArray, float]]:
    """[(a_j, gamma (n + 1)), (a_j^dag, gamma n)]: the thermal bath of `local_dissipator`."""
    N = _check_cutoff(cutoff)
    a = embed(destroy(N), [N] * int(n_modes), int(mode))
    return [(a, rate * (occupation + 1.0)), (a.conj().T, rate * occupation)]
