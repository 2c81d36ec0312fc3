r"""Szilard engines: the classical engine with measurement error and the quantum engine.

Classical (Sagawa-Ueda example; energies in kT). One particle, partition in the middle,
measurement of the side x through a binary symmetric channel with error epsilon (outcome y),
quasi-static isothermal move of the partition so that the side indicated by y gets volume
fraction v, removal. Pathwise work extracted W(x, y) = ln(2v) if x = y, ln(2(1 - v))
otherwise; pathwise information I(x, y) = ln(2(1 - epsilon)) or ln(2 epsilon).
<W> = (1 - epsilon) ln(2v) + epsilon ln(2(1 - v)) <= I = ln 2 - h(epsilon), with equality at
v = 1 - epsilon; <exp(W - I)> = 1 for every v when 0 < epsilon < 1 (generalized Jarzynski with
Delta F = 0); at epsilon = 0 (1) it is v (1 - v): the process is absolutely irreversible
(Murashita, Funo & Ueda, PRE 90, 042110 (2014));
efficacy <exp(W)> = 2[(1 - epsilon) v + epsilon (1 - v)].

Quantum (Kim et al. protocol class). N identical particles in a 1D box of length L, single-
particle levels k^2 epsilon_1 (L/l)^2 in a sub-box of length l. Insert a wall at L/2, measure
n (particles on the left), move the wall quasi-statically to l_n, remove it:
W_ext / kT = sum_n p_n ln(f_n(l_n)/p_n),
f_n(l) = Z_n(l) Z_{N-n}(L - l) / sum_m Z_m(l) Z_{N-m}(L - l),
p_n = f_n(L/2), optimal l_n = argmax f_n. Canonical Z_N from the symmetric polynomials of the
Boltzmann factors (elementary: fermions; complete: bosons; z^N/N!: Maxwell-Boltzmann), all in
log space, so low temperatures do not underflow.

References:
    L. Szilard, Z. Phys. 53, 840 (1929), doi:10.1007/BF01341281.
    T. Sagawa, M. Ueda, PRL 100, 080403 (2008); PRL 104, 090602 (2010).
    S. W. Kim, T. Sagawa, S. De Liberato, M. Ueda, PRL 106, 070401 (2011),
    doi:10.1103/PhysRevLett.106.070401.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import gammaln, logsumexp

from .._checks import FloatArray, check_choice, check_positive, check_temperature
from ..core.operators import qeye
from .measurement import noisy_measurement
from .protocol import (
    InformationLedger,
    erase,
    feedback,
    isothermal,
    ledger,
    memory_state,
    record,
    thermalize,
)
from .quantities import binary_entropy

__all__ = [
    "QuantumSzilard",
    "SzilardResult",
    "quantum_szilard",
    "szilard",
    "szilard_demon",
]

Statistics = Literal["boson", "fermion", "classical"]


@dataclass(frozen=True, slots=True, kw_only=True)
class SzilardResult:
    """Classical Szilard engine with measurement error (energies in kT, information in nats).

    Attributes:
        error, partition: epsilon and v.
        work_out: <W_ext> / kT.
        mutual_information: I = ln 2 - h(epsilon).
        jarzynski_generalized: <exp(W_ext - I)> (= 1).
        efficacy: <exp(W_ext)>.
        work_paths, information_paths, probabilities: arrays indexed [x, y].
    """

    error: float
    partition: float
    work_out: float
    mutual_information: float
    jarzynski_generalized: float
    efficacy: float
    work_paths: FloatArray
    information_paths: FloatArray
    probabilities: FloatArray


def szilard(error: float, partition: float) -> SzilardResult:
    """Classical Szilard engine with a binary-symmetric measurement error (closed form).

    Args:
        error: measurement error probability epsilon in [0, 1].
        partition: final volume fraction v given to the side indicated by the outcome,
            in [0, 1] (v = 1 is the naive full expansion; its work is -inf when epsilon > 0).

    Returns:
        A `SzilardResult`; work is extracted work (positive for an engine) in units of kT.
    """
    eps = float(error)
    v = float(partition)
    if not 0.0 <= eps <= 1.0:
        raise ValueError(f"`error` must be a probability in [0, 1]; got {error!r}.")
    if not 0.0 <= v <= 1.0:
        raise ValueError(f"`partition` must be a volume fraction in [0, 1]; got {partition!r}.")
    P = 0.5 * np.array([[1 - eps, eps], [eps, 1 - eps]])  # P[x, y]
    with np.errstate(divide="ignore"):
        W = np.log(np.array([[2 * v, 2 * (1 - v)], [2 * (1 - v), 2 * v]]))
        I = np.log(np.array([[2 * (1 - eps), 2 * eps], [2 * eps, 2 * (1 - eps)]]))
    # which branches occur is decided by eps itself, not by 0.5*eps (which underflows to 0
    # for subnormal eps and would silently drop a branch that exists)
    mask = np.array([[1 - eps > 0, eps > 0], [eps > 0, 1 - eps > 0]])
    mean_W = float(np.sum(P[mask] * W[mask]))
    # P(x, y) exp(W - I) = p(x) p(y) exp(W): summed over the branches that occur
    jar = float(np.sum(0.25 * np.exp(W[mask])))
    eff = float(np.sum(P[mask] * np.exp(W[mask])))
    return SzilardResult(
        error=eps,
        partition=v,
        work_out=mean_W,
        mutual_information=float(math.log(2.0) - binary_entropy(eps)),
        jarzynski_generalized=jar,
        efficacy=eff,
        work_paths=W,
        information_paths=I,
        probabilities=P,
    )


def szilard_demon(
    error: float,
    partition: float,
    T: float = 1.0,
    *,
    gamma_tau: float | None = None,
    p_final: float = 0.0,
) -> InformationLedger:
    r"""The Szilard engine with the demon's memory simulated explicitly.

    The particle's side is a two-state system whose levels are the free energies of the
    two compartments, E_x = -T ln(2 v_x) (so a quasi-static partition move is a quench of
    these levels while the particle is trapped, and removing the partition is thermal
    contact). Strokes: noisy measurement into a one-bit memory, conditional quench,
    thermalization, quasi-static return to degenerate levels, erasure of the memory
    (quasi-static, or finite-time with `gamma_tau`). This coarse graining books the same
    work and the same entropy production per stroke as the particle in the box.

    Returns:
        The ledger: `work_out` = <W_ext>, `work_memory` = erasure cost,
        `entropy_production_system` = -<W_ext>/T < 0, `entropy_production_total` >= 0.
    """
    v = float(partition)
    if not 0.0 < v < 1.0:
        raise ValueError(
            f"`partition` must be in (0, 1) for the explicit demon (v = 0 or 1 costs infinite "
            f"work when the measurement errs); got {partition!r}."
        )
    Tm = float(check_temperature(T))
    check_positive(Tm, "T")
    H0 = np.zeros((2, 2), dtype=np.complex128)
    meas = noisy_measurement(np.stack([np.diag([1.0, 0.0]), np.diag([0.0, 1.0])]), error)
    s0 = memory_state(np.eye(2) / 2, H0, 2)
    s1, r1 = record(s0, meas)
    quench = {
        0: np.diag([-Tm * math.log(2 * v), -Tm * math.log(2 * (1 - v))]),
        1: np.diag([-Tm * math.log(2 * (1 - v)), -Tm * math.log(2 * v)]),
    }
    s2, r2 = feedback(s1, meas, {0: qeye(2), 1: qeye(2)}, hamiltonians=quench)
    s3, r3 = thermalize(s2, Tm)
    s4, r4 = isothermal(s3, H0, Tm)
    s5, r5 = erase(s4, Tm, p_final=p_final, gamma_tau=gamma_tau)
    return ledger(s0, s5, [r1, r2, r3, r4, r5])


# --------------------------------------------------------------------------- quantum engine


@dataclass(frozen=True, slots=True, kw_only=True)
class QuantumSzilard:
    """Quantum Szilard engine (Kim et al. protocol class), energies in kT.

    Attributes:
        statistics, particles, beta_e1: inputs (beta_e1 = epsilon_1 / kT).
        probabilities: p_n, n = 0..N, after the wall is inserted at L/2.
        f_opt: f_n at the optimal wall positions.
        positions: optimal wall positions l_n / L.
        work_out: W_ext / kT = sum_n p_n ln(f_n / p_n).
        information: H(p) (error-free measurement of n), the bound on work_out.
    """

    statistics: str
    particles: int
    beta_e1: float
    probabilities: FloatArray
    f_opt: FloatArray
    positions: FloatArray
    work_out: float
    information: float


def _log_z_canonical(n: int, beta_e1: float, l: float, statistics: str) -> float:
    """ln Z_n of n particles in a box of length l (units of L); Z_0 = 1."""
    if n == 0:
        return 0.0
    a = beta_e1 / (l * l)
    kmax = math.ceil(math.sqrt(60.0 / a + 1.0) + 2 * n + 10)
    k = np.arange(1, kmax + 1, dtype=np.float64)
    logx = -a * (k * k - 1.0)  # Boltzmann factors relative to the ground level, in logs
    if statistics == "classical":
        return float(n * (-a + logsumexp(logx)) - gammaln(n + 1))
    logpoly = np.zeros_like(logx)  # degree-0 symmetric polynomial of every prefix
    for j in range(1, n + 1):
        if statistics == "fermion":  # elementary: e_j(<=k) = e_j(<=k-1) + x_k e_{j-1}(<=k-1)
            empty = 0.0 if j == 1 else -np.inf  # e_{j-1} of the empty prefix
            shifted = np.concatenate([[empty], logpoly[:-1]])
            logpoly = np.logaddexp.accumulate(logx + shifted)
        else:  # complete: h_j(<=k) = h_j(<=k-1) + x_k h_{j-1}(<=k)
            logpoly = np.logaddexp.accumulate(logx + logpoly)
    # the ground-level energy a (in kT) was factored out of every particle
    return float(-n * a + logpoly[-1])


def _log_f(n: int, N: int, beta_e1: float, l: float, statistics: str) -> float:
    terms = [
        _log_z_canonical(m, beta_e1, l, statistics)
        + _log_z_canonical(N - m, beta_e1, 1 - l, statistics)
        for m in range(N + 1)
    ]
    return float(terms[n] - logsumexp(terms))


def quantum_szilard(statistics: str, particles: int, beta_e1: float) -> QuantumSzilard:
    """Work of the quantum Szilard engine with optimal quasi-static wall positions.

    Args:
        statistics: "boson", "fermion" or "classical" (Maxwell-Boltzmann).
        particles: N >= 1.
        beta_e1: epsilon_1 / kT with epsilon_1 = pi^2 hbar^2 / (2 m L^2) (> 0).

    Returns:
        A `QuantumSzilard` with W_ext / kT <= H(p) (Sagawa-Ueda, error-free measurement).
    """
    check_choice(statistics, "statistics", ("boson", "fermion", "classical"))
    if not isinstance(particles, int | np.integer) or particles < 1:
        raise ValueError(f"`particles` must be a positive integer; got {particles!r}.")
    b = float(check_positive(beta_e1, "beta_e1"))
    N = int(particles)
    logp = np.array([_log_f(n, N, b, 0.5, statistics) for n in range(N + 1)])
    p = np.exp(logp)
    logf = np.zeros(N + 1)
    pos = np.zeros(N + 1)
    pos[N] = 1.0
    for n in range(1, N):
        res = minimize_scalar(
            lambda l, n=n: -_log_f(n, N, b, l, statistics),
            bounds=(0.05, 0.95),
            method="bounded",
            options={"xatol": 1e-10},
        )
        logf[n] = -float(res.fun)
        pos[n] = float(res.x)
    keep = p > 0
    work = float(np.sum(p[keep] * (logf[keep] - logp[keep])))
    info = float(-np.sum(p[keep] * logp[keep]))
    return QuantumSzilard(
        statistics=statistics,
        particles=N,
        beta_e1=b,
        probabilities=p,
        f_opt=np.exp(logf),
        positions=pos,
        work_out=work,
        information=info,
    )
