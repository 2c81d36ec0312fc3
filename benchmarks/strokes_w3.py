"""W3: qubit Otto engine with finite-time Lindblad bath strokes, 400 stroke durations.

Limit cycle + work + heat per bath for each duration, quantherm (one batched call over the
durations) side by side with QuTiP (Liouvillian `expm` per point, fixed point of the cycle
map with NumPy), identical physics. Agreement is checked first, then points/s and ratios.
A second section times a combined stroke with a time-dependent drive (hot bath + pulse
V(t), then a cold stroke) against QuTiP's `propagator` of the time-dependent Liouvillian.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/strokes_w3.py
"""

from __future__ import annotations

import os
import platform
import statistics
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import qutip
from threadpoolctl import threadpool_limits

from quantherm.machines.stroke import limit_cycle, qubit_otto_cycle

W_H, W_C, T_H, T_C, GAMMA = 2.0, 1.0, 4.0, 0.5, 0.3
N_POINTS = 400
TAUS = np.linspace(0.05, 10.0, N_POINTS)


def quantherm_full() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Build the strokes (master equations included) and solve, batched over the durations."""
    lc = limit_cycle(qubit_otto_cycle(W_H, W_C, T_H, T_C, tau_hot=TAUS, tau_cold=TAUS, gamma=GAMMA))
    return lc.work, lc.heat["hot"], lc.heat["cold"]


CYCLE = qubit_otto_cycle(W_H, W_C, T_H, T_C, tau_hot=TAUS, tau_cold=TAUS, gamma=GAMMA)


def quantherm_solve() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The same with the `Cycle` built once (a sweep re-solved, e.g. after a parameter change)."""
    lc = limit_cycle(CYCLE)
    return lc.work, lc.heat["hot"], lc.heat["cold"]


def _qutip_liouvillian(w: float, T: float) -> qutip.Qobj:
    n = 1.0 / np.expm1(w / T)
    lower = qutip.sigmam()  # |1><0|: lowers the energy of (w/2) sigma_z = diag(w/2, -w/2)
    return qutip.liouvillian(
        0.5 * w * qutip.sigmaz(),
        [np.sqrt(GAMMA * (1 + n)) * lower, np.sqrt(GAMMA * n) * lower.dag()],
    )


def qutip_points() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """QuTiP: Liouvillians once, then per duration two expm, the fixed point and the ledger."""
    Lh, Lc = _qutip_liouvillian(W_H, T_H), _qutip_liouvillian(W_C, T_C)
    Hh = (0.5 * W_H * qutip.sigmaz()).full()
    Hc = (0.5 * W_C * qutip.sigmaz()).full()
    W, Qh, Qc = (np.empty(N_POINTS) for _ in range(3))
    for i, tau in enumerate(TAUS):
        Sh = (Lh * tau).expm().full()
        Sc = (Lc * tau).expm().full()
        M = Sc @ Sh
        K = M - np.eye(4)
        K[0] = [1, 0, 0, 1]
        v0 = np.linalg.solve(K, np.array([1, 0, 0, 0], dtype=complex))
        rho0 = qutip.vector_to_operator(qutip.Qobj(v0[:, None], dims=[[[2], [2]], [1]])).full()
        v1 = Sh @ v0
        rho1 = qutip.vector_to_operator(qutip.Qobj(v1[:, None], dims=[[[2], [2]], [1]])).full()
        v2 = Sc @ v1
        rho2 = qutip.vector_to_operator(qutip.Qobj(v2[:, None], dims=[[[2], [2]], [1]])).full()
        Qh[i] = np.real(np.trace(Hh @ (rho1 - rho0)))
        Qc[i] = np.real(np.trace(Hc @ (rho2 - rho1)))
        W[i] = -(Qh[i] + Qc[i])
    return W, Qh, Qc


# -- combined stroke with a time-dependent drive (a driven hot stroke, then a cold stroke) --
A_DRIVE, NU = 0.4, 1.7
N_DRIVEN = 20
TAUS_DRIVEN = np.linspace(0.5, 5.0, N_DRIVEN)
_ODE = {"atol": 1e-14, "rtol": 1e-12, "nsteps": 100000}


def quantherm_driven() -> np.ndarray:
    """Work per cycle of the driven engine, one `limit_cycle` per duration (the ODE is scalar)."""
    from quantherm.baths import Bath, FlatSpectrum
    from quantherm.core.operators import sigmax, sigmaz
    from quantherm.dynamics.master import master_equation
    from quantherm.machines.stroke import BathStroke, Cycle

    H0 = 0.5 * W_H * sigmaz()
    me_h = master_equation(
        H0, [(sigmax(), Bath(name="hot", T=T_H, spectral_density=FlatSpectrum(GAMMA)))]
    )
    me_c = master_equation(
        H0, [(sigmax(), Bath(name="cold", T=T_C, spectral_density=FlatSpectrum(GAMMA)))]
    )
    out = np.empty(N_DRIVEN)
    for i, tau in enumerate(TAUS_DRIVEN):

        def pulse(t: float, tau: float = tau) -> np.ndarray:
            return A_DRIVE * np.sin(np.pi * t / tau) ** 2 * np.cos(NU * t) * sigmax()

        cyc = Cycle(
            (
                BathStroke(master=me_h, duration=tau, drive=pulse, name="driven hot"),
                BathStroke(master=me_c, duration=tau, name="cold"),
            )
        )
        out[i] = float(limit_cycle(cyc).work)
    return out


def qutip_driven() -> np.ndarray:
    """QuTiP: `propagator` of the time-dependent Liouvillian, fixed point, work from the ledger
    W = -(Q_h + Q_c) with Q_c = ΔE of the cold stroke and Q_h from `mesolve` on a dense grid."""
    from scipy.integrate import simpson

    Lh, Lc = _qutip_liouvillian(W_H, T_H), _qutip_liouvillian(W_H, T_C)
    H0 = (0.5 * W_H * qutip.sigmaz()).full()
    X = qutip.sigmax()
    LX = qutip.liouvillian(X)
    Dh = Lh - qutip.liouvillian(qutip.Qobj(H0))
    out = np.empty(N_DRIVEN)
    for i, tau in enumerate(TAUS_DRIVEN):
        f = lambda t, tau=tau: A_DRIVE * np.sin(np.pi * t / tau) ** 2 * np.cos(NU * t)  # noqa: E731
        Sh = qutip.propagator([Lh, [LX, f]], tau, options=_ODE).full()
        Sc = (Lc * tau).expm().full()
        K = Sc @ Sh - np.eye(4)
        K[0] = [1, 0, 0, 1]
        v0 = np.linalg.solve(K, np.array([1, 0, 0, 0], dtype=complex))
        rho0 = qutip.Qobj(v0.reshape(2, 2).T)
        ts = np.linspace(0.0, tau, 801)
        states = qutip.mesolve([Lh, [LX, f]], rho0, ts, options=_ODE).states
        # hot heat with the lab-frame energy H0 + V(t)
        qh = [
            np.real(
                np.trace(
                    (H0 + f(t) * X.full())
                    @ qutip.vector_to_operator(Dh * qutip.operator_to_vector(r)).full()
                )
            )
            for t, r in zip(ts, states, strict=True)
        ]
        Qh = simpson(qh, x=ts)
        v1 = Sh @ v0
        Qc = np.real(np.trace(H0 @ ((Sc @ v1) - v1).reshape(2, 2).T))
        out[i] = -(Qh + Qc)
    return out


def _time(fn, repeat: int) -> tuple[float, float]:
    """(median, best) wall time of `repeat` calls; the best is the uncontended estimate on a
    shared machine, the median what a user sees under the current load."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times)


def main() -> None:
    with threadpool_limits(1):
        ours = quantherm_full()
        ref = qutip_points()
        for name, a, b in zip(("work", "heat hot", "heat cold"), ours, ref, strict=True):
            err = float(np.max(np.abs(a - b)))
            print(f"agreement {name:9s}: max |quantherm - qutip| = {err:.2e}")
            assert err < 1e-10, f"{name} disagrees with QuTiP by {err:.3g}"
        wd, wq = quantherm_driven(), qutip_driven()
        errd = float(np.max(np.abs(wd - wq)))
        print(f"agreement driven work: max |quantherm - qutip| = {errd:.2e}")
        assert errd < 1e-8, f"driven work disagrees with QuTiP by {errd:.3g}"
        t_dq = _time(qutip_driven, 1)
        t_dours = _time(quantherm_driven, 3)
        t_q = _time(qutip_points, 3)
        t_full = _time(quantherm_full, 100)
        t_solve = _time(quantherm_solve, 100)
    print(f"\nW3 qubit Otto, {N_POINTS} stroke durations, limit cycle + work + heat per bath")
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f}, 1 BLAS thread; qutip {qutip.__version__}, "
        f"numpy {np.__version__}"
    )
    rows = [
        ("qutip (expm per point)", t_q),
        ("quantherm, build + solve", t_full),
        ("quantherm, solve (cycle built)", t_solve),
    ]
    print(
        f"  {'':32s} {'median':>10s} {'points/s':>12s} {'vs qutip':>9s}"
        f" | {'best':>9s} {'points/s':>12s} {'vs qutip':>9s}"
    )
    for name, (med, best) in rows:
        print(
            f"  {name:32s} {med * 1e3:7.3f} ms {N_POINTS / med:12,.0f} {t_q[0] / med:8.1f}x"
            f" | {best * 1e3:6.3f} ms {N_POINTS / best:12,.0f} {t_q[1] / best:8.1f}x"
        )
    print(
        f"\ncombined stroke with a time-dependent drive, {N_DRIVEN} durations (limit cycle + work):"
        f"\n  qutip (propagator + mesolve)  {t_dq[0] * 1e3:8.1f} ms "
        f"{N_DRIVEN / t_dq[0]:8.1f} points/s"
        f"\n  quantherm (propagator ODE)    {t_dours[0] * 1e3:8.1f} ms "
        f"{N_DRIVEN / t_dours[0]:8.1f} points/s  ({t_dq[0] / t_dours[0]:.1f}x)"
    )
    target = 300_000
    for name, (med, best) in rows[1:]:
        verdict = ["MET" if N_POINTS / t >= target else "not met" for t in (med, best)]
        print(f"target {target:,} points/s, {name}: median {verdict[0]}, best {verdict[1]}")


if __name__ == "__main__":
    main()
