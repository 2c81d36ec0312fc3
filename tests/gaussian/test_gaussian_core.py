"""Gaussian core: covariance validation, symplectic maps, entropies, Lyapunov dynamics."""

from __future__ import annotations

import numpy as np
import pytest
import qutip as qt
from hypothesis import given, settings
from hypothesis import strategies as st

import quantherm.gaussian as qg
from quantherm.core.states import bose_occupation

SYMPLECTIC_TOL = 1e-13


def _random_h(rng: np.random.Generator, M: int) -> np.ndarray:
    X = rng.normal(size=(2 * M, 2 * M))
    return X @ X.T / (2 * M) + 0.3 * np.eye(2 * M)


def _random_state(rng: np.random.Generator, M: int) -> np.ndarray:
    S = qg.propagator(_random_h(rng, M), rng.uniform(0.1, 2.0))
    nu = rng.uniform(0.5, 3.0, size=M)
    return S @ np.diag(np.repeat(nu, 2)) @ S.T


def test_thermal_entropy_closed_form_batched():
    n = np.array([[0.0, 0.3, 2.5], [1e-3, 7.0, 0.5]])
    exact = np.sum(
        np.where(n > 0, (n + 1) * np.log1p(n) - n * np.log(np.where(n > 0, n, 1)), 0), -1
    )
    sig = qg.thermal_covariance(n)
    assert sig.shape == (2, 6, 6)
    np.testing.assert_allclose(qg.entropy(sig), exact, rtol=1e-13, atol=1e-15)
    np.testing.assert_allclose(qg.mean_occupations(sig), n, atol=1e-15)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**31 - 1), M=st.integers(1, 4))
def test_symplectic_maps_preserve_omega_and_entropy(seed, M):
    rng = np.random.default_rng(seed)
    H = _random_h(rng, M)
    S = qg.propagator(H, rng.uniform(0.1, 3.0))
    assert qg.symplectic_residual(S) < SYMPLECTIC_TOL * max(1.0, np.max(np.abs(S)) ** 2)
    sig = _random_state(rng, M)
    out = S @ sig @ S.T
    assert qg.is_physical(out)
    np.testing.assert_allclose(
        qg.symplectic_eigenvalues(out), qg.symplectic_eigenvalues(sig), rtol=1e-10
    )
    assert abs(qg.entropy(out) - qg.entropy(sig)) < 1e-10
    # energy conservation of the free evolution
    assert abs(qg.energy(H, out) - qg.energy(H, sig)) < 1e-10 * max(1.0, qg.energy(H, sig))


def test_gaussian_unitaries_are_symplectic_to_1e13():
    mats = [
        qg.beam_splitter(0.7, 1.3),
        qg.squeezer(0.8, 0.4),
        qg.phase_rotation(2.1),
        qg.embed_symplectic(qg.beam_splitter(0.3, -0.5), [2, 0], 3),
    ]
    for S in mats:
        assert qg.symplectic_residual(S) < SYMPLECTIC_TOL * max(1.0, np.max(np.abs(S)) ** 2)
    H = lambda t: qg.oscillators_hamiltonian([1.0 + 0.5 * t, 2.0], [[0, 0.2], [0.2, 0]])  # noqa: E731
    S = qg.propagator_time_dependent(H, 0.0, 2.0, steps=50)
    assert qg.symplectic_residual(S) < 1e-12


def test_phase_rotation_is_free_evolution():
    np.testing.assert_allclose(
        qg.propagator(1.7 * np.eye(2), 0.9), qg.phase_rotation(1.7 * 0.9), atol=1e-14
    )


def test_williamson_normal_form():
    rng = np.random.default_rng(3)
    H = _random_h(rng, 3)
    nu, S = qg.williamson(H)
    assert qg.symplectic_residual(S) < 1e-12
    np.testing.assert_allclose(S.T @ np.diag(np.repeat(nu, 2)) @ S, H, atol=1e-12)
    np.testing.assert_allclose(
        np.sort(np.abs(np.linalg.eigvals(qg.symplectic_form(3) @ H).imag))[::2], nu, rtol=1e-10
    )


def test_two_mode_squeezed_vacuum_mutual_information():
    r = 0.6
    c, s = np.cosh(2 * r), np.sinh(2 * r)
    sig = 0.5 * np.array([[c, 0, s, 0], [0, c, 0, -s], [s, 0, c, 0], [0, -s, 0, c]])
    n = np.sinh(r) ** 2
    S_local = (n + 1) * np.log1p(n) - n * np.log(n)
    assert abs(qg.entropy(sig)) < 1e-12
    assert abs(qg.mutual_information(sig, [0]) - 2 * S_local) < 1e-12


def test_relative_entropy_to_thermal_matches_fock():
    w, T, r, nth = 1.0, 0.7, 0.25, 0.1
    sig = (nth + 0.5) * qg.squeezer(r) @ qg.squeezer(r).T
    ours = qg.relative_entropy_thermal(sig, w * np.eye(2), T)
    N = 40
    a = qt.destroy(N)
    Sq = qt.squeeze(N, r)
    rho_th = qt.thermal_dm(N, nth)
    rho = Sq * rho_th * Sq.dag()
    n_b = float(bose_occupation(w, T))
    # -ln gamma = (w/T) a^dag a + ln Z with Z = 1 + n_b, exactly (no truncation in ln gamma)
    ref = -qt.entropy_vn(rho) + (w / T) * qt.expect(a.dag() * a, rho) + np.log1p(n_b)
    assert abs(ours - ref) < 1e-8
    assert (
        abs(qg.relative_entropy_thermal(qg.thermal_state_of(w * np.eye(2), T), w * np.eye(2), T))
        < 1e-12
    )


def test_bad_covariances_raise():
    with pytest.raises(ValueError, match="symmetric"):
        qg.check_covariance(np.array([[1.0, 0.3], [0.0, 1.0]]))
    with pytest.raises(ValueError, match="uncertainty relation"):
        qg.check_covariance(0.4 * np.eye(2))
    with pytest.raises(ValueError, match="uncertainty relation"):
        qg.check_covariance(np.diag([0.1, 1.0]))  # Delta x Delta p = 0.1 < 1/4
    with pytest.raises(ValueError, match=r"\(\.\.\., 2M, 2M\)"):
        qg.check_covariance(np.eye(3))
    with pytest.raises(ValueError, match="real"):
        qg.check_covariance(np.eye(2) * (0.5 + 0.1j))
    with pytest.raises(ValueError, match="negative"):
        qg.thermal_covariance([0.2, -0.1])
    with pytest.raises(ValueError, match="occupation"):
        qg.local_dissipator(1, 0, 1.0, -0.5)
    assert qg.is_physical(qg.vacuum_covariance(2))
    assert not qg.is_physical(0.49 * np.eye(4))


def test_unstable_drift_has_no_steady_state():
    H = qg.oscillators_hamiltonian([1.0, 1.0])
    sys = qg.GaussianOpenSystem(H, {"hot": qg.local_dissipator(2, 0, 0.1, 0.5)})  # mode 1 undamped
    with pytest.raises(ValueError, match="stable"):
        sys.steady_state()
    unbounded = qg.oscillators_hamiltonian([1.0, 1.0], [[0, 0.8], [0.8, 0]])  # xx, g > sqrt(w w)/2
    sys2 = qg.GaussianOpenSystem(
        unbounded,
        {"a": qg.local_dissipator(2, 0, 0.1, 0.1), "b": qg.local_dissipator(2, 1, 0.1, 0.1)},
    )
    with pytest.raises(ValueError, match="stable"):
        sys2.steady_state()


def _fock_local(wh, wc, g, gh, gc, nh, nc, N, coupling):
    a = qt.tensor(qt.destroy(N), qt.qeye(N))
    b = qt.tensor(qt.qeye(N), qt.destroy(N))
    V = (a + a.dag()) * (b + b.dag()) if coupling == "xx" else a.dag() * b + b.dag() * a
    H = wh * a.dag() * a + wc * b.dag() * b + g * V
    ch = [np.sqrt(gh * (nh + 1)) * a, np.sqrt(gh * nh) * a.dag()]
    cc = [np.sqrt(gc * (nc + 1)) * b, np.sqrt(gc * nc) * b.dag()]
    rho = qt.steadystate(H, ch + cc)
    Dh = sum(qt.lindblad_dissipator(c) for c in ch)
    return qt.expect(wh * a.dag() * a, qt.vector_to_operator(Dh * qt.operator_to_vector(rho)))


@pytest.mark.parametrize("coupling", ["xx", "rwa"])
def test_local_lyapunov_matches_fock_with_cutoff_convergence(coupling):
    wh, wc, g, gh, gc, nh, nc = 1.3, 1.0, 0.08, 0.05, 0.04, 0.25, 0.05
    H = qg.oscillators_hamiltonian([wh, wc], [[0, g], [g, 0]], coupling=coupling)
    sys = qg.GaussianOpenSystem(
        H,
        {"hot": qg.local_dissipator(2, 0, gh, nh), "cold": qg.local_dissipator(2, 1, gc, nc)},
        H_energy=qg.oscillators_hamiltonian([wh, wc]),
    )
    J = float(sys.heat_currents(sys.steady_state())["hot"])
    errs = [
        abs(_fock_local(wh, wc, g, gh, gc, nh, nc, N, coupling) - J) / abs(J) for N in (3, 5, 9)
    ]
    assert errs[0] > errs[1] > errs[2]
    assert errs[2] < 1e-4


def test_rwa_local_current_closed_form_and_first_law():
    wh, wc, g, gh, gc, nh, nc = 1.2, 1.0, 0.05, 0.02, 0.03, 0.3, 0.1
    H = qg.oscillators_hamiltonian([wh, wc], [[0, g], [g, 0]], coupling="rwa")
    sys = qg.GaussianOpenSystem(
        H,
        {"hot": qg.local_dissipator(2, 0, gh, nh), "cold": qg.local_dissipator(2, 1, gc, nc)},
        H_energy=qg.oscillators_hamiltonian([wh, wc]),
    )
    s = sys.steady_state()
    J = sys.heat_currents(s)
    d = wh - wc
    closed = (
        wh
        * 4
        * g**2
        * gh
        * gc
        * (gh + gc)
        * (nh - nc)
        / ((gh + gc) ** 2 * (gh * gc + 4 * g**2) + 4 * gh * gc * d**2)
    )
    assert abs(J["hot"] - closed) < 1e-12 * abs(closed)
    # local bookkeeping: what the coupling term injects is the 'power' entry
    assert abs(J["hot"] + J["cold"] + sys.power(s)) < 1e-15


def test_global_dissipator_matches_foundation_global_master_equation():
    from quantherm.baths import Bath, FlatSpectrum
    from quantherm.dynamics.master import master_equation
    from quantherm.dynamics.steady import steady_state

    wh, wc, g = 1.4, 1.0, 0.15
    bh = Bath(name="hot", T=0.5, spectral_density=FlatSpectrum(0.02))
    bc = Bath(name="cold", T=0.2, spectral_density=FlatSpectrum(0.03))
    H = qg.oscillators_hamiltonian([wh, wc], [[0, g], [g, 0]], coupling="xx")
    u = np.zeros((2, 4))
    u[0, 0] = u[1, 2] = np.sqrt(2.0)
    sys = qg.GaussianOpenSystem(
        H, {"hot": qg.global_dissipator(H, u[0], bh), "cold": qg.global_dissipator(H, u[1], bc)}
    )
    s = sys.steady_state()
    J = sys.heat_currents(s)
    assert abs(J["hot"] + J["cold"]) < 1e-15  # first law, global: no power
    N = 5
    a = np.kron(np.diag(np.sqrt(np.arange(1, N)), 1), np.eye(N))
    b = np.kron(np.eye(N), np.diag(np.sqrt(np.arange(1, N)), 1))
    Hf = wh * a.T @ a + wc * b.T @ b + g * (a + a.T) @ (b + b.T)
    me = master_equation(Hf, [(a + a.T, bh), (b + b.T, bc)], kind="global")
    rho = steady_state(me).rho
    Dh = me.dissipator("hot")
    Jf = np.trace(Hf @ (Dh @ rho.reshape(-1, order="F")).reshape(N * N, N * N, order="F")).real
    assert abs(Jf - J["hot"]) < 2e-3 * abs(J["hot"])


def test_evolve_single_mode_closed_form_and_squeezed_bath():
    gam, n_th, n0 = 0.3, 0.8, 2.0
    sys = qg.GaussianOpenSystem(np.eye(2), {"b": qg.local_dissipator(1, 0, gam, n_th)})
    times = np.array([0.0, 0.5, 3.0])
    traj = sys.evolve(qg.thermal_covariance([n0]), times)
    np.testing.assert_allclose(
        qg.mean_occupations(traj)[:, 0], n_th + (n0 - n_th) * np.exp(-gam * times), rtol=1e-12
    )
    r = 0.4
    sq = qg.GaussianOpenSystem(np.eye(2), {"b": qg.local_dissipator(1, 0, gam, n_th, squeezing=r)})
    s = sq.steady_state()
    assert abs(qg.energy(np.eye(2), s) - (n_th + 0.5) * np.cosh(2 * r)) < 1e-12


def test_gaussian_to_fock_interop_converges_with_cutoff():
    from quantherm.dynamics.master import lindblad
    from quantherm.dynamics.steady import steady_state

    wh, wc, g, gh, gc, nh, nc = 1.1, 0.9, 0.06, 0.05, 0.04, 0.3, 0.05
    H = qg.oscillators_hamiltonian([wh, wc], [[0, g], [g, 0]], coupling="xx")
    H0 = qg.oscillators_hamiltonian([wh, wc])
    sys = qg.GaussianOpenSystem(
        H,
        {"hot": qg.local_dissipator(2, 0, gh, nh), "cold": qg.local_dissipator(2, 1, gc, nc)},
        H_energy=H0,
    )
    J = float(sys.heat_currents(sys.steady_state())["hot"])
    errs = []
    for N in (3, 5, 8):
        me = lindblad(
            qg.fock_hamiltonian(H, N),
            {
                "hot": qg.fock_local_jumps(2, 0, gh, nh, N),
                "cold": qg.fock_local_jumps(2, 1, gc, nc, N),
            },
            H_energy=qg.fock_hamiltonian(H0, N),
        )
        rho = steady_state(me).rho
        d = N * N
        Dr = (me.dissipator("hot") @ rho.reshape(-1, order="F")).reshape(d, d, order="F")
        errs.append(abs(np.trace(qg.fock_hamiltonian(H0, N) @ Dr).real - J) / abs(J))
    assert errs[0] > errs[1] > errs[2]
    assert errs[2] < 5e-4
    # the Fock quadratures reproduce the vacuum covariance 1/2 and [x, p] = i below the cutoff
    x, p = qg.fock_quadratures(1, 6)
    vac = np.zeros(6)
    vac[0] = 1
    assert abs(vac @ x @ x @ vac - 0.5) < 1e-14
    assert np.allclose((x @ p - p @ x)[:5, :5], 1j * np.eye(5))


def test_slow_frequency_stroke_is_adiabatic_and_symplectic():
    # omega: 1 -> 2 slowly; quantum adiabatic theorem: <H>/omega conserved
    T = 200.0
    H = lambda t: (1.0 + t / T) ** 2 * np.diag([1.0, 0.0]) + np.diag([0.0, 1.0])  # noqa: E731
    # H = (p^2 + omega(t)^2 x^2)/2 with unit mass: quadratic form diag(omega^2, 1)
    S = qg.propagator_time_dependent(H, 0.0, T, steps=4000)
    assert qg.symplectic_residual(S) < 1e-12
    n0 = 0.7
    sig0 = np.diag([(n0 + 0.5) / 1.0, (n0 + 0.5) * 1.0])  # thermal state of omega = 1
    sig = S @ sig0 @ S.T
    E_end = qg.energy(H(T), sig)
    assert abs(E_end / 2.0 - (n0 + 0.5)) < 1e-3


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 2**31 - 1))
def test_lyapunov_evolution_stays_physical(seed):
    rng = np.random.default_rng(seed)
    M = 2
    H = _random_h(rng, M)
    diss = {
        "a": qg.local_dissipator(
            M, 0, rng.uniform(0.05, 1), rng.uniform(0, 3), squeezing=rng.uniform(0, 1)
        ),
        "b": qg.local_dissipator(M, 1, rng.uniform(0.05, 1), rng.uniform(0, 3)),
    }
    sys = qg.GaussianOpenSystem(H, diss)
    traj = sys.evolve(_random_state(rng, M), np.array([0.1, 1.0, 5.0]))
    for s in traj:
        assert qg.is_physical(s)
    assert qg.is_physical(sys.steady_state())
