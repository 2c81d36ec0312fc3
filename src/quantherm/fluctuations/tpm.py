r"""Two-point-measurement (TPM) statistics of work and heat for unitary strokes and Otto cycles.

Work of a unitary stroke U from H_i to H_f under the TPM scheme (Talkner, Lutz & Haenggi
2007): measure H_i (outcome E_n, eigenprojector P_n), evolve, measure H_f (E'_m):

    p(W) = sum_{n,m} Tr[P'_m U P_n rho P_n U^dag] delta(W - (E'_m - E_n)).

For rho = exp(-beta H_i)/Z_i the Jarzynski equality <exp(-beta W)> = Z_f / Z_i holds.
Degenerate eigenvalues (closer than `tol`) are measured together (one projector).

The ideal quantum Otto cycle with full thermalisation (cold Gibbs state -> U_ch to H_h ->
hot thermalisation -> U_hc back to H_c -> cold thermalisation) renews itself every cycle,
so its per-cycle statistics of (W, Q_h, Q_c) follow from TPM at the four stroke
boundaries; W + Q_h + Q_c equals the change of the measured cold energy over the cycle
(zero on average). Sign convention: energy into the system is positive (an engine has
<W> < 0).

References: P. Talkner, E. Lutz, P. Haenggi, Phys. Rev. E 75, 050102 (2007),
doi:10.1103/PhysRevE.75.050102; C. Jarzynski, PRL 78, 2690 (1997);
M. Campisi, J. Pekola, R. Fazio, New J. Phys. 17, 035012 (2015).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .._checks import ComplexArray, FloatArray, check_hermitian, check_temperature
from ..core.states import gibbs_state

__all__ = ["OttoCycleStatistics", "WorkDistribution", "otto_cycle_statistics", "tpm_work"]


def _eig_projectors(H: ComplexArray, tol: float) -> tuple[FloatArray, list[ComplexArray]]:
    e, V = np.linalg.eigh(H)
    groups: list[list[int]] = [[0]]
    for i in range(1, e.size):
        (groups[-1].append(i) if e[i] - e[groups[-1][0]] < tol else groups.append([i]))
    E = np.array([np.mean(e[g]) for g in groups])
    P = [V[:, g] @ np.conj(V[:, g]).T for g in groups]
    return E, P


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkDistribution:
    """A discrete distribution of TPM work W (values, probabilities), W > 0 done on the system."""

    values: FloatArray
    probabilities: FloatArray

    @property
    def mean(self) -> float:
        """<W>."""
        return float(np.sum(self.values * self.probabilities))

    @property
    def variance(self) -> float:
        """<W^2> - <W>^2."""
        return float(np.sum(self.values**2 * self.probabilities) - self.mean**2)

    def average_exp(self, beta: float) -> float:
        """<exp(-beta W)> (the Jarzynski average)."""
        return float(np.sum(np.exp(-beta * self.values) * self.probabilities))

    def characteristic(self, u: Any) -> ComplexArray:
        """G(u) = <exp(i u W)> for real u (any shape)."""
        u_arr = np.asarray(u, dtype=float)
        return np.asarray(
            np.sum(np.exp(1j * u_arr[..., None] * self.values) * self.probabilities, axis=-1)
        )


def tpm_work(
    H_i: Any, H_f: Any, U: Any, *, rho0: Any = None, T: float | None = None, tol: float = 1e-9
) -> WorkDistribution:
    r"""TPM work distribution of a unitary stroke U taking H_i to H_f.

    Args:
        H_i, H_f: initial and final Hamiltonians (d, d).
        U: the unitary of the stroke (d, d).
        rho0: initial state; or give `T` for the Gibbs state of H_i (exactly one of them).
        tol: eigenvalues closer than this form one measurement outcome.

    Returns:
        `WorkDistribution` over the outcomes E'_m - E_n (zero-probability ones dropped).

    Raises:
        ValueError: non-Hermitian H, non-unitary U, or not exactly one of rho0 / T.
    """
    Hi = check_hermitian(H_i, "H_i")
    Hf = check_hermitian(H_f, "H_f")
    Um = np.asarray(U, dtype=np.complex128)
    d = Hi.shape[-1]
    if Hi.ndim != 2 or Hf.shape != Hi.shape or Um.shape != Hi.shape:
        raise ValueError(
            f"`H_i`, `H_f` and `U` must be ({d}, {d}) matrices; "
            f"got {Hi.shape}, {Hf.shape}, {Um.shape}."
        )
    if not np.allclose(Um @ np.conj(Um).T, np.eye(d), atol=1e-10):
        raise ValueError(
            "`U` must be unitary (U U^dag = 1); got a non-unitary matrix. "
            "Use expm(-1j * K * t) of a Hermitian K."
        )
    if (rho0 is None) == (T is None):
        raise ValueError(
            "give exactly one of `rho0` (initial state) or `T` (Gibbs state of H_i); got "
            f"{'both' if rho0 is not None else 'neither'}."
        )
    Ei, Pi = _eig_projectors(Hi, tol)
    Ef, Pf = _eig_projectors(Hf, tol)
    Ud = np.conj(Um).T
    if T is not None:
        # Gibbs start: p_n from exact Boltzmann weights (no cancellation in exp(-beta W) averages)
        Tv = float(check_temperature(T, "T"))
        deg = np.array([float(np.real(np.trace(P))) for P in Pi])
        logw = (
            np.log(deg) - (Ei - Ei.min()) / Tv
            if Tv > 0
            else np.where(np.arange(Ei.size) == 0, 0.0, -np.inf)
        )
        pn = np.exp(logw - np.logaddexp.reduce(logw))
        cond = [
            [float(np.real(np.trace(Q @ Um @ P @ Ud))) / deg[n] for Q in Pf]
            for n, P in enumerate(Pi)
        ]
    else:
        rho = np.asarray(rho0, dtype=np.complex128)
        pn = np.array([float(np.real(np.trace(P @ rho))) for P in Pi])
        cond = [
            [
                float(np.real(np.trace(Q @ Um @ P @ rho @ P @ Ud))) / pn[n] if pn[n] > 0 else 0.0
                for Q in Pf
            ]
            for n, P in enumerate(Pi)
        ]
    vals, probs = [], []
    for n in range(Ei.size):
        for m in range(Ef.size):
            p = pn[n] * cond[n][m]
            if p > 1e-300:
                vals.append(Ef[m] - Ei[n])
                probs.append(p)
    return WorkDistribution(values=np.array(vals), probabilities=np.array(probs))


@dataclass(frozen=True, slots=True, kw_only=True)
class OttoCycleStatistics:
    """Per-cycle outcomes of the ideal Otto cycle: arrays of equal length with probabilities.

    Attributes:
        work, heat_h, heat_c: per-outcome W, Q_h, Q_c (energy into the system).
        probabilities: their joint probabilities (sum to 1).
    """

    work: FloatArray
    heat_h: FloatArray
    heat_c: FloatArray
    probabilities: FloatArray

    def mean(self, quantity: str) -> float:
        """Mean of "work", "heat_h" or "heat_c"."""
        return float(np.sum(getattr(self, quantity) * self.probabilities))

    def variance(self, quantity: str) -> float:
        """Variance of "work", "heat_h" or "heat_c"."""
        x = getattr(self, quantity)
        return float(np.sum(x**2 * self.probabilities) - self.mean(quantity) ** 2)


def otto_cycle_statistics(
    H_c: Any, H_h: Any, U_ch: Any, U_hc: Any, *, T_c: float, T_h: float, tol: float = 1e-9
) -> OttoCycleStatistics:
    r"""Joint per-cycle TPM statistics of work and heats of the ideal quantum Otto cycle.

    Strokes: cold Gibbs state of H_c -> U_ch (H_c to H_h) -> full thermalisation at T_h ->
    U_hc (H_h to H_c) -> full thermalisation at T_c. Energies are measured at every stroke
    boundary: W = (E^h_m - E^c_n) + (E^c_l - E^h_k), Q_h = E^h_k - E^h_m,
    Q_c = E^c_n' - E^c_l with n' the next cycle's first outcome.
    """
    Hc = check_hermitian(H_c, "H_c")
    Hh = check_hermitian(H_h, "H_h")
    Tc = check_temperature(T_c, "T_c")
    Th = check_temperature(T_h, "T_h")
    Ec, Pc = _eig_projectors(Hc, tol)
    Eh, Ph = _eig_projectors(Hh, tol)
    gc = np.array([float(np.real(np.trace(P @ gibbs_state(Hc, Tc)))) for P in Pc])
    gh = np.array([float(np.real(np.trace(P @ gibbs_state(Hh, Th)))) for P in Ph])
    U1 = np.asarray(U_ch, dtype=np.complex128)
    U2 = np.asarray(U_hc, dtype=np.complex128)

    def transition(
        Pa: list[ComplexArray], Pb: list[ComplexArray], U: ComplexArray, pa: FloatArray
    ) -> FloatArray:
        # p(b | a) for the Gibbs state restricted to outcome a (proportional to P_a)
        out = np.zeros((len(Pa), len(Pb)))
        for a, P in enumerate(Pa):
            tr = float(np.real(np.trace(P)))
            for b, Q in enumerate(Pb):
                out[a, b] = float(np.real(np.trace(Q @ U @ P @ np.conj(U).T))) / tr
        return out

    # within a degenerate outcome the Gibbs state is proportional to the projector
    T1 = transition(Pc, Ph, U1, gc)
    T2 = transition(Ph, Pc, U2, gh)
    n, m, k, l, n2 = np.meshgrid(
        *(np.arange(s) for s in (Ec.size, Eh.size, Eh.size, Ec.size, Ec.size)), indexing="ij"
    )
    p = gc[n] * T1[n, m] * gh[k] * T2[k, l] * gc[n2]
    W = (Eh[m] - Ec[n]) + (Ec[l] - Eh[k])
    Qh = Eh[k] - Eh[m]
    Qc = Ec[n2] - Ec[l]
    keep = p.ravel() > 1e-300
    return OttoCycleStatistics(
        work=W.ravel()[keep],
        heat_h=Qh.ravel()[keep],
        heat_c=Qc.ravel()[keep],
        probabilities=p.ravel()[keep],
    )
