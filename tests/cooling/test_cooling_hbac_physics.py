"""HBAC channels, protocols and closed forms against independent computations (Lindblad
generators from quantherm.core.superop, QuTiP, exhaustive search, closed forms)."""

from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.linalg
from hypothesis import given, settings
from hypothesis import strategies as st

from quantherm.cooling import (
    CrossRelaxation,
    HBACProtocol,
    Permutation,
    Reset,
    SortCompression,
    SortedPairPlacement,
    Unitary,
    flip,
    hbac_asymptotic_state,
    hbac_limit,
    hbac_limit_spectrum,
    noe_protocol,
    pair_reset_protocol,
    ppa_limit,
    ppa_protocol,
    run_hbac,
    three_qubit_compression,
)
from quantherm.cooling.hbac_search import best_permutation_cooling
from quantherm.cooling.hbac_steps import embed_qubits
from quantherm.core.operators import embed, sigmax
from quantherm.core.states import is_density_matrix
from quantherm.core.superop import lindblad_dissipator, unvec, vec
from quantherm.errors import ConvergenceError

ATOL = 1e-12


def _random_rho(d, rng):
    G = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    rho = G @ G.conj().T
    return rho / np.trace(rho)


def _apply(K, rho):
    return np.einsum("kij,jl,kml->im", K, rho, K.conj())


# ----------------------------------------------------------------- channels vs Lindblad
def _lindblad_channel(jumps, n, t=1.0):
    L = sum(lindblad_dissipator(op, rate) for op, rate in jumps)
    return scipy.linalg.expm(L * t)


@pytest.mark.parametrize("strength", [0.3, 0.9, 1.0])
def test_reset_kraus_is_generalized_amplitude_damping(strength):
    """Reset of qubit 1 of 3 = exp(t L) with L = GAD at rates gamma (1 +- eps_b)/2."""
    n, eps = 3, 0.4
    rng = np.random.default_rng(1)
    rho = _random_rho(8, rng)
    out = _apply(Reset(qubits=(1,), strength=strength).kraus(rho, n, eps), rho)
    gamma_t = -math.log1p(-strength) if strength < 1 else 500.0
    down = embed(np.array([[0, 1], [0, 0]]), [2, 2, 2], 1)  # |0><1| lowers the energy
    S = _lindblad_channel([(down, (1 + eps) / 2), (down.conj().T, (1 - eps) / 2)], n, gamma_t)
    ref = unvec(S @ vec(rho))
    assert np.max(np.abs(out - ref)) < 1e-10


@pytest.mark.parametrize(("dq", "zq"), [(0.4, 0.0), (1.0, 0.0), (0.7, 0.2), (1.0, 1.0)])
def test_cross_relaxation_is_the_lindblad_limit(dq, zq):
    n, eps, pair = 3, 0.3, (0, 2)
    rng = np.random.default_rng(2)
    rho = _random_rho(8, rng)
    step = CrossRelaxation(qubits=pair, double_quantum=dq, zero_quantum=zq)
    out = _apply(step.kraus(rho, n, eps), rho)
    R = ((1 + eps) / (1 - eps)) ** 2
    e = np.eye(4)
    jumps = []
    for a, b, wa, s in ((0, 3, R / (R + 1), dq), (1, 2, 0.5, zq)):
        if s == 0:
            continue
        g = -math.log1p(-s) if s < 1 else 500.0
        op = embed_qubits(np.outer(e[a], e[b]), pair, n)
        jumps += [(op, g * wa), (op.conj().T, g * (1 - wa))]
    ref = unvec(_lindblad_channel(jumps, n) @ vec(rho))
    assert np.max(np.abs(out - ref)) < 1e-10


def test_cross_relaxation_against_qutip_mesolve():
    qutip = pytest.importorskip("qutip")
    eps, W, t = 0.2, 0.8, 1.3
    R = ((1 + eps) / (1 - eps)) ** 2
    rng = np.random.default_rng(3)
    rho = _random_rho(4, rng)
    a = qutip.Qobj(np.outer(np.eye(4)[0], np.eye(4)[3]), dims=[[2, 2], [2, 2]])
    c_ops = [np.sqrt(W * R / (R + 1)) * a, np.sqrt(W / (R + 1)) * a.dag()]
    H = qutip.qzero([2, 2])
    res = qutip.mesolve(
        H,
        qutip.Qobj(rho, dims=[[2, 2], [2, 2]]),
        [0, t],
        c_ops,
        options={"atol": 1e-12, "rtol": 1e-10},
    )
    ref = res.states[-1].full()
    step = CrossRelaxation(qubits=(0, 1), double_quantum=1 - math.exp(-W * t))
    out = _apply(step.kraus(rho, 2, eps), rho)
    assert np.max(np.abs(out - ref)) < 1e-8


def test_embed_qubits_matches_core_embed_and_permutes():
    X = sigmax()
    assert np.allclose(embed_qubits(X, (1,), 3), embed(X, [2, 2, 2], 1))
    cnot = np.eye(4)[[0, 1, 3, 2]]
    # CNOT with control 2, target 0 on 3 qubits: |x0 x1 x2> -> |x0^x2, x1, x2>
    U = embed_qubits(cnot, (2, 0), 3)
    for k in range(8):
        b = [(k >> 2) & 1, (k >> 1) & 1, k & 1]
        j = ((b[0] ^ b[2]) << 2) | (b[1] << 1) | b[2]
        assert U[j, k] == 1


# ----------------------------------------------------------------- channel validity
STEP_FACTORIES = [
    lambda n, d: Reset(qubits=(n - 1,), strength=d.draw(st.floats(0.05, 1.0))),
    lambda n, d: Reset(qubits=tuple(range(1, n)), strength=d.draw(st.floats(0.05, 1.0))),
    lambda n, d: CrossRelaxation(
        qubits=(0, n - 1),
        double_quantum=d.draw(st.floats(0.05, 1.0)),
        zero_quantum=d.draw(st.floats(0.0, 1.0)),
    ),
    lambda n, d: SortCompression(),
    lambda n, d: flip(d.draw(st.integers(0, n - 1))),
    lambda n, d: SortedPairPlacement(qubits=(0, n - 1), offset=d.draw(st.integers(0, 3))),
    lambda n, d: Permutation(qubits=(0, 1), perm=tuple(d.draw(st.permutations(range(4))))),
]


@st.composite
def protocols(draw, max_n=3):
    n = draw(st.integers(2, max_n))
    eps = draw(st.floats(-0.95, 0.95))
    k = draw(st.integers(1, 4))
    steps = tuple(
        STEP_FACTORIES[draw(st.integers(0, len(STEP_FACTORIES) - 1))](n, _D(draw)) for _ in range(k)
    )
    return HBACProtocol(n=n, eps_b=eps, steps=steps)


class _D:
    def __init__(self, draw):
        self.draw = draw


@settings(max_examples=25, deadline=None)
@given(proto=protocols(), seed=st.integers(0, 2**32 - 1))
def test_every_step_is_a_channel_and_a_round_maps_states_to_states(proto, seed):
    rng = np.random.default_rng(seed)
    D = 2**proto.n
    rho = _random_rho(D, rng)
    for step in proto.steps:
        K = step.kraus(rho, proto.n, proto.eps_b)
        assert np.max(np.abs(np.einsum("kji,kjl->il", K.conj(), K) - np.eye(D))) < 1e-10
        fast = step.apply_density(rho, proto.n, proto.eps_b)  # local / gather implementation
        rho = _apply(K, rho)
        assert np.max(np.abs(fast - rho)) < 1e-12
        assert is_density_matrix(rho, atol=1e-10)


@settings(max_examples=25, deadline=None)
@given(proto=protocols(max_n=4), seed=st.integers(0, 2**32 - 1), rounds=st.integers(1, 6))
def test_population_path_equals_density_path(proto, seed, rounds):
    rng = np.random.default_rng(seed)
    p0 = rng.dirichlet(np.ones(2**proto.n))
    a = run_hbac(proto, rounds, initial=p0, representation="populations")
    b = run_hbac(proto, rounds, initial=p0, representation="density")
    assert np.max(np.abs(a.populations - b.populations)) < 1e-12
    assert np.max(np.abs(b.state - np.diag(np.diagonal(b.state)))) < 1e-12
    assert np.allclose(a.heat, b.heat, atol=1e-12)
    assert np.allclose(a.work, b.work, atol=1e-12)
    assert np.allclose(a.entropy, b.entropy, atol=1e-9)


@settings(max_examples=25, deadline=None)
@given(proto=protocols(max_n=4), rounds=st.integers(1, 8))
def test_ledger_first_law_and_entropy_production(proto, rounds):
    r = run_hbac(proto, rounds)
    assert r.first_law_residual < 1e-12
    assert np.all(r.entropy_production >= -1e-12)
    # heat only in thermal steps, work only in compressions
    if all(s.is_compression for s in proto.steps):
        assert np.allclose(r.heat, 0.0)


@settings(max_examples=25, deadline=None)
@given(
    eps=st.floats(-0.9, 0.9),
    n_c=st.integers(1, 4),
    m=st.integers(1, 2),
    strength=st.sampled_from([1.0, 0.5]),
)
def test_ppa_never_exceeds_the_limit(eps, n_c, m, strength):
    proto = ppa_protocol(eps, n_c=n_c, m=m, reset_strength=strength)
    r = run_hbac(proto, 150)
    assert np.max(r.eps_target) <= hbac_limit(eps, n_c, m) + 1e-12


# ----------------------------------------------------------------- protocols
def test_three_bit_compression_protocol_is_a_fixed_permutation():
    """[reset r, |011> <-> |100>] on the PPA fixed point leaves it unchanged (tie at the swap)."""
    eps = 0.05
    fixed = HBACProtocol(n=3, eps_b=eps, steps=(Reset(qubits=(2,)), three_qubit_compression()))
    p_inf = hbac_asymptotic_state(eps, 2)
    assert p_inf[3] == pytest.approx(p_inf[4], rel=1e-14)
    r = run_hbac(fixed, 5, initial=p_inf)
    assert np.max(np.abs(r.populations - p_inf)) < 1e-15
    # from the maximally mixed state the 3-bit compression alone gives eps_b / 2 first
    assert run_hbac(fixed, 1).eps_target[1] == pytest.approx(eps / 2, abs=1e-15)


def test_partial_reset_converges_to_the_same_limit():
    r = run_hbac(ppa_protocol(0.1, 4, reset_strength=0.3))
    assert r.eps_target[-1] == pytest.approx(ppa_limit(0.1, 4), abs=1e-9)
    assert r.rounds > run_hbac(ppa_protocol(0.1, 4)).rounds


def test_ppa_ten_qubits_population_path():
    r = run_hbac(ppa_protocol(0.3, 10))
    assert r.eps_target[-1] == pytest.approx(ppa_limit(0.3, 10), abs=1e-9)
    assert np.max(np.abs(r.populations - hbac_asymptotic_state(0.3, 9))) < 1e-10
    assert r.heat_to_bath > 0


def test_noe_heat_and_polarization():
    r = run_hbac(noe_protocol(0.1), 2)
    assert r.eps_per_qubit == pytest.approx([0.2 / 1.01, 0.0], abs=1e-14)
    # the flip costs work; the double-quantum reset returns it as heat to the bath
    assert r.work[0] == pytest.approx(0.0, abs=1e-15)  # flip of a maximally mixed qubit
    assert r.heat_to_bath > 0


def test_coherent_unitary_uses_density_path():
    H = np.array([[1, 1], [1, -1]]) / np.sqrt(2)
    proto = HBACProtocol(
        n=2, eps_b=0.2, steps=(Reset(qubits=(1,)), Unitary(U=np.kron(H, H), qubits=(0, 1)))
    )
    r = run_hbac(proto, 3)
    assert r.representation == "density"
    assert np.max(np.abs(r.state - np.diag(np.diagonal(r.state)))) > 1e-3
    with pytest.raises(ValueError, match="representation='density'"):
        run_hbac(proto, 3, representation="populations")


def test_permutation_unitary_keeps_population_path():
    swap = np.eye(4)[[0, 2, 1, 3]] * np.exp(1j * np.array([0.3, 0, 1.2, 0]))[:, None]
    proto = HBACProtocol(n=2, eps_b=0.2, steps=(Reset(qubits=(1,)), Unitary(U=swap, qubits=(0, 1))))
    r = run_hbac(proto, 4)
    assert r.representation == "populations"
    assert r.eps_per_qubit[0] == pytest.approx(0.2, abs=1e-14)


# ----------------------------------------------------------------- closed forms
def test_closed_forms():
    eps = 0.05
    D = math.atanh(eps)
    assert ppa_limit(eps, 5) == pytest.approx(
        ((1 + eps) ** 8 - (1 - eps) ** 8) / ((1 + eps) ** 8 + (1 - eps) ** 8), rel=1e-14
    )
    assert hbac_limit(eps, 3, 2) == pytest.approx(math.tanh(8 * D), rel=1e-14)
    assert ppa_limit(-eps, 5) == ppa_limit(eps, 5)
    w = np.array([(1 + eps) / 2, (1 - eps) / 2])
    assert hbac_limit_spectrum(np.kron(w, w), 3) == pytest.approx(hbac_limit(eps, 3, 2), rel=1e-13)
    assert hbac_limit_spectrum([0.5, 0.5], 3) == 0.0
    st_ = hbac_asymptotic_state(eps, 2, 2)
    assert st_.sum() == pytest.approx(1.0)
    assert st_.shape == (16,)


def test_permutation_search_reaches_pair_reset_ladder():
    r = best_permutation_cooling(2, 0.1, [CrossRelaxation(qubits=(0, 1))])
    assert r.eps_target == pytest.approx(math.tanh(4 * math.atanh(0.1)), abs=1e-9)
    assert np.all(np.diff(r.history) >= -1e-15)


def test_protocol_convergence_error():
    with pytest.raises(ConvergenceError, match="did not converge"):
        run_hbac(ppa_protocol(0.01, 6), max_rounds=10)


def test_pair_reset_negative_bath_polarization():
    r = run_hbac(pair_reset_protocol(-0.1, 2))
    assert r.eps_target[-1] == pytest.approx(math.tanh(4 * math.atanh(0.1)), abs=1e-9)


# ----------------------------------------------------------------- bad input
@pytest.mark.parametrize("eps", [1.0, -1.0, 1.5, float("nan")])
def test_bad_eps_b(eps):
    with pytest.raises(ValueError, match=r"polarization in \(-1, 1\)"):
        ppa_protocol(eps, 3)


def test_bad_register_and_steps():
    with pytest.raises(ValueError, match="`n` must be an integer >= 2"):
        HBACProtocol(n=1, eps_b=0.1, steps=(SortCompression(),))
    with pytest.raises(ValueError, match="`n` must be an integer >= 2"):
        ppa_protocol(0.1, 1)
    with pytest.raises(ValueError, match="outside a register"):
        HBACProtocol(n=2, eps_b=0.1, steps=(Reset(qubits=(2,)),))
    with pytest.raises(TypeError, match="HBAC steps"):
        HBACProtocol(n=2, eps_b=0.1, steps=(np.eye(4),))
    with pytest.raises(ValueError, match="at least one step"):
        HBACProtocol(n=2, eps_b=0.1, steps=())
    with pytest.raises(ValueError, match="must be unitary"):
        Unitary(U=np.array([[1, 1], [0, 1]]), qubits=(0,))
    with pytest.raises(ValueError, match=r"shape \(4, 4\)"):
        Unitary(U=np.eye(2), qubits=(0, 1))
    with pytest.raises(ValueError, match=r"permutation of 0\.\.3"):
        Permutation(qubits=(0, 1), perm=(0, 1, 1, 2))
    with pytest.raises(ValueError, match=r"`strength` must be in \(0, 1\]"):
        Reset(qubits=(1,), strength=0.0)
    with pytest.raises(ValueError, match="must not both be 0"):
        CrossRelaxation(qubits=(0, 1), double_quantum=0.0)
    with pytest.raises(ValueError, match="exactly 2 qubits"):
        CrossRelaxation(qubits=(0, 1, 2))
    with pytest.raises(ValueError, match="distinct"):
        Reset(qubits=(1, 1))
    with pytest.raises(ValueError, match="exactly one of"):
        ppa_protocol(0.1)
    with pytest.raises(ValueError, match="probability vector of length"):
        run_hbac(ppa_protocol(0.1, 3), 2, initial=np.ones(4) / 4)
    with pytest.raises(ValueError, match="coherences"):
        run_hbac(
            ppa_protocol(0.1, 2), 2, initial=np.full((4, 4), 0.25), representation="populations"
        )
    with pytest.raises(ValueError, match="non-negative integer or 'converge'"):
        run_hbac(ppa_protocol(0.1, 2), -1)
    with pytest.raises(ValueError, match="must be one of"):
        run_hbac(ppa_protocol(0.1, 2), 2, representation="wavefunction")
    with pytest.raises(TypeError, match="thermal steps"):
        best_permutation_cooling(2, 0.1, [SortCompression()])
    with pytest.raises(ValueError, match="2 or 3"):
        best_permutation_cooling(4, 0.1, [Reset(qubits=(3,))])
