"""Conformance checks that every continuous machine must pass (the laws as tests).

`check_continuous_machine(factory, params)` rebuilds the machine from a factory
(keyword parameters -> `ContinuousMachine`) and checks, at the given parameters:

1. the steady state is a density matrix (Hermitian, PSD, unit trace);
2. the first law: dU/dt = sum_k J_k + P = 0 in the steady state;
3. the second law: entropy production >= 0 (global master equation: always);
4. the Carnot bounds: an engine's efficiency <= 1 - T_min/T_max;
5. equilibrium: with every bath at one temperature, no heat flows and no power is produced.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from ..machines.continuous import ContinuousMachine

__all__ = ["MachineCheckError", "check_continuous_machine"]


class MachineCheckError(AssertionError):
    """A machine failed a conformance check (the message names the law)."""


def check_continuous_machine(
    factory: Callable[..., ContinuousMachine],
    params: Mapping[str, Any],
    *,
    temperature_keys: Sequence[str],
    atol: float = 1e-10,
    equilibrium: bool = True,
) -> dict[str, float]:
    """Run the conformance checks; return the measured residuals, raise on a violation.

    Args:
        factory: builds the machine from keyword parameters.
        params: parameters at which to check.
        temperature_keys: the parameters that are bath temperatures (set equal for the
            equilibrium check).
        atol: absolute tolerance, relative to the largest heat current.
        equilibrium: also run the equal-temperature check (skip for driven machines, whose
            drive does work at any temperature).

    Raises:
        MachineCheckError: naming the law that failed and by how much.
    """
    res = factory(**params).steady_state(warn=False)
    led = res.ledger
    J = np.array([float(np.max(np.abs(v))) for v in led.heat.values()])
    scale = max(1e-300, float(np.max(J, initial=0.0)))
    out: dict[str, float] = {}
    rho = np.asarray(res.rho)
    herm = float(np.max(np.abs(rho - np.conj(np.swapaxes(rho, -1, -2)))))
    lam = float(np.min(np.linalg.eigvalsh(0.5 * (rho + np.conj(np.swapaxes(rho, -1, -2))))))
    tr = float(np.max(np.abs(np.trace(rho, axis1=-2, axis2=-1) - 1)))
    out.update(hermiticity=herm, min_eigenvalue=lam, trace_error=tr)
    if herm > 1e-10 or lam < -1e-9 or tr > 1e-10:
        raise MachineCheckError(
            f"steady state is not a density matrix: |rho - rho^dag| = {herm:.3g}, "
            f"min eigenvalue {lam:.3g}, |Tr rho - 1| = {tr:.3g}"
        )
    first = float(np.max(np.abs(sum(led.heat.values()) + led.power)))
    out["first_law_residual"] = first / scale
    if first > atol * scale:
        raise MachineCheckError(f"first law: |sum J + P| = {first:.3g} > {atol:g} x {scale:.3g}")
    sigma = float(np.min(led.entropy_production))
    out["min_entropy_production"] = sigma
    if res.solution.master.kind == "global" and sigma < -atol * scale:
        raise MachineCheckError(f"second law: entropy production {sigma:.3g} < 0")
    eta = np.asarray(led.efficiency)
    if np.any(np.isfinite(eta)):
        excess = float(np.nanmax(eta - led.carnot_efficiency))
        out["efficiency_minus_carnot"] = excess
        if excess > 1e-9:
            raise MachineCheckError(f"Carnot bound: efficiency exceeds Carnot by {excess:.3g}")
    if equilibrium:
        T0 = float(np.mean([np.mean(params[k]) for k in temperature_keys]))
        eq = factory(**{**params, **dict.fromkeys(temperature_keys, T0)}).steady_state(warn=False)
        Jeq = max(float(np.max(np.abs(v))) for v in eq.ledger.heat.values())
        Peq = float(np.max(np.abs(eq.ledger.power)))
        out["equilibrium_current"] = Jeq / scale
        if max(Jeq, Peq) > 1e-8 * scale + 1e-15:
            raise MachineCheckError(
                f"equilibrium: at one temperature T = {T0:g} heat still flows "
                f"(max |J| = {Jeq:.3g}, |P| = {Peq:.3g})"
            )
    return out
