"""The reproductions gallery, generated from the registry (mkdocs hook and script).

As an mkdocs hook (``hooks:`` in mkdocs.yml) it runs every registered reproduction at its
defaults when the site is built and adds ``reproductions.md`` and one PNG per figure to
the site, without writing into ``docs/``. It also fits the nav to the pages that exist:
entries whose page is missing are dropped, and pages of docs/ that the nav does not list
are added under "Tutorials", so tutorials appear as their authors add them.

It also generates ``api.md``: one mkdocstrings section per package that declares
``__all__`` (so a new package appears in the reference by exporting its names).

As a script: ``python docs/gen_reproductions.py OUTDIR`` writes the gallery page and
figures to OUTDIR. ``QUANTHERM_DOCS_REPRODUCTIONS=fridge,maser`` restricts both to some
reproductions (a quick build).
"""

from __future__ import annotations

import html
import io
import math
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

GENERATED = "reproductions.md"
API = "api.md"
# Packages in the order of the layers (DESIGN.md); any other public package follows.
_LAYERS = (
    "core",
    "baths",
    "dynamics",
    "thermo",
    "machines",
    "machines.stroke",
    "gaussian",
    "resource_theory",
    "information",
    "batteries",
    "cooling",
    "ions",
    "fluctuations",
    "sweeps",
    "papers",
)
_VERDICT = {True: "pass", False: "**FAIL**", None: "n/a"}


def _cell(x: Any) -> str:
    return html.escape(str(x), quote=False).replace("|", "\\|").replace("\n", " ")


def _num(x: Any) -> str:
    if isinstance(x, float):
        x = f"{x:.10g}" if math.isfinite(x) else str(x)
    elif isinstance(x, list | tuple):
        x = "[" + ", ".join(_num(v).strip("`") for v in x) + "]"
    text = str(x).replace("|", "\\|").replace("\n", " ").replace("`", "'")
    return f"`{text}`" if text else ""


def selected() -> list[Any]:
    """The registered reproductions (restricted by QUANTHERM_DOCS_REPRODUCTIONS if set)."""
    from quantherm.papers import all_reproductions

    reg = all_reproductions()
    wanted = [
        n.strip()
        for n in os.environ.get("QUANTHERM_DOCS_REPRODUCTIONS", "").split(",")
        if n.strip()
    ]
    unknown = sorted(set(wanted) - set(reg))
    if unknown:
        raise ValueError(f"QUANTHERM_DOCS_REPRODUCTIONS names unknown reproductions: {unknown}")
    return [reg[n] for n in wanted] if wanted else list(reg.values())


def run_all(reps: Sequence[Any]) -> list[tuple[Any, Any, float]]:
    out = []
    for rep in reps:
        t0 = time.perf_counter()
        report = rep.run()
        out.append((rep, report, time.perf_counter() - t0))
    return out


def _figure(rep: Any, report: Any) -> bytes | None:
    if rep.plot is None:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = rep.plot(report)
    buf = io.BytesIO()
    try:
        fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    finally:
        plt.close(fig)
    return buf.getvalue()


def render(
    results: Sequence[tuple[Any, Any, float]], figure_dir: str = "reproductions"
) -> tuple[str, dict[str, bytes]]:
    """Markdown of the gallery and {path relative to the docs root: PNG bytes}."""
    n_ok = sum(1 for _, r, _ in results if r.passed)
    lines = [
        "# Reproductions",
        "",
        f"Generated from the registry when this site was built: {len(results)} reproductions, "
        f"{n_ok} with every applicable claim passing. Each runs at the paper's parameters; "
        "`quantherm reproduce NAME --set KEY=VALUE` recomputes it elsewhere (claims tied to "
        "the paper's numbers then say n/a). Units and signs: see [Conventions](conventions.md).",
        "",
        "| reproduction | title | claims passed | time |",
        "| --- | --- | --- | --- |",
    ]
    for rep, report, secs in results:
        ok = sum(c.passed is True for c in report.claims)
        applicable = sum(c.passed is not None for c in report.claims)
        lines.append(
            f"| [{rep.name}](#{rep.name}) | {_cell(rep.title)} | {ok}/{applicable} | {secs:.1f} s |"
        )
    figures: dict[str, bytes] = {}
    for rep, report, _ in results:
        lines += ["", f"## {rep.name} {{#{rep.name}}}", "", f"**{_cell(rep.title)}**", ""]
        doi = f" [doi:{rep.doi}](https://doi.org/{rep.doi})" if rep.doi else ""
        lines += [f"{_cell(rep.citation)}.{doi}", "", f"*Model.* {_cell(rep.model)}", ""]
        lines += ["| parameter | default | meaning |", "| --- | --- | --- |"]
        lines += [f"| `{p.name}` | {_num(p.default)} | {_cell(p.doc)} |" for p in rep.parameters]
        lines += [
            "",
            "| claim | where | paper | computed | tolerance | verdict |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for c in report.claims:
            lines.append(
                f"| {_cell(c.name)} | {_cell(c.where)} | {_num(c.paper)} | {_num(c.computed)} "
                f"| {_cell(c.tolerance)} | {_VERDICT[c.passed]} |"
            )
        png = _figure(rep, report)
        if png is not None:
            path = f"{figure_dir}/{rep.name}.png"
            figures[path] = png
            lines += ["", f"![{rep.name}: figure]({path})"]
        lines += ["", "```console", f"$ quantherm reproduce {rep.name}", "```"]
    return "\n".join(lines) + "\n", figures


def render_api() -> str:
    """The API reference: the top level, then every package that declares `__all__`."""
    import importlib
    import pkgutil

    import quantherm

    found = []
    for mod in pkgutil.walk_packages(quantherm.__path__, "quantherm."):
        short = mod.name.removeprefix("quantherm.")
        if not mod.ispkg or any(part.startswith("_") for part in short.split(".")):
            continue
        if getattr(importlib.import_module(mod.name), "__all__", None):
            found.append(short)
    rank = {name: i for i, name in enumerate(_LAYERS)}
    found.sort(key=lambda n: (rank.get(n, len(rank)), n))
    lines = [
        "# API reference",
        "",
        "Generated from the docstrings of every public package (those with `__all__`), in the",
        "order of the layers. The top-level `quantherm` namespace re-exports the most used names.",
        "",
        "## quantherm",
        "",
        "::: quantherm",
        "    options:",
        "      show_submodules: false",
    ]
    for name in found:
        lines += ["", f"## quantherm.{name}", "", f"::: quantherm.{name}"]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------ mkdocs hooks


def _prune(nav: Any, docs_dir: Path) -> Any:
    if isinstance(nav, list):
        kept = [_prune(item, docs_dir) for item in nav]
        return [k for k in kept if k not in (None, [], {})]
    if isinstance(nav, dict):
        out = {k: _prune(v, docs_dir) for k, v in nav.items()}
        return {k: v for k, v in out.items() if v not in (None, [], {})}
    if isinstance(nav, str):
        if nav in (GENERATED, API) or "://" in nav or (docs_dir / nav).exists():
            return nav
        return None
    return nav


def _pages(nav: Any) -> set[str]:
    if isinstance(nav, list):
        return set().union(*(_pages(v) for v in nav)) if nav else set()
    if isinstance(nav, dict):
        return set().union(*(_pages(v) for v in nav.values())) if nav else set()
    return {nav} if isinstance(nav, str) else set()


def complete_nav(nav: Any, docs_dir: Path) -> Any:
    """Drop entries whose page is missing; add unlisted pages of docs/ under "Tutorials"."""
    nav = _prune(nav, docs_dir)
    extra = sorted(p.name for p in docs_dir.glob("*.md") if p.name not in _pages(nav))
    if extra:
        entries = [{p.removesuffix(".md").replace("_", " ").capitalize(): p} for p in extra]
        for item in nav:
            if isinstance(item, dict) and isinstance(item.get("Tutorials"), list):
                item["Tutorials"].extend(entries)
                break
        else:
            nav.append({"Tutorials": entries})
    return nav


def on_config(config: Any) -> Any:
    """Fit the nav to the pages that exist (tutorials arrive one by one)."""
    if config.get("nav"):
        config["nav"] = complete_nav(config["nav"], Path(config["docs_dir"]))
    return config


def on_files(files: Any, config: Any) -> Any:
    """Add the API reference, and run the reproductions for the gallery and its figures."""
    from mkdocs.structure.files import File

    files.append(File.generated(config, API, content=render_api()))
    text, figures = render(run_all(selected()))
    files.append(File.generated(config, GENERATED, content=text))
    for path, data in figures.items():
        files.append(File.generated(config, path, content=data))
    return files


def main(argv: Sequence[str]) -> int:
    if len(argv) != 1:
        print("usage: python docs/gen_reproductions.py OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    text, figures = render(run_all(selected()))
    for path, data in figures.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
    out.mkdir(parents=True, exist_ok=True)
    (out / GENERATED).write_text(text, encoding="utf-8")
    print(f"wrote {out / GENERATED} and {len(figures)} figures")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
