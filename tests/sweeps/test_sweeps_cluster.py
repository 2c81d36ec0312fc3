"""Sweeps that survive failures: a Dask worker killed mid-sweep, a sweep killed mid-way.

Both start real processes on loopback (a `dask scheduler`, two `dask worker`s; a sweep
script) and kill them with SIGKILL; every process is reaped in a `finally`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import xarray as xr
import zarr
from sweeps_toy import TOY, TOY_POINTWISE

import quantherm.sweeps as qs

HERE = Path(__file__).resolve().parent
GRID = {"x": np.linspace(0.0, 2.0, 8), "y": [-1.0, 1.0, 2.0]}  # 24 points, 8 fail


def _env(**extra: str) -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH", "")]))
    return {**os.environ, "PYTHONPATH": path, "OPENBLAS_NUM_THREADS": "1", **extra}


def _wait(cond, timeout: float, what: str) -> None:
    t0 = time.monotonic()
    while not cond():
        if time.monotonic() - t0 > timeout:
            raise TimeoutError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


def _reap(procs: list[subprocess.Popen]) -> None:
    for p in procs:
        if p.poll() is None:
            p.kill()
    for p in procs:
        p.wait(timeout=10)


@pytest.fixture
def cluster(tmp_path) -> Iterator[tuple[str, list[subprocess.Popen]]]:
    """A scheduler and two single-threaded workers on 127.0.0.1 (no nanny: a kill is final)."""
    sfile = tmp_path / "scheduler.json"
    procs: list[subprocess.Popen] = []
    logs = open(tmp_path / "dask.log", "wb")  # noqa: SIM115 - closed in finally
    try:
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "distributed.cli.dask_scheduler",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    "0",
                    "--no-dashboard",
                    "--scheduler-file",
                    str(sfile),
                ],
                env=_env(),
                stdout=logs,
                stderr=logs,
            )
        )
        _wait(sfile.exists, 30, "the scheduler file")
        for i in range(2):
            procs.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "distributed.cli.dask_worker",
                        "--scheduler-file",
                        str(sfile),
                        "--nthreads",
                        "1",
                        "--no-nanny",
                        "--host",
                        "127.0.0.1",
                        "--no-dashboard",
                        "--name",
                        f"w{i}",
                        "--death-timeout",
                        "30",
                    ],
                    env=_env(),
                    stdout=logs,
                    stderr=logs,
                )
            )
        import json

        from distributed import Client

        _wait(lambda: "address" in sfile.read_text(), 10, "the scheduler address")
        address = json.loads(sfile.read_text())["address"]
        with Client(address, timeout=30) as c:
            c.wait_for_workers(2, timeout=30)
        yield address, procs
    finally:
        _reap(procs)
        logs.close()


def test_dask_sweep_survives_a_killed_worker(cluster) -> None:
    address, procs = cluster
    victim = procs[1]
    serial = qs.sweep(TOY_POINTWISE, GRID, chunk_size=2)

    def kill_one(cid: int, n_done: int) -> None:
        if n_done == 2:
            victim.send_signal(signal.SIGKILL)

    fixed = {"delay": 0.03}
    ds = qs.sweep(
        TOY_POINTWISE,
        GRID,
        fixed=fixed,
        chunk_size=2,
        executor=qs.Dask(address=address),
        on_chunk=kill_one,
    )
    assert victim.wait(timeout=10) == -signal.SIGKILL
    assert ds.attrs["complete"] == 1
    for name in ("f", "g", "error"):
        np.testing.assert_array_equal(ds[name].values, serial[name].values)
    assert ds.attrs["failed_points"] == 8


def test_dask_sweep_with_the_users_client_leaves_it_open(cluster) -> None:
    from distributed import Client

    address, _ = cluster
    with Client(address, timeout=30) as client:
        ds = qs.sweep(TOY, GRID, chunk_size=6, executor=qs.Dask(client=client))
        assert client.status == "running"
        assert client.submit(sum, [1, 2]).result() == 3
    ref = qs.sweep(TOY, GRID, chunk_size=6)
    for name in ("f", "g", "error"):
        np.testing.assert_array_equal(ds[name].values, ref[name].values)


_SCRIPT = """
import sys
import numpy as np
import quantherm.sweeps as qs
from sweeps_toy import TOY
grid = {"x": np.linspace(0.0, 2.0, 8), "y": [-1.0, 1.0, 2.0]}
qs.sweep(TOY, grid, fixed={"delay": 0.03}, out=sys.argv[1], chunk_size=3)
"""


def _log_lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def test_killed_sweep_restarts_without_loss_or_recomputation(tmp_path, monkeypatch) -> None:
    out = tmp_path / "r.zarr"
    script = tmp_path / "run.py"
    script.write_text(_SCRIPT)
    log1, log2 = tmp_path / "run1.log", tmp_path / "run2.log"
    spec = qs.SweepSpec.build(TOY, GRID, fixed={"delay": 0.03}, chunk_size=3)

    def done() -> set[int]:
        try:
            return set(
                np.flatnonzero(zarr.open_group(str(out), mode="r")["_chunk_done"][...]).tolist()
            )
        except Exception:
            return set()

    proc = subprocess.Popen(
        [sys.executable, str(script), str(out)], env=_env(QUANTHERM_TOY_LOG=str(log1))
    )
    try:
        _wait(lambda: len(done()) >= 3 or proc.poll() is not None, 40, "three chunks")
        proc.send_signal(signal.SIGKILL)
    finally:
        _reap([proc])
    committed = done()
    assert 3 <= len(committed) < spec.n_chunks, "the sweep must be cut off mid-way"
    monkeypatch.setenv("QUANTHERM_TOY_LOG", str(log2))  # the restart, here in the test process
    restarted = qs.sweep(TOY, GRID, fixed={"delay": 0.03}, out=out, chunk_size=3)

    def points_of(chunks: set[int]) -> set[str]:
        pts = set()
        for c in chunks:
            _, p = spec.points(c)
            pts |= {
                f"{x!r} {y!r}"
                for x, y in zip(p["x"].tolist(), p["y"].tolist(), strict=True)
                if y >= 0
            }
        return pts

    second = _log_lines(log2)
    missing = set(range(spec.n_chunks)) - committed
    assert len(second) == len(set(second)), "a point was computed twice in the restart"
    assert set(second) == points_of(missing), "the restart computed exactly the missing chunks"
    assert not set(second) & points_of(committed)
    ds = qs.open_sweep(out)
    xr.testing.assert_identical(ds, restarted)
    ref = qs.sweep(TOY, GRID, chunk_size=3)
    assert ds.attrs["complete"] == 1
    for name in ("f", "g", "error"):
        np.testing.assert_array_equal(ds[name].values, ref[name].values)
    xr.testing.assert_equal(ds["x"], ref["x"])
