r"""Speed and power bounds for charging protocols.

* Robertson (uncertainty) bound on the instantaneous power: with H(t) = H_B + V and
  [H_B, H_rest] = 0, P_inst = dTr[ρH_B]/dt = −i⟨[H_B, V]⟩, hence
  |P_inst| ≤ 2 ΔH_B ΔV. Super-extensive power therefore needs ΔH_B growing faster than
  √N at fixed ΔV (the starting point of Julià-Farré et al. (2020), who sharpen it with a
  Fubini–Study speed bound; their sharpened form is not implemented here).
* Mandelstam–Tamm quantum speed limit: τ ≥ arccos|⟨ψ_0|ψ_τ⟩| / ΔH (ΔH in ψ_0, H time
  independent); for orthogonal states τ ≥ π/(2ΔH) (used by Binder et al. 2015 and Campaioli
  et al. 2017 to bound the charging time at fixed driving strength).

References:
    S. Julià-Farré et al., PRR 2, 023113 (2020), doi:10.1103/PhysRevResearch.2.023113.
    F. C. Binder et al., NJP 17, 075015 (2015), doi:10.1088/1367-2630/17/7/075015.
    L. Mandelstam, I. Tamm, J. Phys. USSR 9, 249 (1945).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .._checks import FloatArray, check_hermitian

__all__ = ["mandelstam_tamm_time", "power_uncertainty_bound"]


def _spread(psi: np.ndarray, A: Any) -> FloatArray:
    Ap = (A @ psi.T).T
    m1 = np.real(np.sum(np.conj(psi) * Ap, axis=-1))
    m2 = np.real(np.sum(np.conj(Ap) * Ap, axis=-1))
    return np.asarray(np.sqrt(np.clip(m2 - m1**2, 0.0, None)))


def power_uncertainty_bound(states: Any, H_B: Any, V: Any) -> FloatArray:
    r"""2 ΔH_B ΔV for pure states, an upper bound on |dTr[ρH_B]/dt| (Robertson).

    Args:
        states: state vectors, shape (..., d), normalised.
        H_B: battery Hamiltonian (d, d) (dense or scipy.sparse).
        V: charging term (d, d) (the part of H(t) that does not commute with H_B).

    Returns:
        (array of shape (...)): the bound, in energy per time (ħ = 1).
    """
    psi = np.asarray(states, dtype=np.complex128)
    return np.asarray(2.0 * _spread(psi, H_B) * _spread(psi, V))


def mandelstam_tamm_time(psi0: Any, psi_t: Any, H: Any) -> float:
    r"""Mandelstam–Tamm lower bound arccos|⟨ψ_0|ψ_t⟩| / ΔH on the time to go from ψ_0 to ψ_t."""
    h = check_hermitian(H, "H")
    p0 = np.asarray(psi0, dtype=np.complex128).ravel()
    pt = np.asarray(psi_t, dtype=np.complex128).ravel()
    dH = float(_spread(p0[None, :], h)[0])
    if dH == 0.0:
        return float("inf")
    ov = min(float(abs(np.vdot(p0, pt))), 1.0)
    return float(np.arccos(ov) / dH)
