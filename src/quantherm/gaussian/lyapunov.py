r"""Markovian Gaussian dynamics: Lyapunov equation, steady state, heat currents per bath.

A quadratic Hamiltonian H = R^T H R/2 plus Lindblad operators linear in the quadratures give
a closed equation for the covariance (xpxp ordering, zero mean):

    d sigma/dt = A sigma + sigma A^T + D,    A = Omega H + sum_k A_k,    D = sum_k D_k,

with one (A_k, D_k) pair per bath k. A mode j damped by a thermal (or squeezed) Lindblad
bath with energy relaxation rate gamma and occupation n (jumps sqrt(gamma (n+1)) a_j,
sqrt(gamma n) a_j^dag) has A_k = -(gamma/2) P_j, D_k = gamma (n + 1/2) S_r P_j S_r^T, with P_j
the projector on mode j and S_r the squeezer of a squeezed bath (identity if r = 0).
A *global* (eigenmode, secular) bath coupled through X = u^T R acts on each normal mode k of H
(frequencies omega_k, Williamson form of H) with down/up rates Gamma_down = |g_k|^2 r(omega_k),
Gamma_up = |g_k|^2 r(-omega_k), r the `Bath.rate` and X = sum_k (g_k b_k + h.c.) + ...

Heat current of bath k (energy into the system is positive, DESIGN.md):
J_k = Tr[H_E (A_k sigma + sigma A_k^T + D_k)]/2 with H_E the energy Hamiltonian (H for global
baths, the uncoupled Hamiltonian for the local equation, as in `quantherm.dynamics.master`).
The coherent part carries no energy: Tr[H (Omega H sigma + sigma H Omega^T)] = 0.

Reference: A. Serafini, *Quantum Continuous Variables* (2017), ch. 5; for local vs global:
P. P. Hofer et al., NJP 19, 123037 (2017), DOI 10.1088/1367-2630/aa964f.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.linalg as sla

from .._checks import FloatArray, check_positive
from ..baths.bath import Bath
from ..errors import ConvergenceError
from .covariance import check_covariance, check_symmetric, symplectic_form, williamson
from .symplectic import squeezer

__all__ = [
    "GaussianOpenSystem",
    "check_stable",
    "global_dissipator",
    "local_dissipator",
    "lyapunov_steady_state",
]

Dissipator = tuple[FloatArray, FloatArray]


def local_dissipator(
    n_modes: int,
    mode: int,
    rate: Any,
    occupation: Any,
    *,
    squeezing: float = 0.0,
    squeezing_phase: float = 0.0,
) -> Dissipator:
    """(A_k, D_k) of a thermal (optionally squeezed) Lindblad bath on one mode.

    Args:
        n_modes: number of modes M.
        mode: index of the damped mode.
        rate: energy relaxation rate gamma >= 0 (batch axes allowed).
        occupation: bath mean occupation n >= 0 at the mode frequency (batch axes allowed).
        squeezing: squeezing parameter r of a squeezed thermal bath.
        squeezing_phase: squeezing angle.

    Returns:
        (A_k, D_k), each (..., 2M, 2M).
    """
    if not 0 <= mode < n_modes:
        raise ValueError(f"`mode` must be in [0, {n_modes}); got {mode!r}.")
    g = check_positive(rate, "rate", allow_zero=True)
    n = np.asarray(occupation, dtype=np.float64)
    if np.any(~np.isfinite(n)) or np.any(n < 0):
        raise ValueError(
            f"`occupation` must be finite and >= 0; got {occupation!r}. "
            "A thermal occupation 1/(exp(omega/T) - 1) is never negative."
        )
    P = np.zeros((2 * n_modes, 2 * n_modes))
    P[2 * mode, 2 * mode] = P[2 * mode + 1, 2 * mode + 1] = 1.0
    PD = P
    if squeezing:
        PD = np.zeros_like(P)
        Sq = squeezer(squeezing, squeezing_phase)
        PD[2 * mode : 2 * mode + 2, 2 * mode : 2 * mode + 2] = Sq @ Sq.T
    gg, nn = g[..., None, None], n[..., None, None]
    A = -0.5 * gg * P
    D = gg * (nn + 0.5) * PD
    return np.asarray(A), np.asarray(D)


def global_dissipator(H: Any, u: Any, bath: Bath, *, degeneracy_tol: float = 1e-9) -> Dissipator:
    r"""(A_k, D_k) of a bath coupled through X = u^T R, in the global secular (eigenmode) form.

    With H = S^T diag(omega) S (Williamson) and normal-mode quadratures R' = S R, the coupling is
    X = c^T R', c = S^{-T} u, so mode k has |g_k|^2 = (c_{x,k}^2 + c_{p,k}^2)/2 and is damped with
    Gamma_down = |g_k|^2 bath.rate(omega_k), Gamma_up = |g_k|^2 bath.rate(-omega_k):
    A' = -(Gamma_down - Gamma_up)/2, D' = (Gamma_down + Gamma_up)/2 per mode; then
    A = S^{-1} A' S, D = S^{-1} D' S^{-T}. Requires non-degenerate normal frequencies
    (otherwise the secular approximation keeps cross terms that this form omits).

    Args:
        H: (2M, 2M) positive-definite Hamiltonian matrix.
        u: (2M,) real coupling vector (e.g. sqrt(2) e_{x_j} for X = a_j + a_j^dag).
        bath: `quantherm.baths.Bath` (bosonic); its scalar temperature is used.
        degeneracy_tol: two normal frequencies closer than this raise an error.
    """
    Hm = check_symmetric(H, "H")
    if Hm.ndim != 2:
        raise ValueError(f"`H` must be a single (2M, 2M) matrix here; got shape {Hm.shape}.")
    if bath.statistics != "bose":
        raise ValueError(f"`bath` must be bosonic for a Gaussian model; got {bath.statistics!r}.")
    uu = np.asarray(u, dtype=np.float64)
    if uu.shape != (Hm.shape[0],):
        raise ValueError(f"`u` must have shape ({Hm.shape[0]},); got {uu.shape}.")
    nus, S = williamson(Hm)
    if nus.size > 1 and np.min(np.diff(nus)) < degeneracy_tol:
        raise ValueError(
            "`H` must have non-degenerate normal-mode frequencies for the global secular "
            f"dissipator; got {nus}. Use local dissipators or lift the degeneracy."
        )
    c = np.linalg.solve(S.T, uu)
    g2 = 0.5 * (c[0::2] ** 2 + c[1::2] ** 2)
    down = g2 * np.asarray(bath.rate(nus), dtype=np.float64)
    up = g2 * np.asarray(bath.rate(-nus), dtype=np.float64)
    Ap = np.diag(np.repeat(-0.5 * (down - up), 2))
    Dp = np.diag(np.repeat(0.5 * (down + up), 2))
    Sinv = np.linalg.inv(S)
    return np.asarray(Sinv @ Ap @ S), np.asarray(Sinv @ Dp @ Sinv.T)


def check_stable(A: Any, name: str = "drift") -> FloatArray:
    """Raise ValueError unless every eigenvalue of A has a negative real part (per batch point)."""
    Am = np.asarray(A, dtype=np.float64)
    lam = np.linalg.eigvals(Am)
    worst = float(np.max(lam.real))
    if worst >= -1e-13 * max(1.0, float(np.max(np.abs(Am)))):
        raise ValueError(
            f"`{name}` must be stable (all eigenvalues with negative real part) for a steady "
            f"state to exist; got max Re(lambda) = {worst:.3g}. Check that every mode is damped "
            "and that the couplings do not make the Hamiltonian unbounded below."
        )
    return Am


def lyapunov_steady_state(A: Any, D: Any) -> FloatArray:
    """Solve A sigma + sigma A^T + D = 0 (batched) after checking that A is stable.

    Batched points are solved together through the Kronecker form
    (1 (x) A + A (x) 1) vec(sigma) = -vec(D); single large problems use Bartels-Stewart.
    """
    Am = check_stable(A)
    Dm = np.asarray(D, dtype=np.float64)
    shape = np.broadcast_shapes(Am.shape[:-2], Dm.shape[:-2])
    n = Am.shape[-1]
    if n > 12:
        Ab = np.broadcast_to(Am, (*shape, n, n)).reshape(-1, n, n)
        Db = np.broadcast_to(Dm, (*shape, n, n)).reshape(-1, n, n)
        out = np.stack([sla.solve_continuous_lyapunov(a, -d) for a, d in zip(Ab, Db, strict=True)])
        out = out.reshape(*shape, n, n)
    elif not shape:
        eye = np.eye(n)
        K = (
            eye[:, None, :, None] * Am[None, :, None, :]
            + Am[:, None, :, None] * eye[None, :, None, :]
        )
        K = K.reshape(n * n, n * n)
        out = np.linalg.solve(K, -Dm.reshape(n * n)).reshape(n, n)
    else:
        Ab = np.broadcast_to(Am, (*shape, n, n)).reshape(-1, n, n)
        Db = np.broadcast_to(Dm, (*shape, n, n)).reshape(-1, n * n, 1)
        out = np.empty((Ab.shape[0], n * n, 1))
        chunk = 2048  # keeps the (chunk, n^2, n^2) Kronecker blocks in cache
        for s0 in range(0, Ab.shape[0], chunk):
            a = Ab[s0 : s0 + chunk]
            # K[(i,k),(j,l)] = delta_ij A_kl + A_ij delta_kl = (1 (x) A + A (x) 1), row-major vec
            K = np.zeros((a.shape[0], n, n, n, n))
            for i in range(n):
                K[:, i, :, i, :] += a
                K[:, :, i, :, i] += a
            K2 = K.reshape(-1, n * n, n * n)
            out[s0 : s0 + chunk] = np.linalg.solve(K2, -Db[s0 : s0 + chunk])
        out = out.reshape(*shape, n, n)
    out = 0.5 * (out + np.swapaxes(out, -1, -2))
    res = np.max(np.abs(Am @ out + out @ np.swapaxes(Am, -1, -2) + Dm))
    if not res <= 1e-8 * max(1.0, float(np.max(np.abs(Dm)))):
        raise ConvergenceError(f"Lyapunov steady state failed: residual {res:.3g}.")
    return np.asarray(out)


@dataclass(frozen=True, eq=False)
class GaussianOpenSystem:
    r"""A quadratic Hamiltonian with Markovian Gaussian baths, one (A_k, D_k) pair per bath.

    Attributes:
        H: (..., 2M, 2M) Hamiltonian matrix, H_op = R^T H R/2 (xpxp ordering).
        dissipators: bath name -> (A_k, D_k), from `local_dissipator` / `global_dissipator`.
        temperatures: bath name -> temperature (for entropy production; optional).
        H_energy: energy Hamiltonian for the heat bookkeeping (default H; use the uncoupled
            Hamiltonian with local dissipators, as the local master equation does).
    """

    H: Any
    dissipators: Mapping[str, Dissipator]
    temperatures: Mapping[str, float] = field(default_factory=dict)
    H_energy: Any = None

    def __post_init__(self) -> None:
        check_symmetric(self.H, "H")
        if self.H_energy is not None:
            check_symmetric(self.H_energy, "H_energy")
        if not self.dissipators:
            raise ValueError("`dissipators` must name at least one bath; got none.")

    @property
    def n_modes(self) -> int:
        """Number of modes M."""
        return int(np.shape(self.H)[-1] // 2)

    @property
    def energy_matrix(self) -> FloatArray:
        """H_E (H unless `H_energy` was given)."""
        return np.asarray(self.H if self.H_energy is None else self.H_energy, dtype=np.float64)

    def drift(self) -> FloatArray:
        """A = Omega H + sum_k A_k."""
        A = symplectic_form(self.n_modes) @ np.asarray(self.H, dtype=np.float64)
        for Ak, _ in self.dissipators.values():
            A = A + Ak
        return np.asarray(A)

    def diffusion(self) -> FloatArray:
        """D = sum_k D_k."""
        D = sum(Dk for _, Dk in self.dissipators.values())
        return np.asarray(D, dtype=np.float64)

    def steady_state(self) -> FloatArray:
        """The unique steady covariance; ValueError if the drift is unstable."""
        return lyapunov_steady_state(self.drift(), self.diffusion())

    def evolve(self, sigma0: Any, times: Any) -> FloatArray:
        r"""Exact covariance at `times` from sigma0 (Van Loan's block exponential).

        sigma(t) = F sigma0 F^T + Q(t), F = e^{A t}, Q = int_0^t e^{A u} D e^{A^T u} du,
        from exp([[A, D], [0, -A^T]] t) = [[F, G], [0, F^{-T}]], Q = G F^T. Works for any A.

        Returns:
            (..., len(times), 2M, 2M).
        """
        s0 = check_covariance(sigma0, "sigma0")
        A, D = self.drift(), self.diffusion()
        if A.ndim != 2 or D.ndim != 2:
            raise ValueError(
                "`evolve` supports a single (unbatched) model; loop over batch points."
            )
        n = A.shape[-1]
        big = np.block([[A, D], [np.zeros((n, n)), -A.T]])
        out = []
        for t in np.atleast_1d(np.asarray(times, dtype=np.float64)):
            E = sla.expm(big * t)
            F, G = E[:n, :n], E[:n, n:]
            out.append(F @ s0 @ F.T + G @ F.T)
        res = np.stack(out)
        return np.asarray(0.5 * (res + np.swapaxes(res, -1, -2)))

    def heat_currents(self, sigma: Any) -> dict[str, FloatArray]:
        """J_k = Tr[H_E (A_k sigma + sigma A_k^T + D_k)]/2 per bath (into the system > 0)."""
        s = np.asarray(sigma, dtype=np.float64)
        HE = self.energy_matrix
        out: dict[str, FloatArray] = {}
        for name, (Ak, Dk) in self.dissipators.items():
            dot = Ak @ s + s @ np.swapaxes(Ak, -1, -2) + Dk
            out[name] = np.asarray(0.5 * np.einsum("...ij,...ji->...", HE, dot))
        return out

    def power(self, sigma: Any) -> FloatArray:
        """Rate of change of <H_E> not booked as heat: d<H_E>/dt - sum_k J_k (0 for H_E = H).

        For the local equation (H_E != H) this is the energy drawn in by the coupling term, which
        is how the local master equation's known first-law bookkeeping issue shows up.
        """
        s = np.asarray(sigma, dtype=np.float64)
        A = self.drift()
        dot = A @ s + s @ np.swapaxes(A, -1, -2) + self.diffusion()
        total = 0.5 * np.einsum("...ij,...ji->...", self.energy_matrix, dot)
        return np.asarray(total - sum(self.heat_currents(s).values()))
