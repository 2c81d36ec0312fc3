"""Measurements, POVM validation and information quantities."""

from __future__ import annotations

import math

import numpy as np
import pytest
import qutip
from hypothesis import given, settings
from hypothesis import strategies as st

from quantherm.information import (
    Measurement,
    binary_entropy,
    check_povm,
    measure,
    mutual_information_classical,
    noisy_measurement,
    povm,
    projective,
    qc_mutual_information,
    shannon_entropy,
)

Z_PROJ = np.stack([np.diag([1.0, 0.0]), np.diag([0.0, 1.0])])


def test_measure_matches_qutip_probabilities_and_states() -> None:
    rho_q = qutip.rand_dm(3, seed=7)
    effects = [qutip.rand_dm(3, seed=s).full() for s in (1, 2)]
    total = effects[0] + effects[1]
    w, V = np.linalg.eigh(total)
    inv_sqrt = V @ np.diag(w**-0.5) @ V.conj().T
    effects = [inv_sqrt @ E @ inv_sqrt for E in effects]  # normalise to a POVM
    m = povm(effects)
    p, states = measure(rho_q, m)
    for k, E in enumerate(effects):
        Mk = qutip.Qobj(m.kraus[k])
        assert p[k] == pytest.approx(qutip.expect(qutip.Qobj(E), rho_q), abs=1e-12)
        post = (Mk * rho_q * Mk.dag()).full() / p[k]
        np.testing.assert_allclose(states[k], post, atol=1e-12)
    assert p.sum() == pytest.approx(1.0)


def test_noisy_measurement_effects_are_the_binary_symmetric_channel() -> None:
    m = noisy_measurement(Z_PROJ, 0.1)
    np.testing.assert_allclose(m.effects[0], np.diag([0.9, 0.1]), atol=1e-14)
    np.testing.assert_allclose(m.effects[1], np.diag([0.1, 0.9]), atol=1e-14)


def test_qc_information_reduces_to_shannon_mutual_information() -> None:
    eps = 0.2
    rho = np.diag([0.3, 0.7])
    joint = np.array([[0.3 * 0.8, 0.3 * 0.2], [0.7 * 0.2, 0.7 * 0.8]])
    got = qc_mutual_information(rho, noisy_measurement(Z_PROJ, eps))
    assert got == pytest.approx(mutual_information_classical(joint), abs=1e-12)
    # error-free: I = H(p)
    assert qc_mutual_information(rho, projective(Z_PROJ)) == pytest.approx(
        float(shannon_entropy([0.3, 0.7])), abs=1e-12
    )


def test_binary_entropy_values() -> None:
    assert float(binary_entropy(0.5)) == pytest.approx(math.log(2))
    assert float(binary_entropy(0.0)) == 0.0


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), n=st.integers(2, 4))
def test_qc_information_is_between_zero_and_state_entropy(seed: int, n: int) -> None:
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(n, 3, 3)) + 1j * rng.normal(size=(n, 3, 3))
    E = A @ np.conj(np.swapaxes(A, -1, -2))
    w, V = np.linalg.eigh(E.sum(axis=0))
    inv_sqrt = V @ np.diag(w**-0.5) @ V.conj().T
    m = povm(inv_sqrt @ E @ inv_sqrt)
    rho = qutip.rand_dm(3, seed=seed).full()
    info = qc_mutual_information(rho, m)
    s = -np.sum([x * math.log(x) for x in np.linalg.eigvalsh(rho) if x > 1e-300])
    assert -1e-12 <= info <= s + 1e-12


def test_not_a_povm_is_rejected() -> None:
    with pytest.raises(ValueError, match=r"must be a POVM.*sum"):
        povm([np.diag([1.0, 0.0]), np.diag([0.0, 0.5])])
    with pytest.raises(ValueError, match=r"must be a POVM.*eigenvalue"):
        check_povm([np.diag([1.2, 0.0]), np.diag([-0.2, 1.0])])
    with pytest.raises(ValueError, match=r"must be a POVM.*sum_k M_k"):
        Measurement(kraus=np.stack([np.eye(2), np.eye(2)]))
    with pytest.raises(ValueError, match="orthogonal projectors"):
        projective([np.diag([0.5, 0.5]), np.diag([0.5, 0.5])])
    with pytest.raises(ValueError, match="stochastic matrix"):
        noisy_measurement(Z_PROJ, [[0.9, 0.2], [0.2, 0.9]])
    with pytest.raises(ValueError, match="one label per Kraus"):
        Measurement(kraus=Z_PROJ, outcomes=("a",))
    with pytest.raises(ValueError, match="dimension of the measurement"):
        measure(np.eye(3) / 3, projective(Z_PROJ))
