"""Thermodynamic length: metric closed forms, geodesic vs linear protocols by simulation."""

from __future__ import annotations

import numpy as np
import pytest

from quantherm.baths import Bath, FlatSpectrum
from quantherm.core.operators import qubit_number, sigmax, sigmaz
from quantherm.dynamics import master_equation
from quantherm.fluctuations import (
    excess_work,
    geodesic_protocol,
    thermodynamic_length,
    thermodynamic_metric,
)

T, G = 1.0, 0.2
BATH = Bath(name="b", T=T, spectral_density=FlatSpectrum(G))
N = qubit_number()


def _scaling():
    def H(lam: float) -> np.ndarray:
        return lam * N

    def dH(lam: float) -> np.ndarray:
        return N

    def model(lam: float):
        return master_equation(H(lam), [(sigmax(), BATH)], kind="global")

    return H, dH, model


def test_metric_of_a_qubit_level_spacing() -> None:
    """g(w) = beta p(1-p) / Gamma with Gamma = gamma (1 + 2 n(w)) the relaxation rate."""
    H, dH, model = _scaling()
    lam = np.linspace(0.5, 3.0, 11)
    g = thermodynamic_metric(model, H, dH, lam, T=T)
    p = 1 / (np.exp(lam / T) + 1)
    gam = G * (1 + 2 / np.expm1(lam / T))
    np.testing.assert_allclose(g, p * (1 - p) / T / gam, rtol=1e-12)


def test_quantum_friction_metric_of_a_rotating_qubit() -> None:
    """H = cos(l) sz + sin(l) sx: the metric lives on coherences, g = (p0-p1) G2 / (w^2 + G2^2)."""
    lam = np.linspace(0.0, 1.2, 7)

    def H(l: float) -> np.ndarray:
        return np.cos(l) * sigmaz() + np.sin(l) * sigmax()

    def dH(l: float) -> np.ndarray:
        return -np.sin(l) * sigmaz() + np.cos(l) * sigmax()

    g = thermodynamic_metric(
        lambda l: master_equation(H(l), [(sigmax(), BATH)], kind="global"), H, dH, lam, T=T
    )
    w = 2.0
    down, up = BATH.rate(np.array(w)), BATH.rate(np.array(-w))
    g2 = 0.5 * (down + up) * np.cos(lam) ** 2  # coherence decay (sx is off-diagonal by cos(l))
    expected = np.tanh(w / (2 * T)) * g2 / (w**2 + g2**2)
    np.testing.assert_allclose(g, expected, rtol=1e-10)


def test_geodesic_saturates_the_length_bound_and_beats_the_linear_ramp() -> None:
    H, dH, model = _scaling()
    lam = np.linspace(0.5, 3.0, 201)
    g = thermodynamic_metric(model, H, dH, lam, T=T)
    L = thermodynamic_length(lam, g)
    tau = 150.0
    s = np.linspace(0.0, 1.0, 1201)
    geo = excess_work(model, H, geodesic_protocol(lam, g, s), tau, T=T)
    lin = excess_work(model, H, lam[0] + (lam[-1] - lam[0]) * s, tau, T=T)
    assert geo.excess * tau == pytest.approx(L**2, rel=0.01)
    assert lin.excess > geo.excess > 0
    assert geo.free_energy_change == pytest.approx(lin.free_energy_change, rel=1e-12)


def test_geometry_bad_input() -> None:
    H, dH, _ = _scaling()
    hot = Bath(name="h", T=3.0, spectral_density=FlatSpectrum(G))
    with pytest.raises(ValueError, match="must thermalise to the Gibbs state"):
        thermodynamic_metric(
            lambda l: master_equation(H(l), [(sigmax(), hot)], kind="global"), H, dH, [1.0], T=T
        )
    with pytest.raises(ValueError, match="`metric` must be >= 0"):
        thermodynamic_length([0.0, 1.0], [1.0, -1.0])
    with pytest.raises(ValueError, match="equal length"):
        thermodynamic_length([0.0, 1.0], [1.0])
