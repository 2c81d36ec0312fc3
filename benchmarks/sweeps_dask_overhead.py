"""Dask versus in-process on the same sweep of a stroke engine (qubit Otto cycle).

The workload is the limit cycle of the qubit Otto engine of `quantherm.machines.stroke`
over a grid of hot and cold stroke durations. Agreement is checked first: every point
of the grid has efficiency -W/Q_hot = 1 - w_c/w_h (Otto's closed form). Then:

  A. batched: 10^4 points (100 x 100), chunks of 10^4 (one chunk) and 5000 (two);
  B. point by point (`run` per point, ~10 ms each): POINTWISE points in 2 chunks.

each in process and through a Dask LocalCluster of 2 single-threaded workers (started
once; its start-up is reported apart, and a warm-up sweep loads the code on the workers).
The machine may be shared, so CPU time is not a given: each evaluation also reports its
own compute time, and the overhead of an executor is its wall time over the ideal
(compute time summed over chunks / workers busy), minus 1. For in-process runs this is
the sweep machinery's own cost (chunking, writing); for Dask, scheduling, transfers and
(de)serialisation on top. "Dask" connects a client per sweep (`Dask(address=...)`);
"Dask+client" reuses an open one (`Dask(client=...)`).

    OPENBLAS_NUM_THREADS=1 .venv/bin/python benchmarks/sweeps_dask_overhead.py
"""

from __future__ import annotations

import argparse
import logging
import time
from typing import Any

import numpy as np

import quantherm.sweeps as qs
from quantherm.machines.stroke import limit_cycle, qubit_otto_cycle
from quantherm.papers import Parameter, Report, Reproduction

W_H, W_C, T_H, T_C = 2.0, 1.0, 4.0, 1.0


def _otto(tau_hot: Any, tau_cold: Any) -> dict[str, Any]:
    lc = limit_cycle(
        qubit_otto_cycle(W_H, W_C, T_H, T_C, tau_hot=tau_hot, tau_cold=tau_cold, gamma=1.0)
    )
    q_hot = lc.heat["hot"]
    with np.errstate(divide="ignore", invalid="ignore"):
        eta = np.where(lc.work < 0, -lc.work / q_hot, np.nan)
    return {
        "work_out": -lc.work,
        "heat_in": q_hot,
        "efficiency": eta,
        "power_out": -lc.work / lc.duration,
    }


def _batch(p: dict[str, Any]) -> dict[str, Any]:
    t0 = time.perf_counter()
    out = _otto(np.asarray(p["tau_hot"], float), np.asarray(p["tau_cold"], float))
    n = np.size(p["tau_hot"])
    out["eval_seconds"] = np.full(n, (time.perf_counter() - t0) / n)  # compute time, per point
    return out


def _compute(p: dict[str, Any]) -> Report:
    t0 = time.perf_counter()
    q = {k: float(v) for k, v in _otto(p["tau_hot"], p["tau_cold"]).items()}
    q["eval_seconds"] = time.perf_counter() - t0
    return Report(name="otto", citation="", params=p, quantities=q, claims=[])


OTTO = Reproduction(
    name="otto-bench",
    title="qubit Otto engine",
    citation="benchmark workload",
    model="qubit Otto cycle",
    parameters=(
        Parameter("tau_hot", 1.0, "hot stroke duration", low=0, low_open=True),
        Parameter("tau_cold", 1.0, "cold stroke duration", low=0, low_open=True),
    ),
    compute=_compute,
    batch=_batch,
)


def timed(**kw: Any) -> tuple[float, Any]:
    t0 = time.perf_counter()
    ds = qs.sweep(OTTO, **kw)
    return time.perf_counter() - t0, ds


def line(label: str, wall: float, ds: Any, busy: int) -> str:
    n = ds["eval_seconds"].size
    compute = float(ds["eval_seconds"].sum())
    return (
        f"{label:>11}: wall {wall:6.2f} s ({n / wall:8,.0f} pts/s), compute {compute:6.2f} s, "
        f"overhead {wall * busy / compute - 1:+6.1%} (workers busy: {busy})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--pointwise", type=int, default=2000, help="points of the point-by-point case (B)"
    )
    ap.add_argument("--repeat", type=int, default=3, help="repetitions of the batched case (A)")
    args = ap.parse_args()
    grid = {"tau_hot": np.linspace(0.1, 3.0, 100), "tau_cold": np.linspace(0.1, 3.0, 100)}
    _, ref = timed(grid=grid, chunk_size=10_000)
    eta = ref["efficiency"].values
    ok = np.isfinite(eta)
    print(
        f"agreement: {ok.sum()} engine points, max |eta - (1 - w_c/w_h)| = "
        f"{np.max(np.abs(eta[ok] - (1 - W_C / W_H))):.1e}"
    )
    assert ok.sum() > 0.5 * eta.size and np.allclose(eta[ok], 1 - W_C / W_H, atol=1e-10)

    from distributed import LocalCluster

    t0 = time.perf_counter()
    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    print(
        f"Dask LocalCluster (2 workers) start-up: {time.perf_counter() - t0:.1f} s "
        "(not counted below)"
    )
    from distributed import Client

    dask = qs.Dask(address=cluster.scheduler_address)  # connects a client per sweep
    client = Client(cluster)
    kept = qs.Dask(client=client)  # one client kept open across sweeps
    try:
        t_warm, _ = timed(
            grid={"tau_hot": [1.0, 2.0], "tau_cold": [1.0]}, chunk_size=1, executor=dask
        )
        print(f"warm-up sweep (loads quantherm on the workers, connects a client): {t_warm:.2f} s")
        print("\nA. batched, 10^4 points")
        for chunk, busy in ((10_000, 1), (5_000, 2)):
            print(f"  chunks of {chunk:,}")
            for _ in range(args.repeat):
                t_in, ds_in = timed(grid=grid, chunk_size=chunk)
                print(line("in-process", t_in, ds_in, 1))
                same = [v for v in ds_in.data_vars if v != "eval_seconds"]
                for label, ex in (("Dask", dask), ("Dask+client", kept)):
                    t_dk, ds_dk = timed(grid=grid, chunk_size=chunk, executor=ex)
                    print(line(label, t_dk, ds_dk, busy))
                    assert ds_in[same].equals(ds_dk[same])
        n = args.pointwise
        side = int(np.sqrt(n))
        pgrid = {
            "tau_hot": np.linspace(0.1, 3.0, side),
            "tau_cold": np.linspace(0.1, 3.0, n // side),
        }
        npts = side * (n // side)
        chunk = -(-npts // 2)
        print(f"\nB. point by point, {npts:,} points in 2 chunks of {chunk:,}")
        t_in, ds_in = timed(grid=pgrid, chunk_size=chunk, batched=False)
        print(line("in-process", t_in, ds_in, 1))
        t_dk, ds_dk = timed(grid=pgrid, chunk_size=chunk, batched=False, executor=dask)
        print(line("Dask", t_dk, ds_dk, 2))
        same = [v for v in ds_in.data_vars if v != "eval_seconds"]
        assert ds_in[same].equals(ds_dk[same])
        print(
            f"  speed-up of Dask on 2 workers: {t_in / t_dk:.2f}x "
            "(bounded by the free cores of this machine)"
        )
    finally:
        client.close()
        cluster.close()


if __name__ == "__main__":
    main()
