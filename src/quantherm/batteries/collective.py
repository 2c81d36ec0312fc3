r"""Collective spin operators of N two-level systems: symmetric (J = N/2) and full 2^N space.

Symmetric subspace: basis |J, M⟩ with J = N/2 ordered by the number of excitations
k = M + N/2 = 0, 1, …, N (index 0 is the ground state |G⟩ = |J, −J⟩). Then
J_z = diag(k − N/2), J_+|k⟩ = sqrt((k+1)(N−k)) |k+1⟩ (Dicke states; the total-J multiplet
that contains |G⟩ and is invariant under any permutation-symmetric Hamiltonian).

Full space: N qubits in the computational basis, qubit state |0⟩ = ground, |1⟩ = excited
(so J_z = Σ_i (n_i − 1/2), n_i = |1⟩⟨1|_i; note this is the thermodynamic ordering of
`quantherm.core.operators.qubit_number`, not QuTiP's σ_z ordering).
"""

from __future__ import annotations

import numpy as np
from scipy.special import gammaln

from .._checks import FloatArray

__all__ = [
    "dicke_degeneracies",
    "full_collective_operators",
    "symmetric_collective_operators",
]


def _check_n_spins(N: object) -> int:
    if isinstance(N, bool) or not isinstance(N, int | np.integer) or N < 1:
        raise ValueError(f"`N` must be an integer number of two-level systems >= 1; got {N!r}.")
    return int(N)


def symmetric_collective_operators(N: int) -> tuple[FloatArray, FloatArray, FloatArray]:
    r"""(J_z, J_+, J_x) on the symmetric subspace J = N/2, real (N+1, N+1) matrices.

    Basis ordered by excitation number k = 0..N; J_x = (J_+ + J_−)/2.
    """
    n = _check_n_spins(N)
    k = np.arange(n + 1, dtype=float)
    jz = np.diag(k - n / 2.0)
    jp = np.diag(np.sqrt((k[:-1] + 1.0) * (n - k[:-1])), -1)
    jx = 0.5 * (jp + jp.T)
    return jz, jp, jx


def full_collective_operators(N: int) -> tuple[FloatArray, FloatArray, FloatArray]:
    r"""(J_z, J_+, J_x) on the full 2^N space of N qubits (|0⟩ ground, |1⟩ excited).

    J_α = Σ_i s_α^(i) with s_+ = |1⟩⟨0| (raises the energy), s_z = diag(−1/2, 1/2).
    Dense real matrices of dimension 2^N (use for N ≲ 10).
    """
    n = _check_n_spins(N)
    if n > 14:
        raise ValueError(
            f"`N` must be <= 14 for the full 2^N space; got {n}. Use the symmetric space."
        )
    sz = np.diag([-0.5, 0.5])
    sp = np.array([[0.0, 0.0], [1.0, 0.0]])
    D = 2**n
    jz = np.zeros((D, D))
    jp = np.zeros((D, D))
    for i in range(n):
        left, right = np.eye(2**i), np.eye(2 ** (n - i - 1))
        jz += np.kron(np.kron(left, sz), right)
        jp += np.kron(np.kron(left, sp), right)
    return jz, jp, 0.5 * (jp + jp.T)


def dicke_degeneracies(N: int) -> FloatArray:
    r"""Multiplicities binomial(N, k), k = 0..N, of the levels k ω_a of ω_a(J_z + N/2) on 2^N.

    Floats (exact up to N ≈ 50, relative 1e-15 beyond), usable for N in the thousands.
    """
    n = _check_n_spins(N)
    k = np.arange(n + 1)
    return np.asarray(np.rint(np.exp(gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1))))
