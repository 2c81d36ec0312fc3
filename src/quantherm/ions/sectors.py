"""Excitation-number sectors of the red-sideband exchange model.

The exchange Hamiltonian conserves ``K = sum_m n_m + (1 + sigma_z) / 2``. Sector K is
spanned by ``|down, n>`` with ``sum n = K`` (``C(K+N-1, N-1)`` states) and ``|up, n'>``
with ``sum n' = K - 1`` (``C(K+N-2, N-1)`` states). Within it,

    <up, n - e_m| H |down, n> = g_m sqrt(n_m),
    <down, n| H |down, n> = -Delta/2 + sum_m delta_m n_m,  <up, n'| H |up, n'> = Delta/2 + ...

A thermal (or Fock) phonon state with the spin up or down is diagonal in this basis: a
mixture of Fock configurations, each living in one sector.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from math import comb

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from .models import ExchangeModel

__all__ = ["Sector", "build_sector", "compositions", "sector_dimension"]

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def sector_dimension(k: int, n_modes: int) -> int:
    """``D_K = C(K+N-1, N-1) + C(K+N-2, N-1)`` (the second term is 0 for K = 0)."""
    up = comb(k + n_modes - 2, n_modes - 1) if k >= 1 else 0
    return comb(k + n_modes - 1, n_modes - 1) + up


@lru_cache(maxsize=64)
def _compositions_cached(total: int, parts: int) -> IntArray:
    if parts == 1:
        return np.array([[total]], dtype=np.int64)
    blocks = [
        np.hstack([np.full((sub.shape[0], 1), first, dtype=np.int64), sub])
        for first in range(total, -1, -1)
        for sub in (_compositions_cached(total - first, parts - 1),)
    ]
    out = np.vstack(blocks)
    out.setflags(write=False)
    return out


def compositions(total: int, parts: int) -> IntArray:
    """All occupation vectors of ``parts`` modes with ``sum = total``, shape (C, parts)."""
    if total < 0:
        return np.zeros((0, parts), dtype=np.int64)
    return _compositions_cached(total, parts)


@dataclass(frozen=True, slots=True)
class Sector:
    """One K sector: basis, diagonal energies, coupling matrix, spin-up mask.

    Attributes:
        k: excitation number.
        occupations: (D, N) phonon occupations of each basis state (down states first).
        spin_up: (D,) bool, True for ``|up, n'>`` states.
        hamiltonian: (D, D) sparse CSR Hamiltonian of the sector.
    """

    k: int
    occupations: IntArray
    spin_up: npt.NDArray[np.bool_]
    hamiltonian: sp.csr_matrix

    @property
    def dim(self) -> int:
        """Sector dimension."""
        return int(self.spin_up.size)


def build_sector(model: ExchangeModel, k: int) -> Sector:
    """The K sector of `model` (see module docstring)."""
    n = model.n_modes
    down = compositions(k, n)
    up = compositions(k - 1, n)
    n_down = down.shape[0]
    occ = np.vstack([down, up]) if up.shape[0] else down
    spin_up = np.zeros(occ.shape[0], dtype=bool)
    spin_up[n_down:] = True
    diag = occ @ model.detunings + np.where(spin_up, 0.5, -0.5) * model.spin_detuning
    rows: list[IntArray] = []
    cols: list[IntArray] = []
    vals: list[FloatArray] = []
    if up.shape[0]:
        locate = _locator(down, k)
        for m in range(n):
            target = up.copy()
            target[:, m] += 1
            rows.append(n_down + np.arange(up.shape[0]))
            cols.append(locate(target))
            vals.append(model.couplings[m] * np.sqrt(target[:, m].astype(np.float64)))
    d = occ.shape[0]
    if rows:
        r = np.concatenate(rows)
        c = np.concatenate(cols)
        v = np.concatenate(vals)
        off = sp.coo_matrix((v, (r, c)), shape=(d, d))
        h = (off + off.T + sp.diags(diag)).tocsr()
    else:
        h = sp.diags(diag).tocsr()
    return Sector(k=k, occupations=occ, spin_up=spin_up, hamiltonian=h)


def _locator(table: IntArray, k: int) -> Callable[[IntArray], IntArray]:
    """Function mapping occupation rows to their index in `table` (rows with sum k)."""
    n = table.shape[1]
    if n * np.log2(k + 1) < 62:
        weights = (k + 1) ** np.arange(n, dtype=np.int64)
        codes = table @ weights
        order = np.argsort(codes)
        sorted_codes = codes[order]
        return lambda rows: np.asarray(order[np.searchsorted(sorted_codes, rows @ weights)])
    index = {row.tobytes(): i for i, row in enumerate(table)}
    return lambda rows: np.array([index[row.tobytes()] for row in rows], dtype=np.int64)
