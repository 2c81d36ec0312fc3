"""Layer 2: baths (temperature, spectral density, statistics) and their transition rates."""

from .bath import Bath as Bath
from .spectral import (
    CallableSpectrum as CallableSpectrum,
    DrudeLorentzSpectrum as DrudeLorentzSpectrum,
    FlatSpectrum as FlatSpectrum,
    OhmicSpectrum as OhmicSpectrum,
    SpectralDensity as SpectralDensity,
)

__all__ = [
    "Bath",
    "CallableSpectrum",
    "DrudeLorentzSpectrum",
    "FlatSpectrum",
    "OhmicSpectrum",
    "SpectralDensity",
]
