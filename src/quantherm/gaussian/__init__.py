"""Layer 6: exact Gaussian (covariance-matrix) thermodynamics of quadratic bosonic systems.

Ordering convention: xpxp, R = (x_1, p_1, ..., x_M, p_M), x = (a + a^dag)/sqrt(2); vacuum
covariance 1/2. See docs/gaussian.md.
"""

from .aguilar_lutz import EfficiencyDecomposition as EfficiencyDecomposition
from .aguilar_lutz import aguilar_lutz_efficiency as aguilar_lutz_efficiency
from .correlated_engine import CorrelatedEngineResult as CorrelatedEngineResult
from .correlated_engine import correlated_pair_covariance as correlated_pair_covariance
from .correlated_engine import run_correlated_engine as run_correlated_engine
from .covariance import check_covariance as check_covariance
from .covariance import energy as energy
from .covariance import entropy as entropy
from .covariance import is_physical as is_physical
from .covariance import mean_occupations as mean_occupations
from .covariance import modes_block as modes_block
from .covariance import mutual_information as mutual_information
from .covariance import relative_entropy_thermal as relative_entropy_thermal
from .covariance import symplectic_eigenvalues as symplectic_eigenvalues
from .covariance import symplectic_form as symplectic_form
from .covariance import thermal_covariance as thermal_covariance
from .covariance import thermal_state_of as thermal_state_of
from .covariance import vacuum_covariance as vacuum_covariance
from .covariance import williamson as williamson
from .exact import drude_self_energy as drude_self_energy
from .exact import exact_two_oscillator_current as exact_two_oscillator_current
from .exact import two_oscillator_spectral_density as two_oscillator_spectral_density
from .fermionic import FermionicBath as FermionicBath
from .fermionic import XXChainResult as XXChainResult
from .fermionic import fermionic_steady_state as fermionic_steady_state
from .fermionic import xx_chain_steady_state as xx_chain_steady_state
from .floquet import DrivenTwoOscillatorFridge as DrivenTwoOscillatorFridge
from .floquet import FridgeCurrents as FridgeCurrents
from .fock import fock_hamiltonian as fock_hamiltonian
from .fock import fock_local_jumps as fock_local_jumps
from .fock import fock_quadratures as fock_quadratures
from .lyapunov import GaussianOpenSystem as GaussianOpenSystem
from .lyapunov import check_stable as check_stable
from .lyapunov import global_dissipator as global_dissipator
from .lyapunov import local_dissipator as local_dissipator
from .lyapunov import lyapunov_steady_state as lyapunov_steady_state
from .rwa_fridge import rwa_fridge_currents as rwa_fridge_currents
from .rwa_fridge import rwa_fridge_t_min as rwa_fridge_t_min
from .squeezed_otto import squeezed_otto_efficiency_high_t as squeezed_otto_efficiency_high_t
from .squeezed_otto import squeezed_otto_efficiency_max as squeezed_otto_efficiency_max
from .squeezed_otto import (
    squeezed_otto_efficiency_max_power as squeezed_otto_efficiency_max_power,
)
from .squeezed_otto import squeezed_otto_work as squeezed_otto_work
from .strokes import GaussianBathStroke as GaussianBathStroke
from .strokes import GaussianCycle as GaussianCycle
from .strokes import GaussianLimitCycle as GaussianLimitCycle
from .strokes import GaussianMapStroke as GaussianMapStroke
from .strokes import GaussianQuenchStroke as GaussianQuenchStroke
from .strokes import GaussianStroke as GaussianStroke
from .strokes import GaussianStrokeLedger as GaussianStrokeLedger
from .strokes import GaussianUnitaryStroke as GaussianUnitaryStroke
from .strokes import check_gaussian_channel as check_gaussian_channel
from .strokes import coupled_oscillators_otto_cycle as coupled_oscillators_otto_cycle
from .strokes import gaussian_limit_cycle as gaussian_limit_cycle
from .strokes import gaussian_oscillator_otto_cycle as gaussian_oscillator_otto_cycle
from .strokes import gaussian_otto_cycle as gaussian_otto_cycle
from .strokes import squeezed_otto_cycle as squeezed_otto_cycle
from .symplectic import beam_splitter as beam_splitter
from .symplectic import check_symplectic as check_symplectic
from .symplectic import embed_symplectic as embed_symplectic
from .symplectic import oscillators_hamiltonian as oscillators_hamiltonian
from .symplectic import phase_rotation as phase_rotation
from .symplectic import propagator as propagator
from .symplectic import propagator_time_dependent as propagator_time_dependent
from .symplectic import squeezer as squeezer
from .symplectic import symplectic_residual as symplectic_residual
from .two_oscillators import two_oscillator_local_currents as two_oscillator_local_currents

__all__ = [
    "CorrelatedEngineResult",
    "DrivenTwoOscillatorFridge",
    "EfficiencyDecomposition",
    "FermionicBath",
    "FridgeCurrents",
    "GaussianBathStroke",
    "GaussianCycle",
    "GaussianLimitCycle",
    "GaussianMapStroke",
    "GaussianOpenSystem",
    "GaussianQuenchStroke",
    "GaussianStroke",
    "GaussianStrokeLedger",
    "GaussianUnitaryStroke",
    "XXChainResult",
    "aguilar_lutz_efficiency",
    "beam_splitter",
    "check_covariance",
    "check_gaussian_channel",
    "check_stable",
    "check_symplectic",
    "correlated_pair_covariance",
    "coupled_oscillators_otto_cycle",
    "drude_self_energy",
    "embed_symplectic",
    "energy",
    "entropy",
    "exact_two_oscillator_current",
    "fermionic_steady_state",
    "fock_hamiltonian",
    "fock_local_jumps",
    "fock_quadratures",
    "gaussian_limit_cycle",
    "gaussian_oscillator_otto_cycle",
    "gaussian_otto_cycle",
    "global_dissipator",
    "is_physical",
    "local_dissipator",
    "lyapunov_steady_state",
    "mean_occupations",
    "modes_block",
    "mutual_information",
    "oscillators_hamiltonian",
    "phase_rotation",
    "propagator",
    "propagator_time_dependent",
    "relative_entropy_thermal",
    "run_correlated_engine",
    "rwa_fridge_currents",
    "rwa_fridge_t_min",
    "squeezed_otto_cycle",
    "squeezed_otto_efficiency_high_t",
    "squeezed_otto_efficiency_max",
    "squeezed_otto_efficiency_max_power",
    "squeezed_otto_work",
    "squeezer",
    "symplectic_eigenvalues",
    "symplectic_form",
    "symplectic_residual",
    "thermal_covariance",
    "thermal_state_of",
    "two_oscillator_local_currents",
    "two_oscillator_spectral_density",
    "vacuum_covariance",
    "williamson",
    "xx_chain_steady_state",
]
