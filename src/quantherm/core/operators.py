"""Standard operators and tensor products (complex128 NumPy arrays, hbar = 1).

Conventions: `sigmaz` = diag(1, -1) in the basis (|0>, |1>) = (|up>, |down>), as in QuTiP;
`sigmap` = |0><1| raises sigma_z. For thermodynamics of a two-level system with ground
state |0>, use `qubit_lowering()` = |0><1| together with `qubit_number()` = |1><1|.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .._checks import ComplexArray, as_array, check_square

__all__ = [
    "as_operator",
    "basis",
    "commutator",
    "create",
    "dag",
    "destroy",
    "embed",
    "expect",
    "fock_dm",
    "number",
    "projector",
    "qeye",
    "qubit_lowering",
    "qubit_number",
    "sigmam",
    "sigmap",
    "sigmax",
    "sigmay",
    "sigmaz",
    "tensor",
    "to_qutip",
]


def as_operator(x: Any, name: str = "operator") -> ComplexArray:
    """Convert an operator-like (ndarray, list, Qobj, scipy.sparse) to (..., d, d) complex128."""
    return check_square(as_array(x, name), name)


def dag(A: ComplexArray) -> ComplexArray:
    """Conjugate transpose over the last two axes."""
    return np.conj(np.swapaxes(A, -1, -2))


def commutator(A: ComplexArray, B: ComplexArray) -> ComplexArray:
    """[A, B] = AB - BA (batched)."""
    return A @ B - B @ A


def expect(A: ComplexArray, rho: ComplexArray) -> Any:
    """Tr[A rho] (real part), batched over leading axes."""
    return np.real(np.einsum("...ij,...ji->...", A, rho))


def qeye(d: int) -> ComplexArray:
    """Identity on a d-dimensional space."""
    return np.eye(d, dtype=np.complex128)


def destroy(n: int) -> ComplexArray:
    """Annihilation operator a on a Fock space truncated to n levels."""
    return np.diag(np.sqrt(np.arange(1, n, dtype=np.float64)), 1).astype(np.complex128)


def create(n: int) -> ComplexArray:
    """Creation operator a^dagger on n Fock levels."""
    return dag(destroy(n))


def number(n: int) -> ComplexArray:
    """Number operator a^dagger a = diag(0, 1, ..., n-1)."""
    return np.diag(np.arange(n, dtype=np.float64)).astype(np.complex128)


def sigmax() -> ComplexArray:
    """Pauli X."""
    return np.array([[0, 1], [1, 0]], dtype=np.complex128)


def sigmay() -> ComplexArray:
    """Pauli Y."""
    return np.array([[0, -1j], [1j, 0]], dtype=np.complex128)


def sigmaz() -> ComplexArray:
    """Pauli Z = diag(1, -1) (QuTiP convention: |0> is spin up)."""
    return np.array([[1, 0], [0, -1]], dtype=np.complex128)


def sigmap() -> ComplexArray:
    """sigma_+ = |0><1| (raises sigma_z, QuTiP convention)."""
    return np.array([[0, 1], [0, 0]], dtype=np.complex128)


def sigmam() -> ComplexArray:
    """sigma_- = |1><0| (lowers sigma_z, QuTiP convention)."""
    return np.array([[0, 0], [1, 0]], dtype=np.complex128)


def qubit_number() -> ComplexArray:
    """|1><1|: excitation number of a two-level system with ground state |0>."""
    return np.diag([0.0, 1.0]).astype(np.complex128)


def qubit_lowering() -> ComplexArray:
    """|0><1|: lowers the excitation of `qubit_number` (ground state |0>)."""
    return np.array([[0, 1], [0, 0]], dtype=np.complex128)


def basis(d: int, k: int) -> ComplexArray:
    """Column basis vector |k> of a d-dimensional space, shape (d,)."""
    if not 0 <= k < d:
        raise ValueError(f"`k` must be in [0, {d}); got {k}.")
    v = np.zeros(d, dtype=np.complex128)
    v[k] = 1.0
    return v


def projector(v: Any) -> ComplexArray:
    """|v><v| for a (normalised) vector v."""
    vec = np.asarray(v, dtype=np.complex128).reshape(-1)
    return np.outer(vec, np.conj(vec))


def fock_dm(d: int, k: int) -> ComplexArray:
    """|k><k| on d levels."""
    return projector(basis(d, k))


def tensor(*ops: Any) -> ComplexArray:
    """Kronecker product of operators (first factor is the most significant)."""
    if len(ops) == 1 and isinstance(ops[0], list | tuple):
        ops = tuple(ops[0])
    arrays = [as_array(o, "operator") for o in ops]
    out = arrays[0]
    for a in arrays[1:]:
        out = np.asarray(np.kron(out, a), dtype=np.complex128)
    return out


def embed(op: Any, dims: Sequence[int], index: int) -> ComplexArray:
    """Operator `op` acting on factor `index` of a tensor product with local dimensions `dims`."""
    A = as_operator(op)
    if A.shape[-1] != dims[index]:
        raise ValueError(
            f"`op` must have the dimension of factor {index} ({dims[index]}); got {A.shape[-1]}."
        )
    factors = [qeye(d) for d in dims]
    factors[index] = A
    return tensor(*factors)


def to_qutip(A: Any, dims: Sequence[int] | None = None) -> Any:
    """Return a QuTiP ``Qobj`` (needs the optional extra: pip install 'quantherm[qutip]')."""
    try:
        import qutip
    except ImportError as exc:  # pragma: no cover - depends on environment
        raise ImportError("to_qutip needs qutip: pip install 'quantherm[qutip]'") from exc
    arr = np.asarray(A)
    if dims is None:
        return qutip.Qobj(arr)
    return qutip.Qobj(arr, dims=[list(dims), list(dims)])
