r"""Closed forms of heat-bath algorithmic cooling (HBAC): limits and asymptotic states.

Notation: eps_b = tanh(omega / 2T) is the bath (reset-qubit) polarization, Delta = atanh eps_b,
n_c the number of computation qubits (target included), m the number of reset qubits.
A polarization is eps = p(0) - p(1). Sorting protocols cool towards |0> whatever the sign
of eps_b, so their limits use |Delta|.

References:
    A1 N. A. Rodríguez-Briones, R. Laflamme, PRL 116, 170501 (2016),
       doi:10.1103/PhysRevLett.116.170501 (closed-form PPA limit and asymptotic state).
    A2 S. Raeisi, M. Mosca, PRL 114, 100404 (2015), doi:10.1103/PhysRevLett.114.100404
       (the limit is optimal for the state reset; dependence on the reset spectrum).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._checks import FloatArray

__all__ = [
    "check_eps_b",
    "hbac_asymptotic_polarizations",
    "hbac_asymptotic_state",
    "hbac_limit",
    "hbac_limit_spectrum",
    "noe_limit",
    "pair_reset_limit",
    "pair_reset_zq_limit",
    "ppa_limit",
]


def check_eps_b(eps_b: Any, name: str = "eps_b") -> float:
    """A bath polarization in the open interval (-1, 1)."""
    try:
        v = float(eps_b)
    except (TypeError, ValueError):
        raise TypeError(f"`{name}` must be a real number; got {eps_b!r}.") from None
    if not (-1.0 < v < 1.0):
        raise ValueError(
            f"`{name}` must be a polarization in (-1, 1); got {eps_b!r}. "
            "eps_b = tanh(omega / 2T): +-1 would need a bath at zero temperature."
        )
    return v


def _check_count(x: Any, name: str, low: int) -> int:
    if isinstance(x, bool) or not float(x).is_integer():
        raise TypeError(f"`{name}` must be an integer; got {x!r}.")
    v = int(x)
    if v < low:
        raise ValueError(f"`{name}` must be an integer >= {low}; got {x!r}.")
    return v


def hbac_limit(eps_b: float, n_c: int, m: int = 1) -> float:
    r"""Asymptotic target polarization of the PPA with m reset qubits (A1, A2).

    eps_inf = tanh(m 2^{n_c - 1} |Delta|), Delta = atanh(eps_b), starting from the
    maximally mixed state; A2 proves no HBAC protocol with the state reset does better.

    Args:
        eps_b: bath polarization in (-1, 1).
        n_c: computation qubits including the target (>= 1).
        m: reset qubits (>= 1).
    """
    e = check_eps_b(eps_b)
    nc = _check_count(n_c, "n_c", 1)
    mm = _check_count(m, "m", 1)
    return math.tanh(mm * 2.0 ** (nc - 1) * abs(math.atanh(e)))


def ppa_limit(eps_b: float, n: int) -> float:
    r"""PPA limit with n qubits in total, one of them the reset qubit: tanh(2^{n-2} |Delta|)."""
    nn = _check_count(n, "n", 2)
    return hbac_limit(eps_b, nn - 1, 1)


def hbac_limit_spectrum(reset_populations: Any, n_c: int) -> float:
    r"""Asymptotic target polarization for a reset system with any spectrum (A2).

    The computation register converges to the Gibbs state of a 2^{n_c}-level ladder whose
    adjacent ratio is Q = r_min / r_max (the reset system's smallest over largest
    population), so eps_inf = (1 - Q^{2^{n_c - 1}}) / (1 + Q^{2^{n_c - 1}}).
    For m reset qubits Q = ((1 - eps_b)/(1 + eps_b))^m and this is `hbac_limit`.
    """
    r = np.asarray(reset_populations, dtype=np.float64).ravel()
    if r.size < 2 or np.any(r < 0) or not math.isclose(float(r.sum()), 1.0, abs_tol=1e-12):
        raise ValueError(
            "`reset_populations` must be a probability vector with >= 2 entries; "
            f"got {reset_populations!r}."
        )
    nc = _check_count(n_c, "n_c", 1)
    if r.max() == 0:
        raise ValueError("`reset_populations` must not be all zero.")
    log_q = math.log(float(r.min()) / float(r.max())) if r.min() > 0 else -math.inf
    return math.tanh(-0.5 * 2.0 ** (nc - 1) * log_q) if math.isfinite(log_q) else 1.0


def hbac_asymptotic_state(eps_b: float, n_c: int, m: int = 1) -> FloatArray:
    r"""Populations of the PPA fixed point (A1): ladder(n_c) ⊗ reset Gibbs^{⊗m}.

    The computation register holds p_k ∝ q^{m k}, k = 0 .. 2^{n_c} - 1 in binary order,
    q = (1 - |eps_b|)/(1 + |eps_b|): the Gibbs state of an equally spaced ladder whose
    spacing is the reset system's largest gap. Reset qubits are at the bath state.

    Returns:
        array of shape (2^{n_c + m},), basis index with the target most significant.
    """
    e = check_eps_b(eps_b)
    nc = _check_count(n_c, "n_c", 1)
    mm = _check_count(m, "m", 1)
    q = (1.0 - abs(e)) / (1.0 + abs(e))
    k = np.arange(2**nc, dtype=np.float64)
    ladder = np.exp(mm * k * math.log(q)) if q > 0 else (k == 0).astype(float)
    ladder /= ladder.sum()
    reset = np.array([(1.0 + e) / 2.0, (1.0 - e) / 2.0])
    out = ladder
    for _ in range(mm):
        out = np.kron(out, reset)
    return out


def hbac_asymptotic_polarizations(eps_b: float, n_c: int, m: int = 1) -> FloatArray:
    r"""Per-qubit polarizations at the PPA fixed point (A1).

    Computation qubit j = 1 .. n_c (1 = target): eps_j = tanh(m 2^{n_c - j} |Delta|);
    the m reset qubits stay at eps_b.
    """
    e = check_eps_b(eps_b)
    nc = _check_count(n_c, "n_c", 1)
    mm = _check_count(m, "m", 1)
    d = abs(math.atanh(e))
    comp = [math.tanh(mm * 2.0 ** (nc - j) * d) for j in range(1, nc + 1)]
    return np.array(comp + [e] * mm)


def noe_limit(eps_b: float) -> float:
    r"""Two-qubit Overhauser-type limit tanh(2 Delta) = 2 eps_b/(1 + eps_b^2).

    Reached after two rounds of [sigma_x on the reset qubit, double-quantum pair reset]
    (card claim 5, a reconstruction of the A3/A4 mechanism).
    """
    e = check_eps_b(eps_b)
    return 2.0 * e / (1.0 + e * e)


def pair_reset_limit(eps_b: float, n: int) -> float:
    r"""Ideal pair-reset limit tanh(2^n |Delta|) (card claim 6; a reconstruction).

    Double-quantum thermalization of adjacent sorted levels (Gibbs ratio e^{4|Delta|})
    builds a geometric ladder over all 2^n levels of the register.
    """
    e = check_eps_b(eps_b)
    nn = _check_count(n, "n", 2)
    return math.tanh(2.0**nn * abs(math.atanh(e)))


def pair_reset_zq_limit(eps_b: float) -> float:
    r"""Best two-qubit target polarization with double- AND zero-quantum relaxation.

    With R = e^{4|Delta|}, permutations followed by Sigma_DQ + Sigma_ZQ reach at most
    (R - 1)/(R + 3) (≈ 1.01 eps_b at eps_b = 0.01): the zero-quantum relaxation removes the
    gain of the pair reset (card claim 7). Derivation: after the channel the state is
    (s R/(R+1), (1-s)/2, (1-s)/2, s/(R+1)); the best next s is the sum of the two largest
    entries, a monotone map whose fixed point is s* = (R + 1)/(R + 3), and the target
    polarization is s*(R - 1)/(R + 1). Our derivation (card: beam search 1.0100 eps_b).
    """
    e = check_eps_b(eps_b)
    R = ((1.0 + abs(e)) / (1.0 - abs(e))) ** 2
    return (R - 1.0) / (R + 3.0)
