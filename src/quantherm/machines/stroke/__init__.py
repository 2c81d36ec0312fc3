"""Stroke machines: strokes, cycles, limit cycles and their ledgers; ready-made engines.

A cyclic machine is a `Cycle` of strokes (`UnitaryStroke`, `QuenchStroke`,
`AdiabaticStroke`, `BathStroke` (optionally with a time-dependent drive),
`DephasingStroke`, `MapStroke`, `IsothermalStroke`); `limit_cycle(cycle)`
returns its periodic state, the
spectrum of the one-cycle map and a per-stroke energy and entropy ledger. Everything is
batched over leading parameter axes (e.g. a sweep of stroke durations).
`subsystem_ledger(lc, hamiltonians, dims)` splits the energy and entropy of a limit cycle
by subsystem (e.g. system and memory).

Sign convention (docs/conventions.md): energy into the system is positive; an engine has W < 0.
"""

from .cycle import (
    Cycle as Cycle,
)
from .cycle import (
    LimitCycle as LimitCycle,
)
from .cycle import (
    NonUniqueLimitCycleWarning as NonUniqueLimitCycleWarning,
)
from .cycle import (
    StrokeLedger as StrokeLedger,
)
from .cycle import (
    limit_cycle as limit_cycle,
)
from .cycle import (
    match_eigenvalues as match_eigenvalues,
)
from .engines import (
    carnot_cycle as carnot_cycle,
)
from .engines import (
    multilevel_otto_cycle as multilevel_otto_cycle,
)
from .engines import (
    oscillator_otto_cycle as oscillator_otto_cycle,
)
from .engines import (
    otto_cycle as otto_cycle,
)
from .engines import (
    qubit_otto_cycle as qubit_otto_cycle,
)
from .equivalence import (
    EngineComparison as EngineComparison,
)
from .equivalence import (
    EngineGenerators as EngineGenerators,
)
from .equivalence import (
    compare_engines as compare_engines,
)
from .equivalence import (
    continuous_engine as continuous_engine,
)
from .equivalence import (
    dephased as dephased,
)
from .equivalence import (
    four_stroke_engine as four_stroke_engine,
)
from .equivalence import (
    stochastic_work_bound as stochastic_work_bound,
)
from .equivalence import (
    two_stroke_engine as two_stroke_engine,
)
from .models import (
    nv_continuous_power as nv_continuous_power,
)
from .models import (
    nv_qubit_generators as nv_qubit_generators,
)
from .models import (
    nv_theta_star as nv_theta_star,
)
from .models import (
    nv_two_stroke_work as nv_two_stroke_work,
)
from .models import (
    swap_engine_continuous_power as swap_engine_continuous_power,
)
from .models import (
    swap_engine_generators as swap_engine_generators,
)
from .strokes import (
    AdiabaticStroke as AdiabaticStroke,
)
from .strokes import (
    BathStroke as BathStroke,
)
from .strokes import (
    DephasingStroke as DephasingStroke,
)
from .strokes import (
    IsothermalStroke as IsothermalStroke,
)
from .strokes import (
    MapStroke as MapStroke,
)
from .strokes import (
    QuenchStroke as QuenchStroke,
)
from .strokes import (
    Stroke as Stroke,
)
from .strokes import (
    UnitaryStroke as UnitaryStroke,
)
from .strokes import (
    choi_matrix as choi_matrix,
)
from .subsystems import (
    SubsystemLedger as SubsystemLedger,
)
from .subsystems import (
    subsystem_ledger as subsystem_ledger,
)

__all__ = [
    "AdiabaticStroke",
    "BathStroke",
    "Cycle",
    "DephasingStroke",
    "EngineComparison",
    "EngineGenerators",
    "IsothermalStroke",
    "LimitCycle",
    "MapStroke",
    "NonUniqueLimitCycleWarning",
    "QuenchStroke",
    "Stroke",
    "StrokeLedger",
    "SubsystemLedger",
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
    "subsystem_ledger",
    "swap_engine_continuous_power",
    "swap_engine_generators",
    "two_stroke_engine",
]
