"""Stroke machines: strokes, cycles, limit cycles and their ledgers; ready-made engines.

A cyclic machine is a `Cycle` of strokes (`UnitaryStroke`, `QuenchStroke`, `BathStroke`,
`DephasingStroke`, `MapStroke`); `limit_cycle(cycle)` returns its periodic state, the
spectrum of the one-cycle map and a per-stroke energy and entropy ledger. Everything is
batched over leading parameter axes (e.g. a sweep of stroke durations).

Sign convention (docs/conventions.md): energy into the system is positive; an engine has W < 0.
"""

from .cycle import (
    Cycle as Cycle,
    LimitCycle as LimitCycle,
    NonUniqueLimitCycleWarning as NonUniqueLimitCycleWarning,
    StrokeLedger as StrokeLedger,
    limit_cycle as limit_cycle,
    match_eigenvalues as match_eigenvalues,
)
from .engines import (
    carnot_cycle as carnot_cycle,
    multilevel_otto_cycle as multilevel_otto_cycle,
    oscillator_otto_cycle as oscillator_otto_cycle,
    otto_cycle as otto_cycle,
    qubit_otto_cycle as qubit_otto_cycle,
)
from .equivalence import (
    EngineComparison as EngineComparison,
    EngineGenerators as EngineGenerators,
    compare_engines as compare_engines,
    continuous_engine as continuous_engine,
    dephased as dephased,
    four_stroke_engine as four_stroke_engine,
    stochastic_work_bound as stochastic_work_bound,
    two_stroke_engine as two_stroke_engine,
)
from .models import (
    nv_continuous_power as nv_continuous_power,
    nv_qubit_generators as nv_qubit_generators,
    nv_theta_star as nv_theta_star,
    nv_two_stroke_work as nv_two_stroke_work,
    swap_engine_continuous_power as swap_engine_continuous_power,
    swap_engine_generators as swap_engine_generators,
)
from .strokes import (
    BathStroke as BathStroke,
    DephasingStroke as DephasingStroke,
    MapStroke as MapStroke,
    QuenchStroke as QuenchStroke,
    Stroke as Stroke,
    UnitaryStroke as UnitaryStroke,
    choi_matrix as choi_matrix,
)

__all__ = [
    "BathStroke",
    "Cycle",
    "DephasingStroke",
    "EngineComparison",
    "EngineGenerators",
    "LimitCycle",
    "MapStroke",
    "NonUniqueLimitCycleWarning",
    "QuenchStroke",
    "Stroke",
    "StrokeLedger",
    "UnitaryStroke",
    "carnot_cycle",
    "choi_matrix",
    "compare_engines",
    "continuous_engine",
    "dephased",
    "four_stroke_engine",
    "limit_cycle",
    "match_eigenvalues",
    "multilevel_otto_cycle",
    "nv_continuous_power",
    "nv_qubit_generators",
    "nv_theta_star",
    "nv_two_stroke_work",
    "oscillator_otto_cycle",
    "otto_cycle",
    "qubit_otto_cycle",
    "stochastic_work_bound",
    "swap_engine_continuous_power",
    "swap_engine_generators",
    "two_stroke_engine",
]
