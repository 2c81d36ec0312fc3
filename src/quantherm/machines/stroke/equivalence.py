r"""Two-stroke, four-stroke and continuous engines from the same generators (Uzdin-Levy-Kosloff).

Setting (R. Uzdin, A. Levy & R. Kosloff, PRX 5, 031044 (2015), DOI 10.1103/PhysRevX.5.031044):
a bare Hamiltonian H0, a work field H_w in the interaction picture of H0 (rotating-wave,
so -i[H_w, .] is time independent), and bath channels L_k acting on disjoint manifolds.
Energies are always booked with H0. With per-cycle actions θ = ε τ (work) and κ_k = γ_k τ
(baths) held equal, the engines' one-cycle maps are

    continuous:  exp(τ (L_w + sum_k L_k))
    two-stroke:  exp(τ L_w) exp(τ sum_k L_k)                (each stroke τ/2 at twice the strength)
    four-stroke: exp(τ/2 L_w) exp(τ L_2) exp(τ/2 L_w) exp(τ L_1)   (each stroke τ/4, 4x strength
                                                             for baths, 2x for the work field)

which agree to O(s^3) in the action s = τ (||H_w|| + sum_k ||L_k||) (Strang splitting):
work, heat and cycle-map eigenvalues coincide up to O(s^3), relative differences O(s^2).

Stochastic engines are dephased in the H0 eigenbasis before each work stroke. Their
work per cycle is bounded by the full-reset extraction

    W_stoch <= Tr[H0 rho_b] - Tr[H0 U rho_b U^dag],   U = exp(-i H_w τ),

with rho_b the fixed point of the bath generator: for small action this bound is
O(θ^2), while the coherent engine extracts O(θ); beating it certifies coherence.

Sign convention (docs/conventions.md): the `LimitCycle` ledgers use energy into the system
> 0; `stochastic_work_bound` returns *extracted* work (> 0 for an engine).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..._checks import ComplexArray, FloatArray, as_array, check_hermitian, check_positive
from ...baths import Bath
from ...dynamics.master import MasterEquation, lindblad
from ...dynamics.steady import steady_state
from .cycle import Cycle, LimitCycle, limit_cycle, match_eigenvalues
from .strokes import BathStroke, DephasingStroke, Stroke, UnitaryStroke

__all__ = [
    "EngineComparison",
    "EngineGenerators",
    "compare_engines",
    "continuous_engine",
    "dephased",
    "four_stroke_engine",
    "stochastic_work_bound",
    "two_stroke_engine",
]

Jump = tuple[Any, Any]


@dataclass(frozen=True, kw_only=True, eq=False)
class EngineGenerators:
    r"""The generators shared by the three engine types (rotating frame of H0).

    Attributes:
        H0: bare Hamiltonian (d, d): books every energy.
        H_drive: work Hamiltonian at its physical strength (e.g. ε(|10><01| + h.c.)),
            in the interaction picture of H0 (time independent, RWA).
        channels: bath channel name -> list of (L, rate) jump operators with their
            physical rates (channel order = stroke order of the four-stroke engine).
        baths: channel name -> `Bath` for thermal channels (temperature for the ledger).
    """

    H0: Any
    H_drive: Any
    channels: Mapping[str, Sequence[Jump]]
    baths: Mapping[str, Bath] = field(default_factory=dict)

    def __post_init__(self) -> None:
        H0 = check_hermitian(self.H0, "H0")
        Hd = check_hermitian(self.H_drive, "H_drive")
        d = H0.shape[-1]
        if Hd.shape[-1] != d:
            raise ValueError(
                f"`H_drive` must act on the Hilbert space of `H0` (dimension {d}); "
                f"got {Hd.shape[-1]}."
            )
        if not isinstance(self.channels, Mapping) or not self.channels:
            raise ValueError("`channels` must map at least one channel name to its jump operators.")
        chans: dict[str, list[tuple[ComplexArray, FloatArray]]] = {}
        for name, jumps in self.channels.items():
            lst = []
            for j, (L, r) in enumerate(jumps):
                Lm = as_array(L, f"channels[{name!r}][{j}]")
                if Lm.shape[-2:] != (d, d):
                    raise ValueError(
                        f"`channels[{name!r}][{j}]` must be a ({d}, {d}) operator; "
                        f"got shape {Lm.shape}."
                    )
                lst.append(
                    (Lm, check_positive(r, f"rate of channels[{name!r}][{j}]", allow_zero=True))
                )
            chans[name] = lst
        for name in self.baths:
            if name not in chans:
                raise ValueError(
                    f"`baths` names {name!r}, which is not a channel; channels are {sorted(chans)}."
                )
        object.__setattr__(self, "H0", H0)
        object.__setattr__(self, "H_drive", Hd)
        object.__setattr__(self, "channels", chans)
        object.__setattr__(self, "baths", dict(self.baths))

    @property
    def dim(self) -> int:
        return int(self.H0.shape[-1])

    def master(
        self, *, drive: float, bath: float, only: Sequence[str] | None = None
    ) -> MasterEquation:
        """Master equation with `drive` x H_drive and `bath` x every rate (of channels `only`)."""
        names = list(self.channels) if only is None else list(only)
        jumps = {k: [(L, bath * r) for L, r in self.channels[k]] for k in names}
        return lindblad(
            drive * self.H_drive,
            jumps,
            baths={k: b for k, b in self.baths.items() if k in names},
            H_energy=self.H0,
        )

    def action(self, tau: Any) -> FloatArray:
        """R1's engine action s = τ (||H_drive|| + sum_k sum_j r_kj ||L_kj||^2) (operator norms)."""
        a = np.max(np.abs(np.linalg.eigvalsh(self.H_drive)), axis=-1)
        for lst in self.channels.values():
            for L, r in lst:
                a = a + r * np.linalg.svd(L, compute_uv=False)[..., 0] ** 2
        return np.asarray(a * np.asarray(tau, dtype=float))


def continuous_engine(gen: EngineGenerators, tau: Any) -> Cycle:
    """Continuous engine: drive and all baths on at once for a 'cycle' time τ (map exp(τ L))."""
    return Cycle(
        (BathStroke(master=gen.master(drive=1.0, bath=1.0), duration=tau, name="continuous"),),
        name="continuous",
    )


def two_stroke_engine(gen: EngineGenerators, tau: Any) -> Cycle:
    """Two-stroke engine: work stroke (τ/2, drive x2) then all baths together (τ/2, rates x2)."""
    t = np.asarray(check_positive(tau, "tau"), dtype=float)
    return Cycle(
        (
            UnitaryStroke(H=2.0 * gen.H_drive, duration=t / 2, H_energy=gen.H0, name="work"),
            BathStroke(master=gen.master(drive=0.0, bath=2.0), duration=t / 2, name="baths"),
        ),
        name="two-stroke",
    )


def four_stroke_engine(gen: EngineGenerators, tau: Any) -> Cycle:
    """Four-stroke engine: bath 1, work, bath 2, work; each τ/4 (rates x4, drive x2)."""
    names = list(gen.channels)
    if len(names) != 2:
        raise ValueError(
            f"the four-stroke engine needs exactly two bath channels (hot, cold); got {names}."
        )
    t = np.asarray(check_positive(tau, "tau"), dtype=float)
    strokes: list[Stroke] = []
    for k, name in enumerate(names):
        strokes.append(
            BathStroke(
                master=gen.master(drive=0.0, bath=4.0, only=[name]),
                duration=t / 4,
                name=f"{name} bath",
            )
        )
        strokes.append(
            UnitaryStroke(
                H=2.0 * gen.H_drive, duration=t / 4, H_energy=gen.H0, name=f"work {k + 1}"
            )
        )
    return Cycle(tuple(strokes), name="four-stroke")


def dephased(cycle: Cycle, H: Any, *, before: Sequence[int] | None = None) -> Cycle:
    """The stochastic version of `cycle`: full dephasing in the eigenbasis of H (e.g. H0).

    Args:
        cycle: the coherent cycle.
        H: Hamiltonian whose eigenbasis is dephased (the bare H0).
        before: indices of the strokes preceded by a dephasing stroke (default: every
            `UnitaryStroke`, i.e. every work stroke).
    """
    idx = (
        [i for i, s in enumerate(cycle.strokes) if isinstance(s, UnitaryStroke)]
        if before is None
        else [int(i) for i in before]
    )
    for i in idx:
        if not 0 <= i < len(cycle.strokes):
            raise ValueError(
                f"`before` index {i} is out of range for a cycle of {len(cycle.strokes)} strokes."
            )
    out: list[Stroke] = []
    for i, s in enumerate(cycle.strokes):
        if i in idx:
            out.append(DephasingStroke(H=H, name=f"dephasing before {s.name}"))
        out.append(s)
    return Cycle(tuple(out), name=f"{cycle.name} (dephased)")


def stochastic_work_bound(gen: EngineGenerators, tau: Any) -> FloatArray:
    r"""Maximum work per cycle extracted by any stochastic engine with the same work stroke.

    W_max = Tr[H0 rho_b] - Tr[H0 U rho_b U^dag], U = exp(-i H_drive τ) (work action θ = ε τ),
    rho_b the fixed point of the bath generator sum_k L_k (full reset). Returns extracted
    work (> 0 for an engine), batched over τ.
    """
    t = np.asarray(check_positive(tau, "tau"), dtype=float)
    rho_b = steady_state(gen.master(drive=0.0, bath=1.0)).rho
    e, V = np.linalg.eigh(gen.H_drive)
    U = (V * np.exp(-1j * e * t[..., None])[..., None, :]) @ np.conj(np.swapaxes(V, -1, -2))
    out = U @ rho_b @ np.conj(np.swapaxes(U, -1, -2))
    E0 = np.real(np.einsum("...ij,...ji->...", gen.H0, rho_b))
    E1 = np.real(np.einsum("...ij,...ji->...", gen.H0, out))
    return np.asarray(E0 - E1)


@dataclass(frozen=True, eq=False)
class EngineComparison:
    """The three engines at equal per-cycle action, side by side (batched over τ).

    Attributes:
        tau: cycle times.
        action: R1's action s per cycle.
        engines: "continuous", "two_stroke", "four_stroke" (if two channels) -> `LimitCycle`.
        spectra: engine -> cycle-map eigenvalues (..., d^2), by decreasing modulus.
        eigenvalue_difference: engine -> max |λ - μ| over eigenvalues matched (Hungarian
            assignment) against the continuous engine's.
    """

    tau: FloatArray
    action: FloatArray
    engines: dict[str, LimitCycle]
    spectra: dict[str, ComplexArray]
    eigenvalue_difference: dict[str, FloatArray]

    @property
    def work(self) -> dict[str, FloatArray]:
        """Work per cycle (> 0 into the system; engines have W < 0)."""
        return {k: v.work for k, v in self.engines.items()}

    @property
    def power(self) -> dict[str, FloatArray]:
        """Power W/τ (> 0 into the system)."""
        return {k: v.power for k, v in self.engines.items()}

    @property
    def heat(self) -> dict[str, dict[str, FloatArray]]:
        """Heat per channel per cycle (> 0 into the system)."""
        return {k: v.heat for k, v in self.engines.items()}


def compare_engines(gen: EngineGenerators, tau: Any, *, spectra: bool = True) -> EngineComparison:
    """Continuous, two-stroke and four-stroke engines from `gen` at equal action, side by side.

    Args:
        gen: the shared generators.
        tau: cycle time(s) (array: a sweep).
        spectra: also compute and match the cycle-map spectra.
    """
    t = np.asarray(check_positive(tau, "tau"), dtype=float)
    engines = {
        "continuous": limit_cycle(continuous_engine(gen, t)),
        "two_stroke": limit_cycle(two_stroke_engine(gen, t)),
    }
    if len(gen.channels) == 2:
        engines["four_stroke"] = limit_cycle(four_stroke_engine(gen, t))
    spec: dict[str, ComplexArray] = {}
    diff: dict[str, FloatArray] = {}
    if spectra:
        spec = {k: v.spectrum() for k, v in engines.items()}
        for k in spec:
            if k != "continuous":
                diff[k] = match_eigenvalues(spec["continuous"], spec[k])[1]
    return EngineComparison(t, gen.action(t), engines, spec, diff)
