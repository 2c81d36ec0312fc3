r"""Beam search over all basis permutations before a thermal channel (small registers).

The question "how cold can the target get if any unitary may precede the bath contact?"
has, for diagonal states and permutation unitaries, a finite search per step: the 2^n!
permutations of the levels. `best_permutation_cooling` keeps the `beam` best states (by
the target polarization reachable with a final sort) after each [permutation, channel]
step and iterates to convergence. Used as an independent check of the card's optimality
statements for n = 2 (24 permutations); n = 3 (40320) is allowed but slow.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .._checks import FloatArray
from ..errors import ConvergenceError
from .hbac_limits import _check_count, check_eps_b
from .hbac_steps import AbstractStep

__all__ = ["PermutationSearchResult", "best_permutation_cooling"]


@dataclass(frozen=True, slots=True, kw_only=True)
class PermutationSearchResult:
    """Outcome of `best_permutation_cooling`.

    Attributes:
        eps_target: best target polarization found (after a final sort).
        history: best sorted target polarization after each search step, shape (steps + 1,).
        populations: the best state (sorted), shape (2^n,).
        steps: search steps performed.
    """

    eps_target: float
    history: FloatArray
    populations: FloatArray
    steps: int


def _sorted_target(p: FloatArray) -> FloatArray:
    s = -np.sort(-p, axis=-1)
    h = p.shape[-1] // 2
    return np.asarray(s[..., :h].sum(-1) - s[..., h:].sum(-1))


def best_permutation_cooling(
    n: int,
    eps_b: float,
    channel: Sequence[AbstractStep],
    *,
    beam: int = 6,
    tol: float = 1e-14,
    patience: int = 20,
    max_steps: int = 5000,
) -> PermutationSearchResult:
    """Beam search of [any permutation, then `channel`] steps from the maximally mixed state.

    Args:
        n: register qubits (2 or 3; 2^n! permutations are tried per state).
        eps_b: bath polarization in (-1, 1).
        channel: thermal steps applied after each permutation (population path).
        beam: states kept per step.
        tol: the search stops when the best value has improved by less than `tol` over
            `patience` steps.
        patience: see `tol`.
        max_steps: cap on search steps.

    Raises:
        ConvergenceError: no convergence within `max_steps`.
    """
    nn = _check_count(n, "n", 2)
    if nn > 3:
        raise ValueError(f"`n` must be 2 or 3 (2^n! permutations per step); got {n!r}.")
    e = check_eps_b(eps_b)
    steps = tuple(channel)
    for s in steps:
        if not isinstance(s, AbstractStep) or s.is_compression:
            raise TypeError("`channel` must contain thermal steps (Reset, CrossRelaxation).")
        s.validate(nn)
    D = 2**nn
    perms = np.array(list(itertools.permutations(range(D))))
    states = np.full((1, D), 1.0 / D)
    history = [float(_sorted_target(states)[0])]
    for k in range(1, max_steps + 1):
        cand = states[:, perms].reshape(-1, D)
        for s in steps:
            cand = s.apply_populations(cand, nn, e)
        score = _sorted_target(cand)
        key = np.round(-np.sort(-cand, axis=-1), 14)
        _, first = np.unique(key, axis=0, return_index=True)
        best = first[np.argsort(-score[first], kind="stable")[:beam]]
        states = cand[best]
        history.append(float(score[best[0]]))
        if k > patience and history[-1] - history[-1 - patience] < tol:
            top = states[0]
            return PermutationSearchResult(
                eps_target=history[-1],
                history=np.array(history),
                populations=-np.sort(-top),
                steps=k,
            )
    raise ConvergenceError(
        f"permutation search did not converge within {max_steps} steps "
        f"(last improvement {history[-1] - history[-1 - patience]:.3g}); raise `max_steps`."
    )
