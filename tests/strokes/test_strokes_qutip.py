"""Stroke propagators, heat integrals and limit cycles against QuTiP and independent integrals."""

from __future__ import annotations

import numpy as np
import pytest
import qutip
import scipy.linalg as sla
from scipy.integrate import quad

from quantherm.baths import Bath, FlatSpectrum
from quantherm.core.operators import sigmax, sigmaz
from quantherm.core.superop import unvec, vec
from quantherm.dynamics.master import lindblad, master_equation
from quantherm.machines.stroke import (
    BathStroke,
    Cycle,
    DephasingStroke,
    MapStroke,
    QuenchStroke,
    UnitaryStroke,
    limit_cycle,
)
from quantherm.machines.stroke._propagate import generator_propagator

TOL = 1e-10
_OPTS = {"atol": 1e-14, "rtol": 1e-13, "nsteps": 100000}  # QuTiP's ODE propagator, tight


def _rand_herm(rng: np.random.Generator, d: int) -> np.ndarray:
    A = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    return (A + A.conj().T) / 2


def _rand_op(rng: np.random.Generator, d: int) -> np.ndarray:
    return rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))


def _random_model(seed: int, d: int = 3):
    rng = np.random.default_rng(seed)
    H = _rand_herm(rng, d)
    jumps = [(_rand_op(rng, d), float(r)) for r in rng.uniform(0.1, 0.6, size=2)]
    return H, jumps


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_bath_stroke_propagator_matches_qutip(seed: int) -> None:
    H, jumps = _random_model(seed)
    me = lindblad(H, {"a": jumps[:1], "b": jumps[1:]})
    tau = 0.7 + 0.3 * seed
    S = BathStroke(master=me, duration=tau).propagator()
    Lq = qutip.liouvillian(qutip.Qobj(H), [np.sqrt(r) * qutip.Qobj(L) for L, r in jumps])
    Sq = (Lq * tau).expm().full()
    assert np.max(np.abs(S - Sq)) < TOL


def test_bath_stroke_batched_durations_match_qutip() -> None:
    H, jumps = _random_model(7)
    me = lindblad(H, {"a": jumps})
    taus = np.array([0.05, 0.5, 3.0])
    S = BathStroke(master=me, duration=taus).propagator()
    Lq = qutip.liouvillian(qutip.Qobj(H), [np.sqrt(r) * qutip.Qobj(L) for L, r in jumps])
    for i, t in enumerate(taus):
        assert np.max(np.abs(S[i] - (Lq * t).expm().full())) < TOL


@pytest.mark.parametrize("seed", [3, 4])
def test_unitary_stroke_matches_qutip_propagator(seed: int) -> None:
    rng = np.random.default_rng(seed)
    H = _rand_herm(rng, 3)
    S = UnitaryStroke(H=H, duration=1.3).propagator()
    U = qutip.propagator(qutip.Qobj(H), 1.3, options=_OPTS)
    assert np.max(np.abs(S - qutip.to_super(U).full())) < TOL


def test_time_dependent_unitary_matches_qutip() -> None:
    rng = np.random.default_rng(11)
    A, B = _rand_herm(rng, 2), _rand_herm(rng, 2)
    tau = 2.0

    def H(t: float) -> np.ndarray:
        return A + np.sin(1.7 * t) * B

    S = UnitaryStroke(H=H, duration=tau).propagator()
    Hq = qutip.QobjEvo([qutip.Qobj(A), [qutip.Qobj(B), lambda t: np.sin(1.7 * t)]])
    U = qutip.propagator(Hq, tau, options=_OPTS)
    assert np.max(np.abs(S - qutip.to_super(U).full())) < TOL


def test_heat_integral_is_exact() -> None:
    """Q = int Tr[H_E D(rho(t))] dt: compare with adaptive quadrature of expm(L t)."""
    H, jumps = _random_model(5, d=2)
    me = lindblad(H, {"a": jumps[:1], "b": jumps[1:]})
    rho0 = np.array([[0.7, 0.2 - 0.1j], [0.2 + 0.1j, 0.3]])
    Dq = qutip.liouvillian(None, [np.sqrt(jumps[0][1]) * qutip.Qobj(jumps[0][0])]).full()
    Lq = qutip.liouvillian(qutip.Qobj(H), [np.sqrt(r) * qutip.Qobj(L) for L, r in jumps]).full()
    tau = 1.1
    comp = BathStroke(master=me, duration=tau).compile()
    Q = float(np.real(comp.heat_rows["a"] @ vec(rho0)))

    def integrand(t: float) -> float:
        x = Dq @ (sla.expm(Lq * t) @ vec(rho0))
        return float(np.real(np.trace(H @ unvec(x))))

    ref, _ = quad(integrand, 0, tau, epsabs=1e-14, epsrel=1e-13)
    assert abs(Q - ref) < 1e-12


def test_van_loan_path_agrees_with_eigen_path() -> None:
    H, jumps = _random_model(9)
    L = lindblad(H, {"a": jumps}).liouvillian()
    taus = np.array([0.1, 1.0, 4.0])
    R = np.random.default_rng(1).normal(size=(2, L.shape[-1])) + 0j
    S, RPhi = generator_propagator(L, taus, R)
    n = L.shape[-1]
    for i, t in enumerate(taus):
        A = np.zeros((2 * n, 2 * n), complex)
        A[:n, :n], A[:n, n:] = L * t, np.eye(n) * t
        E = sla.expm(A)
        assert np.max(np.abs(S[i] - E[:n, :n])) < TOL
        assert np.max(np.abs(RPhi[i] - R @ E[:n, n:])) < TOL


def test_defective_generator_uses_van_loan() -> None:
    L = np.array([[-1.0, 1.0], [0.0, -1.0]], dtype=complex)  # a Jordan block
    S, RPhi = generator_propagator(L, np.array(2.0), np.array([[1.0, 0.0]], complex))
    assert np.allclose(S, sla.expm(2 * L), atol=1e-13)
    # int_0^2 e^{-s}(1, s; 0, 1) ds
    phi = np.array([[1 - np.exp(-2), 1 - 3 * np.exp(-2)], [0, 1 - np.exp(-2)]])
    assert np.allclose(RPhi[0], phi[0], atol=1e-13)


def _qutip_otto_limit_cycle(wh, wc, Th, Tc, g, th, tc):
    """Otto limit cycle built from QuTiP Liouvillians (global ME of a qubit: rates by hand)."""

    def L(w, T):
        n = 1 / np.expm1(w / T)
        return qutip.liouvillian(
            qutip.Qobj(0.5 * w * sigmaz()),
            [
                np.sqrt(g * (1 + n))
                * qutip.destroy(2).dag(),  # |0><1|: sigma^- of sigmaz=diag(1,-1)
                np.sqrt(g * n) * qutip.destroy(2),
            ],
        )

    Sh, Sc = (L(wh, Th) * th).expm().full(), (L(wc, Tc) * tc).expm().full()
    M = Sc @ Sh
    lam, V = np.linalg.eig(M)
    v = V[:, np.argmin(np.abs(lam - 1))]
    rho = unvec(v / np.trace(unvec(v)))
    return rho, unvec(Sh @ vec(rho))


def test_otto_limit_cycle_matches_qutip() -> None:
    wh, wc, Th, Tc, g = 2.0, 1.0, 3.0, 0.5, 0.4
    hot = Bath(name="hot", T=Th, spectral_density=FlatSpectrum(g))
    cold = Bath(name="cold", T=Tc, spectral_density=FlatSpectrum(g))
    Hh, Hc = 0.5 * wh * sigmaz(), 0.5 * wc * sigmaz()
    cyc = Cycle(
        (
            BathStroke(master=master_equation(Hh, [(sigmax(), hot)]), duration=0.8),
            QuenchStroke(H_initial=Hh, H_final=Hc),
            BathStroke(master=master_equation(Hc, [(sigmax(), cold)]), duration=1.3),
            QuenchStroke(H_initial=Hc, H_final=Hh),
        )
    )
    lc = limit_cycle(cyc)
    rho, rho_after_hot = _qutip_otto_limit_cycle(wh, wc, Th, Tc, g, 0.8, 1.3)
    assert np.max(np.abs(lc.rho - rho)) < TOL
    assert np.max(np.abs(lc.states[2] - rho_after_hot)) < TOL
    Qh = np.real(np.trace(Hh @ (rho_after_hot - rho)))
    assert abs(lc.heat["hot"] - Qh) < TOL
    assert abs(lc.work + Qh * (1 - wc / wh)) < TOL


@pytest.mark.parametrize("seed", [21, 22])
def test_random_cycle_limit_cycle_matches_qutip(seed: int) -> None:
    """A random cycle (drive+bath stroke, unitary, dephasing, Kraus map) vs QuTiP superoperators."""
    rng = np.random.default_rng(seed)
    d = 3
    H0 = np.diag(np.sort(rng.uniform(0, 2, d))).astype(complex)
    V = _rand_herm(rng, d)
    jumps = [(_rand_op(rng, d), 0.3)]
    me = lindblad(H0 + 0.3 * V, {"bath": jumps}, H_energy=H0)
    # a random Kraus channel from a random isometry
    Z = rng.normal(size=(2 * d, d)) + 1j * rng.normal(size=(2 * d, d))
    Q, _ = np.linalg.qr(Z)
    kraus = [Q[:d], Q[d:]]
    cyc = Cycle(
        (
            BathStroke(master=me, duration=0.9, name="driven bath"),
            UnitaryStroke(H=V, duration=0.4, H_energy=H0),
            DephasingStroke(H=H0, strength=0.5),
            MapStroke(kraus=kraus, H_energy=H0),
        )
    )
    lc = limit_cycle(cyc)
    Lq = qutip.liouvillian(qutip.Qobj(H0 + 0.3 * V), [np.sqrt(0.3) * qutip.Qobj(jumps[0][0])])
    S1 = (Lq * 0.9).expm().full()
    S2 = qutip.to_super(qutip.propagator(qutip.Qobj(V), 0.4, options=_OPTS)).full()
    P = sum(qutip.to_super(qutip.Qobj(np.outer(e, e.conj()))).full() for e in np.eye(d))
    S3 = 0.5 * np.eye(d * d) + 0.5 * P
    S4 = qutip.kraus_to_super([qutip.Qobj(K) for K in kraus]).full()
    M = S4 @ S3 @ S2 @ S1
    assert np.max(np.abs(lc.cycle_map - M)) < TOL
    lam, W = np.linalg.eig(M)
    v = W[:, np.argmin(np.abs(lam - 1))]
    rho = unvec(v / np.trace(unvec(v)))
    assert np.max(np.abs(lc.rho - rho)) < TOL
    assert max(float(s.first_law_residual) for s in lc.strokes) < 1e-12
    assert float(lc.first_law_residual) < 1e-12
