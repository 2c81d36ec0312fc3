r"""Measurement, feedback, thermalization and erasure as strokes of `quantherm.machines.stroke`.

The demon's world S ⊗ M (system first, as in `protocol`) becomes one Hilbert space of
dimension d_S d_M with the energy Hamiltonian

    H = sum_m H_S[m] ⊗ |m><m| + 1 ⊗ diag(H_M),

and every operation of `protocol` becomes a stroke of the stroke layer, so that a
measurement-and-feedback protocol is a `Cycle` with a `limit_cycle` and one ledger of work
and heat per stroke:

* `record`      — `MapStroke` with Kraus operators M_k ⊗ |k><m| (classical memory) or
  sum_k M_k ⊗ |k><m| (quantum memory), m over the old memory states: the memory is
  overwritten with the outcome (on a blank memory this is `protocol.record`). ΔE is work.
* `feedback`    — `MapStroke` with the controlled unitary sum_k U_k ⊗ |k><k|, then
  (optionally) a `QuenchStroke` H_S[k] -> H_k conditioned on the record. ΔE is work.
* `thermalize`  — `MapStroke` replacing the system by the Gibbs state of its (memory-
  conditioned) Hamiltonian at T (`protocol.thermalize` with full contact); ΔE is heat of
  the channel `system_bath`.
* `isothermal`  — `steps` alternations of a quench (a straight line H_S -> H_new) and a
  thermalization: work -> the equilibrium free-energy change as steps -> infinity
  (excess work O(1/steps)); the stroke form of `protocol.isothermal`.
* `erase`       — the memory levels 1..d_M - 1 are raised in `steps` quench + memory-
  thermalization strokes to E_max = T ln((1 - p_final)(d_M - 1)/p_final), then lowered back
  in one quench (the memory stays in |0> up to `p_final`): the stroke form of the
  quasi-static `protocol.erase` (exact as steps -> infinity for a memory that starts
  maximally mixed; any other start adds the irreversible entropy of the first contact).
  Heat is booked to `memory_bath`.

`MemoryCycle.ledger(lc)` converts the stroke layer's `LimitCycle` into the
`InformationLedger` of `protocol` (work and heat of S and M, entropy changes of S, M and
S ⊗ M, total second law), so both paths are compared number by number.

Sign convention (docs/conventions.md): energy into S ⊗ M is positive; work > 0 done on it,
heat > 0 from a bath into it; entropies in nats, energies in the unit of T.

The stroke layer gives a `MapStroke` channel no temperature, so the temperatures of the
channels are kept here (`MemoryCycle.temperatures`) and the entropy flows are booked by
`MemoryCycle.ledger`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from .._checks import ComplexArray, FloatArray, check_hermitian, check_temperature
from ..core.states import gibbs_state
from ..machines.stroke import Cycle, LimitCycle, MapStroke, QuenchStroke, Stroke, limit_cycle
from .measurement import Measurement
from .protocol import (
    InformationLedger,
    MemoryState,
    StrokeRecord,
    _check_outcomes,
    check_square_unitary,
    ledger,
)

__all__ = ["MemoryCycle", "MemoryProtocol", "joint_hamiltonian"]

SYSTEM_BATH = "system_bath"
MEMORY_BATH = "memory_bath"


def joint_hamiltonian(H_S: Any, H_M: Any) -> ComplexArray:
    """sum_m H_S[m] ⊗ |m><m| + 1 ⊗ diag(H_M) on S ⊗ M (system first).

    Args:
        H_S: system Hamiltonian (d_S, d_S), or one per memory state (d_M, d_S, d_S).
        H_M: memory energies (d_M,).
    """
    e = np.real(np.asarray(H_M, dtype=np.float64)).ravel()
    dM = e.shape[0]
    H = np.asarray(H_S, dtype=np.complex128)
    stack = np.broadcast_to(H, (dM, *H.shape[-2:])) if H.ndim == 2 else H
    dS = stack.shape[-1]
    out = np.zeros((dS, dM, dS, dM), dtype=np.complex128)
    for m in range(dM):
        out[:, m, :, m] = stack[m] + e[m] * np.eye(dS)
    return out.reshape(dS * dM, dS * dM)


@dataclass(frozen=True, slots=True)
class _Step:
    """A stroke with the (H_S stack, H_M) at its end and the part its heat goes to."""

    stroke: Stroke
    H_S: ComplexArray
    H_M: FloatArray


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class MemoryProtocol:
    r"""Builder of a measurement/feedback/erasure protocol on S ⊗ M as strokes.

    Start from the system Hamiltonian and a memory; every method returns a new builder with
    one more operation (each a stroke or a few). `cycle()` closes it into a `MemoryCycle`
    (the Hamiltonians must have returned to the initial ones).

    Attributes:
        H_S: initial system Hamiltonian (d_S, d_S) (the same for every memory state).
        memory_dim: memory states d_M (>= the outcomes to be recorded).
        H_M: memory energies (d_M,) (default degenerate, 0).
    """

    H_S: Any
    memory_dim: int
    H_M: Any = None
    _steps: tuple[_Step, ...] = field(default=(), repr=False)
    _temps: tuple[tuple[str, float], ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        H = check_hermitian(self.H_S, "H_S")
        if H.ndim != 2:
            raise ValueError(f"`H_S` must be one (d_S, d_S) Hamiltonian; got shape {H.shape}.")
        dM = self.memory_dim
        if isinstance(dM, bool) or not isinstance(dM, int | np.integer) or dM < 1:
            raise ValueError(f"`memory_dim` must be a positive integer; got {dM!r}.")
        e = np.zeros(dM) if self.H_M is None else np.real(np.asarray(self.H_M, float)).ravel()
        if e.shape != (dM,) or not np.all(np.isfinite(e)):
            raise ValueError(f"`H_M` must be {dM} finite memory energies; got {self.H_M!r}.")
        object.__setattr__(self, "H_S", H)
        object.__setattr__(self, "memory_dim", int(dM))
        object.__setattr__(self, "H_M", e)

    # ------------------------------------------------------------------ state of the build
    @property
    def dims(self) -> tuple[int, int]:
        """(d_S, d_M)."""
        return int(self.H_S.shape[-1]), self.memory_dim

    def _current(self) -> tuple[ComplexArray, FloatArray]:
        if self._steps:
            return self._steps[-1].H_S, self._steps[-1].H_M
        dS, dM = self.dims
        return np.broadcast_to(self.H_S, (dM, dS, dS)).copy(), self.H_M

    def _add(
        self, strokes: list[tuple[Stroke, ComplexArray, FloatArray]], temps: Mapping[str, float]
    ) -> MemoryProtocol:
        new_t = dict(self._temps)
        for k, T in temps.items():
            if k in new_t and new_t[k] != T:
                raise ValueError(
                    f"the bath {k!r} was used at T = {new_t[k]!r}; got T = {T!r}. One protocol "
                    "has one system bath and one memory bath."
                )
            new_t[k] = T
        steps = self._steps + tuple(_Step(s, h, e) for s, h, e in strokes)
        return replace(self, _steps=steps, _temps=tuple(new_t.items()))

    def _energy(self) -> ComplexArray:
        return joint_hamiltonian(*self._current())

    # ------------------------------------------------------------------ operations
    def record(self, measurement: Measurement, *, quantum: bool = False) -> MemoryProtocol:
        """Measure the system and overwrite the memory with the outcome (ΔE is work).

        Kraus operators M_k ⊗ |k><m| (classical) or sum_k M_k ⊗ |k><m| (quantum), m over
        the old memory states; on a blank memory this is `protocol.record`. On a memory
        that is not blank the old content is discarded without a bath (no heat is booked,
        the stroke's own entropy production may be negative): put an `erase` before the
        record to pay for it, as a cycle that ends with `erase` does.
        """
        dS, dM = self.dims
        if not isinstance(measurement, Measurement):
            raise TypeError(
                f"`measurement` must be a Measurement; got {type(measurement).__name__}."
            )
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
        HS, HM = self._current()
        eye = np.eye(dM)
        kets = [eye[:, [k]] for k in range(dM)]
        K = measurement.kraus
        if quantum:
            ops = [
                sum(np.kron(K[k], kets[k] @ kets[m].T) for k in range(K.shape[0]))
                for m in range(dM)
            ]
        else:
            ops = [np.kron(K[k], kets[k] @ kets[m].T) for k in range(K.shape[0]) for m in range(dM)]
        st = MapStroke(H_energy=self._energy(), kraus=ops, book_as="work", name="measure")
        return self._add([(st, HS, HM)], {})

    def feedback(
        self,
        measurement: Measurement,
        unitaries: Mapping[Any, Any],
        *,
        hamiltonians: Mapping[Any, Any] | None = None,
    ) -> MemoryProtocol:
        """U_k on the system when the memory reads k, then optionally H_S[k] -> H_k (work).

        Raises:
            ValueError: an outcome has no operation, an operator is not unitary/Hermitian.
        """
        dS, dM = self.dims
        labels = measurement.outcomes
        _check_outcomes(unitaries, labels, "unitaries")
        HS, HM = self._current()
        U = np.zeros((dS, dM, dS, dM), dtype=np.complex128)
        for m in range(dM):
            U[:, m, :, m] = np.eye(dS)
        for k, lab in enumerate(labels):
            U[:, k, :, k] = check_square_unitary(unitaries[lab], f"unitaries[{lab!r}]", dS)
        E = self._energy()
        out: list[tuple[Stroke, ComplexArray, FloatArray]] = [
            (MapStroke(H_energy=E, kraus=[U.reshape(dS * dM, dS * dM)], name="feedback"), HS, HM)
        ]
        if hamiltonians is not None:
            _check_outcomes(hamiltonians, labels, "hamiltonians")
            HS_new = np.array(HS, dtype=np.complex128)
            for k, lab in enumerate(labels):
                Hk = check_hermitian(hamiltonians[lab], f"hamiltonians[{lab!r}]")
                if Hk.shape != (dS, dS):
                    raise ValueError(
                        f"`hamiltonians[{lab!r}]` must have shape ({dS}, {dS}); got {Hk.shape}."
                    )
                HS_new[k] = Hk
            q = QuenchStroke(
                H_initial=E, H_final=joint_hamiltonian(HS_new, HM), name="feedback-quench"
            )
            out.append((q, HS_new, HM))
        return self._add(out, {})

    def thermalize(self, T: float) -> MemoryProtocol:
        """Full thermal contact of the system at T (ΔE is heat of `system_bath`).

        rho -> gamma_T(H_S) ⊗ rho_M, or sum_m gamma_T(H_S[m]) ⊗ |m><m| <m|rho_M|m> when H_S
        depends on the memory (as `protocol.thermalize` with time=None).
        """
        Tm = float(check_temperature(T))
        dS, dM = self.dims
        HS, HM = self._current()
        conditioned = bool(np.max(np.abs(HS - HS[:1])) > 0)
        g = gibbs_state(HS, Tm)
        lam, V = np.linalg.eigh(g)
        lam = np.clip(lam, 0.0, None)
        eye_s, eye_m = np.eye(dS), np.eye(dM)
        ops: list[Any] = []
        for m in range(dM) if conditioned else (0,):
            Pm = np.outer(eye_m[m], eye_m[m]) if conditioned else eye_m
            for i in range(dS):
                if lam[m, i] <= 0:
                    continue
                for j in range(dS):
                    A = math.sqrt(lam[m, i]) * np.outer(V[m][:, i], eye_s[j])
                    ops.append(np.kron(A, Pm))
        st = MapStroke(H_energy=self._energy(), kraus=ops, book_as=SYSTEM_BATH, name="thermalize")
        return self._add([(st, HS, HM)], {SYSTEM_BATH: Tm})

    def _thermalize_memory(self, T: float) -> tuple[Stroke, ComplexArray, FloatArray]:
        dS, dM = self.dims
        HS, HM = self._current()
        w = np.exp(-(HM - HM.min()) / T) if T > 0 else (HM.min() == HM).astype(float)
        w = w / w.sum()
        eye_m = np.eye(dM)
        ops = [
            np.kron(np.eye(dS), math.sqrt(w[a]) * np.outer(eye_m[a], eye_m[b]))
            for a in range(dM)
            if w[a] > 0
            for b in range(dM)
        ]
        st = MapStroke(
            H_energy=self._energy(), kraus=ops, book_as=MEMORY_BATH, name="memory-contact"
        )
        return st, HS, HM

    def isothermal(self, H_new: Any, T: float, *, steps: int = 100) -> MemoryProtocol:
        """Isothermal change H_S[m] -> H_new in `steps` (quench, thermalize) pairs at T.

        Quench j sets H_S = H_S + (j/steps)(H_new - H_S); the work tends to the equilibrium
        free-energy change sum_m p_m ΔF_m (`protocol.isothermal`) with an excess O(1/steps).
        """
        Tm = float(check_temperature(T))
        n = _steps(steps)
        dS = self.dims[0]
        Hn = check_hermitian(H_new, "H_new")
        if Hn.shape != (dS, dS):
            raise ValueError(f"`H_new` must have shape ({dS}, {dS}); got {Hn.shape}.")
        H0, HM = self._current()
        proto = self
        for j in range(1, n + 1):
            Hj = H0 + (j / n) * (Hn[None] - H0)
            q = QuenchStroke(
                H_initial=proto._energy(),
                H_final=joint_hamiltonian(Hj, HM),
                name="isothermal-quench",
            )
            proto = proto._add([(q, Hj, HM)], {}).thermalize(Tm)
        return proto

    def erase(self, T: float, *, p_final: float, steps: int = 100) -> MemoryProtocol:
        r"""Reset the memory to |0> up to `p_final` by raising its levels 1..d_M-1 at T.

        `steps` (quench, memory contact) pairs raise the levels linearly to
        E_max = T ln((1 - p_final)(d_M - 1)/p_final); a final quench restores H_M. The heat
        goes to `memory_bath`. For a memory that starts maximally mixed the work tends to the
        Landauer cost -T ΔS_M of `protocol.erase(p_final=...)` (excess O(1/steps)).

        Raises:
            ValueError: `p_final` not in (0, 1 - 1/d_M) (a finite protocol cannot reach 0),
                or H_S still depends on the memory.
        """
        Tm = float(check_temperature(T))
        if Tm <= 0:
            raise ValueError(f"`T` must be > 0 for an erasure by thermal contact; got {T!r}.")
        n = _steps(steps)
        dM = self.dims[1]
        p = float(p_final)
        if dM < 2 or not (0.0 < p < 1.0 - 1.0 / dM):
            raise ValueError(
                f"`p_final` must be in (0, 1 - 1/d_M) = (0, {1 - 1 / dM:.3g}) for a memory of "
                f"{dM} states; got {p_final!r}. Zero error needs infinite energy (use "
                "protocol.erase for the quasi-static limit)."
            )
        HS, HM0 = self._current()
        if bool(np.max(np.abs(HS - HS[:1])) > 0):
            raise ValueError(
                "the system Hamiltonian must not depend on the memory when the memory is "
                "erased; return it to a fixed Hamiltonian (e.g. with `isothermal`) first."
            )
        E_max = Tm * math.log((1.0 - p) * (dM - 1) / p)
        raise_ = np.where(np.arange(dM) == 0, 0.0, 1.0)
        proto = self
        for j in range(1, n + 1):
            HMj = HM0 + (j / n) * E_max * raise_
            q = QuenchStroke(
                H_initial=proto._energy(), H_final=joint_hamiltonian(HS, HMj), name="erase-quench"
            )
            proto = proto._add([(q, HS, HMj)], {})
            proto = proto._add([proto._thermalize_memory(Tm)], {MEMORY_BATH: Tm})
        back = QuenchStroke(
            H_initial=proto._energy(), H_final=joint_hamiltonian(HS, HM0), name="erase-restore"
        )
        return proto._add([(back, HS, HM0)], {})

    def cycle(self, name: str = "demon") -> MemoryCycle:
        """Close the protocol into a `MemoryCycle` (a `Cycle` with the S/M bookkeeping).

        Raises:
            ValueError: no operation yet, or the Hamiltonians did not return to the initial
                ones (the `Cycle` check).
        """
        if not self._steps:
            raise ValueError("the protocol has no operation yet; add record/feedback/... first.")
        cyc = Cycle(tuple(s.stroke for s in self._steps), name=name)
        dS, dM = self.dims
        bounds = [(np.broadcast_to(self.H_S, (dM, dS, dS)).copy(), self.H_M)]
        bounds += [(s.H_S, s.H_M) for s in self._steps]
        return MemoryCycle(
            cycle=cyc, dims=(dS, dM), hamiltonians=tuple(bounds), temperatures=dict(self._temps)
        )


def _steps(steps: Any) -> int:
    if isinstance(steps, bool) or not isinstance(steps, int | np.integer) or steps < 1:
        raise ValueError(f"`steps` must be a positive integer; got {steps!r}.")
    return int(steps)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class MemoryCycle:
    """A cycle of strokes on S ⊗ M with what is needed to split its ledger into S and M.

    Attributes:
        cycle: the stroke-layer `Cycle` (dimension d_S d_M).
        dims: (d_S, d_M).
        hamiltonians: (H_S stack (d_M, d_S, d_S), H_M (d_M,)) at every stroke boundary
            (n_strokes + 1 entries; the last equals the first).
        temperatures: heat channel ("system_bath", "memory_bath") -> temperature.
    """

    cycle: Cycle
    dims: tuple[int, int]
    hamiltonians: tuple[tuple[ComplexArray, FloatArray], ...]
    temperatures: dict[str, float]

    def limit_cycle(self) -> LimitCycle:
        """`quantherm.machines.stroke.limit_cycle` of the cycle."""
        return limit_cycle(self.cycle)

    def _state(self, rho: ComplexArray, i: int) -> MemoryState:
        HS, HM = self.hamiltonians[i]
        return MemoryState(rho=np.asarray(rho), H_S=HS, H_M=np.asarray(HM))

    def ledger(self, lc: LimitCycle | None = None) -> InformationLedger:
        r"""The limit cycle's books as an `InformationLedger` of `protocol`.

        Per stroke: ΔE_S and ΔE_M from the boundary states and Hamiltonians; work strokes
        book them as work on S and M, `system_bath`/`memory_bath` strokes as heat into S/M
        at their temperature; entropy changes of S, M and S ⊗ M. On a limit cycle the
        totals obey W_S = -Q_S, W_M = -Q_M and sigma_total = -Q_S/T_S - Q_M/T_M.
        """
        res = self.limit_cycle() if lc is None else lc
        if res.cycle is not self.cycle:
            raise ValueError("`lc` must be the limit cycle of this MemoryCycle's `cycle`.")
        records: list[StrokeRecord] = []
        for i, led in enumerate(res.strokes):
            a = self._state(led.rho_start, i)
            b = self._state(led.rho_end, i + 1)
            sa, sb = a.entropies(), b.entropies()
            dES = b.energy_system - a.energy_system
            dEM = b.energy_memory - a.energy_memory
            kw: dict[str, float] = {}
            if not led.heat:
                kw = {"work_system": dES, "work_memory": dEM}
            for ch, Q in led.heat.items():
                part = "system" if ch == SYSTEM_BATH else "memory"
                kw[f"heat_{part}"] = float(Q)
                kw[f"T_{part}"] = self.temperatures[ch]
            records.append(
                StrokeRecord(
                    name=led.name,
                    dS_system=sb[0] - sa[0],
                    dS_memory=sb[1] - sa[1],
                    dS_total=sb[2] - sa[2],
                    dE_system=dES,
                    dE_memory=dEM,
                    **kw,
                )
            )
        start = self._state(res.rho, 0)
        return ledger(start, start, records)
