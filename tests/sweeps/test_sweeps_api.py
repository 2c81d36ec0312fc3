"""Sweeps in process: grids, samples, failures, Zarr/NetCDF, resume, CLI."""

from __future__ import annotations

import json

import numpy as np
import pytest
import xarray as xr
from click.testing import CliRunner
from sweeps_toy import TOY, TOY_POINTWISE

import quantherm.sweeps as qs
from quantherm.cli.main import cli
from quantherm.papers import base

X = np.linspace(-1.0, 1.0, 7)
Y = [-0.5, 0.0, 2.0]


def _expected(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    xx, yy = np.meshgrid(x, y, indexing="ij")
    f = np.where(yy < 0, np.nan, xx**2 + yy)
    g = np.where(yy < 0, np.nan, np.sin(xx) * yy)
    return f, g


@pytest.mark.parametrize("model", [TOY, TOY_POINTWISE], ids=["batched", "pointwise"])
def test_grid_values_dims_and_failed_points(model: base.Reproduction) -> None:
    ds = qs.sweep(model, {"x": X, "y": Y}, chunk_size=5)
    assert ds["f"].dims == ("x", "y")
    np.testing.assert_array_equal(ds["x"].values, X)
    f, g = _expected(X, np.asarray(Y))
    np.testing.assert_allclose(ds["f"].values, f, rtol=1e-15, atol=0)
    np.testing.assert_allclose(ds["g"].values, g, rtol=1e-15, atol=1e-300)
    err = ds["error"].values
    assert all(e.startswith("ValueError: toy model undefined for y=-0.5") for e in err[:, 0])
    assert all(e == "" for e in err[:, 1:].ravel())
    assert ds.attrs["failed_points"] == 7
    assert ds.attrs["complete"] == 1


def test_attrs_carry_units_sign_convention_citation_version() -> None:
    ds = qs.sweep(TOY, {"x": [0.1, 0.2]}, fixed={"y": 3.0})
    a = ds.attrs
    assert "hbar = k_B = 1" in a["units"]
    assert "energy into the system is positive" in a["sign_convention"]
    assert a["citation"] == TOY.citation and a["doi"] == TOY.doi
    assert a["quantherm_version"] not in ("", "unknown")
    assert json.loads(a["fixed_parameters"]) == {"y": 3.0, "delay": 0.0, "label": "a"}
    assert ds["x"].attrs["long_name"] == "toy abscissa"
    np.testing.assert_allclose(ds["f"].values, [0.01 + 3, 0.04 + 3])


def test_list_of_strings_and_random_samples() -> None:
    s = qs.Samples(n=5, ranges={"x": (0.0, 2.0)}, seed=3)
    ds = qs.sweep(TOY, {"label": ["a", "b"], "y": [1.0]}, samples=s)
    assert ds["f"].dims == ("label", "y", "sample")
    xs = ds["x"].values
    assert ds["x"].dims == ("sample",) and np.all((xs >= 0) & (xs <= 2))
    np.testing.assert_allclose(ds["f"].values[0, 0], xs**2 + 1.0)
    again = qs.sweep(TOY, {"label": ["a", "b"], "y": [1.0]}, samples=s)
    np.testing.assert_array_equal(again["x"].values, xs)


def test_samples_only_sweep_round_trips_through_zarr(tmp_path) -> None:
    s = qs.Samples(n=6, ranges={"x": (0.0, 1.0), "y": (0.0, 2.0)}, seed=0)
    mem = qs.sweep(TOY, samples=s)
    disk = qs.sweep(TOY, samples=s, out=tmp_path / "s.zarr", chunk_size=4)
    assert set(disk.coords) == {"sample", "x", "y"} and set(disk.data_vars) == {"f", "g", "error"}
    xr.testing.assert_identical(mem.drop_attrs(), disk.drop_attrs())


def test_zarr_resume_computes_only_missing_chunks(tmp_path, monkeypatch) -> None:
    log = tmp_path / "log.txt"
    monkeypatch.setenv("QUANTHERM_TOY_LOG", str(log))
    out = tmp_path / "s.zarr"
    grid = {"x": X, "y": [1.0, 2.0]}  # 14 points, chunks of 4 -> 4 chunks

    class Stop(Exception):
        pass

    def stop_after_two(cid: int, n_done: int) -> None:
        if n_done == 2:
            raise Stop

    with pytest.raises(Stop):
        qs.sweep(TOY, grid, out=out, chunk_size=4, on_chunk=stop_after_two)
    first = log.read_text().splitlines()
    partial = qs.open_sweep(out)
    assert partial.attrs["complete"] == 0
    assert np.isnan(partial["f"].values).sum() == 14 - len(first)
    log.write_text("")
    ds = qs.sweep(TOY, grid, out=out, chunk_size=4)
    second = log.read_text().splitlines()
    assert len(first) + len(second) == 14 and not set(first) & set(second)
    np.testing.assert_allclose(ds["f"].values, _expected(X, np.array([1.0, 2.0]))[0], rtol=1e-15)
    log.write_text("")
    qs.sweep(TOY, grid, out=out, chunk_size=4)  # complete: nothing recomputed
    assert log.read_text() == ""
    xr.testing.assert_identical(qs.open_sweep(out), ds)


def test_netcdf_output_and_refusal_to_mix_sweeps(tmp_path) -> None:
    out = tmp_path / "s.nc"
    ds = qs.sweep(TOY, {"x": X, "y": Y}, out=out, chunk_size=6)
    assert out.exists() and not (tmp_path / "s.nc.partial.zarr").exists()
    back = xr.load_dataset(out)
    np.testing.assert_array_equal(back["f"].values, ds["f"].values)
    assert list(back["error"].values[:, 0]) == list(ds["error"].values[:, 0])
    with pytest.raises(ValueError, match="holds a different sweep"):
        qs.sweep(TOY, {"x": X}, out=out)
    qs.sweep(TOY, {"x": X}, out=tmp_path / "z.zarr", chunk_size=2)
    with pytest.raises(ValueError, match="holds a different sweep"):
        qs.sweep(TOY, {"x": X}, out=tmp_path / "z.zarr", chunk_size=3)


def test_bad_input_messages(tmp_path) -> None:
    with pytest.raises(ValueError, match="unknown parameter 'z' for 'toy'"):
        qs.sweep(TOY, {"z": [1.0]})
    with pytest.raises(ValueError, match="parameter 'delay' must be in"):
        qs.sweep(TOY, {"delay": [-1.0]})
    with pytest.raises(ValueError, match="both swept and fixed"):
        qs.sweep(TOY, {"x": [1.0]}, fixed={"x": 2.0})
    with pytest.raises(ValueError, match="at least one swept parameter"):
        qs.sweep(TOY, {})
    with pytest.raises(ValueError, match="must be distinct"):
        qs.sweep(TOY, {"x": [1.0, 1.0]})
    with pytest.raises(ValueError, match=r"must end in \.zarr or \.nc"):
        qs.sweep(TOY, {"x": [1.0]}, out=tmp_path / "a.csv")
    with pytest.raises(TypeError, match="`model` must be a reproduction"):
        qs.sweep("toy", {"x": [1.0]})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="got address and workers"):
        qs.Dask(address="tcp://127.0.0.1:1", workers=2)
    with pytest.raises(ValueError, match="`workers` must be a positive integer"):
        qs.Processes(workers=0)
    with pytest.raises(ValueError, match="NUM in --grid must be a positive integer"):
        qs.parse_grid("x=0:1:2.5")
    with pytest.raises(ValueError, match="low < high"):
        qs.Samples(n=3, ranges={"x": (1.0, 0.0)})


def test_chunks_tile_the_grid_exactly() -> None:
    spec = qs.SweepSpec.build(
        TOY, {"x": np.arange(7.0), "y": np.arange(5.0), "label": ["a", "b"]}, chunk_size=6
    )
    assert spec.chunks == (1, 3, 2)
    seen = np.zeros(spec.shape, int)
    for cid in range(spec.n_chunks):
        seen[spec.region(cid)] += 1
        block, pts = spec.points(cid)
        assert len(pts["x"]) == int(np.prod(block)) <= 6
    assert np.all(seen == 1)


def test_chunks_lost_with_a_dead_process_are_reported_and_recomputed(tmp_path, monkeypatch) -> None:
    log = tmp_path / "log.txt"
    monkeypatch.setenv("QUANTHERM_TOY_LOG", str(log))
    monkeypatch.setenv("QUANTHERM_TOY_CRASH_AT", repr(0.75))
    out = tmp_path / "s.zarr"
    grid = {"x": [0.0, 0.25, 0.5, 0.75, 1.0]}
    args = {"out": out, "chunk_size": 1, "executor": qs.Processes(workers=1)}
    with pytest.raises(qs.SweepIncompleteError, match=r"chunks were lost .* run the same sweep"):
        qs.sweep(TOY_POINTWISE, grid, **args)
    first = set(log.read_text().splitlines())
    stored = qs.open_sweep(out)
    assert stored.attrs["complete"] == 0
    assert np.isfinite(stored["f"].values).sum() == len(first) < 5
    monkeypatch.delenv("QUANTHERM_TOY_CRASH_AT")
    log.write_text("")
    ds = qs.sweep(TOY_POINTWISE, grid, **args)
    second = set(log.read_text().splitlines())
    assert not first & second and len(first | second) == 5
    np.testing.assert_allclose(ds["f"].values, np.array(grid["x"]) ** 2 + 1.0)


def test_processes_executor_equals_in_process() -> None:
    ref = qs.sweep(TOY, {"x": X, "y": Y}, chunk_size=4)
    par = qs.sweep(TOY, {"x": X, "y": Y}, chunk_size=4, executor=qs.Processes(workers=2))
    xr.testing.assert_identical(ref, par)


def test_cli_sweep_grid_list_out_and_errors(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(base, "_REGISTRY", {"toy": TOY})
    out = tmp_path / "c.zarr"
    runner = CliRunner()
    args = [
        "sweep",
        "toy",
        "--grid",
        "x=0:1:3",
        "--list",
        "y=1,2",
        "--set",
        "label=b",
        "--out",
        str(out),
        "--quiet",
    ]
    res = runner.invoke(cli, args)
    assert res.exit_code == 0, res.output
    assert "6 points" in res.output and "0 failed" in res.output
    ds = qs.open_sweep(out)
    np.testing.assert_allclose(ds["f"].values, np.add.outer(np.linspace(0, 1, 3) ** 2, [1.0, 2.0]))
    assert json.loads(ds.attrs["fixed_parameters"])["label"] == "b"
    for bad, msg in [
        (["--grid", "x=0:1"], "expects KEY=START:STOP:NUM"),
        (["--grid", "q=0:1:3"], "unknown parameter 'q'"),
        (["--grid", "x=0:1:3", "--workers", "2", "--processes", "2"], "choose one of"),
        (["--random", "x=0:1"], "go together"),
    ]:
        res = runner.invoke(cli, ["sweep", "toy", *bad])
        assert res.exit_code == 2 and msg in res.output, res.output
    res = runner.invoke(cli, ["sweep", "toy", "--random", "x=0:1", "--samples", "4", "--quiet"])
    assert res.exit_code == 0 and "4 points" in res.output


def test_cli_ctrl_c_keeps_finished_chunks_and_rerun_completes(tmp_path, monkeypatch) -> None:
    """Ctrl-C (KeyboardInterrupt) mid-sweep: exit 130, a hint, and the same command resumes."""
    state = {"interrupt_at": 0.5, "calls": []}

    def compute(p):
        if p["x"] == state["interrupt_at"]:
            raise KeyboardInterrupt
        state["calls"].append(p["x"])
        return TOY_POINTWISE.compute(p)

    model = base.Reproduction(
        name="toy", title="t", citation="c", model="m", parameters=TOY.parameters, compute=compute
    )
    monkeypatch.setattr(base, "_REGISTRY", {"toy": model})
    out = str(tmp_path / "c.zarr")
    args = ["sweep", "toy", "--grid", "x=0:1:5", "--chunk-size", "1", "--out", out, "--quiet"]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 130 and "re-run the same command to continue" in res.output
    assert state["calls"] == [0.0, 0.25]
    state["interrupt_at"], state["calls"] = None, []
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 0, res.output
    assert state["calls"] == [0.5, 0.75, 1.0]
    np.testing.assert_allclose(qs.open_sweep(out)["f"].values, np.linspace(0, 1, 5) ** 2 + 1)


def test_cli_local_dask_cluster(monkeypatch) -> None:
    monkeypatch.setattr(base, "_REGISTRY", {"toy": TOY})
    args = ["sweep", "toy", "--grid", "x=0:1:4", "--list", "y=-1,1", "--workers", "1", "--quiet"]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 0, res.output
    assert "8 points" in res.output and "4 failed" in res.output
