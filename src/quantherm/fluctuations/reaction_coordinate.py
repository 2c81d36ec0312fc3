r"""Strong system-bath coupling through a reaction coordinate (RC).

A bath with the underdamped Brownian spectral density (QuTiP's `UnderDampedBath`
convention, J(omega) = pi sum_k g_k^2 delta(omega - omega_k) for a coupling Q x sum_k g_k
(b_k + b_k^dag)),

    J(omega) = lam^2 Gamma omega / ((omega_0^2 - omega^2)^2 + Gamma^2 omega^2),

is mapped exactly onto one harmonic mode, the reaction coordinate, of frequency
Omega = omega_0, coupled as g_rc Q (a + a^dag) with g_rc = lam / sqrt(2 omega_0), plus a
residual ohmic bath coupled to (a + a^dag) whose spectral density (in quantherm's rate
convention, `OhmicSpectrum`) is J_res(omega) = (Gamma / omega_0) omega, so the RC is
damped at the rate Gamma. The residual bath is weak when Gamma << omega_0 and is treated
by the global (secular) master equation of the enlarged system H_S + RC, which thermalises
to the Gibbs state of the enlarged system: the mean-force state at strong coupling.

Energy booking: the enlarged system holds the RC and the system-RC interaction, so the
heat exchanged with each residual bath is the heat of the original bath (exact in a
steady state). The residual-bath counterterm is dropped (standard for a Markovian
residual bath); the RC's Fock space is truncated to `n_levels`, which must hold the
(displaced) thermal state of the mode.

References: J. Iles-Smith, N. Lambert, A. Nazir, Phys. Rev. A 90, 032114 (2014),
doi:10.1103/PhysRevA.90.032114; P. Strasberg, G. Schaller, N. Lambert, T. Brandes,
New J. Phys. 18, 073007 (2016), doi:10.1088/1367-2630/18/7/073007.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._checks import ComplexArray, check_hermitian, check_positive, check_temperature
from ..baths.bath import Bath
from ..baths.spectral import OhmicSpectrum
from ..core.operators import destroy, embed
from ..core.states import gibbs_state, partial_trace
from .counting import CountingModel, counting_master_equation

__all__ = ["ReactionCoordinateModel", "UnderdampedBath", "reaction_coordinate"]


@dataclass(frozen=True, slots=True, kw_only=True)
class UnderdampedBath:
    r"""A structured bosonic bath with an underdamped Brownian spectral density.

    J(omega) = lam^2 Gamma omega / ((omega_0^2 - omega^2)^2 + Gamma^2 omega^2) in QuTiP's
    `UnderDampedBath(Q, lam, gamma, w0, T, Nk)` convention (twice that in quantherm's rate
    convention of `quantherm.baths`).

    Attributes:
        name: bath name (books heat); T: temperature; lam: coupling strength;
        gamma: width Gamma; w0: peak frequency omega_0.
    """

    name: str
    T: float
    lam: float
    gamma: float
    w0: float

    def __post_init__(self) -> None:
        check_temperature(self.T, "T")
        check_positive(self.lam, "lam", allow_zero=True)
        check_positive(self.gamma, "gamma")
        check_positive(self.w0, "w0")

    @property
    def rc_frequency(self) -> float:
        """Omega = omega_0."""
        return float(self.w0)

    @property
    def rc_coupling(self) -> float:
        """g_rc = lam / sqrt(2 omega_0)."""
        return float(self.lam / np.sqrt(2 * self.w0))

    def residual(self, cutoff: float = np.inf) -> Bath:
        """The residual Markovian bath of the RC: ohmic, J_res = (Gamma / omega_0) omega."""
        return Bath(
            name=self.name, T=self.T, spectral_density=OhmicSpectrum(self.gamma / self.w0, cutoff)
        )


@dataclass(frozen=True, eq=False)
class ReactionCoordinateModel:
    """The enlarged system (system x reaction coordinates) with its residual baths.

    Attributes:
        H: enlarged Hamiltonian; dims: [d_S, n_1, ..., n_K].
        model: the counting model (global master equation of H with the residual baths).
    """

    H: ComplexArray
    dims: tuple[int, ...]
    model: CountingModel

    def reduced(self, rho: Any) -> ComplexArray:
        """The system's state: partial trace over the reaction coordinates."""
        return partial_trace(rho, self.dims, 0)


def reaction_coordinate(
    H_S: Any,
    couplings: Sequence[tuple[Any, UnderdampedBath]],
    *,
    n_levels: int = 10,
    residual_cutoff: float = np.inf,
    occupation_tol: float = 1e-4,
) -> ReactionCoordinateModel:
    r"""Map structured baths onto reaction coordinates plus residual Markovian baths.

    H = H_S + sum_k [Omega_k a_k^dag a_k + g_k Q_k (a_k + a_k^dag)]; residual bath k couples
    to a_k + a_k^dag. Sign convention: heat is energy into the enlarged system (> 0 when
    bath k heats it).

    Args:
        H_S: system Hamiltonian (d_S, d_S).
        couplings: (Q_k, UnderdampedBath) pairs, one reaction coordinate each.
        n_levels: Fock levels kept per reaction coordinate.
        residual_cutoff: exponential cutoff of the residual ohmic baths (default none).
        occupation_tol: the largest allowed population of the top Fock level of each RC in
            the Gibbs state of the enlarged system at each bath's temperature.

    Raises:
        ValueError: `n_levels` too small to hold the thermal (displaced) state of an RC,
            non-Hermitian operators, or an empty coupling list.
    """
    Hs = check_hermitian(H_S, "H_S")
    if Hs.ndim != 2:
        raise ValueError(f"`H_S` must be a single (d, d) Hamiltonian; got shape {Hs.shape}.")
    if not couplings:
        raise ValueError("`couplings` must hold at least one (Q, UnderdampedBath) pair; got none.")
    if not isinstance(n_levels, int) or n_levels < 2:
        raise ValueError(f"`n_levels` must be an integer >= 2; got {n_levels!r}.")
    ds = Hs.shape[0]
    K = len(couplings)
    dims = (ds, *([n_levels] * K))

    def emb(op: ComplexArray, idx: int) -> ComplexArray:
        return embed(op, list(dims), idx)

    a = destroy(n_levels)
    H = emb(Hs, 0)
    res = []
    for k, (Q, bath) in enumerate(couplings):
        if not isinstance(bath, UnderdampedBath):
            raise TypeError(
                f"`couplings[{k}]` must pair an operator with an UnderdampedBath; "
                f"got {type(bath).__name__}."
            )
        Qm = check_hermitian(Q, f"couplings[{k}] operator")
        if Qm.shape != (ds, ds):
            raise ValueError(f"`couplings[{k}]` operator must be ({ds}, {ds}); got {Qm.shape}.")
        X = emb(a + a.conj().T, k + 1)
        H = H + bath.rc_frequency * emb(a.conj().T @ a, k + 1) + bath.rc_coupling * emb(Qm, 0) @ X
        res.append((X, bath.residual(residual_cutoff)))
    for k, (_, bath) in enumerate(couplings):
        if bath.T > 0:
            rho = gibbs_state(H, bath.T)
            pops = np.real(np.diagonal(partial_trace(rho, dims, k + 1)))
            if pops[-1] > occupation_tol:
                raise ValueError(
                    f"`n_levels` = {n_levels} is too small to hold the thermal state of reaction "
                    f"coordinate {k} ({bath.name!r}, T={bath.T:g}): its top Fock level holds "
                    f"{pops[-1]:.2g} > {occupation_tol:g}. Increase `n_levels`."
                )
    model = counting_master_equation(H, res, kind="global")
    return ReactionCoordinateModel(H=H, dims=dims, model=model)
