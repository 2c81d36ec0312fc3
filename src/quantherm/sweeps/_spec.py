"""What a sweep is: the model, its swept dimensions, fixed parameters and chunking.

A sweep is the Cartesian product of its dimensions. A grid dimension carries one
parameter (``T_h = linspace(1, 5, 41)``); a sample dimension carries several parameters
drawn together (``n`` random points), so random samples and grids combine freely.
Points are split into rectangular chunks (the unit of work, of writing and of resuming).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import numpy as np

__all__ = ["Dim", "Samples", "SweepModel", "SweepSpec", "parse_grid", "parse_list", "parse_random"]


class _ParameterLike(Protocol):
    name: str
    default: Any
    doc: str

    def parse(self, value: Any) -> Any: ...


@runtime_checkable
class SweepModel(Protocol):
    """What a sweep needs from a model; `quantherm.papers.Reproduction` is one.

    `run(overrides)` returns an object with a `quantities` mapping (name -> number);
    `batch`, when not None, maps a parameter dict holding 1-D arrays for the swept keys
    to {quantity: array}, one entry per point.
    """

    @property
    def name(self) -> str: ...

    @property
    def parameters(self) -> tuple[Any, ...]: ...

    @property
    def batch(self) -> Callable[[dict[str, Any]], dict[str, Any]] | None: ...

    def resolve(self, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]: ...

    def run(self, overrides: Mapping[str, Any] | None = None) -> Any: ...


@dataclass(frozen=True, slots=True)
class Dim:
    """One swept dimension: `name`, and the values of each parameter it carries.

    A grid dimension carries a single parameter with the dimension's name; a sample
    dimension (name ``"sample"``) carries several, one value each per sample.
    """

    name: str
    values: Mapping[str, np.ndarray]

    @property
    def size(self) -> int:
        return len(next(iter(self.values.values())))


@dataclass(frozen=True, slots=True, kw_only=True)
class Samples:
    """`n` points drawn uniformly (or log-uniformly) in boxes ``{key: (low, high)}``.

    Randomness is explicit: `seed` fixes the draw, so a re-run (and a resume) sees the
    same points.
    """

    n: int
    ranges: Mapping[str, tuple[float, float]]
    seed: int = 0
    log: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.n, int | np.integer) or self.n < 1:
            raise ValueError(f"`n` must be a positive integer; got {self.n!r}.")
        if not self.ranges:
            raise ValueError("`ranges` must name at least one parameter; got none.")
        for key, (lo, hi) in self.ranges.items():
            if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
                raise ValueError(
                    f"the range of {key!r} must be finite with low < high; got ({lo}, {hi})."
                )
            if self.log and lo <= 0:
                raise ValueError(f"log sampling of {key!r} needs low > 0; got {lo}.")

    def draw(self) -> dict[str, np.ndarray]:
        rng = np.random.default_rng(self.seed)
        out = {}
        for key, (lo, hi) in self.ranges.items():
            u = rng.random(self.n)
            out[key] = (
                np.exp(np.log(lo) + u * (np.log(hi) - np.log(lo)))
                if self.log
                else lo + u * (hi - lo)
            )
        return out


def _float(text: str, what: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{what} must be a number; got {text!r}.") from None


def _split_key(text: str, option: str, form: str) -> tuple[str, str]:
    if "=" not in text:
        raise ValueError(f"{option} expects {form}; got {text!r}.")
    key, val = text.split("=", 1)
    return key.strip(), val.strip()


def parse_grid(text: str) -> tuple[str, np.ndarray]:
    """``"KEY=START:STOP:NUM"`` -> (KEY, linspace(START, STOP, NUM))."""
    key, val = _split_key(text, "--grid", "KEY=START:STOP:NUM")
    parts = val.split(":")
    if len(parts) != 3:
        raise ValueError(f"--grid expects KEY=START:STOP:NUM; got {text!r}.")
    start = _float(parts[0], f"START in {text!r}")
    stop = _float(parts[1], f"STOP in {text!r}")
    num = _float(parts[2], f"NUM in {text!r}")
    if not num.is_integer() or num < 1:
        raise ValueError(f"NUM in --grid must be a positive integer; got {parts[2]!r}.")
    return key, np.linspace(start, stop, int(num))


def parse_list(text: str) -> tuple[str, list[str]]:
    """``"KEY=v1,v2,..."`` -> (KEY, [v1, v2, ...]) (strings; the model's parameter parses them)."""
    key, val = _split_key(text, "--list", "KEY=v1,v2,...")
    items = [v.strip() for v in val.split(",") if v.strip()]
    if not items:
        raise ValueError(f"--list expects at least one value; got {text!r}.")
    return key, items


def parse_random(text: str) -> tuple[str, tuple[float, float]]:
    """``"KEY=LOW:HIGH"`` -> (KEY, (LOW, HIGH))."""
    key, val = _split_key(text, "--random", "KEY=LOW:HIGH")
    parts = val.split(":")
    if len(parts) != 2:
        raise ValueError(f"--random expects KEY=LOW:HIGH; got {text!r}.")
    return key, (_float(parts[0], f"LOW in {text!r}"), _float(parts[1], f"HIGH in {text!r}"))


def _parse_values(model: SweepModel, key: str, values: Sequence[Any] | np.ndarray) -> np.ndarray:
    known = {p.name: p for p in model.parameters}
    if key not in known:
        raise ValueError(
            f"unknown parameter '{key}' for '{model.name}'; valid parameters are: "
            f"{', '.join(sorted(known))}."
        )
    raw = np.asarray(values).ravel()
    if raw.size == 0:
        raise ValueError(f"the values of '{key}' must not be empty.")
    parsed = [known[key].parse(v.item() if isinstance(v, np.generic) else v) for v in raw]
    if len(set(parsed)) != len(parsed):
        raise ValueError(
            f"the values of '{key}' must be distinct (they label a dimension); got repeats."
        )
    if isinstance(parsed[0], str):
        return np.array(parsed, dtype=object)
    return np.asarray(parsed)


def _chunk_shape(shape: tuple[int, ...], target: int) -> tuple[int, ...]:
    """Rectangular chunks of at most `target` points: trailing dimensions whole first."""
    left = max(1, int(target))
    out = []
    for n in reversed(shape):
        c = max(1, min(n, left))
        out.append(c)
        left = max(1, left // c)
    return tuple(reversed(out))


@dataclass(frozen=True, slots=True, kw_only=True)
class SweepSpec:
    """A validated sweep: the model, dims (product order), fixed overrides and chunks."""

    model: SweepModel
    dims: tuple[Dim, ...]
    fixed: Mapping[str, Any] = field(default_factory=dict)
    chunk_size: int = 10_000

    @classmethod
    def build(
        cls,
        model: SweepModel,
        grid: Mapping[str, Sequence[Any] | np.ndarray] | None = None,
        *,
        samples: Samples | None = None,
        fixed: Mapping[str, Any] | None = None,
        chunk_size: int | None = None,
    ) -> SweepSpec:
        """Validate every value against the model's parameters and fix the chunking."""
        if not isinstance(model, SweepModel):
            raise TypeError(
                f"`model` must be a reproduction (quantherm.papers.get_reproduction(name)) or "
                f"follow the SweepModel protocol; got {type(model).__name__}."
            )
        grid = dict(grid or {})
        fixed_parsed = model.resolve(fixed or {})
        fixed_keys = dict(fixed or {})
        dims = [Dim(key, {key: _parse_values(model, key, vals)}) for key, vals in grid.items()]
        if samples is not None:
            drawn = samples.draw()
            dims.append(Dim("sample", {k: _parse_values(model, k, v) for k, v in drawn.items()}))
        if not dims:
            raise ValueError(
                "a sweep needs at least one swept parameter (a grid, a list or samples)."
            )
        swept = [k for d in dims for k in d.values]
        if len(set(swept)) != len(swept):
            raise ValueError(f"each parameter may be swept once; got {swept}.")
        clash = sorted(set(swept) & set(fixed_keys))
        if clash:
            raise ValueError(f"parameters {clash} are both swept and fixed; drop one.")
        if chunk_size is None:
            chunk_size = 10_000 if model.batch is not None else 16
        if int(chunk_size) < 1:
            raise ValueError(f"`chunk_size` must be a positive integer; got {chunk_size!r}.")
        fixed_out = {k: fixed_parsed[k] for k in fixed_keys}
        return cls(model=model, dims=tuple(dims), fixed=fixed_out, chunk_size=int(chunk_size))

    @property
    def shape(self) -> tuple[int, ...]:
        return tuple(d.size for d in self.dims)

    @property
    def size(self) -> int:
        return int(np.prod(self.shape))

    @property
    def chunks(self) -> tuple[int, ...]:
        return _chunk_shape(self.shape, self.chunk_size)

    @property
    def chunk_grid(self) -> tuple[int, ...]:
        return tuple(-(-n // c) for n, c in zip(self.shape, self.chunks, strict=True))

    @property
    def n_chunks(self) -> int:
        return int(np.prod(self.chunk_grid))

    def region(self, chunk_id: int) -> tuple[slice, ...]:
        """The block of the grid that chunk `chunk_id` covers."""
        idx = np.unravel_index(chunk_id, self.chunk_grid)
        return tuple(
            slice(int(i) * c, min((int(i) + 1) * c, n))
            for i, c, n in zip(idx, self.chunks, self.shape, strict=True)
        )

    def points(self, chunk_id: int) -> tuple[tuple[int, ...], dict[str, np.ndarray]]:
        """Block shape and {parameter: 1-D values} (C order) of the points of a chunk."""
        region = self.region(chunk_id)
        block = tuple(s.stop - s.start for s in region)
        index = np.meshgrid(*[np.arange(s.start, s.stop) for s in region], indexing="ij")
        out = {}
        for dim, ix in zip(self.dims, index, strict=True):
            for key, vals in dim.values.items():
                out[key] = vals[ix.ravel()]
        return block, out

    def fingerprint(self) -> str:
        """A hash of everything that fixes the results (used to refuse mixing two sweeps)."""
        body = {
            "model": self.model.name,
            "fixed": {k: _plain(v) for k, v in sorted(self.fixed.items())},
            "dims": [[d.name, {k: _plain(v) for k, v in d.values.items()}] for d in self.dims],
            "chunks": list(self.chunks),
        }
        return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:16]


def _plain(v: Any) -> Any:
    if isinstance(v, np.ndarray):
        return [_plain(x) for x in v.tolist()]
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, float):
        return repr(v)
    return v
