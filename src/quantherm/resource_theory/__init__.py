"""Layer 6: the resource theory of quantum thermodynamics.

Rényi free energies F_alpha (the many second laws), thermo-majorization curves and the
exact test for thermal operations on block-diagonal states, catalytic verdicts with
witnesses, and single-shot work of distillation and formation (k_B = 1, natural logs;
work W > 0 is work supplied to the system).

References: F. G. S. L. Brandão, M. Horodecki, N. H. Y. Ng, J. Oppenheim, S. Wehner,
PNAS 112, 3275 (2015); M. Horodecki, J. Oppenheim, Nat. Commun. 4, 2059 (2013).
"""

from .divergences import (
    petz_renyi_divergence as petz_renyi_divergence,
)
from .divergences import (
    renyi_divergence as renyi_divergence,
)
from .divergences import (
    sandwiched_renyi_divergence as sandwiched_renyi_divergence,
)
from .free_energies import free_energy_alpha as free_energy_alpha
from .gibbs_maps import (
    gibbs_stochastic_map as gibbs_stochastic_map,
)
from .gibbs_maps import (
    random_gibbs_preserving_map as random_gibbs_preserving_map,
)
from .majorization import (
    ThermoMajorizationCurve as ThermoMajorizationCurve,
)
from .majorization import (
    TransitionVerdict as TransitionVerdict,
)
from .majorization import (
    thermo_majorizes as thermo_majorizes,
)
from .majorization import (
    tm_curve as tm_curve,
)
from .plotting import (
    plot_free_energy_alpha as plot_free_energy_alpha,
)
from .plotting import (
    plot_thermo_majorization as plot_thermo_majorization,
)
from .second_laws import (
    DEFAULT_ALPHAS as DEFAULT_ALPHAS,
)
from .second_laws import (
    SecondLawsReport as SecondLawsReport,
)
from .second_laws import (
    second_laws_report as second_laws_report,
)
from .states import (
    as_populations as as_populations,
)
from .states import (
    dephase as dephase,
)
from .states import (
    gibbs_populations as gibbs_populations,
)
from .work import (
    SingleShotWork as SingleShotWork,
)
from .work import (
    iid_single_shot_work as iid_single_shot_work,
)
from .work import (
    single_shot_work as single_shot_work,
)
from .work import (
    work_cost as work_cost,
)
from .work import (
    work_distillation as work_distillation,
)
from .work import (
    work_formation as work_formation,
)

__all__ = [
    "DEFAULT_ALPHAS",
    "SecondLawsReport",
    "SingleShotWork",
    "ThermoMajorizationCurve",
    "TransitionVerdict",
    "as_populations",
    "dephase",
    "free_energy_alpha",
    "gibbs_populations",
    "gibbs_stochastic_map",
    "iid_single_shot_work",
    "petz_renyi_divergence",
    "plot_free_energy_alpha",
    "plot_thermo_majorization",
    "random_gibbs_preserving_map",
    "renyi_divergence",
    "sandwiched_renyi_divergence",
    "second_laws_report",
    "single_shot_work",
    "thermo_majorizes",
    "tm_curve",
    "work_cost",
    "work_distillation",
    "work_formation",
]
