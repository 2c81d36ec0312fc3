r"""Cycles of strokes, their limit cycle, spectrum and thermodynamic ledger.

The one-cycle map M = S_n ... S_2 S_1 (superoperators, column stacking) is CPTP; the limit
cycle is its fixed point M v = v with Tr v = 1, found by one linear solve (one row of
M - 1 replaced by the trace condition), never by iterating. The solve is unique exactly
when eigenvalue 1 of M is simple; a degenerate eigenvalue 1 (several limit cycles) is
detected from the conditioning of that system and reported (`LimitCycle.multiplicity`,
a `NonUniqueLimitCycleWarning`), and the limit cycle reached from `rho0` is returned.

Ledger per stroke: work, heat per channel, ΔE, ΔS, entropy production
σ = ΔS - sum_k β_k Q_k (thermal channels), boundary states. Per cycle: work, heat per
channel, power, efficiency -W/Q_hot against Carnot 1 - T_c/T_h, first-law residual
|W + sum_k Q_k| (ΔU = 0 on the limit cycle).

Sign convention (docs/conventions.md): energy into the system is positive; an engine has
W < 0; `power_output = -W/tau_cycle`.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from ..._checks import ComplexArray, FloatArray, as_array
from ..._config import get_options
from ...core.states import entropy_vn
from ...core.superop import unvec
from ...errors import ThermodynamicConsistencyWarning
from .strokes import Compiled, Stroke

__all__ = [
    "Cycle",
    "LimitCycle",
    "NonUniqueLimitCycleWarning",
    "StrokeLedger",
    "limit_cycle",
    "match_eigenvalues",
]

# a trace-one fixed point has entries of modulus <= 1; a solution of the bordered system
# larger than this comes from a singular system (eigenvalue 1 of the cycle map degenerate).
_SIZE_SINGULAR = 1e6


class NonUniqueLimitCycleWarning(UserWarning):
    """The cycle map has a degenerate eigenvalue 1: the limit cycle depends on the initial state."""


def _real_dot(r: ComplexArray, v: ComplexArray) -> FloatArray:
    return np.asarray((r * v).sum(axis=-1).real)


def _energy(E: ComplexArray, v: ComplexArray) -> FloatArray:
    d = E.shape[-1]
    return _real_dot(E.reshape(*E.shape[:-2], d * d), v)


def _hermitize(rho: ComplexArray) -> ComplexArray:
    return np.asarray(0.5 * (rho + np.conj(np.swapaxes(rho, -1, -2))))


@dataclass(frozen=True, slots=True, eq=False)
class Cycle:
    """An ordered list of strokes that closes on itself.

    Validation: at least one stroke; every stroke acts on the same Hilbert space; the
    energy Hamiltonian at the end of each stroke equals the one at the start of the next
    (the last one wraps to the first), so that ΔU = 0 over a cycle and the ledger closes.

    Args:
        strokes: sequence of `Stroke` objects, applied in order.
        name: label.
    """

    strokes: tuple[Stroke, ...]
    name: str = "cycle"

    def __post_init__(self) -> None:
        if isinstance(self.strokes, Stroke) or not isinstance(self.strokes, Sequence):
            raise TypeError(
                f"`strokes` must be a sequence of Stroke objects; got {type(self.strokes).__name__}."
            )
        st = tuple(self.strokes)
        if not st:
            raise ValueError("`strokes` must contain at least one stroke; got none.")
        for i, s in enumerate(st):
            if not isinstance(s, Stroke):
                raise TypeError(f"`strokes[{i}]` must be a Stroke; got {type(s).__name__}.")
        d = st[0].dim
        for i, s in enumerate(st):
            if s.dim != d:
                raise ValueError(
                    f"`strokes[{i}]` ({s.name!r}) acts on a Hilbert space of dimension {s.dim}, "
                    f"but `strokes[0]` ({st[0].name!r}) on one of dimension {d}; all strokes of a "
                    "cycle must act on the same system."
                )
        tol = get_options().atol_hermitian
        for i, s in enumerate(st):
            nxt = st[(i + 1) % len(st)]
            E_end = s.energy_hamiltonians()[1]
            E_next = nxt.energy_hamiltonians()[0]
            dev = float(np.max(np.abs(E_end - E_next)))
            scale = max(1.0, float(np.max(np.abs(E_end))))
            if dev > tol * scale:
                raise ValueError(
                    f"`strokes` must form a cycle: the energy Hamiltonian at the end of "
                    f"strokes[{i}] ({s.name!r}) differs from the one at the start of "
                    f"strokes[{(i + 1) % len(st)}] ({nxt.name!r}) by {dev:.3g}. Insert a "
                    "QuenchStroke (or a unitary stroke) that changes the Hamiltonian."
                )
        object.__setattr__(self, "strokes", st)

    @property
    def dim(self) -> int:
        """Hilbert-space dimension."""
        return int(self.strokes[0].dim)

    def __len__(self) -> int:
        return len(self.strokes)


@dataclass(frozen=True, slots=True, eq=False)
class StrokeLedger:
    """Energy and entropy ledger of one stroke on the limit cycle (arrays of batch shape).

    Attributes:
        name: the stroke's label.
        duration: stroke duration (0 for instantaneous strokes).
        work: W, energy given to the system as work (> 0 into the system).
        heat: channel -> Q_k (> 0 when channel k heats the system).
        delta_energy: ΔE = Tr[H_end rho_end] - Tr[H_start rho_start].
        rho_start, rho_end: boundary states (..., d, d).
        temperatures: channel -> temperature for thermal channels.
    """

    name: str
    duration: FloatArray
    work: FloatArray
    heat: dict[str, FloatArray]
    delta_energy: FloatArray
    rho_start: ComplexArray
    rho_end: ComplexArray
    temperatures: dict[str, FloatArray]

    @property
    def first_law_residual(self) -> FloatArray:
        """|ΔE - W - sum_k Q_k| (zero up to round-off)."""
        q = sum(self.heat.values(), np.zeros_like(self.work))
        return np.asarray(np.abs(self.delta_energy - self.work - q))

    @property
    def entropy_change(self) -> FloatArray:
        """ΔS = S(rho_end) - S(rho_start) (von Neumann, nats)."""
        return np.asarray(entropy_vn(self.rho_end) - entropy_vn(self.rho_start))

    @property
    def entropy_production(self) -> FloatArray:
        """σ = ΔS - sum_k Q_k / T_k over thermal channels (>= 0 for thermal strokes)."""
        return np.asarray(self.entropy_change - _sum_beta_q(self.heat, self.temperatures))


def _sum_beta_q(heat: dict[str, FloatArray], temps: dict[str, FloatArray]) -> FloatArray:
    out: FloatArray = np.zeros(())
    for k, T in temps.items():
        if k not in heat:
            continue
        Q = heat[k]
        with np.errstate(divide="ignore", invalid="ignore"):
            term = np.where(Q == 0, 0.0, Q / T)
        out = out + term
    return np.asarray(out)


@dataclass(frozen=True, slots=True, eq=False)
class LimitCycle:
    """The periodic state of a cycle with its ledger (arrays carry the batch shape (...)).

    Attributes:
        cycle: the `Cycle`.
        states: boundary states (..., n_strokes + 1, d, d); states[..., 0, :, :] is the
            state at the start of the first stroke, states[..., i + 1, :, :] after stroke i.
        strokes: one `StrokeLedger` per stroke.
        cycle_map: one-cycle superoperator M (..., d^2, d^2).
        multiplicity: (...) multiplicity of eigenvalue 1 of M (1 = unique limit cycle).
        duration: cycle time tau_cyc (...).
        work: W per cycle (> 0 into the system; an engine has W < 0).
        heat: channel -> Q_k per cycle (> 0 into the system).
        temperatures: channel -> T for thermal channels.
    """

    cycle: Cycle
    states: ComplexArray
    strokes: tuple[StrokeLedger, ...]
    cycle_map: ComplexArray
    multiplicity: Any
    duration: FloatArray
    work: FloatArray
    heat: dict[str, FloatArray]
    temperatures: dict[str, FloatArray]

    @property
    def rho(self) -> ComplexArray:
        """State at the start of the first stroke (..., d, d)."""
        return np.asarray(self.states[..., 0, :, :])

    @property
    def unique(self) -> Any:
        """True where the limit cycle is unique (eigenvalue 1 of M simple)."""
        return np.asarray(self.multiplicity) == 1

    @property
    def power(self) -> FloatArray:
        """P = W / tau_cyc (> 0 when work is done on the system)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.asarray(self.work / self.duration)

    @property
    def power_output(self) -> FloatArray:
        """-P: power delivered by an engine."""
        return np.asarray(-self.power)

    @property
    def first_law_residual(self) -> FloatArray:
        """|W + sum_k Q_k| per cycle (ΔU = 0 on the limit cycle)."""
        q = sum(self.heat.values(), np.zeros_like(self.work))
        return np.asarray(np.abs(self.work + q))

    @property
    def entropy_production(self) -> FloatArray:
        """Per-cycle entropy production, the sum of the strokes' σ (>= 0 by the second law)."""
        return np.asarray(sum(s.entropy_production for s in self.strokes))

    def _hot_cold(self) -> tuple[str, str]:
        if len(self.temperatures) < 2:
            raise ValueError(
                "efficiency needs at least two thermal channels (baths with a temperature); "
                f"this cycle has {sorted(self.temperatures) or 'none'}."
            )
        names = sorted(self.temperatures, key=lambda k: float(np.mean(self.temperatures[k])))
        return names[-1], names[0]

    @property
    def heat_hot(self) -> FloatArray:
        """Heat from the hottest thermal channel per cycle (> 0 into the system)."""
        return self.heat[self._hot_cold()[0]]

    @property
    def efficiency(self) -> FloatArray:
        """η = -W / Q_hot where the cycle runs as an engine (W < 0, Q_hot > 0), else NaN."""
        Qh = self.heat_hot
        engine = (self.work < 0) & (Qh > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.asarray(np.where(engine, -self.work / Qh, np.nan))

    @property
    def carnot_efficiency(self) -> FloatArray:
        """1 - T_c / T_h of the hottest and coldest thermal channels."""
        h, c = self._hot_cold()
        return np.asarray(1.0 - self.temperatures[c] / self.temperatures[h])

    def spectrum(self) -> ComplexArray:
        """Eigenvalues of the one-cycle map (..., d^2), by decreasing modulus."""
        lam = np.linalg.eigvals(self.cycle_map)
        order = np.argsort(-np.abs(lam), axis=-1, kind="stable")
        return np.asarray(np.take_along_axis(lam, order, axis=-1))

    def relaxation_rates(self) -> ComplexArray:
        """log(λ)/tau_cyc of the cycle-map eigenvalues: the generator-like rates (Re <= 0)."""
        lam = self.spectrum()
        return np.asarray(np.log(lam.astype(complex)) / np.asarray(self.duration)[..., None])

    def __repr__(self) -> str:
        return (
            f"LimitCycle({self.cycle.name!r}, strokes={len(self.strokes)}, d={self.cycle.dim}, "
            f"batch={np.shape(self.work)}, W={_short(self.work)}, "
            f"Q={{{', '.join(f'{k}: {_short(v)}' for k, v in self.heat.items())}}})"
        )


def _short(x: Any) -> str:
    a = np.asarray(x)
    return f"{float(a):.6g}" if a.ndim == 0 else f"array{a.shape}"


def _fixed_point(M: ComplexArray) -> tuple[ComplexArray, Any]:
    """Trace-one fixed point of M (..., n, n) and a mask of points where it is not unique.

    One row of M - 1 (a population row, which the others determine since M preserves the
    trace) is replaced by the trace condition; the system is regular iff eigenvalue 1 of M
    is simple. A singular system gives a solution of huge norm (a trace-one state has
    entries <= 1), which flags the point.
    """
    n = M.shape[-1]
    d = round(np.sqrt(n))
    K = M - np.eye(n)
    K[..., 0, :] = np.eye(d).reshape(n)
    rhs = np.zeros((*K.shape[:-2], n, 1), dtype=np.complex128)
    rhs[..., 0, 0] = 1.0
    with np.errstate(all="ignore"):
        try:
            v = np.linalg.solve(K, rhs)[..., 0]
        except np.linalg.LinAlgError:
            return np.zeros(K.shape[:-1], dtype=np.complex128), np.ones(K.shape[:-2], dtype=bool)
    size = np.max(np.abs(v), axis=-1)
    return np.asarray(v), ~(size < _SIZE_SINGULAR)


def _projected(M: ComplexArray, v0: ComplexArray, tol: float) -> tuple[ComplexArray, int]:
    """Project v0 on the eigenvalue-1 eigenspace of M (peripheral spectra are diagonalisable)."""
    lam, V = np.linalg.eig(M)
    sel = np.abs(lam - 1.0) < tol
    Vinv = np.linalg.inv(V)
    v = V[:, sel] @ (Vinv[sel, :] @ v0)
    return v, int(np.sum(sel))


def limit_cycle(
    cycle: Cycle,
    *,
    rho0: Any = None,
    degeneracy_tol: float = 1e-8,
) -> LimitCycle:
    r"""Limit cycle of `cycle` and its thermodynamic ledger.

    Solves M v = v, Tr v = 1 for the one-cycle map M (batched over the strokes' batch axes),
    propagates v through the strokes and books work and heat per stroke (energies with
    each stroke's energy Hamiltonian).

    Args:
        cycle: the `Cycle`.
        rho0: initial state used only when the limit cycle is not unique (default the
            maximally mixed state); the returned cycle is the one reached from it.
        degeneracy_tol: eigenvalues of M within this of 1 count as 1 (non-unique case).

    Returns:
        `LimitCycle` (sign convention: energy into the system > 0; an engine has W < 0).

    Raises:
        TypeError: `cycle` is not a Cycle.

    Warns:
        NonUniqueLimitCycleWarning: eigenvalue 1 of M is degenerate.
        ThermodynamicConsistencyWarning: the cycle's entropy production is negative.
    """
    if not isinstance(cycle, Cycle):
        raise TypeError(f"`cycle` must be a Cycle; got {type(cycle).__name__}. Wrap strokes in Cycle([...]).")
    comp: list[Compiled] = [s.compile() for s in cycle.strokes]
    d = cycle.dim
    n = d * d
    batch = tuple(np.broadcast_shapes(*[c.S.shape[:-2] for c in comp if c.S is not None],
                                      *[np.shape(c.duration) for c in comp]))
    M: ComplexArray | None = None
    for c in comp:
        if c.S is not None:
            M = c.S if M is None else c.S @ M
    M = np.array(np.broadcast_to(np.eye(n) if M is None else M, (*batch, n, n)), dtype=np.complex128)
    v0, bad = _fixed_point(M)
    mult = np.ones(batch, dtype=int)
    if np.any(bad):
        r0 = (np.eye(d) / d) if rho0 is None else as_array(rho0, "rho0")
        r0v = np.broadcast_to(np.swapaxes(r0, -1, -2).reshape(*r0.shape[:-2], n), (*batch, n))
        v0 = np.array(v0)
        for idx in zip(*np.nonzero(bad), strict=True) if batch else [()]:
            v0[idx], mult[idx] = _projected(M[idx], r0v[idx], degeneracy_tol)
        warnings.warn(
            f"the cycle map of {cycle.name!r} has a degenerate eigenvalue 1 (multiplicity up to "
            f"{int(np.max(mult))}) at {int(np.sum(bad))} of {max(1, int(np.prod(batch)))} points: "
            "the limit cycle is not unique and depends on the initial state; the one reached "
            "from `rho0` is returned. Add a bath that couples the disconnected subspaces.",
            NonUniqueLimitCycleWarning,
            stacklevel=2,
        )
    # normalise, Hermitise, propagate
    tr = np.real(np.sum(np.eye(d).reshape(n) * v0, axis=-1))
    v = v0 / tr[..., None]
    v = 0.5 * (v + np.conj(v.reshape(*batch, d, d).swapaxes(-1, -2).reshape(*batch, n)))
    vs = [v]
    for c in comp:
        v = v if c.S is None else np.asarray((c.S @ v[..., :, None])[..., :, 0])
        vs.append(v)
    states = _hermitize(unvec(np.stack(vs, axis=-2)))
    ledgers: list[StrokeLedger] = []
    for i, (s, c) in enumerate(zip(cycle.strokes, comp, strict=True)):
        v, v_next = vs[i], vs[i + 1]
        W = np.broadcast_to(_real_dot(c.work_row, v), batch)
        Q = {k: np.broadcast_to(_real_dot(r, v), batch) for k, r in c.heat_rows.items()}
        dE = np.broadcast_to(_energy(c.E_end, v_next) - _energy(c.E_start, v), batch)
        ledgers.append(StrokeLedger(
            name=s.name,
            duration=np.broadcast_to(c.duration, batch),
            work=W,
            heat=Q,
            delta_energy=dE,
            rho_start=states[..., i, :, :],
            rho_end=states[..., i + 1, :, :],
            temperatures={k: np.broadcast_to(T, batch) for k, T in c.temperatures.items()},
        ))
    work = np.asarray(sum(s.work for s in ledgers))
    heat: dict[str, FloatArray] = {}
    temps: dict[str, FloatArray] = {}
    for s in ledgers:
        for k, q in s.heat.items():
            heat[k] = heat.get(k, np.zeros(batch)) + q
        for k, T in s.temperatures.items():
            if k in temps and not np.allclose(temps[k], T):
                raise ValueError(
                    f"bath {k!r} has different temperatures in different strokes; give baths "
                    "at different temperatures different names."
                )
            temps[k] = T
    duration = np.asarray(sum(s.duration for s in ledgers))
    res = LimitCycle(cycle, states, tuple(ledgers), M, mult, duration, work, heat, temps)
    if temps:
        sigma_cycle = -_sum_beta_q({k: heat[k] for k in temps}, temps)
        scale = sum((np.abs(heat[k]) / np.asarray(temps[k])) for k in temps)
        atol = get_options().atol_law
        if np.any(sigma_cycle < -atol * np.maximum(1.0, scale)):
            warnings.warn(
                f"cycle {cycle.name!r}: per-cycle entropy production -sum_k Q_k/T_k = "
                f"{float(np.min(sigma_cycle)):.3g} < 0 breaks the Clausius inequality. A local "
                "master equation with a strong drive can do this; use kind='global'.",
                ThermodynamicConsistencyWarning,
                stacklevel=2,
            )
    return res


def match_eigenvalues(a: Any, b: Any) -> tuple[ComplexArray, FloatArray]:
    """Match two spectra one-to-one by minimal total distance (not by sorting).

    Args:
        a, b: eigenvalues (..., n).

    Returns:
        (b reordered to match a, (...) maximal |a_i - b_pi(i)|). Uses the Hungarian algorithm
        (scipy `linear_sum_assignment`) per batch point, so near-degenerate complex pairs are
        not mismatched as a sort would.
    """
    A = np.asarray(a, dtype=np.complex128)
    B = np.asarray(b, dtype=np.complex128)
    shape = np.broadcast_shapes(A.shape, B.shape)
    A = np.broadcast_to(A, shape).reshape(-1, shape[-1])
    B = np.broadcast_to(B, shape).reshape(-1, shape[-1])
    out = np.empty_like(B)
    for i in range(A.shape[0]):
        cost = np.abs(A[i][:, None] - B[i][None, :])
        _, col = linear_sum_assignment(cost)
        out[i] = B[i][col]
    diff = np.max(np.abs(A - out), axis=-1)
    return out.reshape(shape), diff.reshape(shape[:-1])
