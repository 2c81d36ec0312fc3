"""Fast Lyapunov path (reduced vech solve + stability certificate); W4 two-oscillator current."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg as sla
from hypothesis import given, settings
from hypothesis import strategies as st

import quantherm.gaussian as qg
from quantherm.gaussian.lyapunov import check_stable, lyapunov_steady_state, lyapunov_vech_operator
from quantherm.gaussian.two_oscillators import two_oscillator_local_currents


def _closed_form(wh, wc, g, gh, gc, nh, nc):
    return (
        wh
        * 4
        * g**2
        * gh
        * gc
        * (gh + gc)
        * (nh - nc)
        / ((gh + gc) ** 2 * (gh * gc + 4 * g**2) + 4 * gh * gc * (wh - wc) ** 2)
    )


def _reference(wh, wc, g, gh, gc, nh, nc, coupling):
    sys = qg.GaussianOpenSystem(
        qg.oscillators_hamiltonian([wh, wc], [[0, g], [g, 0]], coupling=coupling),
        {"hot": qg.local_dissipator(2, 0, gh, nh), "cold": qg.local_dissipator(2, 1, gc, nc)},
        H_energy=qg.oscillators_hamiltonian([wh, wc]),
    )
    J = sys.heat_currents(sys.steady_state())
    return float(J["hot"]), float(J["cold"])


def _random_stable(rng, n, batch=()):
    A = rng.normal(size=(*batch, n, n))
    shift = np.max(np.linalg.eigvals(A).real, axis=-1) + rng.uniform(0.1, 1.0, size=batch)
    return A - shift[..., None, None] * np.eye(n)


@pytest.mark.parametrize("n", [2, 4, 6, 12, 14])
def test_lyapunov_matches_scipy_single_and_batched(n):
    rng = np.random.default_rng(n)
    A = _random_stable(rng, n, (3,))
    B = rng.normal(size=(3, n, n))
    D = B @ np.swapaxes(B, -1, -2)
    ref = np.stack([sla.solve_continuous_lyapunov(a, -d) for a, d in zip(A, D, strict=True)])
    np.testing.assert_allclose(lyapunov_steady_state(A, D), ref, rtol=1e-9, atol=1e-11)
    np.testing.assert_allclose(lyapunov_steady_state(A[0], D[0]), ref[0], rtol=1e-9, atol=1e-11)
    # one drift, several diffusions (broadcast)
    np.testing.assert_allclose(
        lyapunov_steady_state(A[0], D)[1],
        sla.solve_continuous_lyapunov(A[0], -D[1]),
        rtol=1e-9,
        atol=1e-11,
    )


def test_vech_operator_reproduces_the_lyapunov_map():
    rng = np.random.default_rng(0)
    n = 4
    op = lyapunov_vech_operator(n)
    A = rng.normal(size=(n, n))
    S = rng.normal(size=(n, n))
    S = S + S.T
    m = op.rows.size
    K = (op.T @ A.reshape(-1)).reshape(m, m)
    L = A @ S + S @ A.T
    np.testing.assert_allclose(K @ S[op.rows, op.cols], L[op.rows, op.cols], atol=1e-13)
    assert np.all(S[op.rows, op.cols][op.index] == S)


@pytest.mark.parametrize(
    "A",
    [
        np.diag([-1.0, -1.0, 1e-3, -1.0]),  # one growing direction
        np.array([[0.0, 1.0], [-1.0, 0.0]]),  # undamped oscillator: lambda_i + lambda_j = 0
        np.array([[-1e-16, 1.0], [-1.0, -1e-16]]),  # damping below the stability margin
    ],
)
def test_certificate_rejects_what_check_stable_rejects(A):
    with pytest.raises(ValueError, match="stable"):
        check_stable(A)
    with pytest.raises(ValueError, match="must be stable"):
        lyapunov_steady_state(A, np.eye(A.shape[0]))
    with pytest.raises(ValueError, match="must be stable"):
        lyapunov_steady_state(np.stack([-np.eye(A.shape[0]), A]), np.eye(A.shape[0]))


@pytest.mark.parametrize("coupling", ["rwa", "xx"])
def test_two_oscillator_currents_match_gaussian_open_system(coupling):
    rng = np.random.default_rng(1)
    for _ in range(5):
        p = (
            rng.uniform(0.5, 2),
            rng.uniform(0.5, 2),
            rng.uniform(-0.2, 0.2),
            rng.uniform(0.01, 0.1),
            rng.uniform(0.01, 0.1),
            rng.uniform(0, 5),
            rng.uniform(0, 5),
        )
        jh, jc = two_oscillator_local_currents(*p, coupling=coupling)
        rh, rc = _reference(*p, coupling)
        assert float(jh) == pytest.approx(rh, rel=1e-10, abs=1e-15)
        assert float(jc) == pytest.approx(rc, rel=1e-10, abs=1e-15)


def test_two_oscillator_current_closed_form_and_batch_shapes():
    p = (1.0, 0.8, 0.05, 0.02, 0.03, 1.3, 0.2)
    jh, jc = two_oscillator_local_currents(*p)
    assert float(jh) == pytest.approx(_closed_form(*p), rel=1e-12)
    assert float(jc) == pytest.approx(-_closed_form(*p) * 0.8 / 1.0, rel=1e-12)  # w_c/w_h share
    g = np.linspace(0.01, 0.2, 6).reshape(2, 3)
    nh = np.linspace(0.0, 5.0, 3)
    Jh, _ = two_oscillator_local_currents(1.0, 0.8, g, 0.02, 0.03, nh, 0.2)
    assert Jh.shape == (2, 3)
    np.testing.assert_allclose(Jh, _closed_form(1.0, 0.8, g, 0.02, 0.03, nh, 0.2), rtol=1e-11)


@settings(max_examples=25, deadline=None)
@given(
    nh=st.floats(0, 10),
    nc=st.floats(0, 10),
    g=st.floats(1e-3, 0.3),
    gh=st.floats(1e-3, 0.2),
    gc=st.floats(1e-3, 0.2),
)
def test_two_oscillator_current_against_closed_form(nh, nc, g, gh, gc):
    jh, _ = two_oscillator_local_currents(1.0, 0.8, g, gh, gc, nh, nc)
    ref = _closed_form(1.0, 0.8, g, gh, gc, nh, nc)
    assert abs(float(jh) - ref) <= 1e-12 * 1.0 * gh * (nh + nc + 1)


def test_two_oscillator_bad_inputs():
    f = two_oscillator_local_currents
    with pytest.raises(ValueError, match="`n_h` must be"):
        f(1.0, 0.8, 0.05, 0.02, 0.03, -0.1, 0.2)
    with pytest.raises(ValueError, match="`w_c` must be"):
        f(1.0, [0.8, -1.0], 0.05, 0.02, 0.03, 1.0, 0.2)
    with pytest.raises(ValueError, match="`g` must be finite"):
        f(1.0, 0.8, np.nan, 0.02, 0.03, 1.0, 0.2)
    with pytest.raises(ValueError, match="must be stable"):  # xx coupling beyond sqrt(w_h w_c)/2
        f(1.0, 0.8, 0.5, 0.02, 0.03, 1.0, 0.2, coupling="xx")
    with pytest.raises(ValueError, match="must be stable"):  # undamped, uncoupled hot mode
        f(1.0, 0.8, 0.0, 0.0, 0.03, 1.0, 0.2)
    with pytest.raises(ValueError, match="coupling"):
        f(1.0, 0.8, 0.05, 0.02, 0.03, 1.0, 0.2, coupling="xy")
