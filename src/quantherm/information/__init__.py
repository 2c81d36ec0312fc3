"""Layer 6: information as a thermodynamic resource.

Measurements (projective and POVM), a memory that is part of the system, feedback
conditioned on outcomes and erasure with its cost, all booked in one ledger (system,
memory, baths) whose total entropy production is checked; information quantities
(Shannon, QC- and quantum mutual information, Sagawa-Ueda bound); Landauer and
finite-time erasure; Szilard engines; correlated locally thermal states and the
generalized second law with correlations. `strokes` builds the same operations as
strokes of `quantherm.machines.stroke` (a `Cycle` on S ⊗ M with a limit cycle and one
ledger of heat and work).
"""

from .correlations import GeneralizedBooks as GeneralizedBooks
from .correlations import HeatExchange as HeatExchange
from .correlations import conditional_free_energy as conditional_free_energy
from .correlations import correlated_state as correlated_state
from .correlations import energy_blocks as energy_blocks
from .correlations import generalized_books as generalized_books
from .correlations import heat_exchange as heat_exchange
from .correlations import interaction_unitary_micadei as interaction_unitary_micadei
from .correlations import is_energy_preserving as is_energy_preserving
from .correlations import max_heat_gain as max_heat_gain
from .correlations import random_energy_preserving_unitary as random_energy_preserving_unitary
from .correlations import thermal_qubits_correlated as thermal_qubits_correlated
from .correlations import werner_state as werner_state
from .erasure import BrownianErasure as BrownianErasure
from .erasure import TwoLevelProtocol as TwoLevelProtocol
from .erasure import TwoLevelRun as TwoLevelRun
from .erasure import erasure_brownian as erasure_brownian
from .erasure import erasure_protocol_two_level as erasure_protocol_two_level
from .erasure import erasure_work_two_level as erasure_work_two_level
from .erasure import landauer_bound as landauer_bound
from .erasure import landauer_work as landauer_work
from .erasure import simulate_erasure_two_level as simulate_erasure_two_level
from .erasure import thermodynamic_length_two_level as thermodynamic_length_two_level
from .measurement import Measurement as Measurement
from .measurement import check_povm as check_povm
from .measurement import measure as measure
from .measurement import noisy_measurement as noisy_measurement
from .measurement import povm as povm
from .measurement import projective as projective
from .protocol import FeedbackResult as FeedbackResult
from .protocol import InformationLedger as InformationLedger
from .protocol import MemoryState as MemoryState
from .protocol import StrokeRecord as StrokeRecord
from .protocol import erase as erase
from .protocol import feedback as feedback
from .protocol import feedback_cycle as feedback_cycle
from .protocol import isothermal as isothermal
from .protocol import ledger as ledger
from .protocol import memory_state as memory_state
from .protocol import record as record
from .protocol import thermalize as thermalize
from .quantities import binary_entropy as binary_entropy
from .quantities import conditional_entropy as conditional_entropy
from .quantities import mutual_information_classical as mutual_information_classical
from .quantities import qc_mutual_information as qc_mutual_information
from .quantities import shannon_entropy as shannon_entropy
from .strokes import MemoryCycle as MemoryCycle
from .strokes import MemoryProtocol as MemoryProtocol
from .strokes import joint_hamiltonian as joint_hamiltonian
from .szilard import QuantumSzilard as QuantumSzilard
from .szilard import SzilardResult as SzilardResult
from .szilard import quantum_szilard as quantum_szilard
from .szilard import szilard as szilard
from .szilard import szilard_demon as szilard_demon

__all__ = [
    "BrownianErasure",
    "FeedbackResult",
    "GeneralizedBooks",
    "HeatExchange",
    "InformationLedger",
    "Measurement",
    "MemoryCycle",
    "MemoryProtocol",
    "MemoryState",
    "QuantumSzilard",
    "StrokeRecord",
    "SzilardResult",
    "TwoLevelProtocol",
    "TwoLevelRun",
    "binary_entropy",
    "check_povm",
    "conditional_entropy",
    "conditional_free_energy",
    "correlated_state",
    "energy_blocks",
    "erase",
    "erasure_brownian",
    "erasure_protocol_two_level",
    "erasure_work_two_level",
    "feedback",
    "feedback_cycle",
    "generalized_books",
    "heat_exchange",
    "interaction_unitary_micadei",
    "is_energy_preserving",
    "isothermal",
    "joint_hamiltonian",
    "landauer_bound",
    "landauer_work",
    "ledger",
    "max_heat_gain",
    "measure",
    "memory_state",
    "mutual_information_classical",
    "noisy_measurement",
    "povm",
    "projective",
    "qc_mutual_information",
    "quantum_szilard",
    "random_energy_preserving_unitary",
    "record",
    "shannon_entropy",
    "simulate_erasure_two_level",
    "szilard",
    "szilard_demon",
    "thermal_qubits_correlated",
    "thermalize",
    "thermodynamic_length_two_level",
    "werner_state",
]
