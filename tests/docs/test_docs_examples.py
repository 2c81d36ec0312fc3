"""Every code example in docs/*.md runs.

```python blocks of a page run in order in one namespace (a page is one script), in a
temporary working directory. Lines `$ quantherm ...` of ```console blocks run through
the CLI and must exit 0. Other fences (text, bash, ...) are not examples.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

DOCS = Path(__file__).resolve().parents[2] / "docs"
PAGES = sorted(DOCS.glob("*.md"))
_FENCE = re.compile(r"^```(\w+)[^\n]*\n(.*?)^```\s*$", re.S | re.M)


def blocks(text: str) -> list[tuple[str, str]]:
    """(language, code) of every fenced block."""
    return [(m.group(1), m.group(2)) for m in _FENCE.finditer(text)]


def test_fence_extraction_finds_blocks() -> None:
    text = "a\n```python\nx = 1\n```\nb\n```console\n$ quantherm list\n```\n```text\nno\n```\n"
    assert blocks(text) == [
        ("python", "x = 1\n"),
        ("console", "$ quantherm list\n"),
        ("text", "no\n"),
    ]


def test_the_core_pages_exist_and_have_examples() -> None:
    for name in ("index.md", "conventions.md", "sweeps.md"):
        langs = [lang for lang, _ in blocks((DOCS / name).read_text(encoding="utf-8"))]
        assert "python" in langs, name


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_page_examples_run(page: Path, tmp_path, monkeypatch) -> None:
    import matplotlib

    matplotlib.use("Agg")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    ran = 0
    for i, (lang, code) in enumerate(blocks(page.read_text(encoding="utf-8"))):
        if lang == "python":
            exec(compile(code, f"{page.name}[block {i}]", "exec"), namespace)
            ran += 1
        elif lang == "console":
            from quantherm.cli.main import cli

            for line in code.splitlines():
                if line.startswith("$ quantherm "):
                    res = CliRunner().invoke(cli, shlex.split(line[len("$ quantherm ") :]))
                    assert res.exit_code == 0, (
                        f"{page.name}: `{line}` exited {res.exit_code}:\n{res.output}"
                    )
                    ran += 1
    if ran == 0:
        pytest.skip(f"{page.name} has no runnable examples")
