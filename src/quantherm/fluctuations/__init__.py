"""Fluctuations: full counting statistics, uncertainty relations, TPM work statistics, Onsager.

Sign convention (docs/conventions.md): energy into the system is positive.
"""

from .counting import (
    CountingModel as CountingModel,
)
from .counting import (
    Current as Current,
)
from .counting import (
    JumpChannel as JumpChannel,
)
from .counting import (
    counting_lindblad as counting_lindblad,
)
from .counting import (
    counting_machine as counting_machine,
)
from .counting import (
    counting_master_equation as counting_master_equation,
)
from .counting import (
    counting_model as counting_model,
)
from .counting import (
    with_dephasing as with_dephasing,
)
from .cumulants import (
    CurrentStatistics as CurrentStatistics,
)
from .cumulants import (
    current_statistics as current_statistics,
)
from .cumulants import (
    finite_time_cumulants as finite_time_cumulants,
)
from .cumulants import (
    rate_function as rate_function,
)
from .cumulants import (
    scgf as scgf,
)
from .cumulants import (
    tilted_liouvillian as tilted_liouvillian,
)
from .cycles import (
    CycleStatistics as CycleStatistics,
)
from .cycles import (
    cycle_statistics as cycle_statistics,
)
from .cycles import (
    measured_cycle as measured_cycle,
)
from .floquet import (
    FloquetBasis as FloquetBasis,
)
from .floquet import (
    floquet_basis as floquet_basis,
)
from .floquet import (
    floquet_master_equation as floquet_master_equation,
)
from .geometry import (
    ProtocolWork as ProtocolWork,
)
from .geometry import (
    excess_work as excess_work,
)
from .geometry import (
    geodesic_protocol as geodesic_protocol,
)
from .geometry import (
    thermodynamic_length as thermodynamic_length,
)
from .geometry import (
    thermodynamic_metric as thermodynamic_metric,
)
from .onsager import noise_matrix as noise_matrix
from .onsager import onsager_matrix as onsager_matrix
from .reaction_coordinate import (
    ReactionCoordinateModel as ReactionCoordinateModel,
)
from .reaction_coordinate import (
    UnderdampedBath as UnderdampedBath,
)
from .reaction_coordinate import (
    reaction_coordinate as reaction_coordinate,
)
from .schedules import (
    OptimalSchedule as OptimalSchedule,
)
from .schedules import (
    optimize_schedule as optimize_schedule,
)
from .schedules import (
    schedule_work as schedule_work,
)
from .schedules import (
    simulate_schedule as simulate_schedule,
)
from .tpm import (
    OttoCycleStatistics as OttoCycleStatistics,
)
from .tpm import (
    WorkDistribution as WorkDistribution,
)
from .tpm import (
    otto_cycle_statistics as otto_cycle_statistics,
)
from .tpm import (
    tpm_work as tpm_work,
)
from .trajectories import sample_counts as sample_counts

__all__ = [
    "CountingModel",
    "Current",
    "CurrentStatistics",
    "CycleStatistics",
    "FloquetBasis",
    "JumpChannel",
    "OptimalSchedule",
    "OttoCycleStatistics",
    "ProtocolWork",
    "ReactionCoordinateModel",
    "UnderdampedBath",
    "WorkDistribution",
    "counting_lindblad",
    "counting_machine",
    "counting_master_equation",
    "counting_model",
    "current_statistics",
    "cycle_statistics",
    "excess_work",
    "finite_time_cumulants",
    "floquet_basis",
    "floquet_master_equation",
    "geodesic_protocol",
    "measured_cycle",
    "noise_matrix",
    "onsager_matrix",
    "optimize_schedule",
    "otto_cycle_statistics",
    "rate_function",
    "reaction_coordinate",
    "sample_counts",
    "scgf",
    "schedule_work",
    "simulate_schedule",
    "thermodynamic_length",
    "thermodynamic_metric",
    "tilted_liouvillian",
    "tpm_work",
    "with_dephasing",
]
