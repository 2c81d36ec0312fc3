"""Reaction coordinate at strong coupling, checked against QuTiP's HEOM on a spin-boson model."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg as sla

from quantherm.core.operators import sigmax, sigmaz
from quantherm.core.states import gibbs_state
from quantherm.dynamics import steady_state
from quantherm.dynamics.elements import assemble_dense
from quantherm.fluctuations import Current, UnderdampedBath, current_statistics, reaction_coordinate
from quantherm.thermo.ledger import steady_state_ledger

EPS, DELTA = 0.5, 1.0
HS = 0.5 * EPS * sigmaz() + 0.5 * DELTA * sigmax()
LAM, GAM, W0, T = 1.0, 0.1, 2.0, 0.5


def test_spin_boson_against_heom() -> None:
    qutip = pytest.importorskip("qutip")
    from qutip.solver.heom import HEOMSolver
    from qutip.solver.heom import UnderDampedBath as QUnderDamped

    rc = reaction_coordinate(
        HS, [(sigmaz(), UnderdampedBath(name="b", T=T, lam=LAM, gamma=GAM, w0=W0))], n_levels=8
    )
    me = rc.model.master
    rho_rc = rc.reduced(steady_state(me).rho)
    solver = HEOMSolver(
        qutip.Qobj(HS),
        QUnderDamped(qutip.Qobj(sigmaz()), LAM, GAM, W0, T, 3),
        max_depth=6,
        options={"nsteps": 15000, "progress_bar": False},
    )
    rho_heom, _ = solver.steady_state()
    rho_heom = rho_heom.full()
    err_rc = np.max(np.abs(rho_rc - rho_heom))
    err_weak = np.max(np.abs(gibbs_state(HS, T) - rho_heom))  # weak-coupling (Gibbs of H_S) answer
    assert err_rc < 2e-3
    assert err_weak > 10 * err_rc
    # dynamics from a product state (RC in its undisplaced thermal state)
    times = np.linspace(0.0, 20.0, 21)
    res = solver.run(
        qutip.Qobj(np.diag([1.0, 0.0]).astype(complex)), times, e_ops=[qutip.Qobj(sigmaz())]
    )
    n = rc.dims[1]
    th = np.diag(np.exp(-W0 * np.arange(n) / T))
    R0 = np.kron(np.diag([1.0, 0.0]), th / th.trace())
    L = assemble_dense(me.generator)[0]
    x0 = me.to_work(R0)[0].reshape(-1, order="F")
    sz = []
    for t in times:
        x = sla.expm(L * t) @ x0
        r = me.from_work(x.reshape(me.d, me.d, order="F")[None]).reshape(me.d, me.d)
        sz.append(np.trace(rc.reduced(r) @ sigmaz()).real)
    assert np.max(np.abs(np.array(sz) - np.real(res.expect[0]))) < 0.1


def test_heat_through_two_reaction_coordinates() -> None:
    """A qubit between two strongly coupled baths: first law, second law, counting statistics."""
    hot = UnderdampedBath(name="h", T=1.0, lam=0.6, gamma=0.1, w0=2.5)
    cold = UnderdampedBath(name="c", T=0.4, lam=0.6, gamma=0.1, w0=2.5)
    rc = reaction_coordinate(HS, [(sigmaz(), hot), (sigmax(), cold)], n_levels=6)
    led = steady_state_ledger(steady_state(rc.model.master))
    assert float(led.heat["h"]) > 0
    assert float(led.heat["h"] + led.heat["c"]) == pytest.approx(0.0, abs=1e-12)
    assert float(led.entropy_production) > 0
    st = current_statistics(rc.model, Current(heat={"h": 1.0}))
    assert float(st.mean) == pytest.approx(float(led.heat["h"]), rel=1e-9)
    assert float(st.tur_ratio) > 0


def test_reaction_coordinate_bad_input() -> None:
    hotter = UnderdampedBath(name="b", T=5.0, lam=LAM, gamma=GAM, w0=W0)
    with pytest.raises(ValueError, match="too small to hold the thermal state"):
        reaction_coordinate(HS, [(sigmaz(), hotter)], n_levels=4)
    with pytest.raises(ValueError, match="`n_levels` must be an integer >= 2"):
        reaction_coordinate(HS, [(sigmaz(), hotter)], n_levels=1)
    with pytest.raises(ValueError, match="at least one"):
        reaction_coordinate(HS, [])
    with pytest.raises(ValueError, match="gamma"):
        UnderdampedBath(name="b", T=1.0, lam=1.0, gamma=-1.0, w0=1.0)
