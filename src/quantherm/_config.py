"""Default numerical tolerances; `set_options` changes them inside a ``with`` block."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, fields, replace


@dataclass(frozen=True, slots=True)
class Options:
    """Tolerances used by validation and law checks.

    Attributes:
        atol_hermitian: absolute tolerance of the Hermiticity check of operators.
        atol_state: tolerance of the density-matrix check (trace, positivity).
        atol_law: tolerance of the first-law residual and entropy-production sign checks.
        degeneracy_tol: two Bohr frequencies closer than this are treated as equal.
    """

    atol_hermitian: float = 1e-10
    atol_state: float = 1e-8
    atol_law: float = 1e-9
    degeneracy_tol: float = 1e-9


_OPTIONS = Options()


def get_options() -> Options:
    """Return the options in force."""
    return _OPTIONS


@contextlib.contextmanager
def set_options(**changes: float) -> Iterator[Options]:
    """Temporarily change tolerances: ``with set_options(atol_law=1e-6): ...``."""
    global _OPTIONS
    valid = {f.name for f in fields(Options)}
    unknown = set(changes) - valid
    if unknown:
        raise ValueError(f"unknown option(s) {sorted(unknown)}; valid options are {sorted(valid)}.")
    old = _OPTIONS
    _OPTIONS = replace(old, **changes)
    try:
        yield _OPTIONS
    finally:
        _OPTIONS = old
