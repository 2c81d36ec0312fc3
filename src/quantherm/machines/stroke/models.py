r"""Two reference instances of the Uzdin-Levy-Kosloff engine class, with closed forms.

Model B — two-qubit swap engine (an instance of R1's class defined on the nv-engine card):
hot qubit (gap ω_h) and cold qubit (gap ω_c), H0 = ω_h n_h + ω_c n_c; local Lindblad baths
γ_k(1 - p_k) D[σ_k^-] + γ_k p_k D[σ_k^+], p_k = 1/(1 + e^{ω_k/T_k}); work field (rotating
frame) H_w = ε(|1_h 0_c><0_h 1_c| + h.c.). Tight coupling: η = 1 - ω_c/ω_h.

Model A — NV-centre engine of Klatzow et al. reduced to an effective qubit: H0 = (ω/2)σ_z
with |u> = |0> (m_s = 0, the optically pumped *upper* level) and |l> = |1>; MW work stroke
U = exp(-i θ σ_x/2); laser stroke with repolarisation action k_1 = γ_1 τ_L towards z_eq and
coherence decay k_2 = γ_2 τ_L, as the Lindbladian
γ_1(1+z_eq)/2 D[|u><l|] + γ_1(1-z_eq)/2 D[|l><u|] + (γ_2 - γ_1/2)/2 D[σ_z] (needs γ_2 >= γ_1/2).
Generators are given per unit cycle time (τ = 1), so actions equal rates.

References:
    R. Uzdin, A. Levy & R. Kosloff, PRX 5, 031044 (2015), DOI 10.1103/PhysRevX.5.031044.
    J. Klatzow et al., PRL 122, 110601 (2019), DOI 10.1103/PhysRevLett.122.110601.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..._checks import FloatArray, check_positive, check_temperature
from ...baths import Bath
from ...core.operators import qeye, qubit_lowering, qubit_number, sigmax, sigmaz, tensor
from .equivalence import EngineGenerators

__all__ = [
    "nv_continuous_power",
    "nv_qubit_generators",
    "nv_theta_star",
    "nv_two_stroke_work",
    "swap_engine_continuous_power",
    "swap_engine_generators",
]


def _excited(w: Any, T: Any) -> FloatArray:
    return np.asarray(1.0 / (1.0 + np.exp(np.asarray(w, dtype=float) / np.asarray(T, dtype=float))))


def swap_engine_generators(
    w_h: float, w_c: float, T_h: float, T_c: float, gamma_h: float, gamma_c: float, eps: Any
) -> EngineGenerators:
    """Model B generators (hot qubit first in the tensor product; channels 'hot', 'cold')."""
    for v, name in ((w_h, "w_h"), (w_c, "w_c"), (gamma_h, "gamma_h"), (gamma_c, "gamma_c")):
        check_positive(v, name)
    check_temperature(T_h, "T_h")
    check_temperature(T_c, "T_c")
    n, sm, one = qubit_number(), qubit_lowering(), qeye(2)
    smh, smc = tensor(sm, one), tensor(one, sm)
    H0 = w_h * tensor(n, one) + w_c * tensor(one, n)
    swap = smc.conj().T @ smh + smh.conj().T @ smc  # |1_h 0_c><0_h 1_c| + h.c.
    e = np.asarray(eps, dtype=float)
    p_h, p_c = _excited(w_h, T_h), _excited(w_c, T_c)
    return EngineGenerators(
        H0=H0,
        H_drive=e[..., None, None] * swap,
        channels={
            "hot": [(smh, gamma_h * (1 - p_h)), (smh.conj().T, gamma_h * p_h)],
            "cold": [(smc, gamma_c * (1 - p_c)), (smc.conj().T, gamma_c * p_c)],
        },
        baths={"hot": Bath(name="hot", T=T_h), "cold": Bath(name="cold", T=T_c)},
    )


def swap_engine_continuous_power(
    w_h: float, w_c: float, T_h: float, T_c: float, gamma_h: float, gamma_c: float, eps: Any
) -> FloatArray:
    r"""Closed-form power output of model B's continuous engine (> 0 for an engine).

    P = (ω_h - ω_c) 2ε²(p_h - p_c) / [Γ + 2ε²(1/γ_h + 1/γ_c)],  Γ = (γ_h + γ_c)/2
    (resonant steady state of the local master equation; derived on the nv-engine card).
    """
    e2 = np.asarray(eps, dtype=float) ** 2
    dp = _excited(w_h, T_h) - _excited(w_c, T_c)
    G = 0.5 * (gamma_h + gamma_c)
    return np.asarray((w_h - w_c) * 2 * e2 * dp / (G + 2 * e2 * (1 / gamma_h + 1 / gamma_c)))


def nv_qubit_generators(
    omega: float, z_eq: float, theta: Any, k1: Any, k2: Any
) -> EngineGenerators:
    """Model A generators per unit cycle time: MW drive (θ/2)σ_x and the laser channel 'laser'."""
    check_positive(omega, "omega")
    if not -1.0 <= float(z_eq) <= 1.0:
        raise ValueError(f"`z_eq` must be a polarisation in [-1, 1]; got {z_eq!r}.")
    th = np.asarray(theta, dtype=float)
    g1 = np.asarray(check_positive(k1, "k1"), dtype=float)
    g2 = np.asarray(check_positive(k2, "k2"), dtype=float)
    if np.any(g2 < 0.5 * g1):
        raise ValueError(
            f"`k2` must be >= k1/2 (coherences cannot decay slower than half the population "
            f"relaxation rate in a Lindblad model); got k1={k1!r}, k2={k2!r}."
        )
    up = np.array([[0, 1], [0, 0]], dtype=np.complex128)  # |u><l| (u = basis 0)
    return EngineGenerators(
        H0=0.5 * omega * sigmaz(),
        H_drive=0.5 * th[..., None, None] * sigmax(),
        channels={
            "laser": [
                (up, g1 * (1 + z_eq) / 2),
                (up.conj().T, g1 * (1 - z_eq) / 2),
                (sigmaz(), (g2 - g1 / 2) / 2),
            ]
        },
    )


def nv_two_stroke_work(omega: float, z_eq: float, theta: Any, k1: Any, k2: Any) -> FloatArray:
    r"""Closed-form work extracted per cycle by model A's two-stroke engine (> 0 for an engine).

    W = (ω z_eq/2)(1 - r)(1 + c)(1 - cos θ) / (1 + r c - (r + c) cos θ), r = e^{-k_1},
    c = e^{-k_2} (c = 0: the dephased engine). Derived on the nv-engine card from the
    Bloch-vector fixed point.
    """
    r, c = np.exp(-np.asarray(k1, dtype=float)), np.exp(-np.asarray(k2, dtype=float))
    ct = np.cos(np.asarray(theta, dtype=float))
    return np.asarray(
        0.5 * omega * z_eq * (1 - r) * (1 + c) * (1 - ct) / (1 + r * c - (r + c) * ct)
    )


def nv_theta_star(k1: Any, k2: Any) -> FloatArray:
    r"""Pulse area below which model A's coherent engine beats the stochastic bound.

    cos θ* = (r - c + 2 r c)/(r + c); θ* = arccos(e^{-k}) for k_1 = k_2 = k.
    """
    r, c = np.exp(-np.asarray(k1, dtype=float)), np.exp(-np.asarray(k2, dtype=float))
    return np.asarray(np.arccos(np.clip((r - c + 2 * r * c) / (r + c), -1.0, 1.0)))


def nv_continuous_power(
    omega: float, z_eq: float, rabi: Any, gamma1: Any, gamma2: Any
) -> FloatArray:
    r"""Closed-form power of model A's continuous engine: P = (ω/2) z_eq γ_1 Ω² / (γ_1 γ_2 + Ω²)."""
    W2 = np.asarray(rabi, dtype=float) ** 2
    g1 = np.asarray(gamma1, dtype=float)
    return np.asarray(0.5 * omega * z_eq * g1 * W2 / (g1 * np.asarray(gamma2, dtype=float) + W2))
