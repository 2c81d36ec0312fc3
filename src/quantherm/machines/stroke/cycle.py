r"""Cycles of strokes, their limit cycle, spectrum and thermodynamic ledger.

The one-cycle map M = S_n ... S_2 S_1 (superoperators, column stacking) is CPTP; the limit
cycle is its fixed point M v = v with Tr v = 1, found by one linear solve (one row of
M - 1 replaced by the trace condition), never by iterating. The solve is unique exactly
when eigenvalue 1 of M is simple; a degenerate eigenvalue 1 (several limit cycles) makes
that system singular (condition number > 1e12). It is then reported
(`LimitCycle.multiplicity` from the eigenvalues of M, a `NonUniqueLimitCycleWarning`), and
the limit cycle reached from `rho0` (spectral projection on the eigenvalue-1 space) is returned.

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
from .strokes import Compiled, DephasingStroke, MapStroke, Stroke

__all__ = [
    "Cycle",
    "LimitCycle",
    "NonUniqueLimitCycleWarning",
    "StrokeLedger",
    "limit_cycle",
    "match_eigenvalues",
]

# the bordered fixed-point system is singular (eigenvalue 1 of the cycle map degenerate)
# when its 1-norm condition number exceeds this.
_COND_SINGULAR = 1e12


class NonUniqueLimitCycleWarning(UserWarning):
    """The cycle map has a degenerate eigenvalue 1: the limit cycle depends on the initial state."""


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
                "`strokes` must be a sequence of Stroke objects; got "
                f"{type(self.strokes).__name__}."
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
        temperatures: channel -> temperature for thermal channels.
        vec_start, vec_end: column-stacked boundary states (..., d^2).
    """

    name: str
    duration: FloatArray
    work: FloatArray
    heat: dict[str, FloatArray]
    delta_energy: FloatArray
    temperatures: dict[str, FloatArray]
    vec_start: ComplexArray
    vec_end: ComplexArray

    @property
    def rho_start(self) -> ComplexArray:
        """State at the start of the stroke (..., d, d)."""
        return _hermitize(unvec(self.vec_start))

    @property
    def rho_end(self) -> ComplexArray:
        """State at the end of the stroke (..., d, d)."""
        return _hermitize(unvec(self.vec_end))

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
        vectors: column-stacked boundary states (..., n_strokes + 1, d^2).
        strokes: one `StrokeLedger` per stroke.
        cycle_map: one-cycle superoperator M (..., d^2, d^2).
        multiplicity: (...) multiplicity of eigenvalue 1 of M (1 = unique limit cycle).
        duration: cycle time tau_cyc (...).
        work: W per cycle (> 0 into the system; an engine has W < 0).
        heat: channel -> Q_k per cycle (> 0 into the system).
        temperatures: channel -> T for thermal channels.
    """

    cycle: Cycle
    vectors: ComplexArray
    strokes: tuple[StrokeLedger, ...]
    cycle_map: ComplexArray
    multiplicity: Any
    duration: FloatArray
    work: FloatArray
    heat: dict[str, FloatArray]
    temperatures: dict[str, FloatArray]

    @property
    def states(self) -> ComplexArray:
        """Boundary states (..., n_strokes + 1, d, d): index 0 is the state at the start of the
        first stroke, index i + 1 the state after stroke i (the last equals the first)."""
        return _hermitize(unvec(self.vectors))

    @property
    def rho(self) -> ComplexArray:
        """State at the start of the first stroke (..., d, d)."""
        return _hermitize(unvec(self.vectors[..., 0, :]))

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
        """log(λ)/tau_cyc of the cycle-map eigenvalues: the generator-like rates (Re <= 0).

        An eigenvalue that underflows to 0 (a mode erased within one cycle) gives -inf.
        """
        lam = self.spectrum()
        tau = np.asarray(self.duration)[..., None]
        with np.errstate(divide="ignore"):
            return np.asarray(np.log(np.abs(lam)) / tau + 1j * (np.angle(lam) / tau))

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
    trace) is replaced by the trace condition; this matrix K is regular iff eigenvalue 1 of M
    is simple. Points where K is singular to working precision (1-norm condition number
    above 1e12, i.e. a second eigenvalue within about 1e-12 of 1) are flagged.
    """
    n = M.shape[-1]
    d = round(np.sqrt(n))
    K = M - np.eye(n)
    K[..., 0, :] = np.eye(d).reshape(n)
    with np.errstate(all="ignore"):
        try:
            Kinv = np.linalg.inv(K)
        except np.linalg.LinAlgError:
            return np.zeros(K.shape[:-1], dtype=np.complex128), np.ones(K.shape[:-2], dtype=bool)
        cond = np.abs(K).sum(axis=-2).max(axis=-1) * np.abs(Kinv).sum(axis=-2).max(axis=-1)
    return np.asarray(Kinv[..., :, 0]), ~(cond < _COND_SINGULAR)


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
        ThermodynamicConsistencyWarning: -sum_k Q_k/T_k < 0 per cycle although every
            non-thermal stroke is unital (Clausius inequality broken).
    """
    if not isinstance(cycle, Cycle):
        raise TypeError(
            f"`cycle` must be a Cycle; got {type(cycle).__name__}. Wrap strokes in Cycle([...])."
        )
    comp: list[Compiled] = [s.compile() for s in cycle.strokes]
    d = cycle.dim
    n = d * d
    batch = tuple(
        np.broadcast_shapes(
            *[c.S.shape[:-2] for c in comp if c.S is not None],
            *[np.shape(c.duration) for c in comp],
        )
    )
    M: ComplexArray | None = None
    for c in comp:
        if c.S is not None:
            M = c.S if M is None else c.S @ M
    M = np.array(
        np.broadcast_to(np.eye(n) if M is None else M, (*batch, n, n)), dtype=np.complex128
    )
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
    tr = v0[..., :: d + 1].sum(axis=-1).real
    v = v0 / tr[..., None]
    v = 0.5 * (v + np.conj(v.reshape(*batch, d, d).swapaxes(-1, -2).reshape(*batch, n)))
    vs = [v]
    for c in comp:
        v = v if c.S is None else (c.S @ v[..., :, None])[..., :, 0]
        vs.append(v)
    ledgers: list[StrokeLedger] = []
    zeros = np.zeros(batch)
    for i, (s, c) in enumerate(zip(cycle.strokes, comp, strict=True)):
        va, vb = vs[i], vs[i + 1]
        vals = (c.rows @ va[..., :, None])[..., 0].real + zeros[..., None]
        dE = (
            (c.E_end.reshape(*c.E_end.shape[:-2], n) * vb).sum(axis=-1).real
            - (c.E_start.reshape(*c.E_start.shape[:-2], n) * va).sum(axis=-1).real
        ) + zeros
        ledgers.append(
            StrokeLedger(
                name=s.name,
                duration=c.duration + zeros,
                work=vals[..., 0],
                heat={k: vals[..., j + 1] for j, k in enumerate(c.channels)},
                delta_energy=dE,
                temperatures={k: T + zeros for k, T in c.temperatures.items()},
                vec_start=va,
                vec_end=vb,
            )
        )
    work = np.asarray(sum(led.work for led in ledgers))
    heat: dict[str, FloatArray] = {}
    temps: dict[str, FloatArray] = {}
    for led in ledgers:
        for k, q in led.heat.items():
            heat[k] = heat.get(k, np.zeros(batch)) + q
        for k, T in led.temperatures.items():
            if k in temps and not np.allclose(temps[k], T):
                raise ValueError(
                    f"bath {k!r} has different temperatures in different strokes; give baths "
                    "at different temperatures different names."
                )
            temps[k] = T
    duration = np.asarray(sum(led.duration for led in ledgers))
    vectors = np.stack(vs, axis=-2)
    res = LimitCycle(cycle, vectors, tuple(ledgers), M, mult, duration, work, heat, temps)
    # Clausius -sum_k Q_k/T_k >= 0 holds when every other stroke is unital (unitaries,
    # dephasing); a non-thermal channel or a user map may legitimately lower the entropy.
    unital = {s.channel for s in cycle.strokes if isinstance(s, DephasingStroke)}
    closed = not (set(heat) - set(temps) - unital) and not any(
        isinstance(s, MapStroke) and s.temperature is None for s in cycle.strokes
    )
    if temps and closed:
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
