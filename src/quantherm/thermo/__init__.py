"""Layer 4: the thermodynamic ledger and law checks."""

from .ledger import (
    LawChecks as LawChecks,
)
from .ledger import (
    Ledger as Ledger,
)
from .ledger import (
    TrajectoryLedger as TrajectoryLedger,
)
from .ledger import (
    check_laws as check_laws,
)
from .ledger import (
    steady_state_ledger as steady_state_ledger,
)
from .ledger import (
    trajectory_ledger as trajectory_ledger,
)

__all__ = [
    "LawChecks",
    "Ledger",
    "TrajectoryLedger",
    "check_laws",
    "steady_state_ledger",
    "trajectory_ledger",
]
