"""Layer 5: continuous machines (here) and stroke machines (`quantherm.machines.stroke`)."""

from .continuous import (
    ContinuousMachine as ContinuousMachine,
    MachineEvolution as MachineEvolution,
    MachineSteadyState as MachineSteadyState,
)

__all__ = ["ContinuousMachine", "MachineEvolution", "MachineSteadyState"]
