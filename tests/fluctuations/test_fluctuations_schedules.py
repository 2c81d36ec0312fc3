"""Gradient-based optimal schedules of a driven bath stroke, checked by stroke simulation."""

from __future__ import annotations

import numpy as np
import pytest

from quantherm.baths import Bath, FlatSpectrum
from quantherm.core.operators import sigmax, sigmaz
from quantherm.dynamics.master import master_equation
from quantherm.fluctuations import (
    geodesic_protocol,
    optimize_schedule,
    schedule_work,
    simulate_schedule,
    thermodynamic_length,
    thermodynamic_metric,
)

T = 1.0
BATH = Bath(name="b", T=T, spectral_density=FlatSpectrum(1.0))
LA, LB = 1.0, 4.0


def H(lam: float) -> np.ndarray:
    return 0.5 * lam * sigmaz()


def dH(lam: float) -> np.ndarray:
    return 0.5 * sigmaz()


def model_at(lam: float):  # type: ignore[no-untyped-def]
    return master_equation(H(lam), [(sigmax(), BATH)])


def test_adjoint_gradient_matches_finite_differences() -> None:
    lam = np.array([LA, 1.3, 2.2, 1.9, 3.6, LB])
    _, g = schedule_work(model_at, H, dH, lam, 2.5, T=T, gradient=True)
    assert g is not None
    h = 1e-6
    for j in range(1, lam.size - 1):
        e = np.zeros_like(lam)
        e[j] = h
        num = (
            schedule_work(model_at, H, dH, lam + e, 2.5, T=T)[0]
            - schedule_work(model_at, H, dH, lam - e, 2.5, T=T)[0]
        ) / (2 * h)
        assert g[j - 1] == pytest.approx(num, abs=1e-8)


def test_optimum_is_checked_by_simulation_and_approaches_the_geodesic() -> None:
    tau, n = 12.0, 24
    res = optimize_schedule(model_at, H, dH, LA, LB, tau, T=T, steps=n)
    assert res.success
    # predicted dissipation = simulated one (stroke layer: quench + bath strokes)
    W_sim = simulate_schedule(model_at, H, res.schedule, tau, T=T)
    assert W_sim == pytest.approx(res.work, abs=1e-12)
    assert res.excess_work == pytest.approx(W_sim - res.free_energy_change, abs=1e-12)
    # slow limit: thermodynamic length bound and the geodesic
    grid = np.linspace(LA, LB, 201)
    g = thermodynamic_metric(model_at, H, dH, grid, T=T)
    L = thermodynamic_length(grid, g)
    s = (np.arange(n) + 0.5) / n
    geo = geodesic_protocol(grid, g, s)
    lin = LA + (LB - LA) * s
    dF = res.free_energy_change
    W_geo = schedule_work(model_at, H, None, np.r_[LA, geo, LB], tau, T=T)[0] - dF
    W_lin = schedule_work(model_at, H, None, np.r_[LA, lin, LB], tau, T=T)[0] - dF
    assert res.excess_work <= W_geo <= W_lin
    assert res.excess_work < res.initial_excess_work
    assert res.excess_work * tau / L**2 == pytest.approx(1.0, abs=0.05)
    bulk = slice(n // 4, -(n // 4))
    assert np.max(np.abs(res.schedule[1:-1] - geo)[bulk]) < 0.15 * (LB - LA)


def test_bad_input() -> None:
    with pytest.raises(ValueError, match="`steps` must be an integer >= 1"):
        optimize_schedule(model_at, H, dH, LA, LB, 1.0, T=T, steps=0)
    with pytest.raises(ValueError, match="tau"):
        optimize_schedule(model_at, H, dH, LA, LB, -1.0, T=T)
    with pytest.raises(ValueError, match="`initial` must have shape"):
        optimize_schedule(model_at, H, dH, LA, LB, 1.0, T=T, steps=4, initial=[1.0, 2.0])
    with pytest.raises(ValueError, match="`schedule` must be 1-d"):
        schedule_work(model_at, H, dH, [LA, LB], 1.0, T=T)


def test_rotating_axis_quantum_friction_gradient_and_simulation() -> None:
    """Non-commuting H(lam): coherences enter; adjoint gradient and stroke simulation agree."""

    def Hr(lam: float) -> np.ndarray:
        return 0.5 * (np.cos(lam) * sigmaz() + np.sin(lam) * sigmax())

    def dHr(lam: float) -> np.ndarray:
        return 0.5 * (-np.sin(lam) * sigmaz() + np.cos(lam) * sigmax())

    bath = Bath(name="b", T=0.5, spectral_density=FlatSpectrum(0.3))

    def model(lam: float):  # type: ignore[no-untyped-def]
        return master_equation(Hr(lam), [(sigmax(), bath)])

    lam = np.array([0.0, 0.3, 0.9, 1.2, 1.5])
    _, g = schedule_work(model, Hr, dHr, lam, 2.0, T=0.5, gradient=True)
    assert g is not None
    h = 1e-6
    for j in range(1, lam.size - 1):
        e = np.zeros_like(lam)
        e[j] = h
        num = (
            schedule_work(model, Hr, dHr, lam + e, 2.0, T=0.5)[0]
            - schedule_work(model, Hr, dHr, lam - e, 2.0, T=0.5)[0]
        ) / (2 * h)
        assert g[j - 1] == pytest.approx(num, abs=1e-8)
    res = optimize_schedule(model, Hr, dHr, 0.0, 1.5, 2.0, T=0.5, steps=6)
    assert res.excess_work < res.initial_excess_work
    assert res.excess_work > 0
    W_sim = simulate_schedule(model, Hr, res.schedule, 2.0, T=0.5)
    assert W_sim == pytest.approx(res.work, abs=1e-12)
