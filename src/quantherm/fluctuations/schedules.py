r"""Gradient-based optimal schedules for a driven bath stroke (minimal dissipated work).

A bath stroke of duration tau drives H(lam) from lam_a to lam_b while the system is in
contact with a bath at temperature T (generator L_lam from `model_at(lam)`). The schedule is
piecewise constant: n steps of length dt = tau / n with values lam_1..lam_n, each entered by
a sudden quench, and a final quench to lam_b:

    rho_0 = pi(lam_a),  rho_j = exp(L_{lam_j} dt) rho_{j-1},
    W = sum_{j=1}^{n+1} Tr[(H(lam_j) - H(lam_{j-1})) rho_{j-1}],   lam_0 = lam_a, lam_{n+1} = lam_b,

and the dissipated (excess) work W_ex = W - [F(lam_b) - F(lam_a)] >= 0 is minimised over
lam_1..lam_n with L-BFGS-B and the exact adjoint gradient

    dW/dlam_j = Tr[H'(lam_j) (rho_{j-1} - rho_j)] + a_j (dS_j/dlam_j) rho_{j-1},
    a_n = h_{n+1},  a_{j-1} = h_j + a_j S_j,

(h_j the row functional of H(lam_j) - H(lam_{j-1}); dS_j the Frechet derivative of the matrix
exponential along dL/dlam, which is taken by a central difference of the generator,
relative step 1e-5, so the gradient is exact to about 1e-10). The optimum is checked by
simulating the same schedule as a sequence of the stroke layer's `QuenchStroke` and
`BathStroke` (`simulate_schedule`). In the slow limit tau W_ex -> L^2 (thermodynamic length,
`geometry`) and the optimum approaches the geodesic.

References: P. Salamon, R. S. Berry, PRL 51, 1127 (1983); M. Scandi, M. Perarnau-Llobet,
Quantum 3, 197 (2019), doi:10.22331/q-2019-10-24-197; P. Abiuso, H. J. D. Miller,
M. Perarnau-Llobet, M. Scandi, Entropy 22, 1076 (2020), doi:10.3390/e22101076.
Sign convention (docs/conventions.md): work done on the system is positive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.linalg as sla
from scipy.optimize import minimize

from .._checks import ComplexArray, FloatArray, check_hermitian, check_positive
from ..core.states import gibbs_state
from ..dynamics.master import MasterEquation

__all__ = ["OptimalSchedule", "optimize_schedule", "schedule_work", "simulate_schedule"]


def _free_energy(H: ComplexArray, T: float) -> float:
    e = np.linalg.eigvalsh(H)
    return float(e.min() - T * np.log(np.sum(np.exp(-(e - e.min()) / T))))


def _generator(model_at: Callable[[float], MasterEquation], lam: float) -> ComplexArray:
    me = model_at(float(lam))
    if not isinstance(me, MasterEquation) or me.batch != 1:
        raise ValueError(
            "`model_at` must return an unbatched MasterEquation for every lam; got "
            f"{type(me).__name__}{'' if not isinstance(me, MasterEquation) else me.batch_shape}."
        )
    return np.asarray(me.liouvillian(), dtype=np.complex128).reshape(me.d**2, me.d**2)


@dataclass(frozen=True, slots=True, kw_only=True)
class OptimalSchedule:
    """An optimised piecewise-constant schedule and its dissipation.

    Attributes:
        schedule: (n + 2,) lam_a, lam_1..lam_n, lam_b.
        tau: stroke duration; times: (n + 1,) step boundaries 0, dt, ..., tau.
        work: W of the schedule; free_energy_change: F(lam_b) - F(lam_a);
        excess_work: W - dF (minimised); initial_excess_work: that of the starting guess.
        success, iterations: optimiser status.
    """

    schedule: FloatArray
    tau: float
    times: FloatArray
    work: float
    free_energy_change: float
    excess_work: float
    initial_excess_work: float
    success: bool
    iterations: int


def _check(
    H: Callable[[float], Any], lam_a: float, lam_b: float, tau: float, T: float, steps: int
) -> tuple[float, float, int]:
    if not callable(H):
        raise TypeError(f"`H` must be a callable lam -> H(lam); got {type(H).__name__}.")
    if not isinstance(steps, int) or steps < 1:
        raise ValueError(f"`steps` must be an integer >= 1; got {steps!r}.")
    if not (np.isfinite(lam_a) and np.isfinite(lam_b)):
        raise ValueError(f"`lam_start`, `lam_end` must be finite; got {lam_a!r}, {lam_b!r}.")
    return float(check_positive(tau, "tau")), float(check_positive(T, "T")), steps


def schedule_work(
    model_at: Callable[[float], MasterEquation],
    H: Callable[[float], Any],
    dH: Callable[[float], Any] | None,
    schedule: Any,
    tau: float,
    *,
    T: float,
    gradient: bool = False,
) -> tuple[float, FloatArray | None]:
    """Work W of a piecewise-constant schedule (lam_a, lam_1..lam_n, lam_b), and dW/dlam_j.

    The start is the Gibbs state of H(lam_a) at T. With `gradient`, `dH` (lam -> dH/dlam)
    must be given; the gradient is with respect to lam_1..lam_n (adjoint method, see the
    module docstring).
    """
    lam = np.asarray(schedule, dtype=float)
    if lam.ndim != 1 or lam.size < 3:
        raise ValueError(
            f"`schedule` must be 1-d: lam_a, lam_1..lam_n, lam_b (n >= 1); got shape {lam.shape}."
        )
    n = lam.size - 2
    dt = float(tau) / n
    Hs = [check_hermitian(H(float(x)), "H(lam)") for x in lam]
    d = Hs[0].shape[-1]
    rho = [gibbs_state(Hs[0], T).reshape(-1, order="F")]
    Ls, Ss = [], []
    W = 0.0
    for j in range(1, n + 1):
        W += float(np.real(np.trace((Hs[j] - Hs[j - 1]) @ rho[-1].reshape(d, d, order="F"))))
        Ls.append(_generator(model_at, lam[j]))
        Ss.append(sla.expm(Ls[-1] * dt))
        rho.append(Ss[-1] @ rho[-1])
    W += float(np.real(np.trace((Hs[n + 1] - Hs[n]) @ rho[-1].reshape(d, d, order="F"))))
    if not gradient:
        return W, None
    if dH is None:
        raise ValueError("`dH` must be given (lam -> dH/dlam) when `gradient` is True.")

    def row(A: ComplexArray) -> ComplexArray:
        return np.asarray(A.reshape(-1))  # Tr[A X] = row . vec(X)

    grad = np.zeros(n)
    a = row(Hs[n + 1] - Hs[n])  # a_n
    for j in range(n, 0, -1):
        dHj = check_hermitian(dH(float(lam[j])), "dH(lam)")
        direct = np.trace(dHj @ (rho[j - 1] - rho[j]).reshape(d, d, order="F"))
        h = 1e-5 * max(1.0, abs(float(lam[j])))
        dL = (_generator(model_at, lam[j] + h) - _generator(model_at, lam[j] - h)) / (2 * h)
        dS = sla.expm_frechet(Ls[j - 1] * dt, dL * dt, compute_expm=False)
        grad[j - 1] = float(np.real(direct + a @ (dS @ rho[j - 1])))
        a = row(Hs[j] - Hs[j - 1]) + a @ Ss[j - 1]
    return W, grad


def optimize_schedule(
    model_at: Callable[[float], MasterEquation],
    H: Callable[[float], Any],
    dH: Callable[[float], Any],
    lam_start: float,
    lam_end: float,
    tau: float,
    *,
    T: float,
    steps: int = 20,
    initial: Any = None,
    bounds: tuple[float, float] | None = None,
    tol: float = 1e-12,
    max_iterations: int = 500,
) -> OptimalSchedule:
    r"""Minimise the dissipated work of a driven bath stroke over its piecewise-constant schedule.

    Args:
        model_at: lam -> unbatched `MasterEquation` of H(lam) with the bath (temperature T).
        H, dH: lam -> H(lam) and dH/dlam, (d, d).
        lam_start, lam_end: fixed end points of the control.
        tau: stroke duration > 0.
        T: bath temperature (the start is the Gibbs state of H(lam_start)).
        steps: number n of constant pieces.
        initial: (n,) starting guess for lam_1..lam_n (default: the linear ramp at the
            step midpoints).
        bounds: optional (low, high) box for the control.

    Returns:
        `OptimalSchedule` (excess work W - dF minimised).

    Raises:
        ValueError: non-positive tau or T, steps < 1, a wrong-sized initial guess.
    """
    tau_v, T_v, n = _check(H, lam_start, lam_end, tau, T, steps)
    mid = (np.arange(n) + 0.5) / n
    x0 = lam_start + (lam_end - lam_start) * mid if initial is None else np.asarray(initial, float)
    if x0.shape != (n,):
        raise ValueError(f"`initial` must have shape ({n},) (one value per step); got {x0.shape}.")
    dF = _free_energy(check_hermitian(H(float(lam_end)), "H(lam_end)"), T_v) - _free_energy(
        check_hermitian(H(float(lam_start)), "H(lam_start)"), T_v
    )

    def full(x: FloatArray) -> FloatArray:
        return np.concatenate([[lam_start], x, [lam_end]])

    def f(x: FloatArray) -> tuple[float, FloatArray]:
        W, g = schedule_work(model_at, H, dH, full(x), tau_v, T=T_v, gradient=True)
        return W - dF, g  # type: ignore[return-value]

    W0 = f(x0)[0]
    res = minimize(
        f,
        x0,
        jac=True,
        method="L-BFGS-B",
        bounds=None if bounds is None else [bounds] * n,
        options={"ftol": tol, "gtol": 1e-10, "maxiter": max_iterations},
    )
    lam = full(np.asarray(res.x))
    W = schedule_work(model_at, H, None, lam, tau_v, T=T_v)[0]
    return OptimalSchedule(
        schedule=lam,
        tau=tau_v,
        times=np.linspace(0.0, tau_v, n + 1),
        work=W,
        free_energy_change=dF,
        excess_work=W - dF,
        initial_excess_work=W0,
        success=bool(res.success),
        iterations=int(res.nit),
    )


def simulate_schedule(
    model_at: Callable[[float], MasterEquation],
    H: Callable[[float], Any],
    schedule: Any,
    tau: float,
    *,
    T: float,
) -> float:
    """Work of the schedule simulated with the stroke layer (independent of the optimiser).

    Builds the protocol as `QuenchStroke` (lam_{j-1} -> lam_j) + `BathStroke`
    (model_at(lam_j), dt) pairs and a final quench, propagates the Gibbs state of
    H(lam_a) through the strokes' propagators and sums their booked work.
    """
    from ..machines.stroke import BathStroke, QuenchStroke

    lam = np.asarray(schedule, dtype=float)
    n = lam.size - 2
    dt = float(check_positive(tau, "tau")) / n
    Hs = [check_hermitian(H(float(x)), "H(lam)") for x in lam]
    strokes: list[Any] = []
    for j in range(1, n + 1):
        strokes.append(QuenchStroke(H_initial=Hs[j - 1], H_final=Hs[j]))
        strokes.append(BathStroke(master=model_at(float(lam[j])), duration=dt))
    strokes.append(QuenchStroke(H_initial=Hs[n], H_final=Hs[n + 1]))
    v = gibbs_state(Hs[0], float(check_positive(T, "T"))).reshape(-1, order="F")
    W = 0.0
    for s in strokes:
        c = s.compile()
        W += float(np.real(c.work_row @ v))
        if c.S is not None:
            v = c.S @ v
    return W
