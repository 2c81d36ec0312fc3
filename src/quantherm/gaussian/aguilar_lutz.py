r"""The exact efficiency decomposition of Aguilar & Lutz for correlated cyclic engines.

M. Aguilar, E. Lutz, "Correlated quantum machines beyond the standard second law",
Sci. Adv. 11, eadw8462 (2025), DOI 10.1126/sciadv.adw8462, arXiv:2409.07899; supplementary
Eqs. (S15)-(S19). Units k_B = 1. With Q_j the heat INTO reservoir j (at T_j) and W the work
done ON the system over one cycle (the paper's and DESIGN.md's conventions), the generalized
first law W = sum_j Q_j + Delta U and second law sum_i Delta S(rho_i) + sum_j Q_j/T_j =
Delta Sigma combine into (Eq. S18)

    W = sum_j eta_j Q_j + T_min Delta sigma,   eta_j = 1 - T_min / T_j,
    T_min Delta sigma = T_min Delta Sigma + sum_i Delta F_i,   F_i = U_i - T_min S(rho_i),

and the efficiency of extracting -W from the heat input Q_in (Eqs. S15, S19)

    eta = gamma (eta_th - T_min Delta sigma / Q_in),
    eta_th = -sum_j eta_j Q_j / Q_in,   gamma = [1 + Delta U_in / Q_in]^{-1}.

Delta sigma < 0 means the cycle consumes an entropic resource (correlations, athermality):
the "athermal" regime, where eta is not bounded by eta_th (the Carnot value for two baths).
These identities are exact whenever the two laws hold; they hold for any number of system
parts i and reservoirs j.

Source note: the paper's body and supplement were not retrievable here; the supplementary
equations were read from a third-party Markdown transcription (github
stephen-mcelhose/quantum-go, docs/sciadv.adw8462_sm.md). They are consistent with the
abstract's formula and with the card's independent two-bath derivation (gamma = 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .._checks import FloatArray, check_positive

__all__ = ["EfficiencyDecomposition", "aguilar_lutz_efficiency"]


@dataclass(frozen=True, slots=True, kw_only=True)
class EfficiencyDecomposition:
    """The terms of Eqs. (S15)-(S19), broadcast over cycles.

    Attributes:
        T_min: lowest reservoir temperature.
        eta_j: (n_baths,) 1 - T_min/T_j.
        eta_th: thermal efficiency -sum_j eta_j Q_j / Q_in.
        gamma: [1 + Delta U_in/Q_in]^{-1}.
        entropic_term: T_min Delta sigma = T_min Delta Sigma + sum_i Delta F_i
            (negative: an entropic resource is consumed, athermal operation).
        efficiency: gamma (eta_th - T_min Delta sigma / Q_in) (Eq. S19).
        work_residual: W - [sum_j eta_j Q_j + T_min Delta sigma] (Eq. S18; 0 when both laws hold).
    """

    T_min: float
    eta_j: FloatArray
    eta_th: FloatArray
    gamma: FloatArray
    entropic_term: FloatArray
    efficiency: FloatArray
    work_residual: FloatArray

    @property
    def athermal(self) -> FloatArray:
        """True where the cycle runs on an entropic resource (T_min Delta sigma < 0)."""
        return np.asarray(self.entropic_term < 0)


def aguilar_lutz_efficiency(
    *,
    work: Any,
    heats: Any,
    temperatures: Any,
    delta_sigma: Any,
    delta_energies: Any,
    delta_entropies: Any,
    heat_in: Any,
    delta_energy_in: Any = 0.0,
) -> EfficiencyDecomposition:
    r"""Evaluate the Aguilar-Lutz efficiency decomposition, Eqs. (S15)-(S19).

    Args:
        work: W done ON the system per cycle (..., ); an engine has W < 0.
        heats: Q_j INTO each reservoir, shape (..., n_baths).
        temperatures: reservoir temperatures T_j (> 0), shape (n_baths,).
        delta_sigma: Delta Sigma per cycle (correlations + reservoir athermality), shape (...,).
        delta_energies: Delta U_i of each system part (including its interaction energy),
            shape (..., n_parts).
        delta_entropies: Delta S(rho_i) of each system part, shape (..., n_parts).
        heat_in: the heat input Q_in the efficiency refers to (two baths: -Q_h), shape (...,).
        delta_energy_in: Delta U_in entering gamma (0 gives gamma = 1, eta = -W/Q_in).

    Returns:
        An `EfficiencyDecomposition`; `efficiency` equals -W/(Q_in + Delta U_in) exactly when
        the generalized first and second laws hold (`work_residual` measures how well).

    Raises:
        ValueError: non-positive temperatures, or shapes that do not match.

    Reference:
        M. Aguilar, E. Lutz, Sci. Adv. 11, eadw8462 (2025), DOI 10.1126/sciadv.adw8462.
    """
    T = np.atleast_1d(np.asarray(check_positive(temperatures, "temperatures"), dtype=np.float64))
    if T.ndim != 1:
        raise ValueError(f"`temperatures` must be one-dimensional; got shape {T.shape}.")
    Q = np.asarray(heats, dtype=np.float64)
    if Q.shape[-1:] != T.shape:
        raise ValueError(
            f"`heats` must have a last axis of length {T.size} (one per temperature); "
            f"got shape {Q.shape}."
        )
    dU = np.asarray(delta_energies, dtype=np.float64)
    dS = np.asarray(delta_entropies, dtype=np.float64)
    if dU.shape != dS.shape:
        raise ValueError(
            f"`delta_energies` and `delta_entropies` must have the same shape (one entry per "
            f"system part); got {dU.shape} and {dS.shape}."
        )
    W = np.asarray(work, dtype=np.float64)
    q_in = np.asarray(heat_in, dtype=np.float64)
    T_min = float(T.min())
    eta_j = 1.0 - T_min / T
    free = np.sum(dU - T_min * dS, axis=-1)
    entropic = T_min * np.asarray(delta_sigma, dtype=np.float64) + free
    thermal_work = np.sum(eta_j * Q, axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        eta_th = -thermal_work / q_in
        gamma = 1.0 / (1.0 + np.asarray(delta_energy_in, dtype=np.float64) / q_in)
        eff = gamma * (eta_th - entropic / q_in)
    return EfficiencyDecomposition(
        T_min=T_min,
        eta_j=np.asarray(eta_j),
        eta_th=np.asarray(eta_th),
        gamma=np.asarray(gamma),
        entropic_term=np.asarray(entropic),
        efficiency=np.asarray(eff),
        work_residual=np.asarray(W - thermal_work - entropic),
    )
