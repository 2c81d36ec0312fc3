"""Ledger, law checks and warnings; the laws as hypothesis properties."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import quantherm as qh
from quantherm.errors import ConvergenceError, ThermodynamicConsistencyWarning
from quantherm.machines.library import absorption_refrigerator
from quantherm.thermo import steady_state_ledger, trajectory_ledger


def _random_model(
    seed: int, d: int, nbaths: int
) -> tuple[np.ndarray, list[tuple[np.ndarray, qh.Bath]]]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    H = (X + X.conj().T) / 2
    couplings = []
    for k in range(nbaths):
        Y = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
        T = float(rng.uniform(0.1, 5.0))
        spec = qh.OhmicSpectrum(float(rng.uniform(0.01, 0.3)), float(rng.uniform(1.0, 10.0)))
        couplings.append(((Y + Y.conj().T) / 2, qh.Bath(name=f"b{k}", T=T, spectral_density=spec)))
    return H, couplings


@settings(max_examples=40, deadline=None, derandomize=True)
@given(seed=st.integers(0, 2**31 - 1), d=st.integers(2, 8), nbaths=st.integers(1, 3))
def test_global_steady_state_obeys_first_and_second_law(seed: int, d: int, nbaths: int) -> None:
    H, couplings = _random_model(seed, d, nbaths)
    res = qh.ContinuousMachine(H, couplings, kind="global").steady_state()
    led = res.ledger
    scale = max(1.0, max(float(np.abs(J)) for J in led.heat.values()))
    assert abs(float(sum(led.heat.values())) + float(led.power)) < 1e-10 * scale
    assert float(led.first_law_residual) < 1e-10 * scale
    assert float(led.entropy_production) >= -1e-12
    assert abs(float(led.power)) < 1e-10 * scale  # no drive: no work in the global steady state
    assert res.checks.passed


@settings(max_examples=25, deadline=None, derandomize=True)
@given(seed=st.integers(0, 2**31 - 1), d=st.integers(2, 6), nbaths=st.integers(1, 3))
def test_spohn_entropy_production_nonnegative_along_trajectories(
    seed: int, d: int, nbaths: int
) -> None:
    H, couplings = _random_model(seed, d, nbaths)
    rng = np.random.default_rng(seed)
    psi = rng.normal(size=d) + 1j * rng.normal(size=d)
    rho0 = 0.7 * np.outer(psi, psi.conj()) / np.vdot(psi, psi).real + 0.3 * np.eye(d) / d
    m = qh.ContinuousMachine(H, couplings, kind="global")
    ev = m.evolve(rho0, np.linspace(0, 4, 9))
    assert np.all(ev.ledger.entropy_production_rate >= -1e-12)
    # first law along the trajectory: dU/dt = sum J + P, with P = 0 (no drive)
    assert np.all(np.abs(ev.ledger.power) < 1e-10)


@settings(max_examples=25, deadline=None, derandomize=True)
@given(seed=st.integers(0, 2**31 - 1), d=st.integers(2, 8))
def test_gibbs_state_is_fixed_point_of_single_temperature_dissipator(seed: int, d: int) -> None:
    H, couplings = _random_model(seed, d, 2)
    T = couplings[0][1].T
    same_T = [
        (A, qh.Bath(name=b.name, T=T, spectral_density=b.spectral_density)) for A, b in couplings
    ]
    me = qh.master_equation(H, same_T)
    L = me.liouvillian()
    assert np.abs(L @ qh.vec(qh.gibbs_state(H, T))).max() < 1e-12


def test_local_equation_pumping_cold_to_hot_warns_and_names_the_fix() -> None:
    # two qubits, exchange coupling, w_h/T_h > w_c/T_c: the local equation sends heat cold -> hot
    dims = [2, 2]
    n, s = qh.qubit_number(), qh.qubit_lowering()
    w_h, w_c, lam = 3.0, 1.0, 0.05
    H0 = w_h * qh.embed(n, dims, 0) + w_c * qh.embed(n, dims, 1)
    V = lam * (np.kron(s.T, s) + np.kron(s, s.T))
    hot = qh.Bath(name="hot", T=2.0, spectral_density=qh.FlatSpectrum(0.05))
    cold = qh.Bath(name="cold", T=1.0, spectral_density=qh.FlatSpectrum(0.05))
    cpl = [(qh.embed(qh.sigmax(), dims, 0), hot), (qh.embed(qh.sigmax(), dims, 1), cold)]
    with pytest.warns(ThermodynamicConsistencyWarning, match=r"kind='global' or kind='redfield'"):
        res = qh.ContinuousMachine(H0 + V, cpl, kind="local", H0=H0).steady_state()
    # bare-H0 books: heat taken from the cold bath, dumped in the hot one, "paid" by a
    # fictitious work of the time-independent coupling; full-H books: sigma < 0
    assert res.ledger.heat["cold"] > 0 > res.ledger.heat["hot"]
    assert res.ledger.power > 0
    assert res.ledger.entropy_production_full < 0
    assert not res.checks.passed
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        glob = qh.ContinuousMachine(H0 + V, cpl, kind="global").steady_state()
    assert glob.ledger.heat["hot"] > 0 > glob.ledger.heat["cold"]
    assert glob.ledger.entropy_production > 0


def test_fridge_regime_cop_and_carnot() -> None:
    led = (
        absorption_refrigerator(w_c=1, w_h=4, g=0.01, gamma=0.1, T_c=1, T_r=1.5, T_h=5)
        .steady_state()
        .ledger
    )
    assert led.regime == "refrigerator"
    assert abs(float(led.cop) - 0.25) < 1e-12
    assert abs(float(led.carnot_cop) - 1.4) < 1e-12


def test_engine_regime_and_efficiency() -> None:
    from quantherm.machines.library import three_level_maser

    led = (
        three_level_maser(w_c=1, w_h=3, T_c=1, T_h=5, gamma_c=0.05, gamma_h=0.05, eps=0.1)
        .steady_state()
        .ledger
    )
    assert led.regime == "engine"
    assert abs(float(led.efficiency) - 2 / 3) < 1e-12
    assert abs(float(led.carnot_efficiency) - 0.8) < 1e-15


def test_driven_qubit_work_and_first_law_along_trajectory() -> None:
    w, eps, Omega = 1.0, 0.2, 1.0
    bath = qh.Bath(name="b", T=0.5, spectral_density=qh.FlatSpectrum(0.1))
    m = qh.ContinuousMachine(w * qh.qubit_number(), [(qh.sigmax(), bath)])
    times = np.linspace(0, 20, 2001)
    ev = m.evolve(qh.fock_dm(2, 0), times, drive=lambda t: eps * np.cos(Omega * t) * qh.sigmax())
    led = ev.ledger
    # integrated first law: quadrature error of the grid only
    assert np.max(led.first_law_residual) < 1e-5
    assert led.work[-1] > 0  # a resonant drive does work on a thermal qubit
    assert led.heat["b"][-1] < 0  # which it dumps into the bath


def test_nonunique_steady_state_raises() -> None:
    H = np.diag([0.0, 1.0, 2.0])
    A = np.zeros((3, 3))
    A[0, 1] = A[1, 0] = 1.0  # level 2 is never connected
    me = qh.master_equation(H, [(A, qh.Bath(name="b", T=1.0))])
    with pytest.raises(ConvergenceError, match="not unique"):
        qh.steady_state(me)


def test_ledger_on_batch_matches_pointwise() -> None:
    Th = np.array([2.0, 5.0, 10.0])
    batch = (
        absorption_refrigerator(w_c=1, w_h=4, g=0.01, gamma=0.1, T_c=1, T_r=1.5, T_h=Th)
        .steady_state()
        .ledger
    )
    for i, T in enumerate(Th):
        one = (
            absorption_refrigerator(w_c=1, w_h=4, g=0.01, gamma=0.1, T_c=1, T_r=1.5, T_h=T)
            .steady_state(warn=False)
            .ledger
        )
        for k in ("c", "h", "r"):
            np.testing.assert_allclose(batch.heat[k][i], one.heat[k], rtol=1e-12, atol=1e-18)


def test_steady_and_trajectory_ledgers_agree_at_long_times() -> None:
    m = absorption_refrigerator(w_c=1, w_h=4, g=0.05, gamma=0.1, T_c=1, T_r=1.5, T_h=5)
    ss = qh.steady_state(m.master)
    ev = qh.evolve(m.master, np.eye(8) / 8, [0.0, 2000.0])
    led_t = trajectory_ledger(ev)
    led_s = steady_state_ledger(ss)
    for k in ("c", "h", "r"):
        np.testing.assert_allclose(led_t.heat_currents[k][-1], led_s.heat[k], rtol=1e-6, atol=1e-12)
