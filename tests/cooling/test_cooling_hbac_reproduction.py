"""Reproduction `algorithmic-cooling`: every card claim at default parameters, the output
contract, parameter overrides and bad input."""

from __future__ import annotations

import math

import matplotlib
import pytest

from quantherm.cooling import hbac_limit, noe_limit, pair_reset_limit
from quantherm.papers.algorithmic_cooling import REPRODUCTION

matplotlib.use("Agg")

N_CLAIMS = 31  # 3 law checks + 28 claims (C1-C7)
CONTRACT = {"eps_target", "eps_limit", "eps_per_qubit", "rounds_to_99pct", "heat_to_bath"}


@pytest.fixture(scope="module")
def report():
    return REPRODUCTION.run()


def test_every_card_claim_passes_at_defaults(report):
    failed = [(c.name, c.paper, c.computed) for c in report.claims if c.passed is not True]
    assert not failed
    assert len(report.claims) == N_CLAIMS
    names = " ".join(c.name for c in report.claims)
    for tag in ("C1", "C2", "C3", "C4", "C5", "C6", "C7"):
        assert tag in names


@pytest.mark.paper
@pytest.mark.parametrize("index", range(N_CLAIMS))
def test_claim(report, index):
    claim = report.claims[index]
    assert claim.passed is True, (claim.name, claim.paper, claim.computed)


def test_output_contract_at_defaults(report):
    q = report.quantities
    assert set(q) == CONTRACT
    assert q["eps_limit"] == pytest.approx(math.tanh(4 * math.atanh(0.1)), abs=1e-15)
    assert q["eps_target"] == pytest.approx(q["eps_limit"], abs=1e-9)
    assert q["eps_per_qubit"] == pytest.approx([0.381096123, 0.198019802, 0.1, 0.1], abs=1e-8)
    assert q["rounds_to_99pct"] == 53  # card C4, n = 4, eps_b = 0.1
    assert q["heat_to_bath"] > 0  # cooling dumps heat into the bath
    assert report.checks["first_law_residual"] <= 1e-12
    d = report.to_dict()
    assert d["name"] == "algorithmic-cooling"


@pytest.mark.parametrize(
    ("overrides", "limit"),
    [
        ({"protocol": "noe", "eps_b": 0.05}, noe_limit(0.05)),
        ({"protocol": "pair-reset", "n": 3, "eps_b": 0.02}, pair_reset_limit(0.02, 3)),
        ({"protocol": "ppa", "m": 2, "n_c": 2, "eps_b": 0.05}, hbac_limit(0.05, 2, 2)),
        ({"protocol": "ppa", "n": 10, "eps_b": 0.3}, hbac_limit(0.3, 9, 1)),
    ],
)
def test_overrides_recompute(overrides, limit):
    rep = REPRODUCTION.run(overrides)
    assert rep.quantities["eps_limit"] == pytest.approx(limit, abs=1e-15)
    assert rep.quantities["eps_target"] == pytest.approx(limit, abs=1e-9)
    assert rep.passed
    assert any(c.passed is None for c in rep.claims)  # paper claims only at defaults


def test_fixed_rounds_and_zq_without_closed_form():
    rep = REPRODUCTION.run({"protocol": "pair-reset-zq", "n": 3, "rounds": "7"})
    assert rep.checks["rounds"] == 7
    assert math.isnan(rep.quantities["eps_limit"])
    assert rep.quantities["rounds_to_99pct"] == -1


@pytest.mark.parametrize(
    ("overrides", "match"),
    [
        ({"eps_b": 1.0}, "polarization in"),
        ({"eps_b": -1.0}, "eps_b"),
        ({"n": 1}, "parameter 'n'"),
        ({"protocol": "magic"}, "must be one of"),
        ({"rounds": "many"}, "'rounds'"),
        ({"rounds": "-3"}, "'rounds'"),
        ({"protocol": "noe", "m": 2}, "'m' applies to protocol 'ppa' only"),
        ({"n": 2, "m": 2}, "must exceed m"),
    ],
)
def test_bad_input(overrides, match):
    with pytest.raises(ValueError, match=match):
        REPRODUCTION.run(overrides)


def test_plot(report):
    fig = REPRODUCTION.plot(report)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "round"
    assert len(ax.get_lines()) >= 4  # four protocols (plus dotted limits)
