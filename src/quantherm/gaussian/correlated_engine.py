r"""Correlated two-oscillator engine with explicit collision-model baths (exact Gaussian ledger).

Bookkeeping of Aguilar & Lutz (Sci. Adv. 11, eadw8462 (2025), DOI 10.1126/sciadv.adw8462), exact
for any global unitary on system parts i and explicit baths j:
    first law   W = Delta U + sum_j Q_j                       (Q_j = energy INTO bath j),
    second law  sum_i Delta S(rho_i) + sum_j Q_j / T_j = Delta Sigma,
    Sigma = [sum_i S(rho_i) + sum_j S(rho_Bj) - S(rho_total)] + sum_j D(rho_Bj || gamma_j).
With Q_in = -Q_h (heat taken from the hot bath) and W_out = -W, the two-bath efficiency is
    eta = eta_C - [T_c Delta Sigma - T_c sum_i Delta S_i + Delta U] / Q_in,  eta_C = 1 - T_c/T_h.

Machine (a reconstruction of a "two-oscillator engine", see docs/gaussian.md): modes a (w_h) and
b (w_c); every cycle k a work stroke (beam splitter U(theta, phi) between a and b, in the frame
rotating with the bare frequencies) and a heat stroke (beam splitters a <-> h_k, b <-> c_k with
sin^2 = swap_h, swap_c; h_k, c_k fresh thermal modes at T_h, T_c). All bath modes are kept, so
Sigma is computed exactly from the covariance matrix. Energies are sum of omega a^dag a
(zero-point energy dropped; it cancels in every difference).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .._checks import FloatArray, check_positive
from ..core.states import bose_occupation
from .aguilar_lutz import EfficiencyDecomposition, aguilar_lutz_efficiency
from .covariance import check_covariance, entropy, mean_occupations, modes_block
from .symplectic import beam_splitter, embed_symplectic

__all__ = ["CorrelatedEngineResult", "correlated_pair_covariance", "run_correlated_engine"]


def correlated_pair_covariance(n_a: float, n_b: float, kappa: complex) -> FloatArray:
    r"""Covariance (4, 4) of a phase-insensitive two-mode Gaussian state with N_ij = <a_i^dag a_j>.

    N = [[n_a, kappa], [kappa^*, n_b]]; sigma_{x_i x_j} = sigma_{p_i p_j} = delta_ij/2 + Re N_ij,
    sigma_{x_i p_j} = Im N_ij (i != j). Physical iff |kappa|^2 <= n_a n_b.
    """
    if n_a < 0 or n_b < 0:
        raise ValueError(f"`n_a`, `n_b` must be >= 0; got {n_a!r}, {n_b!r}.")
    if abs(kappa) ** 2 > n_a * n_b * (1 + 1e-12):
        raise ValueError(
            f"`kappa` must satisfy |kappa|^2 <= n_a n_b = {n_a * n_b:.6g}; got {kappa!r}. "
            "Larger correlations are not a positive correlation matrix."
        )
    k = complex(kappa)
    s = np.diag([n_a + 0.5, n_a + 0.5, n_b + 0.5, n_b + 0.5])
    s[0, 2] = s[2, 0] = s[1, 3] = s[3, 1] = k.real
    s[0, 3] = s[3, 0] = k.imag
    s[1, 2] = s[2, 1] = -k.imag
    return check_covariance(s, "sigma_ab")


@dataclass(frozen=True, slots=True, kw_only=True)
class CorrelatedEngineResult:
    """Per-cycle ledger (arrays of length `cycles`); Q_h, Q_c are energy INTO the baths.

    Attributes:
        work: W done on the system per cycle (engine: W < 0).
        heat_hot, heat_cold: Q_h, Q_c into the hot / cold bath per cycle.
        delta_energy: Delta U of the system (a, b) per cycle.
        delta_local_entropy: Delta [S(a) + S(b)] per cycle.
        delta_sigma: Delta Sigma per cycle.
        stroke_first_law_residual, stroke_second_law_residual: max |residual| over the strokes
            of each cycle.
        mutual_information_initial: I(a:b) of the initial state.
        occupations: (cycles + 1, 2) mean occupations of a, b at cycle boundaries.
    """

    work: FloatArray
    heat_hot: FloatArray
    heat_cold: FloatArray
    delta_energy: FloatArray
    delta_local_entropy: FloatArray
    delta_sigma: FloatArray
    stroke_first_law_residual: FloatArray
    stroke_second_law_residual: FloatArray
    mutual_information_initial: float
    occupations: FloatArray
    T_h: float
    T_c: float

    @property
    def work_out(self) -> FloatArray:
        """Extracted work -W."""
        return np.asarray(-self.work)

    @property
    def heat_in(self) -> FloatArray:
        """Heat taken from the hot bath, Q_in = -Q_h."""
        return np.asarray(-self.heat_hot)

    @property
    def efficiency(self) -> FloatArray:
        """eta = W_out / Q_in per cycle."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.asarray(self.work_out / self.heat_in)

    @property
    def first_law_residual(self) -> FloatArray:
        """W - Delta U - Q_h - Q_c per cycle."""
        return np.asarray(self.work - self.delta_energy - self.heat_hot - self.heat_cold)

    @property
    def second_law_residual(self) -> FloatArray:
        """sum_i Delta S_i + Q_h/T_h + Q_c/T_c - Delta Sigma per cycle."""
        return np.asarray(
            self.delta_local_entropy
            + self.heat_hot / self.T_h
            + self.heat_cold / self.T_c
            - self.delta_sigma
        )

    @property
    def efficiency_identity_residual(self) -> FloatArray:
        """eta - {eta_C - [T_c dSigma - T_c dS_local + dU]/Q_in} per cycle."""
        eta_c = 1.0 - self.T_c / self.T_h
        with np.errstate(divide="ignore", invalid="ignore"):
            rhs = (
                eta_c
                - (
                    self.T_c * self.delta_sigma
                    - self.T_c * self.delta_local_entropy
                    + self.delta_energy
                )
                / self.heat_in
            )
            return np.asarray(self.efficiency - rhs)

    def efficiency_decomposition(self) -> EfficiencyDecomposition:
        """Aguilar & Lutz Eqs. (S15)-(S19) per cycle (T_min = T_c when T_c <= T_h, gamma = 1).

        The system parts a, b enter only through sum_i Delta F_i = Delta U - T_min sum_i Delta
        S_i, so their totals are passed as one part.
        """
        return aguilar_lutz_efficiency(
            work=self.work,
            heats=np.stack([self.heat_hot, self.heat_cold], axis=-1),
            temperatures=[self.T_h, self.T_c],
            delta_sigma=self.delta_sigma,
            delta_energies=self.delta_energy[:, None],
            delta_entropies=self.delta_local_entropy[:, None],
            heat_in=self.heat_in,
        )


class _Ledger:
    """Energies, local entropies and Sigma of the full (system + collision baths) state."""

    def __init__(self, w: FloatArray, hot: list[int], cold: list[int], T_h: float, T_c: float):
        self.w = w
        self.hot, self.cold = hot, cold
        self.T = (T_h, T_c)
        self.S_th = []
        self.E_th = []
        for modes, T in ((hot, T_h), (cold, T_c)):
            n = bose_occupation(w[modes], T)
            self.E_th.append(float(np.sum(w[modes] * n)))
            self.S_th.append(float(np.sum((n + 1) * np.log1p(n) - n * np.log(n))))

    def energies(self, s: FloatArray) -> FloatArray:
        return np.asarray(self.w * mean_occupations(s))

    def sigma(self, s: FloatArray) -> float:
        E = self.energies(s)
        S_loc = float(entropy(modes_block(s, [0])) + entropy(modes_block(s, [1])))
        total = S_loc - float(entropy(s))
        for j, modes in enumerate((self.hot, self.cold)):
            S_B = float(entropy(modes_block(s, modes)))
            D = (float(np.sum(E[modes])) - self.E_th[j]) / self.T[j] - (S_B - self.S_th[j])
            total += S_B + D
        return total

    def snapshot(self, s: FloatArray) -> dict[str, float]:
        E = self.energies(s)
        return {
            "U": float(E[0] + E[1]),
            "E_h": float(np.sum(E[self.hot])),
            "E_c": float(np.sum(E[self.cold])),
            "S_loc": float(entropy(modes_block(s, [0])) + entropy(modes_block(s, [1]))),
            "Sigma": self.sigma(s),
        }


def run_correlated_engine(
    *,
    w_h: float,
    w_c: float,
    T_h: float,
    T_c: float,
    kappa: complex | None = None,
    theta: float | None = None,
    phi: float = np.pi,
    swap_h: float = 1.0,
    swap_c: float = 1.0,
    cycles: int = 4,
) -> CorrelatedEngineResult:
    r"""Run the correlated beam-splitter engine for `cycles` cycles and book every stroke.

    Args:
        w_h, w_c: frequencies of modes a and b (and of the hot / cold collision modes).
        T_h, T_c: bath temperatures (> 0).
        kappa: initial <a^dag b> (None: the maximal sqrt(n_a n_b); 0: uncorrelated start).
        theta: work-stroke angle (None: atan sqrt(n_a/n_b), which maps the maximally correlated
            pair to (vacuum, thermal)).
        phi: work-stroke phase (pi turns correlations into work; 0 into a loss).
        swap_h, swap_c: sin^2 of the bath beam-splitter angles (1 = full swap = thermalisation).
        cycles: number of cycles.

    Returns:
        A `CorrelatedEngineResult` (Q into the baths, W on the system).
    """
    w = [float(check_positive(w_h, "w_h")), float(check_positive(w_c, "w_c"))]
    Th, Tc = float(check_positive(T_h, "T_h")), float(check_positive(T_c, "T_c"))
    for name, v in (("swap_h", swap_h), ("swap_c", swap_c)):
        if not 0.0 <= v <= 1.0:
            raise ValueError(f"`{name}` must be in [0, 1] (a sin^2); got {v!r}.")
    if int(cycles) != cycles or cycles < 1:
        raise ValueError(f"`cycles` must be a positive integer; got {cycles!r}.")
    K = int(cycles)
    n_a, n_b = float(bose_occupation(w[0], Th)), float(bose_occupation(w[1], Tc))
    kap = np.sqrt(n_a * n_b) if kappa is None else kappa
    th = float(np.arctan(np.sqrt(n_a / n_b))) if theta is None else float(theta)
    M = 2 + 2 * K
    hot = [2 + 2 * k for k in range(K)]
    cold = [3 + 2 * k for k in range(K)]
    freqs = np.array(w + [w[0], w[1]] * K)
    occ = np.concatenate([[0.0, 0.0], np.ravel([[n_a, n_b]] * K)])
    s = np.diag(np.repeat(occ + 0.5, 2))
    s[:4, :4] = correlated_pair_covariance(n_a, n_b, kap)
    led = _Ledger(freqs, hot, cold, Th, Tc)
    mi0 = float(entropy(modes_block(s, [0])) + entropy(modes_block(s, [1])) - entropy(s[:4, :4]))
    Uw = embed_symplectic(beam_splitter(th, phi), [0, 1], M)
    rows: dict[str, list[float]] = {
        k: [] for k in ("W", "Qh", "Qc", "dU", "dS", "dSig", "r1", "r2")
    }
    occs = [mean_occupations(s)[:2]]
    for k in range(K):
        th_h, th_c = np.arcsin(np.sqrt(swap_h)), np.arcsin(np.sqrt(swap_c))
        Uh = embed_symplectic(beam_splitter(th_h), [0, hot[k]], M)
        Uc = embed_symplectic(beam_splitter(th_c), [1, cold[k]], M)
        start = led.snapshot(s)
        r1 = r2 = 0.0
        before = start
        for stroke, is_work in ((Uw, True), (Uc @ Uh, False)):
            s = stroke @ s @ stroke.T
            after = led.snapshot(s)
            dU = after["U"] - before["U"]
            Qh, Qc = after["E_h"] - before["E_h"], after["E_c"] - before["E_c"]
            W = (dU + Qh + Qc) if is_work else 0.0
            r1 = max(r1, abs(W - dU - Qh - Qc))
            r2 = max(
                r2,
                abs(
                    after["S_loc"]
                    - before["S_loc"]
                    + Qh / Th
                    + Qc / Tc
                    - (after["Sigma"] - before["Sigma"])
                ),
            )
            if is_work:
                rows["W"].append(W)
            before = after
        end = before
        rows["Qh"].append(end["E_h"] - start["E_h"])
        rows["Qc"].append(end["E_c"] - start["E_c"])
        rows["dU"].append(end["U"] - start["U"])
        rows["dS"].append(end["S_loc"] - start["S_loc"])
        rows["dSig"].append(end["Sigma"] - start["Sigma"])
        rows["r1"].append(r1)
        rows["r2"].append(r2)
        occs.append(mean_occupations(s)[:2])
    arr = {k: np.asarray(v) for k, v in rows.items()}
    return CorrelatedEngineResult(
        work=arr["W"],
        heat_hot=arr["Qh"],
        heat_cold=arr["Qc"],
        delta_energy=arr["dU"],
        delta_local_entropy=arr["dS"],
        delta_sigma=arr["dSig"],
        stroke_first_law_residual=arr["r1"],
        stroke_second_law_residual=arr["r2"],
        mutual_information_initial=mi0,
        occupations=np.asarray(occs),
        T_h=Th,
        T_c=Tc,
    )
