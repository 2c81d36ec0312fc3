"""Bad input gets one clear error naming the argument and what is allowed."""

from __future__ import annotations

import numpy as np
import pytest

import quantherm as qh


def test_non_hermitian_hamiltonian() -> None:
    with pytest.raises(ValueError, match=r"`H` must be Hermitian"):
        qh.master_equation(np.array([[0, 1], [0, 0]]), [(qh.sigmax(), qh.Bath(name="b", T=1.0))])


@pytest.mark.parametrize("T", [-1.0, float("nan")])
def test_bad_temperature(T: float) -> None:
    with pytest.raises(ValueError, match=r"must be a temperature in \[0, inf\)"):
        qh.Bath(name="b", T=T)


def test_mismatched_dimensions() -> None:
    with pytest.raises(ValueError, match=r"Hilbert space of `H` \(dimension 3\)"):
        qh.master_equation(np.eye(3), [(qh.sigmax(), qh.Bath(name="b", T=1.0))])


def test_not_a_density_matrix() -> None:
    me = qh.master_equation(np.diag([0.0, 1.0]), [(qh.sigmax(), qh.Bath(name="b", T=1.0))])
    with pytest.raises(ValueError, match=r"`rho0` must be a density matrix .* got trace 2"):
        qh.evolve(me, np.eye(2), [0.0, 1.0])
    with pytest.raises(ValueError, match="smallest eigenvalue"):
        qh.evolve(me, np.array([[1.5, 0], [0, -0.5]]), [0.0, 1.0])


def test_unknown_master_equation_lists_valid_ones() -> None:
    with pytest.raises(ValueError, match=r"'global', 'local', 'redfield'; got 'secular'"):
        qh.master_equation(np.eye(2), [(qh.sigmax(), qh.Bath(name="b", T=1.0))], kind="secular")


def test_local_needs_h0() -> None:
    with pytest.raises(ValueError, match="`H0` must be given"):
        qh.master_equation(np.eye(2), [(qh.sigmax(), qh.Bath(name="b", T=1.0))], kind="local")


def test_accepts_qutip_objects() -> None:
    qt = pytest.importorskip("qutip")
    me = qh.master_equation(qt.num(3), [(qt.destroy(3) + qt.create(3), qh.Bath(name="b", T=1.0))])
    np.testing.assert_allclose(
        qh.steady_state(me).rho, qh.gibbs_state(qh.number(3), 1.0), atol=1e-13
    )


def test_couplings_must_be_pairs() -> None:
    with pytest.raises(TypeError, match=r"`couplings\[0\]` must be a pair"):
        qh.master_equation(np.eye(2), [qh.sigmax()])  # type: ignore[list-item]
