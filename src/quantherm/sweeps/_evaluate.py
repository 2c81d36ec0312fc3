"""Evaluate one chunk of a sweep (this runs in worker processes too).

Batched first: the model's `batch` over the whole chunk. If it raises, the chunk is
evaluated point by point with `run`, so one bad point costs one NaN and one message,
not the chunk.
"""

from __future__ import annotations

import math
import pickle
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["ChunkResult", "Shipped", "evaluate_chunk"]


@dataclass(frozen=True, slots=True)
class Shipped:
    """A model pickled by value (cloudpickle), for models defined outside an importable module."""

    blob: bytes

    @staticmethod
    def wrap(model: Any) -> Any:
        """Pickle `model` with cloudpickle when available (models defined in ``__main__``
        travel by value); otherwise return it for plain pickling by reference."""
        try:
            import cloudpickle
        except ImportError:
            return model
        return Shipped(cloudpickle.dumps(model))

    def unwrap(self) -> Any:
        return pickle.loads(self.blob)


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """Quantities (name -> 1-D float array, C order over the chunk) and failed points."""

    chunk_id: int
    quantities: dict[str, np.ndarray]
    errors: dict[int, str]
    mode: str


def _as_float(v: Any) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return math.nan


def _message(exc: BaseException) -> str:
    text = str(exc).strip() or repr(exc)
    return f"{type(exc).__name__}: {text}"


def _pointwise(
    model: Any, fixed: Mapping[str, Any], points: dict[str, np.ndarray], n: int
) -> tuple[dict[str, np.ndarray], dict[int, str]]:
    out: dict[str, np.ndarray] = {}
    errors: dict[int, str] = {}
    for i in range(n):
        over = dict(fixed)
        for key, vals in points.items():
            v = vals[i]
            over[key] = v.item() if isinstance(v, np.generic) else v
        try:
            quantities = model.run(over).quantities
        except Exception as exc:  # a failed point is data: NaN plus its message
            errors[i] = _message(exc)
            continue
        for name, value in quantities.items():
            if name not in out:
                out[name] = np.full(n, np.nan)
            out[name][i] = _as_float(value)
    return out, errors


def _batched(
    model: Any, fixed: Mapping[str, Any], points: dict[str, np.ndarray], n: int
) -> dict[str, np.ndarray]:
    params = model.resolve(fixed)
    params.update(points)
    raw = model.batch(params)
    out = {}
    for name, value in raw.items():
        arr = np.asarray(value)
        if arr.dtype.kind not in "biuf":
            continue
        out[name] = np.array(np.broadcast_to(arr.astype(float), (n,)))
    return out


def evaluate_chunk(
    model: Any,
    fixed: Mapping[str, Any],
    chunk_id: int,
    points: dict[str, np.ndarray],
    use_batch: bool = True,
) -> ChunkResult:
    """Evaluate the points of one chunk; never raises for a failing point."""
    if isinstance(model, Shipped):
        model = model.unwrap()
    n = len(next(iter(points.values())))
    if use_batch and getattr(model, "batch", None) is not None:
        try:
            return ChunkResult(chunk_id, _batched(model, fixed, points, n), {}, "batched")
        except Exception:  # fall back to points so that one bad point is one NaN
            pass
    quantities, errors = _pointwise(model, fixed, points, n)
    return ChunkResult(chunk_id, quantities, errors, "points")
