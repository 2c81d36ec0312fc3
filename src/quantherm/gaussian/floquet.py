r"""Exact heat currents of a periodically driven linear network between bosonic reservoirs.

Network: H_S(t) = P^T P/2 + X^T V(t) X/2 (unit masses), V(t) = V_0 + lam cos(w_d t) W. Reservoir
alpha couples bilinearly to node alpha (Caldeira-Leggett, counterterm included) with spectral
density in the Freitas-Paz normalisation I(w) = sum_k c_k^2/(2 m_k w_k) delta(w - w_k); here
I(w) = (2/pi) gamma w exp(-(w/Lambda)^2), whose self-energy is closed-form,
Pi(nu) = -(4 gamma/sqrt(pi)) nu F_D(nu/Lambda) + i pi I(|nu|) sgn(nu), F_D the Dawson function.

Harmonic balance (Floquet index |k| <= K): for input frequency w > 0,
L(w - k w_d) X_k + (lam/2) W (X_{k-1} + X_{k+1}) = delta_k0 1, L(nu) = V_0 - nu^2 - Pi(nu), and
R^{(k)}_{ba}(w) = 2 pi I_b(|nu_k|) I_a(w) |X_k(w)_{ba}|^2 (input a at w, output b at
nu_k = w - k w_d).
Period-averaged heat current from reservoir a into the network (positive when a gives energy):

    Q_a = sum_{b,k} int_0^inf dw w R^{(k)}_{ba}(w) { N_a(w) - N_b(nu_k)          if nu_k > 0  (RP)
                                                  { -[1 + N_a(w) + N_b(|nu_k|)] if nu_k < 0  (NRP)

RP = resonant processes (a quantum moves between reservoirs, the drive pays the difference);
NRP = non-resonant pair creation by the drive, whose "+1" survives at T = 0 and stops cooling.
The drive power is P = -sum_a Q_a (first law of the periodic steady state).

References: N. Freitas, J. P. Paz, PRE 95, 012146 (2017), DOI 10.1103/PhysRevE.95.012146
(structure of the RP/NRP decomposition); the explicit formulas above follow the third-law card.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq
from scipy.special import dawsn

from .._checks import FloatArray, check_positive, check_temperature
from ..core.states import bose_occupation

__all__ = ["DrivenTwoOscillatorFridge", "FridgeCurrents"]


def _gauss_grid(edges: FloatArray, nodes: int = 8) -> tuple[FloatArray, FloatArray]:
    x, wts = np.polynomial.legendre.leggauss(nodes)
    a, b = edges[:-1, None], edges[1:, None]
    pts = 0.5 * (b - a) * x[None, :] + 0.5 * (b + a)
    return pts.ravel(), (0.5 * (b - a) * wts[None, :]).ravel()


@dataclass(frozen=True, slots=True, kw_only=True)
class FridgeCurrents:
    """Period-averaged currents (positive when the reservoir gives energy to the network).

    Attributes:
        heat_c, heat_h: Q_c, Q_h; heat_c > 0 means the cold reservoir is being cooled.
        heat_c_resonant, heat_c_pair_creation: RP and NRP parts of Q_c.
        power: drive power into the network, -(Q_c + Q_h).
        heat_c_direct, heat_h_direct: the same currents from the independent "direct" formula
            (noise power injected minus power radiated), a numerical check.
    """

    heat_c: float
    heat_h: float
    heat_c_resonant: float
    heat_c_pair_creation: float
    power: float
    heat_c_direct: float
    heat_h_direct: float


class DrivenTwoOscillatorFridge:
    """Two oscillators (cold node w1, hot node w2) with coupling modulated at w_d (FP-type).

    V(t) = diag(w1^2, w2^2) + lam cos(w_d t) [[0, 1], [1, 0]]; Gaussian-cutoff ohmic reservoirs
    I(w) = (2/pi) gamma w exp(-(w/cutoff)^2) on each node (same gamma, cutoff). The
    temperature-independent transfer functions are computed once, so temperature scans and
    `t_min` are cheap.

    Args:
        w1, w2: node frequencies (cold, hot).
        lam: drive amplitude (must keep V(t) positive and the Floquet solution stable).
        w_d: drive frequency.
        gamma, cutoff: reservoir coupling and Gaussian cutoff Lambda.
        harmonics: Floquet truncation K.
        w_max: upper end of the frequency grid (default 4 cutoff + w_d).
    """

    def __init__(
        self,
        *,
        w1: float,
        w2: float,
        lam: float,
        w_d: float,
        gamma: float,
        cutoff: float,
        harmonics: int = 5,
        w_max: float | None = None,
    ) -> None:
        self.w = (float(check_positive(w1, "w1")), float(check_positive(w2, "w2")))
        self.w_d = float(check_positive(w_d, "w_d"))
        self.gamma = float(check_positive(gamma, "gamma"))
        self.cutoff = float(check_positive(cutoff, "cutoff"))
        self.lam = float(lam)
        if int(harmonics) != harmonics or harmonics < 1:
            raise ValueError(f"`harmonics` must be a positive integer; got {harmonics!r}.")
        if abs(self.lam) >= self.w[0] * self.w[1]:
            raise ValueError(
                f"`lam` must satisfy |lam| < w1 w2 so that V(t) stays positive; got {lam!r}."
            )
        self.K = int(harmonics)
        top = 4 * self.cutoff + self.w_d if w_max is None else float(w_max)
        low = np.geomspace(1e-7, 0.2, 81)
        high = np.arange(0.2, top + 0.02, 0.02)[1:]
        self.omega, self.weights = _gauss_grid(np.concatenate([[0.0], low, high]))
        self._solve()

    def spectral_density(self, w: FloatArray) -> FloatArray:
        """I(w) = (2/pi) gamma |w| exp(-(w/Lambda)^2)."""
        return np.asarray((2 / np.pi) * self.gamma * np.abs(w) * np.exp(-((w / self.cutoff) ** 2)))

    def self_energy(self, nu: FloatArray) -> FloatArray:
        """Pi(nu) with counterterm (closed form via the Dawson function)."""
        re = -(4 * self.gamma / np.sqrt(np.pi)) * nu * dawsn(nu / self.cutoff)
        return np.asarray(re + 1j * np.pi * self.spectral_density(nu) * np.sign(nu))

    def _solve(self) -> None:
        K, n = self.K, 2 * self.K + 1
        ks = np.arange(-K, K + 1)
        w = self.omega
        nu = w[:, None] - ks[None, :] * self.w_d  # (G, n)
        Mbig = np.zeros((w.size, 2 * n, 2 * n), complex)
        V0 = np.diag([self.w[0] ** 2, self.w[1] ** 2])
        Wc = 0.5 * self.lam * np.array([[0.0, 1.0], [1.0, 0.0]])
        pis = self.self_energy(nu)
        for i in range(n):
            blk = V0[None] - (nu[:, i] ** 2 + pis[:, i])[:, None, None] * np.eye(2)[None]
            Mbig[:, 2 * i : 2 * i + 2, 2 * i : 2 * i + 2] = blk
            for j in (i - 1, i + 1):
                if 0 <= j < n:
                    Mbig[:, 2 * i : 2 * i + 2, 2 * j : 2 * j + 2] = Wc
        rhs = np.zeros((2 * n, 2), complex)
        rhs[2 * K : 2 * K + 2] = np.eye(2)
        X = np.linalg.solve(Mbig, np.broadcast_to(rhs, (w.size, 2 * n, 2))).reshape(w.size, n, 2, 2)
        self.A = X  # (G, k, out, in)
        self.nu = nu
        Iin = self.spectral_density(w)
        Iout = self.spectral_density(np.abs(nu))
        self.R = 2 * np.pi * Iout[:, :, None, None] * Iin[:, None, None, None] * np.abs(X) ** 2
        k0 = K
        self.im_A0 = np.einsum("gii->gi", X[:, k0]).imag  # Im A_0(w)_aa

    def currents(self, T_c: float, T_h: float) -> FridgeCurrents:
        """Period-averaged currents at reservoir temperatures (T_c, T_h) (>= 0)."""
        T = (float(check_temperature(T_c, "T_c")), float(check_temperature(T_h, "T_h")))
        w, dw, nu = self.omega, self.weights, self.nu
        Nin = [bose_occupation(w, t) for t in T]
        Nout = [bose_occupation(np.abs(nu), t) for t in T]
        pos = nu > 0
        Q, rp_c, nrp_c = [0.0, 0.0], 0.0, 0.0
        for a in range(2):
            for b in range(2):
                R = self.R[:, :, b, a]
                rp = np.where(pos, Nin[a][:, None] - Nout[b], 0.0)
                nrp = np.where(pos, 0.0, -(1.0 + Nin[a][:, None] + Nout[b]))
                v_rp = float(np.sum(dw[:, None] * w[:, None] * R * rp))
                v_nrp = float(np.sum(dw[:, None] * w[:, None] * R * nrp))
                Q[a] += v_rp + v_nrp
                if a == 0:
                    rp_c += v_rp
                    nrp_c += v_nrp
        direct = []
        for a in range(2):
            coth = 2 * Nin[a] + 1
            inj = float(np.sum(dw * w * self.spectral_density(w) * coth * self.im_A0[:, a]))
            rad = 0.0
            for b in range(2):
                cb = 2 * Nin[b] + 1
                rad += float(
                    np.sum(dw[:, None] * 0.5 * np.abs(nu) * self.R[:, :, a, b] * cb[:, None])
                )
            direct.append(inj - rad)
        return FridgeCurrents(
            heat_c=Q[0],
            heat_h=Q[1],
            heat_c_resonant=rp_c,
            heat_c_pair_creation=nrp_c,
            power=-(Q[0] + Q[1]),
            heat_c_direct=direct[0],
            heat_h_direct=direct[1],
        )

    def t_min(self, T_h: float, *, T_high: float = 5.0) -> float:
        """Lowest cold temperature with cooling (Q_c > 0) at hot temperature T_h.

        Returns 0 if the machine still cools at T_c -> 0 (no pair-creation limit) and NaN if it
        does not cool even at T_c = T_high.
        """
        f = lambda t: self.currents(t, T_h).heat_c  # noqa: E731
        if f(1e-6) > 0:
            return 0.0
        if f(T_high) <= 0:
            return float("nan")
        return float(brentq(f, 1e-6, T_high, xtol=1e-10, rtol=1e-12))
