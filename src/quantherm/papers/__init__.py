"""Layer 8: one module per reproduced result; each defines ``REPRODUCTION``."""

from .base import (
    Claim as Claim,
    Parameter as Parameter,
    Report as Report,
    Reproduction as Reproduction,
    all_reproductions as all_reproductions,
    claim_close as claim_close,
    claim_true as claim_true,
    get_reproduction as get_reproduction,
    registry_errors as registry_errors,
)

__all__ = [
    "Claim",
    "Parameter",
    "Report",
    "Reproduction",
    "all_reproductions",
    "claim_close",
    "claim_true",
    "get_reproduction",
    "registry_errors",
]
