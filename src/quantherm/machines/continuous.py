r"""Continuous (autonomous) machines: a Hamiltonian, baths, a master equation, a ledger.

    >>> import numpy as np, quantherm as qh
    >>> H = np.diag([0.0, 1.0])
    >>> hot = qh.Bath(name="hot", T=2.0); cold = qh.Bath(name="cold", T=1.0)
    >>> m = qh.ContinuousMachine(H, [(qh.sigmax(), hot), (qh.sigmax(), cold)])
    >>> res = m.steady_state()
    >>> bool(res.ledger.heat["hot"] > 0 > res.ledger.heat["cold"])
    True

Sign convention: J_k > 0 when bath k heats the system; P > 0 when work is done on it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._checks import ComplexArray, check_choice
from ..dynamics.evolve import Evolution, evolve
from ..dynamics.master import Coupling, MasterEquation, master_equation
from ..dynamics.steady import SteadyState, steady_state
from ..thermo.ledger import (
    LawChecks,
    Ledger,
    TrajectoryLedger,
    check_laws,
    steady_state_ledger,
    trajectory_ledger,
)

__all__ = ["ContinuousMachine", "MachineEvolution", "MachineSteadyState"]


def _entropy_scale(led: Ledger) -> float:
    """Typical size of |J_k / T_k|, the scale of the entropy-production check."""
    vals = [
        np.abs(led.heat[k]) / np.maximum(np.asarray(led.temperatures[k]), 1e-300)
        for k in led.heat
        if k in led.temperatures
    ]
    return float(max((np.max(v, initial=0.0) for v in vals), default=1.0)) or 1.0


@dataclass(frozen=True, eq=False)
class MachineSteadyState:
    """Steady state of a continuous machine with its ledger and law checks."""

    rho: ComplexArray
    ledger: Ledger
    checks: LawChecks
    solution: SteadyState

    def __repr__(self) -> str:
        return (
            f"MachineSteadyState(kind={self.solution.master.kind!r}, d={self.solution.master.d}, "
            f"batch={self.solution.master.batch_shape}, block={self.solution.block_size}, "
            f"residual={self.solution.residual:.1e},\n  {self.ledger!r},\n  "
            f"laws passed={self.checks.passed})"
        )


@dataclass(frozen=True, eq=False)
class MachineEvolution:
    """A trajectory with its ledger (Spohn entropy production at every time) and law checks."""

    times: np.ndarray
    states: ComplexArray
    ledger: TrajectoryLedger
    checks: LawChecks
    solution: Evolution


@dataclass(frozen=True, eq=False)
class ContinuousMachine:
    """An autonomous thermal machine: H, (operator, bath) couplings and a master equation.

    Args:
        H: Hamiltonian (..., d, d) (NumPy or QuTiP); leading axes are a parameter batch.
        couplings: [(A, bath), ...] with Hermitian system operators A.
        kind: "global" (default), "local" (needs H0) or "redfield".
        H0: bare Hamiltonian for the local master equation (its energy books the heat).
        frame: diagonal H_f of a rotating frame in which H is given (see `master_equation`).
    """

    H: Any
    couplings: Sequence[Coupling]
    kind: str = "global"
    H0: Any = None
    frame: Any = None
    _me: list[MasterEquation] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        check_choice(self.kind, "kind", ("global", "local", "redfield"))

    @property
    def master(self) -> MasterEquation:
        """The master equation (built once)."""
        if not self._me:
            self._me.append(
                master_equation(
                    self.H, self.couplings, kind=self.kind, H0=self.H0, frame=self.frame
                )
            )
        return self._me[0]

    def steady_state(self, *, warn: bool = True, **solver: Any) -> MachineSteadyState:
        """Steady state, ledger and law checks; warns on a violated law."""
        ss = steady_state(self.master, **solver)
        led = steady_state_ledger(ss)
        scale = _entropy_scale(led)
        chk = check_laws(
            states=ss.rho,
            first_law_residual=led.first_law_residual,
            entropy_production=led.entropy_production,
            kind=self.kind,
            scale=scale,
            warn=warn,
            entropy_production_full=led.entropy_production_full,
            power=led.power,
        )
        return MachineSteadyState(rho=ss.rho, ledger=led, checks=chk, solution=ss)

    def evolve(
        self,
        rho0: Any,
        times: Any,
        *,
        drive: Callable[[float], Any] | None = None,
        warn: bool = True,
        **options: Any,
    ) -> MachineEvolution:
        """Trajectory from `rho0` with its ledger along the way."""
        ev = evolve(self.master, rho0, times, drive=drive, **options)
        led = trajectory_ledger(ev)
        scale = float(np.max(np.abs(led.energy), initial=1.0))
        chk = check_laws(
            states=ev.states,
            first_law_residual=np.zeros(1),
            entropy_production=led.entropy_production_rate,
            kind=self.kind,
            scale=max(scale, 1.0) * 1e-3,
            warn=warn,
        )
        return MachineEvolution(
            times=ev.times, states=ev.states, ledger=led, checks=chk, solution=ev
        )
