r"""Correlated locally thermal states, energy-preserving interactions and the heat they exchange.

Generalized second law with initial correlations (Partovi; Jennings & Rudolph): for
locally thermal A, B (Gibbs at T_A, T_B) and any unitary U with [U, H_A + H_B] = 0,

    beta_A Q_A + beta_B Q_B = Delta I(A:B) + D(rho_A' || gamma_A) + D(rho_B' || gamma_B)
                            >= Delta I(A:B),

with Q_X the energy gained by X (heat, because the interaction conserves H_A + H_B). With
Q_B = -Q_A: (beta_B - beta_A) Q_A <= -Delta I, so heat can flow from cold to hot only by
consuming correlations. Bera et al. with a bath B whose marginal is thermal at T:
W = Delta E_S - T Delta S(S|B) + T D(rho_B' || gamma_B) for any unitary on SB, so
W >= Delta F(S|B) with F(S|B) = E_S - T S(S|B).

Sign convention: heat positive when the subsystem gains energy; entropies in nats.

References:
    M. H. Partovi, PRE 77, 021110 (2008), doi:10.1103/PhysRevE.77.021110.
    D. Jennings, T. Rudolph, PRE 81, 061130 (2010), doi:10.1103/PhysRevE.81.061130.
    K. Micadei et al., Nat. Commun. 10, 2456 (2019), doi:10.1038/s41467-019-10333-7.
    M. N. Bera, A. Riera, M. Lewenstein, A. Winter, Nat. Commun. 8, 2180 (2017),
    doi:10.1038/s41467-017-02370-x.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._checks import ComplexArray, check_density_matrix, check_hermitian, check_temperature
from .._config import get_options
from ..core.operators import dag
from ..core.states import entropy_relative, entropy_vn, gibbs_state, partial_trace
from .quantities import conditional_entropy

__all__ = [
    "GeneralizedBooks",
    "HeatExchange",
    "conditional_free_energy",
    "correlated_state",
    "energy_blocks",
    "generalized_books",
    "heat_exchange",
    "interaction_unitary_micadei",
    "is_energy_preserving",
    "max_heat_gain",
    "random_energy_preserving_unitary",
    "thermal_qubits_correlated",
    "werner_state",
]


def correlated_state(
    rho_a: Any, rho_b: Any, chi: Any, *, atol: float | None = None
) -> ComplexArray:
    r"""rho_AB = rho_A ⊗ rho_B + chi with chi leaving both marginals unchanged.

    Args:
        rho_a, rho_b: prescribed marginals (d_A, d_A), (d_B, d_B).
        chi: correlation term (d_A d_B, d_A d_B), Hermitian with Tr_A chi = Tr_B chi = 0.

    Raises:
        ValueError: chi changes a marginal, is not Hermitian, or the sum is not positive
            (the message gives the smallest eigenvalue).
    """
    tol = get_options().atol_state if atol is None else atol
    a = check_density_matrix(rho_a, "rho_a")
    b = check_density_matrix(rho_b, "rho_b")
    c = check_hermitian(chi, "chi")
    dims = (a.shape[-1], b.shape[-1])
    D = dims[0] * dims[1]
    if c.shape != (D, D):
        raise ValueError(f"`chi` must have shape ({D}, {D}); got {c.shape}.")
    for keep, label in ((0, "A"), (1, "B")):
        dev = float(np.max(np.abs(partial_trace(c, dims, keep))))
        if dev > tol:
            raise ValueError(
                f"`chi` must leave the marginal of {label} unchanged (zero partial trace); got "
                f"max |Tr chi| = {dev:.3g}. Use a correlation term with vanishing partial traces."
            )
    rho = np.kron(a, b) + c
    lam = float(np.linalg.eigvalsh(rho).min())
    if lam < -tol:
        raise ValueError(
            "`chi` must keep the correlated state positive; got smallest eigenvalue "
            f"{lam:.3g} of rho_A ⊗ rho_B + chi. Reduce the correlation strength."
        )
    return rho


def _qubit_excited(T: float, omega: float) -> float:
    if T == 0.0:
        return 0.0
    return 1.0 / (1.0 + math.exp(omega / T))


def thermal_qubits_correlated(
    T_a: float, T_b: float, alpha: complex, omega: float = 1.0
) -> ComplexArray:
    r"""Micadei et al.'s initial state gamma_A ⊗ gamma_B + alpha|01><10| + alpha^*|10><01|.

    Qubits with H_i = omega |1><1| (ground |0>), ordering |AB>. Both marginals are exactly
    thermal. Positivity requires |alpha|^2 <= (1 - p_A) p_B p_A (1 - p_B), p_i the excited
    populations.

    Raises:
        ValueError: if |alpha| exceeds the positivity limit.
    """
    Ta = float(check_temperature(T_a, "T_a"))
    Tb = float(check_temperature(T_b, "T_b"))
    pa, pb = _qubit_excited(Ta, omega), _qubit_excited(Tb, omega)
    ga = np.diag([1 - pa, pa]).astype(np.complex128)
    gb = np.diag([1 - pb, pb]).astype(np.complex128)
    chi = np.zeros((4, 4), dtype=np.complex128)
    chi[1, 2] = alpha
    chi[2, 1] = np.conj(alpha)
    limit = math.sqrt((1 - pa) * pb * pa * (1 - pb))
    if abs(alpha) > limit * (1 + 1e-12) + 1e-15:
        raise ValueError(
            f"`alpha` must satisfy |alpha| <= sqrt(P01 P10) = {limit:.6g} for a positive state; "
            f"got |alpha| = {abs(alpha):.6g}. The correlated state would not be positive."
        )
    return correlated_state(ga, gb, chi)


def werner_state(p: float) -> ComplexArray:
    """p |Psi-><Psi-| + (1 - p) 1/4 on two qubits (p in [-1/3, 1] for positivity)."""
    if not -1.0 / 3.0 <= p <= 1.0:
        raise ValueError(f"`p` must be in [-1/3, 1] for a positive Werner state; got {p!r}.")
    psi = np.array([0.0, 1.0, -1.0, 0.0]) / math.sqrt(2.0)
    return np.asarray(p * np.outer(psi, psi) + (1 - p) * np.eye(4) / 4, dtype=np.complex128)


def energy_blocks(H: Any, *, tol: float | None = None) -> list[np.ndarray]:
    """Index sets of the degenerate eigenspaces of a diagonal Hamiltonian."""
    Hm = check_hermitian(H, "H")
    off = Hm - np.diag(np.diag(Hm))
    if np.max(np.abs(off)) > 0:
        raise ValueError("`H` must be diagonal in the computational basis; got off-diagonal terms.")
    e = np.real(np.diag(Hm))
    t = get_options().degeneracy_tol if tol is None else tol
    blocks: list[np.ndarray] = []
    used = np.zeros(e.size, dtype=bool)
    for i in range(e.size):
        if not used[i]:
            idx = np.flatnonzero(np.abs(e - e[i]) <= t)
            used[idx] = True
            blocks.append(idx)
    return blocks


def random_energy_preserving_unitary(
    H: Any, rng: np.random.Generator | int | None = None
) -> ComplexArray:
    """A Haar-random unitary on each degenerate eigenspace of a diagonal H ([U, H] = 0)."""
    gen = np.random.default_rng(rng)
    Hm = check_hermitian(H, "H")
    U = np.zeros(Hm.shape, dtype=np.complex128)
    for idx in energy_blocks(Hm):
        n = idx.size
        Z = (gen.normal(size=(n, n)) + 1j * gen.normal(size=(n, n))) / math.sqrt(2)
        Q, R = np.linalg.qr(Z)
        Q = Q * (np.diag(R) / np.abs(np.diag(R)))
        U[np.ix_(idx, idx)] = Q
    return U


def is_energy_preserving(U: Any, H: Any, *, atol: float = 1e-10) -> bool:
    """True when [U, H] = 0 within `atol` (relative to ||H||)."""
    Um = np.asarray(U, dtype=np.complex128)
    Hm = np.asarray(H, dtype=np.complex128)
    return bool(np.max(np.abs(Um @ Hm - Hm @ Um)) <= atol * max(1.0, float(np.max(np.abs(Hm)))))


@dataclass(frozen=True, slots=True, kw_only=True)
class HeatExchange:
    """Books of an energy-preserving interaction between locally thermal A and B.

    Numbers are floats for one interaction and arrays of shape (...) for a batch of them.

    Attributes:
        heat_a, heat_b: energy gained by A and B (heat; heat_a = -heat_b).
        mutual_information_initial, mutual_information_final: I(A:B) before and after.
        delta_mutual_information: I_final - I_initial.
        relative_entropy_a, relative_entropy_b: D(rho_X' || gamma_X) after the interaction.
        law_residual: beta_A Q_A + beta_B Q_B - Delta I - D_A - D_B (zero: the identity).
        second_law_margin: beta_A Q_A + beta_B Q_B - Delta I (>= 0: the generalized second law).
        energy_residual: |Q_A + Q_B| (zero for an energy-preserving interaction).
        rho_final: the state after the interaction.
    """

    heat_a: Any
    heat_b: Any
    mutual_information_initial: float
    mutual_information_final: Any
    delta_mutual_information: Any
    relative_entropy_a: Any
    relative_entropy_b: Any
    law_residual: Any
    second_law_margin: Any
    energy_residual: Any
    rho_final: ComplexArray


def heat_exchange(
    rho: Any, H_a: Any, H_b: Any, U: Any, T_a: float, T_b: float, *, check_marginals: bool = True
) -> HeatExchange:
    r"""Heat, correlation change and the Partovi/Jennings-Rudolph identity for rho -> U rho U^dag.

    Args:
        rho: initial state of A ⊗ B (A first), with thermal marginals at T_a, T_b.
        H_a, H_b: local Hamiltonians.
        U: interaction unitary on A ⊗ B, or a batch (..., d, d) of them; each must commute
            with H_A + H_B.
        T_a, T_b: temperatures (> 0).

    Returns:
        A `HeatExchange`; its numbers are floats for one U and arrays of shape (...) for a batch.

    Raises:
        ValueError: U does not preserve H_A + H_B (then energy changes include work), or a
            marginal is not thermal (the identity assumes it).
    """
    r = check_density_matrix(rho, "rho")
    Ha = check_hermitian(H_a, "H_a")
    Hb = check_hermitian(H_b, "H_b")
    Ta = float(check_temperature(T_a, "T_a"))
    Tb = float(check_temperature(T_b, "T_b"))
    if Ta <= 0 or Tb <= 0:
        raise ValueError(f"`T_a`, `T_b` must be > 0; got {Ta!r}, {Tb!r}.")
    dims = (Ha.shape[-1], Hb.shape[-1])
    Htot = np.kron(Ha, np.eye(dims[1])) + np.kron(np.eye(dims[0]), Hb)
    Um = np.asarray(U, dtype=np.complex128)
    if Um.shape[-2:] != r.shape:
        raise ValueError(f"`U` must have shape (..., {r.shape[0]}, {r.shape[1]}); got {Um.shape}.")
    eye = np.eye(r.shape[0])
    if np.max(np.abs(dag(Um) @ Um - eye)) > 1e-8:
        raise ValueError("`U` must be unitary (U^dagger U = 1); got a matrix that is not.")
    scale = max(1.0, float(np.max(np.abs(Htot))))
    if np.max(np.abs(Um @ Htot - Htot @ Um)) > 1e-10 * scale:
        raise ValueError(
            "`U` must commute with H_A + H_B (energy-preserving interaction), otherwise the energy "
            "changes contain work, not only heat; got a non-commuting U."
        )
    ga, gb = gibbs_state(Ha, Ta), gibbs_state(Hb, Tb)
    ra0, rb0 = partial_trace(r, dims, 0), partial_trace(r, dims, 1)
    if check_marginals:
        for r0, g, label in ((ra0, ga, "A"), (rb0, gb, "B")):
            dev = float(np.max(np.abs(r0 - g)))
            if dev > 1e-8:
                raise ValueError(
                    f"the marginal of {label} must be thermal at its temperature; got max "
                    f"deviation {dev:.3g} from the Gibbs state."
                )
    rf = Um @ r @ dag(Um)
    ra1, rb1 = partial_trace(rf, dims, 0), partial_trace(rf, dims, 1)
    qa = np.real(np.einsum("ij,...ji->...", Ha, ra1)) - float(np.real(np.trace(Ha @ ra0)))
    qb = np.real(np.einsum("ij,...ji->...", Hb, rb1)) - float(np.real(np.trace(Hb @ rb0)))
    i0 = float(entropy_vn(ra0) + entropy_vn(rb0) - entropy_vn(r))
    i1 = entropy_vn(ra1) + entropy_vn(rb1) - entropy_vn(rf)
    da = entropy_relative(ra1, np.broadcast_to(ga, ra1.shape))
    db = entropy_relative(rb1, np.broadcast_to(gb, rb1.shape))
    lhs = qa / Ta + qb / Tb
    return HeatExchange(
        heat_a=_scalar(qa),
        heat_b=_scalar(qb),
        mutual_information_initial=i0,
        mutual_information_final=_scalar(i1),
        delta_mutual_information=_scalar(i1 - i0),
        relative_entropy_a=_scalar(da),
        relative_entropy_b=_scalar(db),
        law_residual=_scalar(lhs - (i1 - i0) - da - db),
        second_law_margin=_scalar(lhs - (i1 - i0)),
        energy_residual=_scalar(np.abs(qa + qb)),
        rho_final=rf,
    )


def _scalar(x: Any) -> Any:
    """A float for a single point, the array for a batch."""
    arr = np.asarray(x, dtype=np.float64)
    return float(arr) if arr.ndim == 0 else arr


def max_heat_gain(rho: Any, H_a: Any, H_b: Any) -> float:
    r"""Largest energy gain of A over all unitaries commuting with H_A + H_B (diagonal H's).

    Within each degenerate block of H_A + H_B the best unitary pairs the eigenvalues of the
    block of rho with those of H_A there in the same order (von Neumann trace inequality).
    """
    r = check_density_matrix(rho, "rho")
    Ha = check_hermitian(H_a, "H_a")
    Hb = check_hermitian(H_b, "H_b")
    dA, dB = Ha.shape[-1], Hb.shape[-1]
    HA = np.kron(Ha, np.eye(dB))
    Htot = HA + np.kron(np.eye(dA), Hb)
    e_a = np.real(np.diag(HA))
    best = 0.0
    for idx in energy_blocks(Htot):
        lam = np.sort(np.linalg.eigvalsh(r[np.ix_(idx, idx)]))[::-1]
        best += float(np.dot(lam, np.sort(e_a[idx])[::-1]))
    return best - float(np.real(np.trace(HA @ r)))


def conditional_free_energy(rho: Any, H_s: Any, T: float, dims: tuple[int, int]) -> float:
    """F(S|B) = E_S - T S(S|B) for S the first factor of a bipartite state (Bera et al.)."""
    r = np.asarray(rho, dtype=np.complex128)
    Hs = check_hermitian(H_s, "H_s")
    rs = partial_trace(r, dims, 0)
    return float(np.real(np.trace(Hs @ rs)) - float(T) * float(conditional_entropy(r, dims, [0])))


def interaction_unitary_micadei(theta: Any) -> ComplexArray:
    """exp(-i theta (sx^A sy^B - sy^A sx^B)/2): a partial swap by theta in span{|01>, |10>}.

    U|01> = cos(theta)|01> - sin(theta)|10>, U|10> = sin(theta)|01> + cos(theta)|10>; with
    theta = pi J tau this is exp(-i H_AB tau) for H_AB = (pi/2) J (sx sy - sy sx) (hbar = 1).
    Batched over `theta` (shape (...,) -> (..., 4, 4)).
    """
    th = np.asarray(theta, dtype=np.float64)
    U = np.zeros((*th.shape, 4, 4), dtype=np.complex128)
    c, s_ = np.cos(th), np.sin(th)
    U[..., 0, 0] = U[..., 3, 3] = 1.0
    U[..., 1, 1] = U[..., 2, 2] = c
    U[..., 1, 2] = s_
    U[..., 2, 1] = -s_
    return U


@dataclass(frozen=True, slots=True, kw_only=True)
class GeneralizedBooks:
    """Bera et al. books of a unitary on S ⊗ B with B's marginal initially thermal at T.

    Attributes:
        work: W = Delta <H_S + H_B> (work done on SB).
        delta_energy_system: Delta E_S.
        heat: Q = -T Delta S(S|B), the information-corrected heat dissipated to the bath.
        relative_entropy_bath: D(rho_B' || gamma_B) after the process (>= 0).
        delta_free_energy_conditional: Delta F(S|B), F(S|B) = E_S - T S(S|B).
        delta_free_energy_naive: Delta (E_S - T S(S)) (the law without correlations).
        identity_residual: W - [Delta E_S - T Delta S(S|B) + T D(rho_B' || gamma_B)] (zero).
        second_law_margin: W - Delta F(S|B) (>= 0).
        naive_margin: W - Delta F_naive (can be negative when S and B are correlated).
    """

    work: float
    delta_energy_system: float
    heat: float
    relative_entropy_bath: float
    delta_free_energy_conditional: float
    delta_free_energy_naive: float
    identity_residual: float
    second_law_margin: float
    naive_margin: float


def generalized_books(rho: Any, U: Any, H_s: Any, H_b: Any, T: float) -> GeneralizedBooks:
    r"""Work, conditional free energy and the Bera et al. identity for rho -> U rho U^dag.

    W = Delta E_S - T Delta S(S|B) + T D(rho_B' || gamma_B) holds exactly when the bath
    marginal starts in gamma_B (Gibbs at T); hence W >= Delta F(S|B).

    Raises:
        ValueError: if the bath marginal is not thermal at T.

    References:
        Bera, Riera, Lewenstein & Winter, Nat. Commun. 8, 2180 (2017).
    """
    r = check_density_matrix(rho, "rho")
    Hs = check_hermitian(H_s, "H_s")
    Hb = check_hermitian(H_b, "H_b")
    Tm = float(check_temperature(T))
    if Tm <= 0:
        raise ValueError(f"`T` must be > 0; got {T!r}.")
    dims = (Hs.shape[-1], Hb.shape[-1])
    gb = gibbs_state(Hb, Tm)
    dev = float(np.max(np.abs(partial_trace(r, dims, 1) - gb)))
    if dev > 1e-8:
        raise ValueError(
            f"the bath marginal must start thermal at T = {Tm:g}; got max deviation {dev:.3g}."
        )
    Um = np.asarray(U, dtype=np.complex128)
    rf = Um @ r @ dag(Um)
    Htot = np.kron(Hs, np.eye(dims[1])) + np.kron(np.eye(dims[0]), Hb)
    work = float(np.real(np.trace(Htot @ (rf - r))))

    def energy_s(x: ComplexArray) -> float:
        return float(np.real(np.trace(Hs @ partial_trace(x, dims, 0))))

    dE = energy_s(rf) - energy_s(r)
    dScond = float(conditional_entropy(rf, dims, [0]) - conditional_entropy(r, dims, [0]))
    dS = float(entropy_vn(partial_trace(rf, dims, 0)) - entropy_vn(partial_trace(r, dims, 0)))
    D = float(entropy_relative(partial_trace(rf, dims, 1), gb))
    dF_cond = dE - Tm * dScond
    dF_naive = dE - Tm * dS
    return GeneralizedBooks(
        work=work,
        delta_energy_system=dE,
        heat=-Tm * dScond,
        relative_entropy_bath=D,
        delta_free_energy_conditional=dF_cond,
        delta_free_energy_naive=dF_naive,
        identity_residual=work - (dE - Tm * dScond + Tm * D),
        second_law_margin=work - dF_cond,
        naive_margin=work - dF_naive,
    )
