"""Master equations against QuTiP and closed forms."""

from __future__ import annotations

import numpy as np
import pytest
import qutip as qt

import quantherm as qh
from quantherm.core.superop import vec
from quantherm.dynamics.steady import steady_state

RNG = np.random.default_rng(20261122)


def rand_herm(d: int, rng: np.random.Generator = RNG) -> np.ndarray:
    X = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    return (X + X.conj().T) / 2


def super_qobj(L: np.ndarray, d: int) -> qt.Qobj:
    return qt.Qobj(L, dims=[[[d], [d]], [[d], [d]]], superrep="super")


def test_liouvillian_matches_qutip_for_explicit_jumps() -> None:
    d = 4
    H = rand_herm(d)
    Ls = [RNG.normal(size=(d, d)) + 1j * RNG.normal(size=(d, d)) for _ in range(2)]
    me = qh.lindblad(H, {"a": [(Ls[0], 0.3)], "b": [(Ls[1], 0.7)]})
    ref = qt.liouvillian(
        qt.Qobj(H), [np.sqrt(0.3) * qt.Qobj(Ls[0]), np.sqrt(0.7) * qt.Qobj(Ls[1])]
    ).full()
    np.testing.assert_allclose(me.liouvillian(), ref, atol=1e-12)


def _global_reference(H: np.ndarray, A: np.ndarray, bath: qh.Bath) -> list[qt.Qobj]:
    """Independent Davies construction: projectors onto eigenspaces, one jump per Bohr frequency."""
    e, V = np.linalg.eigh(H)
    groups: list[list[int]] = []
    for i, ei in enumerate(e):
        for g in groups:
            if abs(e[g[0]] - ei) < 1e-9:
                g.append(i)
                break
        else:
            groups.append([i])
    P = [V[:, g] @ V[:, g].conj().T for g in groups]
    E = [e[g[0]] for g in groups]
    jumps: dict[float, np.ndarray] = {}
    for a, Pa in enumerate(P):
        for b, Pb in enumerate(P):
            w = round(E[b] - E[a], 9)
            jumps[w] = jumps.get(w, 0) + Pa @ A @ Pb
    c_ops = []
    for w, Aw in jumps.items():
        r = float(bath.rate(w))
        if r > 0 and np.abs(Aw).max() > 1e-14:
            c_ops.append(np.sqrt(r) * qt.Qobj(Aw))
    return c_ops


@pytest.mark.parametrize("degenerate", [False, True])
def test_global_liouvillian_and_steady_state_match_qutip(degenerate: bool) -> None:
    d = 5
    H = np.diag([0.0, 1.0, 1.0, 2.3, 3.0]) if degenerate else rand_herm(d)
    A1, A2 = rand_herm(d), rand_herm(d)
    hot = qh.Bath(name="hot", T=2.5, spectral_density=qh.OhmicSpectrum(0.05, 10.0))
    cold = qh.Bath(name="cold", T=0.4, spectral_density=qh.OhmicSpectrum(0.02, 10.0))
    me = qh.master_equation(H, [(A1, hot), (A2, cold)], kind="global")
    c_ops = _global_reference(H, A1, hot) + _global_reference(H, A2, cold)
    ref = qt.liouvillian(qt.Qobj(H), c_ops)
    np.testing.assert_allclose(me.liouvillian(), ref.full(), atol=1e-10)
    rho = steady_state(me).rho
    np.testing.assert_allclose(rho, qt.steadystate(ref).full(), atol=1e-10)


def test_mesolve_trajectory_matches_qutip() -> None:
    d = 4
    H = rand_herm(d)
    A = rand_herm(d)
    bath = qh.Bath(name="b", T=1.3, spectral_density=qh.FlatSpectrum(0.2))
    me = qh.master_equation(H, [(A, bath)], kind="global")
    rho0 = qh.fock_dm(d, d - 1)
    times = np.linspace(0, 6, 31)
    ev = qh.evolve(me, rho0, times)
    c_ops = _global_reference(H, A, bath)
    res = qt.mesolve(
        qt.Qobj(H), qt.Qobj(rho0), times, c_ops, options={"atol": 1e-13, "rtol": 1e-12}
    )
    for k in (5, 17, 30):
        np.testing.assert_allclose(ev.states[k], res.states[k].full(), atol=1e-9)


def _textbook_redfield(H: np.ndarray, A: np.ndarray, S: object) -> np.ndarray:
    """Bloch-Redfield tensor written out element by element (Breuer & Petruccione, eq. 3.129 form).

    d rho_ab/dt = -i w_ab rho_ab + sum_cd R_abcd rho_cd in the eigenbasis, then rotated back.
    """
    e, V = np.linalg.eigh(H)
    Aw = V.conj().T @ A @ V
    d = len(e)
    R = np.zeros((d * d, d * d), complex)
    for a in range(d):
        for b in range(d):
            for c in range(d):
                for f in range(d):
                    v = 0.5 * Aw[a, c] * Aw[f, b] * (S(e[c] - e[a]) + S(e[f] - e[b]))
                    if b == f:
                        v -= 0.5 * sum(Aw[a, n] * Aw[n, c] * S(e[c] - e[n]) for n in range(d))
                    if a == c:
                        v -= 0.5 * sum(Aw[f, n] * Aw[n, b] * S(e[f] - e[n]) for n in range(d))
                    if a == c and b == f:
                        v += -1j * (e[a] - e[b])
                    R[a + d * b, c + d * f] = v
    U = np.kron(V.conj(), V)
    return U @ R @ U.conj().T


def test_redfield_matches_textbook_tensor_and_qutip_steady_state() -> None:
    d = 4
    H = rand_herm(d)
    A = rand_herm(d)
    bath = qh.Bath(name="b", T=0.8, spectral_density=qh.OhmicSpectrum(0.1, 5.0))
    me = qh.master_equation(H, [(A, bath)], kind="redfield")
    ref = _textbook_redfield(H, A, lambda w: float(bath.rate(w)))
    np.testing.assert_allclose(me.liouvillian(), ref, atol=1e-12)
    # QuTiP 5.3's non-secular tensor differs from the textbook form in some coherence
    # elements, but its steady state is the same one.
    R = qt.bloch_redfield_tensor(
        qt.Qobj(H), [[qt.Qobj(A), lambda w: float(bath.rate(w))]], sec_cutoff=-1, fock_basis=True
    )
    R = R[0] if isinstance(R, tuple) else R
    np.testing.assert_allclose(steady_state(me).rho, qt.steadystate(R).full(), atol=1e-10)


def test_redfield_matches_qutip_tensor_for_real_couplings() -> None:
    """QuTiP's non-secular tensor (sec_cutoff=inf) equals ours for real H and A.

    For complex Hermitian couplings QuTiP 5.3's tensor equals ours with A replaced by A^T
    in the eigenbasis (non-secular coherence terms only); ours follows the Born-Markov
    derivation, checked element by element above.
    """
    rng = np.random.default_rng(7)
    X, Y = rng.normal(size=(4, 4)), rng.normal(size=(4, 4))
    H, A = X + X.T, Y + Y.T
    bath = qh.Bath(name="b", T=0.8, spectral_density=qh.OhmicSpectrum(0.1, 5.0))
    me = qh.master_equation(H, [(A, bath)], kind="redfield")
    R = qt.bloch_redfield_tensor(
        qt.Qobj(H),
        [[qt.Qobj(A), lambda w: float(bath.rate(w))]],
        sec_cutoff=np.inf,
        fock_basis=True,
    )
    R = R[0] if isinstance(R, tuple) else R
    np.testing.assert_allclose(me.liouvillian(), R.full(), atol=1e-12)


def test_qubit_relaxes_to_gibbs_closed_form() -> None:
    w, gamma, T = 1.7, 0.3, 0.9
    bath = qh.Bath(name="b", T=T, spectral_density=qh.FlatSpectrum(gamma))
    me = qh.master_equation(w * qh.qubit_number(), [(qh.sigmax(), bath)])
    n = 1 / np.expm1(w / T)
    times = np.linspace(0, 10, 11)
    ev = qh.evolve(me, qh.fock_dm(2, 1), times)
    p1 = np.real(ev.states[:, 1, 1])
    p_inf = n / (2 * n + 1)
    expected = p_inf + (1 - p_inf) * np.exp(-gamma * (2 * n + 1) * times)
    np.testing.assert_allclose(p1, expected, atol=1e-12)
    np.testing.assert_allclose(
        steady_state(me).rho, qh.gibbs_state(w * qh.qubit_number(), T), atol=1e-14
    )


def test_damped_oscillator_mean_number_closed_form() -> None:
    N, w, gamma, T = 25, 1.0, 0.2, 0.6
    a = qh.destroy(N)
    bath = qh.Bath(name="b", T=T, spectral_density=qh.FlatSpectrum(gamma))
    me = qh.master_equation(w * qh.number(N), [(a + a.conj().T, bath)])
    n_th = 1 / np.expm1(w / T)
    times = np.linspace(0, 8, 9)
    ev = qh.evolve(me, qh.fock_dm(N, 3), times)
    n_t = np.real(np.einsum("ij,tji->t", qh.number(N), ev.states))
    expected = n_th + (3 - n_th) * np.exp(-gamma * times)
    np.testing.assert_allclose(n_t, expected, atol=1e-8)  # truncation at N = 25


def test_batched_equals_pointwise() -> None:
    d = 3
    H = rand_herm(d)
    A = rand_herm(d)
    Ts = np.array([0.5, 1.0, 3.0])
    scales = np.array([1.0, 1.5, 0.7])
    Hb = scales[:, None, None] * H
    me = qh.master_equation(Hb, [(A, qh.Bath(name="b", T=Ts))])
    rho_b = steady_state(me).rho
    for i in range(3):
        me1 = qh.master_equation(Hb[i], [(A, qh.Bath(name="b", T=Ts[i]))])
        np.testing.assert_allclose(rho_b[i], steady_state(me1).rho, atol=1e-13)
        np.testing.assert_allclose(rho_b[i], qh.gibbs_state(Hb[i], Ts[i]), atol=1e-12)


def test_liouvillian_vectorisation_convention() -> None:
    A, B, X = rand_herm(3), rand_herm(3), rand_herm(3)
    from quantherm.core.superop import sprepost

    np.testing.assert_allclose(sprepost(A, B) @ vec(X), vec(A @ X @ B), atol=1e-13)
    np.testing.assert_allclose(
        sprepost(A, B), qt.sprepost(qt.Qobj(A), qt.Qobj(B)).full(), atol=1e-13
    )
