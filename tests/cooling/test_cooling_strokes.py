"""HBAC through the stroke layer: limit cycles and ledgers against the population path."""

from __future__ import annotations

import math

import numpy as np
import pytest

from quantherm.cooling import (
    CrossRelaxation,
    HBACProtocol,
    Reset,
    SortCompression,
    Unitary,
    flip,
    hbac_asymptotic_state,
    hbac_limit,
    noe_limit,
    noe_protocol,
    pair_reset_limit,
    pair_reset_protocol,
    polarizations,
    ppa_limit,
    ppa_protocol,
    run_hbac,
    three_qubit_compression,
)
from quantherm.cooling.hbac_protocols import _energies
from quantherm.cooling.hbac_strokes import (
    hbac_cycle,
    hbac_entropy_production,
    register_hamiltonian,
    step_stroke,
)
from quantherm.machines.stroke import Cycle, MapStroke, limit_cycle


def _pops(lc) -> np.ndarray:
    return np.real(np.diagonal(lc.rho)).copy()


@pytest.mark.parametrize("n", [2, 3, 4])
@pytest.mark.parametrize("eps_b", [0.01, 0.1, 0.5])
def test_ppa_limit_cycle_is_the_closed_form_limit(n: int, eps_b: float) -> None:
    lc = limit_cycle(hbac_cycle(ppa_protocol(eps_b, n)))
    assert bool(lc.unique)
    eps = polarizations(_pops(lc), n)
    # A1: tanh(2^(n-2) atanh eps_b), to 1e-9, and the geometric ladder ⊗ bath state
    assert eps[0] == pytest.approx(math.tanh(2 ** (n - 2) * math.atanh(eps_b)), abs=1e-9)
    assert eps[0] == pytest.approx(ppa_limit(eps_b, n), abs=1e-12)
    np.testing.assert_allclose(_pops(lc), hbac_asymptotic_state(eps_b, n - 1), atol=1e-9)
    # no coherences, and the population path converges to the same state
    assert np.max(np.abs(lc.rho - np.diag(_pops(lc)))) < 1e-12
    ref = run_hbac(ppa_protocol(eps_b, n), "converge", tol=1e-13)
    np.testing.assert_allclose(_pops(lc), ref.populations, atol=1e-9)


@pytest.mark.parametrize("n", [2, 3, 4])
def test_ppa_limit_cycle_ledger_matches_population_path(n: int) -> None:
    pr = ppa_protocol(0.2, n)
    lc = limit_cycle(hbac_cycle(pr))
    ref = run_hbac(pr, "converge", tol=1e-13)
    # on the fixed point every stroke is idle: no heat to the bath, no work
    assert [s.name for s in lc.strokes] == ["0:Reset", "1:SortCompression"]
    assert float(lc.strokes[0].heat["bath"]) == pytest.approx(ref.heat[-1], abs=1e-10)
    assert float(lc.strokes[1].work) == pytest.approx(ref.work[-1], abs=1e-10)
    assert abs(float(lc.strokes[0].heat["bath"])) < 1e-12
    assert float(lc.first_law_residual) < 1e-12


def test_m_reset_and_pair_reset_limits() -> None:
    lc = limit_cycle(hbac_cycle(ppa_protocol(0.1, n_c=2, m=2)))
    assert polarizations(_pops(lc), 4)[0] == pytest.approx(hbac_limit(0.1, 2, 2), abs=1e-9)
    lc = limit_cycle(hbac_cycle(pair_reset_protocol(0.05, 3)))
    assert polarizations(_pops(lc), 3)[0] == pytest.approx(pair_reset_limit(0.05, 3), abs=1e-9)
    lc = limit_cycle(hbac_cycle(noe_protocol(0.1)))
    assert polarizations(_pops(lc), 2)[0] == pytest.approx(noe_limit(0.1), abs=1e-12)


def _pumped(n: int, eps_b: float) -> HBACProtocol:
    """A round that runs with nonzero flows on its limit cycle and creates coherences."""
    theta = 0.4
    c, s = math.cos(theta), math.sin(theta)
    partial_swap = np.array([[1, 0, 0, 0], [0, c, s, 0], [0, -s, c, 0], [0, 0, 0, 1]])
    r = n - 1
    return HBACProtocol(
        n=n,
        eps_b=eps_b,
        steps=(
            Reset(qubits=(r,), strength=0.6),
            *(Unitary(U=partial_swap, qubits=(j, r)) for j in range(n - 1)),
            CrossRelaxation(qubits=(0, r), double_quantum=0.5, zero_quantum=0.3),
            flip(r),
        ),
        name="pumped",
    )


@pytest.mark.parametrize("n", [2, 3])
def test_per_stroke_heat_and_work_match_step_by_step_density_path(n: int) -> None:
    pr = _pumped(n, 0.3)
    lc = limit_cycle(hbac_cycle(pr))
    assert bool(lc.unique)
    E = _energies(n)
    rho = lc.rho
    for step, led in zip(pr.steps, lc.strokes, strict=True):
        new = step.apply_density(rho, n, pr.eps_b)
        dE = float(E @ np.real(np.diagonal(new)) - E @ np.real(np.diagonal(rho)))
        if step.is_compression:
            assert float(led.work) == pytest.approx(dE, abs=1e-12)
            assert led.heat == {}
        else:
            assert float(led.heat["bath"]) == pytest.approx(dE, abs=1e-12)
            assert float(led.work) == 0.0
        np.testing.assert_allclose(led.rho_end, new, atol=1e-12)
        rho = new
    np.testing.assert_allclose(rho, lc.rho, atol=1e-12)  # the cycle closes
    # the flip pumps: work in, heat dumped to the bath (-Q > 0)
    assert float(lc.work) > 1e-3
    assert float(lc.heat["bath"]) == pytest.approx(-float(lc.work), abs=1e-12)
    # the runner's converged round books the same totals and entropy production
    ref = run_hbac(pr, 150, representation="density")
    assert ref.heat[-1] == pytest.approx(float(lc.heat["bath"]), abs=1e-10)
    assert ref.work[-1] == pytest.approx(float(lc.work), abs=1e-10)
    sigma = hbac_entropy_production(lc, pr.beta)
    assert float(sigma.sum()) == pytest.approx(ref.entropy_production[-1], abs=1e-9)
    assert np.all(sigma >= -1e-12)
    assert float(sigma.sum()) == pytest.approx(-pr.beta * float(lc.heat["bath"]), abs=1e-10)


def test_step_stroke_books_work_or_heat_and_validates() -> None:
    n = 3
    st = Reset(qubits=(2,)).as_stroke(n, 0.1)
    assert isinstance(st, MapStroke) and st.book_as == "bath"
    np.testing.assert_allclose(st.H_energy, register_hamiltonian(n))
    st = three_qubit_compression().as_stroke(n, 0.1)
    assert st.book_as == "work"
    st = step_stroke(Reset(qubits=(2,)), n, 0.1, bath="cold", name="refresh")
    assert st.book_as == "cold" and st.name == "refresh"
    with pytest.raises(ValueError, match="`state` must be given for SortCompression"):
        SortCompression().as_stroke(n, 0.1)
    with pytest.raises(ValueError, match="outside a register"):
        Reset(qubits=(5,)).as_stroke(n, 0.1)
    with pytest.raises(ValueError, match="polarization in"):
        Reset(qubits=(2,)).as_stroke(n, 1.0)
    with pytest.raises(ValueError, match="`n` must be <= 6"):
        Reset(qubits=(2,)).as_stroke(7, 0.1)
    with pytest.raises(TypeError, match="HBAC step"):
        step_stroke("reset", n, 0.1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="`bath` must be a channel"):
        step_stroke(Reset(qubits=(2,)), n, 0.1, bath="work")
    with pytest.raises(ValueError, match="`state` must have shape"):
        SortCompression().as_stroke(n, 0.1, state=np.eye(4) / 4)
    with pytest.raises(TypeError, match="HBACProtocol"):
        hbac_cycle(ppa_protocol(0.1, 3).steps)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="`detune` must be in"):
        hbac_cycle(ppa_protocol(0.1, 3), detune=0.0)


def test_frozen_sort_is_the_sort_of_the_given_state() -> None:
    n, eps = 3, 0.2
    p = np.array([0.05, 0.3, 0.1, 0.2, 0.15, 0.05, 0.1, 0.05])
    st = SortCompression().as_stroke(n, eps, state=p)
    cyc = Cycle([st])
    out = cyc.strokes[0].propagator() @ np.diag(p).astype(complex).reshape(-1)
    got = np.real(np.diagonal(out.reshape(2**n, 2**n)))
    np.testing.assert_allclose(got, -np.sort(-p), atol=1e-15)
