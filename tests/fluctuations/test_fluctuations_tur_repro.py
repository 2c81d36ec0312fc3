"""The `tur` reproduction: claims at default parameters, output contract, overrides."""

from __future__ import annotations

import pytest

from quantherm.papers.tur import REPRODUCTION

CONTRACT = {"power_out", "power_noise", "entropy_production", "tur_ratio", "fano_factor"}
PARAMS = {"w_c", "w_h", "T_c", "T_h", "gamma_c", "gamma_h", "eps", "dephasing"}


def test_tur_claims_at_defaults() -> None:
    rep = REPRODUCTION.run()
    assert set(rep.quantities) == CONTRACT
    assert {p.name for p in REPRODUCTION.parameters} == PARAMS
    for c in rep.claims:
        assert c.passed is True, c
    q = rep.quantities
    assert q["tur_ratio"] == pytest.approx(
        q["power_noise"] * q["entropy_production"] / (2 * q["power_out"] ** 2)
    )
    assert rep.checks["power_vs_ledger"] < 1e-12
    assert rep.checks["noise_vs_finite_time_relative"] < 1e-8


def test_tur_dephasing_restores_the_classical_bound() -> None:
    rep = REPRODUCTION.run({"dephasing": 10.0})
    assert rep.quantities["tur_ratio"] >= 1.0
    assert all(c.passed in (True, None) for c in rep.claims)


def test_tur_bad_parameters() -> None:
    with pytest.raises(ValueError, match="'w_h' must exceed 'w_c'"):
        REPRODUCTION.run({"w_h": 0.5})
