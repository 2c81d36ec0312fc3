"""Static HTML report of reproductions (`quantherm reproduce all --report DIR`).

For every reproduction: the citation and DOI link, the model (its first sentence, the
rest folded), the parameters, a claims table (paper value, computed, tolerance, verdict;
one row per claim), the law checks, the figure (PNG shown, SVG beside it) and the
command that reruns it. The page is plain HTML and CSS: no scripts, no network.
"""

from __future__ import annotations

import html
import math
import os
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..papers.base import Claim, Report, Reproduction

__all__ = ["rerun_command", "write_report"]

_CSS = """
body{font-family:system-ui,sans-serif;max-width:72em;margin:1em auto;padding:0 1em;color:#222}
h1{margin-bottom:.2em} section{border-top:2px solid #ddd;margin-top:2em;padding-top:.5em}
table{border-collapse:collapse;margin:.5em 0;font-size:.92em}
caption{text-align:left;font-weight:bold}
td,th{border:1px solid #ccc;padding:3px 7px;vertical-align:top;text-align:left}
th{background:#f4f4f4} td.num{font-family:ui-monospace,monospace;white-space:nowrap}
.pass{color:#17702a;font-weight:bold}.fail{color:#b00020;font-weight:bold}.na{color:#a06000}
.changed{background:#fff6d5} code,pre{background:#f6f6f6;padding:1px 4px}
figure{margin:1em 0} figure img{max-width:100%;border:1px solid #eee}
.note{color:#555;font-size:.9em} .error{color:#b00020}
""".strip()

_VERDICT = {True: ("pass", "pass"), False: ("fail", "FAIL"), None: ("na", "n/a")}


def _e(x: Any) -> str:
    return html.escape(str(x), quote=True)


def _fmt(x: Any) -> str:
    if isinstance(x, bool):
        return str(x)
    if isinstance(x, float):
        return f"{x:.10g}" if math.isfinite(x) else str(x)
    if isinstance(x, list | tuple):
        return "[" + ", ".join(_fmt(v) for v in x) + "]"
    if hasattr(x, "item") and getattr(x, "ndim", 1) == 0:
        return _fmt(x.item())
    return str(x)


def _first_sentence(text: str) -> tuple[str, str]:
    m = re.search(r"(?<=[.;])\s+(?=[A-Z(])", text)
    if m is None:
        return text, ""
    return text[: m.start()], text[m.end() :]


def rerun_command(rep: Reproduction, params: Mapping[str, Any]) -> str:
    """The `quantherm reproduce` command that recomputes `params` (only non-defaults set)."""
    sets = [
        f"--set {p.name}={_fmt(params[p.name])}"
        for p in rep.parameters
        if p.name in params and params[p.name] != p.default
    ]
    return " ".join(["quantherm reproduce", rep.name, *sets])


def _claims_table(claims: Sequence[Claim]) -> list[str]:
    out = [
        "<table class='claims'><caption>Claims</caption><thead><tr><th>claim</th><th>where</th>"
        "<th>paper</th><th>computed</th><th>tolerance</th><th>verdict</th><th>note</th></tr></thead><tbody>"
    ]
    for c in claims:
        cls, word = _VERDICT[c.passed]
        out.append(
            f"<tr class='claim'><td>{_e(c.name)}</td><td>{_e(c.where)}</td>"
            f"<td class='num'>{_e(_fmt(c.paper))}</td><td class='num'>{_e(_fmt(c.computed))}</td>"
            f"<td>{_e(_fmt(c.tolerance))}</td><td class='{cls}'>{word}</td>"
            f"<td class='note'>{_e(c.note)}</td></tr>"
        )
    out.append("</tbody></table>")
    return out


def _params_table(rep: Reproduction, params: Mapping[str, Any]) -> list[str]:
    out = [
        "<table class='params'><caption>Parameters</caption><thead><tr><th>name</th><th>value</th>"
        "<th>default</th><th>meaning</th></tr></thead><tbody>"
    ]
    for p in rep.parameters:
        v = params.get(p.name, p.default)
        cls = " class='changed'" if v != p.default else ""
        out.append(
            f"<tr{cls}><td><code>{_e(p.name)}</code></td><td class='num'>{_e(_fmt(v))}</td>"
            f"<td class='num'>{_e(_fmt(p.default))}</td><td>{_e(p.doc)}</td></tr>"
        )
    out.append("</tbody></table>")
    return out


def _checks(checks: Mapping[str, Any]) -> list[str]:
    if not checks:
        return []
    items = "".join(f"<li><code>{_e(k)}</code> = {_e(_fmt(v))}</li>" for k, v in checks.items())
    return [f"<details><summary>Law checks</summary><ul>{items}</ul></details>"]


def _figure(rep: Reproduction, report: Report, directory: str) -> list[str]:
    if rep.plot is None:
        return ["<p class='note'>No figure for this reproduction.</p>"]
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    try:
        fig = rep.plot(report)
    except Exception as exc:  # a broken plot must not hide the other reproductions
        return [
            "<p class='error figure-error'>The figure failed: "
            f"{_e(type(exc).__name__)}: {_e(exc)}</p>"
        ]
    png, svg = f"{rep.name}.png", f"{rep.name}.svg"
    try:
        fig.savefig(os.path.join(directory, png), dpi=110, bbox_inches="tight")
        fig.savefig(os.path.join(directory, svg), bbox_inches="tight")
    finally:
        plt.close(fig)
    return [
        f"<figure><img src='{_e(png)}' alt='{_e(rep.name)}: figure'>"
        f"<figcaption>Figure for <code>{_e(rep.name)}</code> "
        f"(<a href='{_e(svg)}'>SVG</a>)</figcaption></figure>"
    ]


def _counts(report: Report) -> tuple[int, int, int]:
    ok = sum(c.passed is True for c in report.claims)
    bad = sum(c.passed is False for c in report.claims)
    return ok, bad, len(report.claims) - ok - bad


def _section(rep: Reproduction, report: Report, secs: float, directory: str) -> list[str]:
    first, rest = _first_sentence(rep.model)
    link = f" <a href='https://doi.org/{_e(rep.doi)}'>doi:{_e(rep.doi)}</a>" if rep.doi else ""
    parts = [
        f"<section id='{_e(rep.name)}' class='reproduction'>",
        f"<h2>{_e(rep.name)}: {_e(rep.title)}</h2>",
        f"<p class='citation'>{_e(rep.citation)}{link}</p>",
        f"<p class='model'><b>Model.</b> {_e(first)}</p>",
    ]
    if rest:
        parts.append(f"<details><summary>More on the model</summary><p>{_e(rest)}</p></details>")
    parts += _params_table(rep, report.params)
    parts += _claims_table(report.claims)
    parts += _checks(report.checks)
    parts += _figure(rep, report, directory)
    parts.append(
        f"<p>Rerun: <code class='rerun'>{_e(rerun_command(rep, report.params))}</code> "
        f"<span class='note'>({secs:.2f} s)</span></p></section>"
    )
    return parts


def write_report(results: Sequence[tuple[Reproduction, Report, float]], directory: str) -> str:
    """Write DIR/index.html with a PNG and an SVG per figure; return the page's path.

    Args:
        results: (reproduction, its report, seconds it took) for each reproduction.
        directory: created if missing; existing figures of the same names are replaced.
    """
    os.makedirs(directory, exist_ok=True)
    total = [_counts(r) for _, r, _ in results]
    n_ok = sum(1 for _, r, _ in results if r.passed)
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        "<meta name='viewport' content='width=device-width, initial-scale=1'>",
        "<title>quantherm reproductions</title>",
        "<link rel='icon' href='data:,'>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>quantherm reproductions</h1>",
        f"<p>{n_ok} of {len(results)} reproductions with every applicable claim passing. Units "
        "hbar = k_B = 1; energy into the system is positive (a name ending in <code>_out</code> is "
        "an extracted quantity). Regenerate with "
        "<code>quantherm reproduce all --report DIR</code>.</p>",
        "<table class='summary'><thead><tr><th>reproduction</th><th>title</th><th>passed</th>"
        "<th>failed</th><th>n/a</th><th>time</th></tr></thead><tbody>",
    ]
    for (rep, _, secs), (ok, bad, na) in zip(results, total, strict=True):
        cls = "fail" if bad else "pass"
        parts.append(
            f"<tr><td><a href='#{_e(rep.name)}'>{_e(rep.name)}</a></td><td>{_e(rep.title)}</td>"
            f"<td class='{cls}'>{ok}</td><td class='{cls}'>{bad}</td><td>{na}</td>"
            f"<td>{secs:.2f} s</td></tr>"
        )
    parts.append("</tbody></table>")
    for rep, report, secs in results:
        parts += _section(rep, report, secs, directory)
    parts.append("</body></html>")
    path = os.path.join(directory, "index.html")
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("\n".join(parts))
    return path
