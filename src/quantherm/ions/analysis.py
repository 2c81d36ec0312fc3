"""Analysis of spin signals: thermal references, spin temperature, revivals, fluctuations.

Conventions: ``P_up`` is the spin-up population; energies in the rotating frame of the
exchange model (``quantherm.ions.models``), hbar = k_B = 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .._checks import check_positive

__all__ = [
    "Revival",
    "canonical_p_up",
    "detect_revival",
    "effective_spin_temperature",
    "golden_rule_rate",
    "revival_time",
    "temporal_statistics",
]

FloatArray = npt.NDArray[np.float64]


def canonical_p_up(n_bar: float) -> float:
    """Thermal (N -> infinity) spin population ``P_up = nbar / (2 nbar + 1)``.

    A spin exchanging quanta with a large bath of modes at occupation ``nbar`` reaches
    ``P_up / P_down = nbar / (nbar + 1)``: the Boltzmann ratio at the phonon temperature.
    """
    nb = float(check_positive(n_bar, "n_bar", allow_zero=True))
    return nb / (2.0 * nb + 1.0)


def effective_spin_temperature(p_up: float) -> float:
    """``T_eff = 1 / ln(P_down / P_up)`` in units of the exchanged quantum (hbar w = 1).

    ``T_eff = 1 / ln((nbar + 1) / nbar)`` is the phonon temperature; 0 for ``P_up = 0``;
    infinite at ``P_up = 1/2``.

    Raises:
        ValueError: if ``p_up`` is not in [0, 1/2].
    """
    p = float(p_up)
    if not 0.0 <= p <= 0.5:
        raise ValueError(
            f"`p_up` must be in [0, 1/2] for a positive spin temperature; got {p!r}. "
            "A population inversion has a negative temperature."
        )
    if p == 0.0:
        return 0.0
    if p == 0.5:
        return float("inf")
    return float(1.0 / np.log((1.0 - p) / p))


def golden_rule_rate(coupling: float, spacing: float) -> float:
    """Golden-rule decay rate ``Gamma = 2 pi g^2 / D`` into an equally spaced comb."""
    return float(2 * np.pi * coupling**2 / check_positive(spacing, "spacing"))


def revival_time(spacing: float) -> float:
    """Recurrence time ``T_R = 2 pi / D`` of a comb of spacing D (Bixon & Jortner 1968)."""
    return float(2 * np.pi / check_positive(spacing, "spacing"))


@dataclass(frozen=True, slots=True)
class Revival:
    """A revival: time and height of the largest maximum of a signal after `after`."""

    time: float
    height: float


def detect_revival(
    times: Sequence[float] | FloatArray,
    signal: Sequence[float] | FloatArray,
    *,
    after: float,
) -> Revival:
    """The largest local maximum of ``signal`` at ``times > after``, refined by a parabola.

    Args:
        times: (T,) increasing, uniformly or smoothly sampled.
        signal: (T,) values.
        after: ignore the initial decay before this time.

    Raises:
        ValueError: if fewer than three samples lie after `after`, or the maximum sits on
            the edge of the window (extend the time range).
    """
    t = np.asarray(times, dtype=np.float64)
    y = np.asarray(signal, dtype=np.float64)
    if t.shape != y.shape or t.ndim != 1:
        raise ValueError(f"`signal` must have the shape of `times` {t.shape}; got {y.shape}.")
    idx = np.nonzero(t > after)[0]
    if idx.size < 3:
        raise ValueError(f"`times` must have at least 3 samples after {after}; got {idx.size}.")
    i = int(idx[np.argmax(y[idx])])
    if i in (idx[0], idx[-1]):
        raise ValueError(
            "`times` must bracket the revival; got the maximum at the window edge "
            f"t = {t[i]:g}. Extend the time range."
        )
    t0, t1, t2 = t[i - 1 : i + 2]
    y0, y1, y2 = y[i - 1 : i + 2]
    denom = (t0 - t1) * (t0 - t2) * (t1 - t2)
    a = (t2 * (y1 - y0) + t1 * (y0 - y2) + t0 * (y2 - y1)) / denom
    b = (t2**2 * (y0 - y1) + t1**2 * (y2 - y0) + t0**2 * (y1 - y2)) / denom
    c = (t1 * t2 * (t1 - t2) * y0 + t2 * t0 * (t2 - t0) * y1 + t0 * t1 * (t0 - t1) * y2) / denom
    tv = -b / (2 * a)
    return Revival(time=float(tv), height=float(a * tv**2 + b * tv + c))


def temporal_statistics(signal: Sequence[float] | FloatArray) -> tuple[float, float]:
    """(time average, temporal standard deviation) of a sampled signal (uniform grid)."""
    y = np.asarray(signal, dtype=np.float64)
    return float(np.mean(y)), float(np.std(y))
