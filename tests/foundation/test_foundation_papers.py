"""Every claim of the foundation's reproductions passes at default parameters."""

from __future__ import annotations

import pytest

from quantherm.papers import get_reproduction


@pytest.mark.paper
@pytest.mark.parametrize("name", ["fridge", "maser", "cold-to-hot"])
def test_claims_at_defaults(name: str) -> None:
    report = get_reproduction(name).run()
    failed = [c for c in report.claims if c.passed is False]
    assert not failed, failed
    assert sum(c.passed is True for c in report.claims) >= 3


def test_fridge_contract_names() -> None:
    q = get_reproduction("fridge").run().quantities
    assert set(q) == {
        "heat_current_c",
        "heat_current_h",
        "heat_current_r",
        "cop",
        "cop_carnot",
        "entropy_production",
        "temperature_c_qubit",
    }


def test_maser_contract_names() -> None:
    q = get_reproduction("maser").run().quantities
    assert set(q) == {
        "power_out",
        "heat_current_h",
        "heat_current_c",
        "efficiency",
        "efficiency_carnot",
        "entropy_production",
    }


def test_claims_off_default_are_not_applied() -> None:
    report = get_reproduction("fridge").run({"master_equation": "global"})
    c2 = next(c for c in report.claims if c.name.startswith("C2"))
    assert c2.passed is None and "not checked" in c2.note


def test_fridge_batch_matches_run() -> None:
    import numpy as np

    rep = get_reproduction("fridge")
    p = rep.defaults
    out = rep.batch({**p, "T_h": np.array([3.0, 5.0])})  # type: ignore[misc]
    single = rep.run({"T_h": 3.0}).quantities
    assert out["heat_current_c"][0] == pytest.approx(single["heat_current_c"], rel=1e-12)


def test_cold_to_hot_qubits_warns_and_contract() -> None:
    report = get_reproduction("cold-to-hot").run({"system": "qubits"})
    assert all(c.passed for c in report.claims)
    assert any("warns" in c.name for c in report.claims)
    assert set(report.quantities) == {
        "heat_current_h_local",
        "heat_current_h_global",
        "entropy_production_local",
        "entropy_production_global",
    }


def test_cold_to_hot_oscillator_contract_and_exact_agreement() -> None:
    report = get_reproduction("cold-to-hot").run()
    q = report.quantities
    assert set(q) == {
        "heat_current_h_local",
        "heat_current_h_global",
        "heat_current_h_exact",
        "entropy_production_local",
        "entropy_production_global",
    }
    # well-separated modes, lam >> gamma: the global equation is within 1e-3 of the exact current
    assert abs(q["heat_current_h_global"] - q["heat_current_h_exact"]) < 1e-3 * abs(
        q["heat_current_h_exact"]
    )
    assert q["heat_current_h_local"] < 0 < q["heat_current_h_exact"]


def test_every_reproduction_module_imports() -> None:
    from quantherm.papers import registry_errors

    assert registry_errors() == {}
