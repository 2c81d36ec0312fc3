"""Single-shot work: HO closed forms, epsilon smoothing, the work-bit transition cost
(checked against thermo-majorization of system + wit), and the many-copy type classes."""

from __future__ import annotations

import math

import numpy as np
import pytest

from quantherm.resource_theory import (
    gibbs_populations,
    iid_single_shot_work,
    single_shot_work,
    thermo_majorizes,
    tm_curve,
    work_cost,
    work_distillation,
    work_formation,
)

E = np.array([0.0, 0.4, 1.1, 2.5])
T = 0.9


def _F_eq():
    return -T * math.log(float(np.sum(np.exp(-E / T))))


def test_closed_forms():
    g = gibbs_populations(E, T)
    p = np.array([0.3, 0.0, 0.7, 0.0])
    assert work_distillation(p, E, T) == pytest.approx(-T * math.log(g[0] + g[2]))
    assert work_formation(p, E, T) == pytest.approx(T * math.log(max(0.3 / g[0], 0.7 / g[2])))
    full = np.array([0.1, 0.2, 0.3, 0.4])
    assert work_distillation(full, E, T) == 0.0
    for k in range(4):  # eigenstates: W_dist = W_form = E_k - F_eq (reversible)
        w = single_shot_work(np.eye(4)[k], E, T)
        assert w.distillation == pytest.approx(E[k] - _F_eq())
        assert w.irreversibility == pytest.approx(0.0, abs=1e-12)
    w = single_shot_work(full, E, T)
    assert w.distillation <= w.free_energy_difference <= w.formation
    assert w.irreversibility > 0


def test_smoothed_versions_solve_their_defining_equations():
    rng = np.random.default_rng(0)
    p = rng.dirichlet(np.ones(4))
    g = gibbs_populations(E, T)
    for eps in (0.01, 0.1, 0.4, 0.9):
        lam = math.exp(work_formation(p, E, T, epsilon=eps) / T)
        assert np.sum(np.maximum(0, p - lam * g)) == pytest.approx(eps, abs=1e-12)
        x = math.exp(-work_distillation(p, E, T, epsilon=eps) / T)
        c = tm_curve(p, E, T)
        assert c(x) == pytest.approx(1 - eps, abs=1e-12)
        assert c(x * (1 - 1e-9)) < 1 - eps  # first reach
    # continuity at epsilon -> 0 and monotonicity in epsilon
    assert work_formation(p, E, T, epsilon=1e-12) == pytest.approx(
        work_formation(p, E, T), abs=1e-9
    )
    ws = [work_distillation(p, E, T, epsilon=e) for e in (0.0, 0.1, 0.3, 0.6)]
    assert np.all(np.diff(ws) > 0)


def test_work_cost_special_cases():
    rng = np.random.default_rng(1)
    p = rng.dirichlet(np.ones(4))
    p[3] = 0.0
    p /= p.sum()
    g = gibbs_populations(E, T)
    assert work_cost(g, p, E, T) == pytest.approx(work_formation(p, E, T), abs=1e-12)
    assert work_cost(p, g, E, T) == pytest.approx(-work_distillation(p, E, T), abs=1e-12)
    assert work_cost(p, p, E, T) == pytest.approx(0.0, abs=1e-12)
    assert work_cost([1.0, 0.0], [0.5, 0.5], [0.0, 1.0], 1.0) == pytest.approx(1 - math.log(2))


@pytest.mark.parametrize("seed", range(6))
def test_work_cost_is_the_threshold_of_the_wit_transition(seed):
    """p ⊗ |0> -> q ⊗ |W> (W = -cost extracted) is allowed just below and forbidden above."""
    rng = np.random.default_rng(seed)
    p, q = rng.dirichlet(np.ones(4)), rng.dirichlet(np.ones(4))
    if seed % 2:
        p[rng.integers(4)] = 0.0
        p /= p.sum()
    c = work_cost(p, q, E, T)
    for W, ok in ((-c - 1e-6, True), (-c + 1e-6, False)):
        # wit levels (0, W): start in 0, end in W; W < 0 means the wit supplies |W|
        Ej = np.add.outer(E, [0.0, W]).ravel()
        pj, qj = np.kron(p, [1.0, 0.0]), np.kron(q, [0.0, 1.0])
        assert thermo_majorizes(pj, qj, Ej, T, atol=0.0).allowed == ok


def test_iid_type_classes_equal_the_explicit_tensor_power():
    p = np.array([0.5, 0.3, 0.2])
    E3 = np.array([0.0, 0.5, 1.2])
    n = 3
    pn, En = p, E3
    for _ in range(n - 1):
        pn, En = np.kron(pn, p), np.add.outer(En, E3).ravel()
    for eps in (0.0, 0.05, 0.3):
        w = iid_single_shot_work(p, E3, 1.0, n, epsilon=eps)
        assert w.distillation == pytest.approx(
            work_distillation(pn, En, 1.0, epsilon=eps), abs=1e-10
        )
        assert w.formation == pytest.approx(work_formation(pn, En, 1.0, epsilon=eps), abs=1e-10)
    assert iid_single_shot_work(p, E3, 1.0, 1, epsilon=0.2).formation == pytest.approx(
        work_formation(p, E3, 1.0, epsilon=0.2)
    )


def test_many_copies_collapse_onto_the_free_energy():
    q = [0.5, 0.5]
    one = single_shot_work(q, [0.0, 1.0], 1.0, epsilon=0.1)
    many = iid_single_shot_work(q, [0.0, 1.0], 1.0, 2000, epsilon=0.1)
    D = many.free_energy_difference / 2000
    assert pytest.approx(one.free_energy_difference) == D
    assert abs(many.distillation / 2000 - D) < 0.02 < abs(one.distillation - D)
    assert abs(many.formation / 2000 - D) < 0.02 < abs(one.formation - D)


def test_bad_inputs():
    with pytest.raises(ValueError, match="`epsilon` must be a smoothing parameter in"):
        work_distillation([0.5, 0.5], [0.0, 1.0], 1.0, epsilon=1.0)
    with pytest.raises(ValueError, match="`epsilon` must be a smoothing parameter in"):
        work_formation([0.5, 0.5], [0.0, 1.0], 1.0, epsilon=-0.1)
    with pytest.raises(ValueError, match="`n_copies` must be an integer >= 1"):
        iid_single_shot_work([0.5, 0.5], [0.0, 1.0], 1.0, 0, epsilon=0.1)
    with pytest.raises(ValueError, match="type classes"):
        iid_single_shot_work(np.ones(6) / 6, np.arange(6.0), 1.0, 400, epsilon=0.1)
    with pytest.raises(ValueError, match="`T` must be a temperature > 0"):
        work_cost([1.0, 0.0], [0.5, 0.5], [0.0, 1.0], -2.0)
