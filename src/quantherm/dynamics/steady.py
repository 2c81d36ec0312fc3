r"""Steady states of a `MasterEquation`: solve L(rho) = 0 with Tr rho = 1.

The solve happens in the smallest invariant block of the Liouvillian that holds the
populations (found from the sparsity pattern, for any model, once per batch): for a
secular master equation with non-degenerate Bohr frequencies that is the populations
alone; for the three-qubit fridge 10 of 64 unknowns; for an XX chain the zero-coherence
sector. Dense batched LU for small blocks, sparse LU or preconditioned GMRES for large ones.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla
from threadpoolctl import threadpool_limits

from .._checks import ComplexArray
from ..errors import ConvergenceError
from .elements import IntArray, assemble_dense, assemble_sparse, invariant_block
from .master import MasterEquation

__all__ = ["SteadyState", "steady_state"]

Method = Literal["auto", "dense", "direct", "gmres"]
_DENSE_MAX = 1200


@dataclass(frozen=True, eq=False)
class SteadyState:
    """A steady state of a master equation.

    Attributes:
        rho: density matrix/matrices in the original basis, shape (*batch, d, d).
        x_work: column-stacked working-basis vectors (B, d^2) (used by the ledger).
        residual: max over the batch of ||L x|| / (||L|| ||x||).
        block_size: number of unknowns actually solved for (invariant block).
        block_index: their indices in the column-stacked working basis.
        method: "dense", "direct" or "gmres".
        stats: wall time and other diagnostics.
    """

    master: MasterEquation
    rho: ComplexArray
    x_work: ComplexArray
    residual: float
    block_size: int
    block_index: IntArray
    method: str
    stats: dict[str, Any] = field(default_factory=dict)


def _block(me: MasterEquation) -> IntArray:
    if "block" not in me._cache:
        me._cache["block"] = invariant_block(me.generator)
    return me._cache["block"]  # type: ignore[no-any-return]


def steady_state(
    me: MasterEquation,
    *,
    method: Method = "auto",
    tol: float = 1e-9,
    use_block: bool = True,
) -> SteadyState:
    """Steady state(s) of `me`, batched over its parameter points.

    Args:
        me: the master equation.
        method: "dense" (batched LU), "direct" (sparse LU), "gmres" (ILU-preconditioned),
            or "auto" (dense up to 1200 unknowns in the block, then direct, then gmres).
        tol: relative residual above which a `ConvergenceError` is raised.
        use_block: restrict to the invariant block holding the populations.

    Raises:
        ConvergenceError: singular (non-unique steady state) or inaccurate solve.
    """
    t0 = time.perf_counter()
    d = me.d
    idx = _block(me) if use_block else np.arange(d * d, dtype=np.int64)
    n = idx.size
    pops = np.arange(d) * (d + 1)
    pos = np.full(d * d, -1, dtype=np.int64)
    pos[idx] = np.arange(n)
    trace_cols = pos[pops]
    if method == "auto":
        method = "dense" if n <= _DENSE_MAX else "direct"
    B = me.batch
    gen = me.generator
    with threadpool_limits(1):
        if method == "dense":
            L = assemble_dense(gen, idx)
            M = L.copy()
            r0 = trace_cols[0]
            M[:, r0, :] = 0.0
            M[:, r0, trace_cols] = 1.0
            rhs = np.zeros((B, n), dtype=np.complex128)
            rhs[:, r0] = 1.0
            try:
                x = np.linalg.solve(M, rhs[..., None])[..., 0]
            except np.linalg.LinAlgError as exc:
                raise ConvergenceError(
                    "steady state is not unique (singular Liouvillian block): the model has "
                    "more than one stationary state (a conserved quantity or a decoupled "
                    "subspace). Add a bath coupling that connects all levels."
                ) from exc
            Lx = np.einsum("bij,bj->bi", L, x)
            normL = np.linalg.norm(L.reshape(B, -1), axis=1)
        else:
            xs, Lxs, norms = [], [], []
            for b in range(B):
                L = assemble_sparse(gen, b, idx)
                xb = _solve_sparse(L, trace_cols, method)
                xs.append(xb)
                Lxs.append(L @ xb)
                norms.append(spla.norm(L))
            x, Lx, normL = np.array(xs), np.array(Lxs), np.array(norms)
    normx = np.linalg.norm(x, axis=1)
    res = np.linalg.norm(Lx, axis=1) / np.maximum(normL * normx, 1e-300)
    worst = float(np.max(res)) if res.size else 0.0
    if not np.all(np.isfinite(x)) or worst > tol:
        raise ConvergenceError(
            f"steady-state solve is inaccurate: relative residual {worst:.3g} > tol {tol:.1g} "
            f"({method}, {n} unknowns). The steady state may be non-unique or the model "
            "ill-conditioned (rates spanning many orders of magnitude)."
        )
    full = np.zeros((B, d * d), dtype=np.complex128)
    full[:, idx] = x
    from ..core.superop import unvec

    rho_w = unvec(full)
    rho_w = 0.5 * (rho_w + np.conj(np.swapaxes(rho_w, -1, -2)))
    rho = me.from_work(rho_w)
    return SteadyState(
        master=me,
        rho=rho,
        x_work=full,
        residual=worst,
        block_size=n,
        block_index=idx,
        method=method,
        stats={"wall_s": time.perf_counter() - t0, "unknowns_full": d * d},
    )


def _solve_sparse(L: sp.csc_matrix, trace_cols: IntArray, method: str) -> ComplexArray:
    n = L.shape[0]
    r0 = int(trace_cols[0])
    M = L.tolil()
    M[r0, :] = 0.0
    M[r0, trace_cols] = 1.0
    M = M.tocsc()
    rhs = np.zeros(n, dtype=np.complex128)
    rhs[r0] = 1.0
    if method == "direct":
        try:
            x = spla.spsolve(M, rhs, permc_spec="COLAMD")
        except RuntimeError as exc:
            raise ConvergenceError(f"sparse LU failed: {exc}; the steady state may be non-unique.") from exc
        return np.asarray(x)
    ilu = spla.spilu(M, drop_tol=1e-6, fill_factor=20)
    prec = spla.LinearOperator(M.shape, ilu.solve, dtype=np.complex128)
    x, info = spla.gmres(M, rhs, M=prec, rtol=1e-13, atol=0.0, restart=100, maxiter=2000)
    if info != 0:
        raise ConvergenceError(f"GMRES did not converge (info={info}) on {n} unknowns.")
    return np.asarray(x)
