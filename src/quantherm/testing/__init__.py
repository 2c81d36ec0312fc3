"""Public testing helpers: hypothesis strategies and conformance checks for machines.

`quantherm.testing.strategies` needs hypothesis (the `dev` extra); `check_continuous_machine`
needs nothing beyond quantherm itself.
"""

from .conformance import (
    MachineCheckError as MachineCheckError,
)
from .conformance import (
    check_continuous_machine as check_continuous_machine,
)

__all__ = ["MachineCheckError", "check_continuous_machine"]
