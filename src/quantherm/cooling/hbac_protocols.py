r"""HBAC protocols (rounds of steps) and the runner with its per-round ledger.

A protocol is an n-qubit register, one bath of polarization eps_b (= tanh(omega/2T), all
qubit gaps omega = 1) and the steps of one round. `run_hbac` iterates rounds on the
diagonal populations (fast path, n = 10+ qubits) when every step keeps states diagonal,
and on density matrices otherwise (or when asked).

Ledger (energies in units of omega; docs/conventions.md sign convention): per round,
`heat` = energy INTO the register from the bath during the thermal steps, `work` = energy
put in by the compressions; dU = heat + work. The heat dumped to the bath is -sum(heat).
Every thermal step here preserves the Gibbs state at beta = 2 atanh(eps_b), so the entropy
production of each round, sigma = Delta S - beta Q, is >= 0 (Spohn).

References:
    A1 Rodríguez-Briones & Laflamme, PRL 116, 170501 (2016), doi:10.1103/PhysRevLett.116.170501.
    A4 Rodríguez-Briones et al., NJP 19, 113047 (2017), doi:10.1088/1367-2630/aa8fe0.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
from scipy.special import entr

from .._checks import ComplexArray, FloatArray, check_choice, check_density_matrix
from ..core.states import entropy_vn
from ..errors import ConvergenceError
from .hbac_limits import _check_count, check_eps_b
from .hbac_steps import (
    AbstractStep,
    CrossRelaxation,
    Reset,
    SortCompression,
    SortedPairPlacement,
    flip,
)

__all__ = [
    "HBACProtocol",
    "HBACResult",
    "noe_protocol",
    "pair_reset_protocol",
    "polarizations",
    "ppa_pair_reset_protocol",
    "ppa_protocol",
    "rounds_to_fraction",
    "run_hbac",
]

Representation = Literal["auto", "populations", "density"]


def _energies(n: int) -> FloatArray:
    """Register energies (units of omega): number of excited qubits of each basis state."""
    k = np.arange(2**n)
    return np.array([bin(int(x)).count("1") for x in k], dtype=np.float64)


def polarizations(populations: Any, n: int) -> FloatArray:
    """Per-qubit polarizations eps_j = p(bit j = 0) - p(bit j = 1), shape (..., n).

    `populations` has shape (..., 2^n) (qubit 0 most significant).
    """
    p = np.asarray(populations, dtype=np.float64)
    t = p.reshape(*p.shape[:-1], *([2] * n))
    nb = p.ndim - 1
    out = []
    for j in range(n):
        axes = tuple(nb + i for i in range(n) if i != j)
        m = t.sum(axis=axes)
        out.append(m[..., 0] - m[..., 1])
    return np.stack(out, axis=-1)


@dataclass(frozen=True, slots=True, kw_only=True)
class HBACProtocol:
    """One HBAC round on an n-qubit register coupled to a bath of polarization eps_b.

    Attributes:
        n: qubits in the register (>= 2); qubit 0 is the target.
        eps_b: bath polarization in (-1, 1) (eps_b = tanh(omega / 2T), omega = 1).
        steps: the steps of one round, applied in order.
        name: a label.
    """

    n: int
    eps_b: float
    steps: tuple[AbstractStep, ...]
    name: str = "custom"

    def __post_init__(self) -> None:
        object.__setattr__(self, "n", _check_count(self.n, "n", 2))
        object.__setattr__(self, "eps_b", check_eps_b(self.eps_b))
        steps = tuple(self.steps)
        if not steps:
            raise ValueError("`steps` must contain at least one step; got an empty round.")
        for s in steps:
            if not isinstance(s, AbstractStep):
                raise TypeError(
                    f"`steps` must contain HBAC steps (Reset, CrossRelaxation, SortCompression, "
                    f"Permutation, Unitary, ...); got {type(s).__name__}."
                )
            s.validate(self.n)
        object.__setattr__(self, "steps", steps)

    @property
    def beta(self) -> float:
        """Inverse bath temperature in units of 1/omega: 2 atanh(eps_b)."""
        return 2.0 * math.atanh(self.eps_b)

    @property
    def keeps_diagonal(self) -> bool:
        """True if every step keeps diagonal states diagonal."""
        return all(s.keeps_diagonal for s in self.steps)


def ppa_protocol(
    eps_b: float,
    n: int | None = None,
    *,
    n_c: int | None = None,
    m: int = 1,
    reset_strength: float = 1.0,
) -> HBACProtocol:
    """The partner-pairing algorithm: round = reset the last m qubits, then sort (A1, A5).

    Give either `n` (qubits in total, m of them reset qubits) or `n_c` (computation qubits,
    target included).
    """
    mm = _check_count(m, "m", 1)
    if (n is None) == (n_c is None):
        raise ValueError("give exactly one of `n` (total qubits) and `n_c` (computation qubits).")
    nc = _check_count(n_c, "n_c", 1) if n_c is not None else _check_count(n, "n", mm + 1) - mm
    total = nc + mm
    resets = tuple(range(nc, total))
    return HBACProtocol(
        n=total,
        eps_b=eps_b,
        steps=(Reset(qubits=resets, strength=reset_strength), SortCompression()),
        name=f"ppa(n_c={nc}, m={mm})",
    )


def noe_protocol(eps_b: float, n: int = 2) -> HBACProtocol:
    """Overhauser-type protocol: [sigma_x on the reset qubit r, double-quantum reset of (0, r)].

    r = n - 1; other qubits (n > 2) stay idle. The flip saturates r; the double-quantum
    cross-relaxation then polarizes the target to tanh(2 Delta) = 2 eps_b/(1 + eps_b^2)
    within two rounds (card claim 5; a reconstruction of the A3/A4 mechanism).
    """
    nn = _check_count(n, "n", 2)
    return HBACProtocol(
        n=nn,
        eps_b=eps_b,
        steps=(flip(nn - 1), CrossRelaxation(qubits=(0, nn - 1), double_quantum=1.0)),
        name=f"noe(n={nn})",
    )


def pair_reset_protocol(eps_b: float, n: int, *, zero_quantum: bool = False) -> HBACProtocol:
    """Pair-reset protocol on (target, last qubit) with state-dependent permutations.

    Without zero-quantum relaxation, a round cycles `SortedPairPlacement` offsets over the
    adjacent-pair classes, each followed by the double-quantum reset: the fixed point is
    the ladder with ratio e^{4 Delta} over all 2^n levels, target tanh(2^n Delta) (card
    claim 6). With `zero_quantum` the reset also equalizes (|x,01>, |x,10>); the round is
    then one placement of the offset-0 class (the two largest levels on the double-quantum
    pair, the next two on the zero-quantum pair), optimal for n = 2 (card claim 7).
    """
    nn = _check_count(n, "n", 2)
    pair = (0, nn - 1)
    if zero_quantum:
        cr = CrossRelaxation(qubits=pair, double_quantum=1.0, zero_quantum=1.0)
        steps: tuple[AbstractStep, ...] = (
            SortedPairPlacement(qubits=pair, offset=0),
            cr,
            SortCompression(),
        )
        name = f"pair-reset-zq(n={nn})"
    else:
        cr = CrossRelaxation(qubits=pair, double_quantum=1.0)
        offsets = [o for o in range(4) if len(range(o, 2**nn - 1, 4)) > 0]
        steps = (
            *(s for o in offsets for s in (SortedPairPlacement(qubits=pair, offset=o), cr)),
            SortCompression(),
        )
        name = f"pair-reset(n={nn})"
    return HBACProtocol(n=nn, eps_b=eps_b, steps=steps, name=name)


def ppa_pair_reset_protocol(eps_b: float, n: int, *, partner: int | None = None) -> HBACProtocol:
    """The PPA loop with a double-quantum reset added: [reset r, Sigma_DQ(c, r), sort].

    r = n - 1 is the reset qubit and c = `partner` (default n - 2, the computation qubit
    next to it; 0 is the target). With the default partner the PPA fixed point is also a
    fixed point of Sigma_DQ (there p(x,00)/p(x,11) = e^{4 Delta} already) and the loop
    reaches exactly the PPA limit tanh(2^{n-2} Delta) (card claim 7); with the target as
    partner (n >= 3) the double-quantum reset pulls the target back below that limit.
    """
    nn = _check_count(n, "n", 2)
    c = nn - 2 if partner is None else int(partner)
    if not 0 <= c < nn - 1:
        raise ValueError(
            f"`partner` must be a computation qubit in [0, {nn - 2}]; got {partner!r}."
        )
    return HBACProtocol(
        n=nn,
        eps_b=eps_b,
        steps=(
            Reset(qubits=(nn - 1,)),
            CrossRelaxation(qubits=(c, nn - 1), double_quantum=1.0),
            SortCompression(),
        ),
        name=f"ppa+dq(n={nn}, partner={c})",
    )


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class HBACResult:
    """Trajectory summary and ledger of an HBAC run.

    Attributes:
        protocol: the protocol run.
        representation: "populations" or "density".
        rounds: rounds performed.
        converged: True if the last round changed the state by less than `tol` (max norm).
        eps_target: target polarization after each round, shape (rounds + 1,) (index 0 =
            initial state).
        energy: register energy after each round (units of omega), shape (rounds + 1,).
        entropy: register entropy (nats) after each round, shape (rounds + 1,).
        heat: heat INTO the register from the bath in each round, shape (rounds,).
        work: work done ON the register by the compressions in each round, shape (rounds,).
        state: final populations (2^n,) or density matrix (2^n, 2^n).
        distance: max |p_k - reference| after each round when a reference was given.
    """

    protocol: HBACProtocol
    representation: str
    rounds: int
    converged: bool
    eps_target: FloatArray
    energy: FloatArray
    entropy: FloatArray
    heat: FloatArray
    work: FloatArray
    state: FloatArray | ComplexArray
    distance: FloatArray | None = None

    @property
    def populations(self) -> FloatArray:
        """Final diagonal populations, shape (2^n,)."""
        if self.state.ndim == 2:
            return np.real(np.diagonal(self.state)).copy()
        return np.asarray(self.state)

    @property
    def eps_per_qubit(self) -> FloatArray:
        """Final polarization of every qubit, shape (n,)."""
        return polarizations(self.populations, self.protocol.n)

    @property
    def heat_to_bath(self) -> float:
        """Total heat dumped into the bath, -sum(heat) (units of omega)."""
        return float(-np.sum(self.heat))

    @property
    def entropy_production(self) -> FloatArray:
        """Per-round entropy production Delta S - beta Q >= 0 (nats), shape (rounds,)."""
        return np.asarray(np.diff(self.entropy) - self.protocol.beta * self.heat)

    @property
    def first_law_residual(self) -> float:
        """|U_final - U_initial - sum(heat) - sum(work)|."""
        return float(abs(self.energy[-1] - self.energy[0] - self.heat.sum() - self.work.sum()))

    def __repr__(self) -> str:
        return (
            f"HBACResult({self.protocol.name}, eps_b={self.protocol.eps_b:g}, "
            f"{self.representation}, rounds={self.rounds}, converged={self.converged}, "
            f"eps_target={self.eps_target[-1]:.10g}, heat_to_bath={self.heat_to_bath:.6g})"
        )


def _shannon(p: FloatArray) -> float:
    return float(np.add.reduce(entr(np.clip(p, 0.0, None))))


def _initial(protocol: HBACProtocol, initial: Any, density: bool) -> FloatArray | ComplexArray:
    D = 2**protocol.n
    if initial is None:
        p0 = np.full(D, 1.0 / D)
        return np.diag(p0).astype(np.complex128) if density else p0
    arr = np.asarray(initial.full() if hasattr(initial, "full") else initial)
    if arr.ndim == 1:
        p = np.asarray(arr, dtype=np.float64)
        if p.shape != (D,) or np.any(p < -1e-12) or abs(p.sum() - 1.0) > 1e-9:
            raise ValueError(
                f"`initial` must be a probability vector of length 2^n = {D}; got shape "
                f"{p.shape}, sum {p.sum():.6g}. Normalise it."
            )
        return np.diag(p).astype(np.complex128) if density else p
    rho = check_density_matrix(arr, "initial")
    if rho.shape != (D, D):
        raise ValueError(f"`initial` must have shape ({D}, {D}); got {rho.shape}.")
    if density:
        return rho
    off = rho - np.diag(np.diagonal(rho))
    if np.max(np.abs(off)) > 1e-12:
        raise ValueError(
            "`initial` has coherences in the computational basis, so the population path is "
            "not exact; use representation='density'."
        )
    return np.real(np.diagonal(rho)).copy()


def run_hbac(
    protocol: HBACProtocol,
    rounds: int | Literal["converge"] = "converge",
    *,
    initial: Any = None,
    representation: Representation = "auto",
    tol: float = 1e-15,
    max_rounds: int = 1_000_000,
    reference: Any = None,
) -> HBACResult:
    r"""Run HBAC rounds and book heat, work and entropy per round.

    Args:
        protocol: the round (`ppa_protocol`, `noe_protocol`, ... or a custom HBACProtocol).
        rounds: number of rounds, or "converge": iterate until one round changes the state
            by less than `tol` (max norm over the whole state, not the target polarization,
            which has plateaus).
        initial: initial populations (2^n,) or density matrix; None = maximally mixed (A1).
        representation: "populations" (diagonal fast path), "density", or "auto"
            (populations when every step keeps states diagonal and `initial` is diagonal).
        tol: convergence tolerance of "converge".
        max_rounds: cap for "converge".
        reference: optional populations (2^n,); records max |p_k - reference| per round.

    Returns:
        HBACResult (sign convention: heat into the register from the bath, work on the
        register; heat dumped to the bath = -sum(heat)).

    Raises:
        ConvergenceError: "converge" did not reach `tol` within `max_rounds`.
    """
    check_choice(representation, "representation", ("auto", "populations", "density"))
    if rounds != "converge" and (
        isinstance(rounds, str | bool) or int(rounds) != rounds or int(rounds) < 0
    ):
        raise ValueError(f"`rounds` must be a non-negative integer or 'converge'; got {rounds!r}.")
    if representation == "auto":
        diag_init = True
        if initial is not None:
            a = np.asarray(initial.full() if hasattr(initial, "full") else initial)
            if a.ndim == 2:
                diag_init = bool(np.max(np.abs(a - np.diag(np.diagonal(a))), initial=0.0) <= 1e-12)
        representation = "populations" if protocol.keeps_diagonal and diag_init else "density"
    density = representation == "density"
    if not density and not protocol.keeps_diagonal:
        raise ValueError(
            "the protocol has a step that creates coherences; use representation='density'."
        )
    n, eps = protocol.n, protocol.eps_b
    E = _energies(n)
    state = _initial(protocol, initial, density)
    ref = None if reference is None else np.asarray(reference, dtype=np.float64)
    cap = max_rounds if rounds == "converge" else int(rounds)

    def diag(x: Any) -> FloatArray:
        return np.real(np.diagonal(x)) if density else x

    def entropy(x: Any) -> float:
        if not density:
            return _shannon(x)
        d = np.real(np.diagonal(x))
        off = x - np.diag(d)
        return _shannon(d) if not np.any(off) else float(entropy_vn(x))

    sign = np.where(np.arange(2**n) < 2 ** (n - 1), 1.0, -1.0)
    p = diag(state)
    eps_t = [float(sign @ p)]
    energy = [float(E @ p)]
    ent = [entropy(state)]
    dist = [] if ref is None else [float(np.max(np.abs(p - ref)))]
    heat: list[float] = []
    work: list[float] = []
    steps = [(s, s.is_compression) for s in protocol.steps]
    converged = False
    k = 0
    old = state
    while k < cap:
        old = state
        q_round = w_round = 0.0
        u = energy[-1]
        for step, is_work in steps:
            if density:
                state = step.apply_density(np.asarray(state, dtype=np.complex128), n, eps)
                u_new = float(E @ np.real(np.diagonal(state)))
            else:
                state = step.apply_populations(np.asarray(state, dtype=np.float64), n, eps)
                u_new = float(E @ state)
            if is_work:
                w_round += u_new - u
            else:
                q_round += u_new - u
            u = u_new
        k += 1
        p = diag(state)
        eps_t.append(float(sign @ p))
        energy.append(u)
        ent.append(entropy(state))
        heat.append(q_round)
        work.append(w_round)
        if ref is not None:
            dist.append(float(np.max(np.abs(p - ref))))
        converged = float(np.abs(state - old).max()) < tol
        if rounds == "converge" and converged:
            break
    if rounds == "converge" and not converged:
        raise ConvergenceError(
            f"HBAC protocol {protocol.name!r} did not converge to tol = {tol:g} within "
            f"{max_rounds} rounds (last change {float(np.max(np.abs(state - old))):.3g}). "
            "Raise `max_rounds` or `tol`."
        )
    return HBACResult(
        protocol=protocol,
        representation=representation,
        rounds=k,
        converged=converged,
        eps_target=np.array(eps_t),
        energy=np.array(energy),
        entropy=np.array(ent),
        heat=np.array(heat),
        work=np.array(work),
        state=state,
        distance=None if ref is None else np.array(dist),
    )


def rounds_to_fraction(
    eps_target: Sequence[float] | FloatArray, limit: float, fraction: float = 0.99
) -> int:
    """First round k >= 1 with eps_target[k] >= fraction * limit; -1 if never reached."""
    e = np.asarray(eps_target, dtype=np.float64)
    hit = np.nonzero(e[1:] >= fraction * limit)[0]
    return int(hit[0]) + 1 if hit.size else -1
