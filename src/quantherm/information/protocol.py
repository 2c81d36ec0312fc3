r"""Measurement, feedback and erasure as strokes on system + memory, with one ledger.

The demon's memory M is part of the simulated world: the joint state rho lives on
S ⊗ M (system first) and the memory starts blank in |0>. Strokes:

* `record`: a measurement {M_k} writes outcome k into the memory through the isometry
  |psi>|0> -> sum_k M_k|psi>|k> (a *quantum* memory); a *classical* memory is the same
  record dephased in the memory basis, sum_k M_k rho M_k^dag ⊗ |k><k|.
* `feedback`: the controlled unitary sum_k U_k ⊗ |k><k| (one unitary per outcome; a
  missing outcome is an error), optionally followed by an outcome-dependent quench of the
  system Hamiltonian H_S -> H_k (the demon moves a partition where the record says).
* `thermalize`: the system relaxes to the Gibbs state of its (memory-conditioned)
  Hamiltonian in contact with a bath at T; the energy change is heat.
* `isothermal`: a quasi-static isothermal change of the system Hamiltonian; work is the
  equilibrium free-energy change, heat = dE - W.
* `erase`: the memory is reset to |0> (residual error `p_final`) in contact with a bath at T.
  Quasi-statically the work is dE_M - T dS_M (Landauer); in finite time (two-level memory,
  dimensionless duration gamma_tau) the optimal work of `erasure_work_two_level`.

The system Hamiltonian may depend on the memory state: it is stored as a stack
H_S[m] (one (d, d) block per memory basis state m) and the system energy is
Tr[(sum_m H_S[m] ⊗ |m><m|) rho]. The memory Hamiltonian H_M is diagonal in its basis.

Sign convention: energy into the system (or memory) is positive; `work_*` > 0 when work
is done on it, `heat_*` > 0 when a bath heats it. Entropy production of a stroke,
sigma = dS - sum Q/T, is booked for S alone, M alone and the joint S ⊗ M; only the last is
guaranteed >= 0 (total second law), the system's alone is negative for a working demon.

References:
    C. H. Bennett, Int. J. Theor. Phys. 21, 905 (1982), doi:10.1007/BF02084158.
    T. Sagawa, M. Ueda, PRL 102, 250602 (2009), doi:10.1103/PhysRevLett.102.250602.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from .._checks import ComplexArray, check_density_matrix, check_hermitian, check_temperature
from .._config import get_options
from ..core.operators import dag
from ..core.states import entropy_vn, gibbs_state, partial_trace
from .erasure import erasure_work_two_level
from .measurement import Measurement

__all__ = [
    "FeedbackResult",
    "InformationLedger",
    "MemoryState",
    "StrokeRecord",
    "erase",
    "feedback",
    "feedback_cycle",
    "isothermal",
    "ledger",
    "memory_state",
    "record",
    "thermalize",
]


@dataclass(frozen=True, slots=True, eq=False)
class MemoryState:
    """Joint state of system S and memory M, with their Hamiltonians.

    Attributes:
        rho: density matrix on S ⊗ M (system first), shape (d_S d_M, d_S d_M).
        H_S: system Hamiltonian conditioned on the memory basis state, (d_M, d_S, d_S).
        H_M: memory energies (diagonal of H_M), shape (d_M,).
    """

    rho: ComplexArray
    H_S: ComplexArray
    H_M: np.ndarray

    @property
    def dims(self) -> tuple[int, int]:
        """(d_S, d_M)."""
        return int(self.H_S.shape[-1]), int(self.H_M.shape[0])

    @property
    def rho_system(self) -> ComplexArray:
        """Reduced state of the system."""
        return partial_trace(self.rho, self.dims, 0)

    @property
    def rho_memory(self) -> ComplexArray:
        """Reduced state of the memory."""
        return partial_trace(self.rho, self.dims, 1)

    @property
    def energy_system(self) -> float:
        """Tr[(sum_m H_S[m] ⊗ |m><m|) rho]."""
        dS, dM = self.dims
        blocks = self.rho.reshape(dS, dM, dS, dM)
        return float(np.real(np.einsum("mij,jmim->", self.H_S, blocks)))

    @property
    def energy_memory(self) -> float:
        """Tr[H_M rho_M]."""
        return float(np.real(np.sum(self.H_M * np.diag(self.rho_memory))))

    @property
    def conditioned(self) -> bool:
        """True when the system Hamiltonian depends on the memory state."""
        return bool(np.max(np.abs(self.H_S - self.H_S[:1])) > 0)

    def entropies(self) -> tuple[float, float, float]:
        """(S(S), S(M), S(SM)) in nats."""
        return (
            float(entropy_vn(self.rho_system)),
            float(entropy_vn(self.rho_memory)),
            float(entropy_vn(self.rho)),
        )


def _kron(a: Any, b: Any) -> ComplexArray:
    return np.asarray(np.kron(a, b), dtype=np.complex128)


def memory_state(rho_system: Any, H_S: Any, memory_dim: int, H_M: Any = None) -> MemoryState:
    """A system state with a blank memory |0> of `memory_dim` levels.

    Args:
        rho_system: system density matrix (d_S, d_S).
        H_S: system Hamiltonian (d_S, d_S).
        memory_dim: number of memory states (>= the number of outcomes to record).
        H_M: memory energies, shape (memory_dim,) (default degenerate, all 0).
    """
    r = check_density_matrix(rho_system, "rho_system")
    H = check_hermitian(H_S, "H_S")
    if H.shape != r.shape:
        raise ValueError(f"`H_S` must have the shape of `rho_system` {r.shape}; got {H.shape}.")
    if not isinstance(memory_dim, int | np.integer) or memory_dim < 1:
        raise ValueError(f"`memory_dim` must be a positive integer; got {memory_dim!r}.")
    e = np.zeros(memory_dim) if H_M is None else np.real(np.asarray(H_M, dtype=float)).ravel()
    if e.shape != (memory_dim,) or not np.all(np.isfinite(e)):
        raise ValueError(f"`H_M` must be {memory_dim} finite memory energies; got {H_M!r}.")
    blank = np.zeros((memory_dim, memory_dim), dtype=np.complex128)
    blank[0, 0] = 1.0
    return MemoryState(
        rho=_kron(r, blank), H_S=np.broadcast_to(H, (memory_dim, *H.shape)).copy(), H_M=e
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class StrokeRecord:
    """Books of one stroke (energies into S or M positive; entropies in nats).

    Attributes:
        name: stroke label.
        work_system, work_memory: work done on S and on M.
        heat_system, heat_memory: heat from the bath into S and into M.
        T_system, T_memory: temperature of the bath touching S or M (inf when none does).
        dS_system, dS_memory, dS_total: entropy changes of S, M and S ⊗ M.
        dE_system, dE_memory: energy changes.
    """

    name: str
    work_system: float = 0.0
    work_memory: float = 0.0
    heat_system: float = 0.0
    heat_memory: float = 0.0
    T_system: float = math.inf
    T_memory: float = math.inf
    dS_system: float = 0.0
    dS_memory: float = 0.0
    dS_total: float = 0.0
    dE_system: float = 0.0
    dE_memory: float = 0.0

    @property
    def entropy_flow(self) -> float:
        """sum Q/T over the baths touched in this stroke."""
        return _ratio(self.heat_system, self.T_system) + _ratio(self.heat_memory, self.T_memory)

    @property
    def entropy_production(self) -> float:
        """sigma = dS(S ⊗ M) - sum Q/T (>= 0, total second law)."""
        return self.dS_total - self.entropy_flow

    @property
    def entropy_production_system(self) -> float:
        """dS(S) - Q_S/T_S: the system's books alone (may be negative)."""
        return self.dS_system - _ratio(self.heat_system, self.T_system)

    @property
    def first_law_residual(self) -> float:
        """|dE_S + dE_M - (W_S + W_M + Q_S + Q_M)|."""
        return abs(
            self.dE_system
            + self.dE_memory
            - (self.work_system + self.work_memory + self.heat_system + self.heat_memory)
        )


def _ratio(Q: float, T: float) -> float:
    if Q == 0.0:
        return 0.0
    if T == 0.0:
        return math.copysign(math.inf, Q)
    return Q / T


def _book(name: str, before: MemoryState, after: MemoryState, **kw: float) -> StrokeRecord:
    s0, s1 = before.entropies(), after.entropies()
    return StrokeRecord(
        name=name,
        dS_system=s1[0] - s0[0],
        dS_memory=s1[1] - s0[1],
        dS_total=s1[2] - s0[2],
        dE_system=after.energy_system - before.energy_system,
        dE_memory=after.energy_memory - before.energy_memory,
        **kw,
    )


def _blank(state: MemoryState) -> bool:
    rm = state.rho_memory
    return bool(abs(rm[0, 0] - 1.0) <= get_options().atol_state)


def record(
    state: MemoryState, measurement: Measurement, *, quantum: bool = False
) -> tuple[MemoryState, StrokeRecord]:
    """Measure the system and write the outcome into the blank memory.

    The energy change of S ⊗ M is work done by the measuring apparatus (`work_system`,
    `work_memory`); there is no heat.

    Raises:
        ValueError: the memory is not blank, has fewer states than outcomes, or the
            measurement acts on another dimension.
    """
    dS, dM = state.dims
    if measurement.dim != dS:
        raise ValueError(
            f"`measurement` must act on the system (dimension {dS}); "
            f"got dimension {measurement.dim}."
        )
    if measurement.n_outcomes > dM:
        raise ValueError(
            f"the memory must have at least one state per outcome ({measurement.n_outcomes}); "
            f"got {dM}. Use a larger `memory_dim`."
        )
    if not _blank(state):
        raise ValueError(
            "the memory must be blank (in |0>) before a measurement is recorded; got "
            f"<0|rho_M|0> = {float(np.real(state.rho_memory[0, 0])):.6g}. Erase it first."
        )
    rho_s = state.rho_system
    K = measurement.kraus
    n = K.shape[0]
    cross = np.einsum("kij,jl,mnl->kimn", K, rho_s, np.conj(K))  # M_k rho M_m^dag
    new = np.zeros((dS, dM, dS, dM), dtype=np.complex128)
    for k in range(n):
        for m in range(n) if quantum else (k,):
            new[:, k, :, m] = cross[k, :, m, :]
    after = replace(state, rho=new.reshape(dS * dM, dS * dM))
    rec = _book("measure", state, after)
    rec = replace(rec, work_system=rec.dE_system, work_memory=rec.dE_memory)
    return after, rec


def feedback(
    state: MemoryState,
    measurement: Measurement,
    unitaries: Mapping[Any, Any],
    *,
    hamiltonians: Mapping[Any, Any] | None = None,
) -> tuple[MemoryState, StrokeRecord]:
    """Apply U_k to the system when the memory reads k, then (optionally) quench H_S -> H_k.

    Args:
        state: joint state after `record`.
        measurement: the recorded measurement (its outcome labels index the memory).
        unitaries: outcome label -> unitary on the system; every outcome must be present.
        hamiltonians: optional outcome label -> new system Hamiltonian (a sudden quench
            conditioned on the record; the energy change is work).

    Raises:
        ValueError: an outcome has no feedback (or an unknown label is given), or an
            operator is not unitary / not Hermitian.
    """
    dS, dM = state.dims
    labels = measurement.outcomes
    _check_outcomes(unitaries, labels, "unitaries")
    U = np.broadcast_to(np.eye(dS, dtype=np.complex128), (dM, dS, dS)).copy()
    for k, lab in enumerate(labels):
        Uk = check_square_unitary(unitaries[lab], f"unitaries[{lab!r}]", dS)
        U[k] = Uk
    blocks = state.rho.reshape(dS, dM, dS, dM)
    new = np.einsum("kij,jkln,nlm->ikmn", U, blocks, dag(U))
    H_S = state.H_S.copy()
    if hamiltonians is not None:
        _check_outcomes(hamiltonians, labels, "hamiltonians")
        for k, lab in enumerate(labels):
            Hk = check_hermitian(hamiltonians[lab], f"hamiltonians[{lab!r}]")
            if Hk.shape != (dS, dS):
                raise ValueError(
                    f"`hamiltonians[{lab!r}]` must have shape ({dS}, {dS}); got {Hk.shape}."
                )
            H_S[k] = Hk
    after = MemoryState(rho=new.reshape(dS * dM, dS * dM), H_S=H_S, H_M=state.H_M)
    rec = _book("feedback", state, after)
    return after, replace(rec, work_system=rec.dE_system, work_memory=rec.dE_memory)


def _check_outcomes(maps: Mapping[Any, Any], labels: Sequence[Any], name: str) -> None:
    if not isinstance(maps, Mapping):
        raise TypeError(
            f"`{name}` must be a mapping outcome -> operator; got {type(maps).__name__}."
        )
    missing = [lab for lab in labels if lab not in maps]
    if missing:
        raise ValueError(
            f"`{name}` must give an operation for every measurement outcome; missing "
            f"{missing!r} (outcomes are {list(labels)!r}). Use the identity for 'do nothing'."
        )
    extra = [lab for lab in maps if lab not in labels]
    if extra:
        raise ValueError(
            f"`{name}` has operations for unknown outcomes {extra!r}; "
            f"outcomes are {list(labels)!r}."
        )


def check_square_unitary(U: Any, name: str, d: int) -> ComplexArray:
    """Validate a (d, d) unitary."""
    from .._checks import as_array

    arr = as_array(U, name)
    if arr.shape != (d, d):
        raise ValueError(f"`{name}` must have shape ({d}, {d}); got {arr.shape}.")
    dev = float(np.max(np.abs(dag(arr) @ arr - np.eye(d))))
    if dev > 1e-8:
        raise ValueError(
            f"`{name}` must be unitary (U^dagger U = 1); got deviation {dev:.3g}. "
            "Feedback maps here are unitaries; model noise with a measurement instead."
        )
    return arr


def thermalize(
    state: MemoryState,
    T: float,
    *,
    time: float | None = None,
    rate: float = 1.0,
    coupling: Any = None,
) -> tuple[MemoryState, StrokeRecord]:
    """Thermal contact of the system with a bath at T (the energy change is heat).

    Full contact (`time` None): with an unconditioned H_S, rho -> gamma_T(H_S) ⊗ rho_M; with a
    memory-conditioned H_S[m], rho -> sum_m gamma_T(H_S[m]) ⊗ |m><m| <m|rho_M|m> (the
    controller reads the memory in its basis).

    Finite contact (`time` given, unconditioned H_S only): the system evolves for `time` under
    the global (Davies) master equation of `quantherm.dynamics.master` with a flat bosonic
    bath of strength `rate` coupled through `coupling` (default: sum of |i><j| + h.c. over all
    pairs of H_S eigenstates), applied as exp(L t) ⊗ id on S ⊗ M.

    Raises:
        ValueError: finite contact requested while H_S depends on the memory.
    """
    Tm = float(check_temperature(T))
    dS, dM = state.dims
    if time is not None:
        if state.conditioned:
            raise ValueError(
                "finite-time thermal contact (`time`) needs a system Hamiltonian that does not "
                "depend on the memory; use full contact (time=None) or return H_S first."
            )
        rho = _finite_contact(state, Tm, float(time), rate, coupling)
    elif state.conditioned:
        g = gibbs_state(state.H_S, Tm)
        pm = np.real(np.diag(state.rho_memory))
        new = np.zeros((dS, dM, dS, dM), dtype=np.complex128)
        for m in range(dM):
            new[:, m, :, m] = pm[m] * g[m]
        rho = new.reshape(dS * dM, dS * dM)
    else:
        rho = _kron(gibbs_state(state.H_S[0], Tm), state.rho_memory)
    after = replace(state, rho=rho)
    rec = _book("thermalize", state, after)
    return after, replace(rec, heat_system=rec.dE_system, T_system=Tm)


def _finite_contact(
    state: MemoryState, T: float, t: float, rate: float, coupling: Any
) -> ComplexArray:
    from ..baths.bath import Bath
    from ..baths.spectral import FlatSpectrum
    from ..dynamics.evolve import propagator
    from ..dynamics.master import master_equation

    dS, dM = state.dims
    H = state.H_S[0]
    if coupling is None:
        _, V = np.linalg.eigh(H)
        X = np.ones((dS, dS)) - np.eye(dS)
        A = V @ X @ dag(V)
    else:
        A = check_hermitian(coupling, "coupling")
    me = master_equation(H, [(A, Bath(name="bath", T=T, spectral_density=FlatSpectrum(rate)))])
    P = propagator(me, t)  # exp(L t), column-stacked vec
    blocks = state.rho.reshape(dS, dM, dS, dM).transpose(1, 3, 0, 2)  # [m, m', i, j]
    vecs = np.swapaxes(blocks, -1, -2).reshape(dM, dM, dS * dS)  # column stacking
    out = np.einsum("ab,mnb->mna", P, vecs).reshape(dM, dM, dS, dS)
    out = np.swapaxes(out, -1, -2)  # back from column stacking: [m, m', i, j]
    return np.asarray(out.transpose(2, 0, 3, 1).reshape(dS * dM, dS * dM), dtype=np.complex128)


def isothermal(state: MemoryState, H_new: Any, T: float) -> tuple[MemoryState, StrokeRecord]:
    """Quasi-static isothermal change of the system Hamiltonian to `H_new` at temperature T.

    The system must start in the (memory-conditioned) Gibbs state at T; the work is the
    change of the conditional equilibrium free energies, W = sum_m p_m [F_T(H_new) - F_T(H_S[m])],
    and the heat is Q = dE_S - W. Afterwards H_S = H_new for every memory state.

    Raises:
        ValueError: if the system is not in equilibrium at T (thermalize first).
    """
    Tm = float(check_temperature(T))
    Hn = check_hermitian(H_new, "H_new")
    dS, dM = state.dims
    if Hn.shape != (dS, dS):
        raise ValueError(f"`H_new` must have shape ({dS}, {dS}); got {Hn.shape}.")
    pm = np.real(np.diag(state.rho_memory))
    reference, _ = thermalize(state, Tm)
    dev = float(np.max(np.abs(reference.rho - state.rho)))
    if dev > 1e-8:
        raise ValueError(
            "`state` must be in (conditional) equilibrium at T for a quasi-static isothermal "
            f"change; got max deviation {dev:.3g} from it. Call `thermalize` first."
        )
    F_old = np.array([_free_energy_eq(state.H_S[m], Tm) for m in range(dM)])
    F_new = _free_energy_eq(Hn, Tm)
    work = float(np.sum(pm * (F_new - F_old)))
    H_S = np.broadcast_to(Hn, (dM, dS, dS)).copy()
    after, _ = thermalize(MemoryState(rho=state.rho, H_S=H_S, H_M=state.H_M), Tm)
    rec = _book("isothermal", state, after)
    return after, replace(rec, work_system=work, heat_system=rec.dE_system - work, T_system=Tm)


def _free_energy_eq(H: ComplexArray, T: float) -> float:
    e = np.linalg.eigvalsh(H)
    if T == 0.0:
        return float(e.min())
    e0 = float(e.min())
    return e0 - T * float(np.log(np.sum(np.exp(-(e - e0) / T))))


def erase(
    state: MemoryState, T: float, *, p_final: float = 0.0, gamma_tau: float | None = None
) -> tuple[MemoryState, StrokeRecord]:
    r"""Reset the memory to |0> (residual error `p_final`) in contact with a bath at T.

    Quasi-static (gamma_tau None): W = dE_M - T dS_M, the Landauer minimum for a local
    reset; the system keeps its reduced state and any S-M correlation is lost (which is
    entropy production I(S:M)). Finite time (gamma_tau given, two-level degenerate memory
    diagonal in its basis): W = `erasure_work_two_level(gamma_tau, p_final, p_initial)`,
    the minimal work of a reset of duration tau at relaxation rate gamma.

    Raises:
        ValueError: the system Hamiltonian still depends on the memory, or the finite-time
            model does not apply (memory not a degenerate, diagonal two-level system).
    """
    Tm = float(check_temperature(T))
    if not 0.0 <= p_final < 1.0:
        raise ValueError(f"`p_final` must be in [0, 1); got {p_final!r}.")
    if state.conditioned:
        raise ValueError(
            "the system Hamiltonian must not depend on the memory when the memory is erased; "
            "return it to a fixed Hamiltonian (e.g. with `isothermal`) first."
        )
    _dS, dM = state.dims
    target = np.zeros(dM)
    target[0] = 1.0 - p_final
    if dM > 1:
        target[1:] = p_final / (dM - 1)
    after = replace(state, rho=_kron(state.rho_system, np.diag(target)))
    rec = _book("erase", state, after)
    if gamma_tau is None:
        work = rec.dE_memory - Tm * rec.dS_memory
    else:
        rm = state.rho_memory
        if dM != 2 or np.ptp(state.H_M) != 0 or abs(rm[0, 1]) > 1e-12:
            raise ValueError(
                "finite-time erasure (`gamma_tau`) models a degenerate two-level memory "
                "diagonal in its basis; got a memory that is not. Use gamma_tau=None."
            )
        work = Tm * erasure_work_two_level(gamma_tau, p_final, p_initial=float(np.real(rm[1, 1])))
    return after, replace(rec, work_memory=work, heat_memory=rec.dE_memory - work, T_memory=Tm)


@dataclass(frozen=True, slots=True, kw_only=True)
class InformationLedger:
    """Totals over the strokes of a protocol on system + memory + baths.

    Attributes:
        strokes: the per-stroke records in order.
        work_system, work_memory, heat_system, heat_memory: totals (energy in > 0).
        entropy_production_total: sum over strokes of dS(S ⊗ M) - sum Q/T (>= 0).
        entropy_production_system: dS(S) - Q_S/T_S summed (negative for a working demon).
        first_law_residual: max over strokes of |dE - W - Q|.
        mutual_information_initial, mutual_information_final: I(S:M) at start and end.
    """

    strokes: tuple[StrokeRecord, ...]
    work_system: float
    work_memory: float
    heat_system: float
    heat_memory: float
    entropy_production_total: float
    entropy_production_system: float
    first_law_residual: float
    mutual_information_initial: float
    mutual_information_final: float
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def work_out(self) -> float:
        """Work extracted from the system (-work_system)."""
        return -self.work_system

    @property
    def second_law_residual(self) -> float:
        """min(0, sigma_total): zero when the total second law holds."""
        return min(0.0, self.entropy_production_total)

    def to_dict(self) -> dict[str, float]:
        """Flat dictionary for `--json` checks."""
        return {
            "work_system": self.work_system,
            "work_memory": self.work_memory,
            "heat_system": self.heat_system,
            "heat_memory": self.heat_memory,
            "entropy_production_total": self.entropy_production_total,
            "entropy_production_system": self.entropy_production_system,
            "first_law_residual": self.first_law_residual,
            "second_law_residual": self.second_law_residual,
            "mutual_information_initial": self.mutual_information_initial,
            "mutual_information_final": self.mutual_information_final,
        }


def ledger(
    initial: MemoryState, final: MemoryState, strokes: Sequence[StrokeRecord]
) -> InformationLedger:
    """Add up the strokes of a protocol that went from `initial` to `final`."""
    s = tuple(strokes)

    def mi(x: MemoryState) -> float:
        a, b, ab = x.entropies()
        return a + b - ab

    return InformationLedger(
        strokes=s,
        work_system=sum(r.work_system for r in s),
        work_memory=sum(r.work_memory for r in s),
        heat_system=sum(r.heat_system for r in s),
        heat_memory=sum(r.heat_memory for r in s),
        entropy_production_total=sum(r.entropy_production for r in s),
        entropy_production_system=sum(r.entropy_production_system for r in s),
        first_law_residual=max((r.first_law_residual for r in s), default=0.0),
        mutual_information_initial=mi(initial),
        mutual_information_final=mi(final),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedbackResult:
    """One measurement-and-feedback cycle starting from equilibrium (energies in the unit of T).

    Attributes:
        work_out: work extracted from the system by measurement and feedback, -(W_meas + W_fb).
        delta_free_energy: F_T(H_final) - F_T(H_S), equilibrium free energies.
        information: Sagawa-Ueda QC-mutual information I_QC (nats).
        bound: -Delta F + T I_QC (Sagawa-Ueda; work_out <= bound).
        erasure_work: quasi-static cost of erasing the record, T H(p) >= T I_QC.
        ledger: the stroke books (measure, feedback, thermalize, erase).
    """

    work_out: float
    delta_free_energy: float
    information: float
    bound: float
    erasure_work: float
    ledger: InformationLedger


def feedback_cycle(
    H_S: Any,
    T: float,
    measurement: Measurement,
    unitaries: Mapping[Any, Any],
    *,
    H_final: Any = None,
) -> FeedbackResult:
    r"""Measure a system in equilibrium, apply U_k, quench to H_final, relax, erase the record.

    The system starts in gamma_T(H_S) with a blank classical memory. After the feedback the
    system relaxes in contact with the bath (heat) and the memory is erased quasi-statically.
    Sagawa-Ueda: work_out <= -Delta F + T I_QC; with the erasure (Sagawa-Ueda 2009) the net
    work work_out - erasure_work <= -Delta F, and the total entropy production is >= 0.

    References:
        Sagawa & Ueda, PRL 100, 080403 (2008); PRL 102, 250602 (2009).
    """
    from .quantities import qc_mutual_information

    H = check_hermitian(H_S, "H_S")
    Tm = float(check_temperature(T))
    if Tm <= 0:
        raise ValueError(f"`T` must be > 0 for a feedback cycle; got {T!r}.")
    Hf = H if H_final is None else check_hermitian(H_final, "H_final")
    if Hf.shape != H.shape:
        raise ValueError(f"`H_final` must have the shape of `H_S` {H.shape}; got {Hf.shape}.")
    rho0 = gibbs_state(H, Tm)
    s0 = memory_state(rho0, H, measurement.n_outcomes)
    s1, r1 = record(s0, measurement)
    s2, r2 = feedback(
        s1, measurement, unitaries, hamiltonians=dict.fromkeys(measurement.outcomes, Hf)
    )
    s3, r3 = thermalize(s2, Tm)
    s4, r4 = erase(s3, Tm)
    info = qc_mutual_information(rho0, measurement)
    dF = _free_energy_eq(Hf, Tm) - _free_energy_eq(H, Tm)
    return FeedbackResult(
        work_out=-(r1.work_system + r2.work_system),
        delta_free_energy=dF,
        information=info,
        bound=-dF + Tm * info,
        erasure_work=r4.work_memory,
        ledger=ledger(s0, s4, [r1, r2, r3, r4]),
    )
