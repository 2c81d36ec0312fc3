"""The documentation site: gallery generation, nav pruning, and (slow) a strict mkdocs build."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quantherm.papers.base import Parameter, Report, Reproduction, claim_close, claim_true

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location(
    "docs_gen_reproductions", ROOT / "docs" / "gen_reproductions.py"
)
assert _spec is not None and _spec.loader is not None
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)


def _plot(report: Report):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(2, 2))
    ax.plot([0, 1], [1, 0])
    return fig


def _toy(name: str = "toy-doc", plot=None) -> Reproduction:
    def compute(p):
        return Report(
            name="toy-doc",
            citation="T. Oy, J. Docs 1 (2026)",
            params=p,
            quantities={"q": 1.0},
            claims=[
                claim_close("C1 q | pipes <and> tags", 1.0, 1.0, rtol=1e-12),
                claim_true("C2", "statement", False, "x"),
                claim_close("C3 paper-only", 2.0, 1.0, rtol=0.1, applies=False),
            ],
        )

    return Reproduction(
        name=name,
        title="toy",
        citation="T. Oy, J. Docs 1 (2026)",
        model="m",
        parameters=(Parameter("a", 1.0, "a | b"),),
        compute=compute,
        doi="10.1/x",
        plot=plot,
    )


def test_gallery_has_one_section_and_one_row_per_claim() -> None:
    plotted, toy = _toy("toy-plot", _plot), _toy()
    results = [(plotted, plotted.run(), 1.0), (toy, toy.run(), 0.1)]
    text, figures = gen.render(results)
    assert text.count("\n## ") == 2
    assert "## toy-plot {#toy-plot}" in text and "## toy-doc {#toy-doc}" in text
    toy_part = text.split("## toy-doc")[1]
    rows = [ln for ln in toy_part.splitlines() if ln.startswith("| C")]
    assert len(rows) == 3
    assert "C1 q \\| pipes &lt;and&gt; tags" in rows[0] and rows[0].endswith("| pass |")
    assert rows[1].endswith("| **FAIL** |") and rows[2].endswith("| n/a |")
    plot_rows = [
        ln
        for ln in text.split("## toy-plot")[1].split("## toy-doc")[0].splitlines()
        if ln.startswith("| C")
    ]
    assert len(plot_rows) == 3
    assert (
        list(figures) == ["reproductions/toy-plot.png"]
        and figures["reproductions/toy-plot.png"][:4] == b"\x89PNG"
    )
    assert "![toy-plot: figure](reproductions/toy-plot.png)" in text
    assert "$ quantherm reproduce toy-doc" in text and "https://doi.org/10.1/x" in text


def test_api_reference_lists_every_public_package_in_layer_order() -> None:
    text = gen.render_api()
    sections = [ln.removeprefix("::: ") for ln in text.splitlines() if ln.startswith("::: ")]
    assert sections[0] == "quantherm"
    for pkg in ("quantherm.dynamics", "quantherm.thermo", "quantherm.sweeps", "quantherm.papers"):
        assert pkg in sections, pkg
    assert sections.index("quantherm.dynamics") < sections.index("quantherm.thermo")
    assert sections.index("quantherm.sweeps") < sections.index("quantherm.papers")
    assert "quantherm.cli" not in sections  # no __all__: not a public package


def test_nav_adds_unlisted_pages_under_tutorials(tmp_path) -> None:
    for name in ("index.md", "a.md", "new_area.md"):
        (tmp_path / name).write_text("x")
    nav = [{"Home": "index.md"}, {"Tutorials": [{"A": "a.md"}, {"Gone": "gone.md"}]}]
    assert gen.complete_nav(nav, tmp_path) == [
        {"Home": "index.md"},
        {"Tutorials": [{"A": "a.md"}, {"New area": "new_area.md"}]},
    ]


def test_nav_drops_missing_pages(tmp_path) -> None:
    (tmp_path / "index.md").write_text("x")
    nav = [
        {"Home": "index.md"},
        {"Tutorials": [{"A": "missing.md"}, {"B": "index.md"}]},
        {"Only missing": [{"C": "gone.md"}]},
        {"Reproductions": "reproductions.md"},
        {"API": "api.md"},
    ]
    assert gen._prune(nav, tmp_path) == [
        {"Home": "index.md"},
        {"Tutorials": [{"B": "index.md"}]},
        {"Reproductions": "reproductions.md"},
        {"API": "api.md"},
    ]


@pytest.mark.slow
def test_mkdocs_build_is_strict_clean(tmp_path) -> None:
    pytest.importorskip(
        "mkdocs", reason="the docs extra is not installed (pip install 'quantherm[docs]')"
    )
    pytest.importorskip("mkdocstrings")
    env = {**os.environ, "QUANTHERM_DOCS_REPRODUCTIONS": "fridge", "NO_MKDOCS_2_WARNING": "1"}
    res = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(ROOT / "mkdocs.yml"),
            "-d",
            str(tmp_path / "site"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    site = tmp_path / "site"
    assert (site / "reproductions" / "index.html").exists() and (
        site / "reproductions" / "fridge.png"
    ).exists()
    api = (site / "api" / "index.html").read_text()
    for name in (
        "quantherm.sweeps.sweep",
        "quantherm.gibbs_state",
        "quantherm.papers.Reproduction",
    ):
        assert f'id="{name}"' in api, name
