r"""Passive states, ergotropy (incoherent and coherent parts), capacity and many-copy bounds.

A battery with Hamiltonian H = Σ_k ε_k |ε_k⟩⟨ε_k| (ε_1 ≤ ε_2 ≤ …) in the state
ρ = Σ_k r_k |r_k⟩⟨r_k| (r_1 ≥ r_2 ≥ …) has the passive state π_ρ = Σ_k r_k |ε_k⟩⟨ε_k| and the
ergotropy W(ρ) = Tr[ρH] − Tr[π_ρ H] ≥ 0: the most work a cyclic unitary can extract.

Sign convention (docs/conventions.md): ergotropy and capacity are energies stored in the
battery, non-negative, in the unit of H (ħ = 1).

References:
    A. E. Allahverdyan, R. Balian, Th. M. Nieuwenhuizen, EPL 67, 565 (2004),
    doi:10.1209/epl/i2004-10101-2 (ergotropy, passive states).
    R. Alicki, M. Fannes, PRE 87, 042123 (2013), doi:10.1103/PhysRevE.87.042123 (many copies).
    G. Francica et al., PRL 125, 180603 (2020), doi:10.1103/PhysRevLett.125.180603
    (incoherent and coherent ergotropy).
    X. Yang et al., PRL 131, 030402 (2023), doi:10.1103/PhysRevLett.131.030402 (capacity).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.optimize import brentq

from .._checks import ComplexArray, FloatArray, check_density_matrix, check_dims, check_hermitian
from .._config import get_options
from ..core.states import partial_trace

__all__ = [
    "AsymptoticErgotropy",
    "antipassive_state",
    "asymptotic_ergotropy",
    "capacity",
    "ergotropy",
    "ergotropy_coherent",
    "ergotropy_incoherent",
    "multi_copy_ergotropy",
    "passive_energy",
    "passive_state",
    "subsystem_ergotropy",
]

#: largest Hilbert-space dimension d**copies accepted by `multi_copy_ergotropy`.
MAX_COPY_DIMENSION = 4_000_000


def _state_and_hamiltonian(rho: Any, H: Any) -> tuple[ComplexArray, ComplexArray]:
    r = check_density_matrix(rho, "rho")
    h = check_hermitian(H, "H")
    check_dims(r, h.shape[-1], "rho", "H")
    return r, h


def _mean_energy(rho: ComplexArray, H: ComplexArray) -> FloatArray:
    return np.asarray(np.real(np.einsum("...ij,...ji->...", H, rho)), dtype=float)


def passive_energy(populations: Any, levels: Any, degeneracies: Any | None = None) -> FloatArray:
    r"""Energy Σ_k r_k^↓ ε_k^↑ of the passive state with eigenvalues `populations`.

    Args:
        populations: eigenvalues of the state, shape (..., n) (any order; padded with zeros
            when the Hilbert space is larger than n).
        levels: energy levels, shape (m,) (any order).
        degeneracies: optional multiplicity of each level, shape (m,) (float or int, may be
            astronomically large, e.g. binomial(N, k) for N two-level systems). The passive
            state fills the lowest levels, each as often as its multiplicity.

    Returns:
        (array of shape (...)): the passive energy, in the unit of `levels`.

    Raises:
        ValueError: if the levels (with multiplicities) are fewer than the populations.
    """
    p = -np.sort(-np.asarray(populations, dtype=float), axis=-1)
    lv = np.asarray(levels, dtype=float).ravel()
    order = np.argsort(lv, kind="stable")
    lv = lv[order]
    n = p.shape[-1]
    if degeneracies is None:
        deg = np.ones(lv.size)
    else:
        deg = np.asarray(degeneracies, dtype=float).ravel()[order]
        if deg.shape != lv.shape or np.any(deg < 0):
            raise ValueError(
                f"`degeneracies` must be {lv.size} non-negative multiplicities, one per level; "
                f"got {np.asarray(degeneracies).ravel()[:8]!r}."
            )
    before = np.concatenate([[0.0], np.cumsum(deg)[:-1]])
    take = np.clip(np.minimum(deg, n - before), 0, None).astype(np.int64)
    filled = np.repeat(lv, take)
    if filled.size < n:
        raise ValueError(
            f"`levels` must provide at least {n} states (one per population); got {filled.size}."
        )
    return np.asarray(p @ filled[:n], dtype=float)


def _passive_pairing(rho: ComplexArray, H: ComplexArray, *, anti: bool) -> ComplexArray:
    r_vals = np.linalg.eigvalsh(rho)[..., ::-1]  # descending
    _, V = np.linalg.eigh(H)  # ascending energies
    if anti:
        V = V[..., ::-1]
    return np.asarray((V * r_vals[..., None, :]) @ np.conj(np.swapaxes(V, -1, -2)))


def passive_state(rho: Any, H: Any) -> ComplexArray:
    r"""Passive state π_ρ = Σ_k r_k^↓ |ε_k^↑⟩⟨ε_k^↑| of `rho` with respect to `H`.

    Args:
        rho: density matrix, shape (..., d, d).
        H: Hamiltonian, shape (..., d, d).

    Returns:
        (array of shape (..., d, d)): the unitarily reachable state of least energy.
    """
    r, h = _state_and_hamiltonian(rho, H)
    return _passive_pairing(r, h, anti=False)


def antipassive_state(rho: Any, H: Any) -> ComplexArray:
    r"""Most energetic state Σ_k r_k^↓ |ε_k^↓⟩⟨ε_k^↓| of the unitary orbit of `rho`."""
    r, h = _state_and_hamiltonian(rho, H)
    return _passive_pairing(r, h, anti=True)


def _ergotropy(r: ComplexArray, h: ComplexArray) -> FloatArray:
    p = np.linalg.eigvalsh(r)[..., ::-1]
    e = np.linalg.eigvalsh(h)
    w = _mean_energy(r, h) - np.sum(p * e, axis=-1)
    # W >= 0 is a theorem; only round-off (|W| ~ 1e-16 ||H||) can make it negative.
    return np.asarray(np.maximum(w, 0.0), dtype=float)


def ergotropy(rho: Any, H: Any) -> FloatArray:
    r"""Maximum work extractable from `rho` by a cyclic unitary.

    W(ρ) = Tr[ρH] − Tr[π_ρ H] = Σ_{j,k} r_k ε_j (|⟨r_k|ε_j⟩|² − δ_jk) ≥ 0, zero exactly on
    passive states (round-off below zero is clipped to 0).

    Args:
        rho: density matrix, shape (..., d, d).
        H: Hamiltonian, shape (..., d, d) (ħ = 1).

    Returns:
        (array of shape (...)): ergotropy, in the unit of H; work done by the battery.

    References:
        Allahverdyan, Balian & Nieuwenhuizen, EPL 67, 565 (2004).

    Examples:
        >>> import numpy as np
        >>> float(ergotropy(np.diag([0.0, 1.0]), np.diag([0.0, 2.0])))
        2.0
    """
    r, h = _state_and_hamiltonian(rho, H)
    return _ergotropy(r, h)


def _dephase(rho: ComplexArray, H: ComplexArray) -> ComplexArray:
    """Δ(ρ) = Σ_P P ρ P over the eigenprojectors P of H (degenerate levels grouped)."""
    e, V = np.linalg.eigh(H)
    rw = np.conj(np.swapaxes(V, -1, -2)) @ rho @ V
    tol = get_options().degeneracy_tol * max(1.0, float(np.max(np.abs(e), initial=0.0)))
    same = np.abs(e[..., :, None] - e[..., None, :]) <= tol
    return np.asarray(V @ (rw * same) @ np.conj(np.swapaxes(V, -1, -2)))


def ergotropy_incoherent(rho: Any, H: Any) -> FloatArray:
    r"""Incoherent ergotropy W_i(ρ) = W(Δ[ρ]): work from populations alone.

    Δ removes the coherences between different energy levels (degenerate levels are grouped,
    so coherence inside a degenerate level is not counted as energetic coherence). W_i is the
    most work extractable by unitaries that leave the coherence unchanged.

    Args:
        rho: density matrix, shape (..., d, d).
        H: Hamiltonian, shape (..., d, d).

    Returns:
        (array of shape (...)): W_i, 0 ≤ W_i ≤ W.

    References:
        G. Francica et al., PRL 125, 180603 (2020), doi:10.1103/PhysRevLett.125.180603.
    """
    r, h = _state_and_hamiltonian(rho, H)
    return _ergotropy(_dephase(r, h), h)


def ergotropy_coherent(rho: Any, H: Any) -> FloatArray:
    r"""Coherent ergotropy W_c(ρ) = W(ρ) − W_i(ρ) ≥ 0 (Francica et al. 2020)."""
    r, h = _state_and_hamiltonian(rho, H)
    return np.asarray(np.maximum(_ergotropy(r, h) - _ergotropy(_dephase(r, h), h), 0.0))


def capacity(rho: Any, H: Any) -> FloatArray:
    r"""Battery capacity C(ρ) = Σ_k r_k^↓ (ε_k^↓ − ε_k^↑): energy span of the unitary orbit.

    The difference between the most and the least energetic states reachable from ρ by a
    unitary (Yang et al., PRL 131, 030402 (2023)); it depends only on the spectrum of ρ.

    Returns:
        (array of shape (...)): capacity ≥ ergotropy, in the unit of H.
    """
    r, h = _state_and_hamiltonian(rho, H)
    p = np.linalg.eigvalsh(r)[..., ::-1]
    e = np.linalg.eigvalsh(h)
    return np.asarray(np.sum(p * (e[..., ::-1] - e), axis=-1), dtype=float)


def subsystem_ergotropy(
    rho: Any, H_local: Any, dims: Sequence[int], keep: Sequence[int] | int
) -> FloatArray:
    r"""Ergotropy of the reduced state Tr_{not keep}[ρ] with respect to `H_local`.

    When charger and battery are correlated, the battery alone holds less ergotropy than
    its energy suggests (Andolina et al., PRL 122, 047702 (2019)).

    Args:
        rho: global density matrix, shape (..., D, D), D = prod(dims).
        H_local: Hamiltonian of the kept factors, shape (d_keep, d_keep).
        dims: local dimensions of the tensor factors.
        keep: the factors forming the battery.
    """
    r = check_density_matrix(rho, "rho")
    red = partial_trace(r, dims, keep)
    h = check_hermitian(H_local, "H_local")
    check_dims(h, red.shape[-1], "H_local", "the kept subsystem")
    return _ergotropy(red, h)


def _spectrum(rho: ComplexArray, H: ComplexArray) -> tuple[FloatArray, FloatArray]:
    p = np.asarray(np.clip(np.linalg.eigvalsh(rho), 0.0, None), dtype=float)
    e = np.asarray(np.linalg.eigvalsh(H), dtype=float)
    return p, e


def multi_copy_ergotropy(rho: Any, H: Any, copies: int) -> float:
    r"""Ergotropy of `copies` uncorrelated copies, W(ρ^{⊗n}), with global unitaries.

    W(ρ^{⊗n}) = n Tr[ρH] − Σ sort↓(r^{⊗n}) · sort↑(ε^{(n)}), with r^{⊗n} the products of the
    eigenvalues of ρ and ε^{(n)} the sums of n levels. W(ρ^{⊗n})/n is not monotonic in n
    but tends to the Alicki–Fannes bound (`asymptotic_ergotropy`).

    Args:
        rho: density matrix (d, d).
        H: single-copy Hamiltonian (d, d).
        copies: number of copies n ≥ 1 (d**n up to 4e6).

    Returns:
        The total ergotropy of the n copies (divide by n for the per-copy value).

    References:
        R. Alicki, M. Fannes, PRE 87, 042123 (2013).
    """
    r, h = _state_and_hamiltonian(rho, H)
    if r.ndim != 2:
        raise ValueError(f"`rho` must be a single (d, d) state; got shape {r.shape}.")
    if isinstance(copies, bool) or not isinstance(copies, int | np.integer) or copies < 1:
        raise ValueError(f"`copies` must be an integer >= 1; got {copies!r}.")
    d = r.shape[-1]
    if d**copies > MAX_COPY_DIMENSION:
        raise ValueError(
            f"`copies` must keep d**copies <= {MAX_COPY_DIMENSION}; got {d}**{copies}. "
            "Use `asymptotic_ergotropy` for the many-copy limit."
        )
    p, e = _spectrum(r, h)
    P = np.ones(1)
    E = np.zeros(1)
    for _ in range(int(copies)):
        P = np.multiply.outer(P, p).ravel()
        E = np.add.outer(E, e).ravel()
    total = int(copies) * float(_mean_energy(r, h))
    return max(total - float(np.sort(P)[::-1] @ np.sort(E)), 0.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class AsymptoticErgotropy:
    """The Alicki–Fannes many-copy limit of the ergotropy per copy.

    Attributes:
        value: Tr[ρH] − Tr[γ_{β*}H], the asymptotic ergotropy per copy.
        beta: β* of the Gibbs state γ_{β*} with the same von Neumann entropy as ρ
            (inf when ρ is pure-like: entropy at or below that of the ground level).
        entropy: S(ρ) in nats.
        energy: Tr[ρH].
    """

    value: float
    beta: float
    entropy: float
    energy: float


def asymptotic_ergotropy(rho: Any, H: Any) -> AsymptoticErgotropy:
    r"""Asymptotic ergotropy per copy, lim_n W(ρ^{⊗n})/n = Tr[ρH] − Tr[γ_{β*}H].

    γ_{β*} ∝ exp(−β* H) is the Gibbs state of equal entropy, S(γ_{β*}) = S(ρ), β* ≥ 0 (the
    completely passive state reachable with entangling unitaries on many copies). It bounds
    the ergotropy per copy from above for every n.

    Args:
        rho: density matrix (d, d).
        H: Hamiltonian (d, d).

    Returns:
        `AsymptoticErgotropy` (value in the unit of H).

    References:
        R. Alicki, M. Fannes, PRE 87, 042123 (2013), doi:10.1103/PhysRevE.87.042123.
    """
    r, h = _state_and_hamiltonian(rho, H)
    if r.ndim != 2:
        raise ValueError(f"`rho` must be a single (d, d) state; got shape {r.shape}.")
    p, e = _spectrum(r, h)
    nz = p[p > 0]
    S = float(-np.sum(nz * np.log(nz)))
    U = float(_mean_energy(r, h))
    x = e - e[0]

    def gibbs(beta: float) -> tuple[float, float]:
        w = np.exp(-beta * x)
        q = w / w.sum()
        qz = q[q > 0]
        return float(q @ e), float(-np.sum(qz * np.log(qz)))

    g0 = int(np.sum(x <= get_options().degeneracy_tol * max(1.0, float(np.max(np.abs(e))))))
    d = e.size
    if math.log(d) - 1e-14 <= S:
        beta, E_gibbs = 0.0, float(np.mean(e))
    elif math.log(g0) + 1e-14 >= S:
        beta, E_gibbs = math.inf, float(e[0])
    else:
        gap = float(np.min(x[x > 0]))
        hi = 1.0 / gap
        while gibbs(hi)[1] > S:
            hi *= 2.0
        beta = float(brentq(lambda b: gibbs(b)[1] - S, 0.0, hi, xtol=1e-15, rtol=1e-15))
        E_gibbs = gibbs(beta)[0]
    return AsymptoticErgotropy(value=max(U - E_gibbs, 0.0), beta=beta, entropy=S, energy=U)
