"""Measurement, feedback and erasure on system + memory: the ledger and the laws."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import unitary_group

from quantherm.core.operators import sigmax
from quantherm.core.states import entropy_vn, gibbs_state
from quantherm.information import (
    erase,
    feedback,
    feedback_cycle,
    isothermal,
    ledger,
    memory_state,
    noisy_measurement,
    povm,
    projective,
    record,
    szilard,
    szilard_demon,
    thermalize,
)

Z_PROJ = np.stack([np.diag([1.0, 0.0]), np.diag([0.0, 1.0])])
H = np.diag([0.0, 1.0]).astype(complex)


def test_szilard_demon_ledger_matches_closed_forms() -> None:
    for eps, v in ((0.1, 0.9), (0.3, 0.6), (0.0, 0.8)):
        led = szilard_demon(eps, v, T=2.0)
        closed = szilard(eps, v)
        assert led.work_out == pytest.approx(2.0 * closed.work_out, abs=1e-12)
        assert led.work_memory == pytest.approx(
            2.0 * math.log(2), abs=1e-12
        )  # Landauer, H(Y) = ln 2
        assert led.entropy_production_system == pytest.approx(-closed.work_out, abs=1e-12)
        assert led.entropy_production_total == pytest.approx(
            math.log(2) - closed.work_out, abs=1e-12
        )
        assert led.first_law_residual < 1e-12
        assert led.mutual_information_final == pytest.approx(0.0, abs=1e-12)


def test_demon_total_second_law_with_negative_system_entropy_production() -> None:
    led = szilard_demon(0.1, 0.9)
    assert led.entropy_production_system < 0 <= led.entropy_production_total
    # a finite-time erasure costs more and produces more entropy
    slow = szilard_demon(0.1, 0.9, gamma_tau=10.0, p_final=0.01)
    assert slow.work_memory > led.work_memory - math.log(2) + 0.6371  # > Landauer part
    assert slow.entropy_production_total > 0


def test_quantum_memory_becomes_entangled_and_classical_does_not() -> None:
    plus = np.full((2, 2), 0.5)
    s0 = memory_state(plus, np.zeros((2, 2)), 2)
    sq, _ = record(s0, projective(Z_PROJ), quantum=True)
    sc, _ = record(s0, projective(Z_PROJ))
    a, b, ab = sq.entropies()
    assert ab == pytest.approx(0.0, abs=1e-12) and a == pytest.approx(math.log(2))
    a, b, ab = sc.entropies()
    assert ab == pytest.approx(math.log(2)) and a + b - ab == pytest.approx(math.log(2))


def test_erasing_a_correlated_memory_wastes_the_mutual_information() -> None:
    s0 = memory_state(gibbs_state(H, 1.0), H, 2)
    s1, r1 = record(s0, projective(Z_PROJ))
    info = sum(s1.entropies()[:2]) - s1.entropies()[2]
    s2, r2 = erase(s1, 1.0)
    assert r2.entropy_production == pytest.approx(info, abs=1e-12)
    assert r2.work_memory == pytest.approx(-r2.dS_memory, abs=1e-12)
    assert ledger(s0, s2, [r1, r2]).first_law_residual < 1e-12


def test_feedback_rejects_missing_or_unknown_outcomes() -> None:
    m = noisy_measurement(Z_PROJ, 0.1)
    s1, _ = record(memory_state(np.eye(2) / 2, H, 2), m)
    with pytest.raises(ValueError, match=r"every measurement outcome; missing \[1\]"):
        feedback(s1, m, {0: np.eye(2)})
    with pytest.raises(ValueError, match="unknown outcomes"):
        feedback(s1, m, {0: np.eye(2), 1: np.eye(2), 2: np.eye(2)})
    with pytest.raises(ValueError, match="must be unitary"):
        feedback(s1, m, {0: np.eye(2), 1: 2 * np.eye(2)})
    with pytest.raises(TypeError, match="mapping"):
        feedback(s1, m, [np.eye(2), np.eye(2)])  # type: ignore[arg-type]


def test_stroke_preconditions_are_enforced() -> None:
    m = projective(Z_PROJ)
    s1, _ = record(memory_state(np.eye(2) / 2, H, 2), m)
    with pytest.raises(ValueError, match="must be blank"):
        record(s1, m)
    s2, _ = feedback(s1, m, {0: np.eye(2), 1: np.eye(2)}, hamiltonians={0: H, 1: 2 * H})
    with pytest.raises(ValueError, match="must not depend on the memory"):
        erase(s2, 1.0)
    with pytest.raises(ValueError, match="thermalize"):
        isothermal(s2, H, 1.0)
    s3, _ = thermalize(s2, 1.0)
    _s4, r4 = isothermal(s3, H, 1.0)
    assert r4.first_law_residual < 1e-12 and r4.entropy_production == pytest.approx(0.0, abs=1e-12)
    with pytest.raises(ValueError, match="at least one state per outcome"):
        record(memory_state(np.eye(2) / 2, H, 1), m)


def test_feedback_cycle_flip_demon_against_hand_computation() -> None:
    T, eps = 0.5, 0.1
    res = feedback_cycle(H, T, noisy_measurement(Z_PROJ, eps), {0: np.eye(2), 1: sigmax()})
    p1 = 1 / (1 + math.exp(1 / T))
    # outcome 1 -> flip: gain 1 if the qubit was excited, lose 1 if it was not
    expected = (1 - eps) * p1 - eps * (1 - p1)
    assert res.work_out == pytest.approx(expected, abs=1e-12)
    assert res.work_out <= res.bound
    assert res.ledger.entropy_production_total >= 0


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 100_000), d=st.integers(2, 3), n=st.integers(2, 3), T=st.floats(0.2, 5.0)
)
def test_sagawa_ueda_bound_for_random_feedback(seed: int, d: int, n: int, T: float) -> None:
    rng = np.random.default_rng(seed)
    H_i = np.diag(np.sort(rng.uniform(0, 2, d)))
    H_f = np.diag(np.sort(rng.uniform(0, 2, d)))
    A = rng.normal(size=(n, d, d)) + 1j * rng.normal(size=(n, d, d))
    E = A @ np.conj(np.swapaxes(A, -1, -2))
    w, V = np.linalg.eigh(E.sum(axis=0))
    inv = V @ np.diag(w**-0.5) @ V.conj().T
    m = povm(inv @ E @ inv)
    Us = {k: unitary_group.rvs(d, random_state=seed + k) for k in range(n)}
    res = feedback_cycle(H_i, T, m, Us, H_final=H_f)
    assert res.work_out <= res.bound + 1e-10  # W_ext <= -dF + kT I
    assert res.erasure_work >= T * res.information - 1e-10  # SU 2009: record costs >= kT I
    assert res.work_out - res.erasure_work <= -res.delta_free_energy + 1e-10
    assert res.ledger.entropy_production_total >= -1e-10
    assert res.ledger.first_law_residual < 1e-10


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 100_000),
    d=st.integers(2, 4),
    T=st.floats(0.1, 10.0),
    pf=st.just(0.0) | st.floats(1e-9, 0.3),
)
def test_erasure_never_costs_less_than_T_times_entropy_removed(
    seed: int, d: int, T: float, pf: float
) -> None:
    rng = np.random.default_rng(seed)
    p = rng.dirichlet(np.ones(d))
    sys_state = np.array([[1.0]])
    s0 = memory_state(sys_state, np.zeros((1, 1)), d)
    s0 = type(s0)(rho=np.diag(p).astype(complex), H_S=s0.H_S, H_M=s0.H_M)
    s1, rec = erase(s0, T, p_final=pf)
    removed = float(entropy_vn(np.diag(p)) - entropy_vn(s1.rho_memory))
    assert rec.work_memory >= T * removed - 1e-12
    if d == 2 and 0 < pf < min(p[1], 0.5) and p[1] <= 0.5:
        gt = math.log(p[1] / pf) + 1.0
        _s2, fin = erase(s0, T, p_final=pf, gamma_tau=gt)
        assert fin.work_memory >= rec.work_memory - 1e-9
        assert fin.entropy_production >= -1e-12


def test_finite_thermal_contact_matches_qutip_mesolve() -> None:
    import qutip

    from quantherm.core.states import bose_occupation

    Hs = np.diag([0.0, 1.0, 2.5])
    T, g, t = 0.7, 0.3, 0.9
    rho0 = qutip.rand_dm(3, seed=3).full()
    s0 = memory_state(rho0, Hs, 1)
    s1, rec = thermalize(s0, T, time=t, rate=g)
    c_ops = []
    e = np.diag(Hs)
    for i in range(3):
        for j in range(i + 1, 3):
            w = e[j] - e[i]
            n = float(bose_occupation(w, T))
            c_ops += [
                math.sqrt(g * (1 + n)) * qutip.basis(3, i) * qutip.basis(3, j).dag(),
                math.sqrt(g * n) * qutip.basis(3, j) * qutip.basis(3, i).dag(),
            ]
    out = (
        qutip.mesolve(
            qutip.Qobj(Hs), qutip.Qobj(rho0), [0, t], c_ops, options={"atol": 1e-12, "rtol": 1e-10}
        )
        .states[-1]
        .full()
    )
    np.testing.assert_allclose(s1.rho_system, out, atol=1e-8)
    assert rec.entropy_production >= 0 and rec.first_law_residual < 1e-12


def test_finite_contact_on_system_keeps_memory_and_tends_to_full_contact() -> None:
    m = projective(np.stack([np.diag([1.0, 0, 0]), np.diag([0, 1.0, 0]), np.diag([0, 0, 1.0])]))
    s1, _ = record(
        memory_state(np.full((3, 3), 1 / 3), np.diag([0.0, 1.0, 2.5]), 3), m, quantum=True
    )
    part, r_part = thermalize(s1, 0.7, time=0.5, rate=0.3)
    np.testing.assert_allclose(part.rho_memory, s1.rho_memory, atol=1e-12)  # acts on S only
    full, _ = thermalize(s1, 0.7)
    late, _ = thermalize(s1, 0.7, time=300.0, rate=0.3)
    np.testing.assert_allclose(late.rho, full.rho, atol=1e-10)
    assert r_part.entropy_production >= 0
    s2, _ = feedback(
        s1,
        m,
        {k: np.eye(3) for k in range(3)},
        hamiltonians={k: (k + 1) * np.eye(3) for k in range(3)},
    )
    with pytest.raises(ValueError, match="finite-time thermal contact"):
        thermalize(s2, 0.7, time=1.0)
