"""Exact coherence of a spin under a spin-dependent force (sigma_z coupling).

For ``H = sum_m nu_m a_m^dag a_m + (sigma_z / 2) sum_m lambda_m (a_m + a_m^dag)`` and
thermal modes (occupations ``nbar_m``), the populations are constant and the coherence is

    <sigma^+>(t) / <sigma^+>(0)
        = exp[ - sum_m (lambda_m / nu_m)^2 (1 - cos nu_m t) (2 nbar_m + 1) ],

real and positive: the two spin-conditioned displaced oscillators share the polaron shift
``-lambda_m^2 / (4 nu_m)``, so no relative phase builds up. One mode revives fully at
``t = 2 pi / nu``; incommensurate modes give partial revivals.

References:
    D. Porras, F. Marquardt, J. von Delft, J. I. Cirac, Phys. Rev. A 78, 010101(R) (2008).
    H.-P. Breuer & F. Petruccione, The Theory of Open Quantum Systems (OUP 2002), Sec. 4.2.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from .._checks import check_positive
from .models import DephasingModel

__all__ = ["dephasing_coherence"]

FloatArray = npt.NDArray[np.float64]


def dephasing_coherence(
    model: DephasingModel,
    times: Sequence[float] | FloatArray,
    *,
    n_bar: float | Sequence[float],
) -> FloatArray:
    """Coherence ratio ``<sigma^+>(t) / <sigma^+>(0)`` (see module docstring), shape (T,)."""
    t = np.atleast_1d(np.asarray(times, dtype=np.float64))
    if t.ndim != 1 or not np.all(np.isfinite(t)):
        raise ValueError(f"`times` must be a 1-D array of finite numbers; got shape {t.shape}.")
    nb = np.broadcast_to(
        np.asarray(check_positive(n_bar, "n_bar", allow_zero=True), float), (model.n_modes,)
    )
    nu, lam = model.frequencies, model.couplings
    exponent = ((lam / nu) ** 2 * (2 * nb + 1))[None, :] * (1 - np.cos(np.outer(t, nu)))
    return np.asarray(np.exp(-np.sum(exponent, axis=1)), dtype=np.float64)
