"""quantherm: quantum thermal machines with an exact thermodynamic ledger.

Units hbar = k_B = 1. Sign convention: energy into the system is positive (J_k > 0 when
bath k heats the system; P > 0 when work is done on it). See docs/conventions.md.
"""

from ._config import get_options as get_options
from ._config import set_options as set_options
from .baths import (
    Bath as Bath,
)
from .baths import (
    CallableSpectrum as CallableSpectrum,
)
from .baths import (
    DrudeLorentzSpectrum as DrudeLorentzSpectrum,
)
from .baths import (
    FlatSpectrum as FlatSpectrum,
)
from .baths import (
    OhmicSpectrum as OhmicSpectrum,
)
from .core.operators import (
    basis as basis,
)
from .core.operators import (
    create as create,
)
from .core.operators import (
    destroy as destroy,
)
from .core.operators import (
    embed as embed,
)
from .core.operators import (
    expect as expect,
)
from .core.operators import (
    fock_dm as fock_dm,
)
from .core.operators import (
    number as number,
)
from .core.operators import (
    qeye as qeye,
)
from .core.operators import (
    qubit_lowering as qubit_lowering,
)
from .core.operators import (
    qubit_number as qubit_number,
)
from .core.operators import (
    sigmam as sigmam,
)
from .core.operators import (
    sigmap as sigmap,
)
from .core.operators import (
    sigmax as sigmax,
)
from .core.operators import (
    sigmay as sigmay,
)
from .core.operators import (
    sigmaz as sigmaz,
)
from .core.operators import (
    tensor as tensor,
)
from .core.operators import (
    to_qutip as to_qutip,
)
from .core.states import (
    bose_occupation as bose_occupation,
)
from .core.states import (
    entropy_relative as entropy_relative,
)
from .core.states import (
    entropy_vn as entropy_vn,
)
from .core.states import (
    fermi_occupation as fermi_occupation,
)
from .core.states import (
    free_energy as free_energy,
)
from .core.states import (
    gibbs_state as gibbs_state,
)
from .core.states import (
    mutual_information as mutual_information,
)
from .core.states import (
    partial_trace as partial_trace,
)
from .core.superop import liouvillian as liouvillian
from .core.superop import unvec as unvec
from .core.superop import vec as vec
from .dynamics import (
    MasterEquation as MasterEquation,
)
from .dynamics import (
    evolve as evolve,
)
from .dynamics import (
    lindblad as lindblad,
)
from .dynamics import (
    master_equation as master_equation,
)
from .dynamics import (
    propagator as propagator,
)
from .dynamics import (
    steady_state as steady_state,
)
from .errors import (
    ConvergenceError as ConvergenceError,
)
from .errors import (
    ThermodynamicConsistencyWarning as ThermodynamicConsistencyWarning,
)
from .machines import ContinuousMachine as ContinuousMachine
from .thermo import (
    Ledger as Ledger,
)
from .thermo import (
    steady_state_ledger as steady_state_ledger,
)
from .thermo import (
    trajectory_ledger as trajectory_ledger,
)

__version__ = "0.1.0"

# Domain packages and their headline functions load on first use (PEP 562), so that
# `import quantherm` stays light: `qh.gaussian`, `qh.limit_cycle`, `qh.ergotropy`, ...
_SUBPACKAGES = (
    "batteries",
    "cooling",
    "fluctuations",
    "gaussian",
    "information",
    "ions",
    "machines",
    "papers",
    "resource_theory",
    "sweeps",
    "testing",
)
_LAZY = {
    "Cycle": "machines.stroke",
    "limit_cycle": "machines.stroke",
    "UnitaryStroke": "machines.stroke",
    "QuenchStroke": "machines.stroke",
    "BathStroke": "machines.stroke",
    "DephasingStroke": "machines.stroke",
    "MapStroke": "machines.stroke",
    "IsothermalStroke": "machines.stroke",
    "otto_cycle": "machines.stroke",
    "carnot_cycle": "machines.stroke",
    "compare_engines": "machines.stroke",
    "ergotropy": "batteries",
    "passive_state": "batteries",
    "asymptotic_ergotropy": "batteries",
    "free_energy_alpha": "resource_theory",
    "thermo_majorizes": "resource_theory",
    "renyi_divergence": "resource_theory",
    "work_distillation": "resource_theory",
    "work_formation": "resource_theory",
    "landauer_bound": "information",
    "qc_mutual_information": "information",
    "feedback_cycle": "information",
    "ppa_limit": "cooling",
    "run_hbac": "cooling",
    "ppa_protocol": "cooling",
    "GaussianOpenSystem": "gaussian",
    "exact_two_oscillator_current": "gaussian",
    "sweep": "sweeps",
    "get_reproduction": "papers",
    "all_reproductions": "papers",
}


def __getattr__(name: str) -> object:
    import importlib

    if name in _SUBPACKAGES:
        return importlib.import_module(f"{__name__}.{name}")
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module 'quantherm' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*__all__, *_SUBPACKAGES])


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
__all__ += sorted(_LAZY)
