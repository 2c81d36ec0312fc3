"""W1 fridge-sweep: three-qubit absorption refrigerator on a 50 x 50 (w_c, T_h) grid (BASELINES.md W1).

Physics (identical in both tools): Linden-Popescu-Skrzypczyk fridge, qubits (c, h, r) with
w_r = w_c + w_h, H = H0 + g(|1_c 1_h 0_r><0_c 0_h 1_r| + h.c.), local Lindblad baths (flat,
rate gamma, Bose occupations), J_k = Tr[H0 D_k(rho_ss)], COP = J_c / J_h.
Grid: w_h = 5, w_c in [0.5, 4.5], T_h in [1.5, 20], g = 0.05, gamma = 0.01, T_c = 1, T_r = 1.5.

quantherm: `absorption_refrigerator(...)` batched over the whole grid, then
`.steady_state()` (model build + invariant block found from the pattern + batched solve +
ledger + law checks), end to end. QuTiP: `liouvillian` + `steadystate` per point on every
50th grid point (its ~30 ms per-call overhead does not depend on the point).
Agreement is checked first: quantherm vs QuTiP on the subset, and quantherm's block solve
vs its own full 64 x 64 solve (use_block=False) on the whole grid.

Memory allocator: the batched arrays here are 1-3 MB, above glibc's default mmap threshold,
so every temporary is a fresh mmap and page-faults on first touch; on a loaded VM that
costs about half the time. The script times with the default allocator first, then with
`mallopt` raising the mmap threshold (the same as MALLOC_MMAP_THRESHOLD_=268435456 in the
environment), and reports both.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/w1_fridge.py [--qutip-every 50] [--repeat 7]
"""

from __future__ import annotations

import argparse
import ctypes
import os
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
from threadpoolctl import threadpool_limits

from quantherm.dynamics import steady_state
from quantherm.machines.library import absorption_refrigerator

W_H, G, GAMMA, T_C, T_R = 5.0, 0.05, 0.01, 1.0, 1.5
WC = np.linspace(0.5, 4.5, 50)
TH = np.linspace(1.5, 20.0, 50)
WG, TG = np.meshgrid(WC, TH, indexing="ij")


def quantherm_sweep():
    m = absorption_refrigerator(w_c=WG, w_h=W_H, g=G, gamma=GAMMA, T_c=T_C, T_r=T_R, T_h=TG)
    return m.steady_state()


def _time(fn, repeat: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(repeat):
        c0, t0 = time.process_time(), time.perf_counter()
        fn()
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    return float(np.median(walls)), float(np.median(cpus))


def qutip_point(wc: float, th: float):
    import qutip

    wr = wc + W_H
    s = np.array([[0, 1], [0, 0]], dtype=complex)  # |0><1|, |1> excited
    n1 = np.diag([0.0, 1.0])
    I2 = np.eye(2)

    def emb(op, k):
        mats = [I2, I2, I2]
        mats[k] = op
        return np.kron(np.kron(mats[0], mats[1]), mats[2])

    H0 = wc * emb(n1, 0) + W_H * emb(n1, 1) + wr * emb(n1, 2)
    up = np.kron(np.kron(s.T, s.T), s)
    H = qutip.Qobj(H0 + G * (up + up.T))
    c_ops = {}
    for k, (w, T) in enumerate(((wc, T_C), (W_H, th), (wr, T_R))):
        n = 1.0 / np.expm1(w / T)
        L = qutip.Qobj(emb(s, k))
        c_ops[k] = [np.sqrt(GAMMA * (1 + n)) * L, np.sqrt(GAMMA * n) * L.dag()]
    rho = qutip.steadystate(qutip.liouvillian(H, c_ops[0] + c_ops[1] + c_ops[2]))
    H0q = qutip.Qobj(H0)
    J = []
    for k in range(3):
        D = qutip.liouvillian(None, c_ops[k])
        J.append(
            float(np.real((H0q * qutip.vector_to_operator(D * qutip.operator_to_vector(rho))).tr()))
        )
    return J


def _mallopt_large_threshold() -> bool:
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return False
    M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD = -1, -2, -3
    ok = libc.mallopt(M_MMAP_THRESHOLD, 256 << 20) and libc.mallopt(M_TRIM_THRESHOLD, 512 << 20)
    return bool(ok and libc.mallopt(M_TOP_PAD, 64 << 20))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--qutip-every", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=7)
    a = ap.parse_args()
    npts = WG.size
    with threadpool_limits(1):
        res = quantherm_sweep()
        led = res.ledger
        J = np.stack([led.heat["c"], led.heat["h"], led.heat["r"]])
        cop = np.asarray(led.cop)
        # agreement 1: block solve vs the full 64 x 64 solve, whole grid
        me = res.solution.master
        full = steady_state(me, use_block=False)
        from quantherm.thermo.ledger import steady_state_ledger

        lf = steady_state_ledger(full)
        Jf = np.stack([lf.heat["c"], lf.heat["h"], lf.heat["r"]])
        d_full = float(np.max(np.abs(J - Jf)) / np.max(np.abs(Jf)))
        # agreement 2: QuTiP on the subset
        flat_w, flat_t = WG.ravel(), TG.ravel()
        sub = np.round(np.linspace(0, npts - 1, npts // a.qutip_every)).astype(
            int
        )  # spread over w_c and T_h
        t0, c0 = time.perf_counter(), time.process_time()
        Jq = np.array([qutip_point(flat_w[i], flat_t[i]) for i in sub]).T
        q_wall, q_cpu = time.perf_counter() - t0, time.process_time() - c0
        Js = J.reshape(3, -1)[:, sub]
        d_q = float(np.max(np.abs(Js - Jq)) / np.max(np.abs(Jq)))
        cool = Jq[0] > 0
        copq = Jq[0][cool] / Jq[1][cool]
        d_cop = float(np.max(np.abs(cop.ravel()[sub][cool] - copq) / np.abs(copq)))
        print(
            f"W1 fridge, {npts} points; cooling at {int(np.sum(J[0] > 0))} points; block {res.solution.block_size} of 64 unknowns"
        )
        print(
            f"agreement: block vs full solve max rel |dJ| = {d_full:.1e}; vs QuTiP ({sub.size} points) "
            f"max rel |dJ| = {d_q:.1e}, COP = {d_cop:.1e}; |COP - w_c/w_h| max = "
            f"{float(np.nanmax(np.abs(cop - WG / W_H))):.1e}"
        )
        assert d_full < 1e-12 and d_q < 1e-10 and d_cop < 1e-10, "tools disagree"
        q_rate = sub.size / q_wall
        rows = []
        for label, tune in (("default malloc", False), ("mallopt mmap threshold 256 MiB", True)):
            if tune and not _mallopt_large_threshold():
                print("mallopt unavailable; skipping the tuned-allocator timing")
                continue
            quantherm_sweep()
            wall, cpu = _time(quantherm_sweep, a.repeat)
            rows.append((label, wall, cpu))
    q_rate_cpu = sub.size / q_cpu
    print(
        f"\n{'implementation':<44} {'wall s':>8} {'CPU s':>7} {'points/s':>9} {'(CPU)':>9} {'vs QuTiP':>9} {'(CPU)':>7}"
    )
    for label, wall, cpu in rows:
        print(
            f"{'quantherm, ' + label:<44} {wall:8.4f} {cpu:7.4f} {npts / wall:9.0f} {npts / cpu:9.0f} "
            f"{npts / wall / q_rate:8.0f}x {npts / cpu / q_rate_cpu:6.0f}x"
        )
    print(
        f"{'qutip steadystate per point (' + str(sub.size) + ' points)':<44} {q_wall:8.3f} "
        f"{q_cpu:7.3f} {q_rate:9.1f} {q_rate_cpu:9.1f} {1:8.0f}x {1:6.0f}x"
    )
    print(
        "quantherm: absorption_refrigerator(...).steady_state() on all points, end to end (build + block +"
    )
    print(
        "solve + ledger + law checks), median of repeats. Wall and CPU differ when the machine is loaded."
    )


if __name__ == "__main__":
    main()
