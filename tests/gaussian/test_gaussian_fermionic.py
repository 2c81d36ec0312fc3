"""Fermionic correlation-matrix solver: XX chain against the Liouvillian, and N = 1000."""

from __future__ import annotations

import numpy as np
import pytest

from quantherm.core.operators import embed, qubit_lowering
from quantherm.core.states import fermi_occupation
from quantherm.dynamics.master import lindblad
from quantherm.dynamics.steady import steady_state
from quantherm.gaussian.fermionic import (
    FermionicBath,
    fermionic_steady_state,
    xx_chain_steady_state,
)

W, G, GAM, TH, TC = 1.0, 0.4, 0.3, 2.0, 0.3


def _liouvillian_current(N):
    dims = [2] * N
    sm = [embed(qubit_lowering(), dims, i) for i in range(N)]
    H = sum(W * s.conj().T @ s for s in sm)
    H = H + sum(G * (sm[i].conj().T @ sm[i + 1] + sm[i + 1].conj().T @ sm[i]) for i in range(N - 1))
    fh, fc = float(fermi_occupation(W, TH)), float(fermi_occupation(W, TC))
    me = lindblad(
        H,
        {
            "hot": [(sm[0], GAM * (1 - fh)), (sm[0].conj().T, GAM * fh)],
            "cold": [(sm[-1], GAM * (1 - fc)), (sm[-1].conj().T, GAM * fc)],
        },
    )
    rho = steady_state(me).rho
    d = 2**N
    out = {}
    for name in ("hot", "cold"):
        Dr = (me.dissipator(name) @ rho.reshape(-1, order="F")).reshape(d, d, order="F")
        out[name] = float(np.trace(H @ Dr).real)
    occ = [float(np.trace(s.conj().T @ s @ rho).real) for s in sm]
    return out, np.array(occ)


@pytest.mark.parametrize("N", [2, 3, 4, 5, 6, pytest.param(7, marks=pytest.mark.slow)])
def test_xx_chain_matches_liouvillian(N):
    res = xx_chain_steady_state(N, omega=W, g=G, gamma=GAM, T_h=TH, T_c=TC)
    ref, occ = _liouvillian_current(N)
    assert abs(res.heat_current_hot - ref["hot"]) < 1e-10
    assert abs(res.heat_current_cold - ref["cold"]) < 1e-10
    np.testing.assert_allclose(res.occupations, occ, atol=1e-10)


def test_xx_chain_thousand_sites_banded_is_exact():
    small = xx_chain_steady_state(6, omega=W, g=G, gamma=GAM, T_h=TH, T_c=TC)
    big = xx_chain_steady_state(1000, omega=W, g=G, gamma=GAM, T_h=TH, T_c=TC)
    # ballistic XX transport: the current does not depend on the length
    assert abs(big.heat_current_hot - small.heat_current_hot) < 1e-10
    assert abs(big.heat_current_hot + big.heat_current_cold) < 1e-10


def test_fermionic_banded_and_dense_agree_and_bad_input():
    N = 12
    h = (W * np.eye(N) + G * (np.eye(N, k=1) + np.eye(N, k=-1))).astype(complex)
    e0, e1 = np.eye(N)[0], np.eye(N)[-1]
    baths = {
        "hot": FermionicBath(gain=0.1 * e0, loss=0.2 * e0),
        "cold": FermionicBath(gain=0.05 * e1, loss=0.25 * e1),
    }
    Cb, Jb = fermionic_steady_state(h, baths, bandwidth=1)
    Cd, Jd = fermionic_steady_state(h, baths)
    assert np.max(np.abs(Cb - Cd)) < 1e-12
    assert abs(Jb["hot"] - Jd["hot"]) < 1e-14
    # a mode that no bath reaches: no unique steady state
    h2 = np.diag([1.0, 2.0]).astype(complex)
    with pytest.raises(ValueError, match="normal mode"):
        fermionic_steady_state(
            h2, {"a": FermionicBath(gain=np.array([0.1, 0.0]), loss=np.array([0.1, 0.0]))}
        )
    with pytest.raises(ValueError, match="gain"):
        fermionic_steady_state(
            h2, {"a": FermionicBath(gain=np.array([-0.1, 0.0]), loss=np.array([0.1, 0.1]))}
        )
