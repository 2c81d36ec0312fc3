"""Fast steady-state paths: block-restricted assembly and Sylvester-preconditioned GMRES.

Each fast path is compared with a plain computation: the full generator materialised entry by
entry (scatter-added into a dense d^2 x d^2 matrix), the value-based invariant-block search on
that full matrix, and the dense batched LU solve.
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

import quantherm as qh
from quantherm.dynamics import steady as steady_mod
from quantherm.dynamics.elements import assemble_dense, assemble_sparse, invariant_block
from quantherm.dynamics.steady import steady_state
from quantherm.errors import ConvergenceError
from quantherm.machines.library import absorption_refrigerator

RNG = np.random.default_rng(7)


def _full_dense(term) -> np.ndarray:
    """Reference: every entry (rows, cols, vals) scatter-added into (B, N, N)."""
    N = term.d**2
    out = np.zeros((term.batch, N, N), dtype=complex)
    for b in range(term.batch):
        np.add.at(
            out[b],
            (term.rows, term.cols),
            np.broadcast_to(term.vals, (term.batch, term.rows.size))[b],
        )
    return out


def _reference_block(term) -> np.ndarray:
    """Reference: weak components (entries nonzero for some member) that hold populations."""
    N = term.d**2
    keep = np.any(np.broadcast_to(term.vals, (term.batch, term.rows.size)) != 0, axis=0)
    g = sp.coo_matrix((np.ones(int(keep.sum())), (term.rows[keep], term.cols[keep])), shape=(N, N))
    _, lab = connected_components(g, directed=True, connection="weak")
    pops = np.arange(term.d) * (term.d + 1)
    return np.flatnonzero(np.isin(lab, lab[pops]))


def _fridge():
    w = np.array([[1.0, 2.5], [3.0, 4.0]])
    T = np.array([[2.0, 8.0], [15.0, 1.5]])
    return absorption_refrigerator(
        w_c=w, w_h=5.0, g=0.05, gamma=0.01, T_c=1.0, T_r=1.5, T_h=T
    ).master


def _xx(N: int, kind: str = "local", J: float = 0.2):
    dims = [2] * N
    H0 = sum(0.5 * qh.embed(qh.sigmaz(), dims, k) for k in range(N))
    V = sum(
        J
        * (
            qh.embed(qh.sigmap(), dims, k) @ qh.embed(qh.sigmam(), dims, k + 1)
            + qh.embed(qh.sigmam(), dims, k) @ qh.embed(qh.sigmap(), dims, k + 1)
        )
        for k in range(N - 1)
    )
    hot = qh.Bath(name="h", T=2.0, spectral_density=qh.FlatSpectrum(0.05))
    cold = qh.Bath(name="c", T=1.0, spectral_density=qh.FlatSpectrum(0.05))
    cp = [(qh.embed(qh.sigmax(), dims, 0), hot), (qh.embed(qh.sigmax(), dims, N - 1), cold)]
    return qh.master_equation(H0 + V, cp, kind=kind, H0=H0 if kind == "local" else None)


def _random_global(d: int = 5, kind: str = "global"):
    X = RNG.normal(size=(d, d)) + 1j * RNG.normal(size=(d, d))
    H = (X + X.conj().T) / 2
    A = RNG.normal(size=(d, d))
    A = A + A.T
    bath = qh.Bath(name="b", T=1.3, spectral_density=qh.FlatSpectrum(0.2))
    return qh.master_equation(H, [(A, bath)], kind=kind)


def _explicit_lindblad():
    d = 4
    H = np.diag([0.0, 1.0, 1.0, 2.5]).astype(complex)
    L = np.zeros((d, d), complex)
    L[0, 1] = L[0, 2] = L[1, 3] = 1.0
    rates = np.array([0.1, 0.4, 0.9])
    return qh.lindblad(H, {"a": [(L, rates)], "b": [(L.conj().T, 0.05)]})


MODELS = {
    "fridge_local_batched": _fridge,
    "xx3_local": lambda: _xx(3),
    "xx3_global": lambda: _xx(3, "global"),
    "random_global": _random_global,
    "random_redfield": lambda: _random_global(4, "redfield"),
    "explicit_lindblad_batched": _explicit_lindblad,
}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_block_restricted_build_equals_full_build(name: str) -> None:
    me = MODELS[name]()
    gen = me.generator
    full = _full_dense(gen)
    idx = invariant_block(gen)
    np.testing.assert_array_equal(idx, _reference_block(gen))
    # the block is invariant: no entry leaves it
    out = np.setdiff1d(np.arange(gen.d**2), idx)
    assert np.max(np.abs(full[:, out][:, :, idx]), initial=0.0) == 0.0
    np.testing.assert_allclose(assemble_dense(gen, idx), full[:, idx][:, :, idx], atol=1e-14)
    np.testing.assert_allclose(assemble_dense(gen), full, atol=1e-14)
    S = assemble_sparse(gen, gen.batch - 1, idx).toarray()
    np.testing.assert_allclose(S, full[-1][idx][:, idx], atol=1e-14)
    # restricted terms act like the full term on vectors supported in the block
    x = np.zeros((gen.batch, gen.d**2), complex)
    x[:, idx] = RNG.normal(size=(gen.batch, idx.size)) + 1j * RNG.normal(size=(gen.batch, idx.size))
    h = RNG.normal(size=(gen.batch, gen.d**2))
    for term in (gen, *me.dissipators.values()):
        r = term.restricted_to_columns(idx)
        np.testing.assert_allclose(
            r.trace_with(h, x), term.trace_with(h, x), rtol=1e-12, atol=1e-14
        )
        np.testing.assert_allclose(
            r.apply(x), np.einsum("bij,bj->bi", _full_dense(term), x), atol=1e-13
        )


def test_fridge_block_is_ten_of_sixtyfour_and_matches_full_solve() -> None:
    me = _fridge()
    ss = steady_state(me)
    full = steady_state(me, use_block=False)
    assert ss.block_size == 10 and full.block_size == 64
    np.testing.assert_allclose(ss.rho, full.rho, atol=1e-13)


@pytest.mark.parametrize(
    "name", ["xx4_local", "xx3_global", "random_global", "explicit_lindblad_batched"]
)
def test_krylov_agrees_with_dense(name: str) -> None:
    me = _xx(4) if name == "xx4_local" else MODELS[name]()
    dense = steady_state(me, method="dense")
    kry = steady_state(me, method="krylov")
    assert kry.method == "krylov"
    np.testing.assert_allclose(kry.rho, dense.rho, atol=1e-11)
    assert kry.residual < 1e-12


def test_krylov_schur_fallback_agrees(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ill-conditioned eigenvectors switch the Sylvester solve to Schur forms (ztrsyl)."""
    monkeypatch.setattr(steady_mod._SylvesterInverse, "_COND_MAX", 0.0)
    me = _xx(4)
    np.testing.assert_allclose(
        steady_state(me, method="krylov").rho, steady_state(me, method="dense").rho, atol=1e-11
    )


def test_auto_uses_krylov_above_dense_limit_and_reproduces_chain_current() -> None:
    me = _xx(6)  # zero-coherence sector: C(12, 6) = 924 unknowns
    ss = steady_state(me)
    assert ss.block_size == 924 and ss.method == "krylov"
    led = qh.steady_state_ledger(ss)
    assert abs(float(led.heat["h"]) - 6.748276839848e-03) < 1e-14
    ref = steady_state(me, method="direct")
    np.testing.assert_allclose(ss.rho, ref.rho, atol=1e-12)


def test_singular_sylvester_part_falls_back_to_sparse_lu() -> None:
    """A zero-temperature bath leaves the ground state without decay: S is singular there."""
    H = np.diag([0.0, 1.0, 2.2]).astype(complex)
    A = np.zeros((3, 3))
    A[0, 1] = A[1, 0] = A[1, 2] = A[2, 1] = 1.0
    me = qh.master_equation(
        H, [(A, qh.Bath(name="b", T=0.0, spectral_density=qh.FlatSpectrum(0.1)))]
    )
    ss = steady_state(me, method="krylov")
    assert ss.stats["iterations"] == ["direct"]
    np.testing.assert_allclose(ss.rho, steady_state(me, method="dense").rho, atol=1e-12)


def test_krylov_reports_nonunique_steady_state() -> None:
    H = np.diag([0.0, 1.0, 3.0, 4.0]).astype(complex)
    A = np.zeros((4, 4))
    A[0, 1] = A[1, 0] = A[2, 3] = A[3, 2] = 1.0  # two disconnected pairs: two steady states
    me = qh.master_equation(
        H, [(A, qh.Bath(name="b", T=1.0, spectral_density=qh.FlatSpectrum(0.1)))]
    )
    with pytest.raises(ConvergenceError, match="not unique"):
        steady_state(me, method="krylov")


def test_krylov_on_redfield_and_auto_prefers_dense_for_filled_blocks() -> None:
    """Redfield couples every element: S is a weaker preconditioner; GMRES still converges."""
    me = _random_global(12, "redfield")
    dense = steady_state(me, method="dense")
    np.testing.assert_allclose(steady_state(me, method="krylov").rho, dense.rho, atol=1e-11)
    np.testing.assert_allclose(steady_state(me, method="direct").rho, dense.rho, atol=1e-11)
    assert steady_state(me).method == "dense"
