"""Floquet-Lindblad machines: rotating-frame exact case, static limit, second law, bad drives."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quantherm.baths import Bath, OhmicSpectrum
from quantherm.core.operators import sigmam, sigmap, sigmax, sigmaz
from quantherm.dynamics import master_equation, steady_state
from quantherm.fluctuations import (
    Current,
    current_statistics,
    floquet_basis,
    floquet_master_equation,
)
from quantherm.thermo.ledger import steady_state_ledger


def _baths(Th: float = 2.0, Tc: float = 0.5) -> tuple[Bath, Bath]:
    return (
        Bath(name="h", T=Th, spectral_density=OhmicSpectrum(0.05, 5.0)),
        Bath(name="c", T=Tc, spectral_density=OhmicSpectrum(0.03, 5.0)),
    )


def test_circular_drive_matches_the_rotating_frame_master_equation() -> None:
    """H(t) = w0 sz/2 + g (s+ e^{-i W t} + h.c.)/2 is static in the rotating frame: the foundation's
    global equation with `frame=` (lab-frequency rates) must give the same heat and power."""
    w0, Om, g = 1.0, 1.3, 0.4
    hb, cb = _baths()

    def H(t: float) -> np.ndarray:
        return 0.5 * w0 * sigmaz() + 0.5 * g * (
            sigmap() * np.exp(-1j * Om * t) + sigmam() * np.exp(1j * Om * t)
        )

    fm = floquet_master_equation(H, 2 * np.pi / Om, [(sigmax(), hb), (sigmax(), cb)], steps=128)
    led = steady_state_ledger(steady_state(fm.master))
    Hrot = 0.5 * (w0 - Om) * sigmaz() + 0.5 * g * sigmax()
    me = master_equation(
        Hrot, [(sigmax(), hb), (sigmax(), cb)], kind="global", frame=0.5 * Om * sigmaz()
    )
    ref = steady_state_ledger(steady_state(me))
    for b in ("h", "c"):
        assert float(led.heat[b]) == pytest.approx(float(ref.heat[b]), rel=1e-7)
    assert float(led.power) == pytest.approx(float(ref.power), rel=1e-7)
    # counting statistics on the Floquet model: the mean is the ledger heat
    assert float(current_statistics(fm, Current(heat={"h": 1.0})).mean) == pytest.approx(
        float(led.heat["h"]), rel=1e-10
    )


def test_static_limit_is_the_global_master_equation() -> None:
    rng = np.random.default_rng(5)
    A = rng.normal(size=(3, 3)) + 1j * rng.normal(size=(3, 3))
    H0 = 0.3 * (A + A.conj().T) + np.diag([0.0, 1.0, 2.7])
    X = np.array([[0, 1, 1], [1, 0, 1], [1, 1, 0]], dtype=complex)
    hb, cb = _baths()
    fm = floquet_master_equation(lambda t: H0, 1.7, [(X, hb), (X, cb)], steps=32)
    led = steady_state_ledger(steady_state(fm.master))
    ref = steady_state_ledger(steady_state(master_equation(H0, [(X, hb), (X, cb)], kind="global")))
    for b in ("h", "c"):
        assert float(led.heat[b]) == pytest.approx(float(ref.heat[b]), rel=1e-9)
    assert abs(float(led.power)) < 1e-12


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**31 - 1),
    Om=st.floats(0.3, 3.0),
    amp=st.floats(0.0, 2.0),
    Th=st.floats(0.2, 5.0),
    Tc=st.floats(0.2, 5.0),
)
def test_second_law_for_random_periodic_drives(
    seed: int, Om: float, amp: float, Th: float, Tc: float
) -> None:
    rng = np.random.default_rng(seed)

    def herm() -> np.ndarray:
        M = rng.normal(size=(2, 2)) + 1j * rng.normal(size=(2, 2))
        return 0.5 * (M + M.conj().T)

    H0, H1, H2, X = herm(), amp * herm(), amp * herm(), herm()

    def H(t: float) -> np.ndarray:
        return H0 + H1 * np.cos(Om * t) + H2 * np.sin(2 * Om * t)

    hb, cb = _baths(Th, Tc)
    fm = floquet_master_equation(H, 2 * np.pi / Om, [(X, hb), (X, cb)], steps=64)
    led = steady_state_ledger(steady_state(fm.master))
    scale = 0.1 * (1 + amp) ** 2 * (1 + Om)
    assert float(led.entropy_production) >= -1e-12 * scale
    # Kelvin-Planck: one bath cannot drive the drive (power into the system >= 0)
    one = floquet_master_equation(H, 2 * np.pi / Om, [(X, hb)], steps=64)
    assert float(steady_state_ledger(steady_state(one.master)).power) >= -1e-12 * scale


def test_floquet_bad_input() -> None:
    hb, _ = _baths()
    with pytest.raises(ValueError, match="must be periodic with the given `period`"):
        floquet_master_equation(
            lambda t: sigmaz() + np.cos(1.0 * t) * sigmax(), 2.0, [(sigmax(), hb)]
        )
    with pytest.raises(ValueError, match="`steps` must be an integer >= 8"):
        floquet_basis(lambda t: sigmaz(), 1.0, steps=2)
    with pytest.raises(ValueError, match="period"):
        floquet_basis(lambda t: sigmaz(), -1.0)


def test_floquet_steady_state_is_the_periodic_solution_of_the_lab_frame_equation() -> None:
    """Integrate the same Floquet-Markov equation directly in the lab frame over one period,
    from the stroboscopic steady state: the state returns to itself and the period-averaged
    sideband heat currents equal the Floquet ledger's."""
    from scipy.integrate import solve_ivp

    w0, Om = 1.0, 0.8
    hb, cb = _baths(1.5, 0.4)
    X = sigmax() + 0.4 * sigmaz()

    def H(t: float) -> np.ndarray:
        return (
            0.5 * w0 * sigmaz()
            + 0.6 * np.cos(Om * t) * sigmax()
            + 0.3 * np.sin(2 * Om * t) * sigmaz()
        )

    T = 2 * np.pi / Om
    steps = 128
    fm = floquet_master_equation(H, T, [(X, hb), (X, cb)], steps=steps)
    led = steady_state_ledger(steady_state(fm.master))
    rho0 = steady_state(fm.master).rho
    fb = floquet_basis(H, T, steps=steps)
    k, Ak = fb.sidebands(X)
    kk, ia, ib = np.nonzero(np.abs(Ak) > 1e-12 * np.abs(Ak).max())
    omega = fb.quasienergies[ib] - fb.quasienergies[ia] - k[kk] * Om
    keys = np.round(omega, 9)
    ph = fb.modes  # (steps, d, a) on the grid t_j
    nn = np.fft.fftfreq(steps, d=1.0 / steps)
    series = []  # per frequency: (omega, rates, harmonics n, coefficients M_n) of S_omega(t)
    for u in np.unique(keys):
        g = np.nonzero(keys == u)[0]
        S_grid = sum(
            Ak[kk[p], ia[p], ib[p]]
            * np.exp(1j * k[kk[p]] * Om * fb.times)[:, None, None]
            * np.einsum("ti,tj->tij", ph[:, :, ia[p]], ph[:, :, ib[p]].conj())
            for p in g
        )
        M = np.fft.fft(S_grid, axis=0) / steps
        keep = np.max(np.abs(M), axis=(1, 2)) > 1e-13
        w = float(omega[g[0]])
        series.append((w, [float(b.rate(np.array(w))) for b in (hb, cb)], nn[keep], M[keep]))

    def jumps(t: float) -> list[tuple[float, list[float], np.ndarray]]:
        return [(w, r, np.einsum("n,nij->ij", np.exp(1j * n * Om * t), M)) for w, r, n, M in series]

    def rhs(t: float, y: np.ndarray) -> np.ndarray:
        r = y.reshape(2, 2)
        dr = -1j * (H(t) @ r - r @ H(t))
        for _, rates, S in jumps(t):
            SdS = S.conj().T @ S
            dr = dr + sum(rates) * (S @ r @ S.conj().T - 0.5 * (SdS @ r + r @ SdS))
        return dr.ravel()

    sol = solve_ivp(
        rhs, (0.0, T), rho0.ravel(), method="DOP853", rtol=1e-11, atol=1e-13, dense_output=True
    )
    np.testing.assert_allclose(sol.y[:, -1].reshape(2, 2), rho0, atol=1e-8)
    ts = np.linspace(0.0, T, 64, endpoint=False)
    for i, b in enumerate((hb, cb)):
        J = []
        for t in ts:
            r = sol.sol(t).reshape(2, 2)
            J.append(
                -sum(w * rates[i] * np.trace(S.conj().T @ S @ r).real for w, rates, S in jumps(t))
            )
        assert np.mean(J) == pytest.approx(float(led.heat[b.name]), rel=1e-6, abs=1e-10)
