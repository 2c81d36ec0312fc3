"""Layer 4: the thermodynamic ledger and law checks."""

from .ledger import (
    LawChecks as LawChecks,
    Ledger as Ledger,
    TrajectoryLedger as TrajectoryLedger,
    check_laws as check_laws,
    steady_state_ledger as steady_state_ledger,
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
