r"""Landauer's bound and the minimal work of finite-time erasure (k_B = 1, energies in kT).

* Landauer: resetting a bit from p = 1/2 to residual error p_f costs W >= kT [ln 2 - h(p_f)].
* Two-level bit (Esposito et al. model): upper-level occupation p obeys
  dp/dt = -gamma (p - f(E)), f = 1/(1 + e^{E/kT}), with controllable gap E(t) and jumps of E
  allowed at the ends. The optimal protocol conserves pdot^2 / (f(1 - f)) = C^2, so
  pdot(p) = [C^2 (1 - 2p) - sqrt(C^4 + 4 C^2 p (1 - p))] / (2 (1 + C^2)),
  gamma tau = int_{p_f}^{p_0} dp / |pdot|, and W_min / kT = int_{p_f}^{p_0} ln((1 - f)/f) dp
  with f = p + pdot. Slow driving: W ≈ kT [Landauer + L^2/(gamma tau)], L = 2 (arcsin sqrt p_0
  - arcsin sqrt p_f) the thermodynamic length. Feasible only for gamma tau > ln(p_0/p_f).
* Overdamped Brownian bit in V_0(x) = E_b ((x/x_0)^2 - 1)^2 with full control (optimal
  transport form): W_min(tau) = kT min_p [D_KL(p || p_0) + W_2^2(p_0, p)/(D tau)] over p
  supported on x < 0. The local-equilibrium (LE) protocol, p = p_0 restricted to x < 0,
  costs kT [ln 2 + W_2^2(p_0, p_LE)/(D tau)].

References:
    R. Landauer, IBM J. Res. Dev. 5, 183 (1961), doi:10.1147/rd.53.0183.
    M. Esposito, R. Kawai, K. Lindenberg, C. Van den Broeck, EPL 89, 20003 (2010).
    K. Proesmans, J. Ehrich, J. Bechhoefer, PRL 125, 100602 (2020),
    doi:10.1103/PhysRevLett.125.100602; T. Schmiedl, U. Seifert, PRL 98, 108301 (2007).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.integrate import cumulative_trapezoid, quad, trapezoid
from scipy.optimize import brentq

from .._checks import ComplexArray, FloatArray, check_positive, check_temperature
from ..errors import ConvergenceError
from .quantities import binary_entropy

__all__ = [
    "BOLTZMANN",
    "ELEMENTARY_CHARGE",
    "BrownianErasure",
    "TwoLevelProtocol",
    "TwoLevelRun",
    "erasure_brownian",
    "erasure_protocol_two_level",
    "erasure_work_two_level",
    "landauer_bound",
    "landauer_work",
    "simulate_erasure_two_level",
    "thermodynamic_length_two_level",
]

BOLTZMANN = 1.380649e-23  # J/K, exact (SI 2019)
ELEMENTARY_CHARGE = 1.602176634e-19  # C, exact (SI 2019)


def landauer_bound(T: float, *, si: bool = False) -> float:
    """kT ln 2, the minimal work to erase one bit at temperature T.

    Args:
        T: temperature (energy units, or kelvin when `si`).
        si: if True, T is in kelvin and the result is in joules.
    """
    Tm = float(check_temperature(T))
    return (BOLTZMANN if si else 1.0) * Tm * math.log(2.0)


def landauer_work(p_final: float, p_initial: float = 0.5) -> float:
    """Minimal erasure work in kT: h(p_initial) - h(p_final) (ln 2 - h(p_f) for a fair bit)."""
    return float(binary_entropy(p_initial) - binary_entropy(p_final))


def _pdot(p: float, C2: float) -> float:
    """Optimal dp/dt at occupation p (< 1/2), in the cancellation-free form of the card's root."""
    return -2.0 * C2 * p * (1 - p) / (C2 * (1 - 2 * p) + math.sqrt(C2 * C2 + 4 * C2 * p * (1 - p)))


def _log_quad(fn: Any, p_f: float, p_0: float) -> float:
    """int_{p_f}^{p_0} fn(p) dp, integrated in u = ln p (accurate for tiny p_f)."""
    val, _ = quad(
        lambda u: fn(math.exp(u)) * math.exp(u),
        math.log(p_f),
        math.log(p_0),
        epsabs=1e-13,
        epsrel=1e-12,
        limit=400,
    )
    return float(val)


def _duration(C2: float, p_f: float, p_0: float) -> float:
    return _log_quad(lambda p: -1.0 / _pdot(p, C2), p_f, p_0)


def erasure_work_two_level(gamma_tau: float, p_final: float, *, p_initial: float = 0.5) -> float:
    r"""Minimal work (in kT) to lower a two-level bit's upper occupation to p_final in time tau.

    Args:
        gamma_tau: duration times the total relaxation rate gamma (dimensionless, > 0).
        p_final: final occupation of the upper level (residual error), 0 < p_final < p_initial.
        p_initial: initial occupation (default 1/2, an unbiased bit), <= 1/2.

    Returns:
        W_min / kT (>= h(p_initial) - h(p_final), tending to it as gamma_tau -> inf).

    Raises:
        ValueError: if gamma_tau <= ln(p_initial/p_final) (no protocol can erase that fast)
            or the occupations are out of range.
    """
    gt = float(check_positive(gamma_tau, "gamma_tau"))
    if not 0.0 < p_initial <= 0.5:
        raise ValueError(f"`p_initial` must be in (0, 1/2]; got {p_initial!r}.")
    if not 0.0 < p_final < p_initial:
        raise ValueError(
            f"`p_final` must be in (0, p_initial = {p_initial:g}); got {p_final!r}. "
            "A perfect reset (p_final = 0) needs infinite time in this model."
        )
    t_min = math.log(p_initial / p_final)
    if gt <= t_min * (1 + 1e-12):
        raise ValueError(
            f"`gamma_tau` must exceed ln(p_initial/p_final) = {t_min:.6g} (the fastest possible "
            f"reset, E -> inf); got {gt!r}. Allow more time or a larger `p_final`."
        )

    def gap(logC2: float) -> float:
        return _duration(math.exp(logC2), p_final, p_initial) - gt

    lo, hi = -5.0, 5.0
    while gap(lo) < 0:
        lo -= 5.0
        if lo < -600:
            raise ConvergenceError(
                f"two-level erasure: no protocol constant found for gamma_tau = {gt!r} "
                f"(p_final = {p_final!r}); the duration is too long for double precision."
            )
    while gap(hi) > 0:
        hi += 5.0
    C2 = math.exp(brentq(gap, lo, hi, xtol=1e-14, rtol=1e-14))

    def integrand(p: float) -> float:
        # f = p + pdot = 4 C^2 p^2 (1 - p) / ((b + C^2)(a + b)), a = C^2 (1 - 2p), b = sqrt(...)
        a = C2 * (1 - 2 * p)
        b = math.sqrt(C2 * C2 + 4 * C2 * p * (1 - p))
        log_f = math.log(4 * C2) + 2 * math.log(p) + math.log1p(-p) - math.log((b + C2) * (a + b))
        return math.log1p(-math.exp(log_f)) - log_f

    val = _log_quad(integrand, p_final, p_initial)
    return float(val)


def thermodynamic_length_two_level(p_final: float, p_initial: float = 0.5) -> float:
    """L = 2 (arcsin sqrt(p_initial) - arcsin sqrt(p_final)); excess work -> L^2/(gamma tau)."""
    return 2.0 * (math.asin(math.sqrt(p_initial)) - math.asin(math.sqrt(p_final)))


@dataclass(frozen=True, slots=True, kw_only=True)
class BrownianErasure:
    """Minimal-work full erasure of an overdamped Brownian bit (energies in kT, lengths in x_0).

    Attributes:
        barrier: E_b / kT.
        D_tau: D tau / x_0^2.
        work_min: minimal work W_min / kT.
        work_le: work of the local-equilibrium-constrained protocol / kT.
        kl: D_KL(p* || p_0) of the optimal final density.
        w2_sq: W_2^2(p_0, p*) of the optimal final density.
        w2_sq_le: W_2^2(p_0, p_LE).
        x2_right: <x^2; x > 0>_0 (short-time coefficient of the optimum).
        x, p_final: grid on x < 0 and the optimal final density there.
        iterations: fixed-point iterations used.
    """

    barrier: float
    D_tau: float
    work_min: float
    work_le: float
    kl: float
    w2_sq: float
    w2_sq_le: float
    x2_right: float
    x: FloatArray
    p_final: FloatArray
    iterations: int


def _quantile(x: FloatArray, cdf: FloatArray, u: FloatArray) -> FloatArray:
    keep = np.concatenate([[True], np.diff(cdf) > 0])
    return np.asarray(np.interp(u, cdf[keep], x[keep]))


def _cdf(x: FloatArray, p: FloatArray) -> FloatArray:
    c = cumulative_trapezoid(p, x, initial=0.0)
    return np.asarray(c / c[-1])


def erasure_brownian(
    barrier: float,
    D_tau: float,
    *,
    n_grid: int = 8001,
    half_width: float = 2.6,
    n_quantiles: int = 200_001,
    damping: float = 0.02,
    tol: float = 1e-8,
    max_iter: int = 20_000,
) -> BrownianErasure:
    r"""Minimal work of erasing a Brownian bit in time tau with full control of V(x, t).

    Solves min_p D_KL(p || p_0) + W_2^2(p_0, p)/(D tau) over densities on x < 0 by the damped
    fixed point p ∝ p_0 exp(-psi/(D tau)), psi'(y) = 2 (y - S(y)), S = Q_0 ∘ F_p the optimal
    transport map (the stationarity condition of this convex problem).

    Args:
        barrier: E_b / kT of V_0(x) = E_b ((x/x_0)^2 - 1)^2.
        D_tau: D tau / x_0^2.
        n_grid, half_width: spatial grid on [-half_width, half_width] (units of x_0).
        n_quantiles: u-points for the W_2 distance.
        damping: fixed-point mixing (smaller is safer at short D_tau).
        tol: stop when the fixed-point residual int |p_new - p| dx falls below this.
        max_iter: iteration cap.

    Raises:
        ConvergenceError: if the iteration does not settle within `max_iter`.
    """
    Eb = float(check_positive(barrier, "barrier"))
    Dt = float(check_positive(D_tau, "D_tau"))
    x = np.linspace(-half_width, half_width, n_grid)
    p0 = np.exp(-Eb * (x * x - 1.0) ** 2)
    p0 /= trapezoid(p0, x)
    cdf0 = _cdf(x, p0)
    u = np.linspace(0.0, 1.0, n_quantiles)
    Q0u = _quantile(x, cdf0, u)
    left = x <= 0.0
    xl, p0l = x[left], p0[left]

    def objective(p: FloatArray) -> tuple[float, float, float]:
        Qu = _quantile(xl, _cdf(xl, p), u)
        w2 = float(trapezoid((Q0u - Qu) ** 2, u))
        with np.errstate(divide="ignore", invalid="ignore"):
            integrand = np.where(p > 0, p * np.log(np.where(p > 0, p, 1.0) / p0l), 0.0)
        kl = float(trapezoid(integrand, xl))
        return kl + w2 / Dt, kl, w2

    p_le = p0l / trapezoid(p0l, xl)
    _, kl_le, w2_le = objective(p_le)
    p = p_le.copy()
    residual = math.inf
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007 - the count is reported
        S = np.interp(_cdf(xl, p), cdf0, x)
        psi = cumulative_trapezoid(2.0 * (xl - S), xl, initial=0.0)
        logp = np.log(p0l) - (psi - psi[-1]) / Dt
        new = np.exp(logp - logp.max())
        new /= trapezoid(new, xl)
        residual = float(trapezoid(np.abs(new - p), xl))
        if residual < tol:
            break
        p = (1.0 - damping) * p + damping * new
    else:
        raise ConvergenceError(
            f"Brownian erasure fixed point did not settle in {max_iter} iterations "
            f"(residual int |p_new - p| = {residual:.3g}); lower `damping`."
        )
    total, kl, w2 = objective(p)
    x2 = float(trapezoid(np.where(x > 0, x * x * p0, 0.0), x))
    return BrownianErasure(
        barrier=Eb,
        D_tau=Dt,
        work_min=total,
        work_le=kl_le + w2_le / Dt,
        kl=kl,
        w2_sq=w2,
        w2_sq_le=w2_le,
        x2_right=x2,
        x=xl,
        p_final=p,
        iterations=it,
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class TwoLevelProtocol:
    """The optimal finite-time erasure protocol of a two-level bit (gamma = kT = 1 units).

    Attributes:
        times: gamma t on [0, gamma tau], shape (n,).
        p: upper-level occupation p(t), from p_initial to p_final.
        gap: the gap E(t)/kT = ln((1 - f)/f), f = p + pdot (jumps from and back to 0 at the ends).
        work: W_min/kT of `erasure_work_two_level`.
    """

    times: FloatArray
    p: FloatArray
    gap: FloatArray
    work: float


def erasure_protocol_two_level(
    gamma_tau: float, p_final: float, *, p_initial: float = 0.5, n: int = 2001
) -> TwoLevelProtocol:
    """The protocol E(t) that attains `erasure_work_two_level` (same arguments).

    p(t) is obtained by inverting t(p) = int_p^{p_initial} dp'/|pdot(p')| on `n` points.
    """
    work = erasure_work_two_level(gamma_tau, p_final, p_initial=p_initial)
    gt = float(gamma_tau)

    def gap(logC2: float) -> float:
        return _duration(math.exp(logC2), p_final, p_initial) - gt

    lo, hi = -5.0, 5.0
    while gap(lo) < 0:
        lo -= 5.0
    while gap(hi) > 0:
        hi += 5.0
    C2 = math.exp(brentq(gap, lo, hi, xtol=1e-14, rtol=1e-14))
    ps = np.exp(np.linspace(math.log(p_initial), math.log(p_final), n))
    t_of_p = np.array([_duration(C2, p, p_initial) if p < p_initial else 0.0 for p in ps])
    a = C2 * (1 - 2 * ps)
    b = np.sqrt(C2 * C2 + 4 * C2 * ps * (1 - ps))
    log_f = np.log(4 * C2) + 2 * np.log(ps) + np.log1p(-ps) - np.log((b + C2) * (a + b))
    return TwoLevelProtocol(times=t_of_p, p=ps, gap=np.log1p(-np.exp(log_f)) - log_f, work=work)


@dataclass(frozen=True, slots=True, kw_only=True)
class TwoLevelRun:
    """A simulated erasure of a qubit (energies in kT, time in 1/gamma).

    Attributes:
        work: work done on the qubit (end jumps included), W = int tr(rho dH).
        heat: heat into the qubit, Q = dE - W.
        error: final upper-level occupation in the final eigenbasis.
        entropy_production: dS - Q/kT (>= 0).
        coherence_max: max over time of |<g|rho|e>| in the instantaneous eigenbasis.
    """

    work: float
    heat: float
    error: float
    entropy_production: float
    coherence_max: float


def simulate_erasure_two_level(protocol: TwoLevelProtocol, *, rotation: float = 0.0) -> TwoLevelRun:
    r"""Run an erasure protocol on a qubit with an adiabatic (instantaneous-eigenbasis) Lindbladian.

    H(t) = E(t) |e(phi)><e(phi)|, |e(phi)> = -sin(phi/2)|0> + cos(phi/2)|1>,
    phi(t) = rotation t/tau,
    jumps |g><e| at rate 1 - f(E) and |e><g| at rate f(E) (total rate gamma = 1, kT = 1). With
    rotation = 0 this is the classical two-level model and reproduces `erasure_work_two_level`;
    a rotation of the eigenbasis (coherent control) creates coherence and costs extra work.

    References:
        T. Van Vu, K. Saito, PRL 128, 140602 (2022), doi:10.1103/PhysRevLett.128.140602.
    """
    from scipy.integrate import solve_ivp
    from scipy.interpolate import CubicSpline

    t_end = float(protocol.times[-1])
    times, gaps = protocol.times, protocol.gap
    spline = CubicSpline(times, gaps)  # smooth E(t): the integrator then takes few steps

    def frame(t: float) -> tuple[ComplexArray, ComplexArray]:
        phi = rotation * t / t_end
        e = np.array([-math.sin(phi / 2), math.cos(phi / 2)], dtype=np.complex128)
        g = np.array([math.cos(phi / 2), math.sin(phi / 2)], dtype=np.complex128)
        return g, e

    def hamiltonian(t: float) -> ComplexArray:
        _, e = frame(t)
        return float(spline(t)) * np.outer(e, e.conj())

    def rhs(t: float, y: FloatArray) -> FloatArray:
        # -i[H, rho] + sum_k r_k (L_k rho L_k^dag - {L_k^dag L_k, rho}/2), written out for 2 x 2
        g, e = frame(t)
        E = float(spline(t))
        f = 1.0 / (1.0 + math.exp(E))
        rho = y.reshape(2, 2, order="F")
        Pe, Pg = np.outer(e, e.conj()), np.outer(g, g.conj())
        ree, rgg = complex(e.conj() @ rho @ e), complex(g.conj() @ rho @ g)
        drho = -1j * E * (Pe @ rho - rho @ Pe)
        drho += (1 - f) * (ree * Pg - 0.5 * (Pe @ rho + rho @ Pe))
        drho += f * (rgg * Pe - 0.5 * (Pg @ rho + rho @ Pg))
        return np.asarray(drho.reshape(-1, order="F"))

    rho0 = np.eye(2, dtype=np.complex128) * 0.5
    sol = solve_ivp(
        rhs,
        (0.0, t_end),
        rho0.reshape(-1, order="F"),
        t_eval=times,
        rtol=1e-10,
        atol=1e-12,
        method="DOP853",
    )
    if not sol.success:
        raise ConvergenceError(f"erasure simulation failed: {sol.message}")
    rhos = sol.y.T.reshape(-1, 2, 2).transpose(0, 2, 1)
    Hs = np.array([hamiltonian(t) for t in times])
    energy = np.real(np.einsum("tij,tji->t", Hs, rhos))
    # W = int tr(rho dH): trapezoid in time of tr(rho dH/dt) plus the jumps at both ends
    dH = np.gradient(Hs, times, axis=0)
    w_smooth = float(trapezoid(np.real(np.einsum("tij,tji->t", dH, rhos)), times))
    work = float(energy[0] + w_smooth - energy[-1])  # jumps 0 -> E(0+) and E(tau-) -> 0
    _, e_end = frame(t_end)
    error = float(np.real(e_end.conj() @ rhos[-1] @ e_end))
    g_t = [frame(t) for t in times]
    coh = max(abs(complex(g.conj() @ r @ e)) for (g, e), r in zip(g_t, rhos, strict=True))
    s0 = math.log(2.0)
    lam = np.clip(np.linalg.eigvalsh(rhos[-1]), 1e-300, None)
    s1 = float(-np.sum(lam * np.log(lam)))
    heat = -work  # the initial and final Hamiltonians are both 0: dE = 0
    return TwoLevelRun(
        work=work, heat=heat, error=error, entropy_production=s1 - s0 - heat, coherence_max=coh
    )
