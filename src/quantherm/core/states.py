"""States, Gibbs states, entropies and partial traces (k_B = 1, natural logarithms).

All functions accept batches of shape (..., d, d).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .._checks import (
    ComplexArray,
    FloatArray,
    check_density_matrix,
    check_hermitian,
    check_temperature,
)

__all__ = [
    "as_density_matrix",
    "bose_occupation",
    "entropy_relative",
    "entropy_vn",
    "fermi_occupation",
    "free_energy",
    "gibbs_state",
    "is_density_matrix",
    "mutual_information",
    "partial_trace",
    "purity",
]


def as_density_matrix(rho: Any, name: str = "rho") -> ComplexArray:
    """Validate and return a density matrix (Hermitian, PSD, unit trace) as complex128."""
    return check_density_matrix(rho, name)


def is_density_matrix(rho: Any, *, atol: float = 1e-8) -> bool:
    """True if `rho` is Hermitian, PSD and of unit trace within `atol`."""
    try:
        check_density_matrix(rho, "rho", atol=atol)
    except (ValueError, TypeError):
        return False
    return True


def bose_occupation(omega: Any, T: Any) -> FloatArray:
    """n(omega, T) = 1 / (exp(omega/T) - 1); zero at T = 0 for omega > 0."""
    w = np.asarray(omega, dtype=np.float64)
    t = np.asarray(T, dtype=np.float64)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        x = np.where(t > 0, w / np.where(t > 0, t, 1.0), np.inf * np.sign(w))
        n = 1.0 / np.expm1(x)
    return np.asarray(n, dtype=np.float64)


def fermi_occupation(omega: Any, T: Any, mu: Any = 0.0) -> FloatArray:
    """f(omega, T, mu) = 1 / (exp((omega - mu)/T) + 1); a step function at T = 0."""
    w = np.asarray(omega, dtype=np.float64) - np.asarray(mu, dtype=np.float64)
    t = np.asarray(T, dtype=np.float64)
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        x = np.where(t > 0, w / np.where(t > 0, t, 1.0), np.inf * np.sign(w))
        f = 0.5 * (1.0 - np.tanh(0.5 * x))
    return np.asarray(f, dtype=np.float64)


def gibbs_state(H: Any, T: Any) -> ComplexArray:
    """Gibbs state exp(-H/T) / Z, batched over H and T; the ground-state projector at T = 0.

    Args:
        H: Hamiltonian(s), shape (..., d, d).
        T: temperature(s) >= 0, broadcastable to H's batch shape.
    """
    Hm = check_hermitian(H, "H")
    Tm = check_temperature(T)
    e, V = np.linalg.eigh(Hm)
    e0 = e[..., :1]
    Tb = Tm[..., None]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        x = np.where(Tb > 0, -(e - e0) / np.where(Tb > 0, Tb, 1.0), 0.0)
        w = np.where(Tb > 0, np.exp(x), (np.abs(e - e0) < 1e-12).astype(float))
    w = w / np.sum(w, axis=-1, keepdims=True)
    return np.asarray((V * w[..., None, :]) @ np.conj(np.swapaxes(V, -1, -2)))


def _xlogx_eigs(rho: ComplexArray) -> FloatArray:
    p = np.linalg.eigvalsh(rho)
    p = np.clip(p, 0.0, None)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(p > 0, -p * np.log(np.where(p > 0, p, 1.0)), 0.0)
    return np.asarray(np.sum(terms, axis=-1), dtype=np.float64)


def entropy_vn(rho: Any) -> FloatArray:
    """Von Neumann entropy S(rho) = -Tr[rho ln rho] (nats), batched."""
    return _xlogx_eigs(np.asarray(rho, dtype=np.complex128))


def purity(rho: Any) -> FloatArray:
    """Tr[rho^2]."""
    r = np.asarray(rho, dtype=np.complex128)
    return np.asarray(np.real(np.einsum("...ij,...ji->...", r, r)))


def entropy_relative(rho: Any, sigma: Any) -> FloatArray:
    """Relative entropy S(rho||sigma) = Tr[rho (ln rho - ln sigma)] >= 0 (nats).

    Returns inf when supp(rho) is not contained in supp(sigma).
    """
    r = np.asarray(rho, dtype=np.complex128)
    s = np.asarray(sigma, dtype=np.complex128)
    pr, Vr = np.linalg.eigh(r)
    ps, Vs = np.linalg.eigh(s)
    pr = np.clip(pr, 0.0, None)
    ps = np.clip(ps, 0.0, None)
    # overlaps |<r_i|s_j>|^2
    ov = np.abs(np.conj(np.swapaxes(Vr, -1, -2)) @ Vs) ** 2
    with np.errstate(divide="ignore", invalid="ignore"):
        lr = np.where(pr > 0, np.log(np.where(pr > 0, pr, 1.0)), 0.0)
        ls = np.where(ps > 1e-300, np.log(np.where(ps > 1e-300, ps, 1.0)), -np.inf)
        cross_terms = pr[..., :, None] * ov * ls[..., None, :]
        support_violation = (pr[..., :, None] > 1e-14) & (ov > 1e-14) & (ps[..., None, :] <= 1e-300)
        cross = np.sum(np.where(ov * pr[..., :, None] > 0, cross_terms, 0.0), axis=(-2, -1))
    val = np.sum(pr * lr, axis=-1) - cross
    val = np.where(np.any(support_violation, axis=(-2, -1)), np.inf, val)
    return np.asarray(np.maximum(val, 0.0) if np.ndim(val) else max(float(val), 0.0))


def free_energy(rho: Any, H: Any, T: float) -> FloatArray:
    """Non-equilibrium free energy F(rho) = Tr[rho H] - T S(rho)."""
    r = check_density_matrix(rho, "rho")
    Hm = check_hermitian(H, "H")
    if Hm.shape[-1] != r.shape[-1]:
        raise ValueError(
            f"`H` must have the dimension of `rho` ({r.shape[-1]}); got {Hm.shape[-1]}."
        )
    check_temperature(T)
    E = np.real(np.einsum("...ij,...ji->...", Hm, r))
    return np.asarray(E - T * entropy_vn(r))


def partial_trace(rho: Any, dims: Sequence[int], keep: Sequence[int] | int) -> ComplexArray:
    """Reduced state on the factors `keep` of a tensor product with local dimensions `dims`.

    Batched over leading axes; `keep` is sorted (the output factor order follows `dims`).
    """
    r = np.asarray(rho, dtype=np.complex128)
    dims = [int(d) for d in dims]
    D = int(np.prod(dims))
    if r.shape[-1] != D:
        raise ValueError(
            f"`rho` must have dimension prod(dims) = {D}; got {r.shape[-1]}. Check `dims`."
        )
    keep_list = sorted([keep] if isinstance(keep, int) else list(keep))
    n = len(dims)
    for k in keep_list:
        if not 0 <= k < n:
            raise ValueError(f"`keep` must index factors in [0, {n}); got {k}.")
    batch = r.shape[:-2]
    nb = len(batch)
    t = r.reshape(*batch, *dims, *dims)
    letters = "abcdefghijklmnopqrstuvwxyz"
    row = list(letters[:n])
    col = list(letters[n : 2 * n])
    for i in range(n):
        if i not in keep_list:
            col[i] = row[i]
    out = [row[i] for i in keep_list] + [col[i] for i in keep_list]
    b = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[:nb]
    expr = f"{b}{''.join(row)}{''.join(col)}->{b}{''.join(out)}"
    red = np.einsum(expr, t)
    dk = int(np.prod([dims[i] for i in keep_list])) if keep_list else 1
    return np.asarray(red.reshape(*batch, dk, dk))


def mutual_information(rho: Any, dims: Sequence[int], part_a: Sequence[int]) -> FloatArray:
    """I(A:B) = S(A) + S(B) - S(AB) for a bipartition (A = factors `part_a`, B = the rest)."""
    a = sorted(part_a)
    b = [i for i in range(len(dims)) if i not in a]
    return np.asarray(
        entropy_vn(partial_trace(rho, dims, a))
        + entropy_vn(partial_trace(rho, dims, b))
        - entropy_vn(rho)
    )
