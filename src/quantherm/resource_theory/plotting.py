"""Figures for the resource theory (matplotlib is imported lazily, inside each function).

These take result objects (curves, reports) and return the Axes; they compute no physics.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from .majorization import ThermoMajorizationCurve
from .second_laws import SecondLawsReport

__all__ = ["plot_free_energy_alpha", "plot_thermo_majorization"]


def _axes(ax: Any) -> Any:
    if ax is not None:
        return ax
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("plotting needs matplotlib: pip install 'quantherm[plot]'") from exc
    return plt.subplots(figsize=(5.0, 4.0))[1]


def plot_thermo_majorization(
    curves: Sequence[ThermoMajorizationCurve],
    *,
    labels: Sequence[str] | None = None,
    ax: Any = None,
) -> Any:
    """Thermo-majorization curves on one axis, with their elbows and the Gibbs diagonal.

    Args:
        curves: curves from `tm_curve` (same H and T, so the x axes agree).
        labels: legend entries (default "state 0", "state 1", ...).
        ax: matplotlib Axes to draw on (a new figure when None).

    Returns:
        The Axes.
    """
    ax = _axes(ax)
    names = list(labels) if labels is not None else [f"state {i}" for i in range(len(curves))]
    ax.plot([0, 1], [0, 1], color="0.6", lw=0.8, ls=":", label="Gibbs state")
    for c, name in zip(curves, names, strict=True):
        ax.plot(c.x, c.y, marker="o", ms=3.5, label=name)
    ax.set_xlabel(r"cumulative Gibbs weight $\sum \gamma_i$")
    ax.set_ylabel(r"cumulative population $\sum p_i$")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.02)
    ax.legend(frameon=False)
    return ax


def plot_free_energy_alpha(
    report: SecondLawsReport,
    *,
    labels: tuple[str, str] = ("initial", "target"),
    ax: Any = None,
) -> Any:
    """F_alpha of the initial and target states versus alpha (symlog axis), violations shaded.

    Args:
        report: from `second_laws_report`.
        labels: legend entries for the two states.
        ax: matplotlib Axes (a new figure when None).

    Returns:
        The Axes.
    """
    ax = _axes(ax)
    a = report.alphas
    fin = np.isfinite(a)
    for F, name in zip(
        (report.free_energy_initial, report.free_energy_target), labels, strict=True
    ):
        ok = fin & np.isfinite(F)
        ax.plot(a[ok], F[ok], label=name)
    lo, hi = float(a[fin].min()), float(a[fin].max())
    for left, right in (*report.violated_negative, *report.violated_nonnegative):
        ax.axvspan(
            max(left, lo) if math.isfinite(left) else lo,
            min(right, hi) if math.isfinite(right) else hi,
            color="tab:red",
            alpha=0.12,
            lw=0,
        )
    ax.set_xscale("symlog", linthresh=1e-1)
    ticks = [t for t in (-1e3, -1e1, -1e-1, 0.0, 1e-1, 1e1, 1e3) if lo <= t <= hi]
    ax.set_xticks(ticks, [f"{t:g}" for t in ticks])
    ax.set_xlabel(r"$\alpha$")
    ax.set_ylabel(r"$F_\alpha$ (energy units)")
    ax.legend(frameon=False, title="shaded: violated laws")
    return ax
