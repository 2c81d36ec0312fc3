r"""Spectral densities J(omega), omega > 0, in units of a rate.

Convention: J(omega) is the zero-temperature emission rate of a transition that gives the
bath an energy omega, i.e. $J(\omega) = 2\pi \sum_k |g_k|^2 \delta(\omega - \omega_k)$ for a
coupling $A \otimes \sum_k g_k (b_k + b_k^\dagger)$. It is extended to negative frequencies
as an odd function, J(-omega) = -J(omega), which makes the thermal rates of `Bath.rate`
satisfy detailed balance (KMS) automatically.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._checks import FloatArray, check_positive

__all__ = [
    "CallableSpectrum",
    "DrudeLorentzSpectrum",
    "FlatSpectrum",
    "OhmicSpectrum",
    "SpectralDensity",
]


class SpectralDensity:
    """Abstract spectral density: subclasses define `_positive(omega)` for omega > 0."""

    def _positive(self, omega: FloatArray) -> FloatArray:  # pragma: no cover - abstract
        raise NotImplementedError

    def __call__(self, omega: Any) -> FloatArray:
        """J(omega), odd in omega; J(0) = 0."""
        w = np.asarray(omega, dtype=np.float64)
        aw = np.abs(w)
        safe = np.where(aw > 0, aw, 1.0)
        return np.asarray(np.where(aw > 0, np.sign(w) * self._positive(safe), 0.0))

    def zero_frequency_rate(self, T: Any) -> FloatArray:
        """lim_{omega->0} J(omega) (1 + n(omega, T)) = J'(0) T: the pure-dephasing rate."""
        return np.asarray(self.slope_at_zero() * np.asarray(T, dtype=np.float64))

    def slope_at_zero(self) -> float:
        """J'(0); override when J is not linear at the origin."""
        h = 1e-7
        return float(self._positive(np.asarray(h)) / h)


@dataclass(frozen=True, slots=True)
class FlatSpectrum(SpectralDensity):
    """Frequency-independent J(omega) = gamma (quantum-optical, wide-band bath).

    The zero-frequency (pure dephasing) rate is taken as 0, the usual quantum-optical
    convention; a flat J would otherwise give an infinite one.
    """

    gamma: float

    def __post_init__(self) -> None:
        check_positive(self.gamma, "gamma", allow_zero=True)

    def _positive(self, omega: FloatArray) -> FloatArray:
        return np.asarray(np.broadcast_to(np.asarray(self.gamma, dtype=np.float64), omega.shape))

    def slope_at_zero(self) -> float:
        return 0.0


@dataclass(frozen=True, slots=True)
class OhmicSpectrum(SpectralDensity):
    """J(omega) = alpha omega (omega/cutoff)^(s-1) exp(-omega/cutoff): ohmic (s = 1) or not."""

    alpha: float
    cutoff: float = np.inf
    s: float = 1.0

    def __post_init__(self) -> None:
        check_positive(self.alpha, "alpha", allow_zero=True)
        if not self.cutoff > 0:
            raise ValueError(f"`cutoff` must be in (0, inf]; got {self.cutoff!r}.")
        check_positive(self.s, "s")

    def _positive(self, omega: FloatArray) -> FloatArray:
        wc = self.cutoff
        shape = (omega / wc) ** (self.s - 1.0) if np.isfinite(wc) else omega ** (self.s - 1.0)
        damp = np.exp(-omega / wc) if np.isfinite(wc) else 1.0
        return np.asarray(self.alpha * omega * shape * damp)

    def slope_at_zero(self) -> float:
        if self.s > 1:
            return 0.0
        if self.s < 1:
            return float("inf")
        return float(self.alpha)


@dataclass(frozen=True, slots=True)
class DrudeLorentzSpectrum(SpectralDensity):
    """J(omega) = 2 lam gamma_c omega / (omega^2 + gamma_c^2) (overdamped Brownian bath)."""

    lam: float
    gamma_c: float

    def __post_init__(self) -> None:
        check_positive(self.lam, "lam", allow_zero=True)
        check_positive(self.gamma_c, "gamma_c")

    def _positive(self, omega: FloatArray) -> FloatArray:
        return np.asarray(2 * self.lam * self.gamma_c * omega / (omega**2 + self.gamma_c**2))

    def slope_at_zero(self) -> float:
        return float(2 * self.lam / self.gamma_c)


@dataclass(frozen=True, slots=True)
class CallableSpectrum(SpectralDensity):
    """A user function J(omega) for omega > 0 (vectorised), with its slope at zero."""

    func: Callable[[FloatArray], Any]
    zero_slope: float = 0.0

    def _positive(self, omega: FloatArray) -> FloatArray:
        return np.asarray(self.func(omega), dtype=np.float64)

    def slope_at_zero(self) -> float:
        return float(self.zero_slope)
