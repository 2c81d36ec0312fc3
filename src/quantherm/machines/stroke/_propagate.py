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
Generators whose eigenvector matrix is ill-conditioned (near an exceptional point) fall back
to the augmented-matrix (Van Loan) exponential

    expm([[L t, 1 t], [0, 0]]) = [[S(t), Phi(t)], [0, 1]],

C. F. Van Loan, IEEE Trans. Autom. Control 23, 395 (1978), DOI 10.1109/TAC.1978.1101743.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.linalg as sla

from ..._checks import ComplexArray, FloatArray

__all__ = ["Propagation", "generator_propagator"]

# eigenvector matrices with a 1-norm condition number above this use the Van Loan path:
# the eigen path loses about cond * eps of accuracy.
_COND_MAX = 1e5


def _phi_factor(lam: ComplexArray, z: ComplexArray, t: FloatArray) -> ComplexArray:
    """(exp(lambda t) - 1) / lambda, continuous (= t) at lambda = 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        phi = np.expm1(z) / lam
    zero = lam == 0
    if np.any(zero):
        phi = np.where(zero, t + 0j, phi)
    return np.asarray(phi)


def _van_loan(L: ComplexArray, t: FloatArray) -> tuple[ComplexArray, ComplexArray]:
    n = L.shape[-1]
    batch = np.broadcast_shapes(L.shape[:-2], t.shape)
    Lb = np.broadcast_to(L, (*batch, n, n))
    tb = np.broadcast_to(t, batch)[..., None, None]
    A = np.zeros((*batch, 2 * n, 2 * n), dtype=np.complex128)
    A[..., :n, :n] = Lb * tb
    A[..., :n, n:] = np.eye(n) * tb
    E = sla.expm(A)
    return np.ascontiguousarray(E[..., :n, :n]), np.ascontiguousarray(E[..., :n, n:])


@dataclass(frozen=True, slots=True)
class Propagation:
    """exp(L t) for a batch of durations, with exact time-integrated functionals.

    Attributes:
        S: exp(L t), shape (*batch, n, n).
    """

    S: ComplexArray
    _V: ComplexArray | None
    _Vinv: ComplexArray | None
    _phi: ComplexArray | None
    _Phi: ComplexArray | None

    def integrate(self, r: ComplexArray) -> ComplexArray:
        """Row functional r Phi(t), Phi(t) = int_0^t exp(L s) ds: shape (*batch, n).

        `r` (..., n) must broadcast with the generator batch.
        """
        if self._Phi is not None:
            return np.asarray((r[..., None, :] @ self._Phi)[..., 0, :])
        assert self._V is not None and self._Vinv is not None and self._phi is not None
        rV = (r[..., None, :] @ self._V)[..., 0, :]
        return np.asarray(((rV * self._phi)[..., None, :] @ self._Vinv)[..., 0, :])


def generator_propagator(L: ComplexArray, t: FloatArray) -> Propagation:
    """exp(L t) and its time integral, broadcast over batch axes.

    Args:
        L: generator(s), shape (*gbatch, n, n).
        t: duration(s) >= 0, shape broadcastable with gbatch.

    Returns:
        A `Propagation`: `.S` of shape (*batch, n, n), batch = broadcast(gbatch, t.shape),
        and `.integrate(r)` = r Phi(t).
    """
    L = np.asarray(L, dtype=np.complex128)
    t = np.asarray(t, dtype=np.float64)
    n = L.shape[-1]
    batch = np.broadcast_shapes(L.shape[:-2], t.shape)
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
        S, Phi = _van_loan(L, t)
        return Propagation(S, None, None, None, Phi)
    tb = t[..., None]
    z = lam * tb
    S = np.broadcast_to((V * np.exp(z)[..., None, :]) @ Vinv, (*batch, n, n))
    phi = np.broadcast_to(_phi_factor(lam, z, tb), (*batch, n))
    return Propagation(S, V, Vinv, phi, None)
