"""The `demon` and `heat-reversal` reproductions: every card claim at default parameters."""

from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

from quantherm.cli.main import cli
from quantherm.papers.base import Report
from quantherm.papers.demon import REPRODUCTION as DEMON
from quantherm.papers.heat_reversal import REPRODUCTION as HEAT

DEMON_Q = {
    "work_out",
    "work_in",
    "mutual_information",
    "sagawa_ueda_bound",
    "jarzynski_generalized",
    "landauer_bound",
    "entropy_production_total",
    "entropy_production_system",
}
HEAT_Q = {
    "heat_a",
    "heat_b",
    "mutual_information_initial",
    "delta_mutual_information",
    "law_residual",
    "max_reversal",
    "max_reversal_separable",
    "max_reversal_entangled",
}


@pytest.fixture(scope="module")
def demon() -> Report:
    return DEMON.run()


@pytest.fixture(scope="module")
def heat() -> Report:
    return HEAT.run()


@pytest.mark.paper
def test_demon_claims_at_defaults(demon: Report) -> None:
    failed = [c for c in demon.claims if c.passed is not True]
    assert not failed, failed
    names = " ".join(c.name for c in demon.claims)
    for tag in ("C1", "C2", "C3", "C4", "C5", "C6", "C7", "explicit memory"):
        assert tag in names


@pytest.mark.paper
def test_heat_reversal_claims_at_defaults(heat: Report) -> None:
    failed = [c for c in heat.claims if c.passed is not True]
    assert not failed, failed
    names = " ".join(c.name for c in heat.claims)
    for tag in ("C1", "C2", "C3", "C4", "C5", "C6", "hot bath hotter"):
        assert tag in names


def test_output_contracts(demon: Report, heat: Report) -> None:
    assert set(demon.quantities) >= DEMON_Q
    assert set(heat.quantities) >= HEAT_Q
    assert {p.name for p in DEMON.parameters} >= {
        "protocol",
        "T",
        "error",
        "partition",
        "statistics",
        "particles",
        "gamma_tau",
        "p_final",
    }
    assert {p.name for p in HEAT.parameters} >= {
        "T_A",
        "T_B",
        "alpha_re",
        "alpha_im",
        "tau",
        "J",
        "scenario",
        "p",
    }
    # the ledger of system, memory and baths with each law's residual
    for key in (
        "work_system",
        "work_memory",
        "heat_system",
        "heat_memory",
        "heat_baths",
        "first_law_residual",
        "second_law_residual",
        "sagawa_ueda_residual",
    ):
        assert key in demon.checks
    assert (
        demon.quantities["entropy_production_system"]
        < 0
        < demon.quantities["entropy_production_total"]
    )
    assert heat.quantities["heat_a"] > 0 > heat.quantities["heat_b"]
    assert abs(heat.quantities["law_residual"]) < 1e-12


def test_demon_protocols_and_si_units() -> None:
    two = DEMON.run({"protocol": "erasure-two-level"})
    assert two.quantities["work_in"] == pytest.approx(0.868567, abs=1e-5)
    si = DEMON.run({"protocol": "landauer", "p_final": 0.0, "units": "si", "T": 300.0})
    assert si.quantities["work_in"] == pytest.approx(2.8710e-21, rel=1e-4)
    qs = DEMON.run({"protocol": "quantum-szilard", "statistics": "fermion", "beta_e1": 0.1})
    assert qs.quantities["work_out"] == pytest.approx(0.55388, abs=1e-5)
    assert all(c.passed is not False for c in qs.claims)


def test_heat_reversal_scenarios() -> None:
    w = HEAT.run({"scenario": "werner-erasure", "p": 1.0})
    assert w.quantities["conditional_entropy"] == pytest.approx(-math.log(2))
    pl = HEAT.run({"scenario": "work-from-correlations", "p": 0.0})
    assert pl.quantities["work_bath"] == pytest.approx(0.582203, abs=1e-6)


def test_cli_json_and_bad_input() -> None:
    runner = CliRunner()
    res = runner.invoke(
        cli, ["reproduce", "heat-reversal", "--json", "--set", "alpha_re=-0.05", "--set", "tau=1"]
    )
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert d["quantities"]["heat_a"] > 0 and "partovi_identity_residual" in d["checks"]
    bad = runner.invoke(cli, ["reproduce", "heat-reversal", "--set", "alpha_re=0.5"])
    assert bad.exit_code == 2 and "positive" in bad.output
    bad = runner.invoke(
        cli, ["reproduce", "demon", "--set", "protocol=erasure-two-level", "--set", "gamma_tau=2"]
    )
    assert bad.exit_code == 2 and "gamma_tau" in bad.output
