r"""Quadratic fermionic open systems solved through the two-point correlation matrix.

H = sum_kl h_kl c_k^dag c_l (h Hermitian, N modes), Lindblad operators linear in the fermions:
loss sqrt(l_m) c_m and gain sqrt(g_m) c_m^dag on chosen modes (one pair per bath). The correlation
matrix C_ij = <c_i^dag c_j> obeys a closed linear equation (third quantisation, Prosen 2008):

    dC/dt = M C + C M^dag + G,   M = i h^T - (L + G)/2,

with L = diag(loss), G = diag(gain). The steady state solves a Lyapunov (Sylvester) equation
(Bartels-Stewart, O(N^3)); N = 1000 takes seconds. The heat current of bath k (into the system
> 0, energy Hamiltonian H): J_k = sum_kl h_kl [dC/dt]_k,kl with [dC/dt]_k = -{L_k + G_k, C}/2 + G_k.
A bath at temperature T and chemical potential mu acting on a mode of energy w with coupling
rate gamma has gain gamma f and loss gamma (1 - f), f the Fermi function.

The XX chain H = sum_i w sigma_i^+ sigma_i^- + g sum_i (sigma_i^+ sigma_{i+1}^- + h.c.) with
sigma^-/sigma^+ baths on its end sites maps (Jordan-Wigner) to this model; the parity string of
the last site does not affect the equations for C (quadratic observables are parity-even).

Reference: T. Prosen, NJP 10, 043026 (2008), DOI 10.1088/1367-2630/10/4/043026.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import scipy.linalg as sla
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from .._checks import ComplexArray, FloatArray, check_hermitian, check_positive, check_temperature
from ..core.states import fermi_occupation

__all__ = ["FermionicBath", "XXChainResult", "fermionic_steady_state", "xx_chain_steady_state"]


@dataclass(frozen=True, slots=True, kw_only=True)
class FermionicBath:
    """Gain and loss rates (length-N arrays, >= 0) of one fermionic bath."""

    gain: FloatArray
    loss: FloatArray


def _banded_solution(M: ComplexArray, gain: FloatArray, w: int) -> ComplexArray | None:
    """Solve M C + C M^dag + diag(gain) = 0 within a band |i - j| <= w (sparse, O(N)).

    Returns the full C if the banded solution satisfies the *whole* equation (then it is the
    unique steady state), otherwise None (the caller falls back to the dense solver).
    """
    N = M.shape[0]

    def band(width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        I = np.concatenate([np.arange(max(0, -d), min(N, N - d)) for d in range(-width, width + 1)])
        J = np.concatenate(
            [np.arange(max(0, -d), min(N, N - d)) + d for d in range(-width, width + 1)]
        )
        table = -np.ones((N, 2 * width + 1), dtype=np.int64)
        table[I, J - I + width] = np.arange(I.size)
        return I, J, table

    def lookup_in(table: np.ndarray, width: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        off = b - a + width
        ok = (off >= 0) & (off <= 2 * width) & (a >= 0) & (a < N) & (b >= 0) & (b < N)
        out = -np.ones(a.shape, dtype=np.int64)
        out[ok] = table[a[ok], off[ok]]
        return out

    # unknowns: entries of C within the band w; equations: all entries of the residual that a
    # banded C can make non-zero (band w + 1 for tridiagonal-banded M), solved in least squares
    I, J, t_unk = band(w)
    Ir, Jr, t_res = band(w + 1)

    def index(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return lookup_in(t_unk, w, a, b)

    def rindex(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return lookup_in(t_res, w + 1, a, b)

    Ms = sp.coo_matrix(M)
    rows, cols, vals = [], [], []
    for d in range(-w, w + 1):
        # (M C)_{aj} += M_ac C_cj with j = c + d
        k = index(Ms.col, Ms.col + d)
        r = rindex(Ms.row, Ms.col + d)
        m = (k >= 0) & (r >= 0)
        rows.append(r[m])
        cols.append(k[m])
        vals.append(Ms.data[m])
        # (C M^dag)_{ib} += C_ic conj(M_bc) with i = c + d
        k = index(Ms.col + d, Ms.col)
        r = rindex(Ms.col + d, Ms.row)
        m = (k >= 0) & (r >= 0)
        rows.append(r[m])
        cols.append(k[m])
        vals.append(np.conj(Ms.data[m]))
    A = sp.csc_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))),
        shape=(Ir.size, I.size),
    )
    rhs = np.where(Ir == Jr, -gain[Ir], 0.0).astype(complex)
    AH = A.conj().T.tocsc()
    with warnings.catch_warnings():
        warnings.simplefilter("error", spla.MatrixRankWarning)
        try:
            x = spla.spsolve((AH @ A).tocsc(), AH @ rhs)
        except (RuntimeError, spla.MatrixRankWarning):
            return None
    Cs = sp.csr_matrix((x, (I, J)), shape=(N, N))
    Msr = sp.csr_matrix(M)
    R = Msr @ Cs + Cs @ Msr.conj().T + sp.diags(gain)
    if not np.all(np.isfinite(x)) or abs(R).max() > 1e-11 * max(1.0, float(np.max(gain))):
        return None
    return np.asarray(Cs.toarray())


def fermionic_steady_state(
    h: ComplexArray, baths: Mapping[str, FermionicBath], *, bandwidth: int | None = None
) -> tuple[ComplexArray, dict[str, float]]:
    """Steady correlation matrix C_ij = <c_i^dag c_j> and heat currents per bath.

    Args:
        h: (N, N) Hermitian single-particle Hamiltonian.
        baths: name -> FermionicBath (diagonal gain/loss rates).
        bandwidth: if given, first try a solution with C_ij = 0 for |i - j| > bandwidth (sparse,
            O(N)); it is accepted only if it solves the full equation (then it is exact, by
            uniqueness), otherwise the dense Bartels-Stewart solver runs. The boundary-driven XX
            chain has a tridiagonal steady state (bandwidth 1).

    Returns:
        (C, {name: J_k}); J_k > 0 when bath k gives energy to the system.

    Raises:
        ValueError: if the damping leaves an undamped normal mode (no unique steady state).
    """
    hm = check_hermitian(h, "h")
    N = hm.shape[-1]
    gain = np.zeros(N)
    loss = np.zeros(N)
    for name, b in baths.items():
        for arr, lab in ((b.gain, "gain"), (b.loss, "loss")):
            a = check_positive(arr, f"baths[{name!r}].{lab}", allow_zero=True)
            if a.shape != (N,):
                raise ValueError(f"`baths[{name!r}].{lab}` must have shape ({N},); got {a.shape}.")
        gain = gain + b.gain
        loss = loss + b.loss
    M = 1j * hm.T - 0.5 * np.diag(gain + loss)
    worst = float(np.max(np.linalg.eigvals(M).real)) if N <= 64 else None
    if worst is not None and worst >= -1e-12:
        raise ValueError(
            f"the damping must reach every normal mode of `h` for a unique steady state; got max "
            f"Re(eig) = {worst:.3g}. Attach the baths to sites that couple to all modes."
        )
    banded = _banded_solution(M, gain, bandwidth) if bandwidth is not None else None
    if banded is None:
        banded = np.asarray(sla.solve_continuous_lyapunov(M, -np.diag(gain).astype(complex)))
    C = 0.5 * (banded + banded.conj().T)
    res = float(np.max(np.abs(M @ C + C @ M.conj().T + np.diag(gain))))
    if not res <= 1e-9 * max(1.0, float(np.max(gain + loss))):
        raise ValueError(
            f"no unique steady state: Lyapunov residual {res:.3g} (an undamped mode of `h`)."
        )
    currents = {}
    for name, b in baths.items():
        Gk = np.asarray(b.gain, float)
        Rk = Gk + np.asarray(b.loss, float)
        dC = -0.5 * (Rk[:, None] * C + C * Rk[None, :]) + np.diag(Gk)
        currents[name] = float(np.sum(hm * dC).real)
    return np.asarray(C), currents


@dataclass(frozen=True, slots=True, kw_only=True)
class XXChainResult:
    """Steady state of the boundary-driven XX chain.

    Attributes:
        correlations: C_ij = <c_i^dag c_j> (N, N).
        heat_current_hot, heat_current_cold: J_h, J_c (into the chain > 0; J_h = -J_c).
        occupations: <sigma_i^+ sigma_i^-> along the chain (N,).
    """

    correlations: ComplexArray
    heat_current_hot: float
    heat_current_cold: float
    occupations: FloatArray


def xx_chain_steady_state(
    n_sites: int,
    *,
    omega: float,
    g: float,
    gamma: float,
    T_h: float,
    T_c: float,
    mu_h: float = 0.0,
    mu_c: float = 0.0,
) -> XXChainResult:
    r"""XX chain with a hot fermionic-type bath on site 0 and a cold one on site N-1.

    H = sum_i omega sigma_i^+ sigma_i^- + g sum_i (sigma_i^+ sigma_{i+1}^- + h.c.); site 0 has
    jumps sqrt(gamma (1 - f_h)) sigma_0^-, sqrt(gamma f_h) sigma_0^+ with f_h = f(omega, T_h, mu_h),
    site N-1 the same with T_c, mu_c (local baths; energy bookkept with the full H).
    """
    if int(n_sites) != n_sites or n_sites < 2:
        raise ValueError(f"`n_sites` must be an integer >= 2; got {n_sites!r}.")
    N = int(n_sites)
    check_temperature(T_h, "T_h")
    check_temperature(T_c, "T_c")
    check_positive(gamma, "gamma")
    h = omega * np.eye(N) + g * (np.eye(N, k=1) + np.eye(N, k=-1))
    f = (float(fermi_occupation(omega, T_h, mu_h)), float(fermi_occupation(omega, T_c, mu_c)))
    baths = {}
    for name, site, ff in (("hot", 0, f[0]), ("cold", N - 1, f[1])):
        gain = np.zeros(N)
        loss = np.zeros(N)
        gain[site], loss[site] = gamma * ff, gamma * (1 - ff)
        baths[name] = FermionicBath(gain=gain, loss=loss)
    C, J = fermionic_steady_state(h.astype(complex), baths, bandwidth=1 if N > 64 else None)
    return XXChainResult(
        correlations=C,
        heat_current_hot=J["hot"],
        heat_current_cold=J["cold"],
        occupations=np.real(np.diag(C)),
    )
