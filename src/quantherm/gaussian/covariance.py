r"""Gaussian states as covariance matrices: validation, Williamson form, entropies, energies.

Ordering convention (used throughout `quantherm.gaussian`): **xpxp**, i.e. the quadrature
vector is R = (x_1, p_1, ..., x_M, p_M) with x = (a + a^dag)/sqrt(2), p = (a - a^dag)/(i sqrt(2)),
so [x_j, p_k] = i delta_jk. The symplectic form is Omega = (+)_j [[0, 1], [-1, 0]].
The covariance matrix is sigma_jk = <{R_j - d_j, R_k - d_k}>/2 (vacuum sigma = 1/2, a thermal
mode with mean occupation n has sigma = (n + 1/2) 1). A real symmetric sigma is a quantum
state iff sigma + i Omega/2 >= 0 (Robertson-Schrödinger uncertainty relation).

A quadratic Hamiltonian is H = R^T H R / 2 with H a real symmetric (2M, 2M) matrix; the
oscillator omega a^dag a corresponds to H = omega 1 (its zero-point energy omega/2 is kept:
energies below are <R^T H R>/2 = Tr(H sigma)/2 + d^T H d/2).

Reference: A. Serafini, *Quantum Continuous Variables* (CRC Press, 2017), chapters 3 and 5;
DOI 10.1201/9781315118727.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import scipy.linalg as sla

from .._checks import FloatArray, check_temperature
from ..core.states import bose_occupation

__all__ = [
    "check_covariance",
    "energy",
    "entropy",
    "is_physical",
    "mean_occupations",
    "modes_block",
    "mutual_information",
    "relative_entropy_thermal",
    "symplectic_eigenvalues",
    "symplectic_form",
    "thermal_covariance",
    "thermal_state_of",
    "vacuum_covariance",
    "williamson",
]

#: Tolerance of the symmetry and uncertainty-relation checks (absolute, times max(1, |sigma|)).
COV_ATOL = 1e-9


@functools.lru_cache(maxsize=64)
def _omega(n: int) -> FloatArray:
    out = np.zeros((2 * n, 2 * n))
    i = np.arange(n)
    out[2 * i, 2 * i + 1] = 1.0
    out[2 * i + 1, 2 * i] = -1.0
    out.flags.writeable = False
    return out


def symplectic_form(n_modes: int) -> FloatArray:
    """Omega = (+)_j [[0, 1], [-1, 0]] in xpxp ordering, shape (2M, 2M) (read-only, cached)."""
    if int(n_modes) != n_modes or n_modes < 1:
        raise ValueError(f"`n_modes` must be a positive integer; got {n_modes!r}.")
    return _omega(int(n_modes))


def _as_real_square(x: Any, name: str) -> FloatArray:
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as exc:  # pragma: no cover - numpy accepts almost anything
        raise TypeError(f"`{name}` must be a real array; got {type(x).__name__}.") from exc
    if np.iscomplexobj(arr):
        if np.max(np.abs(arr.imag), initial=0.0) > 0:
            raise ValueError(
                f"`{name}` must be real (quadrature covariances are real); got complex entries."
            )
        arr = arr.real
    try:
        arr = np.asarray(arr, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"`{name}` must be a real array; got {type(x).__name__}.") from exc
    if arr.ndim < 2 or arr.shape[-1] != arr.shape[-2] or arr.shape[-1] % 2 or arr.shape[-1] == 0:
        raise ValueError(
            f"`{name}` must have shape (..., 2M, 2M) (xpxp ordering, M modes); "
            f"got shape {arr.shape}."
        )
    if not np.isfinite(arr).all():
        raise ValueError(f"`{name}` must be finite; got NaN or infinite entries.")
    return arr


def check_symmetric(x: Any, name: str, *, atol: float = COV_ATOL) -> FloatArray:
    """Return `x` as a real (..., 2M, 2M) array, raising unless it is symmetric."""
    arr = _as_real_square(x, name)
    dev = float(np.abs(arr - np.swapaxes(arr, -1, -2)).max(initial=0.0))
    scale = max(1.0, float(np.abs(arr).max(initial=0.0)))
    if dev > atol * scale:
        raise ValueError(
            f"`{name}` must be symmetric; got max |{name} - {name}^T| = {dev:.3g}. "
            "Symmetrise it ((s + s.T)/2) or check the quadrature ordering (xpxp)."
        )
    return np.asarray(0.5 * (arr + np.swapaxes(arr, -1, -2)))


def _uncertainty_min_eig(sigma: FloatArray) -> FloatArray:
    M = sigma.shape[-1] // 2
    return np.asarray(np.linalg.eigvalsh(sigma + 0.5j * symplectic_form(M))[..., 0])


def check_covariance(sigma: Any, name: str = "sigma", *, atol: float = COV_ATOL) -> FloatArray:
    """Validate a covariance matrix: real, symmetric, sigma + i Omega/2 >= 0.

    Args:
        sigma: array (..., 2M, 2M), xpxp ordering, vacuum = 1/2.
        name: argument name used in the error message.
        atol: tolerance (relative to max(1, |sigma|)).

    Returns:
        The symmetrised covariance as float64.

    Raises:
        ValueError: not square/even, not symmetric, or violating the uncertainty relation.
    """
    arr = check_symmetric(sigma, name, atol=atol)
    lam = _uncertainty_min_eig(arr)
    scale = max(1.0, float(np.max(np.abs(arr), initial=0.0)))
    worst = float(np.min(lam))
    if worst < -atol * scale:
        raise ValueError(
            f"`{name}` must satisfy the uncertainty relation sigma + i Omega/2 >= 0 "
            f"(vacuum sigma = 1/2, xpxp ordering); got smallest eigenvalue {worst:.3g}. "
            "It is not a quantum state: check the vacuum normalisation (1/2, not 1) and ordering."
        )
    return arr


def is_physical(sigma: Any, *, atol: float = COV_ATOL) -> bool:
    """True when `sigma` is a valid covariance matrix (see `check_covariance`)."""
    try:
        check_covariance(sigma, atol=atol)
    except (TypeError, ValueError):
        return False
    return True


def vacuum_covariance(n_modes: int) -> FloatArray:
    """Vacuum covariance 1/2 (2M, 2M)."""
    return 0.5 * np.eye(2 * int(n_modes))


def thermal_covariance(occupations: Any) -> FloatArray:
    """Product of thermal modes: sigma = (+)_j (n_j + 1/2) 1_2.

    Args:
        occupations: mean occupations n_j >= 0, shape (..., M).

    Returns:
        (..., 2M, 2M) covariance.
    """
    n = np.asarray(occupations, dtype=np.float64)
    if n.ndim == 0:
        n = n[None]
    if np.any(~np.isfinite(n)) or np.any(n < 0):
        raise ValueError(
            f"`occupations` must be finite and >= 0; got {occupations!r}. "
            "A mean occupation cannot be negative."
        )
    diag = np.repeat(n + 0.5, 2, axis=-1)
    return np.asarray(diag[..., :, None] * np.eye(diag.shape[-1]))


def modes_block(sigma: Any, modes: Any) -> FloatArray:
    """The covariance of the subsystem made of `modes` (indices from 0), shape (..., 2m, 2m)."""
    s = np.asarray(sigma, dtype=np.float64)
    idx = np.ravel(np.column_stack([2 * np.asarray(modes, int), 2 * np.asarray(modes, int) + 1]))
    if idx.size == 0 or idx.max() >= s.shape[-1] or idx.min() < 0:
        raise ValueError(f"`modes` must be indices in [0, {s.shape[-1] // 2}); got {modes!r}.")
    return np.asarray(s[..., idx[:, None], idx[None, :]])


def mean_occupations(sigma: Any, mean: Any = None) -> FloatArray:
    """<a_j^dag a_j> = (sigma_xx + sigma_pp + d_x^2 + d_p^2)/2 - 1/2 per mode, shape (..., M)."""
    s = np.asarray(sigma, dtype=np.float64)
    dg = np.einsum("...ii->...i", s)
    n = 0.5 * (dg[..., 0::2] + dg[..., 1::2]) - 0.5
    if mean is not None:
        d = np.asarray(mean, dtype=np.float64)
        n = n + 0.5 * (d[..., 0::2] ** 2 + d[..., 1::2] ** 2)
    return np.asarray(n)


def energy(H: Any, sigma: Any, mean: Any = None) -> FloatArray:
    """<R^T H R>/2 = Tr(H sigma)/2 + d^T H d/2 (zero-point energy included), shape (...)."""
    Hm = np.asarray(H, dtype=np.float64)
    s = np.asarray(sigma, dtype=np.float64)
    E = 0.5 * np.einsum("...ij,...ji->...", Hm, s)
    if mean is not None:
        d = np.asarray(mean, dtype=np.float64)
        E = E + 0.5 * np.einsum("...i,...ij,...j->...", d, Hm, d)
    return np.asarray(E)


def symplectic_eigenvalues(sigma: Any) -> FloatArray:
    """Symplectic eigenvalues nu_k >= 1/2 of a covariance matrix, ascending, shape (..., M).

    They are the positive eigenvalues of the Hermitian matrix sigma^{1/2} (i Omega) sigma^{1/2},
    similar to i Omega sigma (whose spectrum is +-nu_k).
    """
    s = np.asarray(sigma, dtype=np.float64)
    M = s.shape[-1] // 2
    w, V = np.linalg.eigh(s)
    root = np.einsum("...ij,...j,...kj->...ik", V, np.sqrt(np.clip(w, 0.0, None)), V)
    K = root @ (1j * symplectic_form(M)) @ root
    ev = np.linalg.eigvalsh(K)
    return np.asarray(ev[..., M:])


def _g(nu: FloatArray) -> FloatArray:
    """(nu + 1/2) ln(nu + 1/2) - (nu - 1/2) ln(nu - 1/2), with x ln x -> 0 at x = 0."""
    a = nu + 0.5
    b = np.clip(nu - 0.5, 0.0, None)
    with np.errstate(divide="ignore", invalid="ignore"):
        tb = np.where(b > 0, b * np.log(np.where(b > 0, b, 1.0)), 0.0)
    return np.asarray(a * np.log(a) - tb)


def entropy(sigma: Any) -> FloatArray:
    r"""Von Neumann entropy (nats) of a Gaussian state: S = sum_k g(nu_k).

    g(nu) = (nu + 1/2) ln(nu + 1/2) - (nu - 1/2) ln(nu - 1/2); a thermal mode with occupation
    n has nu = n + 1/2 and S = (n + 1) ln(n + 1) - n ln n.

    Args:
        sigma: covariance (..., 2M, 2M).

    Returns:
        (...) entropies.
    """
    return np.asarray(np.sum(_g(symplectic_eigenvalues(sigma)), axis=-1))


def mutual_information(sigma: Any, part_a: Any) -> FloatArray:
    """I(A:B) = S(A) + S(B) - S(AB) (nats) for the modes `part_a` versus all the others."""
    s = np.asarray(sigma, dtype=np.float64)
    M = s.shape[-1] // 2
    a = sorted({int(k) for k in np.atleast_1d(part_a)})
    b = [k for k in range(M) if k not in a]
    if not a or not b:
        raise ValueError(
            f"`part_a` must be a non-empty proper subset of the {M} modes; got {part_a!r}."
        )
    return np.asarray(entropy(modes_block(s, a)) + entropy(modes_block(s, b)) - entropy(s))


def williamson(M: Any) -> tuple[FloatArray, FloatArray]:
    r"""Williamson normal form of a real symmetric positive-definite matrix (2n, 2n).

    M = S^T D S with S symplectic (S Omega S^T = Omega) and D = diag(nu_1, nu_1, ..., nu_n, nu_n).
    For a Hamiltonian matrix, R' = S R are the normal-mode quadratures and nu_k the normal
    frequencies; for a covariance matrix nu_k are the symplectic eigenvalues.

    Returns:
        (nu (n,), S (2n, 2n)), nu ascending.
    """
    Mm = check_symmetric(M, "M")
    if Mm.ndim != 2:
        raise ValueError(f"`M` must be a single (2n, 2n) matrix; got shape {Mm.shape}.")
    w, V = np.linalg.eigh(Mm)
    if w[0] <= 0:
        raise ValueError(
            f"`M` must be positive definite; got smallest eigenvalue {w[0]:.3g}. "
            "A Hamiltonian without a ground state (unstable oscillator) has no normal modes."
        )
    root = (V * np.sqrt(w)) @ V.T
    n = Mm.shape[0] // 2
    K = root @ symplectic_form(n) @ root
    T, O = sla.schur(K, output="real")
    nus = np.empty(n)
    for k in range(n):
        t = T[2 * k, 2 * k + 1]
        if t < 0:
            O[:, [2 * k, 2 * k + 1]] = O[:, [2 * k + 1, 2 * k]]
            t = -t
        nus[k] = t
    order = np.argsort(nus, kind="stable")
    perm = np.ravel(np.column_stack([2 * order, 2 * order + 1]))
    O = O[:, perm]
    nus = nus[order]
    S = (np.repeat(nus, 2) ** -0.5)[:, None] * (O.T @ root)
    return nus, S


def thermal_state_of(H: Any, T: float) -> FloatArray:
    """Covariance of the Gibbs state of H = R^T H R/2 at temperature T (H positive definite).

    sigma_th = S^{-1} diag(n_k + 1/2) S^{-T}, with (omega_k, S) the Williamson form of H and
    n_k = 1/(exp(omega_k/T) - 1).
    """
    check_temperature(T)
    nus, S = williamson(H)
    Sinv = np.linalg.inv(S)
    n = bose_occupation(nus, T)
    return np.asarray(Sinv @ np.diag(np.repeat(n + 0.5, 2)) @ Sinv.T)


def relative_entropy_thermal(sigma: Any, H: Any, T: float) -> FloatArray:
    r"""D(rho || gamma_T) for a zero-mean Gaussian rho and the Gibbs state of H at T > 0.

    D = beta (E - E_th) - (S - S_th) (nats), E = Tr(H sigma)/2.
    """
    Tt = float(check_temperature(T))
    if Tt <= 0:
        raise ValueError(f"`T` must be > 0 for a relative entropy to a Gibbs state; got {T!r}.")
    s = np.asarray(sigma, dtype=np.float64)
    th = thermal_state_of(H, Tt)
    return np.asarray((energy(H, s) - energy(H, th)) / Tt - (entropy(s) - entropy(th)))
