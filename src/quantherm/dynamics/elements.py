r"""Elementwise assembly of generators in a working basis (batched, dense or sparse).

A superoperator is stored as a `Term`: integer row/column indices into column-stacked
vectors (index a + d*c for the matrix element X[a, c]) and values of shape (B, nnz) for a
flattened batch of B parameter points. The sparsity pattern is shared by the batch, which
lets one pattern analysis (invariant blocks) serve a whole sweep.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from .._checks import ComplexArray, FloatArray

IntArray = npt.NDArray[np.int64]
RateFn = Callable[[FloatArray], FloatArray]

_TINY = 1e-14
_MAX_DENSE_PAIRS = 20_000_000


@dataclass(frozen=True, slots=True)
class Term:
    """A superoperator in elementwise form: X -> sum vals * X[cols] placed at rows."""

    d: int
    rows: IntArray
    cols: IntArray
    vals: ComplexArray  # (B, nnz)

    @property
    def batch(self) -> int:
        return int(self.vals.shape[0])

    def trace_with(self, hvec: ComplexArray, x: ComplexArray) -> FloatArray:
        """Re Tr[H T(X)] = sum over entries of h[row] val x[col], with h = vec(H^T).

        hvec: (B, d^2); x: (B, d^2) or (B, nt, d^2). No scatter: O(B nnz).
        """
        if self.rows.size == 0:
            return np.zeros(x.shape[:-1])
        hv = hvec[:, self.rows] * self.vals  # (B, nnz)
        if x.ndim == 3:
            return np.real(np.einsum("bn,btn->bt", hv, x[:, :, self.cols]))
        return np.real(np.einsum("bn,bn->b", hv, x[:, self.cols]))

    def restricted_to_columns(self, index: IntArray) -> Term:
        """The entries whose column lies in `index` (enough to act on vectors supported there)."""
        keep = np.zeros(self.d * self.d, dtype=bool)
        keep[index] = True
        sel = keep[self.cols]
        return Term(self.d, self.rows[sel], self.cols[sel], self.vals[:, sel])

    def apply(self, x: ComplexArray) -> ComplexArray:
        """Apply to vectors x of shape (B, d*d) (full column-stacked space)."""
        B = x.shape[0]
        y = np.zeros((B, self.d * self.d), dtype=np.complex128)
        if self.rows.size:
            np.add.at(y, (slice(None), self.rows), self.vals * x[:, self.cols])
        return y


def nonzero_pattern(M: ComplexArray) -> tuple[IntArray, IntArray]:
    """(i, j) where any batch member of M (B, d, d) is non-negligible."""
    scale = max(1.0, float(np.max(np.abs(M), initial=0.0)))
    mask = np.any(np.abs(M) > _TINY * scale, axis=0)
    i, j = np.nonzero(mask)
    return i.astype(np.int64), j.astype(np.int64)


def left_right_term(Lop: ComplexArray | None, Rop: ComplexArray | None, d: int) -> Term:
    """Term of X -> Lop X + X Rop, with Lop, Rop of shape (B, d, d) (None = 0)."""
    rows: list[IntArray] = []
    cols: list[IntArray] = []
    vals: list[ComplexArray] = []
    ar = np.arange(d, dtype=np.int64)
    if Lop is not None:
        i, j = nonzero_pattern(Lop)
        # (Lop X)[a, c] = Lop[a, b] X[b, c]: row a + d c, col b + d c
        rows.append((i[:, None] + d * ar[None, :]).ravel())
        cols.append((j[:, None] + d * ar[None, :]).ravel())
        v = Lop[:, i, j]
        vals.append(np.repeat(v, d, axis=1))
    if Rop is not None:
        i, j = nonzero_pattern(Rop)
        # (X Rop)[a, c] = X[a, e] Rop[e, c]: row a + d c, col a + d e ; (e, c) = (i, j)
        rows.append((ar[None, :] + d * j[:, None]).ravel())
        cols.append((ar[None, :] + d * i[:, None]).ravel())
        v = Rop[:, i, j]
        vals.append(np.repeat(v, d, axis=1))
    B = (Lop if Lop is not None else Rop).shape[0]  # type: ignore[union-attr]
    if not rows:
        return Term(d, np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((B, 0), complex))
    return Term(d, np.concatenate(rows), np.concatenate(cols), np.concatenate(vals, axis=1))


def sandwich_pairs_term(
    P: ComplexArray, Q: ComplexArray, pa: IntArray, pb: IntArray, qa: IntArray, qb: IntArray, d: int
) -> Term:
    """Term of X -> sum P[a,b] X[b,d] conj(Q[c,d]) over supplied index pairs.

    P and Q hold one value per pair: shape (B, npairs). Element at row (a, c), col (b, d).
    """
    rows = pa + d * qa
    cols = pb + d * qb
    vals = P * np.conj(Q)
    return Term(d, rows.astype(np.int64), cols.astype(np.int64), vals)


def frequency_matched_pairs(omega: FloatArray, tol: float) -> tuple[IntArray, IntArray, npt.NDArray[np.bool_]]:
    """Pairs (p, q) with |omega[b, p] - omega[b, q]| < tol for some batch member b.

    Returns p, q indices and the per-batch mask (B, npairs) of the secular condition.
    """
    B, P = omega.shape
    if B * P * P <= _MAX_DENSE_PAIRS:
        m = np.abs(omega[:, :, None] - omega[:, None, :]) < tol
        anym = np.any(m, axis=0)
        p, q = np.nonzero(anym)
        return p.astype(np.int64), q.astype(np.int64), m[:, p, q]
    # clustering per batch member: sort frequencies, cut at gaps > tol
    keys: list[IntArray] = []
    for b in range(B):
        order = np.argsort(omega[b], kind="stable")
        w = omega[b, order]
        starts = np.concatenate([[0], np.nonzero(np.diff(w) >= tol)[0] + 1, [P]])
        for s, e in zip(starts[:-1], starts[1:], strict=True):
            idx = order[s:e]
            keys.append((idx[:, None] * P + idx[None, :]).ravel())
    k = np.unique(np.concatenate(keys))
    p, q = k // P, k % P
    mask = np.abs(omega[:, p] - omega[:, q]) < tol
    return p.astype(np.int64), q.astype(np.int64), mask


def coupling_components(
    A: ComplexArray, nu_of_pair: FloatArray | None = None
) -> tuple[IntArray, IntArray, ComplexArray, FloatArray]:
    """Nonzero elements (ia, ib, values (B, P), frame offsets (P,)) of a coupling in the working basis."""
    ia, ib = nonzero_pattern(A)
    nu = np.zeros(ia.size) if nu_of_pair is None else nu_of_pair
    return ia, ib, A[:, ia, ib], nu


def secular_dissipator_terms(
    ia: IntArray,
    ib: IntArray,
    Av: ComplexArray,
    omega: FloatArray,
    rate: RateFn,
    d: int,
    tol: float,
) -> tuple[Term, Term, ComplexArray]:
    r"""Secular (Davies) dissipator from coupling components in the working basis.

    Component p is the matrix element A[ia_p, ib_p] (values Av[:, p]) of a transition that
    lowers the energy by omega[:, p] (the Bohr frequency eps_b - eps_a, plus any frame
    offset). With A(w) = sum_{omega_p = w} A_p |a_p><b_p|,
    D(X) = sum_w gamma(w) [A(w) X A(w)^dag - {A(w)^dag A(w), X}/2];
    frequencies closer than `tol` are grouped. Returns (jump term, anticommutator term,
    heat-flux operator Phi = sum_w w gamma(w) A(w)^dag A(w)); the heat current into the
    system is J = -Tr[Phi rho], each quantum counted at its (lab-frame) frequency.
    """
    B = Av.shape[0]
    g = rate(omega)  # (B, P)
    p, q, mask = frequency_matched_pairs(omega, tol)
    Pv = g[:, p] * Av[:, p] * mask
    jump = sandwich_pairs_term(Pv, Av[:, q], ia[p], ib[p], ia[q], ib[q], d)
    # K[x, y] = sum over matched pairs with a common final state a of gamma conj(A_ax) A_ay
    same = ia[p] == ia[q]
    ps, qs = p[same], q[same]
    vals = (g[:, ps] * np.conj(Av[:, ps]) * Av[:, qs]) * mask[:, same]
    flat = ib[ps] * d + ib[qs]
    K = _scatter(vals, flat, B, d)
    Phi = _scatter(vals * omega[:, ps], flat, B, d)
    anti = left_right_term(-0.5 * K, -0.5 * K, d)
    return jump, anti, Phi


def _scatter(vals: ComplexArray, flat: IntArray, B: int, d: int) -> ComplexArray:
    out = np.zeros((B, d * d), dtype=np.complex128)
    if B <= 8:
        for b in range(B):
            out[b] = np.bincount(flat, vals[b].real, d * d) + 1j * np.bincount(flat, vals[b].imag, d * d)
    else:
        np.add.at(out, (slice(None), flat), vals)
    return out.reshape(B, d, d)


def redfield_dissipator_terms(A: ComplexArray, eps: FloatArray, rate: RateFn) -> tuple[Term, Term]:
    r"""Bloch-Redfield dissipator (no secular approximation, no Lamb shift).

    D(X) = [Lam X, A] + [A, X Lam^dag], Lam[a, b] = gamma(eps_b - eps_a)/2 A[a, b].
    """
    B, d, _ = A.shape
    ia, ib = nonzero_pattern(A)
    omega = eps[:, ib] - eps[:, ia]
    Lam = np.zeros((B, d, d), dtype=np.complex128)
    Lam[:, ia, ib] = 0.5 * rate(omega) * A[:, ia, ib]
    P = ia.size
    if B * P * P > _MAX_DENSE_PAIRS:
        raise MemoryError(
            f"Redfield tensor with {P} coupling elements is too large for dense assembly; "
            "use the global (secular) master equation for this size."
        )
    p = np.repeat(np.arange(P), P)
    q = np.tile(np.arange(P), P)
    Av = A[:, ia, ib]
    Lv = Lam[:, ia, ib]
    # Lam X A + A X Lam^dag: element ((a,c),(b,d)) = Lam_ab A_dc + A_ab conj(Lam_cd)
    vals = Lv[:, p] * np.conj(Av[:, q]) + Av[:, p] * np.conj(Lv[:, q])
    jump = Term(d, (ia[p] + d * ia[q]).astype(np.int64), (ib[p] + d * ib[q]).astype(np.int64), vals)
    AL = A @ Lam
    LdA = np.conj(np.swapaxes(Lam, -1, -2)) @ A
    anti = left_right_term(-AL, -LdA, d)
    return jump, anti


def lindblad_jump_terms(Ls: ComplexArray, rates: FloatArray) -> tuple[Term, Term]:
    """Explicit Lindblad operator(s) L with rate(s): rate (L X L^dag - {L^dag L, X}/2)."""
    B, d, _ = Ls.shape
    ia, ib = nonzero_pattern(Ls)
    Lv = Ls[:, ia, ib] * np.sqrt(rates)[:, None]
    P = ia.size
    p = np.repeat(np.arange(P), P)
    q = np.tile(np.arange(P), P)
    jump = sandwich_pairs_term(Lv[:, p], Lv[:, q], ia[p], ib[p], ia[q], ib[q], d)
    LdL = rates[:, None, None] * (np.conj(np.swapaxes(Ls, -1, -2)) @ Ls)
    anti = left_right_term(-0.5 * LdL, -0.5 * LdL, d)
    return jump, anti


def merge(terms: list[Term]) -> Term:
    """Concatenate terms (duplicates are summed at assembly)."""
    d = terms[0].d
    B = max(t.batch for t in terms)
    vals = [np.broadcast_to(t.vals, (B, t.vals.shape[1])) for t in terms]
    return Term(
        d,
        np.concatenate([t.rows for t in terms]),
        np.concatenate([t.cols for t in terms]),
        np.concatenate(vals, axis=1),
    )


def invariant_block(term: Term) -> IntArray:
    """Indices of the smallest set closed under the generator that holds all populations.

    The union of connected components (of the undirected sparsity graph) that contain a
    diagonal element X[a, a]. The trace lives there, so the steady state does too.
    """
    from scipy.sparse.csgraph import connected_components

    n = term.d * term.d
    keep = np.any(np.abs(term.vals) > 0, axis=0)
    g = sp.coo_matrix((np.ones(int(keep.sum())), (term.rows[keep], term.cols[keep])), shape=(n, n))
    _, labels = connected_components(g, directed=True, connection="weak")
    pops = np.arange(term.d) * (term.d + 1)
    wanted = np.unique(labels[pops])
    return np.nonzero(np.isin(labels, wanted))[0].astype(np.int64)


def assemble_dense(term: Term, index: IntArray | None = None) -> ComplexArray:
    """Dense (B, n, n) matrix of the term, restricted to `index` (all if None)."""
    N = term.d * term.d
    if index is None:
        index = np.arange(N, dtype=np.int64)
    pos = np.full(N, -1, dtype=np.int64)
    pos[index] = np.arange(index.size)
    r = pos[term.rows]
    c = pos[term.cols]
    ok = (r >= 0) & (c >= 0)
    n = index.size
    flat = r[ok] * n + c[ok]
    B = term.batch
    out = np.zeros((B, n * n), dtype=np.complex128)
    v = term.vals[:, ok]
    # sum duplicates: sort once, reduceat
    order = np.argsort(flat, kind="stable")
    fs = flat[order]
    if fs.size:
        starts = np.concatenate([[0], np.nonzero(np.diff(fs))[0] + 1])
        out[:, fs[starts]] = np.add.reduceat(v[:, order], starts, axis=1)
    return out.reshape(B, n, n)


def assemble_sparse(term: Term, b: int = 0, index: IntArray | None = None) -> sp.csc_matrix:
    """Sparse matrix of batch member b, restricted to `index`."""
    N = term.d * term.d
    if index is None:
        m = sp.coo_matrix((term.vals[b], (term.rows, term.cols)), shape=(N, N))
        return m.tocsc()
    pos = np.full(N, -1, dtype=np.int64)
    pos[index] = np.arange(index.size)
    r = pos[term.rows]
    c = pos[term.cols]
    ok = (r >= 0) & (c >= 0)
    n = index.size
    return sp.coo_matrix((term.vals[b, ok], (r[ok], c[ok])), shape=(n, n)).tocsc()
