"""Full counting statistics: closed forms, fluctuation theorem, trajectories, QuTiP, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quantherm.baths import Bath, FlatSpectrum
from quantherm.core.operators import sigmam, sigmax, sigmaz
from quantherm.dynamics import steady_state
from quantherm.errors import ConvergenceError
from quantherm.fluctuations import (
    Current,
    counting_lindblad,
    counting_machine,
    counting_master_equation,
    current_statistics,
    finite_time_cumulants,
    rate_function,
    sample_counts,
    scgf,
    tilted_liouvillian,
    with_dephasing,
)
from quantherm.machines.library import absorption_refrigerator, three_level_maser
from quantherm.thermo.ledger import steady_state_ledger

HEAT_H = Current(heat={"h": 1.0})
POWER = Current(heat={"h": 1.0, "c": 1.0})


def _qubit(w: float, gh: float, gc: float, Th: float, Tc: float):
    hb = Bath(name="h", T=Th, spectral_density=FlatSpectrum(gh))
    cb = Bath(name="c", T=Tc, spectral_density=FlatSpectrum(gc))
    return counting_master_equation(0.5 * w * sigmaz(), [(sigmax(), hb), (sigmax(), cb)]), hb, cb


def _maser(eps: float = 0.5, dephasing: float = 0.3):
    m = counting_machine(
        three_level_maser(
            w_c=1.0, w_h=3.0, T_c=1.0, T_h=5.0, gamma_c=1.0, gamma_h=1.0, eps=eps, kind="local"
        )
    )
    return with_dephasing(m, "dephasing", np.diag([0.0, 0.0, 1.0]), dephasing) if dephasing else m


@settings(max_examples=25, deadline=None)
@given(
    w=st.floats(0.2, 3.0),
    gh=st.floats(0.01, 2.0),
    gc=st.floats(0.01, 2.0),
    Th=st.floats(0.2, 10.0),
    Tc=st.floats(0.2, 10.0),
)
def test_qubit_between_two_baths_closed_form(
    w: float, gh: float, gc: float, Th: float, Tc: float
) -> None:
    """Exact mean and noise of the heat current of a qubit between two baths (two-state process)."""
    m, hb, cb = _qubit(w, gh, gc, Th, Tc)
    res = current_statistics(m, HEAT_H, order=3)
    uh, vh, uc, vc = hb.rate(-w), hb.rate(w), cb.rate(-w), cb.rate(w)  # up/down rates per bath
    K = uh + vh + uc + vc
    J = w * (uh * vc - uc * vh) / K
    S = w**2 * (uh * vc + uc * vh) / K - 2 * w**2 * (uh * vc - uc * vh) ** 2 / K**3
    scale = w * K
    assert res.mean == pytest.approx(J, abs=1e-12 * scale)
    assert res.noise == pytest.approx(S, abs=1e-12 * w * scale)
    # closed-form SCGF theta(s) = -K/2 + sqrt((u-v)^2/4 + (uh e^{sw} + uc)(vh e^{-sw} + vc))
    s = np.array([-0.7, 0.3, 1.1]) / w
    th = -K / 2 + np.sqrt(
        ((uh + uc) - (vh + vc)) ** 2 / 4 + (uh * np.exp(s * w) + uc) * (vh * np.exp(-s * w) + vc)
    )
    np.testing.assert_allclose(scgf(m, HEAT_H, s), th, atol=1e-10 * K)
    # classical two-state process: TUR and KUR hold
    if abs(J) > 1e-6 * scale:
        assert res.tur_ratio >= 1 - 1e-9
        assert res.kur_ratio >= 1 - 1e-9


@settings(max_examples=25, deadline=None)
@given(
    w=st.floats(0.2, 3.0),
    gh=st.floats(0.01, 2.0),
    gc=st.floats(0.01, 2.0),
    Th=st.floats(0.2, 10.0),
    Tc=st.floats(0.2, 10.0),
    s=st.floats(-2.0, 2.0),
)
def test_gallavotti_cohen_symmetry(
    w: float, gh: float, gc: float, Th: float, Tc: float, s: float
) -> None:
    """theta(s) = theta(-s - (1/T_c - 1/T_h)) for the heat Q_h flowing in from the hot bath."""
    m, _, _ = _qubit(w, gh, gc, Th, Tc)
    a = 1 / Tc - 1 / Th
    lhs, rhs = scgf(m, HEAT_H, [s, -s - a]).ravel()
    assert lhs == pytest.approx(rhs, abs=1e-10 * (gh + gc) * (1 + np.exp(abs(s) * w + abs(a) * w)))


def test_gallavotti_cohen_fails_for_the_wrong_affinity() -> None:
    m, _, _ = _qubit(1.0, 0.3, 0.5, 4.0, 1.0)
    a = 1 / 1.0 - 1 / 4.0
    lhs, rhs = scgf(m, HEAT_H, [0.4, -0.4 - 1.3 * a]).ravel()
    assert abs(lhs - rhs) > 1e-4


def test_counting_reproduces_ledger_and_generator() -> None:
    """Mean heat per bath = ledger heat; L(0) = Liouvillian; global fridge with degenerate jumps."""
    for kind in ("local", "global"):
        fr = absorption_refrigerator(
            w_c=1.0,
            w_h=2.0,
            g=np.array([0.05, 0.2]),
            gamma=0.02,
            T_c=1.0,
            T_r=3.0,
            T_h=5.0,
            kind=kind,
        )
        m = counting_machine(fr)
        led = steady_state_ledger(steady_state(m.master))
        for b in ("c", "h", "r"):
            res = current_statistics(m, Current(heat={b: 1.0}))
            np.testing.assert_allclose(res.mean, led.heat[b], atol=1e-13)
        np.testing.assert_allclose(
            tilted_liouvillian(m, Current(heat={"c": 1.0}), 0.0), m.master.liouvillian(), atol=1e-15
        )
        np.testing.assert_allclose(res.entropy_production, led.entropy_production, atol=1e-13)


def test_cumulants_match_finite_time_statistics() -> None:
    """Scaled cumulants (perturbation theory) = growth of exact finite-time cumulants (Van Loan)."""
    m = _maser()
    res = current_statistics(m, POWER, order=3)
    t = 60.0
    a = finite_time_cumulants(m, POWER, t, order=3)
    b = finite_time_cumulants(m, POWER, 2 * t, order=3)
    np.testing.assert_allclose((b - a) / t, res.cumulants, rtol=1e-7)
    assert a[0] == pytest.approx(res.mean * t, rel=1e-10)  # started in the steady state


def test_cumulants_agree_with_quantum_jump_trajectories() -> None:
    """Coherent maser with dephasing: mean and variance of N_t from 2000 trajectories."""
    m = _maser()
    t = 40.0
    exact = finite_time_cumulants(m, POWER, t)
    N = sample_counts(m, POWER, t=t, ntraj=2000, dt=0.004, rng=7)
    n = N.size
    var = N.var(ddof=1)
    assert abs(N.mean() - exact[0]) < 4 * np.sqrt(var / n)
    # standard error of the sample variance, from the sample fourth central moment
    m4 = np.mean((N - N.mean()) ** 4)
    assert abs(var - exact[1]) < 4 * np.sqrt((m4 - var**2) / n)


def test_noise_matches_qutip_countstat() -> None:
    qutip = pytest.importorskip("qutip")
    w, gh, gc, Th, Tc = 1.0, 0.3, 0.5, 4.0, 1.0
    m, hb, cb = _qubit(w, gh, gc, Th, Tc)
    res = current_statistics(m, HEAT_H)
    sm = qutip.Qobj(sigmam())
    c_ops = [
        np.sqrt(hb.rate(w)) * sm,
        np.sqrt(hb.rate(-w)) * sm.dag(),
        np.sqrt(cb.rate(w)) * sm,
        np.sqrt(cb.rate(-w)) * sm.dag(),
    ]
    L = qutip.liouvillian(qutip.Qobj(0.5 * w * sigmaz()), c_ops)
    jumps = [qutip.sprepost(c, c.dag()) for c in c_ops[:2]]
    I_ops = [-w * jumps[0] + w * jumps[1]]  # L_1: energy into the system from the hot bath
    J_ops = [w**2 * (jumps[0] + jumps[1])]  # L_2
    cur, noise, _ = qutip.countstat_current_noise(
        L, [], rhoss=qutip.steadystate(L), J_ops=J_ops, I_ops=I_ops, sparse=False, method="numpy"
    )
    assert float(np.real(np.ravel(cur)[0])) == pytest.approx(float(res.mean), rel=1e-8)
    assert float(np.real(np.ravel(noise)[0])) == pytest.approx(float(res.noise), rel=1e-6)


def test_lindblad_builder_agrees_with_secular_builder() -> None:
    """Local maser written with explicit jump operators gives the same statistics."""
    mm = _maser(eps=0.075, dephasing=0.0)
    w_c, w_h, Tc, Th = 1.0, 3.0, 1.0, 5.0
    nh, nc = 1 / np.expm1(w_h / Th), 1 / np.expm1(w_c / Tc)
    g2 = np.zeros((3, 3))
    g2[0, 2] = 1.0
    g1 = np.zeros((3, 3))
    g1[0, 1] = 1.0
    # rotating frame: energy booked at the lab levels 0, w_c, w_h
    ml = counting_lindblad(
        np.diag([0.0, w_c, w_c]) + 0.075 * np.array([[0, 0, 0], [0, 0, 1], [0, 1, 0]]),
        {"h": [(g2, 1 + nh), (g2.T, nh)], "c": [(g1, 1 + nc), (g1.T, nc)]},
        baths={
            "h": Bath(name="h", T=Th, spectral_density=FlatSpectrum(1.0)),
            "c": Bath(name="c", T=Tc, spectral_density=FlatSpectrum(1.0)),
        },
        H_energy=np.diag([0.0, w_c, w_h]),
    )
    a = current_statistics(mm, POWER, order=3)
    b = current_statistics(ml, POWER, order=3)
    np.testing.assert_allclose(b.cumulants, a.cumulants, rtol=1e-10)
    one = current_statistics(ml, Current(heat={"h[0]": 1.0, "h[1]": 1.0}))
    np.testing.assert_allclose(one.mean, current_statistics(ml, HEAT_H).mean, rtol=1e-12)


def test_rate_function_vanishes_at_the_mean() -> None:
    m, _, _ = _qubit(1.0, 0.3, 0.5, 4.0, 1.0)
    J = float(current_statistics(m, HEAT_H).mean)
    I = rate_function(m, HEAT_H, [J, 0.0, 2 * J])
    assert I[0] == pytest.approx(0.0, abs=1e-9)
    assert I[1] > 1e-4 and I[2] > 1e-4


def test_bad_input() -> None:
    m, hb, _cb = _qubit(1.0, 0.3, 0.5, 4.0, 1.0)
    with pytest.raises(ValueError, match="must count jump channels of the model"):
        current_statistics(m, Current(heat={"drive": 1.0}))
    with pytest.raises(TypeError, match="must be a quantherm `Current`"):
        current_statistics(m, {"h": 1.0})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="must count something"):
        Current()
    with pytest.raises(ValueError, match="`order` must be an integer >= 2"):
        current_statistics(m, HEAT_H, order=1)
    with pytest.raises(ValueError, match="has no positive jump decomposition"):
        counting_master_equation(sigmaz(), [(sigmax(), hb)], kind="redfield")
    with pytest.raises(ValueError, match="`rate` must be finite and >= 0"):
        with_dephasing(m, "deph", sigmaz(), -1.0)
    with pytest.raises(TypeError, match="must be a ContinuousMachine"):
        counting_machine(object())
    with pytest.raises(ValueError, match="`t` must be a finite time"):
        finite_time_cumulants(m, HEAT_H, -1.0)
    # a model with two disconnected invariant sets has no unique steady state
    cold = Bath(name="c", T=1.0, spectral_density=FlatSpectrum(0.5))
    H = np.diag([0.0, 1.0, 5.0])
    A = np.zeros((3, 3))
    A[0, 1] = A[1, 0] = 1.0
    trap = counting_master_equation(H, [(A, cold)])
    with pytest.raises(ConvergenceError, match="not unique"):
        current_statistics(trap, Current(heat={"c": 1.0}))
