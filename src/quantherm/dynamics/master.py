r"""Master equations: local and global (secular) Lindblad, Bloch-Redfield, explicit Lindblad.

Each builder returns a `MasterEquation`: the coherent generator and one dissipator per
bath (so heat is booked per bath), all in one working basis, batched over parameter points.

Sign convention (docs/conventions.md): energy into the system is positive; the heat
current of bath k is J_k = Tr[H_E D_k(rho)] with H_E the energy Hamiltonian
(`H` for global and Redfield, the bare `H0` for the local equation).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from .._checks import ComplexArray, FloatArray, as_array, check_choice, check_hermitian
from .._config import get_options
from ..baths.bath import Bath
from ..core.superop import unvec, vec
from .elements import (
    IntArray,
    Term,
    assemble_dense,
    coupling_components,
    left_right_term,
    lindblad_jump_terms,
    merge,
    redfield_dissipator_terms,
    secular_dissipator_terms,
)

__all__ = [
    "KINDS",
    "CouplingComponents",
    "MasterEquation",
    "bath_rate_function",
    "lindblad",
    "master_equation",
]

Kind = Literal["global", "local", "redfield", "lindblad"]
KINDS: tuple[str, ...] = ("global", "local", "redfield", "lindblad")

Coupling = tuple[Any, Bath]


def _is_diagonal(M: ComplexArray) -> bool:
    off = M - np.einsum("...ii->...i", M)[..., :, None] * np.eye(M.shape[-1])
    return bool(np.max(np.abs(off), initial=0.0) <= 1e-14 * max(1.0, float(np.max(np.abs(M)))))


@dataclass(frozen=True, eq=False)
class CouplingComponents:
    """One (operator, bath) coupling of a secular equation, resolved into transitions.

    Component p is the working-basis matrix element A[ia_p, ib_p] (values[:, p]) of a
    transition that lowers the system's (lab-frame) energy by omega[:, p]; its rate is
    `bath_rate_function(bath)(omega)`. Counting statistics and other jump-resolved
    analyses start from these.
    """

    bath: str
    ia: IntArray
    ib: IntArray
    values: ComplexArray
    omega: FloatArray


@dataclass(frozen=True, eq=False)
class MasterEquation:
    """A Markovian generator split into a coherent part and one dissipator per bath.

    Everything is stored in a working basis `W` (eigenvectors of the Hamiltonian whose
    Bohr frequencies define the jumps; identity when that Hamiltonian is diagonal):
    operators X are stored as W^dag X W. Batch axes are flattened internally to B points;
    `batch_shape` restores them.

    Attributes:
        kind: "global", "local", "redfield" or "lindblad".
        d: Hilbert-space dimension.
        batch_shape: shape of the parameter batch (() for a single model).
        W: working basis (B, d, d), or None for the identity.
        H_work: generator Hamiltonian in the working basis (B, d, d).
        H_energy_work: energy Hamiltonian H_E in the working basis (B, d, d).
        hamiltonian: the term X -> -i[H, X].
        dissipators: bath name -> term D_k.
        baths: bath name -> Bath.
        heat_flux: bath name -> Phi_k (B, d, d) in the working basis, J_k = -Tr[Phi_k rho]
            (secular equations only; each quantum counted at its lab frequency).
        components: the secular couplings resolved into transitions, in coupling order
            (empty for Redfield and explicit Lindblad equations).
        jump_operators: for explicit Lindblad equations, channel -> ((L, rate), ...) with
            L of shape (B, d, d) and rates (B,) (flattened batch).
        degeneracy_tol: the tolerance that grouped the Bohr frequencies.
    """

    kind: str
    d: int
    batch_shape: tuple[int, ...]
    W: ComplexArray | None
    H_work: ComplexArray
    H_energy_work: ComplexArray
    hamiltonian: Term
    dissipators: dict[str, Term]
    baths: dict[str, Bath]
    heat_flux: dict[str, ComplexArray] = field(default_factory=dict)
    components: tuple[CouplingComponents, ...] = ()
    jump_operators: dict[str, tuple[tuple[ComplexArray, FloatArray], ...]] = field(
        default_factory=dict
    )
    degeneracy_tol: float = 1e-9
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    # ------------------------------------------------------------------ basis helpers
    @property
    def batch(self) -> int:
        return int(self.H_work.shape[0])

    def to_work(self, X: Any) -> ComplexArray:
        """Operator(s) from the original basis to the working basis, flattened batch (B, d, d)."""
        A = np.asarray(X, dtype=np.complex128)
        A = np.broadcast_to(A, (*self.batch_shape, self.d, self.d)).reshape(
            self.batch, self.d, self.d
        )
        if self.W is None:
            return np.array(A)
        return np.conj(np.swapaxes(self.W, -1, -2)) @ A @ self.W

    def from_work(self, X: ComplexArray) -> ComplexArray:
        """Operator(s) (B, d, d) in the working basis back to the original basis with batch axes."""
        out = X if self.W is None else self.W @ X @ np.conj(np.swapaxes(self.W, -1, -2))
        return np.asarray(out.reshape(*self.batch_shape, self.d, self.d))

    @property
    def generator(self) -> Term:
        """The whole Liouvillian as one term (cached)."""
        if "generator" not in self._cache:
            self._cache["generator"] = merge([self.hamiltonian, *self.dissipators.values()])
        return self._cache["generator"]  # type: ignore[no-any-return]

    # ------------------------------------------------------------------ dense views
    def liouvillian(self) -> ComplexArray:
        """Dense Liouvillian in the original basis, shape (*batch, d^2, d^2) (QuTiP convention)."""
        return self._dense_original(self.generator)

    def dissipator(self, name: str) -> ComplexArray:
        """Dense dissipator of bath `name` in the original basis."""
        if name not in self.dissipators:
            raise KeyError(f"no bath named {name!r}; baths are {sorted(self.dissipators)}")
        return self._dense_original(self.dissipators[name])

    def _dense_original(self, term: Term) -> ComplexArray:
        Lw = assemble_dense(term)
        if self.W is not None:
            U = np.einsum("bij,bkl->bikjl", np.conj(self.W), self.W).reshape(
                self.batch, self.d**2, self.d**2
            )
            Lw = U @ Lw @ np.conj(np.swapaxes(U, -1, -2))
        return np.asarray(Lw.reshape(*self.batch_shape, self.d**2, self.d**2))

    @property
    def temperatures(self) -> dict[str, FloatArray]:
        """Bath temperatures broadcast to the batch shape."""
        return {
            k: np.broadcast_to(np.asarray(b.T, dtype=float), self.batch_shape).astype(float)
            for k, b in self.baths.items()
        }

    def vec_work(self, rho: Any) -> ComplexArray:
        """Column-stacked working-basis vectors (B, d^2) of state(s) given in the original basis."""
        return vec(self.to_work(rho))

    def unvec_work(self, x: ComplexArray) -> ComplexArray:
        """States in the original basis from working-basis vectors (B, d^2)."""
        return self.from_work(unvec(x))


# ---------------------------------------------------------------------- builders
def _flatten(arr: ComplexArray, batch_shape: tuple[int, ...], d: int) -> ComplexArray:
    return np.ascontiguousarray(np.broadcast_to(arr, (*batch_shape, d, d)).reshape(-1, d, d))


def bath_rate_function(bath: Bath, batch_shape: tuple[int, ...]) -> Any:
    """`bath.rate` with T broadcast over a flattened batch: omega (B, P) -> rates (B, P)."""
    T = np.asarray(bath.T, dtype=float)
    try:
        Tb = np.broadcast_to(T, batch_shape).reshape(-1, 1)
    except ValueError as exc:
        raise ValueError(
            f"`T` of bath {bath.name!r} must broadcast to the batch shape {batch_shape}; "
            f"got shape {T.shape}."
        ) from exc
    b = Bath(
        name=bath.name,
        T=Tb,
        spectral_density=bath.spectral_density,
        statistics=bath.statistics,
        mu=bath.mu,
    )
    return b.rate


def _normalise_couplings(couplings: Any) -> list[Coupling]:
    if isinstance(couplings, Mapping):
        raise TypeError(
            "`couplings` must be a sequence of (operator, Bath) pairs; got a mapping. "
            "Write [(X_h, hot_bath), (X_c, cold_bath)]."
        )
    out: list[Coupling] = []
    for i, c in enumerate(couplings):
        if not (isinstance(c, tuple | list) and len(c) == 2 and isinstance(c[1], Bath)):
            raise TypeError(
                f"`couplings[{i}]` must be a pair (operator, Bath); got {type(c).__name__}."
            )
        out.append((c[0], c[1]))
    if not out:
        raise ValueError("`couplings` must name at least one (operator, Bath) pair; got none.")
    return out


def master_equation(
    H: Any,
    couplings: Sequence[Coupling],
    *,
    kind: str = "global",
    H0: Any = None,
    frame: Any = None,
    degeneracy_tol: float | None = None,
) -> MasterEquation:
    r"""Build a thermodynamically booked master equation from (H, couplings, baths).

    Args:
        H: system Hamiltonian, shape (..., d, d) (leading axes are a parameter batch).
        couplings: pairs (A, bath): Hermitian system operator A coupled to `bath`
            (interaction A ⊗ B). Several operators may share a bath; heat is booked per
            bath name.
        kind: "global" (secular Davies equation in the eigenbasis of H, degenerate Bohr
            frequencies grouped, KMS detailed balance), "local" (the same construction in
            the eigenbasis of the bare Hamiltonian `H0`, with the full H in the coherent
            part), or "redfield" (Bloch-Redfield, no secular approximation, no Lamb shift).
        H0: bare Hamiltonian for kind="local" (required there; ignored otherwise).
        frame: optional diagonal Hamiltonian H_f of a rotating frame: `H` (and `H0`) are
            then the rotating-frame Hamiltonians, H = U (H_lab - H_f) U^dag with
            U = exp(i H_f t). A coupling element A[i, j] oscillates in that frame at
            nu = f_j - f_i, and its rate is evaluated at the lab frequency
            omega_rot + nu. Energy is booked with H_E + H_f (lab-frame energy).
        degeneracy_tol: Bohr frequencies closer than this are grouped (default from options).

    Returns:
        A `MasterEquation` whose heat currents J_k = Tr[H_E D_k(rho)] are positive when
        bath k heats the system; H_E = H (global, redfield) or H0 (local).

    Raises:
        ValueError: non-Hermitian operators, mismatched dimensions, unknown `kind`.
    """
    check_choice(kind, "kind", ("global", "local", "redfield"))
    Hm = check_hermitian(H, "H")
    d = Hm.shape[-1]
    pairs = _normalise_couplings(couplings)
    ops = []
    for i, (A, _) in enumerate(pairs):
        Am = check_hermitian(A, f"couplings[{i}] operator")
        if Am.shape[-1] != d:
            raise ValueError(
                f"`couplings[{i}]` operator must act on the Hilbert space of `H` (dimension {d}); "
                f"got dimension {Am.shape[-1]}."
            )
        ops.append(Am)
    if kind == "local":
        if H0 is None:
            raise ValueError(
                "`H0` must be given for kind='local': the bare (non-interacting) Hamiltonian "
                "whose Bohr frequencies define the local jumps."
            )
        H0m = check_hermitian(H0, "H0")
        if H0m.shape[-1] != d:
            raise ValueError(f"`H0` must have dimension {d} like `H`; got {H0m.shape[-1]}.")
        Hdec = H0m
    else:
        Hdec = Hm
    if frame is not None:
        Hf = check_hermitian(frame, "frame")
        if Hf.ndim != 2 or Hf.shape[-1] != d or not _is_diagonal(Hf[None]):
            raise ValueError(
                f"`frame` must be a diagonal ({d}, {d}) Hamiltonian H_f of the rotating frame; "
                f"got shape {Hf.shape} or off-diagonal entries."
            )
        fdiag = np.real(np.diag(Hf))
    else:
        fdiag = np.zeros(d)
    shapes = [Hm.shape[:-2], Hdec.shape[:-2], *[o.shape[:-2] for o in ops]]
    shapes += [np.shape(b.T) for _, b in pairs]
    try:
        batch_shape = tuple(np.broadcast_shapes(*shapes))
    except ValueError as exc:
        raise ValueError(
            f"batch shapes of H, H0, couplings and temperatures do not broadcast: {shapes}"
        ) from exc
    tol = get_options().degeneracy_tol if degeneracy_tol is None else degeneracy_tol

    Hf = _flatten(Hm, batch_shape, d)
    Hdf = _flatten(Hdec, batch_shape, d)
    if _is_diagonal(Hdf):
        W = None
        eps = np.real(np.einsum("bii->bi", Hdf)).copy()
    else:
        eps, W = np.linalg.eigh(Hdf)

    def work(X: ComplexArray) -> ComplexArray:
        Xf = _flatten(X, batch_shape, d)
        return Xf if W is None else np.conj(np.swapaxes(W, -1, -2)) @ Xf @ W

    H_work = work(Hm)
    HE_work = work(Hdec + np.diag(fdiag)) if frame is not None else work(Hdec)
    ham = left_right_term(-1j * H_work, 1j * H_work, d)
    diss: dict[str, list[Term]] = {}
    flux: dict[str, ComplexArray] = {}
    comps: list[CouplingComponents] = []
    baths: dict[str, Bath] = {}
    for (_, bath), A in zip(pairs, ops, strict=True):
        if bath.name in baths and baths[bath.name] != bath:
            raise ValueError(
                f"two different baths share the name {bath.name!r}; bath names book heat "
                "and must be unique."
            )
        baths[bath.name] = bath
        rate = bath_rate_function(bath, batch_shape)
        if kind == "redfield":
            if frame is not None:
                raise ValueError(
                    "`frame` is not supported with kind='redfield'; use 'global' or 'local'."
                )
            jump, anti = redfield_dissipator_terms(work(A), eps, rate)
        else:
            ia_l, ib_l, av_l, om_l = [], [], [], []
            nu_matrix = fdiag[None, :] - fdiag[:, None]  # nu[i, j] = f_j - f_i
            for nu in np.unique(np.round(nu_matrix, 12)):
                Anu = np.where(np.abs(nu_matrix - nu) < 1e-12, A, 0.0)
                if not np.any(Anu):
                    continue
                ia, ib, av, _ = coupling_components(work(Anu))
                ia_l.append(ia)
                ib_l.append(ib)
                av_l.append(av)
                om_l.append(eps[:, ib] - eps[:, ia] + nu)
            cc = CouplingComponents(
                bath=bath.name,
                ia=np.concatenate(ia_l),
                ib=np.concatenate(ib_l),
                values=np.concatenate(av_l, axis=1),
                omega=np.concatenate(om_l, axis=1),
            )
            comps.append(cc)
            jump, anti, phi = secular_dissipator_terms(
                cc.ia, cc.ib, cc.values, cc.omega, rate, d, tol
            )
            flux[bath.name] = flux.get(bath.name, 0.0) + phi
        diss.setdefault(bath.name, []).extend([jump, anti])
    return MasterEquation(
        kind=kind,
        d=d,
        batch_shape=batch_shape,
        W=W,
        H_work=H_work,
        H_energy_work=HE_work,
        hamiltonian=ham,
        dissipators={k: merge(v) for k, v in diss.items()},
        baths=baths,
        heat_flux=flux,
        components=tuple(comps),
        degeneracy_tol=tol,
    )


def lindblad(
    H: Any,
    jumps: Mapping[str, Sequence[tuple[Any, Any]]],
    *,
    baths: Mapping[str, Bath] | None = None,
    H_energy: Any = None,
) -> MasterEquation:
    r"""A Lindblad equation from explicit jump operators, grouped into named channels.

    dX/dt = -i[H, X] + sum_k sum_j r_kj (L_kj X L_kj^dag - {L_kj^dag L_kj, X}/2).

    Args:
        H: Hamiltonian (..., d, d).
        jumps: channel name -> list of (L, rate). Heat is booked per channel.
        baths: optional channel name -> Bath (its temperature enters entropy production).
            Channels without a bath (dephasing, drives) enter the ledger as `work`-free
            "other" channels with no temperature.
        H_energy: Hamiltonian for energy bookkeeping (default H).
    """
    Hm = check_hermitian(H, "H")
    d = Hm.shape[-1]
    HE = Hm if H_energy is None else check_hermitian(H_energy, "H_energy")
    shapes = [Hm.shape[:-2], HE.shape[:-2]]
    ops: dict[str, list[tuple[ComplexArray, FloatArray]]] = {}
    for name, lst in jumps.items():
        for j, (L, r) in enumerate(lst):
            Lm = as_array(L, f"jumps[{name!r}][{j}]")
            if Lm.shape[-1] != d or Lm.shape[-2] != d:
                raise ValueError(
                    f"`jumps[{name!r}][{j}]` must be a ({d}, {d}) operator; got shape {Lm.shape}."
                )
            rr = np.asarray(r, dtype=float)
            if np.any(rr < 0) or np.any(~np.isfinite(rr)):
                raise ValueError(
                    f"rate of `jumps[{name!r}][{j}]` must be finite and >= 0; got {r!r}."
                )
            ops.setdefault(name, []).append((Lm, rr))
            shapes += [Lm.shape[:-2], rr.shape]
    batch_shape = tuple(np.broadcast_shapes(*shapes))
    B = int(np.prod(batch_shape)) if batch_shape else 1
    H_work = _flatten(Hm, batch_shape, d)
    HE_work = _flatten(HE, batch_shape, d)
    ham = left_right_term(-1j * H_work, 1j * H_work, d)
    diss: dict[str, Term] = {}
    stored: dict[str, tuple[tuple[ComplexArray, FloatArray], ...]] = {}
    for name, lst in ops.items():
        terms: list[Term] = []
        kept = []
        for Lm, rr in lst:
            Lf = _flatten(Lm, batch_shape, d)
            rf = np.ascontiguousarray(np.broadcast_to(rr, batch_shape).reshape(B))
            terms.extend(lindblad_jump_terms(Lf, rf))
            kept.append((Lf, rf))
        diss[name] = merge(terms)
        stored[name] = tuple(kept)
    return MasterEquation(
        kind="lindblad",
        d=d,
        batch_shape=batch_shape,
        W=None,
        H_work=H_work,
        H_energy_work=HE_work,
        hamiltonian=ham,
        dissipators=diss,
        baths=dict(baths or {}),
        jump_operators=stored,
    )
