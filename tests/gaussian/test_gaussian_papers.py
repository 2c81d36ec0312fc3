"""Reproductions `correlated-engine` and `third-law`: claims at defaults, contract names, --set."""

from __future__ import annotations

import json

import numpy as np
import pytest

from quantherm.papers.base import get_reproduction

CE_LISTS = (
    "work_out",
    "heat_in",
    "efficiency",
    "delta_sigma",
    "delta_local_entropy",
    "delta_energy",
    "second_law_residual",
    "first_law_residual",
)
TL_NAMES = (
    "heat_current_c",
    "heat_current_h",
    "power",
    "heat_current_c_resonant",
    "heat_current_c_pair_creation",
    "heat_current_c_rwa",
    "t_min",
    "entropy_production",
)


@pytest.mark.paper
def test_correlated_engine_claims_at_defaults():
    rep = get_reproduction("correlated-engine").run()
    assert rep.claims and all(c.passed is True for c in rep.claims), [
        (c.name, c.computed) for c in rep.claims if c.passed is not True
    ]
    for name in CE_LISTS:
        assert len(rep.quantities[name]) == rep.params["cycles"]
    assert {"efficiency_carnot", "mutual_information_initial"} <= set(rep.quantities)
    assert max(np.abs(rep.quantities["second_law_residual"])) < 1e-10
    json.dumps(rep.to_dict())


@pytest.mark.paper
def test_correlated_engine_squeezed_otto_and_set():
    R = get_reproduction("correlated-engine")
    rep = R.run({"model": "squeezed-otto"})
    assert all(c.passed is True for c in rep.claims)
    assert {"efficiency_max_power", "efficiency_max"} <= set(rep.quantities)
    rep2 = R.run({"T_h": "1.0", "kappa": "0", "cycles": "2", "swap_h": "0.5"})
    assert all(c.passed is not False for c in rep2.claims)
    # uncorrelated start at equal temperatures extracts no work
    assert max(rep2.quantities["work_out"]) <= 1e-12
    assert max(np.abs(rep2.quantities["first_law_residual"])) < 1e-12
    with pytest.raises(ValueError, match="kappa"):
        R.run({"kappa": "lots"})
    with pytest.raises(ValueError, match="kappa"):
        R.run({"kappa": "5.0"})


@pytest.mark.paper
def test_third_law_claims_at_defaults_and_rwa_model():
    R = get_reproduction("third-law")
    rep = R.run()
    assert rep.claims and all(c.passed is True for c in rep.claims), [
        (c.name, c.computed) for c in rep.claims if c.passed is not True
    ]
    assert set(TL_NAMES) <= set(rep.quantities)
    rwa = R.run({"model": "rwa", "T_h": "0.0", "T_c": "0.05"})
    assert rwa.quantities["heat_current_c"] > 0 and rwa.quantities["t_min"] == 0.0
    ex = R.run({"T_h": "0.0", "T_c": "0.05"})
    assert ex.quantities["heat_current_c"] < 0  # pair creation heats the cold bath
    json.dumps(ex.to_dict())
    with pytest.raises(ValueError, match="model"):
        R.run({"model": "magic"})
