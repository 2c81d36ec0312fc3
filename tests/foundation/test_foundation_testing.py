"""The public testing helpers, and tests of the testers (they must fail on wrong machines)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings

import quantherm as qh
from quantherm.machines.library import absorption_refrigerator, three_level_maser
from quantherm.testing import MachineCheckError, check_continuous_machine
from quantherm.testing.strategies import density_matrices, thermal_lindblad_systems


def test_library_machines_conform() -> None:
    fridge = {"w_c": 1.0, "w_h": 4.0, "g": 0.01, "gamma": 0.1, "T_c": 1.0, "T_r": 1.5, "T_h": 5.0}
    out = check_continuous_machine(
        absorption_refrigerator, fridge, temperature_keys=("T_c", "T_r", "T_h")
    )
    assert out["first_law_residual"] < 1e-10
    maser = {
        "w_c": 1.0,
        "w_h": 3.0,
        "T_c": 1.0,
        "T_h": 5.0,
        "gamma_c": 0.05,
        "gamma_h": 0.05,
        "eps": 0.1,
    }
    # the maser is driven: work is done at any temperature, so no equilibrium check
    check_continuous_machine(
        three_level_maser, maser, temperature_keys=("T_c", "T_h"), equilibrium=False
    )


def test_checker_fails_on_heat_flow_at_equal_temperatures() -> None:
    """Test the tester: a model that leaks heat at one temperature must be rejected."""

    def leaky(*, T_a: float, T_b: float) -> qh.ContinuousMachine:
        # bath b is given a different temperature than the parameter says: a bookkeeping bug
        H = np.diag([0.0, 1.0])
        a = qh.Bath(name="a", T=T_a)
        b = qh.Bath(name="b", T=2 * T_b)
        return qh.ContinuousMachine(H, [(qh.sigmax(), a), (qh.sigmax(), b)])

    with pytest.raises(MachineCheckError, match="equilibrium"):
        check_continuous_machine(leaky, {"T_a": 1.0, "T_b": 1.0}, temperature_keys=("T_a", "T_b"))
    # the same machine with honest temperatures passes
    check_continuous_machine(
        lambda *, T_a, T_b: leaky(T_a=T_a, T_b=T_b / 2),
        {"T_a": 1.0, "T_b": 1.0},
        temperature_keys=("T_a", "T_b"),
    )


@settings(max_examples=20, deadline=None, derandomize=True)
@given(rho=density_matrices(4))
def test_density_matrix_strategy(rho: np.ndarray) -> None:
    from quantherm.core.states import is_density_matrix

    assert is_density_matrix(rho)


@settings(max_examples=20, deadline=None, derandomize=True)
@given(sys=thermal_lindblad_systems(max_dim=5))
def test_random_thermal_systems_conform(sys: object) -> None:
    H, couplings = sys.args  # type: ignore[attr-defined]
    res = qh.ContinuousMachine(H, couplings).steady_state()
    assert res.checks.passed
    assert float(res.ledger.entropy_production) >= -1e-12
