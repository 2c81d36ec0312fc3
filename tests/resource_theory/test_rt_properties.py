"""Hypothesis properties: preorder, Gibbs reachability, F_alpha monotonicity under random
Gibbs-preserving maps, and the O(d log d) test against a brute-force LP (d <= 5)."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from quantherm.resource_theory import (
    free_energy_alpha,
    gibbs_populations,
    gibbs_stochastic_map,
    random_gibbs_preserving_map,
    second_laws_report,
    thermo_majorizes,
    work_cost,
)

ALPHAS = np.array(
    [-math.inf, -30.0, -2.0, -0.5, -1e-3, 0.0, 1e-3, 0.5, 1.0, 2.0, 7.0, 50.0, math.inf]
)


@st.composite
def systems(draw, max_d=5):
    d = draw(st.integers(2, max_d))
    E = np.array(draw(st.lists(st.floats(-3, 3), min_size=d, max_size=d)))
    T = draw(st.floats(0.2, 5.0))
    seed = draw(st.integers(0, 2**32 - 1))
    return E, T, np.random.default_rng(seed)


def _pop(rng, d, zeros=True):
    p = rng.dirichlet(np.full(d, rng.choice([0.3, 1.0, 3.0])))
    if zeros and rng.uniform() < 0.3:
        p[rng.integers(d)] = 0.0
    return p / p.sum()


@settings(max_examples=25, deadline=None)
@given(systems())
def test_preorder_reflexive_and_transitive(sys):
    E, T, rng = sys
    p = _pop(rng, E.size)
    assert thermo_majorizes(p, p, E, T).allowed
    q = random_gibbs_preserving_map(E, T, rng=rng) @ p
    r = random_gibbs_preserving_map(E, T, rng=rng) @ q
    assert thermo_majorizes(p, q, E, T).allowed and thermo_majorizes(q, r, E, T).allowed
    assert thermo_majorizes(p, r, E, T).allowed
    # transitivity on independent triples whenever the premises hold
    a, b, c = (_pop(rng, E.size) for _ in range(3))
    if thermo_majorizes(a, b, E, T).allowed and thermo_majorizes(b, c, E, T).allowed:
        assert thermo_majorizes(a, c, E, T).allowed


@settings(max_examples=25, deadline=None)
@given(systems())
def test_gibbs_state_is_reachable_from_anything_and_reaches_only_itself(sys):
    E, T, rng = sys
    g = gibbs_populations(E, T)
    p = _pop(rng, E.size)
    assert thermo_majorizes(p, g, E, T).allowed
    assert work_cost(p, g, E, T) <= 1e-12
    if np.max(np.abs(p - g)) > 1e-6:
        assert not thermo_majorizes(g, p, E, T, atol=1e-12).allowed


@settings(max_examples=25, deadline=None)
@given(systems(max_d=6))
def test_every_F_alpha_is_non_increasing_under_gibbs_preserving_maps(sys):
    E, T, rng = sys
    p = _pop(rng, E.size)
    G = random_gibbs_preserving_map(E, T, rng=rng)
    q = G @ p
    Fp, Fq = free_energy_alpha(p, E, T, ALPHAS), free_energy_alpha(q, E, T, ALPHAS)
    fin = np.isfinite(Fp)
    assert np.all(np.isfinite(Fq[fin]))  # a full-rank state stays full rank
    assert np.all(Fq[fin] <= Fp[fin] + 1e-9 * np.maximum(1.0, np.abs(Fp[fin])))
    rep = second_laws_report(p, q, E, T)
    assert rep.allowed and rep.allowed_exact_catalytic and rep.work_cost <= 1e-9


@settings(max_examples=25, deadline=None)
@given(systems(), st.booleans())
def test_transition_test_agrees_with_linear_programming(sys, related):
    E, T, rng = sys
    p = _pop(rng, E.size)
    if related:  # near the boundary: a map image, pushed a little outward or inward
        q = random_gibbs_preserving_map(E, T, rng=rng, extremal_weight=1.0) @ p
        q = np.clip(q + rng.normal(scale=0.02, size=E.size), 0, None)
        q /= q.sum()
    else:
        q = _pop(rng, E.size)
    v = thermo_majorizes(p, q, E, T)
    assume(abs(v.min_gap) > 1e-7)  # away from ties (LP tolerance ~1e-10)
    G = gibbs_stochastic_map(p, q, E, T)
    assert (G is not None) == v.allowed
    if G is not None:
        g = gibbs_populations(E, T)
        assert np.allclose(G @ p, q, atol=1e-8) and np.allclose(G @ g, g, atol=1e-8)
    assert (work_cost(p, q, E, T) <= 1e-12) == v.allowed
    if v.allowed:  # thermal operations imply every second law
        assert second_laws_report(p, q, E, T).allowed_exact_catalytic
