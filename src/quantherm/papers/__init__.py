"""Layer 8: one module per reproduced result; each defines ``REPRODUCTION``."""

from .base import (
    Claim as Claim,
)
from .base import (
    Parameter as Parameter,
)
from .base import (
    Report as Report,
)
from .base import (
    Reproduction as Reproduction,
)
from .base import (
    all_reproductions as all_reproductions,
)
from .base import (
    claim_close as claim_close,
)
from .base import (
    claim_table as claim_table,
)
from .base import (
    claim_true as claim_true,
)
from .base import (
    get_reproduction as get_reproduction,
)
from .base import (
    registry_errors as registry_errors,
)

__all__ = [
    "Claim",
    "Parameter",
    "Report",
    "Reproduction",
    "all_reproductions",
    "claim_close",
    "claim_table",
    "claim_true",
    "get_reproduction",
    "registry_errors",
]
