"""The reproduction contract: parameters, claims, reports, and the registry.

A reproduction module in `quantherm.papers` defines a module-level ``REPRODUCTION``
(a `Reproduction`); the registry discovers every such module. `run(params)` recomputes the
quantities for any parameters; claims that only hold at the paper's parameters are
reported with ``passed=None`` and a note instead of failing.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = [
    "Claim",
    "Parameter",
    "Report",
    "Reproduction",
    "all_reproductions",
    "claim_close",
    "claim_table",
    "claim_true",
    "get_reproduction",
    "registry_errors",
]


@dataclass(frozen=True, slots=True)
class Parameter:
    """A named, typed, validated parameter of a reproduction.

    Attributes:
        name: the `--set` key.
        default: default value (its type fixes the parameter type: float, int, str, bool).
        doc: one line with meaning and units.
        low, high: allowed closed range for numbers (None = unbounded).
        low_open: if True the lower bound is excluded (e.g. temperatures > 0).
        choices: allowed values for strings.
    """

    name: str
    default: Any
    doc: str
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    choices: tuple[str, ...] | None = None

    def parse(self, value: Any) -> Any:
        """Convert and validate a value (from the CLI string or Python)."""
        kind = type(self.default)
        try:
            if kind is bool:
                if isinstance(value, str):
                    low = value.strip().lower()
                    if low not in ("true", "false", "1", "0", "yes", "no"):
                        raise ValueError
                    v: Any = low in ("true", "1", "yes")
                else:
                    v = bool(value)
            elif kind is int:
                fv = float(value)
                if not fv.is_integer():
                    raise ValueError
                v = int(fv)
            elif kind is float:
                v = float(value)
            else:
                v = str(value)
        except (TypeError, ValueError):
            article = {
                "int": "an integer",
                "float": "a float",
                "bool": "a boolean",
                "str": "a string",
            }
            raise ValueError(
                f"parameter '{self.name}' must be "
                f"{article.get(kind.__name__, kind.__name__)}; got {value!r}."
            ) from None
        if isinstance(v, float) and not math.isfinite(v):
            raise ValueError(f"parameter '{self.name}' must be finite; got {value!r}.")
        if self.choices is not None and v not in self.choices:
            raise ValueError(
                f"parameter '{self.name}' must be one of {', '.join(self.choices)}; got {v!r}."
            )
        if isinstance(v, int | float) and not isinstance(v, bool):
            if self.low is not None and (v < self.low or (self.low_open and v == self.low)):
                bound = f"({self.low}" if self.low_open else f"[{self.low}"
                high = "inf)" if self.high is None else f"{self.high}]"
                raise ValueError(f"parameter '{self.name}' must be in {bound}, {high}; got {v!r}.")
            if self.high is not None and v > self.high:
                low = (
                    "(-inf" if self.low is None else ("(" if self.low_open else "[") + f"{self.low}"
                )
                raise ValueError(
                    f"parameter '{self.name}' must be in {low}, {self.high}]; got {v!r}."
                )
        return v


@dataclass(frozen=True, slots=True)
class Claim:
    """One published statement checked against our computation.

    `paper` is the published value (number or statement), `computed` ours, `tolerance`
    the allowed deviation (with its justification in `note`). `passed` is None when the
    claim does not apply at the requested parameters.
    """

    name: str
    paper: Any
    computed: Any
    tolerance: Any
    passed: bool | None
    where: str = ""
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "paper": _jsonable(self.paper),
            "computed": _jsonable(self.computed),
            "tolerance": _jsonable(self.tolerance),
            "passed": self.passed,
            "where": self.where,
            "note": self.note,
        }


def claim_close(
    name: str,
    paper: float,
    computed: float,
    *,
    rtol: float = 0.0,
    atol: float = 0.0,
    where: str = "",
    note: str = "",
    applies: bool = True,
) -> Claim:
    """A numerical claim: |computed - paper| <= atol + rtol |paper|."""
    tol = atol + rtol * abs(paper)
    ok = bool(abs(computed - paper) <= tol) if applies else None
    tol_s = (
        f"rtol={rtol:g}"
        if rtol and not atol
        else (f"atol={atol:g}" if atol and not rtol else f"atol={atol:g}, rtol={rtol:g}")
    )
    return Claim(
        name,
        float(paper),
        float(computed),
        tol_s,
        ok,
        where,
        note
        if applies
        else (note + " (holds only at the paper's parameters; not checked here)").strip(),
    )


def claim_table(
    rows: Sequence[tuple[str, float, float]],
    *,
    rtol: float = 0.0,
    atol: float = 0.0,
    where: str = "",
    note: str = "",
    applies: bool = True,
) -> list[Claim]:
    """`claim_close` for each (name, paper, computed) row of a published table.

    The rows share tolerance, source and note, as the values of one table do.
    """
    return [
        claim_close(
            name, paper, computed, rtol=rtol, atol=atol, where=where, note=note, applies=applies
        )
        for name, paper, computed in rows
    ]


def claim_true(
    name: str,
    statement: str,
    condition: bool,
    computed: Any,
    *,
    where: str = "",
    note: str = "",
    applies: bool = True,
) -> Claim:
    """A qualitative claim (an inequality or a regime) with the number that shows it."""
    ok = bool(condition) if applies else None
    return Claim(
        name,
        statement,
        computed,
        "exact",
        ok,
        where,
        note
        if applies
        else (note + " (holds only at the paper's parameters; not checked here)").strip(),
    )


def _jsonable(x: Any) -> Any:
    if isinstance(x, np.generic):
        x = x.item()
    if isinstance(x, float) and not math.isfinite(x):
        return str(x)
    if isinstance(x, np.ndarray):
        return [_jsonable(v) for v in x.tolist()]
    if isinstance(x, list | tuple):
        return [_jsonable(v) for v in x]
    if isinstance(x, dict):
        return {str(k): _jsonable(v) for k, v in x.items()}
    return x


@dataclass(frozen=True)
class Report:
    """What a reproduction returns: quantities, claims, law checks and plot data."""

    name: str
    citation: str
    params: Mapping[str, Any]
    quantities: Mapping[str, Any]
    claims: Sequence[Claim]
    checks: Mapping[str, Any] = field(default_factory=dict)
    data: Mapping[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        """True when no applicable claim failed."""
        return all(c.passed is not False for c in self.claims)

    def to_dict(self) -> dict[str, Any]:
        """The `--json` object of DESIGN.md."""
        return {
            "name": self.name,
            "citation": self.citation,
            "params": {k: _jsonable(v) for k, v in self.params.items()},
            "quantities": {k: _jsonable(v) for k, v in self.quantities.items()},
            "claims": [c.to_dict() for c in self.claims],
            "checks": {k: _jsonable(v) for k, v in self.checks.items()},
        }


@dataclass(frozen=True)
class Reproduction:
    """A reproduced published result.

    Attributes:
        name: CLI name (e.g. "fridge").
        title: one line.
        citation: full reference with DOI.
        model: the model in a few sentences (what is the paper's and what is ours).
        parameters: the `--set` parameters with defaults (the paper's values).
        compute: function(params dict) -> Report.
        plot: optional function(Report) -> matplotlib Figure.
        doi: DOI string.
        batch: optional vectorised evaluator for sweeps: it takes the parameter dict with
            NumPy arrays (broadcast, one entry per point) for the swept keys and returns
            {quantity name: array of the broadcast shape}; NaN where a quantity is undefined.
            Sweeps use it when present and fall back to `run` point by point otherwise.
    """

    name: str
    title: str
    citation: str
    model: str
    parameters: tuple[Parameter, ...]
    compute: Callable[[dict[str, Any]], Report]
    plot: Callable[[Report], Any] | None = None
    doi: str = ""
    batch: Callable[[dict[str, Any]], dict[str, Any]] | None = None

    @property
    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.parameters}

    def resolve(self, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Defaults updated by `overrides`, each validated; unknown keys are errors."""
        params = self.defaults
        known = {p.name: p for p in self.parameters}
        for key, value in (overrides or {}).items():
            if key not in known:
                raise ValueError(
                    f"unknown parameter '{key}' for reproduction '{self.name}'; "
                    f"valid parameters are: {', '.join(sorted(known))}."
                )
            params[key] = known[key].parse(value)
        return params

    def is_default(self, params: Mapping[str, Any]) -> bool:
        """True when `params` equal the paper's defaults (claims then apply)."""
        return all(params.get(p.name) == p.default for p in self.parameters)

    def run(self, overrides: Mapping[str, Any] | None = None) -> Report:
        """Resolve parameters and compute the report."""
        return self.compute(self.resolve(overrides))

    def sweep(self, grid: Mapping[str, Any] | None = None, **options: Any) -> Any:
        """This reproduction's quantities over a parameter grid (an xarray.Dataset).

        Shorthand for `quantherm.sweeps.sweep(self, grid, **options)`; needs the `sweep`
        extra (pip install 'quantherm[sweep]').
        """
        from ..sweeps import sweep

        return sweep(self, grid, **options)


_ERRORS: dict[str, str] = {}


def _discover() -> dict[str, Reproduction]:
    from .. import papers

    found: dict[str, Reproduction] = {}
    for mod in sorted(pkgutil.iter_modules(papers.__path__), key=lambda m: m.name):
        if mod.name.startswith("_") or mod.name == "base":
            continue
        try:
            module = importlib.import_module(f"{papers.__name__}.{mod.name}")
        except Exception as exc:  # one broken module must not take the others down
            _ERRORS[mod.name] = f"{type(exc).__name__}: {exc}"
            continue
        rep = getattr(module, "REPRODUCTION", None)
        if isinstance(rep, Reproduction):
            if rep.name in found:
                raise RuntimeError(f"two reproductions are named {rep.name!r}")
            found[rep.name] = rep
    return found


_REGISTRY: dict[str, Reproduction] | None = None


def all_reproductions() -> dict[str, Reproduction]:
    """Every registered reproduction, by name (sorted)."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = dict(sorted(_discover().items()))
    return _REGISTRY


def registry_errors() -> dict[str, str]:
    """Reproduction modules that failed to import, with their error (empty when all is well)."""
    all_reproductions()
    return dict(_ERRORS)


def get_reproduction(name: str) -> Reproduction:
    """The reproduction called `name`; the error lists the valid names."""
    reg = all_reproductions()
    if name not in reg:
        broken = name.replace("-", "_")
        if broken in _ERRORS:
            raise ValueError(f"reproduction module '{broken}' failed to import: {_ERRORS[broken]}")
        raise ValueError(f"unknown reproduction '{name}'; available: {', '.join(reg) or '(none)'}.")
    return reg[name]
