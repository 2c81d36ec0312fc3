"""Quasi-classical (energy-incoherent) states: populations, Gibbs vectors, dephasing.

A state with [rho, H] = 0 is described by its populations p over the energy eigenstates
(within a degenerate level, by the eigenvalues of rho restricted to it, since an
energy-preserving unitary is a free thermal operation). Everything in the resource theory
of block-diagonal states is a classical problem on (p, gamma), gamma_i = e^{-E_i/T}/Z.

Conventions: k_B = 1, natural logarithms; energies and T share one unit.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from .._checks import (
    ComplexArray,
    FloatArray,
    as_array,
    check_density_matrix,
    check_dims,
    check_hermitian,
)
from .._config import get_options
from ._validate import check_energies, check_population_vector, check_temperature_positive

__all__ = ["as_populations", "dephase", "gibbs_populations"]


def _energies_and_basis(H: Any) -> tuple[FloatArray, ComplexArray | None]:
    """Levels (ascending when H is a matrix) and eigenbasis (None when H is given as levels)."""
    h = as_array(H, "H")
    if h.ndim == 1:
        return check_energies(np.real(h)), None
    hm = check_hermitian(h, "H")
    if hm.ndim != 2:
        raise ValueError(f"`H` must be one Hamiltonian of shape (d, d); got shape {hm.shape}.")
    E, V = np.linalg.eigh(hm)
    return np.asarray(E, dtype=np.float64), np.asarray(V)


def _blocks(E: FloatArray) -> list[npt.NDArray[np.intp]]:
    """Index groups of degenerate levels (|E_i - E_j| <= degeneracy_tol, after sorting)."""
    tol = get_options().degeneracy_tol
    order = np.argsort(E, kind="stable")
    groups: list[list[int]] = [[int(order[0])]]
    for a, b in itertools.pairwise(order):
        if E[b] - E[a] <= tol * max(1.0, abs(float(E[a]))):
            groups[-1].append(int(b))
        else:
            groups.append([int(b)])
    return [np.asarray(g, dtype=np.intp) for g in groups]


def _energy_basis_matrix(rho: Any, H: Any, name: str) -> tuple[ComplexArray, FloatArray]:
    E, V = _energies_and_basis(H)
    r = check_density_matrix(rho, name)
    if r.ndim != 2:
        raise ValueError(
            f"`{name}` must be one density matrix of shape (d, d); got shape {r.shape}."
        )
    check_dims(r, E.size, name, "H")
    R = r if V is None else np.conj(V.T) @ r @ V
    return R, E


def as_populations(rho: Any, H: Any, *, name: str = "rho") -> tuple[FloatArray, FloatArray]:
    """Populations and energy levels of a block-diagonal state.

    Args:
        rho: population vector of shape (d,) over the levels of `H`, or a density matrix
            (d, d) (ndarray or QuTiP ``Qobj``) that commutes with `H`.
        H: energy levels (d,) or a Hamiltonian (d, d). When `H` is a matrix the levels come
            back in ascending order and `rho` must be a matrix.
        name: argument name used in error messages.

    Returns:
        (p, E): populations (non-negative, unit sum) and energies, both shape (d,). Inside a
        degenerate level the populations are the eigenvalues of `rho` on that level.

    Raises:
        ValueError: `rho` is not a state, does not match `H`, or has coherence between
            different energies (use `dephase` or the quantum divergences).
    """
    r_in = as_array(rho, name)
    if r_in.ndim == 1:
        E, V = _energies_and_basis(H)
        if V is not None:
            raise ValueError(
                f"`{name}` given as a population vector needs `H` as energy levels (d,); got a "
                "Hamiltonian matrix. Pass the levels, or pass `rho` as a density matrix."
            )
        return check_population_vector(np.real(r_in), name, E.size), E
    R, E = _energy_basis_matrix(rho, H, name)
    tol = get_options().atol_state
    p = np.empty(E.size)
    mask = np.zeros(R.shape, dtype=bool)
    for g in _blocks(E):
        mask[np.ix_(g, g)] = True
        p[g] = np.linalg.eigvalsh(R[np.ix_(g, g)])
    off = float(np.max(np.abs(np.where(mask, 0.0, R)), initial=0.0))
    if off > tol:
        raise ValueError(
            f"`{name}` must be block-diagonal in the energy eigenbasis ([rho, H] = 0); got "
            f"coherence of magnitude {off:.3g} between different energies. Use "
            "`dephase(rho, H)` (thermo-majorization of the dephased state is then only a "
            "necessary condition) or `divergence='petz'`/`'sandwiched'` free energies."
        )
    p = np.clip(p, 0.0, None)
    return np.asarray(p / p.sum(), dtype=np.float64), E


def dephase(rho: Any, H: Any) -> ComplexArray:
    """Remove the coherence between different energies: rho -> sum_E P_E rho P_E.

    Dephasing is a thermal operation (a random energy-preserving phase), so anything the
    dephased state cannot reach, the original cannot reach either.

    Args:
        rho: density matrix (d, d).
        H: Hamiltonian (d, d) or energy levels (d,) (then `rho` is in that basis).

    Returns:
        The dephased density matrix (d, d), complex128, in the original basis.
    """
    E, V = _energies_and_basis(H)
    r = check_density_matrix(rho, "rho")
    check_dims(r, E.size, "rho", "H")
    R = r if V is None else np.conj(V.T) @ r @ V
    mask = np.zeros(R.shape, dtype=bool)
    for g in _blocks(E):
        mask[np.ix_(g, g)] = True
    D = np.where(mask, R, 0.0)
    return np.asarray(D if V is None else V @ D @ np.conj(V.T), dtype=np.complex128)


@dataclass(frozen=True, slots=True)
class ThermalFrame:
    """Gibbs data of levels E at temperature T (T = inf allowed: uniform gamma).

    Attributes:
        E: energies (d,).
        T: temperature (> 0, may be inf).
        log_gamma: ln gamma_i (normalized Gibbs populations), exact even when gamma_i
            underflows.
        log_Z: ln Z = ln sum_i e^{-E_i/T} (meaningless at T = inf; not used there).
    """

    E: FloatArray
    T: float
    log_gamma: FloatArray
    log_Z: float

    @property
    def gamma(self) -> FloatArray:
        return np.asarray(np.exp(self.log_gamma))

    @property
    def free_energy_eq(self) -> float:
        """F_eq = -T ln Z."""
        return -self.T * self.log_Z


def thermal_frame(E: FloatArray, T: float) -> ThermalFrame:
    """Gibbs log-populations of levels `E` at temperature `T` (validated by the caller)."""
    if math.isinf(T):
        lg = np.full(E.size, -math.log(E.size))
        return ThermalFrame(E, T, lg, math.log(E.size))
    x = -(E - E.min()) / T
    lse = float(np.log(np.sum(np.exp(x))))
    return ThermalFrame(E, T, x - lse, lse - float(E.min()) / T)


def gibbs_populations(H: Any, T: Any) -> FloatArray:
    """Gibbs populations gamma_i = e^{-E_i/T} / Z.

    Args:
        H: energy levels (d,) or Hamiltonian (d, d) (levels then ascending).
        T: temperature in (0, inf]; T = inf gives the uniform vector.

    Returns:
        gamma, shape (d,).

    Examples:
        >>> gibbs_populations([0.0, 1.0], 1.0).round(6)
        array([0.731059, 0.268941])
    """
    E, _ = _energies_and_basis(H)
    return thermal_frame(E, check_temperature_positive(T, allow_inf=True)).gamma
