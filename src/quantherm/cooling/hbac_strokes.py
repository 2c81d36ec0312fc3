r"""HBAC steps and rounds as strokes of `quantherm.machines.stroke` (one ledger for all machines).

Every HBAC step becomes a `MapStroke` on the 2^n-dimensional density matrix of the register,
with the energy Hamiltonian H = sum_j n_j (units of the qubit gap omega):

* compressions (`SortCompression`, `Permutation`, `Unitary`, `SortedPairPlacement`): one
  Kraus operator (the unitary), the energy change booked as **work**;
* thermal steps (`Reset`, `CrossRelaxation`): their exact Kraus operators, the energy change
  booked as **heat** of the channel `bath` (the bath of polarization eps_b, inverse
  temperature beta = 2 atanh eps_b).

A round is then a `Cycle` and `limit_cycle` gives its periodic state and per-stroke ledger.
Superoperators are dense (4^n x 4^n), so the stroke form is for small registers (n <= 6);
the population path of `run_hbac` remains the tool for n = 10+.
The sorting compressions of the PPA and of the pair-reset protocols are *state dependent*
(the permutation is chosen from the current populations): a round is a nonlinear map, while
a stroke is a fixed CPTP map. `hbac_cycle` therefore freezes every state-dependent
compression at the permutation it applies on the approach to the protocol's limit, taken
from the round run on the limit state "heated" to rho^(1 - detune) (normalised): this
breaks the ties of the limit state (e.g. p(k, 1) = p(k + 1, 0) at the PPA fixed point) the
way the protocol approaches them from the hotter side. The limit is a fixed point of the
frozen cycle by construction; that it is the *unique* one (so that the frozen round is a
faithful linearisation) is checked by `limit_cycle` (multiplicity 1, otherwise a
`NonUniqueLimitCycleWarning`).

Sign convention (docs/conventions.md): energy into the register is positive; the heat
dumped to the bath by a stroke is -heat[bath], the work spent in a compression is +work.

The stroke layer has no temperature for a `MapStroke` channel, so `StrokeLedger`'s
entropy production omits -beta Q for these channels; use `hbac_entropy_production`.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .._checks import ComplexArray, FloatArray, check_density_matrix
from ..machines.stroke import Cycle, LimitCycle, MapStroke
from .hbac_limits import _check_count, check_eps_b
from .hbac_protocols import HBACProtocol, _energies, run_hbac
from .hbac_steps import AbstractStep

__all__ = ["hbac_cycle", "hbac_entropy_production", "register_hamiltonian", "step_stroke"]

# dense superoperators of 4^n x 4^n entries: n = 6 is already 16.8 M complex entries per stroke
_MAX_QUBITS = 6


def register_hamiltonian(n: int) -> ComplexArray:
    """H = sum_j n_j of an n-qubit register (units of omega), shape (2^n, 2^n)."""
    nn = _check_count(n, "n", 1)
    return np.diag(_energies(nn)).astype(np.complex128)


def _as_density(state: Any, D: int) -> ComplexArray:
    arr = np.asarray(state.full() if hasattr(state, "full") else state)
    if arr.ndim == 1:
        p = np.asarray(arr, dtype=np.float64)
        if p.shape != (D,) or np.any(p < -1e-12) or abs(p.sum() - 1.0) > 1e-9:
            raise ValueError(
                f"`state` must be populations of length 2^n = {D} summing to 1 or a density "
                f"matrix; got shape {p.shape}, sum {p.sum():.6g}."
            )
        return np.diag(p).astype(np.complex128)
    rho = check_density_matrix(arr, "state")
    if rho.shape != (D, D):
        raise ValueError(f"`state` must have shape ({D}, {D}); got {rho.shape}.")
    return rho


def step_stroke(
    step: AbstractStep,
    n: int,
    eps_b: float,
    *,
    state: Any = None,
    bath: str = "bath",
    name: str | None = None,
) -> MapStroke:
    """The HBAC step as a `MapStroke` on the n-qubit register (energies in units of omega).

    Args:
        step: any HBAC step.
        n: qubits in the register.
        eps_b: bath polarization in (-1, 1).
        state: the state the step acts on (populations (2^n,) or density matrix); required
            for state-dependent compressions (`step.state_dependent`), whose permutation is
            frozen at the one chosen for this state.
        bath: ledger channel of the heat of thermal steps.
        name: label in the ledger (default: the step's class name).

    Returns:
        `MapStroke` booking ΔE as work (compressions) or as heat of `bath` (thermal steps).

    Raises:
        TypeError: `step` is not an HBAC step.
        ValueError: a state-dependent step without `state`, a step outside the register.
    """
    if not isinstance(step, AbstractStep):
        raise TypeError(f"`step` must be an HBAC step; got {type(step).__name__}.")
    nn = _check_count(n, "n", 2)
    if nn > _MAX_QUBITS:
        raise ValueError(
            f"`n` must be <= {_MAX_QUBITS} for the stroke form, whose superoperators are dense "
            f"4^n x 4^n matrices; got {n!r}. Use run_hbac (population path) for larger registers."
        )
    eps = check_eps_b(eps_b)
    step.validate(nn)
    D = 2**nn
    if state is None:
        if step.state_dependent:
            raise ValueError(
                f"`state` must be given for {type(step).__name__}: its permutation depends on "
                "the state it acts on. Pass the populations or density matrix it sees."
            )
        rho = np.eye(D, dtype=np.complex128) / D
    else:
        rho = _as_density(state, D)
    if not isinstance(bath, str) or not bath or bath == "work":
        raise ValueError(f"`bath` must be a channel name other than 'work'; got {bath!r}.")
    K = step.kraus(rho, nn, eps)
    return MapStroke(
        H_energy=register_hamiltonian(nn),
        kraus=list(K),
        book_as="work" if step.is_compression else bath,
        name=type(step).__name__ if name is None else name,
    )


def _heated(rho: ComplexArray, detune: float) -> ComplexArray:
    """rho^(1 - detune) / Tr: the same eigenbasis, a slightly higher 'temperature'."""
    lam, V = np.linalg.eigh(0.5 * (rho + rho.conj().T))
    lam = np.clip(lam, 0.0, None)
    with np.errstate(divide="ignore"):
        w = np.where(lam > 0, np.exp((1.0 - detune) * np.log(np.where(lam > 0, lam, 1.0))), 0.0)
    w /= w.sum()
    return np.asarray((V * w) @ V.conj().T)


def hbac_cycle(
    protocol: HBACProtocol,
    *,
    state: Any = None,
    bath: str = "bath",
    detune: float = 1e-6,
) -> Cycle:
    r"""One HBAC round as a `Cycle` of `MapStroke`s (the stroke form of the protocol).

    Thermal steps and fixed compressions are exact. State-dependent compressions are frozen
    at the permutations the round applies starting from `state` (default: the protocol's
    converged limit state from `run_hbac`, heated to rho^(1 - detune) so that ties are broken
    as on the approach to the limit). `limit_cycle(hbac_cycle(ppa_protocol(eps_b, n)))`
    returns the PPA asymptotic state (A1: target polarization tanh(2^{n-2} atanh eps_b)).

    Args:
        protocol: the HBAC round.
        state: populations (2^n,) or density matrix at which state-dependent compressions
            are frozen (start of the round). Ignored when the round has none.
        bath: ledger channel of the heat (inverse temperature beta = 2 atanh eps_b).
        detune: 0 < detune < 1, the heating of the default freezing state.

    Returns:
        `Cycle` whose strokes are named `"<index>:<StepClass>"` in round order.

    Raises:
        TypeError: `protocol` is not an HBACProtocol.
        ValueError: `detune` outside (0, 1), or n > 6.
        ConvergenceError: the default freezing state (the converged limit) was not reached;
            pass `state`.
    """
    if not isinstance(protocol, HBACProtocol):
        raise TypeError(f"`protocol` must be an HBACProtocol; got {type(protocol).__name__}.")
    dt = float(detune)
    if not (0.0 < dt < 1.0) or not math.isfinite(dt):
        raise ValueError(f"`detune` must be in (0, 1); got {detune!r}.")
    n, eps = protocol.n, protocol.eps_b
    D = 2**n
    dependent = any(s.state_dependent for s in protocol.steps)
    if not dependent:
        rho = np.eye(D, dtype=np.complex128) / D
    elif state is None:
        limit = run_hbac(protocol, "converge", tol=1e-13).state
        rho = _heated(_as_density(limit, D), dt)
    else:
        rho = _as_density(state, D)
    strokes = []
    for i, step in enumerate(protocol.steps):
        strokes.append(
            step_stroke(step, n, eps, state=rho, bath=bath, name=f"{i}:{type(step).__name__}")
        )
        if dependent:
            rho = step.apply_density(rho, n, eps)
    return Cycle(tuple(strokes), name=f"hbac:{protocol.name}")


def hbac_entropy_production(lc: LimitCycle, beta: float, *, bath: str = "bath") -> FloatArray:
    r"""Per-stroke entropy production sigma_k = ΔS_k - beta Q_k of an HBAC limit cycle.

    Every HBAC thermal step preserves the Gibbs state at beta = 2 atanh eps_b, so sigma_k >= 0
    (Spohn); compressions are unitary (ΔS = 0, Q = 0). Units: nats.

    Args:
        lc: `limit_cycle(hbac_cycle(...))`.
        beta: inverse bath temperature (`HBACProtocol.beta`).
        bath: the heat channel used in `hbac_cycle`.

    Returns:
        array (n_strokes,).
    """
    b = float(beta)
    return np.array(
        [float(s.entropy_change) - b * float(s.heat.get(bath, 0.0)) for s in lc.strokes]
    )
