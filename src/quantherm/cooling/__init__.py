"""Layer 6: cooling — heat-bath algorithmic cooling (HBAC) of qubit registers.

`hbac_steps` (channels on populations and density matrices), `hbac_protocols` (rounds,
runner, ledger), `hbac_limits` (closed-form limits), `hbac_search` (optimal permutation
search for small registers), `hbac_strokes` (steps and rounds as strokes and cycles of
`quantherm.machines.stroke`).
"""

from .hbac_limits import (
    hbac_asymptotic_polarizations as hbac_asymptotic_polarizations,
)
from .hbac_limits import (
    hbac_asymptotic_state as hbac_asymptotic_state,
)
from .hbac_limits import (
    hbac_limit as hbac_limit,
)
from .hbac_limits import (
    hbac_limit_spectrum as hbac_limit_spectrum,
)
from .hbac_limits import (
    noe_limit as noe_limit,
)
from .hbac_limits import (
    pair_reset_limit as pair_reset_limit,
)
from .hbac_limits import (
    pair_reset_zq_limit as pair_reset_zq_limit,
)
from .hbac_limits import (
    ppa_limit as ppa_limit,
)
from .hbac_protocols import (
    HBACProtocol as HBACProtocol,
)
from .hbac_protocols import (
    HBACResult as HBACResult,
)
from .hbac_protocols import (
    noe_protocol as noe_protocol,
)
from .hbac_protocols import (
    pair_reset_protocol as pair_reset_protocol,
)
from .hbac_protocols import (
    polarizations as polarizations,
)
from .hbac_protocols import (
    ppa_pair_reset_protocol as ppa_pair_reset_protocol,
)
from .hbac_protocols import (
    ppa_protocol as ppa_protocol,
)
from .hbac_protocols import (
    rounds_to_fraction as rounds_to_fraction,
)
from .hbac_protocols import (
    run_hbac as run_hbac,
)
from .hbac_steps import (
    AbstractStep as AbstractStep,
)
from .hbac_steps import (
    CrossRelaxation as CrossRelaxation,
)
from .hbac_steps import (
    Permutation as Permutation,
)
from .hbac_steps import (
    Reset as Reset,
)
from .hbac_steps import (
    SortCompression as SortCompression,
)
from .hbac_steps import (
    SortedPairPlacement as SortedPairPlacement,
)
from .hbac_steps import (
    Unitary as Unitary,
)
from .hbac_steps import (
    flip as flip,
)
from .hbac_steps import (
    three_qubit_compression as three_qubit_compression,
)
from .hbac_strokes import (
    hbac_cycle as hbac_cycle,
)
from .hbac_strokes import (
    hbac_entropy_production as hbac_entropy_production,
)
from .hbac_strokes import (
    register_hamiltonian as register_hamiltonian,
)
from .hbac_strokes import (
    step_stroke as step_stroke,
)

__all__ = [
    "AbstractStep",
    "CrossRelaxation",
    "HBACProtocol",
    "HBACResult",
    "Permutation",
    "Reset",
    "SortCompression",
    "SortedPairPlacement",
    "Unitary",
    "flip",
    "hbac_asymptotic_polarizations",
    "hbac_asymptotic_state",
    "hbac_cycle",
    "hbac_entropy_production",
    "hbac_limit",
    "hbac_limit_spectrum",
    "noe_limit",
    "noe_protocol",
    "pair_reset_limit",
    "pair_reset_protocol",
    "pair_reset_zq_limit",
    "polarizations",
    "ppa_limit",
    "ppa_pair_reset_protocol",
    "ppa_protocol",
    "register_hamiltonian",
    "rounds_to_fraction",
    "run_hbac",
    "step_stroke",
    "three_qubit_compression",
]
