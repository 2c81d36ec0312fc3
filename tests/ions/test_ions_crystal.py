"""Normal modes of linear ion crystals against the card's reference values and closed forms."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quantherm.ions import (
    equilibrium_positions,
    lamb_dicke_parameter,
    length_unit,
    linear_crystal,
    linear_crystal_si,
)

CARD_RADIAL_W2 = {  # card section 2.2, w_r / w_z = 8, units of w_z^2
    2: [64, 63],
    3: [64, 63, 61.6],
    4: [64, 63, 61.595031, 59.845825],
    5: [64, 63, 61.591152, 59.833923, 57.762581],
}


@pytest.mark.parametrize("n", sorted(CARD_RADIAL_W2))
def test_radial_frequencies_match_card(n: int) -> None:
    c = linear_crystal(n, w_r_over_w_z=8.0)
    assert c.radial_frequencies is not None
    np.testing.assert_allclose(c.radial_frequencies**2, CARD_RADIAL_W2[n], atol=1e-6)


def test_axial_closed_forms_and_participations() -> None:
    # COM at w_z, breathing at sqrt(3) w_z, N=3 third mode sqrt(29/5) w_z (James 1998)
    c3 = linear_crystal(3, w_r_over_w_z=8.0)
    np.testing.assert_allclose(
        c3.axial_frequencies, [1, math.sqrt(3), math.sqrt(29 / 5)], atol=1e-10
    )
    assert c3.radial_vectors is not None
    np.testing.assert_allclose(np.abs(c3.radial_vectors[0]), [0.5774, 0.7071, 0.4082], atol=1e-4)
    np.testing.assert_allclose(c3.axial_vectors.T @ c3.axial_vectors, np.eye(3), atol=1e-12)
    # positions of 3 ions: 0, +-(5/4)^(1/3)
    np.testing.assert_allclose(
        equilibrium_positions(3), [-(1.25 ** (1 / 3)), 0, 1.25 ** (1 / 3)], atol=1e-10
    )


def test_mixed_masses_two_ions() -> None:
    # Morigi & Walther (2001): w^2 = 1 + 1/mu -+ sqrt(1 + 1/mu^2 - 1/mu) for masses (1, mu)
    mu = 26 / 25
    c = linear_crystal(2, masses=[1.0, mu])
    root = math.sqrt(1 + 1 / mu**2 - 1 / mu)
    np.testing.assert_allclose(
        c.axial_frequencies**2, [1 + 1 / mu - root, 1 + 1 / mu + root], rtol=1e-10
    )
    # participations are mass-weighted unit vectors; equal masses recover 1/sqrt(2)
    assert not np.allclose(np.abs(c.axial_vectors[0]), 1 / math.sqrt(2))
    np.testing.assert_allclose(
        np.abs(linear_crystal(2).axial_vectors), 1 / math.sqrt(2), atol=1e-12
    )


def test_si_units() -> None:
    c = linear_crystal_si(2, f_z=0.5, f_r=4.0, masses_amu=[25.0, 25.0], unit="MHz")
    np.testing.assert_allclose(c.frequencies_hz("axial"), [0.5e6, math.sqrt(3) * 0.5e6], rtol=1e-10)
    ell = length_unit(25 * 1.66053906660e-27, 2 * math.pi * 0.5e6)
    np.testing.assert_allclose(np.diff(c.positions_m()), 2 * 0.25 ** (1 / 3) * ell, rtol=1e-10)
    # e^2/(4 pi eps0) = 2.307077e-28 J m; l^3 m w^2 must equal it (l ~ 8.26 um here)
    assert ell**3 * 25 * 1.66053906660e-27 * (2 * math.pi * 0.5e6) ** 2 == pytest.approx(
        2.307077e-28, rel=1e-6
    )
    eta = lamb_dicke_parameter(2 * math.pi / 280e-9, 25 * 1.66053906660e-27, 2 * math.pi * 1e6)
    assert 0.3 < eta < 0.5


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="n_ions"):
        linear_crystal(0)
    with pytest.raises(ValueError, match="zig-zag"):
        linear_crystal(6, w_r_over_w_z=2.0)
    with pytest.raises(ValueError, match="masses"):
        linear_crystal(3, masses=[1.0, 1.0])
    with pytest.raises(ValueError, match="direction"):
        linear_crystal(2).modes("radial")
    with pytest.raises(ValueError, match="SI scale"):
        linear_crystal(2).frequencies_hz()


def test_single_ion_mass_scaling() -> None:
    # one ion of mass 2: axial w_z / sqrt(2) (same DC spring); Paul radial w_r / 2
    c = linear_crystal(1, w_r_over_w_z=8.0, masses=[2.0])
    assert c.axial_frequencies[0] == pytest.approx(1 / math.sqrt(2))
    assert c.radial_frequencies is not None
    assert c.radial_frequencies[0] == pytest.approx(4.0)
    same = linear_crystal(1, w_r_over_w_z=8.0, masses=[2.0], radial_mass_scaling="none")
    assert same.radial_frequencies is not None
    assert same.radial_frequencies[0] == pytest.approx(8.0)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(2, 12), ratio=st.floats(6.0, 30.0))
def test_crystal_invariants(n: int, ratio: float) -> None:
    c = linear_crystal(n, w_r_over_w_z=ratio)
    u = c.positions
    np.testing.assert_allclose(u, -u[::-1], atol=1e-9)  # mirror symmetric
    # COM at w_z and breathing at sqrt(3) w_z for any N (harmonic trap + Coulomb)
    np.testing.assert_allclose(c.axial_frequencies[:2], [1.0, math.sqrt(3.0)], atol=1e-8)
    assert c.radial_frequencies is not None
    # radial COM at w_r; the COM-tilt splitting does not depend on N
    np.testing.assert_allclose(
        c.radial_frequencies[:2], [ratio, math.sqrt(ratio**2 - 1)], atol=1e-8
    )
