"""Reproduction `battery`: every claim at default parameters, contract names, errors."""

from __future__ import annotations

import numpy as np
import pytest

from quantherm.batteries import DickeBattery, collective_advantage
from quantherm.papers.base import get_reproduction
from quantherm.papers.battery import REPRODUCTION

CONTRACT_PARAMS = {
    "protocol",
    "N",
    "lam",
    "w_a",
    "w_c",
    "rwa",
    "tau_max",
    "energies",
    "populations",
    "copies",
}
DICKE_QUANTITIES = {
    "p_max",
    "tau_p_max",
    "energy_at_tau_p_max",
    "energy_max_first",
    "tau_energy_max_first",
    "ergotropy_at_tau_p_max",
    "advantage",
}


@pytest.fixture(scope="module")
def report():
    return REPRODUCTION.run()


def test_registered_and_contract_names(report):
    assert get_reproduction("battery") is not None
    assert {p.name for p in REPRODUCTION.parameters} == CONTRACT_PARAMS
    assert set(report.quantities) == DICKE_QUANTITIES
    assert report.to_dict()["name"] == "battery"


@pytest.mark.paper
def test_every_claim_passes_at_defaults(report):
    names = [c.name for c in report.claims]
    assert len(names) == len(set(names)) and len(names) > 50
    failed = [(c.name, c.paper, c.computed) for c in report.claims if c.passed is not True]
    assert failed == []


@pytest.mark.paper
@pytest.mark.parametrize(
    "prefix",
    ["C1", "C2", "C3", "C4a", "C4b", "C4c", "C4d", "C4e", "C4f", "C5", "C6", "L1", "L2", "L3"],
)
def test_each_card_claim_present(report, prefix):
    claims = [c for c in report.claims if c.name.startswith(prefix + " ")]
    assert claims and all(c.passed for c in claims)


def test_default_quantities(report):
    q = report.quantities
    assert q["advantage"] == pytest.approx(3.21643, rel=1e-4)
    assert q["p_max"] == pytest.approx(13.40283, rel=1e-5)
    assert 0 < q["ergotropy_at_tau_p_max"] < q["energy_at_tau_p_max"]
    assert report.checks["energy_conservation_residual"] < 1e-9


def test_other_protocols():
    par = REPRODUCTION.run({"protocol": "parallel"})
    assert par.quantities["advantage"] == 1.0
    assert par.quantities["p_max"] == pytest.approx(10 * 0.416700, rel=1e-5)
    glo = REPRODUCTION.run({"protocol": "global-drive", "N": 4})
    assert glo.quantities["advantage"] == pytest.approx(4.0, rel=1e-10)
    mc = REPRODUCTION.run({"protocol": "many-copy", "copies": 3})
    assert mc.quantities["ergotropy_per_copy"] == pytest.approx(0.012, abs=1e-12)
    assert mc.quantities["alicki_fannes_bound"] == pytest.approx(0.0163335, abs=6e-8)
    assert all(c.passed is not False for r in (par, glo, mc) for c in r.claims)
    rwa = REPRODUCTION.run({"N": 100, "rwa": True, "lam": 0.05})
    assert rwa.quantities["advantage"] / np.sqrt(100) == pytest.approx(0.8048, abs=1e-3)


def test_bad_parameters():
    with pytest.raises(ValueError, match="protocol"):
        REPRODUCTION.run({"protocol": "magic"})
    with pytest.raises(ValueError, match="N"):
        REPRODUCTION.run({"N": 0})
    with pytest.raises(ValueError, match="populations"):
        REPRODUCTION.run({"protocol": "many-copy", "populations": "0.5,0.6,0.1"})
    with pytest.raises(ValueError, match="equal length"):
        REPRODUCTION.run({"protocol": "many-copy", "populations": "0.5,0.5"})
    with pytest.raises(ValueError, match="global-drive"):
        REPRODUCTION.run({"protocol": "global-drive", "N": 20})


def test_plot(report):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    fig = REPRODUCTION.plot(report)
    assert len(fig.axes) == 3
    for o in ({"protocol": "many-copy"}, {"protocol": "global-drive", "N": 3}):
        assert len(REPRODUCTION.plot(REPRODUCTION.run(o)).axes) == 1


@pytest.mark.slow
@pytest.mark.parametrize(
    ("lam", "N", "p_max", "gamma"),
    [
        (0.5, 30, 69.60342, 5.56783),
        (0.5, 40, 107.1473, 6.42833),
        (1.0, 30, 139.99958, 4.86803),
        (2.0, 30, 280.40036, 4.67534),
    ],
)
def test_card_table_large_N(lam, N, p_max, gamma):
    adv = collective_advantage(DickeBattery(N=N, lam=lam))
    assert adv.collective.p_max == pytest.approx(p_max, rel=1e-4)
    assert adv.advantage == pytest.approx(gamma, rel=1e-4)
