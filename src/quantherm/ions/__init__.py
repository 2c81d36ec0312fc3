"""Trapped-ion chains: normal modes, spin-phonon models and their exact dynamics.

* `crystal`: equilibrium positions and axial/radial normal modes of a linear Coulomb
  crystal (mixed masses, SI <-> reduced units, zig-zag check).
* `models`: red-sideband exchange model (conserves the excitation number) and the
  sigma_z spin-dependent-force model.
* `exchange`: exact sector-decomposition solver with thermal phonons; infinite-time
  averages, temporal fluctuations, effective dimension, microcanonical predictions.
* `dephasing`: closed-form coherence of the sigma_z model.
* `truncated`: Fock-truncated fallback with cutoff convergence; full Lamb-Dicke model.
* `analysis`: canonical value, spin temperature, golden rule, revival detection.
"""

from .analysis import (
    Revival as Revival,
)
from .analysis import (
    canonical_p_up as canonical_p_up,
)
from .analysis import (
    detect_revival as detect_revival,
)
from .analysis import (
    effective_spin_temperature as effective_spin_temperature,
)
from .analysis import (
    golden_rule_rate as golden_rule_rate,
)
from .analysis import (
    revival_time as revival_time,
)
from .analysis import (
    temporal_statistics as temporal_statistics,
)
from .crystal import (
    AMU as AMU,
)
from .crystal import (
    LinearCrystal as LinearCrystal,
)
from .crystal import (
    equilibrium_positions as equilibrium_positions,
)
from .crystal import (
    lamb_dicke_parameter as lamb_dicke_parameter,
)
from .crystal import (
    length_unit as length_unit,
)
from .crystal import (
    linear_crystal as linear_crystal,
)
from .crystal import (
    linear_crystal_si as linear_crystal_si,
)
from .dephasing import dephasing_coherence as dephasing_coherence
from .exchange import (
    ExchangeResult as ExchangeResult,
)
from .exchange import (
    solve_exchange as solve_exchange,
)
from .exchange import (
    thermal_sector_weights as thermal_sector_weights,
)
from .models import (
    DephasingModel as DephasingModel,
)
from .models import (
    ExchangeModel as ExchangeModel,
)
from .models import (
    chain_exchange_model as chain_exchange_model,
)
from .models import (
    comb_exchange_model as comb_exchange_model,
)
from .sectors import sector_dimension as sector_dimension
from .truncated import (
    FullLambDickeModel as FullLambDickeModel,
)
from .truncated import (
    averaged_effective_dimension as averaged_effective_dimension,
)
from .truncated import (
    spin_observable_truncated as spin_observable_truncated,
)
from .truncated import (
    thermal_phonon_weights as thermal_phonon_weights,
)
from .truncated import (
    truncated_hamiltonian as truncated_hamiltonian,
)

__all__ = [
    "AMU",
    "DephasingModel",
    "ExchangeModel",
    "ExchangeResult",
    "FullLambDickeModel",
    "LinearCrystal",
    "Revival",
    "averaged_effective_dimension",
    "canonical_p_up",
    "chain_exchange_model",
    "comb_exchange_model",
    "dephasing_coherence",
    "detect_revival",
    "effective_spin_temperature",
    "equilibrium_positions",
    "golden_rule_rate",
    "lamb_dicke_parameter",
    "length_unit",
    "linear_crystal",
    "linear_crystal_si",
    "revival_time",
    "sector_dimension",
    "solve_exchange",
    "spin_observable_truncated",
    "temporal_statistics",
    "thermal_phonon_weights",
    "thermal_sector_weights",
    "truncated_hamiltonian",
]
