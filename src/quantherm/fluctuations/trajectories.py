r"""Quantum-jump unravelling of a counting model: the counted quantity along trajectories.

Each trajectory evolves a pure state with H_eff = H - (i/2) sum_k L_k^dag L_k; a jump
occurs when the squared norm falls below a uniform random number, then a channel k is
drawn with probability ||L_k psi||^2 / sum_j ||L_j psi||^2 and the counter advances by
that channel's increment. Trajectories are propagated together (vectorised) with the
exact short-time propagator exp(-i H_eff dt); a jump found within a step is applied at
the step's end, an O(dt) timing error per jump. Initial states are drawn from the
eigen-decomposition of `rho0` (the steady state by default), so the ensemble reproduces
the statistics of N_t started in rho0 (compare with `finite_time_cumulants`).

Reference: J. Dalibard, Y. Castin, K. Moelmer, PRL 68, 580 (1992), doi:10.1103/PhysRevLett.68.580.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.linalg as sla

from .._checks import FloatArray
from ..dynamics.steady import steady_state
from .counting import CountingModel, Current

__all__ = ["sample_counts"]


def _operator_increments(model: CountingModel, current: Current) -> tuple[list[Any], list[float]]:
    model.increments(current)  # validates the names
    ops, incs = [], []
    for c in model.channels:
        for k in range(c.operators.shape[1]):
            nu = 0.0
            for key in {c.bath, c.label}:
                if key in current.heat:
                    nu += float(current.heat[key]) * float(c.energy_per_operator[0, k])
                if key in current.quanta:
                    e = float(c.energy_per_operator[0, k])
                    nu += float(current.quanta[key]) * (0.0 if abs(e) < 1e-12 else np.sign(e))
                if key in current.jumps:
                    nu += float(current.jumps[key])
            if np.any(c.operators[0, k] != 0):
                ops.append(c.operators[0, k])
                incs.append(nu)
    return ops, incs


def sample_counts(
    model: CountingModel,
    current: Current,
    *,
    t: float,
    ntraj: int = 1000,
    dt: float = 1e-2,
    rho0: Any = None,
    rng: np.random.Generator | int | None = None,
) -> FloatArray:
    r"""Counted quantity N_t of `ntraj` quantum-jump trajectories of duration t.

    Args:
        model: an unbatched `CountingModel`.
        current: what a jump adds to the counter.
        t: duration; dt: time step (jump timing error O(dt)).
        ntraj: number of trajectories.
        rho0: initial state (original basis), default the steady state.
        rng: random generator or seed.

    Returns:
        (array of shape (ntraj,)) N_t per trajectory; its sample mean and variance estimate
        `finite_time_cumulants(model, current, t)`.
    """
    me = model.master
    if me.batch != 1:
        raise ValueError(f"`model` must be unbatched to unravel; got batch shape {me.batch_shape}.")
    if not (t > 0 and dt > 0 and ntraj >= 1):
        raise ValueError(
            f"`t`, `dt` must be > 0 and `ntraj` >= 1; got t={t}, dt={dt}, ntraj={ntraj}."
        )
    gen = np.random.default_rng(rng)
    ops, incs = _operator_increments(model, current)
    Ls = np.array(ops)  # (K, d, d), working basis, rates included
    inc = np.array(incs)
    d = me.d
    Heff = me.H_work[0] - 0.5j * np.einsum("kji,kjl->il", np.conj(Ls), Ls)
    U = sla.expm(-1j * Heff * dt)
    rho_w = me.to_work(steady_state(me).rho)[0] if rho0 is None else me.to_work(rho0)[0]
    p, V = np.linalg.eigh(rho_w)
    p = np.clip(p, 0, None)
    pick = gen.choice(d, size=ntraj, p=p / p.sum())
    psi = V[:, pick].T.copy()  # (ntraj, d)
    r = gen.random(ntraj)
    counts = np.zeros(ntraj)
    nsteps = round(t / dt)
    for _ in range(nsteps):
        psi = psi @ U.T
        norm2 = np.einsum("ni,ni->n", np.conj(psi), psi).real
        jumped = np.nonzero(norm2 < r)[0]
        if jumped.size:
            ph = psi[jumped] / np.sqrt(norm2[jumped])[:, None]
            out = np.einsum("kij,nj->nki", Ls, ph)  # (m, K, d)
            w = np.einsum("nki,nki->nk", np.conj(out), out).real
            cw = np.cumsum(w, axis=1)
            u = gen.random(jumped.size) * cw[:, -1]
            k = np.minimum(np.sum(cw < u[:, None], axis=1), len(ops) - 1)
            new = out[np.arange(jumped.size), k]
            psi[jumped] = new / np.linalg.norm(new, axis=1)[:, None]
            counts[jumped] += inc[k]
            r[jumped] = gen.random(jumped.size)
    return counts
