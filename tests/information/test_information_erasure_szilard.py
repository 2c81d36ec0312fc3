"""Finite-time erasure and Szilard engines against independent computations."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy.integrate import quad

from quantherm.errors import ConvergenceError
from quantherm.information import (
    erasure_brownian,
    erasure_work_two_level,
    landauer_bound,
    landauer_work,
    quantum_szilard,
    szilard,
    thermodynamic_length_two_level,
)


def _work_of_protocol(p_of_t, dp_of_t, tau: float) -> float:
    """W/kT = -int E dp for a given p(t) (gamma = 1), E = ln((1 - f)/f), f = p + pdot."""

    def integrand(t: float) -> float:
        f = p_of_t(t) + dp_of_t(t)
        return -math.log((1 - f) / f) * dp_of_t(t)

    return quad(integrand, 0.0, tau, limit=200)[0]


@pytest.mark.parametrize("gamma_tau", [10.0, 20.0, 50.0])
def test_two_level_optimum_beats_simple_feasible_protocols(gamma_tau: float) -> None:
    pf = 0.01
    best = erasure_work_two_level(gamma_tau, pf)
    # exponential and quadratic schedules from 1/2 to p_f in the same time (both feasible: f > 0)
    rate = math.log(0.5 / pf) / gamma_tau
    w_exp = _work_of_protocol(
        lambda t: 0.5 * math.exp(-rate * t), lambda t: -rate * 0.5 * math.exp(-rate * t), gamma_tau
    )
    amp = 0.5 - pf
    w_quad = _work_of_protocol(
        lambda t: pf + amp * (1 - t / gamma_tau) ** 2,
        lambda t: -2 * amp * (1 - t / gamma_tau) / gamma_tau,
        gamma_tau,
    )
    assert best <= w_exp
    assert best <= w_quad
    assert best >= landauer_work(pf)


def test_two_level_slow_driving_limit_is_thermodynamic_length() -> None:
    pf = 0.01
    L2 = thermodynamic_length_two_level(pf) ** 2
    excess = (erasure_work_two_level(1e4, pf) - landauer_work(pf)) * 1e4
    assert excess == pytest.approx(L2, rel=2e-3)


def test_two_level_infeasible_and_bad_inputs() -> None:
    with pytest.raises(ValueError, match="must exceed ln"):
        erasure_work_two_level(3.0, 0.01)
    with pytest.raises(ValueError, match="p_final"):
        erasure_work_two_level(10.0, 0.0)


def test_brownian_bounds_and_local_equilibrium_closed_form() -> None:
    br = erasure_brownian(5.0, 3.0)
    assert math.log(2) <= br.work_min <= br.work_le
    assert br.work_le == pytest.approx(math.log(2) + br.w2_sq_le / 3.0, abs=1e-4)
    assert br.p_final.min() >= 0 and np.trapezoid(br.p_final, br.x) == pytest.approx(1.0)
    with pytest.raises(ConvergenceError, match="did not settle"):
        erasure_brownian(5.0, 3.0, max_iter=5)


def test_landauer_constants() -> None:
    assert landauer_bound(300.0, si=True) == pytest.approx(2.8710e-21, rel=1e-4)
    assert landauer_bound(1.0) == pytest.approx(math.log(2))


def test_szilard_pathwise_sums_by_monte_carlo() -> None:
    rng = np.random.default_rng(0)
    eps, v, n = 0.2, 0.75, 400_000
    x = rng.integers(0, 2, n)
    y = np.where(rng.random(n) < eps, 1 - x, x)
    w = np.where(x == y, np.log(2 * v), np.log(2 * (1 - v)))
    res = szilard(eps, v)
    assert w.mean() == pytest.approx(res.work_out, abs=5e-3)
    assert np.exp(w).mean() == pytest.approx(res.efficacy, abs=5e-3)


def _brute_Z(n: int, beta_e1: float, l: float, stats: str, kmax: int = 60) -> float:
    e = beta_e1 * (np.arange(1, kmax + 1) / l) ** 2
    if n == 0:
        return 1.0
    if stats == "classical":
        return float(np.exp(-e).sum() ** n / math.factorial(n))
    combos = (
        itertools.combinations(range(kmax), n)
        if stats == "fermion"
        else itertools.combinations_with_replacement(range(kmax), n)
    )
    return float(sum(math.exp(-sum(e[list(c)])) for c in combos))


@pytest.mark.parametrize("stats", ["boson", "fermion", "classical"])
def test_quantum_szilard_probabilities_by_enumeration(stats: str) -> None:
    b, N = 0.3, 2
    res = quantum_szilard(stats, N, b)
    terms = [_brute_Z(m, b, 0.5, stats) * _brute_Z(N - m, b, 0.5, stats) for m in range(N + 1)]
    np.testing.assert_allclose(res.probabilities, np.array(terms) / sum(terms), atol=1e-10)


def test_quantum_szilard_single_particle_is_ln2_at_every_temperature() -> None:
    for b in (100.0, 1.0, 0.001):
        assert quantum_szilard("fermion", 1, b).work_out == pytest.approx(math.log(2), abs=1e-9)


@settings(max_examples=25, deadline=None)
@given(
    stats=st.sampled_from(["boson", "fermion", "classical"]),
    N=st.integers(1, 4),
    b=st.floats(0.005, 50.0),
)
def test_quantum_szilard_respects_sagawa_ueda(stats: str, N: int, b: float) -> None:
    res = quantum_szilard(stats, N, b)
    assert -1e-9 <= res.work_out <= res.information + 1e-9
    assert np.all(res.f_opt <= 1 + 1e-12)


@settings(max_examples=25, deadline=None)
@example(eps=5e-324, v=0.5)  # subnormal error: the branch exists although 0.5*eps underflows
@given(eps=st.floats(0, 1), v=st.floats(0.001, 0.999))
def test_szilard_bound_and_generalized_jarzynski(eps: float, v: float) -> None:
    res = szilard(eps, v)
    assert res.work_out <= res.mutual_information + 1e-12
    if 0 < eps < 1:
        assert res.jarzynski_generalized == pytest.approx(1.0, abs=1e-12)
    else:  # absolutely irreversible: the never-visited branch is missing from the average
        assert res.jarzynski_generalized == pytest.approx(v if eps == 0 else 1 - v, abs=1e-12)


def test_szilard_and_quantum_szilard_bad_input() -> None:
    with pytest.raises(ValueError, match="`error` must be a probability"):
        szilard(1.5, 0.5)
    with pytest.raises(ValueError, match="`statistics` must be one of"):
        quantum_szilard("anyon", 2, 1.0)
    with pytest.raises(ValueError, match="`particles` must be a positive integer"):
        quantum_szilard("boson", 0, 1.0)


def test_optimal_two_level_protocol_through_the_lindblad_dynamics() -> None:
    from quantherm.information import erasure_protocol_two_level, simulate_erasure_two_level

    proto = erasure_protocol_two_level(5.0, 0.01)
    assert proto.times[0] == 0.0 and proto.times[-1] == pytest.approx(5.0, rel=1e-9)
    run = simulate_erasure_two_level(proto)
    assert run.work == pytest.approx(erasure_work_two_level(5.0, 0.01), abs=1e-5)
    assert run.error == pytest.approx(0.01, abs=1e-7)
    assert run.coherence_max == 0.0 and run.entropy_production > 0
    rotated = simulate_erasure_two_level(proto, rotation=1.0)
    assert rotated.coherence_max > 0
    assert rotated.work > erasure_work_two_level(5.0, rotated.error)
