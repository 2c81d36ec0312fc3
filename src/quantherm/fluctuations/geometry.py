r"""Thermodynamic length for slowly driven open systems: metric, length, geodesic protocols.

A Hamiltonian H(lam) in contact with one bath at temperature T relaxes under a generator
L_lam whose fixed point is the Gibbs state pi_lam. Driven slowly along lam(t), the state
lags behind, rho ~ pi + L^D(d pi/dt) (L^D the Drazin inverse), and the excess work over
the free-energy change is, to leading order in the speed,

    W_ex = int dt lam'(t)^2 g(lam),     g(lam) = Tr[dH/dlam  L^D(d pi/dlam)] >= 0,

the thermodynamic metric (friction). Its length L = int sqrt(g) dlam bounds any protocol
of duration tau, W_ex >= L^2 / tau, with equality for the geodesic: constant speed
sqrt(g) lam' = L / tau. d pi/dlam is exact (Daleckii-Krein formula); L^D is applied by one
bordered linear solve in the full Liouville space (coherences matter when the eigenbasis
of H rotates: quantum friction).

References: G. E. Crooks, PRL 99, 100602 (2007), doi:10.1103/PhysRevLett.99.100602;
M. Scandi, M. Perarnau-Llobet, Quantum 3, 197 (2019), doi:10.22331/q-2019-10-24-197.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.linalg as sla

from .._checks import ComplexArray, FloatArray, check_hermitian, check_positive
from ..core.states import gibbs_state
from ..dynamics.elements import assemble_dense
from ..dynamics.master import MasterEquation

__all__ = [
    "ProtocolWork",
    "excess_work",
    "geodesic_protocol",
    "thermodynamic_length",
    "thermodynamic_metric",
]


def _gibbs_derivative(H: ComplexArray, dH: ComplexArray, T: float) -> ComplexArray:
    """d/dlam of exp(-H/T)/Z given dH/dlam (Daleckii-Krein divided differences)."""
    e, V = np.linalg.eigh(H)
    f = np.exp(-(e - e.min()) / T)
    de = e[:, None] - e[None, :]
    df = f[:, None] - f[None, :]
    close = np.abs(de) < 1e-12 * max(1.0, float(np.max(np.abs(e))))
    with np.errstate(divide="ignore", invalid="ignore"):
        div = np.where(close, -f[:, None] / T, df / np.where(close, 1.0, de))
    dHt = np.conj(V).T @ dH @ V
    dE = div * dHt  # derivative of exp(-(H - e_min)/T) in the eigenbasis
    Z = f.sum()
    dZ = np.trace(dE).real
    dpi = dE / Z - np.diag(f) * dZ / Z**2
    return np.asarray(V @ dpi @ np.conj(V).T)


def _drazin_apply(me: MasterEquation, y_orig: ComplexArray) -> ComplexArray:
    """x with L x = y, Tr x = 0 (y traceless), in the original basis (unbatched model)."""
    d = me.d
    L = assemble_dense(me.generator)[0]
    yw = me.to_work(y_orig)[0].reshape(-1, order="F")
    pops = np.arange(d) * (d + 1)
    r0 = pops[0]
    M = L.copy()
    M[r0, :] = 0.0
    M[r0, pops] = 1.0
    rhs = yw.copy()
    rhs[r0] = 0.0
    x = np.linalg.solve(M, rhs)
    return me.from_work(x.reshape(d, d, order="F")[None])


def thermodynamic_metric(
    model_at: Callable[[float], MasterEquation],
    H: Callable[[float], Any],
    dH: Callable[[float], Any],
    lam: Any,
    *,
    T: float,
    check_tol: float = 1e-8,
) -> FloatArray:
    r"""Thermodynamic metric g(lam) = Tr[dH L^D(d pi)] along a path of Hamiltonians.

    Args:
        model_at: lam -> unbatched `MasterEquation` (one bath at temperature T) for H(lam).
        H, dH: lam -> H(lam) and its derivative dH/dlam, (d, d).
        lam: values of the control parameter, shape (n,).
        T: bath temperature.
        check_tol: the Gibbs state must be a fixed point of the generator to this relative
            residual (otherwise the model does not thermalise and there is no metric).

    Returns:
        (array of shape (n,)) g(lam) >= 0 (energy x time / lam^2).

    Raises:
        ValueError: a generator whose fixed point is not the Gibbs state of H(lam) at T.
    """
    Tv = float(check_positive(T, "T"))
    out = []
    for lv in np.atleast_1d(np.asarray(lam, dtype=float)):
        me = model_at(float(lv))
        if me.batch != 1:
            raise ValueError(
                f"`model_at` must return an unbatched model; got batch shape {me.batch_shape}."
            )
        Hm = check_hermitian(H(float(lv)), "H(lam)")
        dHm = check_hermitian(dH(float(lv)), "dH(lam)")
        pi = gibbs_state(Hm, Tv)
        L = assemble_dense(me.generator)[0]
        r = L @ me.to_work(pi)[0].reshape(-1, order="F")
        if float(np.linalg.norm(r)) > check_tol * max(float(np.linalg.norm(L)), 1e-300):
            raise ValueError(
                f"`model_at({lv:g})` must thermalise to the Gibbs state of H(lam) at T={Tv:g}; its "
                f"generator moves that state (residual {np.linalg.norm(r):.3g}). Use one bath at "
                "temperature T and the global master equation of H(lam)."
            )
        x = _drazin_apply(me, _gibbs_derivative(Hm, dHm, Tv))
        out.append(float(np.real(np.trace(dHm @ x.reshape(me.d, me.d)))))
    return np.array(out)


def thermodynamic_length(lam: Any, metric: Any) -> float:
    """L = int sqrt(g) dlam on a grid (trapezoid rule)."""
    lam_a = np.asarray(lam, dtype=float)
    g = np.asarray(metric, dtype=float)
    if lam_a.shape != g.shape or lam_a.ndim != 1 or lam_a.size < 2:
        raise ValueError(
            "`lam` and `metric` must be 1-d grids of equal length >= 2; "
            f"got {lam_a.shape}, {g.shape}."
        )
    if np.any(g < 0):
        raise ValueError(f"`metric` must be >= 0; got min {float(g.min()):.3g}.")
    return float(np.trapezoid(np.sqrt(g), lam_a))


def geodesic_protocol(lam: Any, metric: Any, s: Any) -> FloatArray:
    r"""The constant-metric-speed schedule lam(s), s = t / tau in [0, 1] (the geodesic).

    Defined by int_{lam_0}^{lam(s)} sqrt(g) dlam = s L; interpolated on the grid.
    """
    lam_a = np.asarray(lam, dtype=float)
    sg = np.sqrt(np.asarray(metric, dtype=float))
    cum = np.concatenate([[0.0], np.cumsum(0.5 * (sg[1:] + sg[:-1]) * np.diff(lam_a))])
    return np.asarray(np.interp(np.asarray(s, dtype=float) * cum[-1], cum, lam_a))


@dataclass(frozen=True, slots=True, kw_only=True)
class ProtocolWork:
    """Work of a finite-time protocol started in the Gibbs state (energy into the system > 0).

    Attributes:
        work: total work W; free_energy_change: F(lam_1) - F(lam_0); excess: W - dF >= 0.
    """

    work: float
    free_energy_change: float
    excess: float


def excess_work(
    model_at: Callable[[float], MasterEquation],
    H: Callable[[float], Any],
    schedule: Any,
    tau: float,
    *,
    T: float,
) -> ProtocolWork:
    r"""Work done by the schedule lam_j (j = 0..n, equally spaced in time over tau).

    A direct simulation (second-order midpoint scheme: the generator of lam_{j+1/2} acts
    over each step, work Tr[rho(t_{j+1/2}) (H_{j+1} - H_j)]) against which the metric
    prediction W_ex ~ (1/tau) int g (dlam/ds)^2 ds is checked. Resolve the Bohr
    frequencies (n >> omega tau) when the eigenbasis of H rotates.
    """
    lam_a = np.asarray(schedule, dtype=float)
    Tv = float(check_positive(T, "T"))
    if lam_a.ndim != 1 or lam_a.size < 2:
        raise ValueError(f"`schedule` must be a 1-d array of >= 2 values; got shape {lam_a.shape}.")
    dt = float(check_positive(tau, "tau")) / (lam_a.size - 1)
    H0 = check_hermitian(H(float(lam_a[0])), "H(lam_0)")
    d = H0.shape[-1]
    rho = gibbs_state(H0, Tv).reshape(-1, order="F")
    W = 0.0
    for la, lb in itertools.pairwise(lam_a):
        me = model_at(0.5 * (la + lb))
        U = me.W[0] if me.W is not None else np.eye(d)
        S = np.kron(U.T, np.conj(U).T)  # vec(U^dag X U) = (U^T kron U^dag) vec(X)
        L = np.conj(S).T @ assemble_dense(me.generator)[0] @ S  # original basis
        half = sla.expm(L * (0.5 * dt))
        mid = half @ rho
        dHm = np.asarray(H(float(lb)) - H(float(la)), dtype=np.complex128)
        W += float(np.real(np.trace(mid.reshape(d, d, order="F") @ dHm)))
        rho = half @ mid
    Hprev = check_hermitian(H(float(lam_a[-1])), "H(lam_1)")

    def F(Hm: ComplexArray) -> float:
        e = np.linalg.eigvalsh(Hm)
        return float(e.min() - Tv * np.log(np.sum(np.exp(-(e - e.min()) / Tv))))

    dF = F(Hprev) - F(H0)
    return ProtocolWork(work=W, free_energy_change=dF, excess=W - dF)
