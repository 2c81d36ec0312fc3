r"""Fast steady heat currents of two coupled oscillators between two local Markovian baths (W4).

Model: H = w_h a^dag a + w_c b^dag b + g V, V = a^dag b + b^dag a ("rwa") or
(a + a^dag)(b + b^dag) ("xx") (as `oscillators_hamiltonian`), local thermal Lindblad baths on a
(rate gamma_h, occupation n_h) and on b (gamma_c, n_c). Steady covariance from the Lyapunov
equation A sigma + sigma A^T + D = 0 (xpxp ordering, `lyapunov`); local heat bookkeeping
(H_E = uncoupled Hamiltonian, as in the local master equation):

    J_h = w_h gamma_h (n_h - <a^dag a>),    J_c = w_c gamma_c (n_c - <b^dag b>),

positive when the bath heats the system (DESIGN.md). The same numbers as `GaussianOpenSystem`
with `local_dissipator` and `H_energy`, but the model is assembled from a cached linear map of
the seven parameters to the reduced (symmetric) Lyapunov operator, so a point costs one small
matrix-vector product, one 10 x 10 solve (two right-hand sides: sigma and the stability
certificate) and one 4 x 4 eigvalsh; batches of any shape go through the same calls.
Closed form (rwa): J_h = w_h 4 g^2 gh gc (gh + gc)(n_h - n_c) /
[(gh + gc)^2 (gh gc + 4 g^2) + 4 gh gc (w_h - w_c)^2].

Reference: P. P. Hofer et al., NJP 19, 123037 (2017), DOI 10.1088/1367-2630/aa964f.
"""

from __future__ import annotations

import functools
import math
from typing import Any, Literal

import numpy as np

from .._checks import FloatArray, check_choice, check_positive
from .covariance import symplectic_form
from .lyapunov import lyapunov_vech_operator, solve_lyapunov_vech

__all__ = ["two_oscillator_local_currents"]


@functools.cache
def _maps(coupling: str) -> tuple[FloatArray, FloatArray]:
    """(K map (m*m, 5) of (w_h, w_c, g, gamma_h, gamma_c); vech D map (m, 2) of gamma (n + 1/2))."""
    Om = symplectic_form(2)
    P = [np.diag([1.0, 1.0, 0.0, 0.0]), np.diag([0.0, 0.0, 1.0, 1.0])]
    V = np.zeros((4, 4))
    V[0, 2] = V[2, 0] = 2.0 if coupling == "xx" else 1.0
    if coupling == "rwa":
        V[1, 3] = V[3, 1] = 1.0
    cols = [Om @ P[0], Om @ P[1], Om @ V, -0.5 * P[0], -0.5 * P[1]]
    op = lyapunov_vech_operator(4)
    kmap = op.T @ np.stack([c.reshape(16) for c in cols], axis=1)
    dmap = np.stack([p[op.rows, op.cols] for p in P], axis=1)
    for arr in (kmap, dmap):
        arr.setflags(write=False)
    return kmap, dmap


def _validate(vals: FloatArray, raw: tuple[Any, ...]) -> None:
    """One vectorised pass (Python floats for a single point); messages only on failure."""
    if vals.ndim == 1:
        v = vals.tolist()
        ok = math.isfinite(sum(v)) and min(v[0], v[1]) > 0 and min(v[3:]) >= 0
    else:
        ok = bool(np.all(np.isfinite(vals)) and np.all(vals[:2] > 0) and np.all(vals[3:] >= 0))
    if ok:
        return
    if not np.all(np.isfinite(vals[2])):
        raise ValueError(f"`g` must be finite; got {raw[2]!r}.")
    names = ("w_h", "w_c", "g", "gamma_h", "gamma_c", "n_h", "n_c")
    for i in (0, 1, 3, 4, 5, 6):
        check_positive(raw[i], names[i], allow_zero=i > 1)


def two_oscillator_local_currents(
    w_h: Any,
    w_c: Any,
    g: Any,
    gamma_h: Any,
    gamma_c: Any,
    n_h: Any,
    n_c: Any,
    *,
    coupling: Literal["rwa", "xx"] = "rwa",
) -> tuple[FloatArray, FloatArray]:
    """Steady heat currents (J_h, J_c) of two coupled oscillators with local Lindblad baths.

    All numeric arguments broadcast; the result has their broadcast shape.

    Args:
        w_h, w_c: oscillator frequencies (> 0).
        g: coupling (real; xx needs |g| < sqrt(w_h w_c)/2 for a Hamiltonian bounded below).
        gamma_h, gamma_c: energy relaxation rates (>= 0; every mode must end up damped).
        n_h, n_c: bath occupations at w_h, w_c (>= 0), e.g. `bose_occupation(w, T)`.
        coupling: "rwa" (excitation exchange) or "xx" (position-position).

    Returns:
        (J_h, J_c): heat currents from the hot and the cold bath into the system (float64
        arrays, 0-d for scalar input), local bookkeeping (module docstring).

    Raises:
        ValueError: bad values, or a drift without steady state (undamped mode, unstable
            xx coupling), certified from the Lyapunov solve itself.
    """
    check_choice(coupling, "coupling", ("rwa", "xx"))
    raw = (w_h, w_c, g, gamma_h, gamma_c, n_h, n_c)
    try:
        vals = np.array(raw, dtype=np.float64)  # all scalars: shape (7,)
    except (TypeError, ValueError):
        vals = np.stack(np.broadcast_arrays(*(np.asarray(v, dtype=np.float64) for v in raw)))
    _validate(vals, raw)
    kmap, dmap = _maps(coupling)
    if vals.ndim == 1:  # single point: 2-D operator, LAPACK directly
        wh, wc, g_, gh, gc, nh, nc = vals.tolist()
        K = (kmap @ vals[:5]).reshape(10, 10)
        d = dmap @ (vals[3:5] * (vals[5:7] + 0.5))
        scale = max(1.0, 2.0 * max(wh, wc, abs(g_), gh, gc))
        s = solve_lyapunov_vech(K, d, 4, scale)
        occ_h = 0.5 * (s[0, 0] + s[1, 1]) - 0.5
        occ_c = 0.5 * (s[2, 2] + s[3, 3]) - 0.5
        return np.asarray(wh * gh * (nh - occ_h)), np.asarray(wc * gc * (nc - occ_c))
    batch = vals.shape[1:]
    flat = vals.reshape(7, -1)
    Kb = (kmap @ flat[:5]).T.reshape(-1, 10, 10)
    d = (dmap @ (flat[3:5] * (flat[5:7] + 0.5))).T
    scale = max(1.0, float(np.max(np.abs(flat[:5]))) * 2.0)
    sigma = solve_lyapunov_vech(Kb, d, 4, scale)
    occ_h = 0.5 * (sigma[:, 0, 0] + sigma[:, 1, 1]) - 0.5
    occ_c = 0.5 * (sigma[:, 2, 2] + sigma[:, 3, 3]) - 0.5
    J_h = flat[0] * flat[3] * (flat[5] - occ_h)
    J_c = flat[1] * flat[4] * (flat[6] - occ_c)
    return J_h.reshape(batch), J_c.reshape(batch)
