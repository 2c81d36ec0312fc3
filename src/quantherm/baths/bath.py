r"""A thermal bath: name, temperature, spectral density and statistics.

Rate convention. For a transition of the system that *lowers* its energy by omega (> 0),
the bath absorbs omega at rate gamma(omega); the reverse process has rate gamma(-omega).
Bose: gamma(omega) = J(omega) (1 + n(omega)), gamma(-omega) = J(omega) n(omega).
Fermi: gamma(omega) = J(omega) (1 - f(omega)), gamma(-omega) = J(omega) f(omega).
Both obey detailed balance gamma(-omega) = exp(-beta (omega - mu)) gamma(omega).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from .._checks import FloatArray, check_choice, check_temperature
from ..core.states import bose_occupation, fermi_occupation
from .spectral import FlatSpectrum, SpectralDensity

__all__ = ["Bath"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Bath:
    """A thermal reservoir.

    Attributes:
        name: label under which heat is booked in the ledger ("hot", "cold", ...).
        T: temperature >= 0 (a float, or an array for a batch of parameter points).
        spectral_density: J(omega); default `FlatSpectrum(1.0)`.
        statistics: "bose" or "fermi".
        mu: chemical potential (fermionic leads); 0 for bosonic baths.
    """

    name: str
    T: Any
    spectral_density: SpectralDensity = field(default_factory=lambda: FlatSpectrum(1.0))
    statistics: Literal["bose", "fermi"] = "bose"
    mu: float = 0.0

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise TypeError(f"`name` must be a non-empty string; got {self.name!r}.")
        check_temperature(self.T, f"T (bath {self.name!r})")
        check_choice(self.statistics, "statistics", ("bose", "fermi"))
        if not isinstance(self.spectral_density, SpectralDensity):
            raise TypeError(
                "`spectral_density` must be a SpectralDensity (FlatSpectrum, OhmicSpectrum, "
                "DrudeLorentzSpectrum, CallableSpectrum); got "
                f"{type(self.spectral_density).__name__}."
            )
        if self.statistics == "bose" and self.mu != 0.0:
            raise ValueError(f"`mu` must be 0 for a bosonic bath; got {self.mu!r}.")

    @property
    def beta(self) -> FloatArray:
        """Inverse temperature 1/T (inf at T = 0)."""
        T = np.asarray(self.T, dtype=np.float64)
        with np.errstate(divide="ignore"):
            return np.asarray(1.0 / T)

    def rate(self, omega: Any) -> FloatArray:
        """Transition rate gamma(omega) for a system transition that lowers its energy by omega.

        Broadcasts `omega` against the bath temperature (batch axes of T are leading axes
        that must broadcast with those of omega).
        """
        w = np.asarray(omega, dtype=np.float64)
        T = np.asarray(self.T, dtype=np.float64)
        J = self.spectral_density(w)
        aw = np.abs(w)
        if self.statistics == "bose":
            n = bose_occupation(np.where(aw > 0, aw, 1.0), T)
            r = np.where(w > 0, J * (1.0 + n), -J * n)
            zero = self.spectral_density.zero_frequency_rate(T)
        else:
            f_plus = fermi_occupation(np.where(aw > 0, aw, 1.0), T, self.mu)
            r = np.where(w > 0, J * (1.0 - f_plus), -J * fermi_occupation(aw, T, self.mu))
            zero = np.zeros_like(np.asarray(T)) + 0.0
        out = np.where(aw > 0, r, zero)
        return np.asarray(np.maximum(out, 0.0))
