"""The README's Python example runs and shows a consistent ledger."""

from __future__ import annotations

import contextlib
import io
import pathlib
import re

README = pathlib.Path(__file__).resolve().parents[2] / "README.md"


def test_readme_example_runs() -> None:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)
    assert blocks, "the README must keep its Python example"
    out = io.StringIO()
    namespace: dict[str, object] = {}
    with contextlib.redirect_stdout(out):
        for code in blocks:
            exec(compile(code, "README.md", "exec"), namespace)
    assert "Ledger(heat={hot: +" in out.getvalue()
    res = namespace["res"]
    assert res.checks.passed  # type: ignore[attr-defined]
    assert res.ledger.heat["hot"] > 0 > res.ledger.heat["cold"]  # type: ignore[attr-defined]
