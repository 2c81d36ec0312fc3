"""The `tur` reproduction: claims at default parameters, output contract, overrides."""

from __future__ import annotations

import pytest

from quantherm.papers.tur import REPRODUCTION

CONTRACT = {"power_out", "power_noise", "entropy_production", "tur_ratio", "fano_factor"}
PARAMS = {"w_c", "w_h", "T_c", "T_h", "gamma_c", "gamma_h", "eps", "dephasing"}
FRIDGE = {
    "cooling_current",
    "cooling_noise",
    "cooling_tur_ratio",
    "cooling_fano_factor",
    "fridge_entropy_production",
    "noise_ratio",
}


def test_tur_claims_at_defaults() -> None:
    rep = REPRODUCTION.run()
    assert set(rep.quantities) == CONTRACT | FRIDGE
    assert {p.name for p in REPRODUCTION.parameters} >= PARAMS
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


def test_tur_fridge_noise_against_a_direct_computation() -> None:
    """Cooling-current noise of the LPS fridge against the dense Drazin-inverse formula."""
    import numpy as np

    from quantherm.fluctuations import Current, counting_machine, tilted_liouvillian
    from quantherm.machines.library import absorption_refrigerator

    rep = REPRODUCTION.run({"fridge_g": 0.08, "fridge_T_h": 8.0})
    p = rep.params
    m = counting_machine(
        absorption_refrigerator(
            w_c=p["fridge_w_c"], w_h=p["fridge_w_h"], g=p["fridge_g"], gamma=p["fridge_gamma"],
            T_c=p["fridge_T_c"], T_r=p["fridge_T_r"], T_h=p["fridge_T_h"],
        )
    )  # fmt: skip
    cur = Current(heat={"c": 1.0})
    h = 1e-3
    # theta(s) by dense eigenvalues; central differences of the dominant eigenvalue
    th = [np.max(np.linalg.eigvals(tilted_liouvillian(m, cur, x)).real) for x in (-h, 0.0, h)]
    assert rep.quantities["cooling_current"] == pytest.approx((th[2] - th[0]) / (2 * h), rel=1e-5)
    assert rep.quantities["cooling_noise"] == pytest.approx(
        (th[2] - 2 * th[1] + th[0]) / h**2, rel=1e-3
    )
    wc, wh = p["fridge_w_c"], p["fridge_w_h"]
    assert rep.quantities["noise_ratio"] == pytest.approx((wc / wh) ** 2, rel=1e-10)
    assert rep.checks["cooling_noise_vs_finite_time_relative"] < 1e-8
    assert all(c.passed in (True, None) for c in rep.claims)


def test_tur_fridge_outside_the_cooling_window() -> None:
    rep = REPRODUCTION.run({"fridge_T_h": 1.1})
    assert rep.quantities["cooling_current"] < 0
    assert all(c.passed in (True, None) for c in rep.claims)
