r"""Generalized measurements (instruments given by Kraus operators) with POVM validation.

A measurement with outcomes k has Kraus operators M_k with sum_k M_k^dag M_k = 1; its
effects (POVM elements) are E_k = M_k^dag M_k. Outcome k occurs with probability
p_k = Tr[E_k rho] and leaves the post-measurement state M_k rho M_k^dag / p_k.

References:
    M. A. Nielsen, I. L. Chuang, *Quantum Computation and Quantum Information*, ch. 2.2.
    T. Sagawa, M. Ueda, PRL 100, 080403 (2008), doi:10.1103/PhysRevLett.100.080403.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._checks import ComplexArray, FloatArray, check_density_matrix, check_square
from .._checks import as_array as _as_array
from .._config import get_options
from ..core.operators import dag

__all__ = ["Measurement", "check_povm", "measure", "noisy_measurement", "povm", "projective"]


def check_povm(effects: Any, name: str = "effects", *, atol: float | None = None) -> ComplexArray:
    """Validate a POVM: each E_k Hermitian and PSD, sum_k E_k = 1.

    Args:
        effects: array (n_outcomes, d, d) or a sequence of (d, d) operators.
        name: argument name used in error messages.
        atol: tolerance (default `atol_state` of the options).

    Returns:
        The effects as complex128, shape (n_outcomes, d, d).

    Raises:
        ValueError: if an effect is not Hermitian or not PSD, or the effects do not sum
            to the identity.
    """
    tol = get_options().atol_state if atol is None else atol
    E = _stack(effects, name)
    dev = float(np.max(np.abs(E - dag(E)), initial=0.0))
    if dev > tol:
        raise ValueError(
            f"`{name}` must be a POVM (Hermitian, PSD effects summing to the identity); "
            f"got an effect with max |E - E^dagger| = {dev:.3g}. Use E_k = M_k^dagger M_k."
        )
    lam = np.linalg.eigvalsh(0.5 * (E + dag(E)))
    if float(lam.min()) < -tol:
        k = int(np.argmin(lam.min(axis=-1)))
        raise ValueError(
            f"`{name}` must be a POVM (Hermitian, PSD effects summing to the identity); "
            f"got effect {k} with eigenvalue {float(lam.min()):.3g}. Effects are probabilities "
            "and cannot be negative."
        )
    _check_completeness(E.sum(axis=0), name, tol)
    return E


def _stack(ops: Any, name: str) -> ComplexArray:
    if isinstance(ops, np.ndarray) and ops.ndim == 3:
        arr = np.asarray(ops, dtype=np.complex128)
    else:
        try:
            items = list(ops)
        except TypeError as exc:
            raise TypeError(
                f"`{name}` must be a sequence of (d, d) operators; got {type(ops).__name__}."
            ) from exc
        if not items:
            raise ValueError(f"`{name}` must contain at least one operator; got none.")
        mats = [_as_array(o, f"{name}[{k}]") for k, o in enumerate(items)]
        shapes = {m.shape for m in mats}
        if len(shapes) != 1:
            raise ValueError(
                f"`{name}` must contain operators of one shape (d, d); got shapes {sorted(shapes)}."
            )
        arr = np.stack(mats)
    if arr.ndim != 3:
        raise ValueError(f"`{name}` must have shape (n_outcomes, d, d); got {arr.shape}.")
    check_square(arr, name)
    return arr


def _check_completeness(S: ComplexArray, name: str, tol: float) -> None:
    dev = float(np.max(np.abs(S - np.eye(S.shape[-1])), initial=0.0))
    if dev > tol:
        raise ValueError(
            f"`{name}` must be a POVM: sum_k M_k^dagger M_k must equal the identity; "
            f"got "
            f"max deviation {dev:.3g}. Add the missing outcome or renormalise the operators."
        )


@dataclass(frozen=True, slots=True, eq=False)
class Measurement:
    """A measurement instrument with Kraus operators M_k (validated: sum M_k^dag M_k = 1).

    Attributes:
        kraus: Kraus operators, shape (n_outcomes, d, d).
        outcomes: outcome labels (default 0, 1, ..., n_outcomes - 1).
    """

    kraus: ComplexArray
    outcomes: tuple[Any, ...] = ()

    def __post_init__(self) -> None:
        K = _stack(self.kraus, "kraus")
        tol = get_options().atol_state
        _check_completeness(np.einsum("kji,kjl->il", np.conj(K), K), "kraus", tol)
        labels = tuple(self.outcomes) or tuple(range(K.shape[0]))
        if len(labels) != K.shape[0]:
            raise ValueError(
                f"`outcomes` must have one label per Kraus operator ({K.shape[0]}); "
                f"got {len(labels)}."
            )
        if len(set(labels)) != len(labels):
            raise ValueError(f"`outcomes` must be distinct; got {labels!r}.")
        object.__setattr__(self, "kraus", K)
        object.__setattr__(self, "outcomes", labels)

    @property
    def dim(self) -> int:
        """Dimension d of the measured system."""
        return int(self.kraus.shape[-1])

    @property
    def n_outcomes(self) -> int:
        """Number of outcomes."""
        return int(self.kraus.shape[0])

    @property
    def effects(self) -> ComplexArray:
        """POVM elements E_k = M_k^dag M_k, shape (n_outcomes, d, d)."""
        return np.asarray(dag(self.kraus) @ self.kraus)

    def index(self, outcome: Any) -> int:
        """Position of an outcome label."""
        return self.outcomes.index(outcome)


def projective(
    projectors: Sequence[Any] | ComplexArray, outcomes: Sequence[Any] = ()
) -> Measurement:
    """A projective (von Neumann-Lueders) measurement; the projectors must be orthogonal.

    Raises:
        ValueError: if an operator is not a projector (P^2 = P = P^dag) or they do not sum to 1.
    """
    P = _stack(projectors, "projectors")
    tol = get_options().atol_state
    dev = float(np.max(np.abs(P @ P - P), initial=0.0)) + float(np.max(np.abs(P - dag(P))))
    if dev > tol:
        raise ValueError(
            f"`projectors` must be orthogonal projectors (P^2 = P = P^dagger); "
            f"got deviation "
            f"{dev:.3g}. Use `povm` for unsharp measurements."
        )
    return Measurement(kraus=P, outcomes=tuple(outcomes))


def povm(effects: Sequence[Any] | ComplexArray, outcomes: Sequence[Any] = ()) -> Measurement:
    """The minimally disturbing instrument of a POVM: M_k = sqrt(E_k) (Lueders rule).

    Raises:
        ValueError: if `effects` is not a POVM (see `check_povm`).
    """
    E = check_povm(effects)
    lam, V = np.linalg.eigh(0.5 * (E + dag(E)))
    root = (V * np.sqrt(np.clip(lam, 0.0, None))[..., None, :]) @ dag(V)
    return Measurement(kraus=root, outcomes=tuple(outcomes))


def noisy_measurement(
    projectors: Sequence[Any] | ComplexArray, confusion: Any, outcomes: Sequence[Any] = ()
) -> Measurement:
    r"""An unsharp measurement: a projective measurement read out through a noisy channel.

    E_y = sum_x P(y|x) P_x with the confusion (likelihood) matrix P(y|x) = `confusion[y, x]`,
    columns summing to 1. A scalar `confusion` = epsilon gives the binary (or n-ary)
    symmetric channel: P(y|x) = 1 - epsilon if y = x, epsilon/(n - 1) otherwise.

    Raises:
        ValueError: if the projectors are not a projective measurement or `confusion` is not
            a stochastic matrix.
    """
    P = projective(projectors).kraus
    n = P.shape[0]
    C = np.asarray(confusion, dtype=np.float64)
    if C.ndim == 0:
        eps = float(C)
        if not 0.0 <= eps <= 1.0 or n < 2:
            raise ValueError(f"`confusion` (an error probability) must be in [0, 1]; got {eps!r}.")
        C = np.full((n, n), eps / (n - 1))
        np.fill_diagonal(C, 1.0 - eps)
    if C.ndim != 2 or C.shape[1] != n or np.any(C < 0) or np.any(np.abs(C.sum(axis=0) - 1) > 1e-12):
        raise ValueError(
            "`confusion` must be a stochastic matrix P(y|x) of shape (n_outcomes, "
            f"{n}) with non-negative entries and columns summing to 1; got {np.array2string(C)}."
        )
    return povm(np.einsum("yx,xij->yij", C, P), outcomes)


def measure(rho: Any, measurement: Measurement) -> tuple[FloatArray, ComplexArray]:
    """Outcome probabilities and post-measurement states.

    Args:
        rho: density matrix (d, d).
        measurement: the instrument.

    Returns:
        (p, states): p has shape (n_outcomes,); states (n_outcomes, d, d) are
        M_k rho M_k^dag / p_k (the maximally mixed state where p_k = 0).
    """
    r = check_density_matrix(rho, "rho")
    if r.shape[-1] != measurement.dim:
        raise ValueError(
            f"`rho` must have the dimension of the measurement ({measurement.dim}); "
            f"got {r.shape[-1]}."
        )
    K = measurement.kraus
    unnorm = K @ r @ dag(K)
    p = np.clip(np.real(np.trace(unnorm, axis1=-2, axis2=-1)), 0.0, None)
    d = r.shape[-1]
    safe = np.where(p > 0, p, 1.0)
    states = np.where((p > 0)[:, None, None], unnorm / safe[:, None, None], np.eye(d) / d)
    return p, np.asarray(states, dtype=np.complex128)
