"""Thermo-majorization curves, the exact test, its witness, T = inf majorization, LP maps."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest

from quantherm.resource_theory import (
    gibbs_populations,
    gibbs_stochastic_map,
    random_gibbs_preserving_map,
    thermo_majorizes,
    tm_curve,
)

E1 = np.array([0.0, 1.0])


def test_card_E1_curves_and_witness_elbow():
    cp, cq = tm_curve([1.0, 0.0], E1, 1.0), tm_curve([0.5, 0.5], E1, 1.0)
    g0 = 1 / (1 + math.exp(-1))
    assert np.allclose(cp.x, [0, g0, 1]) and np.allclose(cp.y, [0, 1, 1])
    assert np.allclose(cq.x, [0, 1 - g0, 1]) and np.allclose(cq.y, [0, 0.5, 1])
    assert cq.order.tolist() == [1, 0]  # beta-order: excited level first (0.5/0.269 > 0.5/0.731)
    v = thermo_majorizes([1.0, 0.0], [0.5, 0.5], E1, 1.0)
    assert not v.allowed
    assert v.elbow == 1 and v.elbow_x == pytest.approx(0.268941, abs=1e-6)
    assert v.min_gap == pytest.approx(math.exp(-1) - 0.5, abs=1e-12)  # L_p(0.268941) = e^-1
    assert cp(1 - g0) == pytest.approx(math.exp(-1))


def test_curve_is_concave_and_inverse_is_first_reach():
    rng = np.random.default_rng(0)
    E = rng.uniform(0, 3, 6)
    p = rng.dirichlet(np.ones(6))
    p[2] = 0.0
    p /= p.sum()
    c = tm_curve(p, E, 0.7)
    slopes = np.diff(c.y) / np.diff(c.x)
    assert np.all(np.diff(slopes) <= 1e-12)
    ys = np.linspace(0, 1, 41)
    xs = c.inverse(ys)
    assert np.allclose(c(xs), ys, atol=1e-12)
    g = gibbs_populations(E, 0.7)
    assert c.inverse(1.0) == pytest.approx(g[p > 0].sum())  # flat part after the support


def test_infinite_temperature_is_majorization():
    rng = np.random.default_rng(5)
    E = rng.uniform(-2, 2, 5)
    for _ in range(50):
        p, q = rng.dirichlet(np.ones(5) * 0.7), rng.dirichlet(np.ones(5) * 0.7)
        cum = np.cumsum(np.sort(p)[::-1]) - np.cumsum(np.sort(q)[::-1])
        if np.min(np.abs(cum[:-1])) < 1e-9:
            continue
        assert thermo_majorizes(p, q, E, math.inf).allowed == bool(np.all(cum[:-1] >= 0))
    # and at very high temperature the thermal test approaches it
    p, q = [0.5, 0.3, 0.2], [0.45, 0.35, 0.2]
    assert (
        thermo_majorizes(p, q, [0, 1, 2], 1e9).allowed
        and thermo_majorizes(p, q, [0, 1, 2], math.inf).allowed
    )


def test_lp_map_is_gibbs_stochastic_and_maps_p_to_q():
    rng = np.random.default_rng(1)
    E = np.array([0.0, 0.5, 1.5, 2.0])
    p = rng.dirichlet(np.ones(4))
    G0 = random_gibbs_preserving_map(E, 1.3, rng=rng)
    q = G0 @ p
    G = gibbs_stochastic_map(p, q, E, 1.3)
    assert G is not None
    g = gibbs_populations(E, 1.3)
    assert np.all(G >= -1e-10)
    assert np.allclose(G.sum(axis=0), 1, atol=1e-8)
    assert np.allclose(G @ g, g, atol=1e-8)
    assert np.allclose(G @ p, q, atol=1e-8)
    assert gibbs_stochastic_map([1.0, 0.0], [0.5, 0.5], E1, 1.0) is None


def test_random_gibbs_preserving_map_properties():
    E = np.array([0.0, 0.3, 2.0, 5.0])
    for w in (0.0, 0.5, 1.0):
        G = random_gibbs_preserving_map(E, 0.9, rng=3, extremal_weight=w)
        g = gibbs_populations(E, 0.9)
        assert (
            np.all(G >= 0) and np.allclose(G.sum(axis=0), 1) and np.allclose(G @ g, g, atol=1e-12)
        )
    with pytest.raises(ValueError, match="`extremal_weight` must lie in"):
        random_gibbs_preserving_map(E, 0.9, extremal_weight=2.0)


def test_d1000_transition_test_is_fast():
    rng = np.random.default_rng(0)
    d = 1000
    E = np.sort(rng.uniform(0, 10, d))
    p = rng.dirichlet(np.ones(d))
    q = random_gibbs_preserving_map(E, 2.0, rng=rng, extremal_weight=0.0) @ p
    thermo_majorizes(p, q, E, 2.0)
    t0 = time.perf_counter()
    for _ in range(10):
        v = thermo_majorizes(p, q, E, 2.0)
    per_call = (time.perf_counter() - t0) / 10
    assert v.allowed
    assert per_call < 0.05  # milliseconds in practice; generous for a loaded CI machine


def test_bad_inputs():
    with pytest.raises(ValueError, match="`T` must be a temperature > 0"):
        thermo_majorizes([1.0, 0.0], [0.5, 0.5], E1, 0.0)
    with pytest.raises(ValueError, match="one population per energy level"):
        thermo_majorizes([1.0, 0.0], [0.5, 0.25, 0.25], E1, 1.0)
    with pytest.raises(ValueError, match="density matrix"):
        tm_curve(np.array([[1.0, 0.0], [0.0, 1.0]]), E1, 1.0)
    with pytest.raises(TypeError, match="`T` must be a real number"):
        tm_curve([1.0, 0.0], E1, "hot")
