"""Correlated locally thermal states, energy-preserving interactions, generalized laws."""

from __future__ import annotations

import math

import numpy as np
import pytest
import qutip
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import unitary_group

from quantherm.core.states import gibbs_state
from quantherm.information import (
    conditional_entropy,
    correlated_state,
    generalized_books,
    heat_exchange,
    interaction_unitary_micadei,
    max_heat_gain,
    random_energy_preserving_unitary,
    thermal_qubits_correlated,
    werner_state,
)

H = np.diag([0.0, 1.0]).astype(complex)
HTOT = np.kron(H, np.eye(2)) + np.kron(np.eye(2), H)
TA, TB = 1 / 1.00870, 1 / 1.14880


def test_micadei_dynamics_against_qutip_and_closed_form() -> None:
    J, tau, alpha = 215.1, 0.8e-3, -0.12
    rho = thermal_qubits_correlated(TA, TB, alpha)
    # QuTiP: H_AB = (pi/2) J (sx sy - sy sx), evolve for tau
    sx, sy = qutip.sigmax(), qutip.sigmay()
    Hq = (math.pi / 2) * J * (qutip.tensor(sx, sy) - qutip.tensor(sy, sx))
    out = (
        qutip.sesolve(
            Hq,
            qutip.Qobj(np.eye(4), dims=[[2, 2], [2, 2]]),
            [0, tau],
            options={"atol": 1e-12, "rtol": 1e-10},
        )
        .states[-1]
        .full()
    )
    U = interaction_unitary_micadei(math.pi * J * tau)
    np.testing.assert_allclose(U, out, atol=1e-8)
    ex = heat_exchange(rho, H, H, U, TA, TB)
    pa, pb = 1 / (1 + math.exp(1 / TA)), 1 / (1 + math.exp(1 / TB))
    th = math.pi * J * tau
    assert ex.heat_a == pytest.approx(
        (pb - pa) * math.sin(th) ** 2 - alpha * math.sin(2 * th), abs=1e-12
    )
    assert ex.heat_b == pytest.approx(-ex.heat_a, abs=1e-14)


def test_max_heat_gain_closed_form() -> None:
    pa, pb = 1 / (1 + math.exp(1 / TA)), 1 / (1 + math.exp(1 / TB))
    for a in (0.0, 0.05, 0.15):
        rho = thermal_qubits_correlated(TA, TB, a * np.exp(0.7j))
        D = pa - pb
        assert max_heat_gain(rho, H, H) == pytest.approx(
            max(0.0, -D / 2 + math.sqrt(D * D / 4 + a * a)), abs=1e-12
        )


def test_conditional_entropy_of_werner_states() -> None:
    assert float(conditional_entropy(werner_state(1.0), (2, 2), [0])) == pytest.approx(-math.log(2))
    assert float(conditional_entropy(werner_state(0.0), (2, 2), [0])) == pytest.approx(math.log(2))


def _random_locally_thermal(seed: int, Ta: float, Tb: float) -> np.ndarray:
    """gamma_A ⊗ gamma_B + chi, chi = random traceless-marginal correlation scaled to stay PSD."""
    rng = np.random.default_rng(seed)
    ga, gb = gibbs_state(H, Ta), gibbs_state(H, Tb)
    paulis = [np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]), np.diag([1.0, -1.0])]
    chi = sum(rng.normal() * np.kron(paulis[i], paulis[j]) for i in range(3) for j in range(3)) / 4
    base = np.kron(ga, gb)
    lam = np.linalg.eigvalsh(chi)
    scale = rng.uniform(0, 1) * np.linalg.eigvalsh(base).min() / max(abs(lam).max(), 1e-12)
    return correlated_state(ga, gb, scale * chi)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 100_000), Ta=st.floats(0.2, 5.0), Tb=st.floats(0.2, 5.0))
def test_generalized_second_law_for_random_states_and_unitaries(
    seed: int, Ta: float, Tb: float
) -> None:
    rho = _random_locally_thermal(seed, Ta, Tb)
    U = random_energy_preserving_unitary(HTOT, seed)
    ex = heat_exchange(rho, H, H, U, Ta, Tb)
    assert abs(ex.law_residual) < 1e-10
    assert ex.second_law_margin >= -1e-10
    assert ex.energy_residual < 1e-12
    # Bera et al.: exact identity for any unitary (not only energy-preserving)
    books = generalized_books(rho, unitary_group.rvs(4, random_state=seed), H, H, Tb)
    assert abs(books.identity_residual) < 1e-10
    assert books.second_law_margin >= -1e-10


def test_uncorrelated_heat_flows_hot_to_cold() -> None:
    rho = thermal_qubits_correlated(TA, TB, 0.0)
    for seed in range(20):
        ex = heat_exchange(rho, H, H, random_energy_preserving_unitary(HTOT, seed), TA, TB)
        assert ex.heat_a <= 1e-14


def test_bad_correlated_states_and_interactions() -> None:
    ga, gb = gibbs_state(H, TA), gibbs_state(H, TB)
    with pytest.raises(ValueError, match="positive"):
        thermal_qubits_correlated(TA, TB, 0.3)
    chi = np.zeros((4, 4), complex)
    chi[1, 2] = chi[2, 1] = 0.3
    with pytest.raises(ValueError, match="keep the correlated state positive"):
        correlated_state(ga, gb, chi)
    with pytest.raises(ValueError, match="marginal of A unchanged"):
        correlated_state(ga, gb, np.diag([0.01, 0.01, -0.01, -0.01]))
    rho = thermal_qubits_correlated(TA, TB, -0.1)
    swap_x = np.kron(np.array([[0, 1], [1, 0]]), np.eye(2))
    with pytest.raises(ValueError, match="commute with H_A \\+ H_B"):
        heat_exchange(rho, H, H, swap_x, TA, TB)
    with pytest.raises(ValueError, match="marginal of A must be thermal"):
        heat_exchange(rho, H, H, np.eye(4), 2 * TA, TB)
    with pytest.raises(ValueError, match="Werner"):
        werner_state(-0.5)
