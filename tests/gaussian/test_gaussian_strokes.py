"""Gaussian stroke machines: Fock-space stroke layer, closed forms, first law, bad input."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize_scalar

import quantherm.machines.stroke as qs
from quantherm.core.operators import number
from quantherm.core.states import bose_occupation
from quantherm.gaussian import (
    GaussianBathStroke,
    GaussianCycle,
    GaussianMapStroke,
    GaussianOpenSystem,
    GaussianQuenchStroke,
    GaussianUnitaryStroke,
    coupled_oscillators_otto_cycle,
    gaussian_limit_cycle,
    gaussian_oscillator_otto_cycle,
    local_dissipator,
    mean_occupations,
    oscillators_hamiltonian,
    propagator,
    squeezed_otto_cycle,
    squeezed_otto_efficiency_max_power,
    squeezed_otto_work,
    symplectic_residual,
    thermal_covariance,
    vacuum_covariance,
    williamson,
)

OTTO = {"omega_h": 2.0, "omega_c": 1.0, "T_h": 1.0, "T_c": 0.3}
TAUS = {"tau_hot": 0.7, "tau_cold": 1.3, "gamma": 0.5}


def _fock(n_levels: int) -> qs.LimitCycle:
    return qs.limit_cycle(qs.oscillator_otto_cycle(*OTTO.values(), **TAUS, n_levels=n_levels))


def _first_law_ok(lc, tol: float = 1e-12) -> None:
    for s in lc.strokes:
        assert s.first_law_residual < tol, s.name
    assert lc.first_law_residual < tol
    assert np.all(lc.uncertainty_margin > -1e-12)


def test_oscillator_otto_matches_fock_stroke_layer() -> None:
    g = gaussian_limit_cycle(gaussian_oscillator_otto_cycle(*OTTO.values(), **TAUS))
    f = _fock(16)
    _first_law_ok(g)
    assert abs(g.work - float(f.work)) < 1e-8
    for k in ("hot", "cold"):
        assert abs(g.heat[k] - float(f.heat[k])) < 1e-8
    # occupations at every boundary agree with <a^dag a> of the Fock states
    n_fock = np.einsum("ij,kji->k", number(16), f.states).real
    assert np.allclose(mean_occupations(g.states)[:, 0], n_fock, atol=1e-8, rtol=0)
    for gs, fs in zip(g.strokes, f.strokes, strict=True):
        assert gs.name == fs.name
        for k, q in fs.heat.items():
            assert abs(gs.heat[k] - float(q)) < 1e-8
        assert abs(gs.entropy_production - float(fs.entropy_production)) < 1e-8
    # quench works differ by the zero-point term (omega_c - omega_h)/2, kept here only
    assert abs(g.strokes[1].work - float(f.strokes[1].work) + 0.5) < 1e-8
    assert abs(g.strokes[3].work - float(f.strokes[3].work) - 0.5) < 1e-8


def test_fock_converges_to_gaussian_with_cutoff() -> None:
    g = gaussian_limit_cycle(gaussian_oscillator_otto_cycle(*OTTO.values(), **TAUS))
    errs = [abs(float(_fock(n).work) - g.work) for n in (4, 7, 10)]
    assert errs[0] > errs[1] > errs[2]
    assert errs[0] > 1e-6 and errs[2] < 1e-9


@pytest.mark.parametrize("tau", [0.05, 0.8, 20.0])
def test_oscillator_otto_efficiency_closed_form(tau: float) -> None:
    lc = gaussian_limit_cycle(
        gaussian_oscillator_otto_cycle(3.0, 1.2, 2.0, 0.4, tau_hot=tau, tau_cold=2 * tau)
    )
    _first_law_ok(lc)
    assert lc.work < 0
    assert abs(lc.efficiency - (1 - 1.2 / 3.0)) < 1e-10
    assert lc.efficiency < lc.carnot_efficiency
    assert lc.entropy_production > 0
    assert lc.thermal == {"hot", "cold"}


def test_limit_cycle_is_the_attracting_fixed_point() -> None:
    cyc = coupled_oscillators_otto_cycle(
        [1.0, 1.3], 0.2, 2.0, 3.0, 0.5, tau_hot=2.0, tau_cold=3.0, gamma=0.3
    )
    lc = gaussian_limit_cycle(cyc)
    F, Q = lc.cycle_map
    assert np.allclose(F @ lc.sigma @ F.T + Q, lc.sigma, atol=1e-12, rtol=0)
    assert np.allclose(lc.states[-1], lc.states[0], atol=1e-12, rtol=0)
    s = vacuum_covariance(2)
    for _ in range(400):
        for stroke in cyc.strokes:
            s = stroke.apply(s)
    assert np.allclose(s, lc.sigma, atol=1e-10, rtol=0)
    assert np.max(np.abs(lc.spectrum())) < 1


def test_coupled_oscillators_otto_closed_forms() -> None:
    g, c, Th, Tc = 0.4, 2.0, 3.0, 0.5
    short = gaussian_limit_cycle(
        coupled_oscillators_otto_cycle([1.0, 1.3], g, c, Th, Tc, tau_hot=1.0, tau_cold=1.5)
    )
    _first_law_ok(short)
    assert abs(short.efficiency - (1 - 1 / c)) < 1e-10
    long = gaussian_limit_cycle(
        coupled_oscillators_otto_cycle(
            [1.0, 1.3], g, c, Th, Tc, tau_hot=2000.0, tau_cold=3000.0, gamma=0.3
        )
    )
    nu, _ = williamson(oscillators_hamiltonian([1.0, 1.3], [[0, g], [g, 0]]))
    W = -np.sum((nu - nu / c) * (bose_occupation(nu, Th) - bose_occupation(nu / c, Tc)))
    assert abs(long.work - W) < 1e-10


def test_bath_heat_is_the_exact_time_integral_and_work_of_the_drive() -> None:
    H0 = oscillators_hamiltonian([1.0, 1.5])
    H = oscillators_hamiltonian([1.0, 1.5], [[0, 0.3], [0.3, 0]], coupling="rwa")
    model = GaussianOpenSystem(
        H,
        {"hot": local_dissipator(2, 0, 0.4, 1.5), "cold": local_dissipator(2, 1, 0.2, 0.1)},
        temperatures={"hot": 3.0, "cold": 0.5},
        H_energy=H0,
    )
    tau = 2.3
    stroke = GaussianBathStroke(system=model, duration=tau, name="local")
    s0 = thermal_covariance([0.3, 0.8])
    b = stroke.book(s0)
    x, w = np.polynomial.legendre.leggauss(60)
    t = 0.5 * tau * (x + 1)
    sig = model.evolve(s0, t)
    J = model.heat_currents(sig)
    for k in ("hot", "cold"):
        assert abs(b.heat[k] - 0.5 * tau * np.dot(w, J[k])) < 1e-11
    assert abs(b.work - 0.5 * tau * np.dot(w, model.power(sig))) < 1e-11
    assert abs(b.work) > 1e-3  # the coupling does work in the local bookkeeping
    assert np.allclose(b.sigma_end, model.evolve(s0, [tau])[0], atol=1e-12, rtol=0)


def test_single_bath_stroke_cycle_is_the_steady_state() -> None:
    H0 = oscillators_hamiltonian([1.0, 1.0])
    H = oscillators_hamiltonian([1.0, 1.0], [[0, 0.05], [0.05, 0]], coupling="rwa")
    model = GaussianOpenSystem(
        H,
        {"hot": local_dissipator(2, 0, 0.1, 1.2), "cold": local_dissipator(2, 1, 0.1, 0.2)},
        temperatures={"hot": 2.0, "cold": 0.5},
        H_energy=H0,
    )
    lc = gaussian_limit_cycle(GaussianCycle((GaussianBathStroke(system=model, duration=3.0),)))
    ss = model.steady_state()
    J = model.heat_currents(ss)
    assert np.allclose(lc.sigma, ss, atol=1e-12, rtol=0)
    for k in ("hot", "cold"):
        assert abs(lc.heat[k] - 3.0 * J[k]) < 1e-12
    _first_law_ok(lc)


@pytest.mark.parametrize("r", [0.0, 0.3, 0.8])
def test_squeezed_otto_matches_rossnagel_closed_forms(r: float) -> None:
    lc = gaussian_limit_cycle(squeezed_otto_cycle(2.0, 1.2, 1.0, 0.5, r, tau_hot=60, tau_cold=60))
    _first_law_ok(lc)
    assert abs(lc.work - squeezed_otto_work(2.0, 1.2, 1.0, 0.5, r)) < 1e-10
    assert abs(lc.efficiency - (1 - 1.2 / 2.0)) < 1e-10
    assert ("hot" in lc.thermal) is (r == 0.0)


def test_squeezed_otto_efficiency_at_max_power_and_beyond_carnot() -> None:
    def work(wc: float) -> float:
        cyc = squeezed_otto_cycle(2.0, wc, 1.0, 0.5, 0.4, tau_hot=50, tau_cold=50)
        return gaussian_limit_cycle(cyc).work

    res = minimize_scalar(work, bounds=(0.5, 2.0), method="bounded", options={"xatol": 1e-10})
    assert abs((1 - res.x / 2.0) - squeezed_otto_efficiency_max_power(2.0, 1.0, 0.5, 0.4)) < 1e-7
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        lc = gaussian_limit_cycle(
            squeezed_otto_cycle(2.0, 0.8, 1.0, 0.5, 1.0, tau_hot=5, tau_cold=5)
        )
    assert lc.work < 0 and lc.efficiency > lc.carnot_efficiency + 0.05


def test_unitary_strokes_constant_and_time_dependent() -> None:
    w0, w1, tau = 1.0, 2.5, 1.7
    s0 = np.array([[1.3, 0.2], [0.2, 0.6]])
    ramp = GaussianUnitaryStroke(H=lambda t: (w0 + (w1 - w0) * t / tau) * np.eye(2), duration=tau)
    exact = propagator(np.eye(2), w0 * tau + 0.5 * (w1 - w0) * tau)
    assert np.allclose(ramp.affine()[0], exact, atol=1e-10, rtol=0)
    b = ramp.book(s0)
    assert abs(b.work - 0.5 * (w1 - w0) * np.trace(s0)) < 1e-10
    H = oscillators_hamiltonian([1.0, 1.4], [[0, 0.2], [0.2, 0]])
    Hb = oscillators_hamiltonian([1.4, 1.0], [[0, 0.1], [0.1, 0]])
    friction = GaussianUnitaryStroke(H=lambda t: H + (Hb - H) * t / 0.9, duration=0.9)
    assert symplectic_residual(friction.S) < 1e-10
    const = GaussianUnitaryStroke(H=H, duration=0.9)
    assert np.allclose(const.S, propagator(H, 0.9), atol=1e-14)
    sig = thermal_covariance([0.4, 0.1])
    assert abs(const.book(sig).work - 0.5 * np.trace(H @ (const.apply(sig) - sig))) < 1e-13


def test_map_stroke_thermal_attenuator_as_a_bath() -> None:
    w_h, w_c, T_h, T_c, p = 2.0, 1.0, 1.5, 0.4, 0.6

    def attenuator(w: float, T: float, name: str) -> GaussianMapStroke:
        n = bose_occupation(w, T)
        return GaussianMapStroke(
            X=np.sqrt(1 - p) * np.eye(2),
            Y=p * (n + 0.5) * np.eye(2),
            H_energy=w * np.eye(2),
            book_as=name,
            temperature=T,
            name=name,
        )

    Hh, Hc = w_h * np.eye(2), w_c * np.eye(2)
    cyc = GaussianCycle(
        (
            attenuator(w_h, T_h, "hot"),
            GaussianQuenchStroke(H_initial=Hh, H_final=Hc),
            attenuator(w_c, T_c, "cold"),
            GaussianQuenchStroke(H_initial=Hc, H_final=Hh),
        )
    )
    lc = gaussian_limit_cycle(cyc)
    _first_law_ok(lc)
    assert lc.thermal == {"hot", "cold"}
    assert abs(lc.efficiency - 0.5) < 1e-12
    # closed form: occupations after each map, e_h = (1-p) e_c + p(n_h + 1/2), and vice versa
    eh, ec = bose_occupation(w_h, T_h) + 0.5, bose_occupation(w_c, T_c) + 0.5
    x = (p * eh + (1 - p) * p * ec) / (1 - (1 - p) ** 2)
    assert abs(lc.heat["hot"] - w_h * (x - np.trace(lc.sigma) / 2)) < 1e-12


def test_bad_input_errors() -> None:
    H = np.eye(2)
    with pytest.raises(ValueError, match="contracting"):
        gaussian_limit_cycle(GaussianCycle((GaussianUnitaryStroke(H=H, duration=1.0),)))
    with pytest.raises(ValueError, match="must form a cycle"):
        GaussianCycle((GaussianQuenchStroke(H_initial=H, H_final=2 * H),))
    with pytest.raises(ValueError, match="same modes"):
        GaussianCycle(
            (
                GaussianQuenchStroke(H_initial=H, H_final=H),
                GaussianQuenchStroke(H_initial=np.eye(4), H_final=np.eye(4)),
            )
        )
    with pytest.raises(TypeError, match="GaussianStroke"):
        GaussianCycle((qs.QuenchStroke(H_initial=np.eye(2), H_final=np.eye(2)),))
    with pytest.raises(ValueError, match="at least one stroke"):
        GaussianCycle(())
    with pytest.raises(TypeError, match="GaussianCycle"):
        gaussian_limit_cycle([GaussianQuenchStroke(H_initial=H, H_final=H)])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="duration"):
        GaussianUnitaryStroke(H=H, duration=0.0)
    with pytest.raises(ValueError, match="symmetric"):
        GaussianQuenchStroke(H_initial=np.array([[1.0, 0.5], [0.0, 1.0]]), H_final=H)
    with pytest.raises(ValueError, match="Gaussian channel"):
        GaussianMapStroke(X=2 * np.eye(2), Y=np.zeros((2, 2)), H_energy=H)
    with pytest.raises(ValueError, match="`temperature` needs a heat channel"):
        GaussianMapStroke(X=np.eye(2), Y=np.zeros((2, 2)), H_energy=H, temperature=1.0)
    with pytest.raises(TypeError, match="GaussianOpenSystem"):
        GaussianBathStroke(system="bath", duration=1.0)  # type: ignore[arg-type]
    model = GaussianOpenSystem(H, {"b": local_dissipator(1, 0, 1.0, 0.1)}, temperatures={"x": 1.0})
    with pytest.raises(ValueError, match="without a dissipator"):
        GaussianBathStroke(system=model, duration=1.0)
    with pytest.raises(ValueError, match="unbounded below"):
        coupled_oscillators_otto_cycle([1.0, 1.0], 0.6, 2.0, 1.0, 0.5, tau_hot=1, tau_cold=1)


@settings(max_examples=25, deadline=None)
@given(
    w=st.tuples(st.floats(0.5, 3.0), st.floats(0.5, 3.0)),
    x=st.floats(0.0, 0.45),
    temps=st.tuples(st.floats(0.1, 3.0), st.floats(0.1, 3.0)),
    rates=st.tuples(st.floats(0.01, 1.0), st.floats(0.01, 1.0)),
    coupling=st.sampled_from(["xx", "rwa"]),
    tau=st.floats(0.1, 5.0),
)
def test_thermal_channels_obey_spohn_and_clausius(w, x, temps, rates, coupling, tau) -> None:
    """Local baths (Gibbs-preserving for the bare H_E) with the coupling as a drive."""
    g = x * np.sqrt(w[0] * w[1])
    H0 = oscillators_hamiltonian(list(w))
    H = oscillators_hamiltonian(list(w), [[0, g], [g, 0]], coupling=coupling)
    names = ("a", "b")
    model = GaussianOpenSystem(
        H,
        {
            k: local_dissipator(2, j, rates[j], bose_occupation(w[j], temps[j]))
            for j, k in enumerate(names)
        },
        temperatures=dict(zip(names, temps, strict=True)),
        H_energy=H0,
    )
    lc = gaussian_limit_cycle(GaussianCycle((GaussianBathStroke(system=model, duration=tau),)))
    assert lc.thermal == set(names)
    _first_law_ok(lc)
    assert lc.strokes[0].entropy_production > -1e-10
    assert -sum(lc.heat[k] / T for k, T in lc.temperatures.items()) > -1e-10
