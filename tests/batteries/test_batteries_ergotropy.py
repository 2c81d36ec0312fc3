"""Ergotropy, passive states, capacity, many-copy and asymptotic ergotropy."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quantherm.batteries import (
    antipassive_state,
    asymptotic_ergotropy,
    capacity,
    ergotropy,
    ergotropy_coherent,
    ergotropy_incoherent,
    multi_copy_ergotropy,
    passive_energy,
    passive_state,
    subsystem_ergotropy,
)
from quantherm.core.states import entropy_vn, gibbs_state, partial_trace

ATOL = 1e-10


def random_state(rng: np.random.Generator, d: int, rank: int | None = None) -> np.ndarray:
    r = d if rank is None else rank
    A = rng.normal(size=(d, r)) + 1j * rng.normal(size=(d, r))
    rho = A @ A.conj().T
    return rho / np.trace(rho).real


def random_hamiltonian(rng: np.random.Generator, d: int) -> np.ndarray:
    A = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    return (A + A.conj().T) / 2


def brute_force_ergotropy(rho: np.ndarray, H: np.ndarray) -> float:
    """Max over permutations pairing eigenvectors of rho with those of H (explicit unitaries)."""
    _r, R = np.linalg.eigh(rho)
    e, V = np.linalg.eigh(H)
    E = np.trace(rho @ H).real
    best = E
    for perm in itertools.permutations(range(len(e))):
        U = V[:, list(perm)] @ R.conj().T  # |r_k> -> |e_perm(k)>
        best = min(best, np.trace(U @ rho @ U.conj().T @ H).real)
    return E - best


def test_ergotropy_matches_brute_force_unitaries():
    rng = np.random.default_rng(1)
    for d in (2, 3, 4):
        rho, H = random_state(rng, d), random_hamiltonian(rng, d)
        assert float(ergotropy(rho, H)) == pytest.approx(brute_force_ergotropy(rho, H), abs=1e-12)


def test_passive_state_is_unitarily_reachable_and_passive():
    rng = np.random.default_rng(2)
    rho, H = random_state(rng, 4), random_hamiltonian(rng, 4)
    pi = passive_state(rho, H)
    np.testing.assert_allclose(np.linalg.eigvalsh(pi), np.linalg.eigvalsh(rho), atol=1e-12)
    assert np.allclose(pi @ H, H @ pi, atol=1e-12)
    W = float(ergotropy(rho, H))
    assert np.trace(rho @ H).real - np.trace(pi @ H).real == pytest.approx(W, abs=1e-12)
    assert float(ergotropy(pi, H)) == 0.0


def test_pure_excited_qubit_and_plus_state():
    H = np.diag([0.0, 2.0])
    assert float(ergotropy(np.diag([0.0, 1.0]), H)) == pytest.approx(2.0, abs=1e-14)
    plus = np.full((2, 2), 0.5)
    assert float(ergotropy(plus, H)) == pytest.approx(1.0, abs=1e-14)
    assert float(ergotropy_incoherent(plus, H)) == pytest.approx(0.0, abs=1e-14)
    assert float(ergotropy_coherent(plus, H)) == pytest.approx(1.0, abs=1e-14)


def test_capacity_and_antipassive():
    H = np.diag([0.0, 1.0, 3.0])
    rho = np.diag([0.5, 0.3, 0.2])
    assert float(capacity(rho, H)) == pytest.approx(
        0.5 * 3 + 0.3 * 1 - (0.3 * 1 + 0.2 * 3), abs=1e-14
    )
    anti = antipassive_state(rho, H)
    np.testing.assert_allclose(np.diag(anti).real, [0.2, 0.3, 0.5], atol=1e-14)


def test_batched_ergotropy():
    rng = np.random.default_rng(3)
    rhos = np.stack([random_state(rng, 3) for _ in range(4)])
    H = random_hamiltonian(rng, 3)
    np.testing.assert_allclose(
        ergotropy(rhos, H), [float(ergotropy(r, H)) for r in rhos], atol=1e-14
    )


def test_passive_energy_with_degeneracies_equals_expanded_levels():
    rng = np.random.default_rng(4)
    p = rng.random(7)
    p /= p.sum()
    levels = np.array([0.0, 1.0, 2.0, 3.0])
    deg = np.array([1, 3, 3, 1])
    expanded = np.repeat(levels, deg)
    assert float(passive_energy(p, levels, deg)) == pytest.approx(
        float(np.sort(p)[::-1] @ np.sort(expanded)[:7]), abs=1e-14
    )
    with pytest.raises(ValueError, match="at least 7 states"):
        passive_energy(p, [0.0, 1.0])


def test_multi_copy_equals_explicit_tensor_power():
    rng = np.random.default_rng(5)
    rho, H = random_state(rng, 3), np.diag([0.0, 1.0, 1.5])
    for n in (2, 3):
        big = rho
        Hn = H
        for _ in range(n - 1):
            big = np.kron(big, rho)
            Hn = np.kron(Hn, np.eye(3)) + np.kron(np.eye(Hn.shape[0]), H)
        assert multi_copy_ergotropy(rho, H, n) == pytest.approx(
            float(ergotropy(big, Hn)), abs=1e-12
        )


def test_card_many_copy_example_brute_force():
    e, p = np.array([0.0, 1.0, 1.5]), np.array([0.6, 0.3, 0.1])
    # independent brute force: enumerate all n-tuples of levels
    for n, card in [(2, 0.0075), (3, 0.012), (4, 0.01095), (6, 0.0132397), (7, 0.0131645)]:
        tuples = np.array(list(itertools.product(range(3), repeat=n)))
        probs = np.prod(p[tuples], axis=1)
        ens = np.sum(e[tuples], axis=1)
        W = n * (p @ e) - np.sort(probs)[::-1] @ np.sort(ens)
        assert multi_copy_ergotropy(np.diag(p), np.diag(e), n) / n == pytest.approx(
            W / n, abs=1e-12
        )
        assert W / n == pytest.approx(card, abs=6e-8)


def test_asymptotic_ergotropy_gibbs_of_equal_entropy():
    H, rho = np.diag([0.0, 1.0, 1.5]), np.diag([0.6, 0.3, 0.1])
    a = asymptotic_ergotropy(rho, H)
    gamma = gibbs_state(H, 1.0 / a.beta)
    assert float(entropy_vn(gamma)) == pytest.approx(a.entropy, abs=1e-12)
    assert a.value == pytest.approx(0.45 - np.trace(gamma @ H).real, abs=1e-12)
    assert a.beta == pytest.approx(1.022638, abs=6e-7)
    assert a.value == pytest.approx(0.0163335, abs=6e-8)
    # pure state: full energy above the ground state is asymptotically extractable
    pure = asymptotic_ergotropy(np.diag([0.0, 0.0, 1.0]), H)
    assert pure.value == pytest.approx(1.5) and pure.beta == np.inf
    # maximally mixed: nothing
    assert asymptotic_ergotropy(np.eye(3) / 3, H).value == pytest.approx(0.0, abs=1e-14)


def test_subsystem_ergotropy_of_entangled_pair():
    psi = np.array([1.0, 0.0, 0.0, 1.0]) / np.sqrt(2)  # Bell state: each qubit maximally mixed
    rho = np.outer(psi, psi)
    H = np.diag([0.0, 1.0])
    assert float(subsystem_ergotropy(rho, H, [2, 2], 0)) == pytest.approx(0.0, abs=1e-14)
    H2 = np.kron(H, np.eye(2)) + np.kron(np.eye(2), H)
    assert float(ergotropy(rho, H2)) == pytest.approx(1.0, abs=1e-14)
    red = partial_trace(rho, [2, 2], 1)
    assert float(subsystem_ergotropy(rho, H, [2, 2], 1)) == float(ergotropy(red, H))


def test_bad_inputs():
    with pytest.raises(ValueError, match="Hermitian"):
        ergotropy(np.eye(2) / 2, np.array([[0.0, 1.0], [0.0, 1.0]]))
    with pytest.raises(ValueError, match="density matrix"):
        ergotropy(np.eye(2), np.eye(2))
    with pytest.raises(ValueError, match="same Hilbert space"):
        ergotropy(np.eye(3) / 3, np.eye(2))
    with pytest.raises(ValueError, match="copies"):
        multi_copy_ergotropy(np.eye(2) / 2, np.eye(2), 0)
    with pytest.raises(ValueError, match="asymptotic_ergotropy"):
        multi_copy_ergotropy(np.eye(3) / 3, np.eye(3), 20)


@st.composite
def state_and_hamiltonian(draw):
    d = draw(st.integers(2, 5))
    seed = draw(st.integers(0, 2**32 - 1))
    rank = draw(st.integers(1, d))
    rng = np.random.default_rng(seed)
    return random_state(rng, d, rank), random_hamiltonian(rng, d)


@settings(max_examples=25, deadline=None)
@given(sh=state_and_hamiltonian())
def test_ergotropy_bounds_property(sh):
    rho, H = sh
    W = float(ergotropy(rho, H))
    E = np.trace(rho @ H).real
    e0 = np.linalg.eigvalsh(H)[0]
    assert -ATOL <= W <= E - e0 + ATOL
    assert float(ergotropy(passive_state(rho, H), H)) <= 1e-12
    Wi, Wc = float(ergotropy_incoherent(rho, H)), float(ergotropy_coherent(rho, H))
    assert Wi >= 0 and Wc >= 0 and Wi + Wc == pytest.approx(W, abs=1e-9)
    assert float(capacity(rho, H)) >= W - ATOL


@settings(max_examples=25, deadline=None)
@given(sh=state_and_hamiltonian(), T=st.floats(0.05, 20.0))
def test_gibbs_states_are_passive(sh, T):
    _, H = sh
    assert float(ergotropy(gibbs_state(H, T), H)) <= 1e-12


@settings(max_examples=25, deadline=None)
@given(sh=state_and_hamiltonian())
def test_asymptotic_bounds_every_copy_number(sh):
    rho, H = sh
    a = asymptotic_ergotropy(rho, H)
    d = H.shape[0]
    for n in range(1, 4 if d <= 4 else 3):
        assert multi_copy_ergotropy(rho, H, n) / n <= a.value + 1e-9
    assert a.value >= float(ergotropy(rho, H)) - 1e-9
