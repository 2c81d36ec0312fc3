"""Laws as properties, bad input, non-unique limit cycles and the ready-made engines."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quantherm.baths import Bath, FlatSpectrum
from quantherm.core.operators import qeye, sigmax, sigmaz
from quantherm.core.states import gibbs_state
from quantherm.dynamics.master import lindblad, master_equation
from quantherm.machines.stroke import (
    BathStroke,
    Cycle,
    DephasingStroke,
    MapStroke,
    NonUniqueLimitCycleWarning,
    QuenchStroke,
    UnitaryStroke,
    carnot_cycle,
    choi_matrix,
    compare_engines,
    continuous_engine,
    dephased,
    limit_cycle,
    match_eigenvalues,
    multilevel_otto_cycle,
    nv_qubit_generators,
    oscillator_otto_cycle,
    qubit_otto_cycle,
    stochastic_work_bound,
    swap_engine_generators,
    two_stroke_engine,
)


def _herm(rng: np.random.Generator, d: int) -> np.ndarray:
    A = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    return (A + A.conj().T) / 2


# ----------------------------------------------------------------------------- properties
@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**31 - 1),
    d=st.integers(2, 4),
    T1=st.floats(0.2, 10.0),
    T2=st.floats(0.2, 10.0),
    t1=st.floats(0.01, 5.0),
    t2=st.floats(0.01, 5.0),
)
def test_random_two_bath_cycle_laws(
    seed: int, d: int, T1: float, T2: float, t1: float, t2: float
) -> None:
    """First law per stroke to 1e-12; limit-cycle states PSD, trace one; closure; Clausius."""
    rng = np.random.default_rng(seed)
    H1, H2, A = _herm(rng, d), _herm(rng, d), _herm(rng, d)
    b1 = Bath(name="one", T=T1, spectral_density=FlatSpectrum(0.5))
    b2 = Bath(name="two", T=T2, spectral_density=FlatSpectrum(0.5))
    cyc = Cycle(
        (
            BathStroke(master=master_equation(H1, [(A, b1)]), duration=t1),
            QuenchStroke(H_initial=H1, H_final=H2),
            BathStroke(master=master_equation(H2, [(A, b2)]), duration=t2),
            DephasingStroke(H=H2, strength=0.3),
            UnitaryStroke(H=A, duration=0.5, H_energy=(H2, H2)),
            QuenchStroke(H_initial=H2, H_final=H1),
        )
    )
    lc = limit_cycle(cyc)
    for s in lc.strokes:
        scale = max(1.0, float(np.max(np.abs(H1))), float(np.max(np.abs(H2))))
        assert float(s.first_law_residual) < 1e-12 * scale
    assert float(lc.first_law_residual) < 1e-11 * scale
    lam = np.linalg.eigvalsh(lc.states)
    assert np.min(lam) > -1e-12
    assert np.allclose(np.trace(lc.states, axis1=-2, axis2=-1), 1.0, atol=1e-12)
    assert np.max(np.abs(lc.states[-1] - lc.states[0])) < 1e-10
    assert float(lc.entropy_production) > -1e-9  # Clausius: -sum Q_k/T_k >= 0
    for s in lc.strokes:  # Spohn per stroke for Davies baths; dephasing and unitaries >= 0 too
        assert float(s.entropy_production) > -1e-9


@settings(max_examples=25, deadline=None)
@given(
    eps=st.floats(0.01, 3.0),
    tau=st.floats(0.005, 6.0),
    gh=st.floats(0.1, 3.0),
    gc=st.floats(0.1, 3.0),
    Th=st.floats(2.5, 20.0),
    Tc=st.floats(0.1, 1.0),
)
def test_dephased_swap_engine_below_stochastic_bound(
    eps: float, tau: float, gh: float, gc: float, Th: float, Tc: float
) -> None:
    # engine regime: T_h/T_c > w_h/w_c = 2 (p_h > p_c), where the bound is a maximum of extraction
    gen = swap_engine_generators(2.0, 1.0, Th, Tc, gh, gc, eps)
    w = -limit_cycle(dephased(two_stroke_engine(gen, tau), gen.H0)).work
    assert float(w) <= float(stochastic_work_bound(gen, tau)) * (1 + 1e-10) + 1e-15


@settings(max_examples=25, deadline=None)
@given(
    theta=st.floats(0.01, 3.1),
    k1=st.floats(0.01, 6.0),
    extra=st.floats(0.0, 5.0),
    z=st.floats(0.05, 1.0),
)
def test_dephased_nv_engine_below_stochastic_bound(
    theta: float, k1: float, extra: float, z: float
) -> None:
    gen = nv_qubit_generators(1.0, z, theta, k1, k1 / 2 + extra)
    w = -limit_cycle(dephased(two_stroke_engine(gen, 1.0), gen.H0)).work
    assert float(w) <= float(stochastic_work_bound(gen, 1.0)) * (1 + 1e-10) + 1e-15


def test_coherent_engine_beats_bound_at_small_action_only() -> None:
    gen = swap_engine_generators(2.0, 1.0, 8.0, 1.0, 1.0, 1.0, 0.5)
    tau = np.array([0.02, 2.0])
    ratio = -limit_cycle(two_stroke_engine(gen, tau)).work / stochastic_work_bound(gen, tau)
    assert ratio[0] > 10 and ratio[1] < 1


# ----------------------------------------------------------------------------- bad input
def _bath(H: np.ndarray, name: str = "b", T: float = 1.0) -> BathStroke:
    return BathStroke(master=master_equation(H, [(sigmax(), Bath(name=name, T=T))]), duration=1.0)


def test_not_a_cycle_raises() -> None:
    with pytest.raises(ValueError, match="must form a cycle"):
        Cycle((_bath(sigmaz()), _bath(2 * sigmaz())))


def test_different_hilbert_spaces_raise() -> None:
    H3 = np.diag([0.0, 1.0, 2.0]).astype(complex)
    other = BathStroke(
        master=master_equation(H3, [(np.ones((3, 3)) - np.eye(3), Bath(name="b", T=1.0))]),
        duration=1.0,
    )
    with pytest.raises(ValueError, match="same system"):
        Cycle((_bath(sigmaz()), other))


def test_empty_and_wrong_kinds_raise() -> None:
    with pytest.raises(ValueError, match="at least one stroke"):
        Cycle(())
    with pytest.raises(TypeError, match="must be a Stroke"):
        Cycle((_bath(sigmaz()), "hot"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be a MasterEquation"):
        BathStroke(master=sigmaz(), duration=1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be a Cycle"):
        limit_cycle([_bath(sigmaz())])  # type: ignore[arg-type]


@pytest.mark.parametrize("tau", [0.0, -1.0, [0.5, 0.0], np.inf])
def test_non_positive_durations_raise(tau) -> None:
    me = master_equation(sigmaz(), [(sigmax(), Bath(name="b", T=1.0))])
    with pytest.raises(ValueError, match="must be finite and > 0"):
        BathStroke(master=me, duration=tau)
    with pytest.raises(ValueError, match="must be finite and > 0"):
        UnitaryStroke(H=sigmax(), duration=tau)


def test_non_cptp_maps_raise() -> None:
    transpose = np.zeros((4, 4), complex)  # X -> X^T: positive but not completely positive
    for i in range(2):
        for j in range(2):
            transpose[j + 2 * i, i + 2 * j] = 1.0
    with pytest.raises(ValueError, match="not completely positive"):
        MapStroke(superoperator=transpose, H_energy=sigmaz())
    with pytest.raises(ValueError, match="does not preserve the trace"):
        MapStroke(kraus=[0.5 * qeye(2)], H_energy=sigmaz())
    with pytest.raises(ValueError, match="exactly one of"):
        MapStroke(H_energy=sigmaz())
    with pytest.raises(ValueError, match="Hilbert space"):
        MapStroke(kraus=[qeye(3)], H_energy=sigmaz())


def test_choi_matrix_of_identity_is_maximally_entangled() -> None:
    J = choi_matrix(np.eye(4))
    phi = np.array([1, 0, 0, 1.0])
    assert np.allclose(J, np.outer(phi, phi))


def test_dephasing_strength_out_of_range_raises() -> None:
    with pytest.raises(ValueError, match=r"must be in \[0, 1\]"):
        DephasingStroke(H=sigmaz(), strength=1.5)


# ----------------------------------------------------------------------------- non-unique
def test_non_unique_limit_cycle_is_reported() -> None:
    """Pure dephasing keeps every diagonal state: eigenvalue 1 has multiplicity d."""
    H = np.diag([0.0, 1.0, 2.5]).astype(complex)
    me = lindblad(H, {"dephasing": [(H, 0.7)]})
    cyc = Cycle((BathStroke(master=me, duration=1.0),))
    rho0 = np.array([[0.5, 0.1, 0], [0.1, 0.3, 0], [0, 0, 0.2]], complex)
    with pytest.warns(NonUniqueLimitCycleWarning, match="not unique"):
        lc = limit_cycle(cyc, rho0=rho0)
    assert int(lc.multiplicity) == 3 and not bool(lc.unique)
    assert np.allclose(lc.rho, np.diag(np.diag(rho0)), atol=1e-12)


def test_unique_limit_cycle_flag() -> None:
    lc = limit_cycle(qubit_otto_cycle(2.0, 1.0, 4.0, 0.5, tau_hot=1.0, tau_cold=1.0))
    assert bool(lc.unique) and int(lc.multiplicity) == 1


# ----------------------------------------------------------------------------- engines
def test_qubit_otto_efficiency_and_work_closed_form() -> None:
    wh, wc, Th, Tc = 2.0, 1.0, 4.0, 0.5
    taus = np.geomspace(0.05, 60.0, 7)
    lc = limit_cycle(qubit_otto_cycle(wh, wc, Th, Tc, tau_hot=taus, tau_cold=taus))
    assert np.allclose(lc.efficiency, 1 - wc / wh, rtol=1e-10)
    W_full = (
        -(wh - wc) / 2 * (np.tanh(wc / (2 * Tc)) - np.tanh(wh / (2 * Th)))
    )  # full thermalisation
    assert float(lc.work[-1]) == pytest.approx(W_full, rel=1e-10)
    assert np.all(np.diff(-lc.work) > 0)  # longer strokes, more work per cycle
    assert np.all(lc.efficiency <= lc.carnot_efficiency)


def test_oscillator_otto_matches_bose_closed_form() -> None:
    wh, wc, Th, Tc = 2.0, 1.0, 3.0, 0.5
    lc = limit_cycle(
        oscillator_otto_cycle(wh, wc, Th, Tc, tau_hot=80.0, tau_cold=80.0, n_levels=16)
    )
    nh, nc = 1 / np.expm1(wh / Th), 1 / np.expm1(wc / Tc)
    assert float(-lc.work) == pytest.approx(
        (wh - wc) * (nh - nc), rel=1e-3
    )  # truncation at 16 levels
    assert float(lc.efficiency) == pytest.approx(1 - wc / wh, rel=1e-10)


def test_multilevel_otto_efficiency() -> None:
    lc = limit_cycle(
        multilevel_otto_cycle([0.0, 1.0, 2.5, 3.2], 2.5, 5.0, 0.5, tau_hot=2.0, tau_cold=2.0)
    )
    assert float(lc.efficiency) == pytest.approx(1 - 1 / 2.5, rel=1e-10)


def test_carnot_cycle_approaches_carnot() -> None:
    Th, Tc = 2.0, 1.0
    lc = limit_cycle(carnot_cycle(2.0, 1.0, Th, Tc, steps=40, tau_step=30.0))
    eta, eta_c = float(lc.efficiency), 1 - Tc / Th
    assert eta < eta_c
    assert eta == pytest.approx(eta_c, rel=0.02)
    assert float(lc.entropy_production) > 0
    coarse = limit_cycle(carnot_cycle(2.0, 1.0, Th, Tc, steps=5, tau_step=30.0))
    assert float(coarse.efficiency) < eta  # the quasi-static limit is approached from below


def test_finite_time_ramp_costs_work_when_noncommuting() -> None:
    """Linear-ramp unitary strokes: quantum friction when [H_h, H_c] != 0."""
    from quantherm.machines.stroke import otto_cycle

    hot = Bath(name="hot", T=4.0)
    cold = Bath(name="cold", T=0.5)
    Hh, Hc = sigmaz(), 0.5 * sigmaz() + 0.4 * sigmax()
    kw = {"hot": hot, "cold": cold, "coupling": sigmax(), "tau_hot": 5.0, "tau_cold": 5.0}
    slow = limit_cycle(otto_cycle(Hh, Hc, tau_unitary=40.0, **kw))
    fast = limit_cycle(otto_cycle(Hh, Hc, tau_unitary=0.3, **kw))
    assert float(-fast.work) < float(-slow.work)
    assert max(float(s.first_law_residual) for s in fast.strokes) < 1e-12


def test_continuous_engine_spectrum_equals_liouvillian_eigenvalues() -> None:
    gen = swap_engine_generators(2.0, 1.0, 8.0, 1.0, 1.0, 1.0, 0.5)
    lc = limit_cycle(continuous_engine(gen, 0.3))
    lam = np.linalg.eigvals(gen.master(drive=1.0, bath=1.0).liouvillian())
    _, diff = match_eigenvalues(lam, lc.relaxation_rates())
    assert float(diff) < 1e-10


def test_match_eigenvalues_beats_sorting() -> None:
    a = np.array([-1 + 0.01j, -1 - 0.01j, -2.0])
    b = np.array([-2.0 + 1e-4j, -1.0001 - 0.01j, -1.0001 + 0.01j])
    matched, diff = match_eigenvalues(a, b)
    assert float(diff) < 2e-4
    assert np.allclose(matched, [-1.0001 + 0.01j, -1.0001 - 0.01j, -2.0 + 1e-4j])


def test_compare_engines_equal_action_side_by_side() -> None:
    gen = swap_engine_generators(2.0, 1.0, 8.0, 1.0, 1.0, 1.0, 0.5)
    cmp = compare_engines(gen, np.array([0.02, 0.04]))
    assert set(cmp.engines) == {"continuous", "two_stroke", "four_stroke"}
    assert np.allclose(cmp.action, 2.5 * np.array([0.02, 0.04]))
    rel = cmp.work["two_stroke"] / cmp.work["continuous"] - 1
    assert rel[1] / rel[0] == pytest.approx(4.0, rel=1e-3)  # O(tau^2)
    assert cmp.eigenvalue_difference["two_stroke"][1] / cmp.eigenvalue_difference["two_stroke"][
        0
    ] == pytest.approx(8.0, rel=0.02)  # O(tau^3)
    with pytest.raises(ValueError, match="exactly two bath channels"):
        from quantherm.machines.stroke import four_stroke_engine

        four_stroke_engine(nv_qubit_generators(1.0, 0.8, 0.1, 0.2, 0.2), 1.0)


def test_bath_stroke_fixed_point_is_gibbs() -> None:
    """A single long global bath stroke relaxes to the Gibbs state (and books no work)."""
    H = np.diag([0.0, 0.7, 1.9]).astype(complex)
    A = np.ones((3, 3), complex) - np.eye(3)
    lc = limit_cycle(
        Cycle((BathStroke(master=master_equation(H, [(A, Bath(name="b", T=0.8))]), duration=2.0),))
    )
    assert np.allclose(lc.rho, gibbs_state(H, 0.8), atol=1e-12)
    assert abs(float(lc.strokes[0].work)) < 1e-14


def test_adiabatic_stroke_is_the_slow_limit_of_a_ramp() -> None:
    from quantherm.machines.stroke import AdiabaticStroke

    Hi, Hf = sigmaz(), 0.6 * sigmaz() + 0.8 * sigmax()
    rho = np.diag([0.2, 0.8]).astype(complex)  # thermal-like, diagonal in the eigenbasis of Hi
    S_ad = AdiabaticStroke(H_initial=Hi, H_final=Hf).propagator()
    T = 200.0
    S_ramp = UnitaryStroke(H=lambda t: Hi + (Hf - Hi) * t / T, duration=T, rtol=1e-10).propagator()
    from quantherm.core.superop import unvec, vec

    out_ad, out_ramp = unvec(S_ad @ vec(rho)), unvec(S_ramp @ vec(rho))
    _, V = np.linalg.eigh(Hf)
    pops = lambda r: np.real(np.diag(V.conj().T @ r @ V))  # noqa: E731
    assert np.allclose(pops(out_ad), [0.8, 0.2], atol=1e-12)  # ground population kept
    assert np.allclose(pops(out_ramp), pops(out_ad), atol=1e-3)  # adiabatic theorem
    with pytest.raises(ValueError, match="non-degenerate"):
        AdiabaticStroke(H_initial=qeye(2), H_final=sigmaz())


def test_relaxation_rates_of_erased_modes_are_minus_inf() -> None:
    lc = limit_cycle(qubit_otto_cycle(2.0, 1.0, 4.0, 0.5, tau_hot=400.0, tau_cold=400.0))
    rates = lc.relaxation_rates()
    assert rates[0] == pytest.approx(0.0, abs=1e-12)
    assert np.all(np.real(rates[1:]) < -0.01)
    assert np.isneginf(rates[-1].real) and rates[-1].imag == 0.0


def test_non_unique_limit_cycle_from_disconnected_blocks() -> None:
    """A bath that acts only inside {|0>,|1>} of a qutrit leaves |2> invariant: two limit cycles."""
    H = np.diag([0.0, 1.0, 3.0]).astype(complex)
    L = np.zeros((3, 3), complex)
    L[0, 1] = 1.0
    me = lindblad(H, {"b": [(L, 0.5), (L.conj().T, 0.2)]})
    cyc = Cycle((BathStroke(master=me, duration=1.0), UnitaryStroke(H=H, duration=0.3)))
    rho0 = np.diag([0.3, 0.3, 0.4]).astype(complex)
    with pytest.warns(NonUniqueLimitCycleWarning):
        lc = limit_cycle(cyc, rho0=rho0)
    assert int(lc.multiplicity) == 2
    assert float(np.real(lc.rho[2, 2])) == pytest.approx(
        0.4, abs=1e-12
    )  # the invariant block keeps its weight
    assert float(np.real(lc.rho[0, 0] / lc.rho[1, 1])) == pytest.approx(0.5 / 0.2, rel=1e-10)


def test_clausius_violation_warns() -> None:
    """Channels whose rates contradict their bath labels pump heat from cold to hot."""
    from quantherm.errors import ThermodynamicConsistencyWarning

    H = 0.5 * sigmaz()
    down = np.array([[0, 0], [1, 0]], complex)  # |1><0|: lowers (w/2) sigma_z
    hot = lindblad(H, {"hot": [(down, 1.0)]}, baths={"hot": Bath(name="hot", T=10.0)})
    cold = lindblad(H, {"cold": [(down.conj().T, 1.0)]}, baths={"cold": Bath(name="cold", T=0.1)})
    cyc = Cycle((BathStroke(master=hot, duration=1.0), BathStroke(master=cold, duration=1.0)))
    with pytest.warns(ThermodynamicConsistencyWarning, match="Clausius"):
        limit_cycle(cyc)
