"""quantherm: quantum thermal machines with an exact thermodynamic ledger.

Units hbar = k_B = 1. Sign convention: energy into the system is positive (J_k > 0 when
bath k heats the system; P > 0 when work is done on it). See docs/conventions.md.
"""

from ._config import get_options as get_options, set_options as set_options
from .baths import (
    Bath as Bath,
    CallableSpectrum as CallableSpectrum,
    DrudeLorentzSpectrum as DrudeLorentzSpectrum,
    FlatSpectrum as FlatSpectrum,
    OhmicSpectrum as OhmicSpectrum,
)
from .core.operators import (
    basis as basis,
    create as create,
    destroy as destroy,
    embed as embed,
    expect as expect,
    fock_dm as fock_dm,
    number as number,
    qeye as qeye,
    qubit_lowering as qubit_lowering,
    qubit_number as qubit_number,
    sigmam as sigmam,
    sigmap as sigmap,
    sigmax as sigmax,
    sigmay as sigmay,
    sigmaz as sigmaz,
    tensor as tensor,
    to_qutip as to_qutip,
)
from .core.states import (
    bose_occupation as bose_occupation,
    entropy_relative as entropy_relative,
    entropy_vn as entropy_vn,
    fermi_occupation as fermi_occupation,
    free_energy as free_energy,
    gibbs_state as gibbs_state,
    mutual_information as mutual_information,
    partial_trace as partial_trace,
)
from .core.superop import liouvillian as liouvillian, unvec as unvec, vec as vec
from .dynamics import (
    MasterEquation as MasterEquation,
    evolve as evolve,
    lindblad as lindblad,
    master_equation as master_equation,
    propagator as propagator,
    steady_state as steady_state,
)
from .errors import (
    ConvergenceError as ConvergenceError,
    ThermodynamicConsistencyWarning as ThermodynamicConsistencyWarning,
)
from .machines import ContinuousMachine as ContinuousMachine
from .thermo import (
    Ledger as Ledger,
    steady_state_ledger as steady_state_ledger,
    trajectory_ledger as trajectory_ledger,
)

__version__ = "0.1.0"

__all__ = [
    "Bath",
    "CallableSpectrum",
    "ContinuousMachine",
    "ConvergenceError",
    "DrudeLorentzSpectrum",
    "FlatSpectrum",
    "Ledger",
    "MasterEquation",
    "OhmicSpectrum",
    "ThermodynamicConsistencyWarning",
    "__version__",
    "basis",
    "bose_occupation",
    "create",
    "destroy",
    "embed",
    "entropy_relative",
    "entropy_vn",
    "evolve",
    "expect",
    "fermi_occupation",
    "fock_dm",
    "free_energy",
    "get_options",
    "gibbs_state",
    "lindblad",
    "liouvillian",
    "master_equation",
    "mutual_information",
    "number",
    "partial_trace",
    "propagator",
    "qeye",
    "qubit_lowering",
    "qubit_number",
    "set_options",
    "sigmam",
    "sigmap",
    "sigmax",
    "sigmay",
    "sigmaz",
    "steady_state",
    "steady_state_ledger",
    "tensor",
    "to_qutip",
    "trajectory_ledger",
    "unvec",
    "vec",
]
