"""Layer 3: master equations (local, global, Redfield, explicit Lindblad), steady states, evolution."""

from .evolve import Evolution as Evolution, evolve as evolve, propagator as propagator
from .master import (
    KINDS as KINDS,
    MasterEquation as MasterEquation,
    lindblad as lindblad,
    master_equation as master_equation,
)
from .steady import SteadyState as SteadyState, steady_state as steady_state

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
