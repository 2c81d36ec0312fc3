"""Rényi divergences: closed forms, limits, conventions, quantum versions (QuTiP oracle)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import qutip

from quantherm.resource_theory import (
    petz_renyi_divergence,
    renyi_divergence,
    sandwiched_renyi_divergence,
)

P = np.array([0.5, 0.3, 0.2])
Q = np.array([0.2, 0.3, 0.5])


def _direct(p, q, a):
    return math.copysign(1.0, a) / (a - 1.0) * math.log(float(np.sum(p**a * q ** (1 - a))))


@pytest.mark.parametrize("a", [-7.0, -1.0, -0.3, 0.2, 0.5, 2.0, 3.5, 10.0])
def test_generic_orders_match_the_direct_formula(a):
    assert renyi_divergence(P, Q, a) == pytest.approx(_direct(P, Q, a), rel=1e-12)


def test_closed_form_limits():
    kl = float(np.sum(P * np.log(P / Q)))
    assert renyi_divergence(P, Q, 1.0) == pytest.approx(kl, rel=1e-14)
    assert renyi_divergence(P, Q, 0.0) == 0.0  # full-rank p
    assert renyi_divergence(P, Q, math.inf) == pytest.approx(math.log(0.5 / 0.2))
    assert renyi_divergence(P, Q, -math.inf) == pytest.approx(math.log(0.5 / 0.2))
    # continuity of the generic formula into the limits
    assert renyi_divergence(P, Q, 1 + 1e-7) == pytest.approx(kl, rel=1e-5)
    assert renyi_divergence(P, Q, 1 - 1e-7) == pytest.approx(kl, rel=1e-5)
    assert renyi_divergence(P, Q, 1e4) == pytest.approx(math.log(2.5), rel=1e-3)
    assert renyi_divergence(P, Q, -1e4) == pytest.approx(math.log(2.5), rel=1e-3)


def test_near_zero_both_sides_behave_as_reverse_kl():
    rev = float(np.sum(Q * np.log(Q / P)))
    for a in (1e-5, -1e-5):
        assert renyi_divergence(P, Q, a) / abs(a) == pytest.approx(rev, rel=1e-4)


def test_conventions_for_zeros():
    p0 = np.array([0.6, 0.4, 0.0])
    assert renyi_divergence(p0, Q, 0.0) == pytest.approx(-math.log(0.5))
    assert renyi_divergence(p0, Q, -0.5) == math.inf
    assert renyi_divergence(p0, Q, -math.inf) == math.inf
    assert math.isfinite(renyi_divergence(p0, Q, 3.0))
    # support of p outside that of q: infinite for alpha >= 1, finite below
    q0 = np.array([0.5, 0.5, 0.0])
    assert renyi_divergence(P, q0, 1.0) == math.inf
    assert renyi_divergence(P, q0, 2.0) == math.inf
    assert renyi_divergence(P, q0, math.inf) == math.inf
    assert renyi_divergence(P, q0, 0.5) == pytest.approx(_direct(P[:2], q0[:2], 0.5))


def test_nonnegative_vanishes_only_at_equality_and_monotone_in_alpha():
    rng = np.random.default_rng(1)
    alphas = np.concatenate((-np.logspace(2, -3, 20), np.logspace(-3, 2, 20)))
    for _ in range(20):
        p, q = rng.dirichlet(np.ones(4)), rng.dirichlet(np.ones(4))
        d = renyi_divergence(p, q, alphas)
        assert np.all(d > 0)
        assert np.all(np.diff(d[alphas > 0]) >= -1e-12)  # D_alpha non-decreasing for alpha > 0
        assert np.allclose(renyi_divergence(p, p, alphas), 0.0, atol=1e-12)


def test_large_orders_do_not_overflow():
    p = np.array([1 - 1e-12, 1e-12])
    q = np.array([1e-3, 1 - 1e-3])
    for a in (60.0, 500.0, -60.0, -500.0):
        d = renyi_divergence(p, q, a)
        assert math.isfinite(d) and d > 0
    assert renyi_divergence(p, q, 500.0) == pytest.approx(math.log((1 - 1e-12) / 1e-3), rel=1e-2)


def test_array_alpha_keeps_shape():
    a = np.array([[0.5, 1.0], [2.0, math.inf]])
    assert renyi_divergence(P, Q, a).shape == (2, 2)


def _random_state(d, seed):
    return qutip.rand_dm(d, seed=seed).full()


def test_quantum_divergences_reduce_to_classical_for_commuting_states():
    r, s = np.diag(P).astype(complex), np.diag(Q).astype(complex)
    for a in (0.0, 0.3, 1.0, 1.7, 2.0):
        assert petz_renyi_divergence(r, s, a) == pytest.approx(renyi_divergence(P, Q, a), abs=1e-12)
    for a in (0.5, 0.8, 1.0, 3.0, math.inf):
        assert sandwiched_renyi_divergence(r, s, a) == pytest.approx(
            renyi_divergence(P, Q, a), abs=1e-12
        )


def test_quantum_divergences_against_qutip_and_each_other():
    r, s = _random_state(3, 1), _random_state(3, 2)
    umegaki = qutip.entropy_relative(qutip.Qobj(r), qutip.Qobj(s))
    assert petz_renyi_divergence(r, s, 1.0) == pytest.approx(umegaki, rel=1e-9)
    assert sandwiched_renyi_divergence(r, s, 1.0) == pytest.approx(umegaki, rel=1e-9)
    # both tend to Umegaki at alpha -> 1; sandwiched <= Petz (Araki-Lieb-Thirring)
    assert petz_renyi_divergence(r, s, 1 + 1e-6) == pytest.approx(umegaki, rel=1e-4)
    assert sandwiched_renyi_divergence(r, s, 1 - 1e-6) == pytest.approx(umegaki, rel=1e-4)
    for a in (0.5, 0.9, 1.5, 2.0):
        assert sandwiched_renyi_divergence(r, s, a) <= petz_renyi_divergence(r, s, a) + 1e-12
    assert sandwiched_renyi_divergence(r, s, 1e4) == pytest.approx(
        sandwiched_renyi_divergence(r, s, math.inf), rel=1e-3
    )


def test_quantum_divergences_monotone_under_a_thermal_operation():
    """Qubit + bath qubit (same gap), U commuting with H_S + H_B, coherent input."""
    T, w = 1.0, 1.0
    gB = np.diag([1.0, math.exp(-w / T)]) / (1 + math.exp(-w / T))
    rng = np.random.default_rng(3)
    X = rng.normal(size=(2, 2)) + 1j * rng.normal(size=(2, 2))
    u2, _ = np.linalg.qr(X)
    U = np.zeros((4, 4), complex)
    U[0, 0], U[3, 3] = np.exp(0.3j), np.exp(-1.1j)
    U[np.ix_([1, 2], [1, 2])] = u2  # |01>, |10> are degenerate
    rho = _random_state(2, 7)
    gS = gB.copy()
    out = qutip.Qobj(U @ np.kron(rho, gB) @ U.conj().T, dims=[[2, 2], [2, 2]]).ptrace(0).full()
    for a in (0.0, 0.5, 1.5, 2.0):
        assert petz_renyi_divergence(out, gS, a) <= petz_renyi_divergence(rho, gS, a) + 1e-12
    for a in (0.5, 2.0, math.inf):
        assert (
            sandwiched_renyi_divergence(out, gS, a)
            <= sandwiched_renyi_divergence(rho, gS, a) + 1e-12
        )


@pytest.mark.parametrize(
    ("fn", "alpha"),
    [
        (petz_renyi_divergence, 2.5),
        (petz_renyi_divergence, -0.1),
        (sandwiched_renyi_divergence, 0.4),
    ],
)
def test_quantum_orders_outside_the_monotone_range_are_rejected(fn, alpha):
    r = np.eye(2) / 2
    with pytest.raises(ValueError, match="`alpha` must lie in"):
        fn(r, r, alpha)


def test_bad_inputs():
    with pytest.raises(ValueError, match="`alpha` must be a real number or ±inf"):
        renyi_divergence(P, Q, math.nan)
    with pytest.raises(ValueError, match="unit sum"):
        renyi_divergence([0.5, 0.6], [0.5, 0.5], 2.0)
    with pytest.raises(ValueError, match="entries >= 0"):
        renyi_divergence([1.5, -0.5], [0.5, 0.5], 2.0)
    with pytest.raises(ValueError, match="one population per energy level"):
        renyi_divergence([0.5, 0.5], [0.2, 0.3, 0.5], 2.0)
    with pytest.raises(ValueError, match="density matrix"):
        petz_renyi_divergence(np.eye(2), np.eye(2) / 2, 0.5)
