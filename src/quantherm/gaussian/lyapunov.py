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

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.linalg as sla
from scipy.linalg.lapack import dgesv as _dgesv
from scipy.linalg.lapack import dpotrf as _dpotrf

from .._checks import FloatArray, check_positive
from ..baths.bath import Bath
from ..errors import ConvergenceError
from .covariance import check_covariance, check_symmetric, symplectic_form, williamson
from .symplectic import squeezer

__all__ = [
    "GaussianOpenSystem",
    "VechOperator",
    "check_stable",
    "global_dissipator",
    "local_dissipator",
    "lyapunov_steady_state",
    "lyapunov_vech_operator",
    "solve_lyapunov_vech",
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


MAX_REDUCED = 12  # largest 2M solved through the symmetric (vech) Kronecker form


@dataclass(frozen=True, slots=True, eq=False)
class VechOperator:
    r"""The Lyapunov operator restricted to symmetric n x n matrices, as a map of A.

    With x = vech(sigma) (upper triangle, m = n(n+1)/2 unknowns) the equations
    [A sigma + sigma A^T]_{ab}, a <= b, read K_red(A) x, and K_red is linear in A:
    K_red = (T @ vec(A)).reshape(m, m), T[(r, u), (c, d)] = delta_ac E_u[d, b] + E_u[a, d] delta_bc
    for r = (a, b) and E_u the symmetric basis matrix of unknown u.

    Attributes:
        T: (m*m, n*n) map vec(A) (row-major) -> K_red.
        index: (n, n) position of sigma_ij in x.
        rows, cols: the vech index pairs (a <= b).
        eye: vech of the identity.
    """

    T: FloatArray
    index: Any
    rows: Any
    cols: Any
    eye: FloatArray


@functools.cache
def lyapunov_vech_operator(n: int) -> VechOperator:
    """The cached `VechOperator` for n x n matrices (arrays read-only)."""
    rows, cols = np.triu_indices(n)
    m = rows.size
    E = np.zeros((m, n, n))
    E[np.arange(m), rows, cols] = 1.0
    E[np.arange(m), cols, rows] = 1.0
    eye = np.eye(n)
    full = np.einsum("ac,udb->abucd", eye, E) + np.einsum("uad,bc->abucd", E, eye)
    index = np.zeros((n, n), dtype=np.intp)
    index[rows, cols] = np.arange(m)
    index[cols, rows] = np.arange(m)
    op = VechOperator(
        T=full[rows, cols].reshape(m * m, n * n),
        index=index,
        rows=rows,
        cols=cols,
        eye=(rows == cols).astype(np.float64),
    )
    for arr in (op.T, op.index, op.rows, op.cols, op.eye):
        arr.setflags(write=False)
    return op


def _unstable(worst: str) -> ValueError:
    return ValueError(
        "`drift` must be stable (all eigenvalues with negative real part) for a steady "
        f"state to exist; got {worst}. Check that every mode is damped "
        "and that the couplings do not make the Hamiltonian unbounded below."
    )


def solve_lyapunov_vech(K: FloatArray, d: FloatArray, n: int, scale: float) -> FloatArray:
    r"""Solve K_red x = -d and certify stability with the same factorisation (no eigvals of A).

    Solves for two right-hand sides, -vech(D) and -vech(1): by Lyapunov's theorem A is stable
    iff A Y + Y A^T = -1 has a positive-definite solution Y, and min|Re lambda(A)| >= 1/(2 ||Y||)
    for normal A. A point is rejected (ValueError) unless Y > 0 (Cholesky) and
    tr(Y) scale < 5e12 (about the margin -1e-13 scale of `check_stable`). The 2-norm residual of
    the reduced system must be <= 1e-8 max(1, |d|) (ConvergenceError). A single point (2-D K)
    calls LAPACK gesv/potrf directly (microseconds); batches use NumPy's batched solve.

    Args:
        K: (..., m, m) reduced Lyapunov operators (see `lyapunov_vech_operator`).
        d: (..., m) vech of the (symmetric) diffusion matrices.
        n: matrix size 2M.
        scale: max(1, max |A|) over the batch.

    Returns:
        (..., n, n) symmetric steady covariances.
    """
    op = lyapunov_vech_operator(n)
    rhs = np.empty((*d.shape, 2))
    np.negative(d, out=rhs[..., 0])
    rhs[..., 1] = -op.eye
    if K.ndim == 2:
        _, _, x, info = _dgesv(K, rhs)
        if info != 0:
            raise _unstable("a singular Lyapunov operator (lambda_i + lambda_j = 0)")
        Y = x[:, 1][op.index]
        if _dpotrf(Y)[1] != 0 or Y.trace() * scale >= 5e12:
            ev = np.linalg.eigvalsh(Y)
            raise _unstable(
                f"a Lyapunov certificate A Y + Y A^T = -1 with eig(Y) in [{ev[0]:.3g}, "
                f"{ev[-1]:.3g}] (stable iff all positive and bounded)"
            )
        sol = x[:, 0]
        r = K @ sol + d
        res, dn = float(r @ r), float(d @ d)
    else:
        try:
            x = np.linalg.solve(K, rhs)
        except np.linalg.LinAlgError:
            raise _unstable("a singular Lyapunov operator (lambda_i + lambda_j = 0)") from None
        Y = x[..., 1][..., op.index]
        ev = np.linalg.eigvalsh(Y)
        lo, hi = float(np.min(ev[..., 0])), float(np.max(ev[..., -1]))
        if not (lo > 0 and n * hi * scale < 5e12):
            raise _unstable(
                f"a Lyapunov certificate A Y + Y A^T = -1 with eig(Y) in [{lo:.3g}, {hi:.3g}] "
                "(stable iff all positive and bounded)"
            )
        sol = x[..., 0]
        r = (K @ sol[..., None])[..., 0] + d
        res = float(np.max(np.einsum("...i,...i->...", r, r)))
        dn = float(np.max(np.einsum("...i,...i->...", d, d)))
    if not res <= 1e-16 * max(1.0, dn):
        raise ConvergenceError(f"Lyapunov steady state failed: residual {np.sqrt(res):.3g}.")
    return np.asarray(sol[..., op.index])


def lyapunov_steady_state(A: Any, D: Any) -> FloatArray:
    """Solve A sigma + sigma A^T + D = 0 (batched), raising ValueError unless A is stable.

    For 2M <= 12 the symmetric unknowns vech(sigma) are solved through the reduced Kronecker
    form (one batched dense solve, cached operator map), and stability is certified from the
    same factorisation (`solve_lyapunov_vech`); larger systems use `check_stable` and
    Bartels-Stewart. The symmetric part of D is used (sigma is symmetric).
    """
    Am = np.asarray(A, dtype=np.float64)
    Dm = np.asarray(D, dtype=np.float64)
    n = Am.shape[-1] if Am.ndim else 0
    if Am.ndim < 2 or Am.shape[-2] != n or Dm.shape[-2:] != (n, n):
        raise ValueError(
            f"`A` and `D` must be (..., 2M, 2M) matrices of one size; got {Am.shape}, {Dm.shape}."
        )
    if not math.isfinite(float(Am.sum()) + float(Dm.sum())):  # one pass; NaN/inf propagate
        raise ValueError("`A` and `D` must be finite; got non-finite entries.")
    if n <= MAX_REDUCED:
        op = lyapunov_vech_operator(n)
        m = op.rows.size
        scale = max(1.0, float(np.abs(Am).max()))
        d = 0.5 * (Dm[..., op.rows, op.cols] + Dm[..., op.cols, op.rows])
        if Am.ndim == 2 and Dm.ndim == 2:
            return solve_lyapunov_vech((op.T @ Am.reshape(n * n)).reshape(m, m), d, n, scale)
        shape = np.broadcast_shapes(Am.shape[:-2], Dm.shape[:-2])
        K = (Am.reshape(*Am.shape[:-2], n * n) @ op.T.T).reshape(*Am.shape[:-2], m, m)
        K = np.broadcast_to(K, (*shape, m, m))
        return solve_lyapunov_vech(K, np.broadcast_to(d, (*shape, m)), n, scale)
    shape = np.broadcast_shapes(Am.shape[:-2], Dm.shape[:-2])
    check_stable(Am)
    Ab = np.broadcast_to(Am, (*shape, n, n)).reshape(-1, n, n)
    Db = np.broadcast_to(Dm, (*shape, n, n)).reshape(-1, n, n)
    out = np.stack([sla.solve_continuous_lyapunov(a, -d) for a, d in zip(Ab, Db, strict=True)])
    out = 0.5 * (out + np.swapaxes(out, -1, -2)).reshape(*shape, n, n)
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
            # Tr[H_E sigma A_k^T] = Tr[H_E A_k sigma] (H_E, sigma symmetric)
            HA = HE @ Ak
            out[name] = np.asarray(
                np.einsum("...ij,...ji->...", HA, s) + 0.5 * np.einsum("...ij,...ji->...", HE, Dk)
            )
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
