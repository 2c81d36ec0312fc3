"""Layer 5: continuous machines (here) and stroke machines (`quantherm.machines.stroke`)."""

from .continuous import (
    ContinuousMachine as ContinuousMachine,
)
from .continuous import (
    MachineEvolution as MachineEvolution,
)
from .continuous import (
    MachineSteadyState as MachineSteadyState,
)

__all__ = ["ContinuousMachine", "MachineEvolution", "MachineSteadyState"]
