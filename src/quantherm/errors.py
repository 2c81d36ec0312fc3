"""Exception and warning types of quantherm.

`ConvergenceError` is raised when a solver cannot deliver a trustworthy answer (it states
the residual); `ThermodynamicConsistencyWarning` is emitted when a result breaks a law of
thermodynamics (it says what happened and names the fix).
"""

from __future__ import annotations

__all__ = ["ConvergenceError", "ThermodynamicConsistencyWarning"]


class ConvergenceError(RuntimeError):
    """A solver did not converge, or its answer fails its own residual check."""


class ThermodynamicConsistencyWarning(UserWarning):
    """A model or result violates a law of thermodynamics (e.g. negative entropy production)."""
