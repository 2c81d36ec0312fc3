"""A tiny test-only model for the sweep tests (the registry is not involved).

f = x^2 + y and g = sin(x) y; a point with y < 0 fails with ValueError. `delay` seconds
of sleep per point make chunks take a known time. When QUANTHERM_TOY_LOG names a file,
every evaluated point appends one line "x y" to it (to count evaluations). When
QUANTHERM_TOY_CRASH_AT equals repr(x), `run` kills its own process.
"""

from __future__ import annotations

import os
import time
from typing import Any

import numpy as np

from quantherm.papers.base import Parameter, Report, Reproduction


def _log(x: Any, y: Any) -> None:
    path = os.environ.get("QUANTHERM_TOY_LOG")
    if path:
        xs, ys = np.broadcast_arrays(np.atleast_1d(x), np.atleast_1d(y))
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(
                "".join(f"{a!r} {b!r}\n" for a, b in zip(xs.tolist(), ys.tolist(), strict=True))
            )


def _compute(p: dict[str, Any]) -> Report:
    if os.environ.get("QUANTHERM_TOY_CRASH_AT") == repr(p["x"]):
        os._exit(3)  # the process dies (as on an out-of-memory kill): infrastructure, not physics
    time.sleep(p["delay"])
    if p["y"] < 0:
        raise ValueError(f"toy model undefined for y={p['y']} < 0")
    _log(p["x"], p["y"])
    q = {
        "f": float(np.asarray(p["x"]) ** 2 + p["y"]),
        "g": float(np.sin(np.asarray(p["x"])) * p["y"]),
    }
    return Report(name="toy", citation="test", params=p, quantities=q, claims=[])


def _batch(p: dict[str, Any]) -> dict[str, Any]:
    x, y = np.broadcast_arrays(np.asarray(p["x"], float), np.asarray(p["y"], float))
    time.sleep(p["delay"] * x.size)
    if np.any(y < 0):
        raise ValueError("toy batch cannot handle y < 0")
    _log(x, y)
    return {"f": x**2 + y, "g": np.sin(x) * y}


PARAMS = (
    Parameter("x", 0.5, "toy abscissa"),
    Parameter("y", 1.0, "toy offset (fails below 0)"),
    Parameter("delay", 0.0, "seconds of sleep per point", low=0),
    Parameter("label", "a", "a string parameter", choices=("a", "b")),
)


def make(batched: bool = True) -> Reproduction:
    return Reproduction(
        name="toy",
        title="toy model",
        citation="Toy, J. Tests 1, 1 (2026)",
        model="f = x^2 + y",
        parameters=PARAMS,
        compute=_compute,
        doi="10.0000/toy",
        batch=_batch if batched else None,
    )


TOY = make(True)
TOY_POINTWISE = make(False)
