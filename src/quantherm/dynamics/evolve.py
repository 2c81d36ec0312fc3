r"""Time evolution under a `MasterEquation`, optionally with a time-dependent drive.

d rho/dt = L rho - i [V(t), rho], with L the (time-independent) generator of `me` and V(t)
a Hermitian drive given in the original basis. Without a drive the propagator is exact
(`expm` per distinct time step, batched); with a drive an adaptive Runge-Kutta (DOP853)
integrates the equation.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from threadpoolctl import threadpool_limits

from .._checks import ComplexArray, FloatArray, check_density_matrix, check_hermitian
from ..core.superop import unvec, vec
from .elements import assemble_dense
from .master import MasterEquation

__all__ = ["Evolution", "evolve", "propagator"]

Drive = Callable[[float], Any]


@dataclass(frozen=True, eq=False)
class Evolution:
    """A trajectory of states.

    Attributes:
        times: (nt,) times.
        states: (*batch, nt, d, d) density matrices in the original basis.
        x_work: (B, nt, d^2) working-basis vectors (for the ledger).
        drive: the drive V(t) (original basis) or None.
    """

    master: MasterEquation
    times: FloatArray
    states: ComplexArray
    x_work: ComplexArray
    drive: Drive | None = None
    stats: dict[str, Any] = field(default_factory=dict)


def _check_times(times: Any) -> FloatArray:
    t = np.asarray(times, dtype=float)
    if t.ndim != 1 or t.size < 1 or not np.all(np.isfinite(t)):
        raise ValueError(f"`times` must be a finite 1-D array; got shape {t.shape}.")
    if t.size > 1 and np.any(np.diff(t) <= 0):
        raise ValueError("`times` must be strictly increasing.")
    return t


def propagator(me: MasterEquation, t: float) -> ComplexArray:
    """exp(L t) in the original basis, shape (*batch, d^2, d^2)."""
    if not (np.isfinite(t) and t >= 0):
        raise ValueError(f"`t` must be a finite time >= 0; got {t!r}.")
    import scipy.linalg as sla

    L = me.liouvillian()
    with threadpool_limits(1):
        return np.asarray(sla.expm(L * t))


def evolve(
    me: MasterEquation,
    rho0: Any,
    times: Any,
    *,
    drive: Drive | None = None,
    rtol: float = 1e-10,
    atol: float = 1e-12,
) -> Evolution:
    """Evolve `rho0` (given at times[0]) and return the states at `times`.

    Args:
        me: master equation (batched or not).
        rho0: initial density matrix (d, d) or batch (*batch, d, d).
        times: strictly increasing times.
        drive: optional function t -> V(t), a Hermitian (d, d) operator added to H.
        rtol, atol: ODE tolerances (drive only).
    """
    import scipy.linalg as sla
    from scipy.integrate import solve_ivp

    t0 = time.perf_counter()
    t = _check_times(times)
    rho = check_density_matrix(rho0, "rho0")
    if rho.shape[-1] != me.d:
        raise ValueError(
            f"`rho0` must have the dimension of the model ({me.d}); got {rho.shape[-1]}."
        )
    x0 = me.vec_work(rho)  # (B, d^2)
    B, N = x0.shape
    L = assemble_dense(me.generator)  # (B, N, N) working basis
    out = np.empty((B, t.size, N), dtype=np.complex128)
    out[:, 0] = x0
    with threadpool_limits(1):
        if drive is None:
            dts = np.diff(t)
            cache: dict[float, ComplexArray] = {}
            x = x0
            for i, dt in enumerate(dts):
                key = round(float(dt), 14)
                if key not in cache:
                    cache[key] = sla.expm(L * dt) if len(cache) < 64 else None  # type: ignore[assignment]
                P = cache[key]
                P = P if P is not None else sla.expm(L * dt)
                x = np.einsum("bij,bj->bi", P, x)
                out[:, i + 1] = x
        else:
            check_hermitian(drive(float(t[0])), "drive(t)")
            W = me.W

            def vwork(tt: float) -> ComplexArray:
                V = np.asarray(drive(tt), dtype=np.complex128)
                V = np.broadcast_to(V, (B, me.d, me.d)) if V.ndim == 2 else V.reshape(B, me.d, me.d)
                return V if W is None else np.conj(np.swapaxes(W, -1, -2)) @ V @ W

            for b in range(B):
                Lb = L[b]

                def rhs(
                    tt: float, x: ComplexArray, Lb: ComplexArray = Lb, b: int = b
                ) -> ComplexArray:
                    V = vwork(tt)[b]
                    r = unvec(x)
                    return Lb @ x + vec(-1j * (V @ r - r @ V))

                sol = solve_ivp(
                    rhs, (t[0], t[-1]), x0[b], t_eval=t, method="DOP853", rtol=rtol, atol=atol
                )
                if not sol.success:
                    from ..errors import ConvergenceError

                    raise ConvergenceError(f"time integration failed: {sol.message}")
                out[b] = sol.y.T
    rho_w = unvec(out)
    states = (
        rho_w
        if me.W is None
        else me.W[:, None] @ rho_w @ np.conj(np.swapaxes(me.W, -1, -2))[:, None]
    )
    states = states.reshape(*me.batch_shape, t.size, me.d, me.d)
    return Evolution(
        master=me,
        times=t,
        states=states,
        x_work=out,
        drive=drive,
        stats={"wall_s": time.perf_counter() - t0},
    )
