"""Hypothesis strategies for quantum thermodynamics (needs `pip install 'quantherm[dev]'`).

>>> from hypothesis import given
>>> from quantherm.testing.strategies import density_matrices
>>> @given(density_matrices(3))
... def test(rho): ...
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - depends on the environment
    raise ImportError(
        "quantherm.testing.strategies needs hypothesis: pip install 'quantherm[dev]'"
    ) from exc

from ..baths import Bath, OhmicSpectrum

__all__ = [
    "ThermalSystem",
    "density_matrices",
    "hamiltonians",
    "temperatures",
    "thermal_lindblad_systems",
]


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def _herm(rng: np.random.Generator, d: int) -> np.ndarray:
    X = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    return (X + X.conj().T) / 2


def hamiltonians(d: int) -> st.SearchStrategy[np.ndarray]:
    """Random Hermitian (d, d) matrices (GUE-like, seeded by hypothesis)."""
    return st.integers(0, 2**32 - 1).map(lambda s: _herm(_rng(s), d))


def density_matrices(d: int, *, pure: bool | None = None) -> st.SearchStrategy[np.ndarray]:
    """Random density matrices: mixed (Wishart), pure, or either (pure=None)."""

    def make(seed: int, is_pure: bool) -> np.ndarray:
        rng = _rng(seed)
        rank = 1 if is_pure else d
        Z = rng.normal(size=(d, rank)) + 1j * rng.normal(size=(d, rank))
        rho = Z @ Z.conj().T
        return np.asarray(rho / np.trace(rho).real)

    flag = st.booleans() if pure is None else st.just(pure)
    return st.builds(make, st.integers(0, 2**32 - 1), flag)


def temperatures(*, low: float = 0.05, high: float = 20.0) -> st.SearchStrategy[float]:
    """Positive finite temperatures (log-uniform-ish)."""
    return st.floats(np.log(low), np.log(high)).map(lambda x: float(np.exp(x)))


@dataclass(frozen=True)
class ThermalSystem:
    """A Hamiltonian with Hermitian couplings to thermal baths: `args` for master_equation."""

    H: np.ndarray
    couplings: tuple[tuple[np.ndarray, Bath], ...]

    @property
    def args(self) -> tuple[Any, Any]:
        return self.H, list(self.couplings)


def thermal_lindblad_systems(
    max_dim: int = 6, max_baths: int = 3
) -> st.SearchStrategy[ThermalSystem]:
    """Random systems with detailed-balance baths (ohmic spectra), for the laws as properties."""

    def make(seed: int, d: int, nb: int) -> ThermalSystem:
        rng = _rng(seed)
        cpl = []
        for k in range(nb):
            spec = OhmicSpectrum(float(rng.uniform(0.01, 0.3)), float(rng.uniform(1.0, 10.0)))
            bath = Bath(name=f"b{k}", T=float(rng.uniform(0.1, 5.0)), spectral_density=spec)
            cpl.append((_herm(rng, d), bath))
        return ThermalSystem(_herm(rng, d), tuple(cpl))

    return st.builds(
        make, st.integers(0, 2**32 - 1), st.integers(2, max_dim), st.integers(1, max_baths)
    )
