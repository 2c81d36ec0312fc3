"""Measurement, feedback and erasure through the stroke layer against `information.protocol`."""

from __future__ import annotations

import math

import numpy as np
import pytest

from quantherm.core.operators import qeye, sigmax
from quantherm.core.states import gibbs_state
from quantherm.information import (
    binary_entropy,
    feedback,
    feedback_cycle,
    memory_state,
    noisy_measurement,
    projective,
    record,
    szilard_demon,
    thermalize,
)
from quantherm.information.strokes import MemoryProtocol, joint_hamiltonian

Z = np.stack([np.diag([1.0, 0.0]), np.diag([0.0, 1.0])])
H0 = np.zeros((2, 2))


def _quench(v: float, T: float) -> dict[int, np.ndarray]:
    a, b = -T * math.log(2 * v), -T * math.log(2 * (1 - v))
    return {0: np.diag([a, b]), 1: np.diag([b, a])}


def _szilard(error: float, v: float, T: float, steps: int, p_final: float):
    m = noisy_measurement(Z, error)
    return (
        MemoryProtocol(H_S=H0, memory_dim=2)
        .record(m)
        .feedback(m, {0: qeye(2), 1: qeye(2)}, hamiltonians=_quench(v, T))
        .thermalize(T)
        .isothermal(H0, T, steps=steps)
        .erase(T, p_final=p_final, steps=steps)
        .cycle("szilard")
    )


KEYS = ("work_system", "work_memory", "heat_system", "heat_memory", "entropy_production_system")


@pytest.mark.parametrize(("error", "v", "T"), [(0.1, 0.9, 1.0), (0.2, 0.6, 2.0)])
def test_szilard_cycle_reaches_the_demon_ledger_in_the_quasistatic_limit(
    error: float, v: float, T: float
) -> None:
    p_final = 1e-3
    ref = szilard_demon(error, v, T, p_final=p_final).to_dict()
    books = {}
    for steps in (100, 200):
        mc = _szilard(error, v, T, steps, p_final)
        lc = mc.limit_cycle()
        assert bool(lc.unique)
        led = mc.ledger(lc)
        assert led.first_law_residual < 1e-12
        assert float(lc.first_law_residual) < 1e-12
        books[steps] = led.to_dict()
    for k in KEYS:
        e100, e200 = books[100][k] - ref[k], books[200][k] - ref[k]
        # finite-step excess O(1/steps): halves with twice the steps ...
        assert e200 == pytest.approx(e100 / 2, rel=0.05, abs=2e-5), k
        # ... and the Richardson extrapolation (residual O(1/steps^2)) is the module's ledger
        assert 2 * books[200][k] - books[100][k] == pytest.approx(ref[k], abs=3e-4), k
    # the cycle's memory re-enters with entropy h(p_final), which the module's open run keeps:
    # sigma_module = sigma_cycle + h(p_final)
    s_cyc = 2 * books[200]["entropy_production_total"] - books[100]["entropy_production_total"]
    h = float(binary_entropy(p_final))
    assert s_cyc + h == pytest.approx(ref["entropy_production_total"], abs=3e-4)
    # work extracted at the Sagawa-Ueda bound kT I (v = 1 - error) for the first case
    if v == 1 - error:
        assert -(2 * books[200]["work_system"] - books[100]["work_system"]) == pytest.approx(
            T * (math.log(2) - float(binary_entropy(error))), abs=5e-5
        )


def test_stroke_books_equal_the_module_stroke_by_stroke() -> None:
    """Same protocol, same N-step isothermal, both paths: every stroke agrees to 1e-12."""
    error, v, T, steps = 0.15, 0.8, 1.3, 7
    m = noisy_measurement(Z, error)
    mc = _szilard(error, v, T, steps, 0.01)
    lc = mc.limit_cycle()
    led = mc.ledger(lc)
    names = [r.name for r in led.strokes]
    assert names[:4] == ["measure", "feedback", "feedback-quench", "thermalize"]
    # the module, started from the state the stroke cycle measures
    s = memory_state(np.eye(2) / 2, H0, 2)
    s1, r1 = record(s, m)
    np.testing.assert_allclose(lc.states[1], s1.rho, atol=1e-12)  # record overwrites
    assert led.strokes[0].work_system == pytest.approx(r1.work_system, abs=1e-12)
    s2, r2 = feedback(s1, m, {0: qeye(2), 1: qeye(2)}, hamiltonians=_quench(v, T))
    fb = led.strokes[1:3]
    assert sum(r.work_system for r in fb) == pytest.approx(r2.work_system, abs=1e-12)
    assert sum(r.dS_total for r in fb) == pytest.approx(r2.dS_total, abs=1e-12)
    s3, r3 = thermalize(s2, T)
    assert led.strokes[3].heat_system == pytest.approx(r3.heat_system, abs=1e-12)
    assert led.strokes[3].entropy_production == pytest.approx(r3.entropy_production, abs=1e-12)
    # the N-step isothermal built from the module's own strokes (conditional quench + contact)
    state, Hs = s3, s3.H_S.copy()
    for j in range(1, steps + 1):
        Hj = Hs + (j / steps) * (H0[None] - Hs)
        state, rq = feedback(state, m, {0: qeye(2), 1: qeye(2)}, hamiltonians={0: Hj[0], 1: Hj[1]})
        state, rt = thermalize(state, T)
        q, t = led.strokes[2 + 2 * j], led.strokes[3 + 2 * j]
        assert q.work_system == pytest.approx(rq.work_system, abs=1e-12)
        assert t.heat_system == pytest.approx(rt.heat_system, abs=1e-12)
        assert t.dS_total == pytest.approx(rt.dS_total, abs=1e-12)
        np.testing.assert_allclose(lc.states[4 + 2 * j], state.rho, atol=1e-12)


def test_demon_second_law_books_on_the_limit_cycle() -> None:
    led = _szilard(0.1, 0.9, 1.0, 60, 1e-2).ledger()
    assert led.entropy_production_system < -0.3  # the system alone breaks the second law
    assert led.entropy_production_total > 0  # system + memory + baths do not
    assert all(r.entropy_production > -1e-12 for r in led.strokes if r.name != "measure")
    assert led.work_system == pytest.approx(-led.heat_system, abs=1e-12)
    assert led.work_memory == pytest.approx(-led.heat_memory, abs=1e-12)
    assert led.entropy_production_total == pytest.approx(
        -led.heat_system - led.heat_memory, abs=1e-12
    )


@pytest.mark.parametrize("quantum", [False, True])
def test_feedback_engine_system_books_equal_feedback_cycle(quantum: bool) -> None:
    """Measure a qubit's energy, flip it if excited, relax: exact for the system's books."""
    T, w = 0.7, 1.0
    H = np.diag([0.0, w])
    m = noisy_measurement(Z, 0.05)
    ref = feedback_cycle(H, T, m, {0: qeye(2), 1: sigmax()})
    mc = (
        MemoryProtocol(H_S=H, memory_dim=2)
        .record(m, quantum=quantum)
        .feedback(m, {0: qeye(2), 1: sigmax()})
        .thermalize(T)
        .erase(T, p_final=1e-3, steps=20)
        .cycle("flip-engine")
    )
    lc = mc.limit_cycle()
    led = mc.ledger(lc)
    np.testing.assert_allclose(
        lc.rho, np.kron(gibbs_state(H, T), np.diag([1 - 1e-3, 1e-3])), atol=1e-12
    )
    assert led.work_system == pytest.approx(ref.ledger.work_system, abs=1e-12)
    assert led.heat_system == pytest.approx(ref.ledger.heat_system, abs=1e-12)
    assert -led.work_system == pytest.approx(ref.work_out, abs=1e-12)
    assert -led.work_system <= ref.bound + 1e-12  # Sagawa-Ueda
    assert led.entropy_production_total >= 0


def test_quantum_record_keeps_memory_coherence() -> None:
    plus = np.full((2, 2), 0.5)
    m = projective(Z)
    s1, _ = record(memory_state(plus, H0, 2), m, quantum=True)
    st = MemoryProtocol(H_S=H0, memory_dim=2).record(m, quantum=True)._steps[0].stroke
    out = (st.propagator() @ np.kron(plus, np.diag([1.0, 0.0])).T.reshape(-1)).reshape(4, 4).T
    np.testing.assert_allclose(out, s1.rho, atol=1e-12)
    assert abs(out[0, 3]) == pytest.approx(0.5)


def test_joint_hamiltonian_layout() -> None:
    H = joint_hamiltonian(np.stack([np.diag([0.0, 1.0]), np.diag([2.0, 3.0])]), [0.0, 10.0])
    np.testing.assert_allclose(np.diag(H).real, [0.0, 12.0, 1.0, 13.0])


def test_bad_input() -> None:
    m = noisy_measurement(Z, 0.1)
    p = MemoryProtocol(H_S=H0, memory_dim=2)
    with pytest.raises(ValueError, match="`memory_dim` must be a positive integer"):
        MemoryProtocol(H_S=H0, memory_dim=0)
    with pytest.raises(ValueError, match="at least one state per outcome"):
        MemoryProtocol(H_S=H0, memory_dim=1).record(m)
    with pytest.raises(ValueError, match="missing"):
        p.record(m).feedback(m, {0: qeye(2)})
    with pytest.raises(ValueError, match="must be unitary"):
        p.record(m).feedback(m, {0: qeye(2), 1: 2 * qeye(2)})
    with pytest.raises(ValueError, match="`p_final` must be in"):
        p.erase(1.0, p_final=0.0)
    with pytest.raises(ValueError, match="must not depend on the memory"):
        p.record(m).feedback(m, {0: qeye(2), 1: qeye(2)}, hamiltonians=_quench(0.9, 1)).erase(
            1.0, p_final=0.01
        )
    with pytest.raises(ValueError, match="`steps` must be a positive integer"):
        p.isothermal(H0, 1.0, steps=0)
    with pytest.raises(ValueError, match="no operation yet"):
        p.cycle()
    with pytest.raises(ValueError, match="must form a cycle"):
        p.record(m).feedback(m, {0: qeye(2), 1: qeye(2)}, hamiltonians=_quench(0.9, 1)).cycle()
    with pytest.raises(ValueError, match="was used at T"):
        p.thermalize(1.0).thermalize(2.0)
    mc = _szilard(0.1, 0.9, 1.0, 3, 0.1)
    other = _szilard(0.1, 0.9, 1.0, 3, 0.1)
    with pytest.raises(ValueError, match="limit cycle of this MemoryCycle"):
        mc.ledger(other.limit_cycle())
