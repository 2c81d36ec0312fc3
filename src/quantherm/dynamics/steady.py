r"""Steady states of a `MasterEquation`: solve L(rho) = 0 with Tr rho = 1.

The solve happens in the smallest invariant block of the Liouvillian that holds the
populations (found from the sparsity pattern alone, for any model, once per batch; see
`elements.block_components`): for a secular master equation with non-degenerate Bohr
frequencies that is the populations alone; for the three-qubit fridge 10 of 64 unknowns;
for an XX chain the zero-coherence sector, C(2N, N) of 4^N. More than one component holding
populations means more than one steady state (`ConvergenceError`). Dense batched LU for
small blocks; for large ones GMRES preconditioned by the Sylvester part of the generator
(below), with sparse LU as the fallback.

Sylvester preconditioning ("krylov"). Every generator here splits as
L(X) = A X + X B + J(X): the one-sided parts (Hamiltonian, anticommutators; for a Lindblad
equation A = -i H_eff, B = A^dag with H_eff = H - (i/2) sum L^dag L) and the jumps J. The
Sylvester operator S(X) = A X + X B is inverted exactly and cheaply, block by block over
the connected components of the patterns of A and B, by diagonalising them once (complex
Schur forms and LAPACK ztrsyl where the eigenvectors are ill-conditioned; Bartels-Stewart,
Golub & Van Loan, Matrix Computations, sec. 7.6.3). GMRES then runs on the
right-preconditioned system L S^{-1} z = 0, which is I - E with E = -J S^{-1} the
trace-preserving "jump-to-jump" map. Since Tr L(X) = 0 for all X, the trace functional t is
a left null vector of L S^{-1}, so the bordered operator L S^{-1} + v t^T (t(v) = 1) is
nonsingular when the steady state is unique, and (L S^{-1} + v t^T) z = v gives
L S^{-1} z = 0; then rho = S^{-1} z, normalised to unit trace. For the boundary-driven XX
chain this takes 38 (N=6) to 117 (N=10, 184,756 unknowns) iterations.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import scipy.sparse as sp
import scipy.sparse.linalg as spla
from threadpoolctl import ThreadpoolController

from .._checks import ComplexArray
from ..errors import ConvergenceError
from .elements import (
    IntArray,
    Term,
    assemble_dense,
    assemble_sparse,
    block_components,
    side_components,
)
from .master import MasterEquation

__all__ = ["SteadyState", "steady_state"]

Method = Literal["auto", "dense", "direct", "gmres", "krylov"]
_DENSE_MAX = 400
_DENSE_FILLED_MAX = 1500  # dense LU also for blocks this small that are more than 10% filled
_AUTO_SMALL = 5000  # up to this size: sparse LU after clip(n/10, 30, 150) GMRES iterations
_AUTO_BUDGET = 2000
_CONTROLLER: list[ThreadpoolController] = []


def _one_thread() -> Any:
    """BLAS limited to one thread (a second OpenBLAS thread stalls small kernels on busy machines).

    The controller scans the loaded libraries once per process, not once per call.
    """
    if not _CONTROLLER:
        _CONTROLLER.append(ThreadpoolController())
    return _CONTROLLER[0].limit(limits=1)


@dataclass(frozen=True, eq=False)
class SteadyState:
    """A steady state of a master equation.

    Attributes:
        rho: density matrix/matrices in the original basis, shape (*batch, d, d).
        x_work: column-stacked working-basis vectors (B, d^2) (used by the ledger).
        residual: max over the batch of ||L x|| / (||L|| ||x||).
        block_size: number of unknowns actually solved for (invariant block).
        block_index: their indices in the column-stacked working basis.
        method: "dense", "direct", "gmres" or "krylov".
        stats: wall time and other diagnostics ("iterations": GMRES iterations per batch
            member for "krylov", "direct" where sparse LU was used instead).
    """

    master: MasterEquation
    rho: ComplexArray
    x_work: ComplexArray
    residual: float
    block_size: int
    block_index: IntArray
    method: str
    stats: dict[str, Any] = field(default_factory=dict)


_NOT_UNIQUE = (
    "steady state is not unique (singular Liouvillian block): the model has "
    "more than one stationary state (a conserved quantity or a decoupled "
    "subspace). Add a bath coupling that connects all levels."
)


def _block(me: MasterEquation) -> IntArray:
    if "block_components" not in me._cache:
        me._cache["block_components"] = block_components(me.generator)
    idx, ncomp = me._cache["block_components"]
    if ncomp > 1:  # each component holding populations carries its own steady state
        raise ConvergenceError(_NOT_UNIQUE)
    return idx  # type: ignore[no-any-return]


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
            "krylov" (GMRES preconditioned by the Sylvester part, see the module docstring),
            or "auto" (dense up to 400 unknowns in the block, or 1500 if more than 10% of
            the block's entries are nonzero (Redfield), then krylov; direct where
            the generator has no one-sided part, its Sylvester part is singular, or
            GMRES needs more than clip(n/10, 30, 150) iterations on a block of n <= 5000
            unknowns, where sparse LU is cheap).
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
    auto = method == "auto"
    if auto:
        if n <= _DENSE_MAX or (n <= _DENSE_FILLED_MAX and me.generator.nnz_in(idx) > 0.1 * n * n):
            method = "dense"
        else:
            method = "krylov" if me.generator.has_side_parts else "direct"
    B = me.batch
    gen = me.generator
    stats: dict[str, Any] = {}
    with _one_thread():
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
                raise ConvergenceError(_NOT_UNIQUE) from exc
            Lx = np.einsum("bij,bj->bi", L, x)
            normL = np.linalg.norm(L.reshape(B, -1), axis=1)
        else:
            xs, Lxs, norms = [], [], []
            for b in range(B):
                L = assemble_sparse(gen, b, idx)
                if method == "krylov":
                    # auto: a budget of iterations, then sparse LU (cheap up to a few 1000 unknowns)
                    budget = (
                        (min(max(n // 10, 30), 150) if n <= _AUTO_SMALL else _AUTO_BUDGET)
                        if auto
                        else None
                    )
                    try:
                        xb, its, ok = _solve_krylov(gen, L, idx, trace_cols, b, budget)
                        if not ok and auto:
                            raise _SingularSylvester("GMRES budget spent")
                        stats.setdefault("iterations", []).append(its)
                    except _SingularSylvester:
                        xb = _solve_sparse(L, trace_cols, "direct")
                        stats.setdefault("iterations", []).append("direct")
                else:
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
        stats={"wall_s": time.perf_counter() - t0, "unknowns_full": d * d, **stats},
    )


def _solve_sparse(L: sp.csc_matrix, trace_cols: IntArray, method: str) -> ComplexArray:
    n = L.shape[0]
    r0 = int(trace_cols[0])
    C = L.tocoo()
    keep = C.row != r0  # row r0 replaced by the trace
    M = sp.csc_matrix(
        (
            np.concatenate([C.data[keep], np.ones(trace_cols.size)]),
            (
                np.concatenate([C.row[keep], np.full(trace_cols.size, r0)]),
                np.concatenate([C.col[keep], trace_cols]),
            ),
        ),
        shape=L.shape,
    )
    rhs = np.zeros(n, dtype=np.complex128)
    rhs[r0] = 1.0
    if method == "direct":
        try:
            x = spla.spsolve(M, rhs, permc_spec="COLAMD")
        except RuntimeError as exc:
            raise ConvergenceError(
                f"sparse LU failed: {exc}; the steady state may be non-unique."
            ) from exc
        return np.asarray(x)
    ilu = spla.spilu(M, drop_tol=1e-6, fill_factor=20)
    prec = spla.LinearOperator(M.shape, ilu.solve, dtype=np.complex128)
    x, info = spla.gmres(M, rhs, M=prec, rtol=1e-13, atol=0.0, restart=100, maxiter=2000)
    if info != 0:
        raise ConvergenceError(f"GMRES did not converge (info={info}) on {n} unknowns.")
    return np.asarray(x)


class _SingularSylvester(ConvergenceError):
    """No Sylvester preconditioner (A X + X B singular on the block): sparse LU is used instead."""


class _SylvesterInverse:
    """X -> S^{-1} X for S(X) = A X + X B on a block that is a union of products I x J.

    I (J) are connected components of the pattern of A (B). Per component A_I is
    diagonalised once, A_I = V diag(lam) V^{-1} (B_J = W diag(mu) W^{-1}), and each
    application is X_IJ = V [(V^{-1} Y_IJ W) / (lam_i + mu_j)] W^{-1}: four matrix products.
    Where an eigenvector matrix is ill-conditioned (cond > 1e8) the complex Schur form is
    used instead (Bartels-Stewart with LAPACK ztrsyl; Golub & Van Loan sec. 7.6.3).
    """

    _COND_MAX = 1e8

    def __init__(self, term: Term, idx: IntArray, b: int) -> None:
        from scipy.linalg import schur
        from scipy.linalg.lapack import ztrsyl

        self._trsyl = ztrsyl
        d = term.d
        A, Bm = term.side_operators(b)
        la, lb = side_components(term)
        a, c = idx % d, idx // d
        I, J = la[a], lb[c]
        nb = int(lb.max()) + 1
        pair = I * nb + J
        order = np.argsort(pair, kind="stable")
        cuts = np.flatnonzero(np.diff(pair[order])) + 1
        facs: list[dict[int, tuple[Any, ...]]] = [{}, {}]
        ranks = [np.zeros(d, dtype=np.int64), np.zeros(d, dtype=np.int64)]
        for side, (lab, M, used) in enumerate(((la, A, la[a]), (lb, Bm, lb[c]))):
            for comp in np.unique(used):
                g = np.flatnonzero(lab == comp)
                ranks[side][g] = np.arange(g.size)
                Mg = M[np.ix_(g, g)]
                lam, V = np.linalg.eig(Mg)
                try:
                    Vinv = np.linalg.inv(V)
                    cond = float(np.linalg.norm(V, 1) * np.linalg.norm(Vinv, 1))
                except np.linalg.LinAlgError:
                    cond = np.inf
                if cond <= self._COND_MAX:
                    facs[side][int(comp)] = ("eig", g, lam, V, Vinv, Mg)
                else:
                    T, Q = schur(Mg, output="complex")
                    facs[side][int(comp)] = ("schur", g, np.diag(T), T, Q)
        self.blocks: list[tuple[Any, ...]] = []
        self.min_eig = np.inf
        for grp in np.split(order, cuts):
            fa = facs[0][int(I[grp[0]])]
            fb = facs[1][int(J[grp[0]])]
            ni, nj = fa[1].size, fb[1].size
            if grp.size != ni * nj:
                raise _SingularSylvester(
                    "block is not a union of component products; cannot precondition."
                )
            local = ranks[0][a[grp]] + ni * ranks[1][c[grp]]  # column-major position in X_IJ
            perm = grp[np.argsort(local)]
            den = fa[2][:, None] + fb[2][None, :]
            self.min_eig = min(self.min_eig, float(np.min(np.abs(den))))
            if fa[0] == "eig" and fb[0] == "eig":
                with np.errstate(
                    divide="ignore", invalid="ignore"
                ):  # a zero is caught by the min_eig test
                    inv_den = 1.0 / den
                self.blocks.append((perm, ni, nj, "eig", (fa[3], fa[4], fb[3], fb[4], inv_den)))
            else:  # Schur forms of both sides
                T, Q = fa[3:5] if fa[0] == "schur" else schur(fa[5], output="complex")
                U, Z = fb[3:5] if fb[0] == "schur" else schur(fb[5], output="complex")
                self.blocks.append((perm, ni, nj, "schur", (T, Q, U, Z)))

    def __call__(self, y: ComplexArray) -> ComplexArray:
        out = np.empty(y.shape, dtype=np.complex128)
        for perm, ni, nj, how, f in self.blocks:
            Y = y[perm].reshape(nj, ni).T
            if how == "eig":
                V, Vinv, W, Winv, inv_den = f
                X = V @ (((Vinv @ Y) @ W) * inv_den) @ Winv
            else:
                T, Q, U, Z = f
                X, scale, info = self._trsyl(T, U, np.conj(Q.T) @ Y @ Z)
                if info < 0:
                    raise ConvergenceError(
                        f"ztrsyl failed (info={info}) in the Sylvester preconditioner."
                    )
                X = (Q @ (X / scale)) @ np.conj(Z.T)
            out[perm] = X.T.ravel()
        return out


def _solve_krylov(
    term: Term,
    L: sp.csc_matrix,
    idx: IntArray,
    trace_cols: IntArray,
    b: int,
    budget: int | None = None,
) -> tuple[ComplexArray, int, bool]:
    """GMRES on the bordered, Sylvester-preconditioned system (module docstring).

    Returns (x normalised to unit trace, iterations, converged). `budget` caps the
    iterations (default 3200).
    """
    n = L.shape[0]
    Sinv = _SylvesterInverse(term, idx, b)
    if Sinv.min_eig < 1e-12 * max(1.0, spla.norm(L, 1)):
        raise _SingularSylvester(
            "the Sylvester part of the generator is singular (a level with no decay); "
            "use method='direct' or 'gmres'."
        )
    Lr = L.tocsr()
    v = np.zeros(n, dtype=np.complex128)
    v[trace_cols] = 1.0 / trace_cols.size

    def op(z: ComplexArray) -> ComplexArray:
        return Lr @ Sinv(z) + v * np.sum(z[trace_cols])

    A = spla.LinearOperator((n, n), matvec=op, dtype=np.complex128)
    count = [0]

    def cb(_: Any) -> None:
        count[0] += 1

    total = 3200 if budget is None else budget
    restart = min(80, total)
    z, info = spla.gmres(
        A,
        v,
        x0=v.copy(),
        rtol=1e-13,
        atol=0.0,
        restart=restart,
        maxiter=-(-total // restart),
        callback=cb,
        callback_type="pr_norm",
    )
    if info < 0:
        raise ConvergenceError(f"GMRES broke down (info={info}) on {n} unknowns.")
    x = Sinv(z)
    x = x / np.sum(x[trace_cols])
    return np.asarray(x), count[0], info == 0
