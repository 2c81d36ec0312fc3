r"""Elementwise assembly of generators in a working basis (batched, dense or sparse).

A superoperator is stored as a `Term`: integer row/column indices into column-stacked
vectors (index a + d*c for the matrix element X[a, c]) and values of shape (B, nnz) for a
flattened batch of B parameter points. The sparsity pattern is shared by the batch, which
lets one pattern analysis (invariant blocks) serve a whole sweep.

A term is a sum of parts, kept in structured form until its entries are needed:

* one-sided parts X -> Op X or X -> X Op (Hamiltonian, anticommutators): stored as the
  (B, d, d) operator and its nonzero pattern, i.e. d times fewer numbers than the entries;
* explicit parts (rows, cols, vals) (jumps, Redfield tensors).

So the invariant block that holds the populations is found from patterns alone (the
one-sided parts connect X[a, c] only within products I x J of connected components of the
left and right operators' patterns), and values are computed only for the entries inside
a block (`Term.entries`), not for the whole d^2 x d^2 generator.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from .._checks import ComplexArray, FloatArray

IntArray = npt.NDArray[np.int64]
RateFn = Callable[[FloatArray], FloatArray]

_TINY = 1e-14
_MAX_DENSE_PAIRS = 20_000_000


class _Explicit:
    """Entries given one by one: rows, cols (nnz,), vals (B, nnz)."""

    __slots__ = ("cols", "memo", "rows", "vals")

    def __init__(self, rows: IntArray, cols: IntArray, vals: ComplexArray) -> None:
        self.rows = np.asarray(rows, dtype=np.int64)
        self.cols = np.asarray(cols, dtype=np.int64)
        self.vals = vals
        self.memo: dict[str, object] = {}

    @property
    def batch(self) -> int:
        return int(self.vals.shape[0])

    def pattern(self, sel: IntArray | None = None) -> tuple[IntArray, IntArray]:
        if sel is None:
            return self.rows, self.cols
        return self.rows[sel], self.cols[sel]

    def values(self, sel: IntArray | None = None, b: int | None = None) -> ComplexArray:
        v = self.vals if b is None else self.vals[min(b, self.batch - 1)][None]
        return v if sel is None else v[:, sel]

    def entries_in(self, keep: npt.NDArray[np.bool_]) -> IntArray:
        return np.flatnonzero(keep[self.cols])

    def graph_edges(self) -> tuple[IntArray, IntArray]:
        """Entries that are nonzero for some batch member."""
        nz = np.any(self.vals != 0, axis=0)
        return self.rows[nz], self.cols[nz]


class _Side:
    """X -> Op X (left) or X -> X Op (right), Op (B, d, d) with nonzero pattern (i, j).

    Entry k*d + c: left, row i_k + d c, col j_k + d c; right, row c + d j_k, col c + d i_k.
    """

    __slots__ = ("d", "i", "j", "left", "memo", "op")

    def __init__(self, op: ComplexArray, i: IntArray, j: IntArray, left: bool, d: int) -> None:
        self.op, self.i, self.j, self.left, self.d = op, i, j, left, d
        self.memo: dict[str, object] = {}

    @property
    def batch(self) -> int:
        return int(self.op.shape[0])

    def pattern(self, sel: IntArray | None = None) -> tuple[IntArray, IntArray]:
        d = self.d
        if sel is None:
            ar = np.arange(d, dtype=np.int64)
            k = np.repeat(np.arange(self.i.size, dtype=np.int64), d)
            c = np.tile(ar, self.i.size)
        else:
            k, c = np.divmod(sel, d)
        if self.left:
            return self.i[k] + d * c, self.j[k] + d * c
        return c + d * self.j[k], c + d * self.i[k]

    def values(self, sel: IntArray | None = None, b: int | None = None) -> ComplexArray:
        op = self.op if b is None else self.op[min(b, self.batch - 1)][None]
        v = op[:, self.i, self.j]
        if sel is None:
            return np.repeat(v, self.d, axis=1)
        return v[:, sel // self.d]

    def entries_in(self, keep: npt.NDArray[np.bool_]) -> IntArray:
        # keep2[c, a] = keep[a + d c]: columns of X by row
        keep2 = keep.reshape(self.d, self.d)
        sub = keep2.T[self.j] if self.left else keep2[self.i]  # (nk, d)
        return np.flatnonzero(sub).astype(np.int64)


_Part = _Explicit | _Side


def _same_index(a: IntArray, b: IntArray) -> bool:
    return a is b or (a.shape == b.shape and bool(np.array_equal(a, b)))


def _part_selection(p: _Part, index: IntArray, d: int) -> tuple[IntArray, IntArray, int]:
    """Entries of part p whose column lies in `index` (cached on the part).

    Returns keys row * d^2 + col, the source column of each entry (an operator element of a
    one-sided part, or the entry itself for an explicit part) and the number of sources.
    """
    hit = p.memo.get("sel")
    if hit is not None and _same_index(hit[0], index):  # type: ignore[index]
        return hit[1]  # type: ignore[index,return-value]
    N = d * d
    keep = np.zeros(N, dtype=bool)
    keep[index] = True
    s = p.entries_in(keep)
    r, c = p.pattern(s)
    sources: tuple[IntArray, ...]
    if isinstance(p, _Side):
        ku, inv = np.unique(s // d, return_inverse=True)
        src, nsrc, sources = inv.ravel().astype(np.int64), int(ku.size), (p.i[ku], p.j[ku])
    else:
        src, nsrc, sources = np.arange(s.size, dtype=np.int64), int(s.size), (s,)
    out = (r * N + c, src, nsrc)
    p.memo.clear()
    p.memo["sel"] = (np.array(index), out)
    p.memo["sources"] = sources
    return out


def _part_sources(p: _Part, index: IntArray, d: int, b: int | None) -> ComplexArray:
    """Source values (B, nsrc) of part p for the entries with column in `index`.

    Cached on the part for b=None (the whole batch)."""
    _part_selection(p, index, d)
    if b is None and "vals" in p.memo:
        return p.memo["vals"]  # type: ignore[return-value]
    src = p.memo["sources"]
    if isinstance(p, _Side):
        op = p.op if b is None else p.op[min(b, p.batch - 1)][None]
        v = op[:, src[0], src[1]]  # type: ignore[index]
    else:
        v = p.values(src[0], b)  # type: ignore[index]
    if b is None:
        p.memo["vals"] = v
    return v


class Term:
    """A superoperator in elementwise form: X -> sum vals * X[cols] placed at rows.

    `Term(d, rows, cols, vals)` builds an explicit term; builders below return structured
    ones. `rows`, `cols`, `vals` materialise every entry (cached); `entries(index)` gives
    only those whose column lies in `index`, computing values just for them.
    """

    __slots__ = ("_memo", "d", "parts")

    def __init__(
        self,
        d: int,
        rows: IntArray | None = None,
        cols: IntArray | None = None,
        vals: ComplexArray | None = None,
        *,
        parts: tuple[_Part, ...] | None = None,
    ) -> None:
        self.d = int(d)
        if parts is None:
            if rows is None or cols is None or vals is None:
                raise TypeError("Term needs rows, cols and vals, or parts=.")
            parts = (_Explicit(rows, cols, vals),)
        self.parts = tuple(parts)
        self._memo: dict[str, object] = {}

    # ------------------------------------------------------------ materialised view
    @property
    def batch(self) -> int:
        return max((p.batch for p in self.parts), default=1)

    def _full(self) -> tuple[IntArray, IntArray, ComplexArray]:
        if "full" not in self._memo:
            B = self.batch
            pats = [p.pattern() for p in self.parts]
            vals = [
                np.broadcast_to(p.values(), (B, pt[0].size))
                for p, pt in zip(self.parts, pats, strict=True)
            ]
            self._memo["full"] = (
                np.concatenate([pt[0] for pt in pats]) if pats else np.zeros(0, np.int64),
                np.concatenate([pt[1] for pt in pats]) if pats else np.zeros(0, np.int64),
                np.concatenate(vals, axis=1) if vals else np.zeros((B, 0), complex),
            )
        return self._memo["full"]  # type: ignore[return-value]

    @property
    def rows(self) -> IntArray:
        return self._full()[0]

    @property
    def cols(self) -> IntArray:
        return self._full()[1]

    @property
    def vals(self) -> ComplexArray:
        return self._full()[2]

    # ------------------------------------------------------------ restricted view
    def _selection(self, index: IntArray) -> tuple[IntArray, IntArray, sp.csr_matrix]:
        """Pattern analysis of the entries whose column lies in `index` (cached, values-free).

        Returns the distinct (row, col) pairs and the 0/1 matrix G that sums the parts'
        source values (operator elements of one-sided parts, entries of explicit parts;
        see `_part_selection`) into them. Parts shared between terms (a dissipator and the
        generator) share their analysis.
        """
        hit = self._memo.get("sel")
        if hit is not None and _same_index(hit[0], index):  # type: ignore[index]
            return hit[1]  # type: ignore[index,return-value]
        N = self.d * self.d
        keys, srcs = [], []
        offset = 0
        for p in self.parts:
            k, src, nsrc = _part_selection(p, index, self.d)
            keys.append(k)
            srcs.append(src + offset)
            offset += nsrc
        allkeys = np.concatenate(keys)
        uniq, inv = np.unique(allkeys, return_inverse=True)
        G = sp.csr_matrix(
            (np.ones(allkeys.size), (inv.ravel(), np.concatenate(srcs))), shape=(uniq.size, offset)
        )
        out = (uniq // N, uniq % N, G)
        self._memo["sel"] = (np.array(index), out)
        return out

    def nnz_in(self, index: IntArray) -> int:
        """Number of distinct entries with column in `index` (pattern only)."""
        return int(self._selection(index)[0].size)

    def entries(
        self, index: IntArray, b: int | None = None
    ) -> tuple[IntArray, IntArray, ComplexArray]:
        """Distinct (rows, cols, vals) of the entries with column in `index` (duplicates summed).

        vals: (B, n), or (1, n) for batch member b. Only these values are computed.
        """
        rows, cols, G = self._selection(index)
        if b is None:
            hit = self._memo.get("vals")
            if hit is not None and hit[0] is G:  # type: ignore[index]
                return rows, cols, hit[1]  # type: ignore[index]
        B = self.batch if b is None else 1
        S = np.concatenate(
            [
                np.broadcast_to(v, (B, v.shape[1]))
                for v in (_part_sources(p, index, self.d, b) for p in self.parts)
            ],
            axis=1,
        )
        if G.shape[1] == 0:
            return rows, cols, np.zeros((B, rows.size), dtype=np.complex128)
        vals = np.ascontiguousarray((G @ S.T).T, dtype=np.complex128)
        if b is None:
            self._memo["vals"] = (G, vals)
        return rows, cols, vals

    def restricted_to_columns(self, index: IntArray) -> Term:
        """The entries whose column lies in `index` (enough to act on vectors supported there)."""
        hit = self._memo.get("restricted")
        if hit is not None and _same_index(hit[0], index):  # type: ignore[index]
            return hit[1]  # type: ignore[index,return-value]
        rows, cols, vals = self.entries(index)
        t = Term(self.d, rows, cols, vals)
        self._memo["restricted"] = (np.array(index), t)
        return t

    @property
    def has_side_parts(self) -> bool:
        """Whether the term has one-sided parts (then `side_operators` is meaningful)."""
        return any(isinstance(p, _Side) for p in self.parts)

    def side_operators(self, b: int) -> tuple[ComplexArray, ComplexArray]:
        """(A, B) (d, d) of batch member b with sum of one-sided parts X -> A X + X B."""
        d = self.d
        A = np.zeros((d, d), dtype=np.complex128)
        Bm = np.zeros((d, d), dtype=np.complex128)
        for p in self.parts:
            if isinstance(p, _Side):
                M = A if p.left else Bm
                M[p.i, p.j] += p.op[min(b, p.batch - 1), p.i, p.j]
        return A, Bm

    # ------------------------------------------------------------ actions
    def trace_with(self, hvec: ComplexArray, x: ComplexArray) -> FloatArray:
        """Re Tr[H T(X)] = sum over entries of h[row] val x[col], with h = vec(H^T).

        hvec: (B, d^2); x: (B, d^2) or (B, nt, d^2). No scatter: O(B nnz).
        """
        rows, cols, vals = self.rows, self.cols, self.vals
        if rows.size == 0:
            return np.zeros(x.shape[:-1])
        hv = hvec[:, rows] * vals  # (B, nnz)
        if x.ndim == 3:
            return np.real(np.einsum("bn,btn->bt", hv, x[:, :, cols]))
        return np.real(np.einsum("bn,bn->b", hv, x[:, cols]))

    def apply(self, x: ComplexArray) -> ComplexArray:
        """Apply to vectors x of shape (B, d*d) (full column-stacked space)."""
        B = x.shape[0]
        y = np.zeros((B, self.d * self.d), dtype=np.complex128)
        rows, cols, vals = self.rows, self.cols, self.vals
        if rows.size:
            contrib = vals * x[:, cols]
            for b in range(B):  # bincount sums duplicate rows (np.add.at is far slower)
                y[b] = np.bincount(rows, contrib[b].real, y.shape[1]) + 1j * np.bincount(
                    rows, contrib[b].imag, y.shape[1]
                )
        return y


def nonzero_pattern(M: ComplexArray) -> tuple[IntArray, IntArray]:
    """(i, j) where any batch member of M (B, d, d) is non-negligible.

    Non-negligible: |M| > 1e-14 max(1, max |M|).
    """
    B, d, _ = M.shape
    if np.iscomplexobj(M):
        f = np.ascontiguousarray(M).view(np.float64).reshape(B, d, d, 2)
        m2 = np.max(f[..., 0] ** 2 + f[..., 1] ** 2, axis=0)
    else:
        m2 = np.max(np.asarray(M, dtype=float) ** 2, axis=0)
    scale = max(1.0, float(np.max(m2, initial=0.0)))
    i, j = np.nonzero(m2 > _TINY**2 * scale)
    return i.astype(np.int64), j.astype(np.int64)


def left_right_term(Lop: ComplexArray | None, Rop: ComplexArray | None, d: int) -> Term:
    """Term of X -> Lop X + X Rop, with Lop, Rop of shape (B, d, d) (None = 0).

    Stored in structured form (operator + pattern): entries are made only when asked for.
    (Lop X)[a, c] = Lop[a, b] X[b, c]; (X Rop)[a, c] = X[a, e] Rop[e, c].
    """
    parts: list[_Part] = []
    if Lop is not None:
        i, j = nonzero_pattern(Lop)
        parts.append(_Side(Lop, i, j, True, d))
    if Rop is not None:
        i, j = (i, j) if Rop is Lop else nonzero_pattern(Rop)
        parts.append(_Side(Rop, i, j, False, d))
    if not parts:
        return Term(d, np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros((1, 0), complex))
    return Term(d, parts=tuple(parts))


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


def frequency_matched_pairs(
    omega: FloatArray, tol: float
) -> tuple[IntArray, IntArray, npt.NDArray[np.bool_]]:
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
        for s, e in itertools.pairwise(starts):
            idx = order[s:e]
            keys.append((idx[:, None] * P + idx[None, :]).ravel())
    k = np.unique(np.concatenate(keys))
    p, q = k // P, k % P
    mask = np.abs(omega[:, p] - omega[:, q]) < tol
    return p.astype(np.int64), q.astype(np.int64), mask


def coupling_components(
    A: ComplexArray, nu_of_pair: FloatArray | None = None
) -> tuple[IntArray, IntArray, ComplexArray, FloatArray]:
    """Nonzero elements (ia, ib, values (B, P), frame offsets (P,)) of a working-basis coupling."""
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
    allm = bool(mask.all())
    Pv = g[:, p] * Av[:, p] if allm else g[:, p] * Av[:, p] * mask
    jump = sandwich_pairs_term(Pv, Av[:, q], ia[p], ib[p], ia[q], ib[q], d)
    # K[x, y] = sum over matched pairs with a common final state a of gamma conj(A_ax) A_ay
    same = ia[p] == ia[q]
    ps, qs = p[same], q[same]
    vals = g[:, ps] * np.conj(Av[:, ps]) * Av[:, qs]
    if not allm:
        vals = vals * mask[:, same]
    flat = ib[ps] * d + ib[qs]
    K = _scatter(vals, flat, B, d)
    Phi = _scatter(vals * omega[:, ps], flat, B, d)
    half = -0.5 * K
    anti = left_right_term(half, half, d)
    return jump, anti, Phi


def _scatter(vals: ComplexArray, flat: IntArray, B: int, d: int) -> ComplexArray:
    """out[b].flat[flat[k]] += vals[b, k]: duplicates summed by a small 0/1 matrix, one write."""
    uniq, inv = np.unique(flat, return_inverse=True)
    out = np.zeros((B, d * d), dtype=np.complex128)
    if uniq.size == flat.size:
        out[:, flat] = vals
    else:
        G = sp.csr_matrix(
            (np.ones(flat.size), (inv.ravel(), np.arange(flat.size))), shape=(uniq.size, flat.size)
        )
        out[:, uniq] = (G @ np.asarray(vals).T).T
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
    _, d, _ = Ls.shape
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
    """The sum of terms (their parts side by side; duplicates are summed at assembly)."""
    return Term(terms[0].d, parts=tuple(p for t in terms for p in t.parts))


def side_components(term: Term) -> tuple[IntArray, IntArray]:
    """Labels (d,) of the connected components of the left and of the right operators' patterns."""
    d = term.d
    out = []
    for left in (True, False):
        i = [p.i for p in term.parts if isinstance(p, _Side) and p.left is left]
        j = [p.j for p in term.parts if isinstance(p, _Side) and p.left is left]
        ii = np.concatenate(i) if i else np.zeros(0, np.int64)
        jj = np.concatenate(j) if j else np.zeros(0, np.int64)
        g = sp.coo_matrix((np.ones(ii.size), (ii, jj)), shape=(d, d))
        out.append(connected_components(g, directed=True, connection="weak")[1].astype(np.int64))
    return out[0], out[1]


def invariant_block(term: Term) -> IntArray:
    """Indices of the smallest set closed under the generator that holds all populations.

    The union of connected components (of the undirected sparsity graph, entries nonzero
    for some batch member) that contain a diagonal element X[a, a]. The trace lives there,
    so the steady state does too. Found from patterns: the one-sided parts connect X[a, c]
    exactly within I x J, I (J) a component of the left (right) operators' pattern, so the
    graph is reduced to those products and the explicit entries join them.
    """
    return block_components(term)[0]


def block_components(term: Term) -> tuple[IntArray, int]:
    """(`invariant_block`, number of its connected components that hold populations).

    More than one such component means more than one steady state: each is invariant and
    trace preserving on its own.
    """
    d = term.d
    la, lb = side_components(term)
    nb = int(lb.max()) + 1
    na = int(la.max()) + 1
    r_all = np.arange(d * d, dtype=np.int64)
    node = la[r_all % d] * nb + lb[r_all // d]
    er, ec = [], []
    for p in term.parts:
        if isinstance(p, _Explicit):
            r, c = p.graph_edges()
            er.append(node[r])
            ec.append(node[c])
    rr = np.concatenate(er) if er else np.zeros(0, np.int64)
    cc = np.concatenate(ec) if ec else np.zeros(0, np.int64)
    g = sp.coo_matrix((np.ones(rr.size), (rr, cc)), shape=(na * nb, na * nb))
    _, labels = connected_components(g, directed=True, connection="weak")
    pops = np.arange(d) * (d + 1)
    held = np.unique(labels[node[pops]])
    wanted = np.zeros(labels.max() + 1, dtype=bool)
    wanted[held] = True
    return np.flatnonzero(wanted[labels[node]]).astype(np.int64), int(held.size)


def _local(
    term: Term, index: IntArray, b: int | None
) -> tuple[IntArray, IntArray, ComplexArray, int]:
    N = term.d * term.d
    rows, cols, vals = term.entries(index, b)
    pos = np.full(N, -1, dtype=np.int64)
    pos[index] = np.arange(index.size)
    r = pos[rows]
    c = pos[cols]
    ok = r >= 0  # columns are in `index` by construction; rows too if it is invariant
    if not np.all(ok):
        r, c, vals = r[ok], c[ok], vals[:, ok]
    return r, c, vals, index.size


def assemble_dense(term: Term, index: IntArray | None = None) -> ComplexArray:
    """Dense (B, n, n) matrix of the term, restricted to `index` (all if None).

    Only the entries inside the block are evaluated (`Term.entries`). For the whole space
    the materialised entries are scattered directly (no pattern analysis: cheaper for the
    small dense generators of stroke machines).
    """
    if index is None:
        N = term.d * term.d
        rows, cols, vals = term.rows, term.cols, term.vals
        B = vals.shape[0]
        # one bincount over the whole batch sums duplicate entries
        flat = (np.arange(B)[:, None] * (N * N) + (rows * N + cols)[None, :]).ravel()
        v = vals.ravel()
        out = np.bincount(flat, v.real, B * N * N) + 1j * np.bincount(flat, v.imag, B * N * N)
        return out.reshape(B, N, N)
    r, c, v, n = _local(term, index, None)
    B = v.shape[0]
    out = np.zeros((B, n * n), dtype=np.complex128)
    out[:, r * n + c] = v  # entries are distinct
    return out.reshape(B, n, n)


def assemble_sparse(term: Term, b: int = 0, index: IntArray | None = None) -> sp.csc_matrix:
    """Sparse matrix of batch member b, restricted to `index` (all if None)."""
    if index is None:
        index = np.arange(term.d * term.d, dtype=np.int64)
    r, c, v, n = _local(term, index, b)
    return sp.csc_matrix((v[0], (r, c)), shape=(n, n))
