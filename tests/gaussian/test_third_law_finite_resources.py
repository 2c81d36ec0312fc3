"""`third-law` model `finite-resources`: dynamic cooling of a qubit by n reservoir qubits."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import scipy.linalg as sla
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize

from quantherm.cooling.finite_resources import (
    brute_force_cooling,
    dynamic_cooling,
    dynamic_cooling_limit,
    high_temperature_cooling_ratio,
)
from quantherm.core.operators import qubit_number, tensor
from quantherm.core.states import entropy_relative, gibbs_state, partial_trace
from quantherm.papers.base import get_reproduction


@pytest.mark.paper
def test_finite_resources_claims_at_defaults():
    R = get_reproduction("third-law")
    rep = R.run({"model": "finite-resources"})
    names = {c.name.split()[0] for c in rep.claims}
    assert names == {"F1", "F2", "F3", "F4", "F5", "F6"}
    assert all(c.passed is True for c in rep.claims), [
        (c.name, c.computed) for c in rep.claims if c.passed is not True
    ]
    assert set(rep.quantities) == {"excited_population_min", "temperature_min"}
    json.dumps(rep.to_dict())
    # the default (floquet) run carries and checks the same block
    full = R.run()
    assert {"F5", "F6"} <= {c.name.split()[0] for c in full.claims}
    assert full.quantities["temperature_min"] == rep.quantities["temperature_min"]


def test_finite_resources_off_defaults_keeps_general_claims_only():
    rep = get_reproduction("third-law").run({"model": "finite-resources", "n": "12", "beta_w": "3"})
    names = {c.name.split()[0] for c in rep.claims}
    assert "F5" not in names and {"F1", "F2", "F3", "F4"} <= names
    assert all(c.passed is True for c in rep.claims)


def _joint_state(n, beta_w):
    h = qubit_number()
    H = sum(tensor(*[h if j == i else np.eye(2) for j in range(n + 1)]) for i in range(n + 1))
    return H, gibbs_state(H, 1.0 / beta_w)


def test_optimal_permutation_applied_to_the_density_matrix():
    """Build U from the returned permutation, act on the Gibbs state, trace out the reservoir."""
    n, bw = 3, 0.7
    r = dynamic_cooling(n, bw)
    H, rho = _joint_state(n, bw)
    dim = 2 ** (n + 1)
    U = np.zeros((dim, dim))
    U[r.permutation, np.arange(dim)] = 1.0
    out = U @ rho @ U.T
    target = partial_trace(out, [2] * (n + 1), 0)
    assert target[1, 1].real == pytest.approx(r.excited_population_min, rel=1e-13)
    assert abs(target[0, 1]) < 1e-15
    work = np.trace(H @ (out - rho)).real
    assert work == pytest.approx(r.work, rel=1e-12)
    assert r.work == pytest.approx(
        r.temperature_initial * float(entropy_relative(out, rho)), rel=1e-10
    )


@pytest.mark.parametrize("n", [1, 2])
@pytest.mark.parametrize("beta_w", [0.2, 1.0, 3.0])
def test_brute_force_permutations_equal_optimum(n, beta_w):
    assert brute_force_cooling(n, beta_w) == pytest.approx(
        dynamic_cooling(n, beta_w).excited_population_min, rel=1e-13
    )


def test_no_unitary_beats_the_optimum():
    """Optimise the excited population over U(8) (n = 2): it reaches, never beats, p_min."""
    n, bw = 2, 1.0
    _, rho = _joint_state(n, bw)
    P1 = tensor(qubit_number(), np.eye(4))
    p_min = dynamic_cooling(n, bw).excited_population_min
    iu = np.triu_indices(8, 1)

    def cost(x):
        G = np.zeros((8, 8), dtype=complex)
        G[iu] = x[:28] + 1j * x[28:56]
        G = G + G.conj().T + np.diag(x[56:])
        U = sla.expm(1j * G)
        return float(np.trace(P1 @ U @ rho @ U.conj().T).real)

    rng = np.random.default_rng(3)
    best = min(minimize(cost, rng.normal(size=64), method="BFGS").fun for _ in range(3))
    assert best >= p_min - 1e-10
    assert best == pytest.approx(p_min, abs=1e-6)
    assert min(cost(rng.normal(size=64) * 3) for _ in range(50)) >= p_min


def test_two_qubits_cannot_cool():
    r = dynamic_cooling(1, 1.3)
    assert r.excited_population_min == pytest.approx(r.excited_population_initial, rel=1e-14)
    assert r.work == 0.0


def test_one_over_n_law_constant():
    """N T_min -> w / D(1/2 || q) at large N (AHJM's 1/N law, constant derived)."""
    bw = 2.0
    q = 1 / (1 + math.exp(bw))
    D = -0.5 * math.log(4 * q * (1 - q))
    N = 10**6
    T = dynamic_cooling_limit(N - 1, bw)[1]
    assert pytest.approx(1 / D, rel=2e-5) == N * T


def test_high_temperature_ratio_odd_and_even():
    for n in (2, 3, 6, 7):
        r = dynamic_cooling(n, 1e-5)
        assert r.temperature_min / r.temperature_initial == pytest.approx(
            high_temperature_cooling_ratio(n), rel=1e-8
        )


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 9), beta_w=st.floats(0.01, 8.0))
def test_sorting_matches_majority_and_cools_monotonically(n, beta_w):
    r = dynamic_cooling(n, beta_w)
    p, T = dynamic_cooling_limit(n, beta_w)
    assert r.excited_population_min == pytest.approx(p, rel=1e-11)
    assert r.temperature_min == pytest.approx(T, rel=1e-11)
    assert 0 < T <= r.temperature_initial * (1 + 1e-12)
    assert dynamic_cooling_limit(n + 1, beta_w)[1] <= T * (1 + 1e-12)  # more resources: colder
    assert r.work >= 0


def test_bad_inputs():
    with pytest.raises(TypeError, match="`n` must be an integer"):
        dynamic_cooling(2.5, 1.0)
    with pytest.raises(ValueError, match="`n` must be >= 1"):
        dynamic_cooling_limit(0, 1.0)
    with pytest.raises(ValueError, match="dynamic_cooling_limit"):
        dynamic_cooling(21, 1.0)
    with pytest.raises(ValueError, match="beta_w"):
        dynamic_cooling(2, -1.0)
    with pytest.raises(ValueError, match="beta_w"):
        dynamic_cooling_limit(2, float("inf"))
    with pytest.raises(ValueError, match="n"):
        get_reproduction("third-law").run({"model": "finite-resources", "n": "0"})
