"""Dephasing closed form, full Lamb-Dicke model and the `ion-revivals` reproduction."""

from __future__ import annotations

import math

import numpy as np
import pytest
import qutip

from quantherm.ions import (
    DephasingModel,
    FullLambDickeModel,
    dephasing_coherence,
    linear_crystal,
    spin_observable_truncated,
    truncated_hamiltonian,
)
from quantherm.papers.ion_revivals import REPRODUCTION


def test_dephasing_closed_form_vs_truncated_to_1e10() -> None:
    t = np.array([0.3, 1.0, 2.0, math.pi, 2 * math.pi])
    one = DephasingModel(frequencies=[1.0], couplings=[0.5])
    trunc, _ = spin_observable_truncated(
        one, t, spin="+x", n_bar=1.0, observable="coherence", cutoff=60
    )
    np.testing.assert_allclose(trunc / 0.5, dephasing_coherence(one, t, n_bar=1.0), atol=1e-10)
    two = DephasingModel(frequencies=[1.0, 1.3], couplings=[0.4, 0.3])
    trunc2, _ = spin_observable_truncated(
        two, t, spin="+x", n_bar=0.5, observable="coherence", cutoff=18
    )
    np.testing.assert_allclose(trunc2 / 0.5, dephasing_coherence(two, t, n_bar=0.5), atol=1e-8)


def test_dephasing_vs_qutip_one_mode() -> None:
    levels = 30
    a = qutip.tensor(qutip.qeye(2), qutip.destroy(levels))
    sz = qutip.tensor(qutip.sigmaz(), qutip.qeye(levels))
    h = a.dag() * a + 0.25 * sz * (a + a.dag())
    plus = (qutip.basis(2, 0) + qutip.basis(2, 1)).unit()
    rho0 = qutip.tensor(plus.proj(), qutip.thermal_dm(levels, 1.0))
    sp = qutip.tensor(qutip.sigmap(), qutip.qeye(levels))
    t = np.linspace(0, 2 * math.pi, 9)
    res = qutip.mesolve(h, rho0, t, e_ops=[sp.dag()], options={"atol": 1e-11, "rtol": 1e-9})
    ours = dephasing_coherence(DephasingModel(frequencies=[1.0], couplings=[0.5]), t, n_bar=1.0)
    # <sigma^-> of QuTiP = conj(<sigma^+>); both real here
    np.testing.assert_allclose(np.abs(np.asarray(res.expect[0])) / 0.5, ours, atol=1e-6)


def test_full_lamb_dicke_reduces_to_carrier_rabi_at_eta_zero() -> None:
    model = FullLambDickeModel(frequencies=[1.0], lamb_dicke=[0.0], rabi_frequency=0.7)
    t = np.linspace(0, 5, 6)
    p, _ = spin_observable_truncated(model, t, spin="down", n_bar=0.5, cutoff=12)
    np.testing.assert_allclose(p, np.sin(0.35 * t) ** 2, atol=1e-6)
    h = truncated_hamiltonian(
        FullLambDickeModel.from_crystal(linear_crystal(2), eta0=0.5, rabi_frequency=1.0), 3
    )
    np.testing.assert_allclose(h, h.conj().T, atol=1e-14)


@pytest.fixture(scope="module")
def default_report():  # type: ignore[no-untyped-def]
    return REPRODUCTION.run()


@pytest.mark.paper
def test_every_card_claim_passes(default_report) -> None:  # type: ignore[no-untyped-def]
    failed = [c.name for c in default_report.claims if c.passed is not True]
    assert not failed, failed
    names = " ".join(c.name for c in default_report.claims)
    for tag in ("C1", "C2", "C3", "C4", "C5", "R1 archive"):
        assert tag in names
    q = default_report.quantities
    assert {"p_up", "p_up_mean", "p_up_std", "d_eff", "p_up_thermal"} <= set(q)
    assert q["p_up_mean"] == pytest.approx(0.28744, abs=1e-4)


def test_other_models_and_bad_input() -> None:
    comb = REPRODUCTION.run({"model": "comb", "N": 41})
    assert comb.quantities["revival_time"] == pytest.approx(8.315, abs=2e-3)
    assert all(c.passed is None for c in comb.claims)
    deph = REPRODUCTION.run(
        {"model": "dephasing", "nu": "1,1.3", "lam": "0.4,0.3", "n_bar": 0.5, "times": "0.5,2"}
    )
    np.testing.assert_allclose(deph.quantities["coherence"], [0.940924, 0.521554], atol=1e-6)
    with pytest.raises(ValueError, match="lam"):
        REPRODUCTION.run({"model": "dephasing", "nu": "1,2", "lam": "0.5"})
    with pytest.raises(ValueError, match="zig-zag"):
        REPRODUCTION.run({"model": "chain", "w_r_over_w_z": 1.5, "N": 6})
    with pytest.raises(ValueError, match="times"):
        REPRODUCTION.run({"times": "a,b"})
