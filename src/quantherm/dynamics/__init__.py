"""Layer 3: master equations (local, global, Redfield, Lindblad), steady states, evolution."""

from .evolve import Evolution as Evolution
from .evolve import evolve as evolve
from .evolve import propagator as propagator
from .master import (
    KINDS as KINDS,
)
from .master import (
    MasterEquation as MasterEquation,
)
from .master import (
    lindblad as lindblad,
)
from .master import (
    master_equation as master_equation,
)
from .steady import SteadyState as SteadyState
from .steady import steady_state as steady_state

__all__ = [
    "KINDS",
    "Evolution",
    "MasterEquation",
    "SteadyState",
    "evolve",
    "lindblad",
    "master_equation",
    "propagator",
    "steady_state",
]
