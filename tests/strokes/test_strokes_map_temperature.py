"""A MapStroke declared thermal at T books heat with a temperature (Clausius applies)."""

from __future__ import annotations

import numpy as np
import pytest

import quantherm as qh
from quantherm.machines.stroke import Cycle, MapStroke, QuenchStroke, limit_cycle


def _reset_kraus(H: np.ndarray, T: float) -> list[np.ndarray]:
    """Full thermalisation rho -> gamma_T as Kraus operators sqrt(p_i) |i><j|."""
    p = np.real(np.diag(qh.gibbs_state(H, T)))
    d = len(p)
    return [
        np.sqrt(p[i]) * np.outer(np.eye(d)[i], np.eye(d)[j]) for i in range(d) for j in range(d)
    ]


def test_thermal_map_stroke_otto_cycle_books_heat_with_temperatures() -> None:
    w_h, w_c, T_h, T_c = 2.0, 1.0, 4.0, 1.0
    Hh, Hc = w_h * qh.qubit_number(), w_c * qh.qubit_number()
    cycle = Cycle(
        [
            MapStroke(H_energy=Hh, kraus=_reset_kraus(Hh, T_h), book_as="hot", temperature=T_h),
            QuenchStroke(H_initial=Hh, H_final=Hc),
            MapStroke(H_energy=Hc, kraus=_reset_kraus(Hc, T_c), book_as="cold", temperature=T_c),
            QuenchStroke(H_initial=Hc, H_final=Hh),
        ]
    )
    lc = limit_cycle(cycle)
    assert float(lc.efficiency) == pytest.approx(1 - w_c / w_h, abs=1e-12)
    sigma = -(float(lc.heat["hot"]) / T_h + float(lc.heat["cold"]) / T_c)
    assert sigma > 0
    assert set(lc.temperatures) == {"hot", "cold"}


def test_map_stroke_temperature_requires_gibbs_preserving_map() -> None:
    H = qh.qubit_number()
    with pytest.raises(ValueError, match="must preserve the Gibbs state"):
        MapStroke(H_energy=H, kraus=_reset_kraus(H, 1.0), book_as="b", temperature=3.0)
    with pytest.raises(ValueError, match="needs `book_as` to name a heat channel"):
        MapStroke(H_energy=H, kraus=_reset_kraus(H, 1.0), temperature=1.0)
