"""Onsager coefficients: fluctuation-dissipation (L = S/2 at equilibrium), reciprocity."""

from __future__ import annotations

import numpy as np
import pytest

from quantherm.fluctuations import (
    Current,
    counting_machine,
    current_statistics,
    noise_matrix,
    onsager_matrix,
)
from quantherm.machines.library import absorption_refrigerator


def _fridge(T_c: float, T_r: float, T_h: float):
    return counting_machine(
        absorption_refrigerator(
            w_c=1.0, w_h=2.0, g=0.1, gamma=0.02, T_c=T_c, T_r=T_r, T_h=T_h, kind="global"
        )
    )


def test_onsager_matrix_equals_linear_response_and_is_reciprocal() -> None:
    T, d = 2.0, 1e-4
    L = onsager_matrix(_fridge(T, T, T), ["h", "r"])
    # response of the heat currents to the affinities X_j = 1/T - 1/T_j (central differences)
    resp = np.empty((2, 2))
    for j, key in enumerate(("T_h", "T_r")):
        Ts = {}
        for sgn in (+1, -1):
            X = sgn * d
            Tj = 1 / (1 / T - X)
            kw = {"T_c": T, "T_r": T, "T_h": T, key: Tj}
            m = _fridge(kw["T_c"], kw["T_r"], kw["T_h"])
            Ts[sgn] = [
                float(current_statistics(m, Current(heat={b: 1.0})).mean) for b in ("h", "r")
            ]
        resp[:, j] = (np.array(Ts[+1]) - np.array(Ts[-1])) / (2 * d)
    np.testing.assert_allclose(resp, L, rtol=1e-6, atol=1e-9 * np.abs(L).max())
    assert resp[0, 1] == pytest.approx(resp[1, 0], rel=1e-6)  # reciprocity from the dynamics
    assert np.all(np.linalg.eigvalsh(L) >= -1e-15)


def test_noise_matrix_and_bad_input() -> None:
    m = _fridge(1.0, 3.0, 5.0)
    S = noise_matrix(m, [Current(heat={"h": 1.0}), Current(heat={"c": 1.0})])
    assert S.shape == (2, 2)
    assert S[0, 1] == pytest.approx(S[1, 0])
    with pytest.raises(ValueError, match="must be at equilibrium"):
        onsager_matrix(m, ["h", "r"])
    with pytest.raises(ValueError, match="at least one"):
        noise_matrix(m, [])
