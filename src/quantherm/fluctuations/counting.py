r"""Counting models: a master equation together with its jump superoperators, resolved by bath.

Full counting statistics needs more than the generator: it needs to know which part of
each dissipator is a *jump* (a quantum exchanged with a bath) and how much energy that
quantum carries. A `CountingModel` holds the `MasterEquation` of the foundation and, per
bath (or per explicit Lindblad operator), the jump superoperator split into elementwise
entries, each tagged with

- ``energy``: the energy that entry puts INTO the system (lab frame; = -omega for a
  secular jump that lowers the system energy by omega),
- ``quanta``: +1 when the jump takes a quantum from the bath, -1 when it gives one, 0
  for an energy-neutral jump (dephasing),
- ``jumps``: 1 for every entry (jump counting: the dynamical activity).

The jump terms are rebuilt with the same element machinery as the master equation
(`secular_dissipator_terms`' pairing by `frequency_matched_pairs`, `lindblad_jump_terms`),
so at zero counting field they are exactly the jump parts of `me.dissipators`.

Sign convention (docs/conventions.md): energy into the system is positive.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._checks import ComplexArray, FloatArray, as_array
from ..baths.bath import Bath
from ..dynamics.elements import (
    IntArray,
    Term,
    frequency_matched_pairs,
    lindblad_jump_terms,
    sandwich_pairs_term,
)
from ..dynamics.master import MasterEquation, bath_rate_function, lindblad, master_equation

__all__ = [
    "CountingModel",
    "Current",
    "JumpChannel",
    "counting_lindblad",
    "counting_machine",
    "counting_master_equation",
    "counting_model",
    "with_dephasing",
]


@dataclass(frozen=True, eq=False)
class JumpChannel:
    """The jump superoperator of one bath (or one Lindblad operator), entry by entry.

    Attributes:
        bath: name of the bath (or Lindblad channel) the jumps exchange quanta with.
        label: "bath" for a secular bath, "channel[j]" for the j-th operator of a channel.
        term: the jump superoperator X -> sum_k L_k X L_k^dag (working basis, batched).
        energy: (B, nnz) energy put into the system by each entry (lab frame).
        quanta: (B, nnz) +1 (quantum absorbed from the bath), -1 (emitted), 0.
        operators: (B, K, d, d) jump operators L_k (rates included) in the working basis,
            for unravellings; energy_per_operator: (B, K) their energy increments.
    """

    bath: str
    label: str
    term: Term
    energy: FloatArray
    quanta: FloatArray
    operators: ComplexArray
    energy_per_operator: FloatArray


@dataclass(frozen=True, slots=True, kw_only=True)
class Current:
    r"""A counted current: a linear combination of per-bath counts.

    The counted increment of a jump of bath k is
    ``heat[k] * energy + quanta[k] * n + jumps[k] * 1`` with `energy` the energy into the
    system and n = ±1 the quanta absorbed from the bath. Keys are bath names, or
    ``"channel[j]"`` for the j-th operator of an explicit Lindblad channel.

    Examples:
        ``Current(heat={"h": 1.0})`` is the heat current J_h into the system from bath h;
        ``Current(heat={"h": 1.0, "c": 1.0})`` is the extracted power of an engine
        (long-time statistics of Q_h + Q_c equal those of -W);
        ``Current(jumps={"h": 1.0, "c": 1.0})`` counts all jumps (the activity).
    """

    heat: Mapping[str, float] = field(default_factory=dict)
    quanta: Mapping[str, float] = field(default_factory=dict)
    jumps: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("heat", "quanta", "jumps"):
            m = getattr(self, name)
            if not isinstance(m, Mapping):
                raise TypeError(
                    f"`{name}` must be a mapping bath name -> weight; got {type(m).__name__}."
                )
            for k, v in m.items():
                if not isinstance(k, str) or not np.isfinite(float(v)):
                    raise ValueError(
                        f"`{name}` must map bath names to finite weights; got {k!r}: {v!r}."
                    )
        if not (self.heat or self.quanta or self.jumps):
            raise ValueError(
                "`Current` must count something; got no weights. Example: Current(heat={'h': 1.0})."
            )

    def keys(self) -> set[str]:
        """Every bath or channel name the current refers to."""
        return set(self.heat) | set(self.quanta) | set(self.jumps)


@dataclass(frozen=True, eq=False)
class CountingModel:
    """A master equation plus its jump channels (see module docstring).

    Attributes:
        master: the `MasterEquation` (generator, dissipators, baths, batch).
        channels: the jump channels, in order.
    """

    master: MasterEquation
    channels: tuple[JumpChannel, ...]

    @property
    def names(self) -> tuple[str, ...]:
        """Names a `Current` may use: every bath and every channel label."""
        out: list[str] = []
        for c in self.channels:
            for n in (c.bath, c.label):
                if n not in out:
                    out.append(n)
        return tuple(out)

    def increments(self, current: Current) -> list[tuple[Term, FloatArray]]:
        """(jump term, counted increment per entry (B, nnz)) for every channel the current touches.

        Raises:
            TypeError: `current` is not a `Current`.
            ValueError: the current names a bath or channel that has no jumps in the model.
        """
        if not isinstance(current, Current):
            raise TypeError(
                f"`current` must be a quantherm `Current`; got {type(current).__name__}."
            )
        unknown = sorted(current.keys() - set(self.names))
        if unknown:
            raise ValueError(
                f"`current` must count jump channels of the model; got {unknown}, which are not "
                f"among its channels {list(self.names)}. Dephasing-free Hamiltonian terms and "
                "drives have no jumps to count."
            )
        out = []
        for c in self.channels:
            nu = np.zeros_like(c.energy)
            touched = False
            for key in (c.bath, c.label) if c.label != c.bath else (c.bath,):
                if key in current.heat:
                    if not np.all(np.isfinite(c.energy)):
                        raise ValueError(
                            f"heat of channel {c.label!r} cannot be counted: its jumps carry no "
                            "definite energy (`H_energy` is not diagonal). "
                            "Count `quanta` or `jumps`."
                        )
                    nu = nu + float(current.heat[key]) * c.energy
                    touched = True
                if key in current.quanta:
                    nu = nu + float(current.quanta[key]) * c.quanta
                    touched = True
                if key in current.jumps:
                    nu = nu + float(current.jumps[key])
                    touched = True
            if touched:
                out.append((c.term, nu))
        return out

    def mean_heat_current(self) -> list[Current]:
        """One heat `Current` per bath that has a temperature (used for entropy production)."""
        return [Current(heat={k: 1.0}) for k in self.master.baths]


# ---------------------------------------------------------------------- builders
def _clusters(p: IntArray, q: IntArray, n: int) -> IntArray:
    """Connected components of the frequency-matching graph on n components."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    g = coo_matrix((np.ones(p.size), (p, q)), shape=(n, n))
    return np.asarray(connected_components(g, directed=False)[1], dtype=np.int64)


def secular_channel(
    bath: str,
    label: str,
    ia: IntArray,
    ib: IntArray,
    Av: ComplexArray,
    omega: FloatArray,
    rate: Any,
    d: int,
    tol: float,
) -> JumpChannel:
    """The jump channel of secular coupling components (as `secular_dissipator_terms` pairs them).

    Component p is A[ia_p, ib_p] = Av[:, p], lowering the system energy by omega[:, p] (B, P).
    """
    B = Av.shape[0]
    g = rate(omega)
    p, q, mask = frequency_matched_pairs(omega, tol)
    jump = sandwich_pairs_term(g[:, p] * Av[:, p] * mask, Av[:, q], ia[p], ib[p], ia[q], ib[q], d)
    w = omega[:, p]
    # jump operators per frequency cluster (cluster structure of batch member 0)
    lab = _clusters(p[mask[0]], q[mask[0]], ia.size)
    ops = np.zeros((B, int(lab.max()) + 1, d, d), dtype=np.complex128)
    np.add.at(ops, (slice(None), lab, ia, ib), np.sqrt(g) * Av)  # type: ignore[arg-type]
    e_op = np.zeros((B, ops.shape[1]))
    e_op[:, lab] = -omega
    return JumpChannel(
        bath=bath,
        label=label,
        term=jump,
        energy=-w,
        quanta=-np.sign(np.where(np.abs(w) < tol, 0.0, w)),
        operators=ops,
        energy_per_operator=e_op,
    )


def counting_master_equation(
    H: Any,
    couplings: Sequence[tuple[Any, Bath]],
    *,
    kind: str = "global",
    H0: Any = None,
    frame: Any = None,
    degeneracy_tol: float | None = None,
) -> CountingModel:
    r"""A secular master equation (as `master_equation`) with its jumps resolved for counting.

    Same arguments as `quantherm.dynamics.master_equation` (kind "global" or "local").
    A jump entry of bath k pairs coupling components p, q of equal Bohr frequency
    omega_p (the lab-frame energy lowered in the system); its energy increment is
    -omega_p, so counted heat is energy INTO the system, as in the ledger.

    Raises:
        ValueError: kind="redfield" (a Redfield generator has no jump decomposition), or
            any error of `master_equation`.
    """
    if kind == "redfield":
        raise ValueError(
            "`kind` must be 'global' or 'local' for counting statistics; got 'redfield', which "
            "has no positive jump decomposition to count. Use the secular (global) equation."
        )
    me = master_equation(H, couplings, kind=kind, H0=H0, frame=frame, degeneracy_tol=degeneracy_tol)
    return counting_model(me, degeneracy_tol=degeneracy_tol)


def counting_model(master: MasterEquation, *, degeneracy_tol: float | None = None) -> CountingModel:
    """The counting model of an existing `MasterEquation` (global, local or explicit Lindblad).

    Rebuilds each bath's jump superoperator from `master.components` (the secular couplings
    resolved into transitions), so a master equation handed to a stroke or a machine can be
    counted without rebuilding it; an explicit Lindblad equation gets one channel per stored
    jump operator. `degeneracy_tol` defaults to the one the equation was built with.

    Raises:
        TypeError: `master` is not a MasterEquation.
        ValueError: a Redfield equation (no positive jump decomposition to count).
    """
    if not isinstance(master, MasterEquation):
        raise TypeError(f"`master` must be a MasterEquation; got {type(master).__name__}.")
    if master.kind == "lindblad":
        return CountingModel(master=master, channels=_lindblad_channels(master))
    if master.kind not in ("global", "local") or not master.components:
        raise ValueError(
            "`master` must be a secular (kind 'global' or 'local') or explicit Lindblad master "
            f"equation; got kind {master.kind!r}, which has no positive jump decomposition to "
            "count. Use kind='global'."
        )
    tol = master.degeneracy_tol if degeneracy_tol is None else degeneracy_tol
    names = [c.bath for c in master.components]
    channels = []
    for i, cc in enumerate(master.components):
        label = cc.bath if names.count(cc.bath) == 1 else f"{cc.bath}[{names[:i].count(cc.bath)}]"
        rate = bath_rate_function(master.baths[cc.bath], master.batch_shape)
        channels.append(
            secular_channel(cc.bath, label, cc.ia, cc.ib, cc.values, cc.omega, rate, master.d, tol)
        )
    return CountingModel(master=master, channels=tuple(channels))


def counting_lindblad(
    H: Any,
    jumps: Mapping[str, Sequence[tuple[Any, Any]]],
    *,
    baths: Mapping[str, Bath] | None = None,
    H_energy: Any = None,
) -> CountingModel:
    r"""An explicit Lindblad equation (as `lindblad`) with one counting channel per operator.

    The energy a jump L puts into the system is read from a diagonal `H_energy`
    (default H): entry X[b, d] -> X[a, c] carries E_a - E_b. With a non-diagonal
    energy Hamiltonian heat cannot be counted per jump (quanta and jumps still can).
    Channel labels are ``"name[j]"``; the channel name counts all its operators.
    """
    me = lindblad(H, jumps, baths=baths, H_energy=H_energy)
    return CountingModel(master=me, channels=_lindblad_channels(me))


def _lindblad_channels(me: MasterEquation) -> tuple[JumpChannel, ...]:
    """One counting channel per stored jump operator of an explicit Lindblad equation."""
    d, B = me.d, me.batch
    HE = me.H_energy_work
    off = HE - np.einsum("bii->bi", HE)[..., None] * np.eye(d)
    E = np.real(np.einsum("bii->bi", HE))
    diagonal = bool(np.max(np.abs(off), initial=0.0) <= 1e-12 * max(1.0, float(np.max(np.abs(HE)))))
    channels = []
    for name, lst in me.jump_operators.items():
        for j, (Lf, rf) in enumerate(lst):
            term, _ = lindblad_jump_terms(Lf, rf)
            a, b = term.rows % d, term.cols % d
            c, dd = term.rows // d, term.cols // d
            if diagonal:
                energy = 0.5 * ((E[:, a] - E[:, b]) + (E[:, c] - E[:, dd]))
                e_entries = np.abs(Lf) > 0
                e_mat = E[:, :, None] - E[:, None, :]
                e_op = np.array(
                    [
                        np.mean(e_mat[k][e_entries[k]]) if np.any(e_entries[k]) else 0.0
                        for k in range(B)
                    ]
                )
            else:
                energy = np.full((B, term.rows.size), np.nan)
                e_op = np.full(B, np.nan)
            tolE = 1e-12 * max(1.0, float(np.max(np.abs(E), initial=0.0)))
            quanta = np.sign(np.where(np.abs(energy) < tolE, 0.0, np.nan_to_num(energy)))
            ops = (np.sqrt(rf)[:, None, None] * Lf)[:, None]
            channels.append(
                JumpChannel(
                    bath=name,
                    label=f"{name}[{j}]",
                    term=term,
                    energy=energy,
                    quanta=quanta,
                    operators=ops,
                    energy_per_operator=e_op[:, None],
                )
            )
    return tuple(channels)


def with_dephasing(model: CountingModel, name: str, L: Any, rate: float) -> CountingModel:
    r"""Add an energy-neutral Lindblad channel rate (L X L^dag - {L^dag L, X}/2) to a model.

    `L` is given in the original basis (e.g. a projector for pure dephasing). The channel
    is a jump channel of the model (its jumps can be counted) with no bath temperature.

    Raises:
        ValueError: negative rate or a name that is already a bath.
    """
    from dataclasses import replace

    from ..dynamics.elements import merge

    me = model.master
    if not (np.isfinite(rate) and rate >= 0):
        raise ValueError(f"`rate` must be finite and >= 0; got {rate!r}.")
    if name in me.dissipators:
        raise ValueError(
            f"`name` must be a new channel name; got {name!r}, already in {sorted(me.dissipators)}."
        )
    Lw = me.to_work(as_array(L, "L"))
    rf = np.full(me.batch, float(rate))
    jump, anti = lindblad_jump_terms(Lw, rf)
    diss = {**me.dissipators, name: merge([jump, anti])}
    me2 = replace(me, dissipators=diss, _cache={})
    ch = JumpChannel(
        bath=name,
        label=name,
        term=jump,
        energy=np.zeros((me.batch, jump.rows.size)),
        quanta=np.zeros((me.batch, jump.rows.size)),
        operators=(np.sqrt(rf)[:, None, None] * Lw)[:, None],
        energy_per_operator=np.zeros((me.batch, 1)),
    )
    return CountingModel(master=me2, channels=(*model.channels, ch))


def counting_machine(machine: Any) -> CountingModel:
    """The counting model of a `ContinuousMachine` (same H, couplings, kind, H0 and frame).

    Raises:
        TypeError: `machine` is not a continuous machine.
    """
    needed = ("H", "couplings", "kind", "H0", "frame")
    if not all(hasattr(machine, a) for a in needed):
        raise TypeError(
            f"`machine` must be a ContinuousMachine (with {', '.join(needed)}); "
            f"got {type(machine).__name__}."
        )
    return counting_master_equation(
        machine.H, machine.couplings, kind=machine.kind, H0=machine.H0, frame=machine.frame
    )
