"""W4: two coupled oscillators between a hot and a cold bath, steady-state heat current.

Identical physics in both codes: H = w_h a^dag a + w_c b^dag b + g (a^dag b + b^dag a), local
thermal Lindblad baths on a (rate gamma_h, occupation n_h) and b (gamma_c, n_c); heat current
from the hot bath J_h = w_h gamma_h (n_h - <a^dag a>) (local bookkeeping). Closed form:
J_h = w_h 4 g^2 gh gc (gh + gc)(n_h - n_c) / [(gh + gc)^2 (gh gc + 4 g^2) + 4 gh gc (w_h - w_c)^2].

Checks agreement first (Gaussian vs closed form; QuTiP Fock vs closed form with its cutoff), then
prints times per point: the validated public fast path `two_oscillator_local_currents` (model
assembled from a cached parameter map, reduced 10 x 10 Lyapunov solve + stability certificate),
the general `GaussianOpenSystem` path (model built and validated each call), the bare
`lyapunov_steady_state` and plain `scipy.linalg.solve_continuous_lyapunov` on prebuilt A, D,
QuTiP steadystate per cutoff; then batched sweeps of 10^5 points.
Run: OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/gaussian_w4.py
(Timings on a shared machine: compare ratios, and note the load average printed first.)
"""

from __future__ import annotations

import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import scipy.linalg as sla
from threadpoolctl import threadpool_limits

import quantherm.gaussian as qg
from quantherm.core.states import bose_occupation

WH, WC, G, GH, GC = 1.0, 0.8, 0.05, 0.02, 0.03


def closed_form(nh, nc, g=G, gh=GH, gc=GC, wh=WH, wc=WC):
    d = wh - wc
    return (
        wh
        * 4
        * g**2
        * gh
        * gc
        * (gh + gc)
        * (nh - nc)
        / ((gh + gc) ** 2 * (gh * gc + 4 * g**2) + 4 * gh * gc * d**2)
    )


def fast_current(nh, nc, g=G):
    return qg.two_oscillator_local_currents(WH, WC, g, GH, GC, nh, nc)[0]


def gaussian_current(nh, nc, g=G):
    H = qg.oscillators_hamiltonian(
        [WH, WC], np.asarray(g)[..., None, None] * np.array([[0, 1.0], [1.0, 0]]), coupling="rwa"
    )
    sys = qg.GaussianOpenSystem(
        H,
        {"hot": qg.local_dissipator(2, 0, GH, nh), "cold": qg.local_dissipator(2, 1, GC, nc)},
        H_energy=qg.oscillators_hamiltonian([WH, WC]),
    )
    return sys.heat_currents(sys.steady_state())["hot"]


def core_matrices(nh, nc):
    H = qg.oscillators_hamiltonian([WH, WC], [[0, G], [G, 0]], coupling="rwa")
    Ah, Dh = qg.local_dissipator(2, 0, GH, nh)
    Ac, Dc = qg.local_dissipator(2, 1, GC, nc)
    return (
        qg.symplectic_form(2) @ H + Ah + Ac,
        Dh + Dc,
        Ah,
        Dh,
        qg.oscillators_hamiltonian([WH, WC]),
    )


def core_current(A, D, Ah, Dh, H0):
    s = qg.lyapunov_steady_state(A, D)
    return 0.5 * np.einsum("ij,ji->", H0, Ah @ s + s @ Ah.T + Dh)


def qutip_current(nh, nc, N):
    import qutip as qt

    a = qt.tensor(qt.destroy(N), qt.qeye(N))
    b = qt.tensor(qt.qeye(N), qt.destroy(N))
    H = WH * a.dag() * a + WC * b.dag() * b + G * (a.dag() * b + b.dag() * a)
    c = [
        np.sqrt(GH * (nh + 1)) * a,
        np.sqrt(GH * nh) * a.dag(),
        np.sqrt(GC * (nc + 1)) * b,
        np.sqrt(GC * nc) * b.dag(),
    ]
    rho = qt.steadystate(H, c)
    return WH * GH * (nh - qt.expect(a.dag() * a, rho))


def timeit(f, repeat=5, number=1):
    best = np.inf
    for _ in range(repeat):
        t = time.perf_counter()
        for _ in range(number):
            f()
        best = min(best, (time.perf_counter() - t) / number)
    return best


def main():
    print(f"load average: {os.getloadavg()}")
    with threadpool_limits(1):
        for label, T_h in (("occupation ~1", 1.0 / np.log(2.0)), ("occupation ~5", 5.5)):
            nh = float(bose_occupation(WH, T_h))
            nc = float(bose_occupation(WC, 0.3 * T_h))
            exact = closed_form(nh, nc)
            print(f"[{label}] n_h = {nh:.3f}, n_c = {nc:.3f}; closed form J_h = {exact:.12e}")
            for name, fn in (("fast", fast_current), ("general", gaussian_current)):
                err = abs(float(fn(nh, nc)) - exact) / abs(exact)
                print(f"  gaussian {name} path rel. error vs closed form: {err:.2e}")
                assert err < 1e-12, err
            kw = {"repeat": 7, "number": 300}
            t_f = timeit(lambda nh=nh, nc=nc: fast_current(nh, nc), **kw)
            t_g = timeit(lambda nh=nh, nc=nc: gaussian_current(nh, nc), **kw)
            A, D, Ah, Dh, H0 = core_matrices(nh, nc)
            t_c = timeit(lambda A=A, D=D, Ah=Ah, Dh=Dh, H0=H0: core_current(A, D, Ah, Dh, H0), **kw)
            t_s = timeit(lambda A=A, D=D: sla.solve_continuous_lyapunov(A, -D), **kw)
            print(
                f"  fast public path (validated, model + solve + certificate + current): "
                f"{t_f * 1e6:.1f} us/point"
            )
            print(f"  general GaussianOpenSystem path (model built each call): {t_g * 1e6:.1f} us")
            print(f"  lyapunov_steady_state + current on prebuilt A, D: {t_c * 1e6:.1f} us")
            print(
                f"  plain scipy solve_continuous_lyapunov (no model, no current, no stability "
                f"check): {t_s * 1e6:.1f} us; ratio scipy / fast path = {t_s / t_f:.2f}"
            )
            for N in (6, 10, 14, 18):
                t0 = time.perf_counter()
                q = qutip_current(nh, nc, N)
                dt = time.perf_counter() - t0
                print(
                    f"  qutip cutoff {N:2d}: rel. error {abs(q - exact) / abs(exact):.2e}, "
                    f"{dt:.2f} s  (ratio to fast gaussian: {dt / t_f:.0f}x)"
                )
                if dt > 20:
                    break
        B = 100_000
        rng = np.random.default_rng(0)
        nh = rng.uniform(0.0, 5.0, B)
        nc = rng.uniform(0.0, 5.0, B)
        g = rng.uniform(0.01, 0.2, B)
        ref = closed_form(nh, nc, g)
        for name, fn in (("fast", fast_current), ("general", gaussian_current)):
            t0 = time.perf_counter()
            J = fn(nh, nc, g)
            dt = time.perf_counter() - t0
            # relative to the natural current scale w_h gamma_h (n_h + n_c + 1): points with
            # n_h ~ n_c have tiny currents computed as a difference of O(1) occupations
            err = np.max(np.abs(J - ref) / (WH * GH * (nh + nc + 1)))
            med = np.median(np.abs(J - ref) / np.abs(ref))
            print(
                f"batched sweep ({name} path) of {B} points: {dt:.2f} s ({dt / B * 1e6:.2f} "
                f"us/point, {B / dt:.0f} points/s); max error / (w_h gamma_h (n_h + n_c + 1)) = "
                f"{err:.2e}, median rel. error {med:.2e}"
            )
            assert err < 1e-12, err


def extras():
    """Exact (non-Markovian) current and the fermionic XX chain: timings."""
    with threadpool_limits(1):
        t0 = time.perf_counter()
        J = qg.exact_two_oscillator_current(1.0, 0.8, 0.05, 0.02, 1.5, 0.5, coupling="rwa")
        print(
            f"exact_two_oscillator_current (Langevin/Green function): J_h = {J:.10e}, "
            f"{(time.perf_counter() - t0) * 1e3:.1f} ms"
        )
        for N in (7, 1000):
            t0 = time.perf_counter()
            r = qg.xx_chain_steady_state(N, omega=1.0, g=0.4, gamma=0.3, T_h=2.0, T_c=0.3)
            print(
                f"XX chain N = {N}: J_h = {r.heat_current_hot:.12e}, "
                f"{time.perf_counter() - t0:.3f} s (correlation matrix)"
            )


if __name__ == "__main__":
    main()
    extras()
