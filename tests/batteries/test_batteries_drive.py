"""Parallel / k-body / global drives (Binder, Campaioli), speed limit and figures of merit."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import brentq

from quantherm.batteries import (
    ClosedCharging,
    charging_curve,
    charging_figures,
    drive_charge,
    fit_power_law,
    k_body_drive,
    mandelstam_tamm_time,
)


@pytest.mark.parametrize(("N", "k"), [(4, 1), (4, 2), (4, 4), (6, 3)])
def test_k_body_drive_norm_and_time(N, k):
    g = 0.7
    V = k_body_drive(N, g, k)
    assert np.allclose(V, V.T)
    assert np.max(np.abs(np.linalg.eigvalsh(V))) == pytest.approx(N * g, rel=1e-12)
    r = drive_charge(N, g, k)
    assert r.charging_time == pytest.approx(math.pi / (2 * k * g), rel=1e-12)
    assert r.energy == pytest.approx(N, rel=1e-12)


def test_parallel_drive_is_sum_of_sigma_x():
    sx = np.array([[0.0, 1.0], [1.0, 0.0]])
    I = np.eye(2)
    V = np.kron(sx, np.kron(I, I)) + np.kron(I, np.kron(sx, I)) + np.kron(I, np.kron(I, sx))
    np.testing.assert_allclose(k_body_drive(3, 1.0, 1), V)
    np.testing.assert_allclose(k_body_drive(3, 1.0, 3)[0, 7], 3.0)


def test_binder_speedup_and_speed_limit():
    for N in (2, 5):
        par, glo = drive_charge(N, 1.0, 1), drive_charge(N, 1.0, N)
        assert glo.charging_time / par.charging_time == pytest.approx(1 / N, abs=1e-10)
        V = k_body_drive(N, 1.0, N)
        psi0 = np.zeros(2**N)
        psi0[0] = 1
        target = np.zeros(2**N)
        target[-1] = 1
        assert mandelstam_tamm_time(psi0, target, V) == pytest.approx(glo.charging_time, rel=1e-12)
        Vp = k_body_drive(N, 1.0, 1)
        assert mandelstam_tamm_time(psi0, target, Vp) < par.charging_time


def test_charging_figures_on_closed_form_curve():
    # one qubit driven by g sigma_x: E = sin^2(g t); tau_bar solves tan x = 2x
    g = 0.3
    ch = ClosedCharging.build(g * np.array([[0.0, 1.0], [1.0, 0.0]]), [1.0, 0.0], [0.0, 1.0])
    f = charging_figures(ch, 8.0, n_grid=200)
    x = brentq(lambda x: math.tan(x) - 2 * x, 1.0, 1.5)
    assert f.tau_p_max == pytest.approx(x / g, rel=1e-12)
    assert f.p_max == pytest.approx(g * math.sin(x) ** 2 / x, rel=1e-12)
    assert f.tau_energy_max_first == pytest.approx(math.pi / (2 * g), rel=1e-12)
    c = charging_curve(ch, np.linspace(0, 5, 11))
    np.testing.assert_allclose(c.energy, np.sin(g * c.times) ** 2, atol=1e-14)
    np.testing.assert_allclose(c.instantaneous_power, g * np.sin(2 * g * c.times), atol=1e-14)


def test_fit_power_law_exact():
    N = np.array([2, 4, 8, 16])
    fit = fit_power_law(N, 3.0 * N**0.5)
    assert fit.exponent == pytest.approx(0.5, abs=1e-12)
    assert fit.prefactor == pytest.approx(3.0, rel=1e-12)
    with pytest.raises(ValueError, match="positive"):
        fit_power_law([1, 2], [1, -1])


def test_bad_inputs():
    with pytest.raises(ValueError, match="divisor"):
        k_body_drive(4, 1.0, 3)
    with pytest.raises(ValueError, match=">= 1"):
        k_body_drive(0, 1.0, 1)
    with pytest.raises(ValueError, match="g"):
        k_body_drive(2, -1.0, 1)
    with pytest.raises(ValueError, match="tau_max"):
        charging_figures(ClosedCharging.build(np.eye(2), [1.0, 0.0], [0.0, 1.0]), -1.0)


@pytest.mark.parametrize("method", ["eigh", "chebyshev"])
def test_closed_charging_complex_hamiltonian_against_expm(method):
    from scipy.linalg import expm

    rng = np.random.default_rng(7)
    A = rng.normal(size=(6, 6)) + 1j * rng.normal(size=(6, 6))
    H = (A + A.conj().T) / 2
    psi0 = rng.normal(size=6) + 1j * rng.normal(size=6)
    psi0 /= np.linalg.norm(psi0)
    K = np.arange(6.0)
    ch = ClosedCharging.build(H, psi0, K, method=method)
    t = np.array([0.0, 0.7, 2.5, 1.1])
    ref = np.array([expm(-1j * H * s) @ psi0 for s in t])
    np.testing.assert_allclose(ch.states(t), ref, atol=1e-11)
    E, P = ch.energy_and_power(t)
    np.testing.assert_allclose(E, (np.abs(ref) ** 2) @ K, atol=1e-11)
    Kd = np.diag(K)
    P_ref = [np.real(np.vdot(v, 1j * (H @ Kd - Kd @ H) @ v)) for v in ref]
    np.testing.assert_allclose(P, P_ref, atol=1e-10)
