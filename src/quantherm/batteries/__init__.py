"""Layer 6: quantum batteries — ergotropy, passive states, capacity, collective charging.

Sign convention (docs/conventions.md): energy stored in the battery (energy into the
battery) is positive; ergotropy, capacity and charging power are non-negative quantities in
the unit of the Hamiltonian (ħ = 1). See docs/batteries.md.
"""

from .bounds import mandelstam_tamm_time as mandelstam_tamm_time
from .bounds import power_uncertainty_bound as power_uncertainty_bound
from .closed import ClosedCharging as ClosedCharging
from .collective import dicke_degeneracies as dicke_degeneracies
from .collective import full_collective_operators as full_collective_operators
from .collective import symmetric_collective_operators as symmetric_collective_operators
from .dicke import CollectiveAdvantage as CollectiveAdvantage
from .dicke import DickeBattery as DickeBattery
from .dicke import DickeCharging as DickeCharging
from .dicke import charge_dicke as charge_dicke
from .dicke import collective_advantage as collective_advantage
from .dicke import dicke_figures as dicke_figures
from .ergotropy import AsymptoticErgotropy as AsymptoticErgotropy
from .ergotropy import antipassive_state as antipassive_state
from .ergotropy import asymptotic_ergotropy as asymptotic_ergotropy
from .ergotropy import capacity as capacity
from .ergotropy import ergotropy as ergotropy
from .ergotropy import ergotropy_coherent as ergotropy_coherent
from .ergotropy import ergotropy_incoherent as ergotropy_incoherent
from .ergotropy import multi_copy_ergotropy as multi_copy_ergotropy
from .ergotropy import passive_energy as passive_energy
from .ergotropy import passive_state as passive_state
from .ergotropy import subsystem_ergotropy as subsystem_ergotropy
from .global_drive import DriveCharge as DriveCharge
from .global_drive import drive_charge as drive_charge
from .global_drive import k_body_drive as k_body_drive
from .merit import ChargingCurve as ChargingCurve
from .merit import ChargingFigures as ChargingFigures
from .merit import PowerLawFit as PowerLawFit
from .merit import charging_curve as charging_curve
from .merit import charging_figures as charging_figures
from .merit import fit_power_law as fit_power_law
from .open import OpenCharging as OpenCharging
from .open import open_dicke_charging as open_dicke_charging

__all__ = [
    "AsymptoticErgotropy",
    "ChargingCurve",
    "ChargingFigures",
    "ClosedCharging",
    "CollectiveAdvantage",
    "DickeBattery",
    "DickeCharging",
    "DriveCharge",
    "OpenCharging",
    "PowerLawFit",
    "antipassive_state",
    "asymptotic_ergotropy",
    "capacity",
    "charge_dicke",
    "charging_curve",
    "charging_figures",
    "collective_advantage",
    "dicke_degeneracies",
    "dicke_figures",
    "drive_charge",
    "ergotropy",
    "ergotropy_coherent",
    "ergotropy_incoherent",
    "fit_power_law",
    "full_collective_operators",
    "k_body_drive",
    "mandelstam_tamm_time",
    "multi_copy_ergotropy",
    "open_dicke_charging",
    "passive_energy",
    "passive_state",
    "power_uncertainty_bound",
    "subsystem_ergotropy",
    "symmetric_collective_operators",
]
