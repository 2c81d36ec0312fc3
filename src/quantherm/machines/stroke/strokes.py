r"""Strokes: the pieces a cyclic machine is made of.

A stroke maps the state at its start to the state at its end by a CPTP map S (a
superoperator on column-stacked vectors, vec(A X B) = (B^T kron A) vec(X)) and books the
energy change ΔE = Tr[H_end rho_end] - Tr[H_start rho_start] as work and heat:

* `UnitaryStroke`  — constant or time-dependent Hamiltonian; ΔE is work.
* `QuenchStroke`   — sudden change H_initial -> H_final; the state is unchanged; ΔE is work.
* `BathStroke`     — a `MasterEquation` over a duration (one or several baths, optionally
  a drive: a constant one in its Hamiltonian, or a time-dependent V(t) integrated as an
  ODE for the propagator; the combined stroke). Heat of bath k is the exact integral
  Q_k = \int_0^tau Tr[H_E D_k(rho(t))] dt and work W = \int_0^tau Tr[H_E (-i[H, rho(t)])] dt,
  both from Phi(tau) = \int_0^tau exp(L t) dt (no sampling).
* `DephasingStroke` — (partial) dephasing in the eigenbasis of a Hamiltonian (a
  non-selective measurement of energy); ΔE is booked as heat of a channel without
  temperature ("measurement").
* `MapStroke`      — a user CPTP map (superoperator or Kraus operators), validated through
  its Choi matrix.
* `IsothermalStroke` — exact quasi-static isotherm H_i -> H_f at T: the state follows the
  Gibbs states, W = ΔF, Q = T ΔS (on a Gibbs input).

Sign convention (docs/conventions.md): energy into the system is positive; W > 0 when work
is done on the system, Q_k > 0 when bath k heats it; ΔE = W + sum_k Q_k per stroke.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.integrate import solve_ivp

from ..._checks import (
    ComplexArray,
    FloatArray,
    as_array,
    check_hermitian,
    check_square,
    check_temperature,
)
from ..._config import get_options
from ...core.states import gibbs_state
from ...core.superop import spost, spre, sprepost, vec
from ...dynamics.master import MasterEquation
from ._propagate import generator_propagator, ode_propagator

__all__ = [
    "AdiabaticStroke",
    "BathStroke",
    "DephasingStroke",
    "IsothermalStroke",
    "MapStroke",
    "QuenchStroke",
    "Stroke",
    "UnitaryStroke",
    "choi_matrix",
]


def _row(A: ComplexArray) -> ComplexArray:
    """Row vector r with Tr[A X] = r . vec(X) (column stacking): r = vec(A^T)."""
    d = A.shape[-1]
    return np.asarray(A.reshape(*A.shape[:-2], d * d))


def _row_times(r: ComplexArray, M: ComplexArray) -> ComplexArray:
    """Batched row-vector times matrix: (..., n) x (..., n, n) -> (..., n)."""
    return np.asarray((r[..., None, :] @ M)[..., 0, :])


def _duration(x: Any, name: str = "duration") -> FloatArray:
    if callable(x) or isinstance(x, str):
        raise TypeError(f"`{name}` must be a real number or array; got {type(x).__name__}.")
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"`{name}` must be a real number or array; got {x!r}.") from exc
    if arr.size == 0 or np.any(~np.isfinite(arr)) or np.any(arr <= 0):
        raise ValueError(
            f"`{name}` must be finite and > 0; got {x!r}. A stroke takes positive time; "
            "use QuenchStroke for an instantaneous change of Hamiltonian."
        )
    return arr


@dataclass(frozen=True, slots=True)
class Compiled:
    """A stroke reduced to linear algebra (internal to the stroke package).

    Attributes:
        S: propagator (..., n, n), n = d^2; None for the identity map.
        E_start, E_end: energy Hamiltonians at the boundaries (..., d, d).
        duration: (...) durations (0 for instantaneous strokes).
        rows: functionals (..., 1 + len(channels), n): row 0 gives the work
            W = Re(rows[0] . vec(rho_start)), row 1 + j the heat of channels[j].
        channels: names of the heat channels.
        temperatures: channel -> temperature (channels with a thermal bath only).
    """

    S: ComplexArray | None
    E_start: ComplexArray
    E_end: ComplexArray
    duration: FloatArray
    rows: ComplexArray
    channels: tuple[str, ...]
    temperatures: dict[str, FloatArray]

    @property
    def work_row(self) -> ComplexArray:
        """Functional of the work on the initial state, (..., n)."""
        return np.asarray(self.rows[..., 0, :])

    @property
    def heat_rows(self) -> dict[str, ComplexArray]:
        """Channel -> functional of its heat on the initial state, (..., n)."""
        return {k: np.asarray(self.rows[..., i + 1, :]) for i, k in enumerate(self.channels)}


class Stroke(abc.ABC):
    """Abstract stroke: a CPTP map with an energy ledger. Compose strokes into a `Cycle`."""

    __slots__ = ()

    name: str

    @property
    @abc.abstractmethod
    def dim(self) -> int:
        """Hilbert-space dimension d."""

    @abc.abstractmethod
    def energy_hamiltonians(self) -> tuple[ComplexArray, ComplexArray]:
        """Energy (bare) Hamiltonians at the start and at the end, each (..., d, d)."""

    @abc.abstractmethod
    def compile(self) -> Compiled:
        """The propagator and the linear functionals of the ledger."""

    def propagator(self) -> ComplexArray:
        """The stroke's superoperator S, shape (..., d^2, d^2) (column stacking)."""
        c = self.compile()
        if c.S is None:
            n = self.dim**2
            return np.broadcast_to(np.eye(n, dtype=np.complex128), (*c.duration.shape, n, n))
        return c.S


def _booked(
    S: ComplexArray | None, E0: ComplexArray, E1: ComplexArray, book_as: str
) -> tuple[ComplexArray, tuple[str, ...]]:
    """Rows booking ΔE = Tr[E1 S rho] - Tr[E0 rho] entirely as work or as heat of `book_as`."""
    row = (_row(E1) if S is None else _row_times(_row(E1), S)) - _row(E0)
    if book_as == "work":
        return row[..., None, :], ()
    return np.stack([np.zeros_like(row), row], axis=-2), (book_as,)


def _hamiltonian_pair(H_initial: Any, H_final: Any) -> tuple[ComplexArray, ComplexArray]:
    """Validate the two Hamiltonians of a stroke that changes H: Hermitian, same dimension."""
    Hi = check_hermitian(H_initial, "H_initial")
    Hf = check_hermitian(H_final, "H_final")
    if Hi.shape[-1] != Hf.shape[-1]:
        raise ValueError(
            f"`H_final` must act on the Hilbert space of `H_initial` (dimension "
            f"{Hi.shape[-1]}); got dimension {Hf.shape[-1]}."
        )
    return Hi, Hf


def _herm_or_callable(H: Any, name: str) -> Any:
    if callable(H) and not hasattr(H, "full") and not isinstance(H, np.ndarray):
        return H
    return check_hermitian(H, name)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class UnitaryStroke(Stroke):
    r"""A closed-system work stroke: rho -> U rho U^dag.

    U = exp(-i H tau) for a constant H (batched over H and `duration`), or the solution of
    dU/dt = -i H(t) U for a callable H(t) (DOP853 with `rtol`, scalar `duration`).
    Work W = Tr[H_E,end rho_end] - Tr[H_E,start rho_start] (energy into the system > 0).

    Args:
        H: Hermitian (..., d, d) or callable t -> (..., d, d).
        duration: tau > 0 (array: a batch of durations; scalar for callable H).
        H_energy: bare Hamiltonian that measures energy: one operator for both ends (e.g.
            H0 when H is a rotating-frame drive), or a pair (start, end). Default: H, or
            (H(0), H(tau)) for callable H.
        name: label in the ledger.
        rtol: relative tolerance of the ODE (callable H only).
    """

    H: Any
    duration: Any
    H_energy: Any = None
    name: str = "unitary"
    rtol: float = 1e-12
    _E: tuple[ComplexArray, ComplexArray] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        H = _herm_or_callable(self.H, "H")
        tau = _duration(self.duration)
        if callable(H):
            if tau.ndim:
                raise ValueError(
                    "`duration` must be a scalar when `H` is a callable H(t); got shape "
                    f"{tau.shape}. Sweep durations by building one stroke per duration."
                )
            H0 = check_hermitian(H(0.0), "H(0)")
            H1 = check_hermitian(H(float(tau)), "H(duration)")
            default = (H0, H1)
        else:
            default = (H, H)
        E = _energy_pair(self.H_energy, default, H0=default[0])
        object.__setattr__(self, "H", H)
        object.__setattr__(self, "duration", tau)
        object.__setattr__(self, "_E", E)

    @property
    def dim(self) -> int:
        return int(self._E[0].shape[-1])

    def energy_hamiltonians(self) -> tuple[ComplexArray, ComplexArray]:
        return self._E

    def unitary(self) -> ComplexArray:
        """The stroke's unitary U, shape (..., d, d)."""
        if callable(self.H):
            return _ode_unitary(self.H, float(self.duration), self.rtol)
        e, V = np.linalg.eigh(self.H)
        ph = np.exp(-1j * e * self.duration[..., None])
        return np.asarray((V * ph[..., None, :]) @ np.conj(np.swapaxes(V, -1, -2)))

    def compile(self) -> Compiled:
        U = self.unitary()
        S = sprepost(U, np.conj(np.swapaxes(U, -1, -2)))
        rows, ch = _booked(S, *self._E, "work")
        return Compiled(S, *self._E, np.asarray(self.duration), rows, ch, {})


def _energy_pair(
    H_energy: Any, default: tuple[ComplexArray, ComplexArray], *, H0: ComplexArray
) -> tuple[ComplexArray, ComplexArray]:
    d = H0.shape[-1]
    if H_energy is None:
        pair = default
    elif isinstance(H_energy, tuple | list) and len(H_energy) == 2:
        pair = (
            check_hermitian(H_energy[0], "H_energy[0]"),
            check_hermitian(H_energy[1], "H_energy[1]"),
        )
    else:
        E = check_hermitian(H_energy, "H_energy")
        pair = (E, E)
    for k, E in enumerate(pair):
        if E.shape[-1] != d:
            raise ValueError(
                f"`H_energy` must act on the Hilbert space of `H` (dimension {d}); "
                f"got dimension {E.shape[-1]} (entry {k})."
            )
    return pair


def _ode_unitary(H: Callable[[float], Any], tau: float, rtol: float) -> ComplexArray:
    H0 = np.asarray(H(0.0), dtype=np.complex128)
    shape = H0.shape
    d = shape[-1]
    U0 = np.broadcast_to(np.eye(d, dtype=np.complex128), shape).copy()

    def rhs(t: float, y: ComplexArray) -> ComplexArray:
        Ht = np.broadcast_to(np.asarray(H(t), dtype=np.complex128), shape)
        return np.asarray((-1j * (Ht @ y.reshape(shape))).ravel())

    sol = solve_ivp(rhs, (0.0, tau), U0.ravel(), method="DOP853", rtol=rtol, atol=rtol * 1e-2)
    if not sol.success:
        from ...errors import ConvergenceError

        raise ConvergenceError(f"time-dependent unitary stroke: ODE failed ({sol.message}).")
    return np.asarray(sol.y[:, -1].reshape(shape))


class _HamiltonianChange(Stroke):
    """Base of strokes that take H_initial to H_final (the energy Hamiltonians at the ends)."""

    __slots__ = ()
    H_initial: Any
    H_final: Any

    @property
    def dim(self) -> int:
        return int(self.H_initial.shape[-1])

    def energy_hamiltonians(self) -> tuple[ComplexArray, ComplexArray]:
        return self.H_initial, self.H_final


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class QuenchStroke(_HamiltonianChange):
    """A sudden quench H_initial -> H_final: the state is unchanged, W = Tr[(H_f - H_i) rho].

    Args:
        H_initial, H_final: Hermitian (..., d, d) (batched).
        name: label in the ledger.
    """

    H_initial: Any
    H_final: Any
    name: str = "quench"

    def __post_init__(self) -> None:
        Hi, Hf = _hamiltonian_pair(self.H_initial, self.H_final)
        object.__setattr__(self, "H_initial", Hi)
        object.__setattr__(self, "H_final", Hf)

    def compile(self) -> Compiled:
        batch = np.broadcast_shapes(self.H_initial.shape[:-2], self.H_final.shape[:-2])
        rows, ch = _booked(None, self.H_initial, self.H_final, "work")
        return Compiled(None, self.H_initial, self.H_final, np.zeros(batch), rows, ch, {})


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class AdiabaticStroke(_HamiltonianChange):
    r"""Ideal quantum-adiabatic change H_initial -> H_final (the slow limit of a unitary ramp).

    The k-th eigenvector of H_initial (ascending energy) goes to the k-th eigenvector of
    H_final: U = sum_k |f_k><i_k|, so populations in the instantaneous eigenbasis are kept.
    Dynamical and geometric phases are set to zero (coherences between levels acquire
    protocol-dependent phases that this ideal stroke does not model). Requires
    non-degenerate spectra without level crossings. W = Tr[H_f U rho U^dag] - Tr[H_i rho].

    Args:
        H_initial, H_final: Hermitian (..., d, d) with non-degenerate spectra.
        name: label in the ledger.
        degeneracy_tol: minimal level spacing (default from options).
    """

    H_initial: Any
    H_final: Any
    name: str = "adiabatic"
    degeneracy_tol: float | None = None

    def __post_init__(self) -> None:
        Hi, Hf = _hamiltonian_pair(self.H_initial, self.H_final)
        tol = get_options().degeneracy_tol if self.degeneracy_tol is None else self.degeneracy_tol
        for H, name in ((Hi, "H_initial"), (Hf, "H_final")):
            gaps = np.diff(np.linalg.eigvalsh(H), axis=-1)
            if gaps.size and float(np.min(gaps)) <= tol:
                raise ValueError(
                    f"`{name}` must have a non-degenerate spectrum for an adiabatic stroke; got "
                    f"a level spacing {float(np.min(gaps)):.3g}. Use a UnitaryStroke ramp instead."
                )
        object.__setattr__(self, "H_initial", Hi)
        object.__setattr__(self, "H_final", Hf)

    def unitary(self) -> ComplexArray:
        """U = sum_k |f_k><i_k| (eigenvectors by ascending energy), shape (..., d, d)."""
        _, Vi = np.linalg.eigh(self.H_initial)
        _, Vf = np.linalg.eigh(self.H_final)
        return np.asarray(Vf @ np.conj(np.swapaxes(Vi, -1, -2)))

    def compile(self) -> Compiled:
        U = self.unitary()
        S = sprepost(U, np.conj(np.swapaxes(U, -1, -2)))
        rows, ch = _booked(S, self.H_initial, self.H_final, "work")
        return Compiled(S, self.H_initial, self.H_final, np.zeros(S.shape[:-2]), rows, ch, {})


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class BathStroke(Stroke):
    r"""Open evolution under a `MasterEquation` for a time `duration`, optionally driven.

    Constant generator. With L = -i[H, .] + sum_k D_k the generator of `master` (original
    basis) and Phi = \int_0^tau exp(L t) dt, the stroke books

        Q_k = Tr[H_E D_k(rho_bar)],  W = Tr[H_E (-i[H, rho_bar])],  rho_bar = Phi rho_start,

    with H_E the master equation's energy Hamiltonian (H for global/Redfield, H0 for
    local, `H_energy` for `lindblad`). A drive inside H (a local master equation with a
    driven H, or `lindblad(H0 + V, ..., H_energy=H0)`) makes this the combined drive+bath
    stroke; without one, W vanishes (global) and ΔE = sum_k Q_k.

    Time-dependent drive. With `drive` = V(t) the state obeys
    d rho/dt = L rho - i[V(t), rho] (the dissipators D_k of `master` are kept: a weak
    drive). The propagator S(tau) and the exact time integrals of the ledger come from one
    ODE for the superoperator (`ode_propagator`, DOP853 at `rtol`), so the stroke is still a
    linear map and enters limit cycles like any other. Two energy conventions:

    * `drive_energy=True` (lab frame, Alicki): the energy is H_E + V(t), and
      W = \int_0^tau Tr[dV/dt rho] dt + \int_0^tau Tr[(H_E + V) (-i[H + V, rho])] dt,
      Q_k = \int_0^tau Tr[(H_E + V(t)) D_k(rho)] dt (the second work term vanishes when
      H_E = H). Without `drive_rate` the first term is evaluated exactly by parts,
      Tr[V rho]|_0^tau - \int Tr[V d rho/dt] dt, so no derivative of V is needed.
    * `drive_energy=False` (bare energy, e.g. V a rotating-frame drive): the energy is H_E,
      W = \int_0^tau Tr[H_E (-i[H + V(t), rho])] dt and Q_k = \int_0^tau Tr[H_E D_k(rho)] dt.

    Either way ΔE = W + sum_k Q_k per stroke (R. Alicki, J. Phys. A 12, L103 (1979),
    DOI 10.1088/0305-4470/12/5/007).

    Args:
        master: the generator (from `master_equation` or `lindblad`), batch (...).
        duration: tau > 0, broadcastable with the master equation's batch (a scalar with
            `drive`).
        drive: optional Hermitian V(t), a callable t -> (..., d, d) in the original basis.
        drive_rate: optional dV/dt, a callable t -> (..., d, d) (only with `drive` and
            `drive_energy=True`).
        drive_energy: whether V(t) is part of the energy (see above).
        rtol: relative tolerance of the ODE (drive only).
        name: label in the ledger.
    """

    master: MasterEquation
    duration: Any
    drive: Callable[[float], Any] | None = None
    drive_rate: Callable[[float], Any] | None = None
    drive_energy: bool = True
    rtol: float = 1e-12
    name: str = "bath"
    _E: tuple[ComplexArray, ComplexArray] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.master, MasterEquation):
            raise TypeError(
                "`master` must be a MasterEquation (from `master_equation` or `lindblad`); "
                f"got {type(self.master).__name__}."
            )
        tau = _duration(self.duration)
        me = self.master
        HE = me.from_work(me.H_energy_work)
        E = (HE, HE)
        if self.drive is None:
            if self.drive_rate is not None:
                raise ValueError("`drive_rate` needs `drive`; got drive=None.")
        else:
            if not callable(self.drive):
                raise TypeError(
                    f"`drive` must be a callable t -> V(t); got {type(self.drive).__name__}."
                )
            if tau.ndim:
                raise ValueError(
                    "`duration` must be a scalar with a time-dependent `drive`; got shape "
                    f"{tau.shape}. Build one stroke per duration."
                )
            if self.drive_rate is not None and not callable(self.drive_rate):
                raise TypeError(
                    "`drive_rate` must be a callable t -> dV/dt; got "
                    f"{type(self.drive_rate).__name__}."
                )
            if self.drive_rate is not None and not self.drive_energy:
                raise ValueError(
                    "`drive_rate` is used only with drive_energy=True (lab-frame energy "
                    "H_E + V(t)); got drive_energy=False."
                )
            if not float(self.rtol) > 0:
                raise ValueError(f"`rtol` must be > 0; got {self.rtol!r}.")
            V0 = check_hermitian(self.drive(0.0), "drive(0)")
            V1 = check_hermitian(self.drive(float(tau)), "drive(duration)")
            if V0.shape[-1] != me.d:
                raise ValueError(
                    f"`drive` must act on the Hilbert space of `master` (dimension {me.d}); "
                    f"got dimension {V0.shape[-1]}."
                )
            if self.drive_energy:
                E = (HE + V0, HE + V1)
        object.__setattr__(self, "duration", tau)
        object.__setattr__(self, "_E", E)

    @property
    def dim(self) -> int:
        return int(self.master.d)

    def energy_hamiltonians(self) -> tuple[ComplexArray, ComplexArray]:
        return self._E

    def compile(self) -> Compiled:
        me = self.master
        L = me.liouvillian()
        HE = me.from_work(me.H_energy_work)
        H = me.from_work(me.H_work)
        LH = -1j * (spre(H) - spost(H))
        names = list(me.dissipators)
        temps = {k: np.asarray(v) for k, v in me.temperatures.items()}
        if self.drive is not None:
            S, RPhi = self._driven(L, HE, LH, [me.dissipator(k) for k in names])
            return Compiled(S, *self._E, np.asarray(self.duration), RPhi, tuple(names), temps)
        rE = _row(HE)
        rows = [_row_times(rE, LH)] + [_row_times(rE, me.dissipator(k)) for k in names]
        R = np.stack(np.broadcast_arrays(*rows), axis=-2)
        S, RPhi = generator_propagator(L, self.duration, R)
        return Compiled(S, HE, HE, np.asarray(self.duration), RPhi, tuple(names), temps)

    def _driven(
        self, L: ComplexArray, HE: ComplexArray, LH: ComplexArray, D: list[ComplexArray]
    ) -> tuple[ComplexArray, ComplexArray]:
        """S(tau) and the integrated ledger rows under d rho/dt = (L - i[V(t), .]) rho."""
        drive = self.drive
        assert drive is not None
        d = self.dim
        n = d * d
        tau = float(self.duration)
        batch = np.broadcast_shapes(L.shape[:-2], np.shape(drive(0.0))[:-2])
        B = int(np.prod(batch))
        k = 1 + len(D)

        def flat(X: Any, m: int) -> ComplexArray:
            return np.broadcast_to(np.asarray(X, dtype=np.complex128), (*batch, m, m)).reshape(
                B, m, m
            )

        Lb, LHb, HEb = flat(L, n), flat(LH, n), flat(HE, d)
        Db = [flat(Dk, n) for Dk in D]

        eye = np.eye(d, dtype=np.complex128)

        def V(t: float) -> ComplexArray:
            return flat(drive(t), d)

        def step(t: float) -> tuple[ComplexArray, ComplexArray]:
            Vt = V(t)
            # -i[V, .] as a superoperator: -i (1 ⊗ V - V^T ⊗ 1), column stacking
            pre = eye[None, :, None, :, None] * Vt[:, None, :, None, :]
            post = np.swapaxes(Vt, -1, -2)[:, :, None, :, None] * eye[None, None, :, None, :]
            LV = -1j * (pre - post).reshape(B, n, n)
            G = Lb + LV
            rE = _row(HEb + Vt) if self.drive_energy else _row(HEb)
            work = _row_times(rE, LHb + LV)
            if self.drive_energy:
                if self.drive_rate is not None:
                    work = work + _row(flat(self.drive_rate(t), d))
                else:
                    work = work - _row_times(_row(Vt), G)
            return G, np.stack([work] + [_row_times(rE, Dk) for Dk in Db], axis=-2)

        S, R = ode_propagator(step, tau, (B, n, k, n), rtol=float(self.rtol))
        if self.drive_energy and self.drive_rate is None:
            # boundary term of the integration by parts: Tr[V rho]|_0^tau
            R[:, 0, :] += _row_times(_row(V(tau)), S) - _row(V(0.0))
        return S.reshape(*batch, n, n), R.reshape(*batch, k, n)


def _dephasing_superop(H: ComplexArray, strength: FloatArray, tol: float) -> ComplexArray:
    e, V = np.linalg.eigh(H)
    d = H.shape[-1]
    mask = (np.abs(e[..., :, None] - e[..., None, :]) <= tol).astype(np.complex128)
    Vd = np.conj(np.swapaxes(V, -1, -2))
    to_eig = sprepost(Vd, V)  # X -> V^dag X V
    back = sprepost(V, Vd)
    m = np.swapaxes(mask, -1, -2).reshape(*mask.shape[:-2], d * d)  # vec(mask)
    P = back @ (m[..., :, None] * to_eig)
    p = strength[..., None, None]
    return np.asarray((1.0 - p) * np.eye(d * d) + p * P)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class DephasingStroke(Stroke):
    r"""Instantaneous dephasing in the eigenbasis of `H` (non-selective energy measurement).

    rho -> (1 - p) rho + p sum_E P_E rho P_E, with P_E the eigenprojectors of H (degenerate
    levels grouped within `degeneracy_tol`). The energy change, zero when H is the energy
    Hamiltonian, is booked as heat of `channel` (a channel without temperature).

    Args:
        H: Hermitian (..., d, d) whose eigenbasis is dephased (the bare Hamiltonian H0 to
            make an engine "stochastic").
        strength: p in [0, 1] (1 = full dephasing).
        H_energy: energy Hamiltonian (default H).
        channel: ledger name of the energy exchanged.
        name: label in the ledger.
    """

    H: Any
    strength: Any = 1.0
    H_energy: Any = None
    channel: str = "measurement"
    name: str = "dephasing"
    degeneracy_tol: float | None = None

    def __post_init__(self) -> None:
        H = check_hermitian(self.H, "H")
        p = np.asarray(self.strength, dtype=np.float64)
        if np.any(~np.isfinite(p)) or np.any(p < 0) or np.any(p > 1):
            raise ValueError(f"`strength` must be in [0, 1]; got {self.strength!r}.")
        E = _energy_pair(self.H_energy, (H, H), H0=H)
        if not np.allclose(E[0], E[1]):
            raise ValueError(
                "`H_energy` of a dephasing stroke must be one operator; got a pair that differs."
            )
        object.__setattr__(self, "H", H)
        object.__setattr__(self, "strength", p)
        object.__setattr__(self, "H_energy", E[0])

    @property
    def dim(self) -> int:
        return int(self.H.shape[-1])

    def energy_hamiltonians(self) -> tuple[ComplexArray, ComplexArray]:
        return self.H_energy, self.H_energy

    def compile(self) -> Compiled:
        tol = get_options().degeneracy_tol if self.degeneracy_tol is None else self.degeneracy_tol
        S = _dephasing_superop(self.H, self.strength, tol)
        rows, ch = _booked(S, self.H_energy, self.H_energy, self.channel)
        return Compiled(S, self.H_energy, self.H_energy, np.zeros(S.shape[:-2]), rows, ch, {})


def choi_matrix(S: Any) -> ComplexArray:
    r"""Choi matrix J = sum_ij |i><j| ⊗ Φ(|i><j|) of a superoperator S (..., d^2, d^2).

    Column stacking: Φ(|i><j|)[a, b] = S[a + d b, i + d j]; J[(i, a), (j, b)] with the
    input index first. Φ is completely positive iff J >= 0 and trace preserving iff
    Tr_out J = 1 (Choi, Linear Algebra Appl. 10, 285 (1975)).
    """
    Sm = np.asarray(S, dtype=np.complex128)
    n = Sm.shape[-1]
    d = round(np.sqrt(n))
    S4 = Sm.reshape(*Sm.shape[:-2], d, d, d, d)  # [b, a, j, i]
    nb = S4.ndim - 4
    axes = (*range(nb), nb + 3, nb + 1, nb + 2, nb + 0)  # -> [i, a, j, b]
    return np.asarray(np.transpose(S4, axes).reshape(*Sm.shape[:-2], n, n))


def _check_cptp(S: ComplexArray, atol: float) -> None:
    n = S.shape[-1]
    d = round(np.sqrt(n))
    if d * d != n:
        raise ValueError(f"`superoperator` must have shape (..., d^2, d^2); got {S.shape}.")
    J = choi_matrix(S)
    herm = float(np.max(np.abs(J - np.conj(np.swapaxes(J, -1, -2)))))
    if herm > atol:
        raise ValueError(
            "`superoperator` must be CPTP; its Choi matrix is not Hermitian "
            f"(deviation {herm:.3g}), "
            "so the map does not preserve Hermiticity."
        )
    lam = float(np.min(np.linalg.eigvalsh(0.5 * (J + np.conj(np.swapaxes(J, -1, -2))))))
    if lam < -atol:
        raise ValueError(
            f"`superoperator` must be CPTP; its Choi matrix has eigenvalue {lam:.3g} < 0, so the "
            "map is not completely positive. Build it from Kraus operators."
        )
    J4 = J.reshape(*J.shape[:-2], d, d, d, d)  # [i, a, j, b]
    trout = np.einsum("...iaja->...ij", J4)
    tp = float(np.max(np.abs(trout - np.eye(d))))
    if tp > atol:
        raise ValueError(
            f"`superoperator` must be CPTP; Tr_out of its Choi matrix differs from the identity by "
            f"{tp:.3g}, so the map does not preserve the trace (sum_k K_k^dag K_k != 1)."
        )


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class MapStroke(Stroke):
    r"""A user-supplied CPTP map, given as a superoperator or as Kraus operators.

    rho -> sum_k K_k rho K_k^dag; the map is validated (Choi matrix Hermitian and PSD,
    Tr_out J = 1). The energy change Tr[H_E (rho_end - rho_start)] is booked as work
    (`book_as="work"`, default) or as heat of the channel named by `book_as`.

    Args:
        H_energy: energy Hamiltonian (..., d, d) (the same at both ends).
        superoperator: (..., d^2, d^2), column stacking (QuTiP's `to_super`).
        kraus: sequence of Kraus operators (..., d, d) (alternative to `superoperator`).
        book_as: "work" or a channel name.
        temperature: optional temperature of the `book_as` channel: declares the map a
            thermal channel at T (it must preserve the Gibbs state of `H_energy` at T; this
            is checked), so its heat enters entropy production and the Clausius check.
        name: label in the ledger.
        atol: tolerance of the CPTP check.
    """

    H_energy: Any
    superoperator: Any = None
    kraus: Sequence[Any] | None = None
    book_as: str = "work"
    temperature: float | None = None
    name: str = "map"
    atol: float = 1e-10

    def __post_init__(self) -> None:
        if (self.superoperator is None) == (self.kraus is None):
            raise ValueError(
                "give exactly one of `superoperator` and `kraus`; got "
                f"{'both' if self.kraus is not None else 'neither'}."
            )
        E = check_hermitian(self.H_energy, "H_energy")
        d = E.shape[-1]
        if self.kraus is not None:
            Ks = [
                check_square(as_array(K, f"kraus[{i}]"), f"kraus[{i}]")
                for i, K in enumerate(self.kraus)
            ]
            if not Ks:
                raise ValueError("`kraus` must hold at least one operator; got none.")
            for i, K in enumerate(Ks):
                if K.shape[-1] != d:
                    raise ValueError(
                        f"`kraus[{i}]` must act on the Hilbert space of `H_energy` "
                        f"(dimension {d}); "
                        f"got dimension {K.shape[-1]}."
                    )
            S = sum(sprepost(K, np.conj(np.swapaxes(K, -1, -2))) for K in Ks)
        else:
            S = check_square(as_array(self.superoperator, "superoperator"), "superoperator")
            if S.shape[-1] != d * d:
                raise ValueError(
                    "`superoperator` must act on the Hilbert space of `H_energy` "
                    f"(shape (..., {d * d}, "
                    f"{d * d})); got shape {S.shape}."
                )
        _check_cptp(np.asarray(S), self.atol)
        if not isinstance(self.book_as, str) or not self.book_as:
            raise TypeError(f"`book_as` must be 'work' or a channel name; got {self.book_as!r}.")
        if self.temperature is not None:
            if self.book_as == "work":
                raise ValueError(
                    "`temperature` needs `book_as` to name a heat channel; got book_as='work'."
                )
            T = float(check_temperature(self.temperature, "temperature"))
            gibbs = vec(gibbs_state(E, T))
            dev = float(np.max(np.abs(np.asarray(S) @ gibbs[..., :, None] - gibbs[..., :, None])))
            if dev > 1e-9:
                raise ValueError(
                    f"a MapStroke with `temperature` must preserve the Gibbs state of `H_energy` "
                    f"at T={T:g} (a thermal channel); got |S gamma - gamma| = {dev:.3g}. Drop "
                    "`temperature` to book its heat without a bath."
                )
        object.__setattr__(self, "H_energy", E)
        object.__setattr__(self, "superoperator", np.asarray(S))

    @property
    def dim(self) -> int:
        return int(self.H_energy.shape[-1])

    def energy_hamiltonians(self) -> tuple[ComplexArray, ComplexArray]:
        return self.H_energy, self.H_energy

    def compile(self) -> Compiled:
        S = self.superoperator
        rows, ch = _booked(S, self.H_energy, self.H_energy, self.book_as)
        temps = (
            {} if self.temperature is None else {self.book_as: np.asarray(float(self.temperature))}
        )
        return Compiled(S, self.H_energy, self.H_energy, np.zeros(S.shape[:-2]), rows, ch, temps)


def _gibbs_free_energy(H: ComplexArray, T: FloatArray) -> tuple[FloatArray, FloatArray]:
    """(F, E) of the Gibbs state of H at T > 0: F = -T ln Z, E = Tr[H gamma] (stable)."""
    e = np.linalg.eigvalsh(H)
    e0 = e[..., :1]
    Tb = np.asarray(T)[..., None]
    w = np.exp(-(e - e0) / Tb)
    Z = np.sum(w, axis=-1)
    F = e0[..., 0] - np.asarray(T) * np.log(Z)
    E = np.sum(e * w, axis=-1) / Z
    return np.asarray(F), np.asarray(E)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class IsothermalStroke(_HamiltonianChange):
    r"""Exact quasi-static isotherm: H_initial -> H_final changed reversibly at temperature T.

    The system stays in contact with a bath at T while the Hamiltonian is changed
    infinitely slowly, so it follows the Gibbs states gamma(H) = e^{-H/T}/Z and leaves in
    gamma_f = gamma(H_final) whatever it came in with: rho -> gamma_f Tr[rho]. Ledger
    (energy into the system > 0):

        W = F_f - F_i,    Q = Tr[H_f gamma_f] - Tr[H_i rho] - (F_f - F_i),

    with F = -T ln Z the equilibrium free energies. For rho = gamma_i this is Q = T ΔS (a
    reversible stroke, no entropy production); any other input first relaxes irreversibly
    at H_initial and produces σ = D(rho || gamma_i) >= 0. The path H(λ) does not matter
    (ΔF is a state function). This is the infinite-time limit of the staircase of quenches
    and bath strokes (`carnot_cycle(steps=...)`), which stays available for finite-time
    studies.

    Args:
        H_initial, H_final: Hermitian (..., d, d) (batched).
        T: bath temperature > 0 (broadcastable).
        bath: ledger name of the heat channel (its temperature is T).
        duration: nominal duration >= 0 used for the cycle time and the power (default 0:
            quasi-static strokes take no time in the ledger).
        name: label in the ledger.

    Reference: H. B. Callen, *Thermodynamics* (Wiley, 1985), ch. 4; for the quantum
    Carnot cycle, T. D. Kieu, PRL 93, 140403 (2004), DOI 10.1103/PhysRevLett.93.140403.
    """

    H_initial: Any
    H_final: Any
    T: Any
    bath: str = "bath"
    duration: Any = 0.0
    name: str = "isotherm"

    def __post_init__(self) -> None:
        Hi, Hf = _hamiltonian_pair(self.H_initial, self.H_final)
        T = check_temperature(self.T, "T")
        if np.any(T <= 0) or np.any(~np.isfinite(T)):
            raise ValueError(
                f"`T` must be a finite temperature > 0; got {self.T!r}. An isotherm at T = 0 "
                "has no Gibbs-state path (use a QuenchStroke and a reset map)."
            )
        if not isinstance(self.bath, str) or not self.bath or self.bath == "work":
            raise ValueError(f"`bath` must be a channel name other than 'work'; got {self.bath!r}.")
        tau = np.asarray(self.duration, dtype=np.float64)
        if np.any(~np.isfinite(tau)) or np.any(tau < 0):
            raise ValueError(f"`duration` must be finite and >= 0; got {self.duration!r}.")
        object.__setattr__(self, "H_initial", Hi)
        object.__setattr__(self, "H_final", Hf)
        object.__setattr__(self, "T", T)
        object.__setattr__(self, "duration", tau)

    def compile(self) -> Compiled:
        Hi, Hf, T = self.H_initial, self.H_final, self.T
        d = self.dim
        batch = np.broadcast_shapes(Hi.shape[:-2], Hf.shape[:-2], T.shape, self.duration.shape)
        gf = np.broadcast_to(gibbs_state(Hf, T), (*batch, d, d))
        one = _row(np.eye(d, dtype=np.complex128))  # Tr[rho] = one . vec(rho)
        S = vec(gf)[..., :, None] * one  # rho -> gamma_f Tr[rho]
        Fi, _ = _gibbs_free_energy(Hi, T)
        Ff, Ef = _gibbs_free_energy(Hf, T)
        dF = np.broadcast_to(Ff - Fi, batch)[..., None]
        work = dF * one
        heat = (np.broadcast_to(Ef, batch)[..., None] - dF) * one - _row(Hi)
        rows = np.stack(np.broadcast_arrays(work, heat), axis=-2).astype(np.complex128)
        temps = {self.bath: np.broadcast_to(T, batch).astype(float)}
        dur = np.broadcast_to(self.duration, batch).astype(float)
        return Compiled(np.asarray(S), Hi, Hf, dur, rows, (self.bath,), temps)
