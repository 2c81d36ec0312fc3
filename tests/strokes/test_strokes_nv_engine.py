"""The `nv-engine` reproduction: every card claim at defaults, the output contract, bad input."""

from __future__ import annotations

import json

import numpy as np
import pytest

from quantherm.papers import get_reproduction
from quantherm.papers.base import Report

_B = {
    "work_out_continuous",
    "work_out_two_stroke",
    "work_out_four_stroke",
    "power_out_continuous",
    "heat_in_hot_two_stroke",
    "work_out_dephased",
    "stochastic_bound",
    "boost_ratio",
}
_A = {"work_out_coherent", "work_out_dephased", "stochastic_bound", "boost_ratio", "theta_star"}


@pytest.fixture(scope="module")
def report() -> Report:
    return get_reproduction("nv-engine").run()


@pytest.mark.paper
@pytest.mark.parametrize("claim", ["C1", "C2", "C3", "C4", "C5", "C6", "C7"])
def test_card_claims_pass_at_defaults(report: Report, claim: str) -> None:
    mine = [c for c in report.claims if c.name.startswith(claim)]
    assert mine, f"no {claim} claim"
    failed = [c for c in mine if c.passed is not True]
    assert not failed, failed


def test_contract_model_b(report: Report) -> None:
    assert set(report.quantities) == _B
    q = report.quantities
    assert q["work_out_two_stroke"] == pytest.approx(4.225568e-3, rel=1e-6)
    assert q["boost_ratio"] == pytest.approx(
        q["work_out_two_stroke"] / q["stochastic_bound"], rel=1e-14
    )
    json.dumps(report.to_dict())


def test_contract_model_a_and_tables_still_checked() -> None:
    rep = get_reproduction("nv-engine").run({"model": "A"})
    assert set(rep.quantities) == _A
    assert rep.quantities["boost_ratio"] == pytest.approx(8.033, abs=5e-4)  # card C6 table, k = 0.2
    assert rep.quantities["theta_star"] == pytest.approx(0.61160, abs=5e-6)
    assert all(c.passed is True for c in rep.claims)


def test_off_default_laws_apply_tables_do_not() -> None:
    rep = get_reproduction("nv-engine").run({"eps": 0.3, "tau": 0.7})
    laws = [c for c in rep.claims if c.passed is not None]
    assert laws and all(c.passed for c in laws)
    assert any(c.passed is None for c in rep.claims)


def test_bad_laser_actions_raise() -> None:
    with pytest.raises(ValueError, match="k2"):
        get_reproduction("nv-engine").run({"model": "A", "k1": 1.0, "k2": 0.2})


def test_plot(report: Report) -> None:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    fig = get_reproduction("nv-engine").plot(report)
    assert len(fig.axes) >= 3
    assert np.all(np.isfinite(report.data["boost_ratio"]))
