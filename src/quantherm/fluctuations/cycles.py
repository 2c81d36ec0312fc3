r"""Per-cycle work and heat statistics of stroke machines (two-point measurements + jump counting).

The energy is measured projectively at every stroke boundary (with the energy Hamiltonian
there) and the heat of each bath stroke is counted through its quantum jumps. For a stroke
from boundary a to boundary b, with outcomes E_n (start) and E'_m (end):

* a bath stroke (`BathStroke` with a secular master equation) exchanges the counted heats
  Q_k (jumps of bath k, each booked with its lab-frame energy into the system, see
  `counting`); the rest of the measured energy change is the work of the drive,
  W = (E'_m - E_n) - sum_k Q_k (zero on average without a drive);
* every other stroke books the measured energy change E'_m - E_n as work, or as heat of
  its channel (`MapStroke(book_as=...)`, `DephasingStroke`).

With u_W the counting field of work and u_k those of the heat channels, the tilted
one-stroke map is

    G(u) = Pi_b(u_b) K(u) Pi_a(-u_b),    Pi_a(x) rho = sum_n e^{x E_n} P_n rho P_n,

with u_b the field of what the stroke books (u_W or its channel) and K = exp(L(u) tau)
for a bath stroke (L(u) the tilted Liouvillian with fields u_k - u_W on the jumps of bath
k), K = S otherwise (the stroke layer's propagator). The tilted cycle map M(u) =
G_N(u) ... G_1(u) gives

* the single-cycle generating function chi(u) = Tr[M(u) rho*] of the measured limit cycle
  rho* = M(0) rho* (measurements included: M(0) dephases at every boundary),
* the per-cycle scaled cumulant generating function ln mu(u), mu(u) the eigenvalue of
  M(u) that continues 1 (long-run cumulants per cycle),
* exact cumulants of any linear combination X = a_W W + sum_k a_k Q_k by truncated
  power series of the tilted maps in one field lambda (Van Loan block exponentials for
  the bath strokes; no finite differences), single-cycle and scaled.

The mean of a single cycle equals the `LimitCycle` ledger of the measured cycle
(`measured_cycle(cycle)`, the cycle with an energy measurement at every boundary), which
is the ledger of the cycle itself whenever its boundary states commute with the energy
Hamiltonians (e.g. Otto cycles of commuting Hamiltonians). The fluctuation theorem
<exp(-sigma)> = 1 holds for sigma = ln p(n) - ln p(m) - sum_k Q_k / T_k (n, m the first and
last energy outcomes, p their limit-cycle probabilities) when every heat channel is thermal
with local detailed balance for the counted heat (global or local secular baths, also with
a drive inside a local one; Gibbs-preserving maps), the work strokes being microreversible:
`CycleStatistics.fluctuation_theorem()`.

Sign convention (docs/conventions.md): energy into the system is positive (W < 0 for an
engine). References: P. Talkner, E. Lutz, P. Haenggi, PRE 75, 050102 (2007),
doi:10.1103/PhysRevE.75.050102; M. Esposito, U. Harbola, S. Mukamel, RMP 81, 1665 (2009),
doi:10.1103/RevModPhys.81.1665; G. Watanabe, B. P. Venkatesh, P. Talkner, A. del Campo,
PRL 118, 050601 (2017), doi:10.1103/PhysRevLett.118.050601 (quantum Otto engine statistics).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.linalg as sla

from .._checks import ComplexArray, FloatArray
from ..core.superop import sprepost
from ..dynamics.elements import Term, assemble_dense
from ..machines.stroke import BathStroke, Cycle, DephasingStroke, Stroke
from .counting import counting_model
from .cumulants import _moments_to_cumulants

__all__ = ["CycleStatistics", "cycle_statistics", "measured_cycle"]

WORK = "work"


def _projectors(E: ComplexArray, tol: float) -> tuple[FloatArray, ComplexArray]:
    """Distinct eigenvalues of E and the superoperators X -> P_n X P_n, (m,) and (m, n2, n2)."""
    e, V = np.linalg.eigh(E)
    groups: list[list[int]] = [[0]]
    for i in range(1, e.size):
        (groups[-1].append(i) if e[i] - e[groups[-1][0]] < tol else groups.append([i]))
    vals = np.array([np.mean(e[g]) for g in groups])
    P = [V[:, g] @ np.conj(V[:, g]).T for g in groups]
    return vals, np.stack([sprepost(p, p) for p in P])


def _to_original(W: ComplexArray | None, term: Term) -> ComplexArray:
    """Dense superoperator (n2, n2) of a working-basis term (batch 1), in the original basis."""
    L = assemble_dense(term)[0]
    if W is None:
        return L
    d = term.d
    U = np.einsum("ij,kl->ikjl", np.conj(W), W).reshape(d * d, d * d)
    return np.asarray(U @ L @ np.conj(U).T)


@dataclass(frozen=True, eq=False)
class _Stroke:
    """A stroke at one parameter point, reduced to what the counting needs."""

    booked: str  # WORK or the channel the measured energy change is booked to
    S: ComplexArray  # propagator at zero field (n2, n2)
    e_start: FloatArray
    Pi_start: ComplexArray  # (m, n2, n2)
    e_end: FloatArray
    Pi_end: ComplexArray
    L: ComplexArray | None = None  # bath strokes: generator (original basis)
    W: ComplexArray | None = None  # bath strokes: working basis of the jump terms
    tau: float = 0.0
    channels: tuple[str, ...] = ()
    temperatures: dict[str, float] = field(default_factory=dict)
    jumps: list[tuple[str, Term, FloatArray]] = field(default_factory=list)

    def measure(self, end: bool, x: complex) -> ComplexArray:
        e, Pi = (self.e_end, self.Pi_end) if end else (self.e_start, self.Pi_start)
        return np.asarray(np.einsum("m,mij->ij", np.exp(x * e), Pi))

    def measure_series(self, end: bool, a: float, order: int) -> list[ComplexArray]:
        e, Pi = (self.e_end, self.Pi_end) if end else (self.e_start, self.Pi_start)
        return [
            np.einsum("m,mij->ij", (a * e) ** j / math.factorial(j), Pi) for j in range(order + 1)
        ]

    def tilted_generator(self, fields: Mapping[str, complex], uW: complex) -> ComplexArray:
        if self.L is None:
            raise TypeError("only bath strokes have a generator.")
        L: ComplexArray = np.array(self.L, dtype=np.complex128)
        for bath, term, energy in self.jumps:
            x = complex(fields.get(bath, 0.0)) - uW
            if x != 0:
                vals = term.vals * np.expm1(x * energy)
                L += _to_original(self.W, Term(term.d, term.rows, term.cols, vals))
        return L

    def generator_powers(self, weights: Mapping[str, float], aW: float, order: int) -> list[Any]:
        """L_j = sum_e nu_e^j J_e / j! (j >= 1), nu_e = (a_k - a_W) energy_e."""
        out = []
        for j in range(1, order + 1):
            A: ComplexArray = np.zeros_like(self.L)
            for bath, term, energy in self.jumps:
                x = float(weights.get(bath, 0.0)) - aW
                if x != 0:
                    vals = term.vals * (x * energy) ** j
                    A += _to_original(self.W, Term(term.d, term.rows, term.cols, vals))
            out.append(A / math.factorial(j))
        return out


def _series_mul(A: list[ComplexArray], B: list[ComplexArray]) -> list[ComplexArray]:
    """Truncated product of two power series in lambda (coefficient lists of equal length)."""
    out = []
    for j in range(len(A)):
        C = A[0] @ B[j]
        for i in range(1, j + 1):
            C = C + A[i] @ B[j - i]
        out.append(np.asarray(C))
    return out


def _at(x: Any, batch: tuple[int, ...], idx: tuple[int, ...], core: int) -> Any:
    """x (with `core` trailing axes) broadcast to the batch and taken at idx."""
    a = np.asarray(x)
    return np.broadcast_to(a, (*batch, *a.shape[a.ndim - core :]))[idx]


def _reduce(cycle: Cycle, tol: float) -> tuple[tuple[int, ...], list[list[_Stroke]]]:
    """Compile the strokes once and split them into parameter points (flattened batch)."""
    d = cycle.dim
    n2 = d * d
    compiled = []
    shapes: list[tuple[int, ...]] = []
    for i, s in enumerate(cycle.strokes):
        c = s.compile()
        model = None
        if isinstance(s, BathStroke):
            if getattr(s, "drive", None) is not None:
                raise ValueError(
                    f"strokes[{i}] ({s.name!r}) has a time-dependent drive: counting statistics "
                    "of driven bath strokes are not implemented (the tilted propagator would "
                    "ignore the drive). Use a constant drive inside the master equation's H, "
                    "or split the stroke into piecewise-constant bath strokes."
                )
            try:
                model = counting_model(s.master)
            except ValueError as exc:
                raise ValueError(
                    f"strokes[{i}] ({s.name!r}): its heat cannot be counted by jumps: {exc}"
                ) from exc
            shapes.append(tuple(s.master.batch_shape))
        compiled.append((s, c, model))
        if c.S is not None:
            shapes.append(tuple(c.S.shape[:-2]))
        shapes += [tuple(np.shape(c.duration)), c.E_start.shape[:-2], c.E_end.shape[:-2]]
        shapes += [tuple(np.shape(T)) for T in c.temperatures.values()]
    batch = tuple(np.broadcast_shapes(*shapes))
    points: list[list[_Stroke]] = []
    for idx in np.ndindex(*batch):
        strokes = []
        for _, c, model in compiled:
            S = np.eye(n2, dtype=np.complex128) if c.S is None else _at(c.S, batch, idx, 2)
            e0, Pi0 = _projectors(_at(c.E_start, batch, idx, 2), tol)
            e1, Pi1 = _projectors(_at(c.E_end, batch, idx, 2), tol)
            temps = {k: float(_at(T, batch, idx, 0)) for k, T in c.temperatures.items()}
            if model is None:
                booked = WORK if not c.channels else c.channels[0]
                strokes.append(
                    _Stroke(
                        booked, S, e0, Pi0, e1, Pi1, channels=tuple(c.channels), temperatures=temps
                    )
                )
                continue
            me = model.master
            b = int(_at(np.arange(me.batch).reshape(me.batch_shape), batch, idx, 0))
            jumps = [
                (ch.bath, Term(ch.term.d, ch.term.rows, ch.term.cols, ch.term.vals[b : b + 1]),
                 ch.energy[b : b + 1])
                for ch in model.channels
            ]  # fmt: skip
            strokes.append(
                _Stroke(
                    WORK,
                    S,
                    e0,
                    Pi0,
                    e1,
                    Pi1,
                    L=np.asarray(me.liouvillian(), dtype=np.complex128).reshape(
                        *me.batch_shape, n2, n2
                    )[np.unravel_index(b, me.batch_shape) if me.batch_shape else ()],
                    W=None if me.W is None else me.W[b],
                    tau=float(_at(c.duration, batch, idx, 0)),
                    channels=tuple(c.channels),
                    temperatures=temps,
                    jumps=jumps,
                )
            )
        points.append(strokes)
    return batch, points


def _trace(x: ComplexArray, d: int) -> float:
    """Tr X of a column-stacked vector (d^2,)."""
    return float(np.real(np.sum(x[:: d + 1])))


def _bordered(M: ComplexArray, d: int) -> ComplexArray:
    """M - 1 with its first population row replaced by the trace row."""
    K = M - np.eye(M.shape[-1])
    K[0, :] = np.eye(d).reshape(-1)
    return K


def _tilted_map(strokes: list[_Stroke], f: Mapping[str, Any], n2: int) -> ComplexArray:
    uW = complex(f.get(WORK, 0.0))
    M = np.eye(n2, dtype=np.complex128)
    for s in strokes:
        x = uW if s.booked == WORK else complex(f.get(s.booked, 0.0))
        K = sla.expm(s.tilted_generator(f, uW) * s.tau) if s.L is not None else s.S
        M = s.measure(True, x) @ K @ s.measure(False, -x) @ M
    return M


def _series(strokes: list[_Stroke], w: Mapping[str, float], order: int, n2: int) -> list[Any]:
    """Taylor coefficients M_j of M(lambda a) (j = 0..order)."""
    aW = float(w.get(WORK, 0.0))
    M = [np.eye(n2, dtype=np.complex128)] + [np.zeros((n2, n2), complex)] * order
    for s in strokes:
        a = aW if s.booked == WORK else float(w.get(s.booked, 0.0))
        if s.L is not None:
            blocks = [s.L, *s.generator_powers(w, aW, order)]
            K = order + 1
            big = np.zeros((K * n2, K * n2), dtype=np.complex128)
            for i in range(K):
                for j in range(i, K):
                    big[i * n2 : (i + 1) * n2, j * n2 : (j + 1) * n2] = blocks[j - i]
            E = sla.expm(big * s.tau)[:n2]
            Ks = [E[:, j * n2 : (j + 1) * n2] for j in range(K)]
        else:
            Ks = [s.S] + [np.zeros_like(s.S)] * order
        G = _series_mul(
            _series_mul(s.measure_series(True, a, order), Ks),
            s.measure_series(False, -a, order),
        )
        M = _series_mul(G, M)
    return M


def _single_cumulants(M: list[Any], r: ComplexArray, d: int, order: int) -> FloatArray:
    mom = np.array([[math.factorial(j) * _trace(M[j] @ r, d) for j in range(1, order + 1)]])
    return _moments_to_cumulants(mom)[0]


def _scaled_cumulants(M: list[Any], r0: ComplexArray, d: int, order: int) -> FloatArray:
    D = [math.factorial(k) * M[k] for k in range(order + 1)]
    K = _bordered(D[0], d)
    r = [r0]
    mu = [1.0]
    for n in range(1, order + 1):
        Dr = [D[k] @ r[n - k] for k in range(1, n + 1)]
        mu.append(sum(math.comb(n, k) * _trace(Dr[k - 1], d) for k in range(1, n + 1)))
        if n < order:
            rhs = np.array(
                sum(math.comb(n, k) * (mu[k] * r[n - k] - Dr[k - 1]) for k in range(1, n + 1))
            )
            rhs[0] = 0.0
            r.append(np.asarray(np.linalg.solve(K, rhs), dtype=np.complex128))
    return _moments_to_cumulants(np.array([mu[1:]]))[0]


def _check_order(order: Any) -> None:
    if not isinstance(order, int) or order < 1:
        raise ValueError(f"`order` must be an integer >= 1; got {order!r}.")


@dataclass(frozen=True, eq=False)
class CycleStatistics:
    r"""Joint per-cycle statistics of work and heat of a stroke machine's measured limit cycle.

    Everything carries the cycle's batch shape (...): a parameter sweep of strokes gives
    arrays; an unbatched cycle gives plain floats.

    Attributes:
        cycle: the `Cycle`.
        channels: ("work", heat channels...) the names fields and weights may use.
        temperatures: channel -> temperature of the thermal channels (float or (...)).
        rho: the measured limit cycle state at the start of the first stroke (..., d, d).
        batch_shape: the parameter batch (() for one point).
    """

    cycle: Cycle
    channels: tuple[str, ...]
    temperatures: dict[str, Any]
    rho: ComplexArray
    batch_shape: tuple[int, ...]
    _points: list[list[_Stroke]] = field(repr=False)

    # ------------------------------------------------------------------ helpers
    def _fields(self, u: Mapping[str, Any], what: str) -> dict[str, Any]:
        if not isinstance(u, Mapping):
            raise TypeError(
                f"`{what}` must map channel names to numbers, e.g. {{'work': 0.1}}; "
                f"got {type(u).__name__}."
            )
        unknown = sorted(set(u) - set(self.channels))
        if unknown:
            raise ValueError(
                f"`{what}` must name channels of the cycle {list(self.channels)}; got {unknown}."
            )
        return dict(u)

    def _vectors(self) -> list[ComplexArray]:
        rho = self.rho.reshape(-1, *self.rho.shape[-2:])
        return [r.reshape(-1, order="F") for r in rho]

    def _collect(self, vals: list[Any]) -> Any:
        a = np.asarray(vals)
        out = a.reshape((*self.batch_shape, *a.shape[1:]))
        if not self.batch_shape and out.ndim == 0:
            return complex(out) if np.iscomplexobj(out) else float(out)
        return out

    # ------------------------------------------------------------------ tilted maps
    def tilted_map(self, u: Mapping[str, complex]) -> ComplexArray:
        """The tilted one-cycle map M(u), (..., d^2, d^2), for fields u (channel -> field)."""
        f = self._fields(u, "u")
        n2 = self.cycle.dim**2
        return np.asarray(self._collect([_tilted_map(p, f, n2) for p in self._points]))

    def generating_function(self, u: Mapping[str, complex]) -> Any:
        r"""chi(u) = <exp(sum_c u_c X_c)> over one cycle started on the measured limit cycle.

        Complex fields give the characteristic function (u = i k); chi(0) = 1.
        """
        f = self._fields(u, "u")
        d = self.cycle.dim
        vals = [
            complex(np.sum((_tilted_map(p, f, d * d) @ r)[:: d + 1]))
            for p, r in zip(self._points, self._vectors(), strict=True)
        ]
        return self._collect(vals)

    def scgf(self, u: Mapping[str, float]) -> Any:
        """Per-cycle scaled cumulant generating function ln mu(u) (real fields).

        mu(u) is the eigenvalue of the tilted cycle map of largest modulus (it continues
        the eigenvalue 1 of M(0) for fields small enough); the long-run cumulants per
        cycle are its derivatives (`scaled_cumulants`).
        """
        f = self._fields(u, "u")
        n2 = self.cycle.dim**2
        vals = [
            float(np.log(np.max(np.abs(np.linalg.eigvals(_tilted_map(p, f, n2))))))
            for p in self._points
        ]
        return self._collect(vals)

    # ------------------------------------------------------------------ cumulants
    def cumulants(self, weights: Mapping[str, float], order: int = 2) -> FloatArray:
        r"""Exact single-cycle cumulants of X = sum_c a_c X_c (weights a_c), shape (..., order).

        Example: ``cumulants({"work": 1.0})`` gives (<W>, Var W) per cycle.
        """
        _check_order(order)
        w = self._fields(weights, "weights")
        d = self.cycle.dim
        vals = [
            _single_cumulants(_series(p, w, order, d * d), r, d, order)
            for p, r in zip(self._points, self._vectors(), strict=True)
        ]
        return np.asarray(self._collect(vals))

    def scaled_cumulants(self, weights: Mapping[str, float], order: int = 2) -> FloatArray:
        r"""Long-run cumulants per cycle, lim <<X_N^n>> / N over N cycles, shape (..., order).

        Derivatives of ln mu(lambda) by Rayleigh-Schroedinger perturbation theory of the
        eigenvalue 1 of the cycle map (one bordered solve per order): with D_k = k! M_k,
        mu_n = sum_k C(n,k) Tr[D_k r_{n-k}], (D_0 - 1) r_n = sum_k C(n,k)(mu_k - D_k) r_{n-k},
        Tr r_n = 0.
        """
        _check_order(order)
        w = self._fields(weights, "weights")
        d = self.cycle.dim
        vals = [
            _scaled_cumulants(_series(p, w, order, d * d), r, d, order)
            for p, r in zip(self._points, self._vectors(), strict=True)
        ]
        return np.asarray(self._collect(vals))

    # ------------------------------------------------------------------ conveniences
    @property
    def mean(self) -> dict[str, Any]:
        """Channel -> single-cycle mean (work and every heat channel)."""
        return {
            c: self._collect(list(self.cumulants({c: 1.0}, 1)[..., 0].ravel()))
            for c in self.channels
        }

    def variance(self, channel: str) -> Any:
        """Single-cycle variance of one channel ("work" or a heat channel)."""
        return self._collect(list(self.cumulants({channel: 1.0}, 2)[..., 1].ravel()))

    def covariance(self) -> FloatArray:
        """Single-cycle covariance matrix (..., n, n) of (work, heats...) in `channels` order."""
        n = len(self.channels)
        var = [np.asarray(self.variance(c)) for c in self.channels]
        C = np.zeros((*self.batch_shape, n, n))
        for i in range(n):
            C[..., i, i] = var[i]
            for j in range(i + 1, n):
                v = self.cumulants({self.channels[i]: 1.0, self.channels[j]: 1.0}, 2)[..., 1]
                C[..., i, j] = C[..., j, i] = 0.5 * (v - var[i] - var[j])
        return C

    @property
    def entropy_production(self) -> Any:
        """Mean entropy production per cycle -sum_k <Q_k> / T_k (thermal channels)."""
        m = self.mean
        out = -sum(np.asarray(m[k]) / np.asarray(T) for k, T in self.temperatures.items())
        return self._collect(list(np.asarray(out, dtype=float).ravel()))

    def fluctuation_theorem(self) -> Any:
        r"""<exp(-sigma)> over one cycle, sigma = ln p(n) - ln p(m) - sum_k Q_k / T_k.

        n, m are the energy outcomes at the start and end of the cycle and p their
        probabilities per state on the measured limit cycle (p(n) = Tr[P_n rho*] / Tr P_n:
        within a degenerate level the state is taken as uniform, exact when rho* is
        proportional to P_n there, e.g. by symmetry). Equals 1 when every heat channel is
        thermal with local detailed balance for the counted heat (global or local secular
        baths, Gibbs-preserving maps) and the work strokes are microreversible; a value
        off 1 flags a channel booked at a temperature that it does not respect.

        Raises:
            ValueError: a heat channel without temperature (its entropy flow is unknown).
        """
        athermal = [c for c in self.channels[1:] if c not in self.temperatures]
        if athermal:
            raise ValueError(
                f"the fluctuation theorem needs every heat channel to have a temperature; "
                f"{athermal} have none."
            )
        d = self.cycle.dim
        one = np.eye(d).reshape(-1)
        vals = []
        for p_strokes, r in zip(self._points, self._vectors(), strict=True):
            temps: dict[str, float] = {}
            for s in p_strokes:
                temps.update(s.temperatures)
            M = _tilted_map(p_strokes, {k: 1.0 / T for k, T in temps.items()}, d * d)
            Pi = p_strokes[0].Pi_start
            p = np.array([_trace(P @ r, d) / _trace(P @ one, d) for P in Pi])
            total = 0.0
            for n, Pn in enumerate(Pi):
                if p[n] <= 0:
                    continue
                v = M @ (Pn @ r)
                for m, Pm in enumerate(Pi):
                    total += _trace(Pm @ v, d) * p[m] / p[n]
            vals.append(total)
        return self._collect(vals)


def measured_cycle(cycle: Cycle) -> Cycle:
    """The cycle with a non-selective energy measurement at every stroke boundary.

    A `DephasingStroke` in the eigenbasis of the energy Hamiltonian at the start of each
    stroke (energy-neutral: its channel "measurement" books zero heat). Its
    `limit_cycle` ledger is what `cycle_statistics` averages to.
    """
    if not isinstance(cycle, Cycle):
        raise TypeError(f"`cycle` must be a Cycle; got {type(cycle).__name__}.")
    strokes: list[Stroke] = []
    for i, s in enumerate(cycle.strokes):
        E = s.energy_hamiltonians()[0]
        strokes.append(DephasingStroke(H=E, name=f"measure[{i}]"))
        strokes.append(s)
    return Cycle(tuple(strokes), name=f"measured {cycle.name}")


def cycle_statistics(cycle: Cycle, *, degeneracy_tol: float = 1e-9) -> CycleStatistics:
    r"""Joint two-point-measurement statistics of work and heat per cycle of a stroke machine.

    Args:
        cycle: a `Cycle`, batched or not (a sweep is evaluated point by point); bath
            strokes must use secular (global or local) master equations, whose jumps carry
            the counted heat.
        degeneracy_tol: energy eigenvalues closer than this are one measurement outcome.

    Returns:
        `CycleStatistics` (generating function, exact single-cycle and scaled cumulants,
        mean, variance, covariance, fluctuation-theorem check).

    Raises:
        TypeError: `cycle` is not a Cycle.
        ValueError: a bath stroke whose jumps cannot be counted (Redfield or explicit
            Lindblad generators), or a cycle whose measured map has no unique limit cycle.
    """
    if not isinstance(cycle, Cycle):
        raise TypeError(
            f"`cycle` must be a Cycle; got {type(cycle).__name__}. Wrap strokes in Cycle([...])."
        )
    batch, points = _reduce(cycle, degeneracy_tol)
    channels: list[str] = [WORK]
    temps: dict[str, list[float]] = {}
    for st in points[0]:
        for c in st.channels:
            if c not in channels:
                channels.append(c)
    d = cycle.dim
    rhos = []
    for strokes in points:
        for k in {k for s in strokes for k in s.temperatures}:
            temps.setdefault(k, []).append(
                next(s.temperatures[k] for s in strokes if k in s.temperatures)
            )
        M0 = np.eye(d * d, dtype=np.complex128)
        for s in strokes:
            M0 = s.measure(True, 0.0) @ s.S @ s.measure(False, 0.0) @ M0
        K = _bordered(M0, d)
        rhs = np.zeros(d * d, dtype=np.complex128)
        rhs[0] = 1.0
        with np.errstate(all="ignore"):
            try:
                v = np.linalg.solve(K, rhs)
                ok = bool(np.linalg.cond(K) < 1e12)
            except np.linalg.LinAlgError:
                ok = False
        if not ok:
            raise ValueError(
                "the measured cycle map has no unique limit cycle (eigenvalue 1 degenerate); "
                "add a bath that connects every energy level."
            )
        rho = v.reshape(d, d, order="F")
        rhos.append(0.5 * (rho + np.conj(rho).T))
    rho_arr = np.asarray(rhos).reshape(*batch, d, d)
    T_out: dict[str, Any] = {
        k: (float(v[0]) if not batch else np.asarray(v).reshape(batch)) for k, v in temps.items()
    }
    return CycleStatistics(cycle, tuple(channels), T_out, rho_arr, batch, points)
