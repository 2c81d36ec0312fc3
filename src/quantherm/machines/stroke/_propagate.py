r"""Batched propagator of a constant generator and its exact time integral.

For a constant generator L (a Liouvillian, shape (..., n, n)) and durations t (shape (...)),
returns

    S(t)   = exp(L t)
    Phi(t) = \int_0^t exp(L s) ds

so that the time-integrated state of a stroke is Phi(t) vec(rho0) exactly; heat of bath k is
then Tr[H_E D_k(rho_bar)] with rho_bar = unvec(Phi vec(rho0)) (no time sampling).

Method. The generator batch is usually much smaller than the duration batch (a sweep over
stroke durations shares one generator). So L = V diag(lambda) V^{-1} is diagonalised once per
generator and S, Phi follow for every duration from exp(lambda t) and t*expm1(lambda t)/(lambda t).
Generators whose eigenvector matrix is ill-conditioned (near an exceptional point, or the
non-normal Liouvillian of a truncated oscillator) fall back to the augmented-matrix (Van Loan)
exponential, for k row functionals R (work, heat per bath) at once:

    expm([[L^T t, R^T t], [0, 0]]) = [[S(t)^T, (R Phi(t))^T], [0, 1]],

C. F. Van Loan, IEEE Trans. Autom. Control 23, 395 (1978), DOI 10.1109/TAC.1978.1101743.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import scipy.linalg as sla

from ..._checks import ComplexArray, FloatArray

__all__ = ["generator_propagator", "ode_propagator"]

# eigenvector matrices with a 1-norm condition number above this use the Van Loan path:
# the eigen path loses about cond * eps of accuracy.
_COND_MAX = 1e5


def _exp_and_phi(lam: Any, z: Any, t: Any) -> tuple[ComplexArray, ComplexArray]:
    """exp(z) and (exp(lambda t) - 1)/lambda (= t at lambda = 0), from one expm1."""
    e1 = np.expm1(z)
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = e1 / lam
    zero = lam == 0
    if np.any(zero):
        phi = np.where(zero, t + 0j, phi)
    return e1 + 1.0, np.asarray(phi)


def _van_loan(L: ComplexArray, t: FloatArray, R: ComplexArray) -> tuple[ComplexArray, ComplexArray]:
    """S and R Phi from one exponential of size n + k (rows R of shape (..., k, n)).

    expm([[L^T t, R^T t], [0, 0]]) = [[S^T, (R Phi)^T], [0, 1]].
    """
    n = L.shape[-1]
    k = R.shape[-2]
    batch = np.broadcast_shapes(L.shape[:-2], t.shape, R.shape[:-2])
    tb = np.broadcast_to(t, batch)[..., None, None]
    A = np.zeros((*batch, n + k, n + k), dtype=np.complex128)
    A[..., :n, :n] = np.swapaxes(L, -1, -2) * tb
    A[..., :n, n:] = np.swapaxes(R, -1, -2) * tb
    E = sla.expm(A)
    return (
        np.ascontiguousarray(np.swapaxes(E[..., :n, :n], -1, -2)),
        np.ascontiguousarray(np.swapaxes(E[..., :n, n:], -1, -2)),
    )


def generator_propagator(
    L: ComplexArray, t: FloatArray, R: ComplexArray
) -> tuple[ComplexArray, ComplexArray]:
    """exp(L t) and the time-integrated row functionals R Phi(t), broadcast over batch axes.

    Args:
        L: generator(s), shape (*gbatch, n, n).
        t: duration(s) >= 0, shape broadcastable with gbatch.
        R: row functionals (*gbatch, k, n) (e.g. vec(H_E^T)^T D_j for the heat of bath j).

    Returns:
        (S, R Phi) of shapes (*batch, n, n) and (*batch, k, n), batch = broadcast(gbatch, t.shape),
        Phi(t) = int_0^t exp(L s) ds.
    """
    L = np.asarray(L, dtype=np.complex128)
    t = np.asarray(t, dtype=np.float64)
    R = np.asarray(R, dtype=np.complex128)
    n = L.shape[-1]
    batch = np.broadcast_shapes(L.shape[:-2], t.shape, R.shape[:-2])
    lam, V = np.linalg.eig(L)
    try:
        Vinv = np.linalg.inv(V)
        cond = np.max(np.sum(np.abs(V), axis=-2), axis=-1) * np.max(
            np.sum(np.abs(Vinv), axis=-2), axis=-1
        )
        ok = bool(np.all(cond < _COND_MAX))
    except np.linalg.LinAlgError:
        ok = False
    if not ok:
        return _van_loan(L, t, R)
    tb = t[..., None]
    z = lam * tb
    ez, phi = _exp_and_phi(lam, z, tb)
    k = R.shape[-2]
    if L.ndim == 2 and R.ndim == 2:
        # one generator, many durations: S = sum_j e^{z_j} V[:, j] Vinv[j, :] as one GEMM
        KS = (V.T[:, :, None] * Vinv[:, None, :]).reshape(n, n * n)
        KR = ((R @ V).T[:, :, None] * Vinv[:, None, :]).reshape(n, k * n)
        S = (ez @ KS).reshape(*batch, n, n)
        RPhi = (phi @ KR).reshape(*batch, k, n)
        return S, RPhi
    S = np.broadcast_to((V * ez[..., None, :]) @ Vinv, (*batch, n, n))
    RPhi = ((R @ V) * phi[..., None, :]) @ Vinv
    return S, np.broadcast_to(RPhi, (*batch, k, n))


def ode_propagator(
    step: Callable[[float], tuple[ComplexArray, ComplexArray]],
    tau: float,
    shape: tuple[int, int, int, int],
    *,
    rtol: float,
) -> tuple[ComplexArray, ComplexArray]:
    r"""Propagator and time-integrated row functionals of a time-dependent generator.

    Integrates, for t in [0, tau],

        dS/dt = G(t) S,        S(0) = 1,
        dR/dt = r(t) S(t),     R(0) = 0,

    so that S(tau) is the propagator and R(tau) = \int_0^tau r(t) S(t) dt gives the exact
    integrals \int_0^tau r(t) . vec(rho(t)) dt for every initial state at once (DOP853).

    Args:
        step: t -> (G(t), r(t)), shapes (B, n, n) and (B, k, n).
        tau: duration > 0.
        shape: (B, n, k, n) sizes (batch, superoperator dimension, number of rows, n).
        rtol: relative tolerance (the absolute tolerance is rtol * 1e-2).

    Returns:
        (S, R) of shapes (B, n, n) and (B, k, n).

    Raises:
        ConvergenceError: the integrator failed.
    """
    from scipy.integrate import solve_ivp

    from ...errors import ConvergenceError

    B, n, k, _ = shape
    ns = B * n * n

    def rhs(t: float, y: ComplexArray) -> ComplexArray:
        S = y[:ns].reshape(B, n, n)
        G, r = step(t)
        return np.concatenate(((G @ S).ravel(), (r @ S).ravel()))

    y0 = np.concatenate(
        (
            np.broadcast_to(np.eye(n, dtype=np.complex128), (B, n, n)).ravel(),
            np.zeros(B * k * n, dtype=np.complex128),
        )
    )
    sol = solve_ivp(
        rhs, (0.0, float(tau)), y0, method="DOP853", rtol=rtol, atol=rtol * 1e-2, t_eval=[tau]
    )
    if not sol.success:
        raise ConvergenceError(
            f"time-dependent stroke: the propagator ODE failed ({sol.message}). Loosen `rtol` "
            "or shorten the stroke."
        )
    y = sol.y[:, -1]
    return y[:ns].reshape(B, n, n), y[ns:].reshape(B, k, n)
