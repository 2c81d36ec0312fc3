"""F_alpha: the ordinary free energy at alpha = 1, Gibbs and eigenstate values, additivity,
block-diagonal input handling (degenerate levels, rotated Hamiltonians) and quantum versions."""

from __future__ import annotations

import math

import numpy as np
import pytest
import qutip

from quantherm.core.states import free_energy
from quantherm.resource_theory import (
    as_populations,
    dephase,
    free_energy_alpha,
    gibbs_populations,
)

E = np.array([0.0, 0.7, 1.9, 2.4])
T = 0.8
ALPHAS = np.array([-math.inf, -20.0, -1.0, -1e-3, 0.0, 0.4, 1.0, 2.0, 30.0, math.inf])


def test_F1_is_the_ordinary_free_energy_qutip():
    rng = np.random.default_rng(0)
    for _ in range(5):
        p = rng.dirichlet(np.ones(4))
        rho = qutip.Qobj(np.diag(p))
        H = qutip.Qobj(np.diag(E))
        ref = qutip.expect(H, rho) - T * qutip.entropy_vn(rho)
        assert free_energy_alpha(p, E, T, 1.0) == pytest.approx(ref, abs=1e-12)
        assert free_energy_alpha(p, E, T, 1.0) == pytest.approx(
            float(free_energy(np.diag(p), np.diag(E), T))
        )


def test_gibbs_state_has_F_eq_for_every_alpha():
    g = gibbs_populations(E, T)
    F_eq = -T * math.log(float(np.sum(np.exp(-E / T))))
    assert np.allclose(free_energy_alpha(g, E, T, ALPHAS), F_eq, atol=1e-12)


def test_energy_eigenstate():
    for k in range(4):
        p = np.eye(4)[k]
        F = free_energy_alpha(p, E, T, ALPHAS)
        assert np.all(F[ALPHAS < 0] == math.inf)
        assert np.allclose(F[ALPHAS >= 0], E[k], atol=1e-12)


def test_additive_over_tensor_products():
    rng = np.random.default_rng(2)
    p, q = rng.dirichlet(np.ones(4)), rng.dirichlet(np.ones(2))
    E2 = np.array([0.0, 1.3])
    joint = free_energy_alpha(np.kron(p, q), np.add.outer(E, E2).ravel(), T, ALPHAS)
    parts = free_energy_alpha(p, E, T, ALPHAS) + free_energy_alpha(q, E2, T, ALPHAS)
    assert np.allclose(joint, parts, rtol=1e-10, atol=1e-10)


def test_rotated_hamiltonian_and_degenerate_blocks():
    rng = np.random.default_rng(4)
    V, _ = np.linalg.qr(rng.normal(size=(3, 3)) + 1j * rng.normal(size=(3, 3)))
    levels = np.array([0.0, 1.0, 1.0])  # a degenerate pair
    H = V @ np.diag(levels) @ V.conj().T
    inner = np.array([[0.3, 0.1 + 0.05j], [0.1 - 0.05j, 0.2]])  # coherence inside the block is free
    R = np.zeros((3, 3), complex)
    R[0, 0] = 0.5
    R[1:, 1:] = inner
    rho = V @ R @ V.conj().T
    p, Es = as_populations(rho, H)
    assert np.allclose(Es, levels)
    assert np.allclose(np.sort(p[1:]), np.linalg.eigvalsh(inner))
    assert free_energy_alpha(rho, H, 1.0, 2.0) == pytest.approx(free_energy_alpha(p, Es, 1.0, 2.0))


def test_coherence_between_energies_is_rejected_then_dephased():
    H = np.diag([0.0, 1.0])
    rho = np.array([[0.6, 0.2], [0.2, 0.4]])
    with pytest.raises(ValueError, match="block-diagonal in the energy eigenbasis"):
        free_energy_alpha(rho, H, 1.0, 2.0)
    assert np.allclose(dephase(rho, H), np.diag([0.6, 0.4]))
    # quantum F_alpha of the coherent state exceeds that of its dephasing (a thermal operation)
    for a in (0.5, 1.0, 2.0):
        fq = free_energy_alpha(rho, H, 1.0, a, divergence="petz")
        assert fq > free_energy_alpha([0.6, 0.4], [0.0, 1.0], 1.0, a) + 1e-6
    assert free_energy_alpha(rho, H, 1.0, 1.0, divergence="sandwiched") == pytest.approx(
        free_energy_alpha(rho, H, 1.0, 1.0, divergence="petz")
    )


def test_bad_inputs():
    with pytest.raises(ValueError, match="`T` must be a temperature > 0"):
        free_energy_alpha([1.0, 0.0], [0.0, 1.0], 0.0, 1.0)
    with pytest.raises(ValueError, match="`T` must be a temperature > 0"):
        free_energy_alpha([1.0, 0.0], [0.0, 1.0], -1.0, 1.0)
    with pytest.raises(ValueError, match="`T` must be finite here"):
        free_energy_alpha([1.0, 0.0], [0.0, 1.0], math.inf, 1.0)
    with pytest.raises(ValueError, match="one population per energy level"):
        free_energy_alpha([0.5, 0.5], [0.0, 1.0, 2.0], 1.0, 1.0)
    with pytest.raises(ValueError, match="same Hilbert space"):
        free_energy_alpha(np.eye(2) / 2, np.diag([0.0, 1.0, 2.0]), 1.0, 1.0)
    with pytest.raises(ValueError, match="density matrix"):
        free_energy_alpha(np.diag([0.7, 0.7]), [0.0, 1.0], 1.0, 1.0)
    with pytest.raises(ValueError, match="`alpha` must be a real number"):
        free_energy_alpha([1.0, 0.0], [0.0, 1.0], 1.0, math.nan)
    with pytest.raises(ValueError, match="`alpha` must lie in"):
        free_energy_alpha(np.eye(2) / 2, [0.0, 1.0], 1.0, 3.0, divergence="petz")
    with pytest.raises(ValueError, match="`divergence` must be one of"):
        free_energy_alpha([1.0, 0.0], [0.0, 1.0], 1.0, 1.0, divergence="umegaki")
    with pytest.raises(ValueError, match="Hermitian"):
        free_energy_alpha(np.eye(2) / 2, [[0.0, 1.0], [0.0, 0.0]], 1.0, 1.0)
    with pytest.raises(ValueError, match="needs `H` as energy levels"):
        free_energy_alpha([0.5, 0.5], np.diag([0.0, 1.0]), 1.0, 1.0)


def test_qutip_objects_are_accepted():
    p = np.array([0.1, 0.2, 0.3, 0.4])
    rho, H = qutip.Qobj(np.diag(p)), qutip.Qobj(np.diag(E))
    assert np.allclose(free_energy_alpha(rho, H, T, ALPHAS), free_energy_alpha(p, E, T, ALPHAS))
    assert np.allclose(as_populations(rho, H)[0], p)
