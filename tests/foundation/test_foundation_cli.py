"""The command-line contract of DESIGN.md."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from quantherm.papers import all_reproductions


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quantherm.cli.main", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_list_shows_every_reproduction() -> None:
    out = run("list")
    assert out.returncode == 0
    for name in all_reproductions():
        assert name in out.stdout


def test_show_lists_parameters() -> None:
    out = run("show", "fridge")
    assert out.returncode == 0
    for key in ("w_c", "w_h", "g", "gamma", "T_c", "T_r", "T_h", "master_equation"):
        assert key in out.stdout


def test_reproduce_json_schema_and_set() -> None:
    out = run("reproduce", "fridge", "--json", "--set", "T_h=8")
    assert out.returncode == 0, out.stderr
    obj = json.loads(out.stdout)
    assert set(obj) >= {"name", "citation", "params", "quantities", "claims", "checks"}
    assert obj["params"]["T_h"] == 8.0
    for claim in obj["claims"]:
        assert set(claim) >= {"name", "paper", "computed", "tolerance", "passed"}
    assert obj["quantities"]["cop_carnot"] == pytest.approx((1 - 1.5 / 8) / (1.5 - 1))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("reproduce", "nope"), "unknown reproduction 'nope'"),
        (("reproduce", "fridge", "--set", "bogus=1"), "unknown parameter 'bogus'"),
        (("reproduce", "fridge", "--set", "T_h=abc"), "must be a float"),
        (("reproduce", "fridge", "--set", "T_c=-1"), "must be in (0"),
        (("reproduce", "fridge", "--set", "master_equation=foo"), "must be one of local, global"),
        (("reproduce", "fridge", "--set", "T_h"), "KEY=VALUE"),
    ],
)
def test_bad_input_one_line_no_traceback(args: tuple[str, ...], message: str) -> None:
    out = run(*args)
    assert out.returncode == 2
    assert message in out.stderr
    assert "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_plot_writes_png(tmp_path: object) -> None:
    path = f"{tmp_path}/fridge.png"
    out = run("reproduce", "fridge", "--plot", path)
    assert out.returncode == 0, out.stderr
    with open(path, "rb") as fh:
        assert fh.read(8) == b"\x89PNG\r\n\x1a\n"
