"""Heat-current noise of XX chains (N spins, hot bath on the first, cold on the last, global ME).

quantherm: exact cumulants from the tilted generator (sparse LU in the invariant block).
QuTiP 5: `countstat_current_noise` (sparse 'direct' method) on the same Liouvillian and the
same current superoperators (working basis, full d^2 space), after `steadystate`. Both
timings include building the model (quantherm's `counting_master_equation`; for QuTiP the
sparse Liouvillian and current superoperators are assembled from the same model).
Each (tool, N) runs in its own
subprocess so that peak resident memory (ru_maxrss, minus the interpreter's baseline) is its own.

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/fluctuations_noise.py [NMAX [QUTIP_NMAX]]

QuTiP is run up to QUTIP_NMAX (default 6: at N = 7 it needs minutes and several GB).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def _chain(N: int):
    import numpy as np

    from quantherm.baths import Bath, FlatSpectrum
    from quantherm.core.operators import embed, sigmam, sigmax, sigmaz
    from quantherm.fluctuations import counting_master_equation

    dims = [2] * N
    w = 1.0 + 0.1 * np.arange(N)  # detuned sites
    H = sum(0.5 * w[i] * embed(sigmaz(), dims, i) for i in range(N))
    for i in range(N - 1):
        a, b = embed(sigmam(), dims, i), embed(sigmam(), dims, i + 1)
        H = H + 0.2 * (a.conj().T @ b + b.conj().T @ a)
    hot = Bath(name="h", T=3.0, spectral_density=FlatSpectrum(0.05))
    cold = Bath(name="c", T=0.5, spectral_density=FlatSpectrum(0.05))
    return counting_master_equation(
        H, [(embed(sigmax(), dims, 0), hot), (embed(sigmax(), dims, N - 1), cold)]
    )


def _run(tool: str, N: int) -> dict:
    import numpy as np
    import qutip
    from threadpoolctl import threadpool_limits

    from quantherm.fluctuations import Current, current_statistics

    cur = Current(heat={"h": 1.0})
    with threadpool_limits(1):
        base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0 = time.perf_counter()
        m = _chain(N)
        if tool == "quantherm":
            st = current_statistics(m, cur)
            mean, noise = float(st.mean), float(st.noise)
        else:
            from quantherm.dynamics.elements import Term, assemble_sparse, merge

            d = m.master.d
            inc = m.increments(cur)
            L0 = assemble_sparse(m.master.generator)
            L1 = assemble_sparse(merge([Term(t.d, t.rows, t.cols, t.vals * nu) for t, nu in inc]))
            L2 = assemble_sparse(
                merge([Term(t.d, t.rows, t.cols, t.vals * nu**2) for t, nu in inc])
            )
            sd = [[[d], [d]], [[d], [d]]]
            Lq = qutip.Qobj(L0.tocsr(), dims=sd, superrep="super")
            I1 = qutip.Qobj(L1.tocsr(), dims=sd, superrep="super")
            J2 = qutip.Qobj(L2.tocsr(), dims=sd, superrep="super")
            rho = qutip.steadystate(Lq)
            c, s, _ = qutip.countstat_current_noise(
                Lq, [], rhoss=rho, J_ops=[J2], I_ops=[I1], sparse=True
            )
            mean, noise = float(np.real(np.ravel(c)[0])), float(np.real(np.ravel(s)[0]))
        wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "tool": tool,
        "N": N,
        "d2": m.master.d**2,
        "wall_s": wall,
        "peak_MB": (peak - base) / 1024,
        "mean": mean,
        "noise": noise,
    }


def main() -> None:
    nmax = int(sys.argv[1]) if len(sys.argv) > 1 else 6
    qmax = int(sys.argv[2]) if len(sys.argv) > 2 else 6
    print(
        f"{'N':>2} {'d^2':>6} {'quantherm s':>12} {'QuTiP s':>9} {'ratio':>7} "
        f"{'qh MB':>7} {'QuTiP MB':>9} {'rel.diff noise':>15}"
    )
    for N in range(2, nmax + 1):
        res = {}
        for tool in ("quantherm", "qutip") if qmax >= N else ("quantherm",):
            out = subprocess.run(
                [sys.executable, __file__, "--one", tool, str(N)],
                capture_output=True,
                text=True,
                timeout=600,
            )
            if out.returncode != 0:
                res[tool] = {
                    "wall_s": float("nan"),
                    "peak_MB": float("nan"),
                    "noise": float("nan"),
                    "d2": 4**N,
                    "err": out.stderr.strip().splitlines()[-1:],
                }
            else:
                res[tool] = json.loads(out.stdout.strip().splitlines()[-1])
        q = res["quantherm"]
        nan = float("nan")
        p = res.get("qutip", {"wall_s": nan, "peak_MB": nan, "noise": nan})
        diff = abs(q["noise"] - p["noise"]) / abs(q["noise"])
        print(
            f"{N:>2} {q['d2']:>6} {q['wall_s']:>12.4f} {p['wall_s']:>9.4f} "
            f"{p['wall_s'] / q['wall_s']:>7.1f} "
            f"{q['peak_MB']:>7.1f} {p['peak_MB']:>9.1f} {diff:>15.2e}",
            flush=True,
        )
        if "err" in p:
            print("   QuTiP failed:", p["err"])


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--one":
        print(json.dumps(_run(sys.argv[2], int(sys.argv[3]))))
    else:
        main()
