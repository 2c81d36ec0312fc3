r"""Dynamic cooling with finite resources: one target qubit, n identical reservoir qubits.

Setting (Allahverdyan, Hovhannisyan, Janzing, Mahler, PRE 84, 041109 (2011),
doi:10.1103/PhysRevE.84.041109; Bassman Oftelie, De Pasquale, Campisi, arXiv:2401.09134):
N = n + 1 qubits, each with gap w (H = w sum_j |1><1|_j), start in the product Gibbs state at
inverse temperature beta (beta_w = beta w). An external drive applies one global unitary U
(no bath during the stroke); the target (qubit 0) is to be left as cold as possible.

Optimum. The initial state is diagonal with eigenvalues p_k = (1 - q)^{N - k} q^k,
q = e^{-beta_w}/(1 + e^{-beta_w}) the excited population of one qubit, k the number of
excitations. The target's ground population after U is the weight U puts on the target-ground
subspace (dimension 2^n); by the Ky Fan / Schur-Horn bound it is at most the sum of the 2^n
largest eigenvalues, reached by the permutation that sorts them there. Hence

    p_min = sum_{k > N/2} C(N, k) q^k (1 - q)^{N - k} + [N even] C(N, N/2) (q (1 - q))^{N/2} / 2,

the probability that a majority of the N qubits is excited (ties count one half), and the
target's temperature T_min = w / ln[(1 - p_min)/p_min] > 0 for every finite n (absolute zero is
unattainable with finite resources). At fixed beta_w and large N,
ln(1/p_min) = N D + O(ln N) with D = D(1/2 || q) = -ln[4 q (1 - q)]/2, so T_min ~ w / (N D)
(the 1/N law of AHJM); for beta_w -> 0, T_min/T -> 2^{N-1}/(N C(N-1, floor(N/2))) ~ sqrt(pi/(2N)),
the slow 1/sqrt(N) law of high-temperature (NMR) dynamic cooling.

Sign convention (DESIGN.md): work W = Tr[H (U rho U^dag - rho)] > 0 is done on the qubits by the
drive. Since U leaves the spectrum unchanged, W = T D(rho' || rho_beta) >= 0 exactly (second law
of a cyclic drive on a Gibbs state). Among the optimal permutations, `dynamic_cooling` returns the
one of least work (largest populations on the lowest energies inside each target block).
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.special import gammaln, logsumexp

from .._checks import FloatArray, check_positive
from ..core.operators import qubit_number
from ..core.states import gibbs_state

__all__ = [
    "DynamicCoolingResult",
    "brute_force_cooling",
    "dynamic_cooling",
    "dynamic_cooling_limit",
    "high_temperature_cooling_ratio",
]

MAX_SORTED_QUBITS = 20  # the explicit optimum stores 2^(n+1) populations


@dataclass(frozen=True, slots=True, kw_only=True)
class DynamicCoolingResult:
    """Optimal single-unitary cooling of a target qubit by n reservoir qubits.

    Attributes:
        n: number of reservoir qubits.
        beta_w: beta times the gap.
        gap: qubit gap w (energy unit).
        excited_population_initial: target excited population before the stroke.
        excited_population_min: target excited population after the optimal unitary.
        temperature_initial: w / beta_w.
        temperature_min: w / ln[(1 - p_min)/p_min], the target's temperature afterwards.
        work: energy the drive puts into the qubits (>= 0), least among optimal unitaries.
        relative_entropy: D(rho' || rho_beta) (nats); `work` = `temperature_initial` times it.
        permutation: basis state i (computational basis, target = most significant qubit) is
            sent to basis state permutation[i].
        populations_final: diagonal of U rho U^dag.
    """

    n: int
    beta_w: float
    gap: float
    excited_population_initial: float
    excited_population_min: float
    temperature_initial: float
    temperature_min: float
    work: float
    relative_entropy: float
    permutation: Any
    populations_final: FloatArray


def _check_n(n: Any, high: int | None = None) -> int:
    if isinstance(n, bool) or not isinstance(n, int | np.integer):
        raise TypeError(f"`n` must be an integer number of reservoir qubits; got {n!r}.")
    if n < 1 or (high is not None and n > high):
        hint = f" and <= {high} (use `dynamic_cooling_limit` for larger n)" if high else ""
        raise ValueError(f"`n` must be >= 1{hint}; got {n!r}.")
    return int(n)


def _check_beta_w(beta_w: Any) -> float:
    """beta w in (0, inf): infinity would be a reservoir already at absolute zero."""
    return float(check_positive(beta_w, "beta_w"))


def _temperature(log_p: float, log_1mp: float, gap: float) -> float:
    """w / ln[(1 - p)/p] from ln p and ln(1 - p) (no underflow for tiny p)."""
    return gap / (log_1mp - log_p)


def dynamic_cooling(n: int, beta_w: float, *, gap: float = 1.0) -> DynamicCoolingResult:
    """Optimal dynamic cooling of qubit 0 by a global unitary on n + 1 qubits (explicit).

    Builds the product Gibbs state from `quantherm.core` (qubit Hamiltonian w |1><1|), sorts its
    eigenvalues into the target-ground subspace and returns the least-work optimal permutation.

    Args:
        n: reservoir qubits (1 <= n <= 20).
        beta_w: beta times the gap (> 0, finite).
        gap: qubit gap w (> 0); temperatures and work are in its units.

    Returns:
        DynamicCoolingResult.

    References:
        A. E. Allahverdyan et al., PRE 84, 041109 (2011), doi:10.1103/PhysRevE.84.041109.
    """
    nn = _check_n(n, MAX_SORTED_QUBITS)
    b = _check_beta_w(beta_w)
    w = float(check_positive(gap, "gap"))
    T = w / b
    one = np.real(np.diag(gibbs_state(w * qubit_number(), T)))  # (1 - q, q)
    N = nn + 1
    factors: list[Any] = [one] * N
    pops = np.asarray(functools.reduce(np.kron, factors), dtype=np.float64)
    idx = np.arange(2**N)
    excitations = np.zeros(2**N, dtype=np.int64)
    for j in range(N):
        excitations += (idx >> j) & 1
    energies = w * excitations
    half = 2**nn  # target = most significant qubit: indices < half have the target in |0>
    # target-ground block first, energies ascending inside each block (stable: ties keep order)
    slots = np.concatenate(
        [
            np.argsort(energies[:half], kind="stable"),
            half + np.argsort(energies[half:], kind="stable"),
        ]
    )
    order = np.argsort(-pops, kind="stable")  # initial states by decreasing population
    perm = np.empty(2**N, dtype=np.int64)
    perm[order] = slots
    final = np.empty_like(pops)
    final[perm] = pops
    p_min = float(np.sum(final[half:]))
    work = float(energies @ (final - pops))
    rel = float(np.sum(final * (np.log(final) - np.log(pops))))
    q = float(one[1])
    return DynamicCoolingResult(
        n=nn,
        beta_w=b,
        gap=w,
        excited_population_initial=q,
        excited_population_min=p_min,
        temperature_initial=T,
        temperature_min=_temperature(math.log(p_min), math.log1p(-p_min), w),
        work=work,
        relative_entropy=rel,
        permutation=perm,
        populations_final=final,
    )


def dynamic_cooling_limit(n: int, beta_w: float, *, gap: float = 1.0) -> tuple[float, float]:
    """Closed form (majority vote) of the optimal dynamic cooling, for any n (log-space sums).

    p_min = P[more than half of N = n + 1 independent qubits excited] (+ half the tie), each
    excited with q = 1/(1 + e^{beta_w}); T_min = w / ln[(1 - p_min)/p_min].

    Returns:
        (excited_population_min, temperature_min); p_min may underflow to 0.0 for very large
        n beta_w while T_min stays accurate (computed from ln p_min).
    """
    nn = _check_n(n)
    b = _check_beta_w(beta_w)
    w = float(check_positive(gap, "gap"))
    N = nn + 1
    log_q = -math.log1p(math.exp(b))  # ln[1/(1 + e^b)]
    log_1mq = -math.log1p(math.exp(-b))
    k = np.arange(N + 1)
    log_terms = gammaln(N + 1) - gammaln(k + 1) - gammaln(N - k + 1) + k * log_q + (N - k) * log_1mq
    log_terms = np.where(2 * k == N, log_terms - math.log(2.0), log_terms)
    log_p = float(logsumexp(log_terms[2 * k >= N]))
    log_1mp = float(logsumexp(log_terms[2 * k <= N]))
    return math.exp(log_p), _temperature(log_p, log_1mp, w)


def high_temperature_cooling_ratio(n: int) -> float:
    """lim_{beta_w -> 0} T_min / T = 1 / (d p_min/d q at q = 1/2) for N = n + 1 qubits.

    The majority function's slope at q = 1/2 is N C(N-1, floor(N/2))/2^{N-1} (for even N the
    tie term is flat there), ~ sqrt(2N/pi); and ln[(1-p)/p] = slope beta_w + O(beta_w^3).
    """
    N = _check_n(n) + 1
    m = N // 2
    log_binom = math.lgamma(N) - math.lgamma(m + 1) - math.lgamma(N - m)
    return math.exp(-(math.log(N) + log_binom - (N - 1) * math.log(2)))


def brute_force_cooling(n: int, beta_w: float) -> float:
    """Least target excited population over ALL permutations of the (n + 1)-qubit basis.

    Independent check of the sorting argument for n <= 2 ((2^{n+1})! permutations: 40320 at
    n = 2); the initial state is diagonal, so permutations cover the relevant extreme points of
    the unitary orbit's diagonals (Schur-Horn).
    """
    nn = _check_n(n, 2)
    b = _check_beta_w(beta_w)
    q = 1.0 / (1.0 + math.exp(b))
    pops = np.asarray(functools.reduce(np.kron, [np.array([1.0 - q, q])] * (nn + 1)))
    dim = pops.size
    perms = np.array(list(itertools.permutations(range(dim))), dtype=np.int8)
    return float(np.min((perms >= dim // 2) @ pops))
