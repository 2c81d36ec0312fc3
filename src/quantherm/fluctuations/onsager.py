r"""Cross-current noise and Onsager coefficients from the equilibrium noise.

The zero-frequency noise matrix S_ij = lim Cov(N_i, N_j) / t of several counted currents
follows exactly from the scalar second cumulants by polarisation,
S_ij = (S[J_i + J_j] - S[J_i] - S[J_j]) / 2. At equilibrium (all baths at one
temperature T) the fluctuation-dissipation theorem gives the Onsager coefficients of the
heat currents, J_i = sum_j L_ij X_j with affinities X_j = 1/T - 1/T_j (heat into the
system from bath j), as L_ij = S_ij / 2; reciprocity L_ij = L_ji then holds exactly.

Reference: L. Onsager, Phys. Rev. 37, 405 (1931); M. Esposito, U. Harbola, S. Mukamel,
Rev. Mod. Phys. 81, 1665 (2009), doi:10.1103/RevModPhys.81.1665.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .._checks import FloatArray
from .counting import CountingModel, Current
from .cumulants import current_statistics

__all__ = ["noise_matrix", "onsager_matrix"]


def _add(a: Current, b: Current) -> Current:
    def merged(x: dict[str, float], y: dict[str, float]) -> dict[str, float]:
        out = dict(x)
        for k, v in y.items():
            out[k] = out.get(k, 0.0) + v
        return out

    return Current(
        heat=merged(dict(a.heat), dict(b.heat)),
        quanta=merged(dict(a.quanta), dict(b.quanta)),
        jumps=merged(dict(a.jumps), dict(b.jumps)),
    )


def noise_matrix(model: CountingModel, currents: Sequence[Current]) -> FloatArray:
    """Zero-frequency noise (scaled covariance) matrix S_ij of currents, shape (*batch, n, n)."""
    n = len(currents)
    if n == 0:
        raise ValueError("`currents` must hold at least one `Current`; got none.")
    diag = [current_statistics(model, c).noise for c in currents]
    out = np.empty((*np.shape(diag[0]), n, n))
    for i in range(n):
        out[..., i, i] = diag[i]
        for j in range(i + 1, n):
            s = current_statistics(model, _add(currents[i], currents[j])).noise
            out[..., i, j] = out[..., j, i] = 0.5 * (s - diag[i] - diag[j])
    return out


def onsager_matrix(model: CountingModel, baths: Sequence[str]) -> FloatArray:
    r"""Onsager coefficients L_ij = S_ij / 2 of the heat currents of `baths` at equilibrium.

    Args:
        model: a counting model whose baths all share one temperature.
        baths: names of the baths whose heat currents (into the system) are the fluxes.

    Returns:
        (array of shape (*batch, n, n)) symmetric, positive semidefinite L; the heat current
        from bath i responds as J_i = sum_j L_ij (1/T - 1/T_j) to small temperature offsets.

    Raises:
        ValueError: the baths are not at one temperature (not an equilibrium point).
    """
    temps = [np.asarray(b.T, dtype=float) for b in model.master.baths.values()]
    if any(not np.allclose(t, temps[0], rtol=1e-12, atol=0) for t in temps):
        raise ValueError(
            "`model` must be at equilibrium (all bath temperatures equal) for the Onsager matrix; "
            f"got temperatures {[t.tolist() for t in temps]}. "
            "Evaluate it at the reference temperature."
        )
    return 0.5 * noise_matrix(model, [Current(heat={b: 1.0}) for b in baths])
