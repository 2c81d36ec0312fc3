"""Exact two-oscillator heat current (Langevin/Green's function) and the driven-fridge solver."""

from __future__ import annotations

import numpy as np
import pytest

import quantherm.gaussian as qg
from quantherm.baths import Bath, CallableSpectrum
from quantherm.core.states import bose_occupation


def _markov_currents(wh, wc, lam, gam, Th, Tc, coupling, cutoff):
    H = qg.oscillators_hamiltonian([wh, wc], [[0, lam], [lam, 0]], coupling=coupling)
    u = np.zeros((2, 4))
    u[0, 0] = u[1, 2] = np.sqrt(2.0)

    def spec(wj):
        return CallableSpectrum(lambda w: qg.two_oscillator_spectral_density(w, wj, gam, cutoff))

    glob = qg.GaussianOpenSystem(
        H,
        {
            "hot": qg.global_dissipator(H, u[0], Bath(name="hot", T=Th, spectral_density=spec(wh))),
            "cold": qg.global_dissipator(
                H, u[1], Bath(name="cold", T=Tc, spectral_density=spec(wc))
            ),
        },
    )
    loc = qg.GaussianOpenSystem(
        H,
        {
            "hot": qg.local_dissipator(2, 0, gam, bose_occupation(wh, Th)),
            "cold": qg.local_dissipator(2, 1, gam, bose_occupation(wc, Tc)),
        },
        H_energy=qg.oscillators_hamiltonian([wh, wc]),
    )
    return (
        float(glob.heat_currents(glob.steady_state())["hot"]),
        float(loc.heat_currents(loc.steady_state())["hot"]),
    )


@pytest.mark.parametrize("coupling", ["xx", "rwa"])
def test_exact_current_tends_to_global_at_weak_bath_coupling(coupling):
    # detuned oscillators, lam >> gamma: the global (eigenmode) equation is valid
    args = (1.5, 1.0, 0.1, 1e-3, 2.0, 0.5)
    exact = qg.exact_two_oscillator_current(*args, coupling=coupling, cutoff=30.0)
    glob, loc = _markov_currents(*args, coupling, 30.0)
    assert abs(exact - glob) < 2e-4 * abs(glob)
    assert abs(exact - loc) > 0.1 * abs(exact)  # and the local one is wrong there


@pytest.mark.parametrize("coupling", ["xx", "rwa"])
def test_exact_current_tends_to_local_for_weak_internal_coupling(coupling):
    # resonant oscillators, lam << gamma << w: the local equation is valid
    args = (1.0, 1.0, 3e-4, 3e-3, 2.0, 0.5)
    exact = qg.exact_two_oscillator_current(*args, coupling=coupling, cutoff=30.0)
    _, loc = _markov_currents(*args, coupling, 30.0)
    assert abs(exact - loc) < 2e-4 * abs(loc)


def test_exact_current_signs_and_equilibrium():
    J = qg.exact_two_oscillator_current(1.2, 1.0, 0.2, 0.05, 1.0, 0.3)
    assert J > 0
    assert qg.exact_two_oscillator_current(1.2, 1.0, 0.2, 0.05, 0.3, 1.0) < 0
    assert qg.exact_two_oscillator_current(1.2, 1.0, 0.2, 0.05, 0.7, 0.7) == 0.0
    # strong coupling still finite and smaller than the weak-coupling global estimate
    strong = qg.exact_two_oscillator_current(1.2, 1.0, 0.2, 0.5, 1.0, 0.3)
    assert np.isfinite(strong) and strong > 0


def test_exact_current_bad_input():
    with pytest.raises(ValueError, match="stable"):
        qg.exact_two_oscillator_current(1.0, 1.0, 0.6, 0.01, 1.0, 0.5, coupling="xx")
    with pytest.raises(ValueError, match="'ohmic'"):
        qg.exact_two_oscillator_current(1.0, 1.0, 0.1, 0.01, 1.0, 0.5, spectrum="flat")
    with pytest.raises(ValueError, match="coupling"):
        qg.exact_two_oscillator_current(1.0, 1.0, 0.1, 0.01, 1.0, 0.5, coupling="yy")
    with pytest.raises(ValueError, match="T_c"):
        qg.exact_two_oscillator_current(1.0, 1.0, 0.1, 0.01, 1.0, -0.5)


def test_drude_self_energy_kramers_kronig():
    # Im Pi = J/2 and Re Pi from the principal-value integral (numerical check at one point)
    from scipy import integrate

    alpha, Lam, nu = 0.3, 5.0, 1.3
    J = lambda w: alpha * w * Lam**2 / (w**2 + Lam**2)  # noqa: E731
    # J(w)/w = alpha Lam^2/(w^2 + Lam^2); the PV integral uses the weight 1/(w - nu)
    f = lambda w: alpha * Lam**2 / (w**2 + Lam**2) * nu**2 / (w + nu) / np.pi  # noqa: E731
    re, _ = integrate.quad(f, 0, 200 * Lam, weight="cauchy", wvar=nu, limit=400)
    tail = integrate.quad(lambda w: J(w) * nu**2 / (w * (w**2 - nu**2)) / np.pi, 200 * Lam, np.inf)[
        0
    ]
    Pi = qg.drude_self_energy(nu, alpha, Lam)
    assert abs(Pi.imag - J(nu) / 2) < 1e-14
    assert abs(Pi.real - (re + tail)) < 1e-8


def test_floquet_fridge_formulas_agree_and_converge_in_k():
    kw = {"w1": 1.0, "w2": 3.0, "lam": 0.3, "w_d": 2.0, "gamma": 0.1, "cutoff": 3.0}
    f5 = qg.DrivenTwoOscillatorFridge(**kw, harmonics=5)
    f3 = qg.DrivenTwoOscillatorFridge(**kw, harmonics=3)
    c5, c3 = f5.currents(0.3, 0.6), f3.currents(0.3, 0.6)
    assert abs(c5.heat_c - c5.heat_c_direct) < 1e-10 * abs(c5.heat_c)
    assert abs(c5.heat_h - c5.heat_h_direct) < 1e-10 * abs(c5.heat_h)
    assert abs(c5.heat_c - c3.heat_c) < 1e-6 * abs(c5.heat_c)
    assert c5.heat_c_resonant + c5.heat_c_pair_creation == pytest.approx(c5.heat_c, rel=1e-12)
    # without drive nothing flows between equal temperatures and pair creation vanishes
    f0 = qg.DrivenTwoOscillatorFridge(**{**kw, "lam": 0.0}, harmonics=2)
    c0 = f0.currents(0.0, 0.0)
    assert abs(c0.heat_c) < 1e-15 and abs(c0.power) < 1e-15
    with pytest.raises(ValueError, match="lam"):
        qg.DrivenTwoOscillatorFridge(**{**kw, "lam": 5.0})


def test_rwa_fridge_matches_closed_form():
    w1, w2, lam, gam, Lam, Tc, Th = 1.0, 3.0, 0.3, 0.1, 3.0, 0.4, 0.2
    Jc, Jh = qg.rwa_fridge_currents(w1=w1, w2=w2, lam=lam, gamma=gam, cutoff=Lam, T_c=Tc, T_h=Th)
    g = lam / (4 * np.sqrt(w1 * w2))
    Gc, Gh = 2 * gam * np.exp(-((w1 / Lam) ** 2)), 2 * gam * np.exp(-((w2 / Lam) ** 2))
    nc, nh = bose_occupation(w1, Tc), bose_occupation(w2, Th)
    closed = w1 * 4 * g**2 * Gc * Gh * (nc - nh) / ((Gc + Gh) * (Gc * Gh + 4 * g**2))
    assert abs(Jc - closed) < 1e-12 * abs(closed)
    assert abs(Jh + Jc * w2 / w1) < 1e-12 * abs(Jh)
