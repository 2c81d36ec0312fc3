"""The HTML report: structure (stdlib parser) and a real headless Chromium load."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from quantherm.cli.report import rerun_command, write_report
from quantherm.papers.base import Parameter, Report, Reproduction, claim_close, claim_true

pytest.importorskip("matplotlib")


def _plot(report: Report) -> Any:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([0, 1, 2], [0, report.quantities["q"], 0])
    return fig


def _compute(p: dict[str, Any]) -> Report:
    default = TOY.is_default(p)
    claims = [
        claim_close("C1 q = 2a <b>", 2.0, 2 * p["a"], rtol=1e-12, applies=default, where="Eq. (1)"),
        claim_true("C2 q > 0", "q > 0", p["a"] > 0, f"q={2 * p['a']}"),
        claim_close(
            "C3 deliberately wrong", 1.0, 2.0, rtol=0.1, note="a failing claim is shown as FAIL"
        ),
    ]
    return Report(
        name="toy-report",
        citation="Toy & Co., J. Tests 1 (2026)",
        params=p,
        quantities={"q": 2 * p["a"]},
        claims=claims,
        checks={"first_law_residual": 0.0},
    )


TOY = Reproduction(
    name="toy-report",
    title="a toy with <markup> & a figure",
    citation="Toy & Co., J. Tests 1 (2026)",
    model="A toy model. It has a second sentence that is folded away.",
    parameters=(
        Parameter("a", 1.0, "slope", low=0, low_open=True),
        Parameter("kind", "x", "kind", choices=("x", "y")),
    ),
    compute=_compute,
    plot=_plot,
    doi="10.0000/toy",
)
NOPLOT = Reproduction(
    name="toy-noplot",
    title="no figure",
    citation="none",
    model="Nothing.",
    parameters=TOY.parameters,
    compute=lambda p: Report(
        name="toy-noplot",
        citation="none",
        params=p,
        quantities={},
        claims=[claim_true("only claim", "true", True, "yes")],
    ),
)


def _results() -> list[tuple[Reproduction, Report, float]]:
    from quantherm.papers.fridge import REPRODUCTION as FRIDGE

    return [
        (FRIDGE, FRIDGE.run(), 0.5),
        (TOY, TOY.run({"a": 1.5}), 0.1),
        (NOPLOT, NOPLOT.run(), 0.0),
    ]


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.rows: dict[str, int] = {}
        self.imgs: list[str] = []
        self.section = ""
        self.reruns: list[str] = []
        self._in_rerun = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "section":
            self.section = a["id"] or ""
            self.rows[self.section] = 0
        if tag == "tr" and a.get("class") == "claim":
            self.rows[self.section] += 1
        if tag == "img":
            self.imgs.append(a["src"] or "")
        self._in_rerun = tag == "code" and a.get("class") == "rerun"

    def handle_data(self, data: str) -> None:
        if self._in_rerun:
            self.reruns.append(data)
            self._in_rerun = False


@pytest.fixture(scope="module")
def report_dir() -> Any:
    with tempfile.TemporaryDirectory() as d:
        results = _results()
        write_report(results, d)
        yield Path(d), results


def test_report_structure(report_dir) -> None:
    d, results = report_dir
    page = (d / "index.html").read_text()
    p = _Collect()
    p.feed(page)
    assert p.rows == {rep.name: len(r.claims) for rep, r, _ in results}
    assert p.imgs == ["fridge.png", "toy-report.png"]
    for name in ("fridge", "toy-report"):
        assert (d / f"{name}.png").stat().st_size > 1000 and (d / f"{name}.svg").exists()
    assert p.reruns == [
        "quantherm reproduce fridge",
        "quantherm reproduce toy-report --set a=1.5",
        "quantherm reproduce toy-noplot",
    ]
    assert "C1 q = 2a &lt;b&gt;" in page and "<markup>" not in page
    assert "https://doi.org/10.1103/PhysRevLett.105.130401" in page
    assert page.count("class='fail'>FAIL<") == 1 and page.count("class='na'>n/a<") == 1


def test_rerun_command_reproduces_the_parameters() -> None:
    r = TOY.run({"a": 0.25, "kind": "y"})
    cmd = rerun_command(TOY, r.params)
    assert cmd == "quantherm reproduce toy-report --set a=0.25 --set kind=y"
    sets = dict(s.split("=", 1) for s in cmd.split("--set ")[1:])
    assert TOY.resolve({k: v.strip() for k, v in sets.items()}) == r.params


# ---------------------------------------------------------------- headless Chromium

_PROBE = """(() => {
  const imgs = [...document.images].map(i => {
    const r = i.getBoundingClientRect(); const s = getComputedStyle(i);
    return {src: i.getAttribute('src'), complete: i.complete, w: i.naturalWidth, h: i.naturalHeight,
            shown: r.width > 0 && r.height > 0 && s.display !== 'none'
                   && s.visibility !== 'hidden'};
  });
  const rows = {};
  document.querySelectorAll('section.reproduction').forEach(s => {
    rows[s.id] = s.querySelectorAll('table.claims tbody tr').length; });
  return {title: document.title, imgs, rows};
})()"""


async def _cdp_load(ws_url: str, url: str, timeout: float) -> tuple[dict[str, Any], list[str]]:
    from tornado.websocket import websocket_connect

    conn = await websocket_connect(ws_url, max_message_size=64 * 1024 * 1024)
    errors: list[str] = []
    ids = iter(range(1, 10_000))

    async def call(method: str, **params: Any) -> dict[str, Any]:
        mid = next(ids)
        conn.write_message(json.dumps({"id": mid, "method": method, "params": params}))
        while True:
            msg = json.loads(await asyncio.wait_for(conn.read_message(), timeout))
            if _note(msg, errors, loaded) and msg.get("id") == mid:
                return msg

    loaded = asyncio.Event()
    for m in ("Page.enable", "Runtime.enable", "Log.enable"):
        await call(m)
    await call("Page.navigate", url=url)
    while not loaded.is_set():
        _note(json.loads(await asyncio.wait_for(conn.read_message(), timeout)), errors, loaded)
    await asyncio.sleep(0.3)  # let late console messages arrive
    res = await call("Runtime.evaluate", expression=_PROBE, returnByValue=True, awaitPromise=True)
    conn.close()
    return res["result"]["result"]["value"], errors


def _note(msg: dict[str, Any], errors: list[str], loaded: asyncio.Event) -> bool:
    m, p = msg.get("method"), msg.get("params", {})
    if m == "Page.loadEventFired":
        loaded.set()
    elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
        errors.append(f"console.{p['type']}: {p.get('args')}")
    elif m == "Runtime.exceptionThrown":
        errors.append(f"exception: {p.get('exceptionDetails', {}).get('text')}")
    elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
        errors.append(f"log: {p['entry'].get('text')} {p['entry'].get('url', '')}")
    return True


def _load_in_chromium(page: Path, profile: Path) -> tuple[dict[str, Any], list[str]]:
    """Open `page` in headless Chromium; return the probe and the console/log errors."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if exe is None:
        pytest.skip(
            "chromium is not installed (Debian: apt-get install -y chromium); "
            "the browser check needs it"
        )
    proc = subprocess.Popen(
        [
            exe,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--disable-background-networking",
            "--remote-debugging-port=0",
            "--remote-allow-origins=*",
            f"--user-data-dir={profile}",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        t0 = time.monotonic()
        while not (port_file.exists() and port_file.read_text().strip()):
            assert proc.poll() is None, "chromium exited at start"
            assert time.monotonic() - t0 < 30, "chromium did not open its debugging port in 30 s"
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        targets = json.loads(
            urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10).read()
        )
        ws_url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
        return asyncio.run(_cdp_load(ws_url, page.as_uri(), 30))
    finally:
        proc.kill()
        proc.wait(timeout=10)


def _check(probe: dict[str, Any], errors: list[str], results: list[Any]) -> None:
    assert probe["title"] == "quantherm reproductions"
    assert errors == [], errors
    assert [i["src"] for i in probe["imgs"]] == [
        f"{rep.name}.png" for rep, _, _ in results if rep.plot is not None
    ]
    for img in probe["imgs"]:
        assert img["complete"] and img["w"] > 100 and img["h"] > 50 and img["shown"], img
    assert probe["rows"] == {rep.name: len(r.claims) for rep, r, _ in results}


def test_report_in_headless_chromium(report_dir, tmp_path) -> None:
    d, results = report_dir
    probe, errors = _load_in_chromium(d / "index.html", tmp_path / "profile")
    _check(probe, errors, results)


@pytest.mark.slow
def test_full_report_of_every_reproduction_in_chromium(tmp_path, monkeypatch) -> None:
    """`quantherm reproduce all --report DIR` on the whole registry, opened in Chromium."""
    from click.testing import CliRunner

    from quantherm.cli import report as report_module
    from quantherm.cli.main import cli

    seen: list[Any] = []
    real = report_module.write_report
    monkeypatch.setattr(report_module, "write_report", lambda r, d: seen.extend(r) or real(r, d))
    res = CliRunner().invoke(cli, ["reproduce", "all", "--report", str(tmp_path / "r")])
    assert res.exit_code in (0, 1), res.output
    probe, errors = _load_in_chromium(tmp_path / "r" / "index.html", tmp_path / "profile")
    _check(probe, errors, seen)
