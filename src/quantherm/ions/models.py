"""Spin-phonon models of one spin coupled to the normal modes of an ion crystal.

* `ExchangeModel` — red-sideband exchange (multi-mode Jaynes-Cummings) in the frame
  rotating with the laser, rotating-wave approximation, hbar = 1:

      H = (Delta / 2) sigma_z + sum_m delta_m a_m^dag a_m
          + sum_m g_m (sigma^+ a_m + sigma^- a_m^dag)

  The excitation number K = sum_m n_m + (1 + sigma_z) / 2 is conserved.
* `DephasingModel` — spin-dependent force (sigma_z coupling), exactly solvable:

      H = sum_m nu_m a_m^dag a_m + (sigma_z / 2) sum_m lambda_m (a_m + a_m^dag)

Spin basis as in QuTiP: index 0 = |up> (sigma_z = +1), index 1 = |down>.

References:
    D. Porras, F. Marquardt, J. von Delft, J. I. Cirac, Phys. Rev. A 78, 010101(R) (2008),
    doi:10.1103/PhysRevA.78.010101.
    G. Clos, D. Porras, U. Warring, T. Schaetz, Phys. Rev. Lett. 117, 170401 (2016),
    doi:10.1103/PhysRevLett.117.170401.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from .._checks import check_finite_scalar, check_positive
from .crystal import LinearCrystal

__all__ = [
    "DephasingModel",
    "ExchangeModel",
    "chain_exchange_model",
    "comb_exchange_model",
]

FloatArray = npt.NDArray[np.float64]


def _as_vector(x: Sequence[float] | FloatArray | float, name: str) -> FloatArray:
    try:
        arr = np.atleast_1d(np.asarray(x, dtype=np.float64))
    except (TypeError, ValueError) as exc:
        raise TypeError(f"`{name}` must be a sequence of real numbers; got {x!r}.") from exc
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(
            f"`{name}` must be a non-empty 1-D sequence (one entry per mode); "
            f"got shape {arr.shape}."
        )
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"`{name}` must be finite; got {x!r}.")
    return arr


@dataclass(frozen=True, slots=True, kw_only=True)
class ExchangeModel:
    """Red-sideband exchange model (see module docstring).

    Attributes:
        detunings: ``delta_m`` (N,), mode frequencies in the rotating frame.
        couplings: ``g_m`` (N,), red-sideband couplings (real; signs are irrelevant for
            the spin observables because ``a_m -> -a_m`` is a symmetry of thermal states).
        spin_detuning: ``Delta``, the spin's rotating-frame splitting.
    """

    detunings: FloatArray
    couplings: FloatArray
    spin_detuning: float = 0.0

    def __post_init__(self) -> None:
        d = _as_vector(self.detunings, "detunings")
        g = _as_vector(self.couplings, "couplings")
        if d.shape != g.shape:
            raise ValueError(f"`couplings` must have one entry per mode ({d.size}); got {g.size}.")
        object.__setattr__(self, "detunings", d)
        object.__setattr__(self, "couplings", g)
        object.__setattr__(
            self, "spin_detuning", check_finite_scalar(self.spin_detuning, "spin_detuning")
        )

    @property
    def n_modes(self) -> int:
        """Number of modes N."""
        return int(self.detunings.size)


@dataclass(frozen=True, slots=True, kw_only=True)
class DephasingModel:
    """Spin-dependent-force (pure dephasing) model (see module docstring).

    Attributes:
        frequencies: ``nu_m`` (N,) > 0.
        couplings: ``lambda_m`` (N,).
    """

    frequencies: FloatArray
    couplings: FloatArray

    def __post_init__(self) -> None:
        nu = _as_vector(self.frequencies, "frequencies")
        lam = _as_vector(self.couplings, "couplings")
        check_positive(nu, "frequencies")
        if nu.shape != lam.shape:
            raise ValueError(
                f"`couplings` must have one entry per mode ({nu.size}); got {lam.size}."
            )
        object.__setattr__(self, "frequencies", nu)
        object.__setattr__(self, "couplings", lam)

    @property
    def n_modes(self) -> int:
        """Number of modes N."""
        return int(self.frequencies.size)


def comb_exchange_model(n_modes: int, *, spacing: float, coupling: float) -> ExchangeModel:
    """Equally spaced modes ``delta_m = (m - (N - 1) / 2) D`` with equal couplings ``g``.

    A discrete level coupled to an equally spaced quasi-continuum (Bixon & Jortner 1968):
    golden-rule decay at ``Gamma = 2 pi g^2 / D`` and revivals at ``T_R = 2 pi / D``.
    """
    if n_modes < 1:
        raise ValueError(f"`n_modes` must be >= 1; got {n_modes}.")
    dspace = float(check_positive(spacing, "spacing"))
    g = check_finite_scalar(coupling, "coupling")
    m = np.arange(n_modes, dtype=np.float64)
    return ExchangeModel(detunings=(m - (n_modes - 1) / 2) * dspace, couplings=np.full(n_modes, g))


def chain_exchange_model(
    crystal: LinearCrystal,
    *,
    g0: float,
    spin_ion: int = 0,
    laser_mode: int = 0,
    direction: Literal["axial", "radial"] = "radial",
    band_scale: float = 1.0,
    spin_detuning: float = 0.0,
) -> ExchangeModel:
    """Red-sideband exchange model built from a crystal's normal modes.

    ``delta_m = band_scale * (w_m - w_ref)`` with ``w_ref`` the frequency of ``laser_mode``
    (the laser is tuned to that mode's red sideband), and
    ``g_m = g0 * b_{s,m} * sqrt(w_ref / w_m)`` (mode-dependent Lamb-Dicke scaling, with
    ``b_{s,m}`` the participation of the spin ion ``s`` in mode m, mass-weighted: for a
    spin ion of mass ``m_s`` the factor ``1 / sqrt(m_s)`` is absorbed in ``g0``).

    Args:
        crystal: the crystal.
        g0: single-ion red-sideband coupling (``~ eta Omega / 2``), units of ``w_z``.
        spin_ion: index of the spin ion along the chain.
        laser_mode: index of the reference mode in the ordering of `LinearCrystal.modes`
            (radial: 0 = COM-like highest mode; axial: 0 = COM).
        direction: "radial" or "axial".
        band_scale: multiplies the detunings (compresses or stretches the band).
        spin_detuning: ``Delta``.

    Returns:
        ExchangeModel with detunings in units of ``w_z``.
    """
    freqs, vecs = crystal.modes(direction)
    n = freqs.size
    if not 0 <= spin_ion < crystal.n_ions:
        raise ValueError(f"`spin_ion` must be in [0, {crystal.n_ions - 1}]; got {spin_ion}.")
    if not 0 <= laser_mode < n:
        raise ValueError(f"`laser_mode` must be in [0, {n - 1}]; got {laser_mode}.")
    g = check_finite_scalar(g0, "g0")
    scale = float(check_positive(band_scale, "band_scale"))
    w_ref = freqs[laser_mode]
    return ExchangeModel(
        detunings=scale * (freqs - w_ref),
        couplings=g * vecs[spin_ion] * np.sqrt(w_ref / freqs),
        spin_detuning=spin_detuning,
    )
