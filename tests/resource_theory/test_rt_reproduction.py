"""`quantherm reproduce second-laws`: card claims at defaults, contract names, --set, errors."""

from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

from quantherm.cli.main import cli
from quantherm.papers.second_laws import REPRODUCTION

CONTRACT = {
    "allowed",
    "allowed_catalytic",
    "work_cost",
    "free_energy_initial",
    "free_energy_target",
    "free_energy_alpha_initial",
    "free_energy_alpha_target",
    "work_distillation_initial",
    "work_formation_initial",
    "witness",
}
CONTRACT_PARAMS = {"energies", "T", "initial", "target", "epsilon", "alphas"}


@pytest.fixture(scope="module")
def report():
    return REPRODUCTION.run()


def test_contract_names(report):
    assert set(report.quantities) >= CONTRACT
    assert {p.name for p in REPRODUCTION.parameters} == CONTRACT_PARAMS


def _claim_names():
    return [c.name for c in REPRODUCTION.run().claims]


@pytest.mark.paper
@pytest.mark.parametrize("name", _claim_names())
def test_every_claim_passes_at_defaults(report, name):
    (claim,) = [c for c in report.claims if c.name == name]
    assert claim.passed is True, claim


def test_default_quantities_are_example_E1(report):
    q = report.quantities
    assert q["allowed"] is False and q["allowed_catalytic"] is False
    assert q["witness"] == "alpha=inf"
    assert q["work_cost"] == pytest.approx(1 - math.log(2))
    assert q["free_energy_initial"] == pytest.approx(0.0, abs=1e-12)
    assert q["free_energy_target"] == pytest.approx(-0.193147, abs=1e-6)
    assert q["work_distillation_initial"] == pytest.approx(0.313262, abs=1e-6)
    assert len(q["free_energy_alpha_initial"]) == len(q["free_energy_alpha_target"]) == 8
    assert report.checks["lp_agrees"] is True


def test_set_parameters_recompute_and_e1_claims_stop_applying():
    rep = REPRODUCTION.run(
        {
            "energies": "0,0,0",
            "initial": "0.6,0.2,0.2",
            "target": "0.45,0.4,0.15",
            "epsilon": 0.1,
            "alphas": "-2,1",
        }
    )
    q = rep.quantities
    assert q["allowed"] is False and q["allowed_catalytic"] is False
    assert q["allowed_catalytic_approximate"] is True and q["witness"] == "alpha=-inf"
    assert q["free_energy_alpha_target"][1] == pytest.approx(q["free_energy_target"])
    assert q["work_distillation_initial"] > 0  # smoothed: positive even for a full-rank state
    assert rep.passed
    assert any(c.passed is None for c in rep.claims if c.name.startswith("C2/E1"))
    allowed = REPRODUCTION.run({"target": "0.8,0.2"}).quantities
    assert allowed["allowed"] is True and allowed["witness"] is None and allowed["work_cost"] < 0
    only_to = REPRODUCTION.run(
        {"energies": "0,0,0,0", "initial": "0.5,0.25,0.25,0", "target": "0.4,0.4,0.1,0.1"}
    ).quantities
    assert only_to["witness"].startswith("elbow 2")


@pytest.mark.parametrize(
    ("overrides", "match"),
    [
        ({"initial": "1,0,0"}, "one population per energy level"),
        ({"target": "0.5,0.6"}, "unit sum"),
        ({"initial": "a,b"}, "comma-separated numbers"),
        ({"T": 0}, "must be in"),
        ({"epsilon": 1.0}, "`epsilon` must be a smoothing parameter"),
        ({"alphas": "nan"}, "must not contain NaN"),
        ({"target": "1.2,-0.2"}, "entries >= 0"),
    ],
)
def test_bad_parameters(overrides, match):
    with pytest.raises(ValueError, match=match):
        REPRODUCTION.run(overrides)


def test_cli_json_and_plot(tmp_path):
    runner = CliRunner()
    res = runner.invoke(
        cli,
        [
            "reproduce",
            "second-laws",
            "--json",
            "--set",
            "target=0.9,0.1",
            "--plot",
            str(tmp_path / "f.png"),
        ],
    )
    assert res.exit_code == 0, res.output
    obj = json.loads(res.output[res.output.index("{") :])
    assert obj["quantities"]["allowed"] is True
    assert (tmp_path / "f.png").exists()
    bad = runner.invoke(cli, ["reproduce", "second-laws", "--set", "T=-1"])
    assert bad.exit_code == 2
