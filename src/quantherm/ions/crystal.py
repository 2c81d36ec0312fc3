"""Normal modes of a linear Coulomb crystal of ions in a harmonic trap.

Reduced units: frequencies in units of the axial trap frequency ``w_z`` of the reference
species (mass 1), lengths in units of ``l = (e^2 / (4 pi eps0 m w_z^2))^(1/3)``. The axial
(DC) spring constant ``m w_z^2`` is the same for every ion, so the equilibrium positions
do not depend on the masses. Radial confinement may differ per species (a Paul trap's
pseudopotential gives a single-ion radial frequency proportional to 1/m).

Equations (reduced units):

* positions: minimise ``U = sum_i u_i^2 / 2 + sum_{i<j} 1 / |u_i - u_j|``;
* axial Hessian ``A = 1 + C`` with ``C_ii = 2 sum_{k != i} |u_i - u_k|^-3``,
  ``C_ij = -2 |u_i - u_j|^-3``;
* radial Hessian ``R = diag(kappa_i) - C / 2`` with ``kappa_i`` the single-ion radial
  spring constant of ion i in units of ``m w_z^2``;
* modes: eigenvalues ``w_m^2`` and eigenvectors ``b_{i,m}`` of ``M^-1/2 K M^-1/2``
  (mass-weighted Hessian, ``M = diag(masses)``). For equal masses the radial frequencies
  are ``w_m^2 = w_r^2 - (mu_m - 1) / 2`` with ``mu_m`` the axial eigenvalues.

References:
    D. F. V. James, Appl. Phys. B 66, 181 (1998), doi:10.1007/s003400050373.
    Morigi & Walther, Eur. Phys. J. D 13, 261 (2001) (mixed-species crystals).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
from scipy.optimize import root

from .._checks import check_choice, check_positive
from ..errors import ConvergenceError

__all__ = [
    "AMU",
    "LinearCrystal",
    "equilibrium_positions",
    "lamb_dicke_parameter",
    "length_unit",
    "linear_crystal",
    "linear_crystal_si",
]

FloatArray = npt.NDArray[np.float64]

AMU = 1.66053906660e-27
"""Atomic mass unit in kg (CODATA 2018)."""
_E = 1.602176634e-19
_EPS0 = 8.8541878128e-12
_HBAR = 1.054571817e-34
_UNIT_HZ = {"Hz": 1.0, "kHz": 1e3, "MHz": 1e6}


def equilibrium_positions(n_ions: int, *, tol: float = 1e-12) -> FloatArray:
    """Equilibrium axial positions of ``n_ions`` ions, in units of ``l``, sorted ascending.

    Solves ``u_i - sum_{j<i} (u_i - u_j)^-2 + sum_{j>i} (u_j - u_i)^-2 = 0`` by Newton root
    finding, started from the asymptotic spacing ``~ 2 N^-0.57`` (James 1998).

    Raises:
        ValueError: if ``n_ions < 1``.
        ConvergenceError: if root finding fails.
    """
    n = _check_n_ions(n_ions)
    if n == 1:
        return np.zeros(1)
    guess = np.linspace(-1.0, 1.0, n) * (n - 1) * 1.0 * n ** (-0.57)

    def force(u: FloatArray) -> FloatArray:
        d = u[:, None] - u[None, :]
        np.fill_diagonal(d, np.inf)
        return u - np.sum(np.sign(d) / d**2, axis=1)

    def jac(u: FloatArray) -> FloatArray:
        return _coulomb_hessian(u) + np.eye(n)

    sol = root(force, guess, jac=jac, method="hybr", tol=tol)
    u = np.sort(sol.x)
    residual = float(np.max(np.abs(force(u))))
    if not sol.success or residual > 1e-9:
        raise ConvergenceError(
            f"equilibrium positions for {n} ions did not converge (max force residual "
            f"{residual:.3g}). Report this; n_ions is probably too large for a linear chain."
        )
    return u


def _coulomb_hessian(u: FloatArray) -> FloatArray:
    """The Coulomb part C of the axial Hessian (reduced units)."""
    d = np.abs(u[:, None] - u[None, :])
    np.fill_diagonal(d, np.inf)
    c = -2.0 / d**3
    np.fill_diagonal(c, -np.sum(c, axis=1))
    return c


@dataclass(frozen=True, slots=True, kw_only=True)
class LinearCrystal:
    """Equilibrium and normal modes of a linear ion chain (reduced units).

    Attributes:
        positions: equilibrium positions (n,), units of ``l``.
        masses: masses (n,), units of the reference mass.
        axial_frequencies: (n,) ascending, units of ``w_z``.
        axial_vectors: (n, n); column m is mode m's participation vector ``b_{i,m}``
            (mass-weighted, unit norm, sign fixed so that the largest entry is positive).
        radial_frequencies: (n,) descending (COM-like mode first), units of ``w_z``;
            None when no radial frequency was given.
        radial_vectors: (n, n) or None, same conventions.
        w_r_over_w_z: single-ion radial frequency of the reference species over ``w_z``.
        w_z_si: axial frequency of the reference species in rad/s, when built from SI.
        mass_si: reference mass in kg, when built from SI.
    """

    positions: FloatArray
    masses: FloatArray
    axial_frequencies: FloatArray
    axial_vectors: FloatArray
    radial_frequencies: FloatArray | None = None
    radial_vectors: FloatArray | None = None
    w_r_over_w_z: float | None = None
    w_z_si: float | None = None
    mass_si: float | None = None

    @property
    def n_ions(self) -> int:
        """Number of ions."""
        return int(self.positions.shape[0])

    def frequencies_hz(self, direction: Literal["axial", "radial"] = "axial") -> FloatArray:
        """Mode frequencies ``w_m / 2 pi`` in Hz (needs a crystal built by `linear_crystal_si`)."""
        if self.w_z_si is None:
            raise ValueError(
                "`frequencies_hz` needs the SI scale; got a crystal in reduced units. "
                "Build it with `linear_crystal_si`."
            )
        return self.modes(direction)[0] * self.w_z_si / (2 * math.pi)

    def positions_m(self) -> FloatArray:
        """Equilibrium positions in metres (needs a crystal built by `linear_crystal_si`)."""
        if self.w_z_si is None or self.mass_si is None:
            raise ValueError(
                "`positions_m` needs the SI scale; got a crystal in reduced units. "
                "Build it with `linear_crystal_si`."
            )
        return self.positions * length_unit(self.mass_si, self.w_z_si)

    def modes(self, direction: Literal["axial", "radial"]) -> tuple[FloatArray, FloatArray]:
        """(frequencies, participation vectors) of the axial or radial modes."""
        check_choice(direction, "direction", ("axial", "radial"))
        if direction == "axial":
            return self.axial_frequencies, self.axial_vectors
        if self.radial_frequencies is None or self.radial_vectors is None:
            raise ValueError(
                "`direction` must be 'axial' for a crystal built without `w_r_over_w_z`; "
                "got 'radial'. Pass `w_r_over_w_z` to `linear_crystal`."
            )
        return self.radial_frequencies, self.radial_vectors


def linear_crystal(
    n_ions: int,
    *,
    w_r_over_w_z: float | None = None,
    masses: Sequence[float] | None = None,
    radial_mass_scaling: Literal["paul", "none"] = "paul",
) -> LinearCrystal:
    """Normal modes of a linear crystal of ``n_ions`` ions (reduced units).

    Args:
        n_ions: number of ions (>= 1).
        w_r_over_w_z: single-ion radial frequency of the reference species (mass 1) over
            the axial frequency; None for axial modes only.
        masses: ion masses in units of the reference mass (default all 1), ordered along
            the chain.
        radial_mass_scaling: "paul": the single-ion radial frequency of an ion of mass m is
            ``w_r / m`` (pseudopotential); "none": the same ``w_r`` for every ion.

    Returns:
        LinearCrystal with axial modes ascending and radial modes descending in frequency.

    Raises:
        ValueError: bad input, or a radial frequency too low for a linear chain: the
            chain buckles into a zig-zag when the softest radial mode has ``w^2 <= 0``.
    """
    n = _check_n_ions(n_ions)
    m = np.ones(n) if masses is None else np.asarray(check_positive(masses, "masses"), float)
    if m.shape != (n,):
        raise ValueError(
            f"`masses` must have one entry per ion ({n}); got shape {m.shape}. "
            "Give the masses in units of the reference species' mass."
        )
    check_choice(radial_mass_scaling, "radial_mass_scaling", ("paul", "none"))
    u = equilibrium_positions(n)
    c = _coulomb_hessian(u)
    inv_sqrt_m = 1.0 / np.sqrt(m)
    axial_k = np.eye(n) + c
    w2_ax, v_ax = np.linalg.eigh(inv_sqrt_m[:, None] * axial_k * inv_sqrt_m[None, :])
    ax_freq = np.sqrt(np.clip(w2_ax, 0.0, None))
    rad_freq = rad_vec = None
    wr = None
    if w_r_over_w_z is not None:
        wr = float(check_positive(w_r_over_w_z, "w_r_over_w_z"))
        kappa = wr**2 / m if radial_mass_scaling == "paul" else wr**2 * m
        radial_k = np.diag(kappa) - 0.5 * c
        w2_r, v_r = np.linalg.eigh(inv_sqrt_m[:, None] * radial_k * inv_sqrt_m[None, :])
        if w2_r[0] <= 0.0:
            raise ValueError(
                f"`w_r_over_w_z` must be large enough for a linear chain of {n} ions; got "
                f"{wr:g}, which gives a softest radial mode with w^2 = {w2_r[0]:.4g} w_z^2 <= 0: "
                "the chain buckles into a zig-zag. Raise the radial frequency (or lower w_z)."
            )
        order = np.argsort(w2_r)[::-1]
        rad_freq = np.sqrt(w2_r[order])
        rad_vec = _fix_signs(v_r[:, order])
    return LinearCrystal(
        positions=u,
        masses=m,
        axial_frequencies=ax_freq,
        axial_vectors=_fix_signs(v_ax),
        radial_frequencies=rad_freq,
        radial_vectors=rad_vec,
        w_r_over_w_z=wr,
    )


def linear_crystal_si(
    n_ions: int,
    *,
    f_z: float,
    f_r: float | None = None,
    masses_amu: Sequence[float],
    unit: Literal["Hz", "kHz", "MHz"] = "MHz",
    radial_mass_scaling: Literal["paul", "none"] = "paul",
) -> LinearCrystal:
    """`linear_crystal` from SI trap frequencies.

    Args:
        n_ions: number of ions.
        f_z: axial trap frequency ``w_z / 2 pi`` of the species of ``masses_amu[0]``.
        f_r: single-ion radial frequency ``w_r / 2 pi`` of that species (None: axial only).
        masses_amu: masses in atomic mass units along the chain; the first is the reference.
        unit: unit of ``f_z`` and ``f_r``.
        radial_mass_scaling: see `linear_crystal`.

    Returns:
        LinearCrystal with ``w_z_si`` (rad/s) and ``mass_si`` (kg) set.
    """
    check_choice(unit, "unit", tuple(_UNIT_HZ))
    fz = float(check_positive(f_z, "f_z")) * _UNIT_HZ[unit]
    ma = np.asarray(check_positive(masses_amu, "masses_amu"), float).ravel()
    if ma.size != n_ions:
        raise ValueError(f"`masses_amu` must have one entry per ion ({n_ions}); got {ma.size}.")
    ratio = None if f_r is None else float(check_positive(f_r, "f_r")) * _UNIT_HZ[unit] / fz
    crystal = linear_crystal(
        n_ions, w_r_over_w_z=ratio, masses=ma / ma[0], radial_mass_scaling=radial_mass_scaling
    )
    return LinearCrystal(
        positions=crystal.positions,
        masses=crystal.masses,
        axial_frequencies=crystal.axial_frequencies,
        axial_vectors=crystal.axial_vectors,
        radial_frequencies=crystal.radial_frequencies,
        radial_vectors=crystal.radial_vectors,
        w_r_over_w_z=crystal.w_r_over_w_z,
        w_z_si=2 * math.pi * fz,
        mass_si=float(ma[0]) * AMU,
    )


def length_unit(mass_kg: float, w_z_rad_s: float) -> float:
    """The crystal length unit ``l = (e^2 / (4 pi eps0 m w_z^2))^(1/3)`` in metres."""
    m = float(check_positive(mass_kg, "mass_kg"))
    w = float(check_positive(w_z_rad_s, "w_z_rad_s"))
    return float((_E**2 / (4 * math.pi * _EPS0 * m * w**2)) ** (1.0 / 3.0))


def lamb_dicke_parameter(wavevector_m: float, mass_kg: float, omega_rad_s: float) -> float:
    """``eta = k sqrt(hbar / (2 m w))``: projected wavevector ``k`` (1/m), mass (kg), w (rad/s)."""
    k = float(check_positive(wavevector_m, "wavevector_m"))
    m = float(check_positive(mass_kg, "mass_kg"))
    w = float(check_positive(omega_rad_s, "omega_rad_s"))
    return k * math.sqrt(_HBAR / (2 * m * w))


def _fix_signs(v: FloatArray) -> FloatArray:
    """Make the largest-magnitude entry of each column positive (a convention)."""
    idx = np.argmax(np.abs(v) + 1e-12 * np.arange(v.shape[0])[:, None][::-1], axis=0)
    signs = np.sign(v[idx, np.arange(v.shape[1])])
    signs[signs == 0] = 1.0
    return np.asarray(v * signs[None, :], dtype=np.float64)


def _check_n_ions(n_ions: int) -> int:
    if isinstance(n_ions, bool) or not isinstance(n_ions, int | np.integer):
        raise TypeError(f"`n_ions` must be an integer; got {n_ions!r}.")
    if n_ions < 1:
        raise ValueError(f"`n_ions` must be >= 1; got {n_ions}. A crystal needs at least one ion.")
    return int(n_ions)
