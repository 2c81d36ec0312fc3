r"""Exact (non-Markovian, any coupling strength) steady heat current through a linear network.

Model (Caldeira-Leggett / independent-oscillator baths, hbar = k_B = 1). System: quadratic
H_S = R^T H R / 2 (xpxp ordering). Bath j couples bilinearly through X_j = u_j^T R,
H_int = X_j sum_k g_k (c_k + c_k^dag), with spectral density J_j(omega) = 2 pi sum_k g_k^2
delta(omega - omega_k) (the convention of `quantherm.baths`: J(omega_j) is the weak-coupling
energy-relaxation rate of an oscillator coupled through X = a + a^dag), plus the counterterm
X_j^2 sum_k g_k^2 / omega_k, so that H_S is the physical (renormalised) Hamiltonian.

Eliminating the baths (quantum Langevin equation, Fourier convention f(nu) = int dt e^{i nu t} f):
(-i nu - Omega H + sum_j Pi_j(nu) Omega u_j u_j^T) R(nu) = sum_j Omega u_j xi_j(nu), with the
retarded self-energy (counterterm included)
Pi_j(nu) = (1/pi) P int_0^inf dw J_j(w) nu^2 / [w (w^2 - nu^2)] + i J_j(|nu|) sgn(nu) / 2.
The steady heat current from bath h into the system (positive when bath h heats the system) is
the Landauer-type formula for linear networks

    J_h = int_0^inf (d omega / 2 pi) omega T(omega) [N_h(omega) - N_c(omega)],
    T(omega) = 4 Im Pi_h Im Pi_c |u_c^T G(omega) Omega u_h|^2 = J_h(omega) J_c(omega) |...|^2,

G = (-i omega - Omega H + sum_j Pi_j Omega u_j u_j^T)^{-1}, N the Bose functions.

References: A. Dhar, D. Roy, J. Stat. Phys. 125, 801 (2006), DOI 10.1007/s10955-006-9235-2
(the formula); P. P. Hofer et al., NJP 19, 123037 (2017), DOI 10.1088/1367-2630/aa964f (its use
as the exact reference for local vs global master equations); N. Freitas, J. P. Paz, PRE 95,
012146 (2017) (the same structure with periodic driving).
"""

from __future__ import annotations

import itertools
from typing import Any, Literal

import numpy as np
from scipy import integrate

from .._checks import check_choice, check_positive, check_temperature
from ..core.states import bose_occupation
from .covariance import symplectic_form
from .symplectic import oscillators_hamiltonian

__all__ = ["drude_self_energy", "exact_two_oscillator_current", "two_oscillator_spectral_density"]


def drude_self_energy(nu: Any, alpha: float, cutoff: float) -> Any:
    r"""Self-energy of an ohmic bath with Lorentz-Drude cutoff, counterterm included.

    For J(w) = alpha w Lambda^2/(w^2 + Lambda^2):
    Pi(nu) = (alpha/2) Lambda nu (i Lambda - nu) / (nu^2 + Lambda^2) (closed form;
    Im Pi = J(nu)/2, Re Pi(0) = 0).
    """
    nu = np.asarray(nu, dtype=np.float64)
    return 0.5 * alpha * cutoff * nu * (1j * cutoff - nu) / (nu**2 + cutoff**2)


def two_oscillator_spectral_density(omega: Any, w_j: float, gamma: float, cutoff: float) -> Any:
    r"""J_j(omega) = gamma (omega/w_j) (w_j^2 + Lambda^2)/(omega^2 + Lambda^2).

    Ohmic with Lorentz-Drude cutoff Lambda, normalised so that J_j(w_j) = gamma: `gamma` is the
    weak-coupling energy damping rate of the bare oscillator j (the local Lindblad rate).
    """
    w = np.asarray(omega, dtype=np.float64)
    return gamma * (w / w_j) * (w_j**2 + cutoff**2) / (w**2 + cutoff**2)


def exact_two_oscillator_current(
    w_h: float,
    w_c: float,
    lam: float,
    gamma: Any,
    T_h: float,
    T_c: float,
    *,
    coupling: Literal["xx", "rwa"] = "xx",
    spectrum: Literal["ohmic"] = "ohmic",
    cutoff: float | None = None,
    counterterm: bool = True,
    rtol: float = 1e-10,
) -> float:
    r"""Exact steady heat current from the hot bath into two coupled oscillators.

    System: H_S = w_h a^dag a + w_c b^dag b + lam V, V = (a + a^dag)(b + b^dag) ("xx") or
    a^dag b + b^dag a ("rwa"). Hot bath couples to X_h = a + a^dag, cold bath to X_c = b + b^dag
    (position coupling, both cases). Spectral densities ("ohmic": Lorentz-Drude cutoff)
    J_j(w) = gamma_j (w/w_j)(w_j^2 + Lambda^2)/(w^2 + Lambda^2), so J_j(w_j) = gamma_j, the rate
    a local Lindblad equation would use; the counterterm keeps the oscillator frequencies at
    w_h, w_c (set `counterterm=False` for the bare Caldeira-Leggett coupling). Exact for any
    lam and gamma (non-Markovian), from the Landauer formula in the module docstring.

    Args:
        w_h, w_c: bare oscillator frequencies (> 0).
        lam: inter-oscillator coupling (xx requires |lam| < sqrt(w_h w_c)/2 for stability).
        gamma: damping rate gamma (same for both baths) or a pair (gamma_h, gamma_c).
        T_h, T_c: bath temperatures (>= 0).
        coupling: "xx" or "rwa".
        spectrum: "ohmic" (Lorentz-Drude cutoff). A flat J has no exact position-coupled
            counterpart (the counterterm and Re Pi diverge); it is rejected.
        cutoff: Lambda (default 20 max(w_h, w_c)).
        counterterm: include the renormalising counterterm (default True).
        rtol: relative tolerance of the frequency integral.

    Returns:
        J_h (float): heat current into the system from the hot bath; positive when the hot
        bath heats the system (DESIGN.md sign convention). In the steady state J_c = -J_h.

    References:
        P. P. Hofer et al., NJP 19, 123037 (2017), DOI 10.1088/1367-2630/aa964f;
        A. Dhar, D. Roy, J. Stat. Phys. 125, 801 (2006).
    """
    check_choice(coupling, "coupling", ("xx", "rwa"))
    check_choice(spectrum, "spectrum", ("ohmic",))
    wh = float(check_positive(w_h, "w_h"))
    wc = float(check_positive(w_c, "w_c"))
    g = np.broadcast_to(np.asarray(gamma, dtype=np.float64), (2,))
    check_positive(g, "gamma")
    Th = float(check_temperature(T_h, "T_h"))
    Tc = float(check_temperature(T_c, "T_c"))
    Lam = 20.0 * max(wh, wc) if cutoff is None else float(check_positive(cutoff, "cutoff"))
    H = oscillators_hamiltonian([wh, wc], [[0.0, lam], [lam, 0.0]], coupling=coupling)
    alphas = [g[0] * (wh**2 + Lam**2) / (wh * Lam**2), g[1] * (wc**2 + Lam**2) / (wc * Lam**2)]
    shift = [0.0 if counterterm else 0.5 * a * Lam for a in alphas]
    u = np.zeros((2, 4))
    u[0, 0] = u[1, 2] = np.sqrt(2.0)  # X = a + a^dag = sqrt(2) x
    eff = H - sum(2 * s * np.outer(uj, uj) / 2 for s, uj in zip(shift, u, strict=True))
    if np.linalg.eigvalsh(eff)[0] <= 0:
        raise ValueError(
            "`lam` must keep the oscillators stable (positive-definite Hamiltonian); "
            f"got lam={lam!r} "
            f"with coupling={coupling!r}. For xx coupling use |lam| < sqrt(w_h w_c)/2."
        )
    Om = symplectic_form(2)
    OmH = Om @ H
    OU = [Om @ uj for uj in u]
    P = [np.outer(Om @ uj, uj) for uj in u]

    def integrand(w: float) -> float:
        pis = [drude_self_energy(w, a, Lam) + s for a, s in zip(alphas, shift, strict=True)]
        Ginv = -1j * w * np.eye(4) - OmH + pis[0] * P[0] + pis[1] * P[1]
        amp = u[1] @ np.linalg.solve(Ginv, OU[0])
        Jh = 2 * pis[0].imag
        Jc = 2 * pis[1].imag
        dn = bose_occupation(w, Th) - bose_occupation(w, Tc)
        return float(w * Jh * Jc * abs(amp) ** 2 * dn / (2 * np.pi))

    nus = np.sqrt(np.abs(np.linalg.eigvals(OmH @ OmH)))  # normal-mode frequencies (~ peaks)
    peaks = sorted({float(x) for x in nus})
    edges = [0.0, *peaks, 2 * max(peaks), 10 * max(peaks, default=1.0) + 10 * max(Th, Tc)]
    total = 0.0
    for a, b in itertools.pairwise(edges):
        if b > a:
            val, _ = integrate.quad(integrand, a, b, epsabs=0.0, epsrel=rtol, limit=500)
            total += val
    val, _ = integrate.quad(integrand, edges[-1], np.inf, epsabs=0.0, epsrel=rtol, limit=500)
    return float(total + val)
