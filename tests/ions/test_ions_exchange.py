"""Sector solver of the exchange model against QuTiP, closed forms and the truncated fallback."""

from __future__ import annotations

import math

import numpy as np
import pytest
import qutip
from hypothesis import given, settings
from hypothesis import strategies as st

from quantherm.errors import ConvergenceError
from quantherm.ions import (
    ExchangeModel,
    canonical_p_up,
    detect_revival,
    effective_spin_temperature,
    sector_dimension,
    solve_exchange,
    spin_observable_truncated,
    thermal_phonon_weights,
)


def _qutip_p_up(model: ExchangeModel, times: np.ndarray, n_bar: float, cutoff: int) -> np.ndarray:
    n = model.n_modes
    levels = cutoff + 1
    ops = [
        qutip.tensor(
            [qutip.qeye(2)]
            + [qutip.destroy(levels) if j == m else qutip.qeye(levels) for j in range(n)]
        )
        for m in range(n)
    ]
    sp = qutip.tensor([qutip.sigmap()] + [qutip.qeye(levels)] * n)
    sz = qutip.tensor([qutip.sigmaz()] + [qutip.qeye(levels)] * n)
    h = 0.5 * model.spin_detuning * sz
    for m, a in enumerate(ops):
        h += model.detunings[m] * a.dag() * a + model.couplings[m] * (sp * a + sp.dag() * a.dag())
    rho0 = qutip.tensor([qutip.basis(2, 1).proj()] + [qutip.thermal_dm(levels, n_bar)] * n)
    up = qutip.tensor([qutip.basis(2, 0).proj()] + [qutip.qeye(levels)] * n)
    res = qutip.mesolve(h, rho0, times, e_ops=[up], options={"atol": 1e-10, "rtol": 1e-8})
    return np.asarray(res.expect[0])


def test_matches_qutip_two_modes() -> None:
    model = ExchangeModel(detunings=[0.0, -0.4], couplings=[0.8, 0.5], spin_detuning=0.2)
    times = np.linspace(0, 6, 13)
    ours = solve_exchange(model, times, n_bar=0.4, thermal_tol=1e-9)
    ref = _qutip_p_up(model, times, 0.4, cutoff=12)
    np.testing.assert_allclose(ours.p_up, ref, atol=1e-6)


def test_single_mode_closed_form_and_statistics() -> None:
    model = ExchangeModel(detunings=[0.0], couplings=[1.0])
    t = np.array([0.5, 1.0, 2.0, 7.3])
    res = solve_exchange(model, t, n_bar=1.0, thermal_tol=1e-12)
    n = np.arange(200)
    p = 0.5 ** (n + 1)
    exact = np.sum(p[None, :] * np.sin(np.sqrt(n)[None, :] * t[:, None]) ** 2, axis=1)
    np.testing.assert_allclose(res.p_up, exact, atol=1e-11)
    assert res.p_up_mean == pytest.approx(0.25, abs=1e-11)
    # sigma_t^2 = sum_{K>=1} p_K^2 / 8, d_eff = 1/(p_0^2 + sum p_K^2 / 2)
    assert res.p_up_std == pytest.approx(math.sqrt(np.sum(p[1:] ** 2) / 8), abs=1e-11)
    assert res.d_eff == pytest.approx(1 / (0.25 + np.sum(p[1:] ** 2) / 2), rel=1e-9)


def test_sector_matches_truncated_fallback_with_fock_and_spin_up() -> None:
    model = ExchangeModel(detunings=[0.1, -0.3], couplings=[0.6, 0.4])
    t = np.linspace(0, 4, 9)
    thermal, cutoff = spin_observable_truncated(model, t, spin="up", n_bar=0.2, atol=1e-8)
    ours = solve_exchange(model, t, spin="up", n_bar=0.2, thermal_tol=1e-10)
    np.testing.assert_allclose(ours.p_up, thermal, atol=1e-7)
    assert cutoff > 1
    fock = solve_exchange(model, t, spin="down", fock=[2, 1])
    assert fock.sector_weights[3] == pytest.approx(1.0)
    assert abs(fock.p_up[0]) < 1e-14


def test_typicality_path_agrees_with_dense() -> None:
    model = ExchangeModel(detunings=[0.0, -0.5, -1.0], couplings=[0.6, 0.5, 0.4])
    t = np.linspace(0, 5, 11)
    dense = solve_exchange(model, t, n_bar=0.5, thermal_tol=1e-4)
    sampled = solve_exchange(
        model, t, n_bar=0.5, thermal_tol=1e-4, max_dense_dim=30, n_samples=16, rng=1
    )
    assert sampled.sampled_sectors and not sampled.exact
    assert math.isnan(sampled.p_up_mean)
    assert np.max(np.abs(sampled.p_up - dense.p_up)) < 5 * sampled.sampling_error + 1e-3


def test_lanczos_path_is_exact_for_a_fock_state() -> None:
    # one Fock configuration: the random sign is a global sign, so typicality is exact
    model = ExchangeModel(detunings=[0.0, -0.5, -1.1], couplings=[0.6, 0.5, 0.4])
    t = np.linspace(0, 30, 61)
    dense = solve_exchange(model, t, fock=[3, 2, 2])
    lanczos = solve_exchange(model, t, fock=[3, 2, 2], max_dense_dim=5)
    assert lanczos.sampled_sectors == (7,)
    np.testing.assert_allclose(lanczos.p_up, dense.p_up, atol=1e-8)


def test_comb_revival() -> None:
    from quantherm.ions import comb_exchange_model, golden_rule_rate, revival_time

    model = comb_exchange_model(41, spacing=1.0, coupling=0.4)
    t = np.linspace(6, 12, 601)
    rev = detect_revival(t, solve_exchange(model, t, spin="up", fock=[0] * 41).p_up, after=6.5)
    assert rev.time == pytest.approx(revival_time(1.0) + 2 / 1.0053, abs=0.05)  # T_R + 2/Gamma
    assert rev.height == pytest.approx(0.5369, abs=1e-4)
    assert golden_rule_rate(0.4, 1.0) == pytest.approx(1.0053, abs=1e-4)


@pytest.mark.parametrize(
    ("n", "n_bar", "flat", "window"),
    [(2, 0.5, 0.20661, 0.13187), (3, 0.5, 0.22222, 0.16083), (3, 1.0, 0.31250, 0.26319)],
)
def test_microcanonical_predictions_match_card(
    n: int, n_bar: float, flat: float, window: float
) -> None:
    model = ExchangeModel(detunings=-0.5 * np.arange(n), couplings=np.full(n, 1 / np.sqrt(n)))
    res = solve_exchange(model, [1.0], n_bar=n_bar)
    assert res.micro_flat == pytest.approx(flat, abs=1e-4)
    assert res.micro_window == pytest.approx(window, abs=1e-4)
    # flat value: sum_K P(K) K / (2K + N - 1)
    k = np.arange(res.sector_weights.size)
    assert res.micro_flat == pytest.approx(
        np.sum(res.sector_weights * k / (2 * k + n - 1)), abs=1e-12
    )


def test_chain_model_construction() -> None:
    from quantherm.ions import chain_exchange_model, linear_crystal

    crystal = linear_crystal(3, w_r_over_w_z=8.0)
    model = chain_exchange_model(crystal, g0=0.03)
    assert model.detunings[0] == 0.0 and np.all(model.detunings[1:] < 0)
    np.testing.assert_allclose(np.abs(model.couplings[0]), 0.03 / np.sqrt(3), rtol=1e-12)
    with pytest.raises(ValueError, match="spin_ion"):
        chain_exchange_model(crystal, g0=0.03, spin_ion=3)
    with pytest.raises(ValueError, match="laser_mode"):
        chain_exchange_model(crystal, g0=0.03, laser_mode=-1)


def test_thermal_references() -> None:
    assert canonical_p_up(1.0) == pytest.approx(1 / 3)
    assert effective_spin_temperature(1 / 3) == pytest.approx(1 / math.log(2))
    assert sector_dimension(26, 3) == 729 and sector_dimension(18, 4) == 2470


def test_bad_input() -> None:
    model = ExchangeModel(detunings=[0.0, -0.5], couplings=[1.0, 1.0])
    with pytest.raises(ValueError, match="exactly one of"):
        solve_exchange(model, [1.0])
    with pytest.raises(ValueError, match="cannot hold the thermal weight"):
        solve_exchange(model, [1.0], n_bar=5.0, max_sector_dim=50)
    with pytest.raises(ValueError, match="cannot hold the thermal weight"):
        thermal_phonon_weights(3.0, 2, 4, tol=1e-6)
    with pytest.raises(ValueError, match="fock"):
        solve_exchange(model, [1.0], fock=[1])
    with pytest.raises(ValueError, match="couplings"):
        ExchangeModel(detunings=[0.0, 1.0], couplings=[1.0])
    with pytest.raises(ValueError, match="p_up"):
        effective_spin_temperature(0.7)
    with pytest.raises(ConvergenceError):
        spin_observable_truncated(model, [1.0], n_bar=2.0, max_dim=60)


@settings(max_examples=25, deadline=None)
@given(
    d=st.lists(st.floats(-1, 1), min_size=1, max_size=3),
    g=st.floats(0.05, 1.0),
    nb=st.floats(0.0, 0.6),
)
def test_population_bounds_and_average(d: list[float], g: float, nb: float) -> None:
    model = ExchangeModel(detunings=d, couplings=[g] * len(d))
    t = np.linspace(0, 30, 301)
    res = solve_exchange(model, t, n_bar=nb, thermal_tol=1e-6)
    assert np.all(res.p_up >= -1e-12) and np.all(res.p_up <= 1 + 1e-12)
    assert 0 <= res.p_up_mean <= 0.5 + 1e-9  # spin starts down: never inverted on average
    assert res.d_eff >= 1.0


def test_revival_detection_and_statistics_helpers() -> None:
    from quantherm.ions import temporal_statistics

    t = np.linspace(0, 10, 1001)
    y = np.exp(-((t - 6.3217) ** 2))
    rev = detect_revival(t, y, after=3.0)
    assert rev.time == pytest.approx(6.3217, abs=1e-4)
    assert rev.height == pytest.approx(1.0, abs=1e-4)
    with pytest.raises(ValueError, match="bracket"):
        detect_revival(t, t, after=3.0)
    mean, std = temporal_statistics(np.cos(np.linspace(0, 2 * np.pi, 1000, endpoint=False)))
    assert mean == pytest.approx(0.0, abs=1e-12)
    assert std == pytest.approx(1 / np.sqrt(2), abs=1e-12)


@pytest.mark.slow
def test_card_c3_four_modes() -> None:
    model = ExchangeModel(detunings=-0.5 * np.arange(4), couplings=np.full(4, 0.5))
    res = solve_exchange(model, [1.0, 5.0, 20.0], n_bar=0.5)
    assert res.exact
    assert res.p_up_mean == pytest.approx(0.20042, abs=1e-4)
    assert res.p_up_std == pytest.approx(0.01439, abs=1e-4)
    assert res.d_eff == pytest.approx(17.2, abs=0.05)
    np.testing.assert_allclose(res.p_up, [0.24597, 0.19638, 0.18895], atol=1e-4)
    assert res.micro_window == pytest.approx(0.18587, abs=1e-4)
