"""Dicke battery: symmetric-sector solver vs full 2^N space, vs QuTiP, open dynamics, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.sparse as sps

from quantherm.batteries import (
    ClosedCharging,
    DickeBattery,
    charge_dicke,
    collective_advantage,
    dicke_degeneracies,
    dicke_figures,
    open_dicke_charging,
    power_uncertainty_bound,
    subsystem_ergotropy,
    symmetric_collective_operators,
)

qutip = pytest.importorskip("qutip")


def full_space_solver(b: DickeBattery) -> ClosedCharging:
    H = b.tensor_hamiltonian()
    nc = b.cutoff + 1
    exc = np.array([bin(s).count("1") for s in range(2**b.N)], dtype=float)
    K = b.w_a * np.repeat(exc, nc)
    psi0 = np.zeros(2**b.N * nc)
    psi0[b.n_photons] = 1.0
    return ClosedCharging.build(H, psi0, K, method="chebyshev" if H.shape[0] > 2000 else "eigh")


@pytest.mark.parametrize(
    ("N", "lam", "rwa"),
    [(1, 0.5, False), (2, 0.3, False), (3, 0.5, True), (4, 0.2, False), (5, 0.1, True)],
)
def test_symmetric_equals_full_space(N, lam, rwa):
    b = DickeBattery(N=N, lam=lam, rwa=rwa, n_max=N + 12)
    t = np.linspace(0.0, 3.0, 13)
    sym = charge_dicke(b)
    full = full_space_solver(b)
    E_f, P_f = full.energy_and_power(t)
    E_s, P_s = sym.energy_and_power(t)
    np.testing.assert_allclose(E_s, E_f, atol=1e-10)
    np.testing.assert_allclose(P_s, P_f, atol=1e-9)
    # battery ergotropy: degenerate-spectrum shortcut == explicit 2^N reduced state
    psi = full.states(t[[3, 7, 12]])
    H_B = b.w_a * np.diag([bin(s).count("1") for s in range(2**N)]).astype(float)
    W_full = [
        float(subsystem_ergotropy(np.outer(p, p.conj()), H_B, [2**N, b.cutoff + 1], 0)) for p in psi
    ]
    np.testing.assert_allclose(sym.ergotropy(t[[3, 7, 12]]), W_full, atol=1e-10)


def test_symmetric_equals_full_space_N8():
    b = DickeBattery(N=8, lam=0.1, n_max=14)
    t = np.linspace(0.0, 4.0, 5)
    np.testing.assert_allclose(charge_dicke(b).energy(t), full_space_solver(b).energy(t), atol=1e-9)


@pytest.mark.parametrize(("N", "lam", "rwa"), [(3, 0.5, False), (4, 0.05, True), (2, 1.0, False)])
def test_against_qutip_sesolve(N, lam, rwa):
    b = DickeBattery(N=N, lam=lam, rwa=rwa)
    nc = b.cutoff + 1
    j = N / 2
    a = qutip.tensor(qutip.qeye(N + 1), qutip.destroy(nc))
    Jz = qutip.tensor(qutip.jmat(j, "z"), qutip.qeye(nc))
    Jp = qutip.tensor(qutip.jmat(j, "+"), qutip.qeye(nc))
    Jx = qutip.tensor(qutip.jmat(j, "x"), qutip.qeye(nc))
    if rwa:
        H = a.dag() * a + Jz + lam * (Jp * a + Jp.dag() * a.dag())
    else:
        H = a.dag() * a + Jz + 2 * lam * Jx * (a + a.dag())
    psi0 = qutip.tensor(qutip.basis(N + 1, N), qutip.basis(nc, N))  # jmat: last state is M = -j
    t = np.linspace(0, 2.0 / max(lam, 0.1), 41)
    res = qutip.sesolve(H, psi0, t, e_ops=[Jz], options={"atol": 1e-12, "rtol": 1e-10})
    E_qt = np.asarray(res.expect[0]) + N / 2
    np.testing.assert_allclose(charge_dicke(b).energy(t), E_qt, atol=1e-7)


def test_open_dynamics_against_qutip_mesolve():
    b = DickeBattery(N=2, lam=0.5, n_max=7)
    kappa, gamma = 0.2, 0.1
    t = np.linspace(0.0, 3.0, 16)
    res = open_dicke_charging(b, t, kappa=kappa, gamma=gamma)
    nc = b.cutoff + 1
    a = qutip.tensor(qutip.qeye(3), qutip.destroy(nc))
    Jz = qutip.tensor(qutip.jmat(1, "z"), qutip.qeye(nc))
    Jx = qutip.tensor(qutip.jmat(1, "x"), qutip.qeye(nc))
    Jm = qutip.tensor(qutip.jmat(1, "-"), qutip.qeye(nc))
    H = a.dag() * a + Jz + 2 * 0.5 * Jx * (a + a.dag())
    psi0 = qutip.tensor(qutip.basis(3, 2), qutip.basis(nc, 2))
    out = qutip.mesolve(
        H,
        psi0,
        t,
        [np.sqrt(kappa) * a, np.sqrt(gamma) * Jm],
        e_ops=[Jz, a.dag() * a],
        options={"atol": 1e-11, "rtol": 1e-9},
    )
    np.testing.assert_allclose(res.energy, np.asarray(out.expect[0]) + 1, atol=1e-6)
    np.testing.assert_allclose(res.photons, np.asarray(out.expect[1]), atol=1e-6)
    assert np.all(res.ergotropy <= res.energy + 1e-12)
    # without losses the open solver reproduces the closed one
    closed = charge_dicke(b)
    lossless = open_dicke_charging(b, t)
    np.testing.assert_allclose(lossless.energy, closed.energy(t), atol=1e-10)
    np.testing.assert_allclose(lossless.ergotropy, closed.ergotropy(t), atol=1e-9)


def test_rwa_single_cell_closed_form():
    lam = 0.05
    ch = charge_dicke(DickeBattery(N=1, lam=lam, rwa=True))
    t = np.linspace(0, 60, 50)
    np.testing.assert_allclose(ch.energy(t), np.sin(lam * t) ** 2, atol=1e-12)
    f = dicke_figures(DickeBattery(N=1, lam=lam, rwa=True))
    from scipy.optimize import brentq

    x = brentq(lambda x: math.tan(x) - 2 * x, 1.0, 1.5)
    assert f.tau_p_max == pytest.approx(x / lam, rel=1e-10)
    assert f.p_max == pytest.approx(lam * math.sin(x) ** 2 / x, rel=1e-10)
    assert f.tau_energy_max_first == pytest.approx(math.pi / (2 * lam), rel=1e-10)


def test_chebyshev_equals_eigh():
    b = DickeBattery(N=12, lam=0.3)
    t = np.linspace(0, 2, 9)
    e1 = charge_dicke(b, method="eigh").energy_and_power(t)
    e2 = charge_dicke(b, method="chebyshev").energy_and_power(t)
    np.testing.assert_allclose(e1, e2, atol=1e-9)
    t_irregular = np.array([0.3, 0.05, 1.7])
    np.testing.assert_allclose(
        charge_dicke(b, method="chebyshev").energy(t_irregular),
        charge_dicke(b).energy(t_irregular),
        atol=1e-9,
    )


def test_large_N_rwa_is_routine():
    adv = collective_advantage(DickeBattery(N=200, lam=0.05, rwa=True))
    assert adv.advantage / math.sqrt(200) == pytest.approx(0.80, abs=0.01)
    assert charge_dicke(DickeBattery(N=200, lam=0.05, rwa=True)).dimension == 201


def test_large_N_dicke_chebyshev_approaches_rwa_at_weak_coupling():
    b = DickeBattery(N=100, lam=0.01)
    assert charge_dicke(b).solver.method == "chebyshev"  # parity sector of dimension 5858
    dicke = dicke_figures(b)
    rwa = dicke_figures(DickeBattery(N=100, lam=0.01, rwa=True))
    assert dicke.p_max / rwa.p_max == pytest.approx(1.0, abs=2e-3)


def test_robertson_power_bound_along_charge():
    ch = charge_dicke(DickeBattery(N=6, lam=0.5))
    t = np.linspace(0, 2, 101)
    _, P = ch.energy_and_power(t)
    B = ch.power_bound(t)
    assert np.all(np.abs(P) <= B + 1e-10)
    # and the generic function on a plain qubit: H_B = sz/2, V = g sx, state |0>: P=0 bound=0
    assert (
        float(
            power_uncertainty_bound(
                np.array([1.0, 0.0]), np.diag([0.5, -0.5]), np.array([[0, 1.0], [1.0, 0]])
            )
        )
        == 0.0
    )


def test_degeneracies_and_collective_operators():
    np.testing.assert_allclose(dicke_degeneracies(5), [1, 5, 10, 10, 5, 1])
    jz, jp, _jx = symmetric_collective_operators(3)
    jm = jp.T
    np.testing.assert_allclose(jp @ jm - jm @ jp, 2 * jz, atol=1e-12)


def test_bad_inputs():
    with pytest.raises(ValueError, match="cutoff"):
        DickeBattery(N=4, lam=0.1, n_max=2)
    with pytest.raises(ValueError, match=">= 1"):
        DickeBattery(N=0, lam=0.1)
    with pytest.raises(ValueError, match="lam"):
        DickeBattery(N=2, lam=-0.1)
    with pytest.raises(ValueError, match="Hermitian"):
        ClosedCharging.build(np.array([[0.0, 1.0], [0.5, 0.0]]), [1.0, 0.0], [0.0, 1.0])
    with pytest.raises(ValueError, match="Hermitian"):
        ClosedCharging.build(
            sps.csr_matrix(np.array([[0.0, 1.0], [0.5, 0.0]])), [1.0, 0.0], [0.0, 1.0]
        )
    with pytest.raises(ValueError, match="normalised"):
        ClosedCharging.build(np.eye(2), [1.0, 1.0], [0.0, 1.0])
    with pytest.raises(TypeError, match="DickeBattery"):
        charge_dicke("dicke")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="open dynamics"):
        open_dicke_charging(DickeBattery(N=10, lam=0.5), [0.0, 1.0])
