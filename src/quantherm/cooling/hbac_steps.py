r"""Steps of heat-bath algorithmic cooling (HBAC) on a register of n qubits.

Every step exists twice, as one physical channel: a fast map on the diagonal populations
(a probability vector of length 2^n, valid whenever the state has no coherences in the
computational basis) and Kraus operators for the density-matrix path. Basis index bits:
qubit 0 (the target) is the most significant bit, as in `quantherm.core.operators.tensor`.

Energies are in units of the qubit gap omega (all qubits share it, the homonuclear model of
the HBAC literature): H = sum_j n_j, |0> the ground state, so a bath of polarization
eps_b = tanh(beta/2) has beta = 2 atanh(eps_b) = 2 Delta.

Two kinds of steps:

* compressions (unitaries; the energy they change is work done ON the register):
  `SortCompression` (the partner-pairing algorithm's sorting permutation),
  `Permutation` (fixed basis permutations, e.g. `three_qubit_compression`, `flip`),
  `Unitary` (any user unitary), `SortedPairPlacement` (the state-dependent permutation of
  the pair-reset protocols);
* relaxations (thermal channels of the bath; the energy they change is heat INTO the
  register): `Reset` (refresh of reset qubits, exact or finite-time amplitude damping) and
  `CrossRelaxation` (correlated resets acting on pairs of collective levels of two qubits:
  double quantum |00> <-> |11> with Gibbs ratio e^{4 Delta}, zero quantum |01> <-> |10>).

References:
    Schulman, Mor, Weinstein, PRL 94, 120501 (2005), doi:10.1103/PhysRevLett.94.120501.
    Raeisi & Mosca, PRL 114, 100404 (2015), doi:10.1103/PhysRevLett.114.100404.
    Rodríguez-Briones et al., NJP 19, 113047 (2017), doi:10.1088/1367-2630/aa8fe0.
"""

from __future__ import annotations

import functools
import math
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import scipy.linalg

from .._checks import ComplexArray, FloatArray, as_array, check_square
from ..core.superop import lindblad_dissipator

if TYPE_CHECKING:
    from ..machines.stroke import MapStroke

__all__ = [
    "AbstractStep",
    "CrossRelaxation",
    "Permutation",
    "Reset",
    "SortCompression",
    "SortedPairPlacement",
    "Unitary",
    "embed_qubits",
    "flip",
    "three_qubit_compression",
]


# --------------------------------------------------------------------------- helpers
def _check_qubits(qubits: Any, name: str, count: int | None = None) -> tuple[int, ...]:
    try:
        q = tuple(int(k) for k in qubits)
    except TypeError:
        raise TypeError(f"`{name}` must be a sequence of qubit indices; got {qubits!r}.") from None
    if any(k < 0 for k in q) or len(set(q)) != len(q) or not q:
        raise ValueError(f"`{name}` must be distinct non-negative qubit indices; got {qubits!r}.")
    if count is not None and len(q) != count:
        raise ValueError(f"`{name}` must name exactly {count} qubits; got {qubits!r}.")
    return q


def _check_strength(x: float, name: str) -> float:
    v = float(x)
    if not (0.0 < v <= 1.0) or not math.isfinite(v):
        raise ValueError(
            f"`{name}` must be in (0, 1] (1 - exp(-gamma t), 1 = full relaxation); got {x!r}."
        )
    return v


def _local_axes(p: FloatArray, qubits: tuple[int, ...], n: int) -> tuple[FloatArray, list[int]]:
    """Populations (..., 2^n) -> (..., 2^k, 2^(n-k)) with `qubits` first (in that order)."""
    batch = p.shape[:-1]
    nb = len(batch)
    t = p.reshape(*batch, *([2] * n))
    rest = [q for q in range(n) if q not in qubits]
    order = list(qubits) + rest
    t = np.transpose(t, list(range(nb)) + [nb + q for q in order])
    return t.reshape(*batch, 2 ** len(qubits), 2 ** len(rest)), order


def _local_axes_inverse(t: FloatArray, order: list[int], n: int) -> FloatArray:
    batch = t.shape[:-2]
    nb = len(batch)
    u = t.reshape(*batch, *([2] * n))
    inv = np.argsort(order)
    u = np.transpose(u, list(range(nb)) + [nb + int(k) for k in inv])
    return np.ascontiguousarray(u.reshape(*batch, 2**n))


def embed_qubits(op: Any, qubits: tuple[int, ...], n: int) -> ComplexArray:
    """Operator(s) `op` of shape (..., 2^k, 2^k) acting on `qubits` of an n-qubit register.

    The local basis of `op` orders `qubits` as given (first = most significant).

    Returns:
        array of shape (..., 2^n, 2^n).
    """
    A = np.asarray(op, dtype=np.complex128)
    rest = [q for q in range(n) if q not in qubits]
    full = np.kron(A, np.eye(2 ** len(rest), dtype=np.complex128))
    batch = full.shape[:-2]
    nb = len(batch)
    order = list(qubits) + rest
    inv = [int(j) for j in np.argsort(order)]
    t = full.reshape(*batch, *([2] * (2 * n)))
    axes = list(range(nb)) + [nb + j for j in inv] + [nb + n + j for j in inv]
    return np.ascontiguousarray(np.transpose(t, axes).reshape(*batch, 2**n, 2**n))


def _permutation_matrix(perm: np.ndarray) -> ComplexArray:
    """U with U|j> = |perm[j]>."""
    d = len(perm)
    U = np.zeros((d, d), dtype=np.complex128)
    U[perm, np.arange(d)] = 1.0
    return U


def _kraus_from_superop(S: ComplexArray) -> ComplexArray:
    """Kraus operators of a column-stacked superoperator (via its Choi matrix)."""
    d = math.isqrt(S.shape[-1])
    # Choi J[(k, a), (l, c)] = S[a + d c, k + d l]; S.reshape(d, d, d, d) is indexed [c, a, l, k]
    J = S.reshape(d, d, d, d).transpose(3, 1, 2, 0).reshape(d * d, d * d)
    J = 0.5 * (J + J.conj().T)
    mu, V = np.linalg.eigh(J)
    keep = mu > 1e-14 * max(1.0, float(mu.max()))
    K = np.sqrt(mu[keep])[:, None] * V[:, keep].T  # (K, d*d) indexed (k, a)
    return np.ascontiguousarray(np.swapaxes(K.reshape(-1, d, d), -1, -2))


@functools.lru_cache(maxsize=64)
def polarization_weights(eps: float) -> FloatArray:
    """Qubit Gibbs populations ((1 + eps)/2, (1 - eps)/2) (cached, read-only)."""
    w = np.array([(1.0 + eps) / 2.0, (1.0 - eps) / 2.0])
    w.flags.writeable = False
    return w


@functools.lru_cache(maxsize=64)
def _reset_column(eps: float) -> FloatArray:
    w = polarization_weights(eps)[:, None].copy()
    w.flags.writeable = False
    return w


# --------------------------------------------------------------------------- base
class AbstractStep(ABC):
    """One step of an HBAC round: a channel on the register.

    `is_compression` steps are unitaries (energy change = work on the register); the
    others are thermal channels of the bath (energy change = heat into the register).
    """

    is_compression: ClassVar[bool] = False
    #: True when the step's map depends on the state it acts on (sorting compressions).
    state_dependent: ClassVar[bool] = False

    @abstractmethod
    def qubits_used(self, n: int) -> tuple[int, ...]:
        """Qubits the step acts on in an n-qubit register."""

    @property
    def keeps_diagonal(self) -> bool:
        """True if diagonal states stay diagonal (the population path is exact)."""
        return True

    @abstractmethod
    def apply_populations(self, p: FloatArray, n: int, eps_b: float) -> FloatArray:
        """The step on populations of shape (..., 2^n)."""

    @abstractmethod
    def local_kraus(self, rho: ComplexArray, n: int, eps_b: float) -> ComplexArray:
        """Kraus operators (K, 2^k, 2^k) on `qubits_used(n)` (they may depend on `rho`)."""

    def kraus(self, rho: ComplexArray, n: int, eps_b: float) -> ComplexArray:
        """Kraus operators (K, 2^n, 2^n) of the step on the whole register."""
        return embed_qubits(self.local_kraus(rho, n, eps_b), self.qubits_used(n), n)

    def apply_density(self, rho: ComplexArray, n: int, eps_b: float) -> ComplexArray:
        """The step on a density matrix (2^n, 2^n): sum_k K_k rho K_k^dag, applied locally."""
        K = self.local_kraus(rho, n, eps_b)
        qubits = self.qubits_used(n)
        if len(qubits) == n and K.shape[0] == 1:
            # a (monomial) unitary on the whole register: gather instead of matmul
            U = K[0]
            mod = np.abs(U)
            perm = np.argmax(mod, axis=0)
            cols = np.arange(len(U))
            if np.count_nonzero(mod > 1e-15) == len(U) and np.allclose(mod[perm, cols], 1):
                ph = U[perm, cols]
                out = np.empty_like(rho)
                out[np.ix_(perm, perm)] = ph[:, None] * rho * np.conj(ph)[None, :]
                return out
        k, D = len(qubits), 2**n
        rest = [q for q in range(n) if q not in qubits]
        order = list(qubits) + rest
        X = rho.reshape([2] * (2 * n)).transpose(order + [n + q for q in order])
        X = X.reshape(2**k, D >> k, 2**k, D >> k)
        Y = np.einsum("kab,bxcy,kdc->axdy", K, X, K.conj(), optimize=True)
        inv = [int(j) for j in np.argsort(order)]
        Y = Y.reshape([2] * (2 * n)).transpose(inv + [n + j for j in inv])
        return np.ascontiguousarray(Y.reshape(D, D))

    def as_stroke(
        self, n: int, eps_b: float, *, state: Any = None, bath: str = "bath"
    ) -> MapStroke:
        """The step as a `quantherm.machines.stroke.MapStroke` on the 2^n register.

        Compressions book their energy change as work, thermal steps as heat of `bath`;
        state-dependent steps need `state` (see `hbac_strokes.step_stroke`).
        """
        from .hbac_strokes import step_stroke

        return step_stroke(self, n, eps_b, state=state, bath=bath)

    def validate(self, n: int) -> None:
        """Raise ValueError if the step does not fit an n-qubit register."""
        bad = [q for q in self.qubits_used(n) if q >= n]
        if bad:
            raise ValueError(
                f"`{type(self).__name__}` acts on qubit(s) {bad}, outside a register of "
                f"n = {n} qubits (indices 0..{n - 1}). Use smaller indices or a larger n."
            )


# --------------------------------------------------------------------------- relaxations
@dataclass(frozen=True, slots=True, kw_only=True)
class Reset(AbstractStep):
    r"""Refresh of reset qubits by the bath (the HBAC "state reset").

    Each qubit q in `qubits` undergoes generalized amplitude damping towards
    diag((1 + eps_b)/2, (1 - eps_b)/2) for a time t at total rate gamma, with
    `strength` = 1 - exp(-gamma t). Populations: for every configuration x of the other
    qubits, (p(x,0), p(x,1)) -> (1 - s) (p(x,0), p(x,1)) + s (p(x,0) + p(x,1)) w,
    w = ((1 + eps_b)/2, (1 - eps_b)/2). `strength` = 1 is the exact reset
    rho -> Tr_q(rho) ⊗ w (the infinite-time limit). The density-matrix Kraus operators are
    the exact Lindblad solution (coherences of q decay as sqrt(1 - strength)).

    Sign convention: the energy change of this step is heat INTO the register.
    """

    qubits: tuple[int, ...]
    strength: float = 1.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "qubits", _check_qubits(self.qubits, "qubits"))
        object.__setattr__(self, "strength", _check_strength(self.strength, "strength"))

    def qubits_used(self, n: int) -> tuple[int, ...]:
        return self.qubits

    def apply_populations(self, p: FloatArray, n: int, eps_b: float) -> FloatArray:
        w = _reset_column(eps_b)
        s = self.strength
        for q in self.qubits:
            batch = p.shape[:-1]
            t = p.reshape(*batch, 2**q, 2, 2 ** (n - q - 1))
            tot = np.add.reduce(t, axis=-2, keepdims=True)
            new = tot * w
            if s < 1.0:
                new = (1.0 - s) * t + s * new
            p = new.reshape(*batch, 2**n)
        return p

    def local_kraus(self, rho: ComplexArray, n: int, eps_b: float) -> ComplexArray:
        w0, w1 = polarization_weights(eps_b)
        s = self.strength
        a, b = math.sqrt(s), math.sqrt(1.0 - s)
        one = np.array(
            [
                math.sqrt(w0) * np.array([[1, 0], [0, b]]),
                math.sqrt(w0) * np.array([[0, a], [0, 0]]),
                math.sqrt(w1) * np.array([[b, 0], [0, 1]]),
                math.sqrt(w1) * np.array([[0, 0], [a, 0]]),
            ],
            dtype=np.complex128,
        )
        K = one
        for _ in self.qubits[1:]:
            K = np.einsum("aij,bkl->abikjl", K, one).reshape(
                K.shape[0] * 4, K.shape[1] * 2, K.shape[2] * 2
            )
        return K


@dataclass(frozen=True, slots=True, kw_only=True)
class CrossRelaxation(AbstractStep):
    r"""Correlated reset of two qubits (c, r) on pairs of collective levels.

    Double-quantum relaxation thermalizes the pair (|x,00>, |x,11>) (gap 2 omega, Gibbs
    ratio R = e^{4 Delta} = ((1 + eps_b)/(1 - eps_b))^2) with strength `double_quantum`;
    zero-quantum relaxation equalizes (|x,01>, |x,10>) (gap 0) with strength
    `zero_quantum` (0 switches it off). With strength s = 1 - exp(-W t), the pair
    (p_a, p_b) -> (1 - s)(p_a, p_b) + s (p_a + p_b)(R, 1)/(R + 1). The Nuclear Overhauser
    cross-relaxation of NMR; "a reset acting on a pair of energy levels" (A4's mechanism,
    reconstructed: see docs/cooling.md). On density matrices each part is the exact
    solution of the Lindblad equation with jumps |a><b| and |b><a| embedded on (c, r)
    (the `strength` = 1 limit kills every coherence that touches the pair).

    Sign convention: the energy change of this step is heat INTO the register.
    """

    qubits: tuple[int, int]
    double_quantum: float = 1.0
    zero_quantum: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "qubits", _check_qubits(self.qubits, "qubits", 2))
        for name in ("double_quantum", "zero_quantum"):
            v = float(getattr(self, name))
            if not (0.0 <= v <= 1.0) or not math.isfinite(v):
                raise ValueError(f"`{name}` must be in [0, 1]; got {getattr(self, name)!r}.")
            object.__setattr__(self, name, v)
        if self.double_quantum == 0.0 and self.zero_quantum == 0.0:
            raise ValueError(
                "`double_quantum` and `zero_quantum` must not both be 0; got an identity "
                "channel. Give at least one relaxation strength in (0, 1]."
            )

    def qubits_used(self, n: int) -> tuple[int, ...]:
        return self.qubits

    def _pairs(self, eps_b: float) -> list[tuple[int, int, float, float]]:
        R = ((1.0 + eps_b) / (1.0 - eps_b)) ** 2
        out = []
        if self.double_quantum > 0:
            out.append((0, 3, R / (R + 1.0), self.double_quantum))
        if self.zero_quantum > 0:
            out.append((1, 2, 0.5, self.zero_quantum))
        return out

    def apply_populations(self, p: FloatArray, n: int, eps_b: float) -> FloatArray:
        t, order = _local_axes(p, self.qubits, n)
        t = t.copy()
        for a, b, wa, s in self._pairs(eps_b):
            tot = t[..., a, :] + t[..., b, :]
            na, nb_ = tot * wa, tot * (1.0 - wa)
            if s < 1.0:
                na = (1.0 - s) * t[..., a, :] + s * na
                nb_ = (1.0 - s) * t[..., b, :] + s * nb_
            t[..., a, :], t[..., b, :] = na, nb_
        return _local_axes_inverse(t, order, n)

    def local_kraus(self, rho: ComplexArray, n: int, eps_b: float) -> ComplexArray:
        K = np.eye(4, dtype=np.complex128)[None]
        for a, b, wa, s in self._pairs(eps_b):
            Kp = _pair_relaxation_kraus(a, b, wa, s)
            K = np.einsum("aij,bjk->abik", Kp, K).reshape(-1, 4, 4)
        return K


def _pair_relaxation_kraus(a: int, b: int, wa: float, s: float) -> ComplexArray:
    """Kraus operators on C^4 thermalizing levels (a, b) to weights (wa, 1 - wa)."""
    e = np.eye(4, dtype=np.complex128)
    ket = [e[:, [k]] for k in range(4)]
    if s >= 1.0:
        P = ket[a] @ ket[a].T + ket[b] @ ket[b].T
        ops = [np.eye(4) - P]
        for i, wi in ((a, wa), (b, 1.0 - wa)):
            for j in (a, b):
                ops.append(math.sqrt(wi) * ket[i] @ ket[j].T)
        return np.array(ops, dtype=np.complex128)
    gamma = -math.log1p(-s)  # total rate x time
    down = ket[a] @ ket[b].T  # |a><b|: b -> a at rate gamma wa
    L = lindblad_dissipator(down, gamma * wa) + lindblad_dissipator(down.T, gamma * (1.0 - wa))
    return _kraus_from_superop(scipy.linalg.expm(L))


# --------------------------------------------------------------------------- compressions
@dataclass(frozen=True, slots=True)
class SortCompression(AbstractStep):
    r"""The partner-pairing compression: the permutation sorting the diagonal, largest first.

    Along the binary order |0...0>, ..., |1...1> (target most significant) the populations
    become non-increasing: this maximises the target polarization, then the next qubit's,
    and so on (PPA, Schulman-Mor-Weinstein 2005). The permutation depends on the state
    (stable order for ties). Energy change = work done on the register.
    """

    is_compression: ClassVar[bool] = True
    state_dependent: ClassVar[bool] = True

    def qubits_used(self, n: int) -> tuple[int, ...]:
        return tuple(range(n))

    def apply_populations(self, p: FloatArray, n: int, eps_b: float) -> FloatArray:
        return -np.sort(-p, axis=-1)

    def local_kraus(self, rho: ComplexArray, n: int, eps_b: float) -> ComplexArray:
        diag = np.real(np.diagonal(rho))
        src = np.argsort(-diag, kind="stable")  # new level k takes old level src[k]
        perm = np.empty_like(src)
        perm[src] = np.arange(len(src))
        return _permutation_matrix(perm)[None]


@dataclass(frozen=True, slots=True, kw_only=True)
class Permutation(AbstractStep):
    """Fixed basis permutation |j> -> |perm[j]> of the local basis of `qubits` (a compression).

    Example: `three_qubit_compression` swaps |011> and |100> (the 3-bit compression of the
    PPA at low polarization); `flip` is sigma_x. Energy change = work on the register.
    """

    is_compression: ClassVar[bool] = True
    qubits: tuple[int, ...]
    perm: tuple[int, ...]

    def __post_init__(self) -> None:
        q = _check_qubits(self.qubits, "qubits")
        object.__setattr__(self, "qubits", q)
        perm = tuple(int(k) for k in self.perm)
        if sorted(perm) != list(range(2 ** len(q))):
            raise ValueError(
                f"`perm` must be a permutation of 0..{2 ** len(q) - 1} (one entry per basis "
                f"state of {len(q)} qubit(s)); got {self.perm!r}."
            )
        object.__setattr__(self, "perm", perm)

    def qubits_used(self, n: int) -> tuple[int, ...]:
        return self.qubits

    def apply_populations(self, p: FloatArray, n: int, eps_b: float) -> FloatArray:
        t, order = _local_axes(p, self.qubits, n)
        out = np.empty_like(t)
        out[..., list(self.perm), :] = t
        return _local_axes_inverse(out, order, n)

    def local_kraus(self, rho: ComplexArray, n: int, eps_b: float) -> ComplexArray:
        return _permutation_matrix(np.array(self.perm))[None]


def flip(qubit: int) -> Permutation:
    """sigma_x on one qubit (a unitary flip; used by the NOE protocol)."""
    return Permutation(qubits=(qubit,), perm=(1, 0))


def three_qubit_compression(qubits: tuple[int, int, int] = (0, 1, 2)) -> Permutation:
    """The 3-bit compression |011> <-> |100> on (target, computation, reset) qubits."""
    return Permutation(qubits=qubits, perm=(0, 1, 2, 4, 3, 5, 6, 7))


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class Unitary(AbstractStep):
    """A user unitary on `qubits` (a compression). Raises ValueError if `U` is not unitary.

    The population path is used only when |U|^2 is a permutation matrix (U maps basis
    states to basis states, up to phases); otherwise the density-matrix path is needed.
    """

    is_compression: ClassVar[bool] = True
    U: Any
    qubits: tuple[int, ...]
    atol: float = 1e-10
    _perm: tuple[int, ...] | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        q = _check_qubits(self.qubits, "qubits")
        object.__setattr__(self, "qubits", q)
        U = check_square(as_array(self.U, "U"), "U")
        if U.shape != (2 ** len(q), 2 ** len(q)):
            raise ValueError(
                f"`U` must have shape ({2 ** len(q)}, {2 ** len(q)}) for {len(q)} qubit(s); "
                f"got {U.shape}."
            )
        dev = float(np.max(np.abs(U.conj().T @ U - np.eye(len(U)))))
        if dev > self.atol:
            raise ValueError(
                f"`U` must be unitary (a compression is a unitary); got max |U^dag U - 1| = "
                f"{dev:.3g}. Use a thermal step (Reset, CrossRelaxation) for non-unitary maps."
            )
        object.__setattr__(self, "U", U)
        mod = np.abs(U) ** 2
        if np.allclose(mod, np.round(mod), atol=1e-12):
            object.__setattr__(self, "_perm", tuple(int(k) for k in np.argmax(mod, axis=0)))

    def qubits_used(self, n: int) -> tuple[int, ...]:
        return self.qubits

    @property
    def keeps_diagonal(self) -> bool:
        return self._perm is not None

    def apply_populations(self, p: FloatArray, n: int, eps_b: float) -> FloatArray:
        if self._perm is None:
            raise ValueError(
                "`U` creates coherences, so the population path is not exact; run the "
                "protocol with representation='density'."
            )
        return Permutation(qubits=self.qubits, perm=self._perm).apply_populations(p, n, eps_b)

    def local_kraus(self, rho: ComplexArray, n: int, eps_b: float) -> ComplexArray:
        return np.asarray(self.U)[None]


@dataclass(frozen=True, slots=True, kw_only=True)
class SortedPairPlacement(AbstractStep):
    r"""Permutation that feeds adjacent sorted levels to a pair reset on qubits (c, r).

    The levels are sorted (largest first); the adjacent pairs (k, k+1) with
    k = 4 i + `offset` (i = 0, 1, ...) are placed on the double-quantum pairs
    (|x,00>, |x,11>) of (c, r), x in increasing order of the other qubits (the larger
    population on |x,00> when eps_b >= 0, else on |x,11>); the remaining levels fill, in
    sorted order, the slots |x,01>, |x,10> for every x and then the unused double-quantum
    slots. Cycling `offset` over 0..3 with a `CrossRelaxation` after each placement hits
    every adjacent pair of the sorted list: the "unrestricted unitaries" pair-reset
    protocol of the card (a reconstruction). A compression: energy change = work.
    """

    is_compression: ClassVar[bool] = True
    state_dependent: ClassVar[bool] = True
    qubits: tuple[int, int]
    offset: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "qubits", _check_qubits(self.qubits, "qubits", 2))
        if int(self.offset) not in (0, 1, 2, 3):
            raise ValueError(f"`offset` must be 0, 1, 2 or 3; got {self.offset!r}.")

    def qubits_used(self, n: int) -> tuple[int, ...]:
        return tuple(range(n))

    def _slots(self, n: int, eps_b: float) -> np.ndarray:
        """slots[k] = basis index receiving the k-th largest population."""
        D = 2**n
        idx = np.arange(D).reshape([2] * n)
        c, r = self.qubits
        rest = [q for q in range(n) if q not in (c, r)]
        t = np.transpose(idx, [c, r, *rest]).reshape(4, -1)  # t[ab, x]
        hi, lo = (t[0], t[3]) if eps_b >= 0 else (t[3], t[0])
        starts = list(range(self.offset, D - 1, 4))
        slots = np.full(D, -1)
        for i, k in enumerate(starts):
            slots[k], slots[k + 1] = hi[i], lo[i]
        free = [
            *np.ravel(np.stack([t[1], t[2]], axis=1)),
            *np.ravel(np.stack([t[0][len(starts) :], t[3][len(starts) :]], axis=1)),
        ]
        slots[slots < 0] = free
        return slots

    def apply_populations(self, p: FloatArray, n: int, eps_b: float) -> FloatArray:
        srt = -np.sort(-p, axis=-1)
        out = np.empty_like(p)
        out[..., self._slots(n, eps_b)] = srt
        return out

    def local_kraus(self, rho: ComplexArray, n: int, eps_b: float) -> ComplexArray:
        diag = np.real(np.diagonal(rho))
        src = np.argsort(-diag, kind="stable")  # k-th largest sits at src[k]
        perm = np.empty_like(src)
        perm[src] = self._slots(n, eps_b)  # |src[k]> -> |slots[k]>
        return _permutation_matrix(perm)[None]
