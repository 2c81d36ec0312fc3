"""Exact quasi-static isotherms (exact Carnot) and the subsystem split of a limit cycle."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quantherm.core.operators import qeye, sigmaz, tensor
from quantherm.core.states import entropy_vn, gibbs_state, partial_trace
from quantherm.machines.stroke import (
    Cycle,
    IsothermalStroke,
    MapStroke,
    carnot_cycle,
    limit_cycle,
    subsystem_ledger,
)


def _F(w: float, T: float) -> float:
    """Free energy of a qubit H = w sigma_z / 2 (closed form)."""
    return -T * np.log(2 * np.cosh(w / (2 * T)))


def _S(w: float, T: float) -> float:
    p = 1 / (1 + np.exp(-w / T))  # ground population
    return float(-(p * np.log(p) + (1 - p) * np.log(1 - p)))


@settings(max_examples=25, deadline=None)
@given(
    w1=st.floats(0.5, 5.0),
    frac=st.floats(0.1, 0.9),
    Th=st.floats(1.0, 10.0),
    ratio=st.floats(0.05, 0.95),
)
def test_quasi_static_carnot_is_exact(w1: float, frac: float, Th: float, ratio: float) -> None:
    w2, Tc = frac * w1, ratio * Th
    lc = limit_cycle(carnot_cycle(w1, w2, Th, Tc, steps=None))
    dS = _S(w2, Th) - _S(w1, Th)  # entropy taken from the hot bath / T_h
    assert float(lc.efficiency) == pytest.approx(1 - Tc / Th, rel=1e-12)
    assert float(lc.work) == pytest.approx(-(Th - Tc) * dS, rel=1e-10, abs=1e-14)
    assert float(lc.heat["hot"]) == pytest.approx(Th * dS, rel=1e-10, abs=1e-14)
    assert float(lc.first_law_residual) < 1e-12
    assert abs(float(lc.entropy_production)) < 1e-10
    hot = lc.strokes[0]
    assert float(hot.work) == pytest.approx(_F(w2, Th) - _F(w1, Th), rel=1e-12, abs=1e-14)
    assert np.allclose(hot.rho_end, gibbs_state(0.5 * w2 * sigmaz(), Th), atol=1e-13)


def test_staircase_carnot_approaches_the_exact_one() -> None:
    exact = float(limit_cycle(carnot_cycle(2.0, 1.0, 4.0, 1.0, steps=None)).work)
    errs = [
        abs(
            float(limit_cycle(carnot_cycle(2.0, 1.0, 4.0, 1.0, steps=n, tau_step=40.0)).work)
            - exact
        )
        for n in (5, 20)
    ]
    assert errs[1] < errs[0] / 3  # excess work ~ 1/steps


def test_isotherm_on_a_non_gibbs_state_produces_relative_entropy() -> None:
    H = np.diag([0.0, 1.0, 2.5]).astype(complex)
    T = 0.7
    rho = np.diag([0.2, 0.5, 0.3]).astype(complex)
    iso = IsothermalStroke(H_initial=H, H_final=1.3 * H, T=T, bath="b")
    c = iso.compile()
    v = rho.T.reshape(-1)
    out = (c.S @ v).reshape(3, 3).T
    gf = gibbs_state(1.3 * H, T)
    assert np.allclose(out, gf, atol=1e-14)
    W, Q = (c.rows @ v).real
    dE = np.trace(1.3 * H @ gf).real - np.trace(H @ rho).real
    assert pytest.approx(dE, abs=1e-13) == W + Q
    sigma = entropy_vn(gf) - entropy_vn(rho) - Q / T
    gi = gibbs_state(H, T)
    rel = float(np.sum(np.diag(rho).real * np.log(np.diag(rho).real / np.diag(gi).real)))
    assert sigma == pytest.approx(rel, rel=1e-10)


def test_isotherm_bad_input() -> None:
    H = np.diag([0.0, 1.0]).astype(complex)
    with pytest.raises(ValueError, match="`T` must be a finite temperature > 0"):
        IsothermalStroke(H_initial=H, H_final=H, T=0.0)
    with pytest.raises(ValueError, match="`H_final` must act on the Hilbert space"):
        IsothermalStroke(H_initial=H, H_final=np.eye(3), T=1.0)
    with pytest.raises(ValueError, match="`duration` must be finite and >= 0"):
        IsothermalStroke(H_initial=H, H_final=H, T=1.0, duration=-1.0)
    with pytest.raises(ValueError, match="`bath` must be a channel name"):
        IsothermalStroke(H_initial=H, H_final=H, T=1.0, bath="work")
    with pytest.raises(ValueError, match="`steps` must be >= 1 or None"):
        carnot_cycle(2.0, 1.0, 2.0, 1.0, steps=0)


def _swap_cycle():
    """System qubit (gap 1) and memory qubit (gap 0.4): a SWAP, then each part is reset."""
    hS, hM = np.diag([0.0, 1.0]).astype(complex), np.diag([0.0, 0.4]).astype(complex)
    H = tensor(hS, qeye(2)) + tensor(qeye(2), hM)
    SW = np.eye(4)[[0, 2, 1, 3]].astype(complex)
    gS, gM = gibbs_state(hS, 2.0), gibbs_state(hM, 0.5)

    # system reset at T = 2 (replacement of the S factor), memory reset at T = 0.5
    def reset(g: np.ndarray, which: int) -> list[np.ndarray]:
        ks = []
        for i in range(2):
            for j in range(2):
                K = np.sqrt(g[i, i].real) * np.outer(np.eye(2)[i], np.eye(2)[j])
                ks.append(tensor(K, qeye(2)) if which == 0 else tensor(qeye(2), K))
        return ks

    cyc = Cycle(
        (
            MapStroke(H_energy=H, kraus=[SW], name="swap"),
            MapStroke(
                H_energy=H, kraus=reset(gS, 0), book_as="hot", temperature=2.0, name="reset S"
            ),
            MapStroke(
                H_energy=H, kraus=reset(gM, 1), book_as="cold", temperature=0.5, name="reset M"
            ),
        )
    )
    return cyc, hS, hM, gS, gM


def test_subsystem_ledger_against_partial_traces() -> None:
    cyc, hS, hM, gS, gM = _swap_cycle()
    lc = limit_cycle(cyc)
    sl = subsystem_ledger(lc, [hS, hM], [2, 2], names=["S", "M"])
    # at the start of the cycle (after both resets) the state is gS ⊗ gM
    assert sl.energies[0, 0] == pytest.approx(np.trace(hS @ gS).real, abs=1e-14)
    assert sl.energies[0, 1] == pytest.approx(np.trace(hM @ gM).real, abs=1e-14)
    # the swap exchanges the local states: ΔE_S = E(gM on S) - E(gS)
    d = sl.stroke("swap")
    assert float(d["delta_energy_S"]) == pytest.approx(
        np.trace(hS @ gM).real - np.trace(hS @ gS).real, abs=1e-14
    )
    # the swap's work is the sum of the local energy changes (no interaction energy)
    assert float(lc.strokes[0].work) == pytest.approx(sl.delta_energy[0].sum(), abs=1e-14)
    assert np.allclose(sl.interaction, 0.0, atol=1e-14)
    for b in range(len(cyc) + 1):
        rho = lc.states[b]
        assert sl.entropies[b, 1] == pytest.approx(entropy_vn(partial_trace(rho, [2, 2], 1)))
    assert np.all(sl.correlation > -1e-12)
    assert np.allclose(sl.delta_energy.sum(axis=-2), 0.0, atol=1e-14)  # cyclic


def test_subsystem_ledger_bad_input() -> None:
    cyc, hS, hM, *_ = _swap_cycle()
    lc = limit_cycle(cyc)
    with pytest.raises(ValueError, match="`dims` must be positive local dimensions"):
        subsystem_ledger(lc, [hS, hM], [2, 3])
    with pytest.raises(ValueError, match="one operator \\(or None\\) per subsystem"):
        subsystem_ledger(lc, [hS], [2, 2])
    with pytest.raises(ValueError, match="`hamiltonians\\[1\\]` must have dimension"):
        subsystem_ledger(lc, [hS, np.eye(3)], [2, 2])
    with pytest.raises(KeyError, match="no stroke named"):
        subsystem_ledger(lc, [hS, None], [2, 2]).stroke("nope")
