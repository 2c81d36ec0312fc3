"""Validation at the public boundary, with uniform messages.

Template: "`<arg>` must <expectation>; got <actual>. <how to fix>."
Internals assume valid input.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt

from ._config import get_options

ComplexArray = npt.NDArray[np.complex128]
FloatArray = npt.NDArray[np.float64]


def as_array(x: Any, name: str) -> ComplexArray:
    """Convert an operator-like (ndarray, nested list, QuTiP ``Qobj``) to complex128."""
    if hasattr(x, "full") and callable(x.full):  # QuTiP Qobj
        x = x.full()
    elif hasattr(x, "toarray") and callable(x.toarray):  # scipy.sparse
        x = x.toarray()
    try:
        arr = np.asarray(x, dtype=np.complex128)
    except (TypeError, ValueError) as exc:
        raise TypeError(
            f"`{name}` must be an array-like operator (ndarray or QuTiP Qobj); "
            f"got {type(x).__name__}."
        ) from exc
    return arr


def check_square(arr: ComplexArray, name: str) -> ComplexArray:
    """Require shape (..., d, d) with d >= 1."""
    if arr.ndim < 2 or arr.shape[-1] != arr.shape[-2] or arr.shape[-1] == 0:
        raise ValueError(
            f"`{name}` must be a square matrix of shape (..., d, d); got shape {arr.shape}."
        )
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"`{name}` must be finite; got NaN or infinite entries.")
    return arr


def check_hermitian(x: Any, name: str, *, atol: float | None = None) -> ComplexArray:
    """Return `x` as complex128 (..., d, d), raising if it is not Hermitian."""
    arr = check_square(as_array(x, name), name)
    tol = get_options().atol_hermitian if atol is None else atol
    dev = float(np.max(np.abs(arr - np.conj(np.swapaxes(arr, -1, -2))), initial=0.0))
    scale = max(1.0, float(np.max(np.abs(arr), initial=0.0)))
    if dev > tol * scale:
        raise ValueError(
            f"`{name}` must be Hermitian; got max |{name} - {name}^dagger| = {dev:.3g}. "
            "A Hamiltonian or observable must equal its conjugate transpose."
        )
    return arr


def check_density_matrix(x: Any, name: str, *, atol: float | None = None) -> ComplexArray:
    """Return `x` as complex128 (..., d, d), raising unless Hermitian, PSD and unit trace."""
    tol = get_options().atol_state if atol is None else atol
    arr = check_hermitian(x, name, atol=tol)
    tr = np.trace(arr, axis1=-2, axis2=-1)
    bad_tr = np.abs(tr - 1.0)
    if np.any(bad_tr > tol):
        worst = complex(np.ravel(tr)[int(np.argmax(np.ravel(bad_tr)))])
        raise ValueError(
            f"`{name}` must be a density matrix (Hermitian, PSD, unit trace); "
            f"got trace {worst.real:.6g}. Normalise it (rho / trace(rho))."
        )
    herm = 0.5 * (arr + np.conj(np.swapaxes(arr, -1, -2)))
    lam_min = float(np.min(np.linalg.eigvalsh(herm)))
    if lam_min < -tol:
        raise ValueError(
            f"`{name}` must be a density matrix (Hermitian, PSD, unit trace); "
            f"got smallest eigenvalue {lam_min:.3g}. A state cannot have negative probabilities."
        )
    return arr


def check_dims(arr: ComplexArray, d: int, name: str, other: str) -> None:
    """Require the last two axes of `arr` to be (d, d)."""
    if arr.shape[-1] != d:
        raise ValueError(
            f"`{name}` must act on the same Hilbert space as `{other}` (dimension {d}); "
            f"got dimension {arr.shape[-1]}."
        )


def check_temperature(T: Any, name: str = "T") -> FloatArray:
    """Temperatures are real, finite-or-inf and >= 0 (arrays allowed for batches)."""
    try:
        arr = np.asarray(T, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"`{name}` must be a real number; got {T!r}.") from exc
    if np.any(np.isnan(arr)) or np.any(arr < 0):
        raise ValueError(
            f"`{name}` must be a temperature in [0, inf); got {T!r}. "
            "Temperatures are absolute (k_B = 1); T = 0 is allowed."
        )
    return arr


def check_positive(x: Any, name: str, *, allow_zero: bool = False) -> FloatArray:
    """A real, finite, positive (or non-negative) number or array."""
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"`{name}` must be a real number; got {x!r}.") from exc
    bad = (arr < 0) if allow_zero else (arr <= 0)
    if np.any(~np.isfinite(arr)) or np.any(bad):
        rng = "[0, inf)" if allow_zero else "(0, inf)"
        raise ValueError(f"`{name}` must be a finite number in {rng}; got {x!r}.")
    return arr


def check_choice(value: str, name: str, choices: Iterable[str]) -> str:
    """A string among `choices`; the message lists them."""
    options = list(choices)
    if value not in options:
        raise ValueError(
            f"`{name}` must be one of {', '.join(repr(c) for c in options)}; got {value!r}."
        )
    return value


def check_finite_scalar(x: Any, name: str) -> float:
    """A finite real scalar."""
    try:
        v = float(x)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"`{name}` must be a real number; got {x!r}.") from exc
    if not math.isfinite(v):
        raise ValueError(f"`{name}` must be finite; got {x!r}.")
    return v
