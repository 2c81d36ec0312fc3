"""Exact dynamics of the exchange model by excitation-number sector decomposition.

The initial state ``|s><s| (x) rho_ph`` with ``s`` = up or down and ``rho_ph`` a thermal
state (or a Fock configuration) is a mixture of Fock configurations ``|s, n>`` with weights
``w_n = prod_m nbar_m^{n_m} / (1 + nbar_m)^{n_m + 1}``; each lies in one K sector, so

    P_up(t) = sum_K tr[P_up U_K(t) rho_K U_K(t)^dag].

Sectors are included up to the smallest ``K_max`` whose neglected thermal weight is below
``thermal_tol`` (the neglected weight bounds the error of ``P_up`` and of its averages).

Per sector (dense path): with ``H_K = V diag(E) V^dag``, ``rho~ = V^dag rho_K V`` and
``P~ = V^dag P_up V``,

* ``P_up(t) = sum_ab rho~_ab P~_ba exp(-i (E_a - E_b) t)``;
* infinite-time (diagonal-ensemble) average: the sum over pairs in the same degenerate
  block (energies within ``degeneracy_tol``);
* temporal variance: ``sum_{E_a != E_b} |rho~_ab P~_ba|^2`` (Reimann 2008; exact when the
  energy gaps are non-degenerate), summed over sectors;
* effective dimension ``d_eff = 1 / tr(rho_DE^2)`` with ``rho_DE`` the block-dephased state
  (the dark state ``|down, 0...0>`` of K = 0 included);
* microcanonical predictions: ``micro_flat`` = fraction of spin-up states in each sector,
  weighted by P(K); ``micro_window`` = mean ``<a|P_up|a>`` over eigenstates within
  ``+- sigma_n`` of each initial configuration's energy, ``sigma_n^2 = <n|H^2|n> - <n|H|n>^2``
  (``= sum_m g_m^2 n_m`` for the spin down), weighted by ``w_n``.

Sectors larger than ``max_dense_dim`` are propagated instead (dynamical typicality):
random-sign vectors ``sum_n sqrt(w_n) s_n |s, n>`` reproduce the mixture on average, with a
statistical error ~ (weight of the sector) / sqrt(D_K * n_samples), and are evolved for all
times at once by one Lanczos run per sector (converged when the last Krylov coefficients
vanish). Infinite-time quantities are then NaN.

References:
    P. Reimann, Phys. Rev. Lett. 101, 190403 (2008); Linden, Popescu, Short & Winter,
    Phys. Rev. E 79, 061103 (2009) (equilibration, effective dimension).
    Bartsch & Gemmer, Phys. Rev. Lett. 102, 110403 (2009) (dynamical typicality).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from scipy.linalg import eigh_tridiagonal

from .._checks import check_choice, check_positive
from ..errors import ConvergenceError
from .models import ExchangeModel
from .sectors import Sector, build_sector, sector_dimension

__all__ = ["ExchangeResult", "solve_exchange", "thermal_sector_weights"]

FloatArray = npt.NDArray[np.float64]
ComplexArray = npt.NDArray[np.complex128]


@dataclass(frozen=True, slots=True, kw_only=True)
class ExchangeResult:
    """Spin population of the exchange model, exact by sectors.

    Attributes:
        times: (T,) times.
        p_up: (T,) ``P_up(t) = <(1 + sigma_z) / 2>``.
        p_up_mean: infinite-time average (NaN if any sector was sampled).
        p_up_std: temporal standard deviation about it (NaN if sampled).
        d_eff: effective dimension of the diagonal ensemble (NaN if sampled).
        micro_flat: flat microcanonical prediction (every state of a sector counts equally).
        micro_window: energy-window microcanonical prediction (NaN if sampled).
        sector_weights: (K_max + 1,) weight of each sector in the initial state.
        sector_dims: (K_max + 1,) sector dimensions.
        neglected_weight: initial-state weight beyond ``K_max`` (bounds the truncation error).
        sampled_sectors: K values propagated by typicality (empty when all exact).
        sampling_error: estimated standard error of ``p_up`` from sampled sectors (0 if none).
    """

    times: FloatArray
    p_up: FloatArray
    p_up_mean: float
    p_up_std: float
    d_eff: float
    micro_flat: float
    micro_window: float
    sector_weights: FloatArray
    sector_dims: npt.NDArray[np.int64]
    neglected_weight: float
    sampled_sectors: tuple[int, ...] = ()
    sampling_error: float = 0.0

    @property
    def exact(self) -> bool:
        """True when every sector was diagonalised (no sampling)."""
        return not self.sampled_sectors


def _mode_pmfs(n_bar: FloatArray, length: int) -> FloatArray:
    """Thermal occupation distributions p_m(n), n < length, shape (N, length)."""
    n = np.arange(length, dtype=np.float64)
    q = n_bar / (1.0 + n_bar)
    with np.errstate(divide="ignore", invalid="ignore"):
        logp = n[None, :] * np.log(q)[:, None] - np.log1p(n_bar)[:, None]
    out = np.exp(logp)
    out[n_bar == 0.0] = 0.0
    out[n_bar == 0.0, 0] = 1.0
    return np.asarray(out, dtype=np.float64)


def thermal_sector_weights(n_bar: Sequence[float] | FloatArray, thermal_tol: float) -> FloatArray:
    """P(K) of the total phonon number of independent thermal modes, up to K_max.

    ``K_max`` is the smallest K with ``1 - sum_{k <= K} P(k) < thermal_tol``. For equal
    ``nbar`` this is the negative binomial ``C(K+N-1, N-1) q^K (1 - q)^N``, ``q = nbar/(1+nbar)``.
    """
    nb = np.asarray(n_bar, dtype=np.float64)
    length = 64
    while True:
        pmfs = _mode_pmfs(nb, length)
        total = pmfs[0]
        for row in pmfs[1:]:
            total = np.convolve(total, row)[:length]
        cum = np.cumsum(total)
        hit = np.nonzero(1.0 - cum < thermal_tol)[0]
        if hit.size:
            return np.asarray(total[: hit[0] + 1], dtype=np.float64)
        length *= 2


def solve_exchange(
    model: ExchangeModel,
    times: Sequence[float] | FloatArray,
    *,
    spin: Literal["up", "down"] = "down",
    n_bar: float | Sequence[float] | None = None,
    fock: Sequence[int] | None = None,
    thermal_tol: float = 1e-6,
    max_dense_dim: int = 2500,
    max_sector_dim: int = 2_000_000,
    n_samples: int = 4,
    rng: np.random.Generator | int | None = 0,
    degeneracy_tol: float = 1e-9,
) -> ExchangeResult:
    """P_up(t) and its equilibrium statistics for the exchange model, exact by sectors.

    Args:
        model: the exchange model.
        times: (T,) times (units of 1 / the model's energy unit).
        spin: initial spin state, "down" (absorbs phonons) or "up".
        n_bar: thermal mean occupation, one number or one per mode. Exclusive with `fock`.
        fock: a Fock configuration (one occupation per mode).
        thermal_tol: largest allowed neglected thermal weight (error bound on ``P_up``).
        max_dense_dim: sectors up to this dimension are diagonalised; larger ones are
            propagated by typicality (random-sign vectors + Lanczos).
        max_sector_dim: refuse sectors larger than this (memory guard).
        n_samples: random vectors per sampled sector.
        rng: seed or generator of the random signs (sampled sectors only).
        degeneracy_tol: energies closer than this form one degenerate block.

    Returns:
        ExchangeResult.

    Raises:
        ValueError: bad input; or a thermal weight ``1 - thermal_tol`` that needs sectors
            larger than ``max_sector_dim`` (the truncation cannot hold it).
    """
    t = _check_times(times)
    check_choice(spin, "spin", ("up", "down"))
    tol = float(check_positive(thermal_tol, "thermal_tol"))
    if int(n_samples) < 1:
        raise ValueError(f"`n_samples` must be >= 1; got {n_samples}.")
    n = model.n_modes
    if (n_bar is None) == (fock is None):
        raise ValueError(
            "exactly one of `n_bar` (thermal phonons) and `fock` (a Fock configuration) "
            "must be given; got " + ("neither." if n_bar is None else "both.")
        )
    shift = 1 if spin == "up" else 0
    if fock is not None:
        occ0 = np.asarray(fock)
        if occ0.shape != (n,) or np.any(occ0 < 0) or not np.all(occ0 == np.round(occ0)):
            raise ValueError(
                f"`fock` must be {n} non-negative integers (one per mode); got {fock!r}."
            )
        k0 = int(occ0.sum())
        pk = np.zeros(k0 + 1)
        pk[k0] = 1.0
        nb = None
    else:
        nb = np.broadcast_to(
            np.asarray(check_positive(n_bar, "n_bar", allow_zero=True), float), (n,)
        )
        pk = thermal_sector_weights(nb, tol)
    k_max = pk.size - 1 + shift
    dims = np.array([sector_dimension(k, n) for k in range(k_max + 1)], dtype=np.int64)
    if dims[-1] > max_sector_dim:
        raise ValueError(
            f"`thermal_tol` = {tol:g} needs excitation sectors up to K = {k_max} of dimension "
            f"{dims[-1]} > max_sector_dim = {max_sector_dim}: the truncation cannot hold the "
            "thermal weight requested. Raise `thermal_tol`, lower `n_bar`, use fewer modes, "
            "or raise `max_sector_dim`."
        )
    generator = np.random.default_rng(rng)
    p_up = np.zeros(t.size)
    mean = var = purity = micro_w = micro_f = 0.0
    sampled: list[int] = []
    sampling_var = np.zeros(t.size)
    weights = np.zeros(k_max + 1)
    for k in range(shift, k_max + 1):
        sector = build_sector(model, k)
        init_idx, w = _initial_configs(sector, spin, nb, fock)
        if w.sum() <= 0.0:
            continue
        weights[k] = w.sum()
        micro_f += weights[k] * float(np.mean(sector.spin_up))
        if sector.dim <= max_dense_dim:
            stats = _dense_sector(sector, init_idx, w, t, degeneracy_tol)
            p_up += stats[0]
            mean += stats[1]
            var += stats[2]
            purity += stats[3]
            micro_w += stats[4]
        else:
            sampled.append(k)
            signal, err = _typical_sector(sector, init_idx, w, t, n_samples, generator)
            p_up += signal
            sampling_var += err**2
    nan = float("nan")
    return ExchangeResult(
        times=t,
        p_up=p_up,
        p_up_mean=nan if sampled else mean,
        p_up_std=nan if sampled else float(np.sqrt(max(var, 0.0))),
        d_eff=nan if sampled else 1.0 / purity,
        micro_flat=micro_f,
        micro_window=nan if sampled else micro_w,
        sector_weights=weights,
        sector_dims=dims,
        neglected_weight=float(max(0.0, 1.0 - weights.sum())),
        sampled_sectors=tuple(sampled),
        sampling_error=float(np.sqrt(np.max(sampling_var))) if sampled else 0.0,
    )


def _check_times(times: Sequence[float] | FloatArray) -> FloatArray:
    try:
        t = np.atleast_1d(np.asarray(times, dtype=np.float64))
    except (TypeError, ValueError) as exc:
        raise TypeError(f"`times` must be a sequence of real numbers; got {times!r}.") from exc
    if t.ndim != 1 or t.size == 0 or not np.all(np.isfinite(t)):
        raise ValueError(
            f"`times` must be a non-empty 1-D array of finite numbers; got shape {t.shape}."
        )
    return t


def _initial_configs(
    sector: Sector,
    spin: str,
    n_bar: FloatArray | None,
    fock: Sequence[int] | None,
) -> tuple[npt.NDArray[np.int64], FloatArray]:
    """Basis indices of the initial Fock configurations in `sector` and their weights."""
    mask = sector.spin_up if spin == "up" else ~sector.spin_up
    idx = np.nonzero(mask)[0]
    occ = sector.occupations[idx]
    if fock is not None:
        hit = np.all(occ == np.asarray(fock)[None, :], axis=1)
        return idx[hit], np.ones(int(hit.sum()))
    assert n_bar is not None
    pmfs = _mode_pmfs(n_bar, int(occ.max(initial=0)) + 1)
    w = np.prod(pmfs[np.arange(occ.shape[1])[None, :], occ], axis=1)
    keep = w > 0
    return idx[keep], w[keep]


def _dense_sector(
    sector: Sector,
    init_idx: npt.NDArray[np.int64],
    w: FloatArray,
    t: FloatArray,
    degeneracy_tol: float,
) -> tuple[FloatArray, float, float, float, float]:
    """(signal, mean, variance, tr rho_DE^2, micro_window) contributions of one sector."""
    h = sector.hamiltonian.toarray()
    energies, vecs = np.linalg.eigh(h)
    vj = vecs[init_idx]  # (J, D)
    rho = (vj.T * w) @ vj  # V^dag rho V (real symmetric: H is real)
    vu = vecs[sector.spin_up]
    obs = vu.T @ vu
    z = rho * obs  # real symmetric: P(t) = sum_ab z_ab cos((E_a - E_b) t)
    signal = np.zeros(t.size)
    for chunk in np.array_split(np.arange(t.size), max(1, t.size * energies.size // 2_000_000)):
        arg = np.outer(t[chunk], energies)
        for trig in (np.cos(arg), np.sin(arg)):
            signal[chunk] += np.einsum("tb,tb->t", trig @ z, trig)
    scale = max(1.0, float(np.max(np.abs(energies))))
    cuts = np.nonzero(np.diff(energies) > degeneracy_tol * scale)[0] + 1
    bounds = np.concatenate([[0], cuts, [energies.size]])
    same_z = same_z2 = pur = 0.0
    for a, b in itertools.pairwise(bounds):
        block = z[a:b, a:b]
        same_z += float(np.sum(block))
        same_z2 += float(np.sum(block**2))
        pur += float(np.sum(rho[a:b, a:b] ** 2))
    var = float(np.sum(z**2)) - same_z2
    # energy window of each initial configuration
    e_n = h[init_idx, init_idx]
    sig = np.sqrt(np.maximum(np.sum(h[init_idx] ** 2, axis=1) - e_n**2, 0.0))
    eps = degeneracy_tol * scale
    lo = np.searchsorted(energies, e_n - sig - eps, side="left")
    hi = np.searchsorted(energies, e_n + sig + eps, side="right")
    cum = np.concatenate([[0.0], np.cumsum(np.diag(obs))])
    micro = float(np.sum(w * (cum[hi] - cum[lo]) / np.maximum(hi - lo, 1)))
    return signal, same_z, var, pur, micro


def _typical_sector(
    sector: Sector,
    init_idx: npt.NDArray[np.int64],
    w: FloatArray,
    t: FloatArray,
    n_samples: int,
    rng: np.random.Generator,
) -> tuple[FloatArray, FloatArray]:
    """Typicality estimate of one sector's signal and its standard error.

    Each sample draws real random signs ``s_n = +-1`` and propagates
    ``phi = sum_n sqrt(w_n) s_n |n>`` (``E[phi phi^T] = rho``, so the mean
    of ``||P_up exp(-iHt) phi||^2`` is the exact mixture signal).
    """
    per_sample = np.zeros((t.size, n_samples))
    for s in range(n_samples):
        phi = np.zeros(sector.dim)
        phi[init_idx] = np.sqrt(w) * rng.choice((-1.0, 1.0), size=init_idx.size)
        per_sample[:, s] = _lanczos_population(sector.hamiltonian, phi, sector.spin_up, t)
    if n_samples > 1:
        err = np.std(per_sample, axis=1, ddof=1) / np.sqrt(n_samples)
    else:
        err = np.zeros(t.size)
    return np.mean(per_sample, axis=1), err


def _lanczos_population(
    h: sp.csr_matrix,
    phi: FloatArray,
    mask: npt.NDArray[np.bool_],
    t: FloatArray,
    *,
    tol: float = 1e-10,
    check_every: int = 25,
    max_iter: int = 20_000,
) -> FloatArray:
    """``||P exp(-i h t) phi||^2`` for all t from one Lanczos run (h real symmetric).

    With Lanczos vectors ``V`` and tridiagonal ``T = Q diag(theta) Q^T``,
    ``exp(-i h t) phi ~ V c(t)``, ``c(t) = ||phi|| Q exp(-i theta t) Q^T e_1``, so the
    population is ``c^dag G c`` with ``G = (P V)^T (P V)``. Iterations stop when the last
    Krylov coefficients ``|c_m(t)|`` fall below `tol` at every requested time. No
    reorthogonalisation: the Krylov approximation stays accurate after the loss of
    orthogonality (the iteration may exceed the dimension; Druskin & Knizhnerman 1991).
    """
    norm0 = float(np.linalg.norm(phi))
    if norm0 == 0.0:
        return np.zeros(t.size)
    q_prev = np.zeros_like(phi)
    q = phi / norm0
    alphas: list[float] = []
    betas: list[float] = []
    stored: list[FloatArray] = []
    beta = tail = 0.0
    while True:
        stored.append(q[mask].copy())
        wv = h @ q - beta * q_prev
        alpha = float(q @ wv)
        wv -= alpha * q
        alphas.append(alpha)
        beta = float(np.linalg.norm(wv))
        m = len(alphas)
        done = beta <= 1e-12 * max(1.0, abs(alpha))
        if m > max_iter:
            raise ConvergenceError(
                f"Lanczos propagation did not converge in {max_iter} iterations (last Krylov "
                f"coefficient {tail:.3g} > {tol:g}); use shorter times or a dense sector."
            )
        if done or (m % check_every == 0 and m >= 2 * check_every):
            last = _krylov_coefficients(np.array(alphas), np.array(betas), t, rows=2)
            tail = norm0 * float(np.max(np.abs(last)))
            if done or tail < tol:
                break
        betas.append(beta)
        q_prev, q = q, wv / beta
    coeffs = norm0 * _krylov_coefficients(np.array(alphas), np.array(betas), t)
    basis = np.array(stored)  # (m, D_up)
    gram = basis @ basis.T
    re, im = coeffs.real, coeffs.imag
    return np.asarray(np.sum(re * (gram @ re) + im * (gram @ im), axis=0), dtype=np.float64)


def _krylov_coefficients(
    alphas: FloatArray, betas: FloatArray, t: FloatArray, *, rows: int | None = None
) -> ComplexArray:
    """``Q exp(-i theta t) Q^T e_1`` for the Lanczos tridiagonal, shape (m, T), or only
    its last `rows` rows."""
    theta, q = eigh_tridiagonal(alphas, betas[: alphas.size - 1])
    left = q if rows is None else q[-rows:]
    return np.asarray(left @ (q[0][:, None] * np.exp(-1j * np.outer(theta, t))), np.complex128)
