"""Layer 2: baths (temperature, spectral density, statistics) and their transition rates."""

from .bath import Bath as Bath
from .spectral import (
    CallableSpectrum as CallableSpectrum,
)
from .spectral import (
    DrudeLorentzSpectrum as DrudeLorentzSpectrum,
)
from .spectral import (
    FlatSpectrum as FlatSpectrum,
)
from .spectral import (
    OhmicSpectrum as OhmicSpectrum,
)
from .spectral import (
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
