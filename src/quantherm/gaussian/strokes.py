r"""Gaussian stroke machines: strokes acting affinely on the covariance, limit cycles, ledger.

The Gaussian counterpart of `quantherm.machines.stroke` (same ledger names, see
docs/strokes.md). Every stroke maps a zero-mean covariance (xpxp, vacuum 1/2) affinely,

    sigma -> F sigma F^T + Q,

and books ΔE = W + sum_k Q_k with energies E = Tr(H_E sigma)/2 (zero-point energy kept):

* `GaussianUnitaryStroke` — quadratic H, constant (F = exp(Omega H tau)) or time-dependent
  (dF/dt = Omega H(t) F by DOP853, rtol 1e-12); Q = 0; ΔE is work.
* `GaussianQuenchStroke` — sudden H_i -> H_f; F = 1, Q = 0; W = Tr[(H_f - H_i) sigma]/2.
* `GaussianBathStroke` — a `GaussianOpenSystem` for a time tau: F = e^{A tau},
  Q = int_0^tau e^{A u} D e^{A^T u} du. Heat of bath k and work of the coherent part are
  exact integrals, Q_k = Tr[H_E (A_k Sigma + Sigma A_k^T + tau D_k)]/2 and
  W = Tr[H_E (Omega H Sigma + Sigma (Omega H)^T)]/2, with Sigma = int_0^tau sigma(t) dt from one
  augmented (Van Loan) exponential of the vectorised Lyapunov generator (no sampling).
* `GaussianMapStroke` — a user Gaussian channel sigma -> X sigma X^T + Y, validated by
  Y + i Omega/2 - X (i Omega/2) X^T >= 0; ΔE is booked as work or as heat of a named channel.

The limit cycle is the fixed point of the one-cycle map sigma = F_c sigma F_c^T + Q_c, found
by one linear solve, (1 - F_c ⊗ F_c) vec sigma = vec Q_c. It exists and attracts every initial
state iff the spectral radius of F_c is < 1 (the map is contracting); otherwise a ValueError.

A bath k counts as *thermal* (`GaussianLimitCycle.thermal`) when it keeps the Gibbs state of
H_E at its temperature T_k fixed on its own: A_k gamma + gamma A_k^T + D_k = 0. Then each
stroke's σ = ΔS - sum_k Q_k/T_k >= 0 (Spohn) and the cycle obeys Clausius. A squeezed bath has a
nominal temperature only: its Q/T_k enters the entropy production and the Carnot bound as
booked, and it can beat Carnot.

Sign convention (docs/conventions.md): energy into the system is positive; an engine has
W < 0, efficiency -W/Q_hot.

References: A. Serafini, *Quantum Continuous Variables* (2017), DOI 10.1201/9781315118727;
C. F. Van Loan, IEEE TAC 23, 395 (1978), DOI 10.1109/TAC.1978.1101743; J. Roßnagel et al.,
PRL 112, 030602 (2014), DOI 10.1103/PhysRevLett.112.030602.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import scipy.linalg as sla
from scipy.integrate import solve_ivp

from .._checks import FloatArray, check_choice, check_positive, check_temperature
from ..baths import Bath, FlatSpectrum
from ..core.states import bose_occupation
from ..errors import ConvergenceError
from .covariance import (
    COV_ATOL,
    check_covariance,
    check_symmetric,
    entropy,
    symplectic_form,
    thermal_state_of,
)
from .lyapunov import GaussianOpenSystem, global_dissipator, local_dissipator
from .symplectic import oscillators_hamiltonian, propagator

__all__ = [
    "GaussianBathStroke",
    "GaussianCycle",
    "GaussianLimitCycle",
    "GaussianMapStroke",
    "GaussianQuenchStroke",
    "GaussianStroke",
    "GaussianStrokeLedger",
    "GaussianUnitaryStroke",
    "check_gaussian_channel",
    "coupled_oscillators_otto_cycle",
    "gaussian_limit_cycle",
    "gaussian_oscillator_otto_cycle",
    "gaussian_otto_cycle",
    "squeezed_otto_cycle",
]

# spectral radius of the cycle map above 1 - this: not contracting (no unique limit cycle)
_CONTRACTION_TOL = 1e-10


def _e(H: FloatArray, sigma: FloatArray) -> float:
    """Tr(H sigma)/2."""
    return float(0.5 * np.einsum("ij,ji->", H, sigma))


def _sym(x: Any) -> FloatArray:
    return np.asarray(0.5 * (x + x.T))


def _hamiltonian(H: Any, name: str) -> FloatArray:
    Hm = check_symmetric(H, name)
    if Hm.ndim != 2:
        raise ValueError(
            f"`{name}` must be a single (2M, 2M) matrix (Gaussian strokes are unbatched); got "
            f"shape {Hm.shape}. Loop over parameter points."
        )
    return Hm


def _duration(x: Any, name: str = "duration") -> float:
    if callable(x) or isinstance(x, str) or np.ndim(x) != 0:
        raise TypeError(f"`{name}` must be a real scalar; got {x!r}.")
    return float(check_positive(x, name))


@dataclass(frozen=True, slots=True)
class _Booked:
    """A stroke applied to one start covariance: end covariance, work, heat per channel."""

    sigma_end: FloatArray
    work: float
    heat: dict[str, float]


class GaussianStroke(abc.ABC):
    """Abstract Gaussian stroke: an affine covariance map with an energy ledger."""

    __slots__ = ()

    name: str
    duration: float  # stroke duration (0 for instantaneous strokes)

    @property
    @abc.abstractmethod
    def n_modes(self) -> int:
        """Number of modes M."""

    @abc.abstractmethod
    def energy_matrices(self) -> tuple[FloatArray, FloatArray]:
        """Energy Hamiltonian matrices H_E at the start and at the end, each (2M, 2M)."""

    @abc.abstractmethod
    def affine(self) -> tuple[FloatArray, FloatArray]:
        """(F, Q) of the map sigma -> F sigma F^T + Q."""

    @property
    def temperatures(self) -> dict[str, float]:
        """Channel -> temperature (channels with a temperature only)."""
        return {}

    @property
    def thermal(self) -> frozenset[str]:
        """Channels that are thermal at their temperature (enter the Clausius check)."""
        return frozenset()

    def apply(self, sigma: Any) -> FloatArray:
        """F sigma F^T + Q."""
        F, Q = self.affine()
        return _sym(F @ np.asarray(sigma, dtype=np.float64) @ F.T + Q)

    def book(self, sigma: FloatArray) -> _Booked:
        """End state, work and heat for the start covariance `sigma` (default: ΔE is work)."""
        end = self.apply(sigma)
        Ha, Hb = self.energy_matrices()
        return _Booked(end, _e(Hb, end) - _e(Ha, sigma), {})


@dataclass(frozen=True, slots=True, eq=False, kw_only=True)
class GaussianUnitaryStroke(GaussianStroke):
    r"""Unitary stroke of a quadratic Hamiltonian: sigma -> S sigma S^T, ΔE is work.

    Args:
        H: (2M, 2M) symmetric matrix (H_op = R^T H R/2), or a callable t -> H(t) on [0, tau].
        duration: tau > 0.
        H_energy: energy Hamiltonian, one matrix or a (start, end) pair; default H, or
            (H(0), H(tau)) for a callable H.
        rtol: relative tolerance of the ODE dS/dt = Omega H(t) S (DOP853) for a callable H.
        name: label.
    """

    H: Any
    duration: float
    H_energy: Any = None
    rtol: float = 1e-12
    name: str = "unitary"
    S: FloatArray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        tau = _duration(self.duration)
        Hv = self.H if callable(self.H) else _hamiltonian(self.H, "H")
        if self.H_energy is None:
            pair = (Hv(0.0), Hv(tau)) if callable(Hv) else (Hv, Hv)
        elif isinstance(self.H_energy, tuple | list) and len(self.H_energy) == 2:
            pair = tuple(self.H_energy)
        else:
            pair = (self.H_energy, self.H_energy)
        Ea, Eb = _hamiltonian(pair[0], "H_energy"), _hamiltonian(pair[1], "H_energy")
        if Ea.shape != Eb.shape:
            raise ValueError(f"`H_energy` pair must match; got {Ea.shape} and {Eb.shape}.")
        object.__setattr__(self, "H", Hv)
        object.__setattr__(self, "duration", tau)
        object.__setattr__(self, "H_energy", (Ea, Eb))
        object.__setattr__(self, "rtol", float(check_positive(self.rtol, "rtol")))
        S = _symplectic_ode(Hv, tau, self.rtol, self.name) if callable(Hv) else propagator(Hv, tau)
        if S.shape != Ea.shape:
            raise ValueError(f"`H` acts on shape {S.shape} but `H_energy` on {Ea.shape}.")
        object.__setattr__(self, "S", S)

    @property
    def n_modes(self) -> int:
        return int(self.S.shape[-1] // 2)

    def energy_matrices(self) -> tuple[FloatArray, FloatArray]:
        return self.H_energy  # type: ignore[no-any-return]

    def affine(self) -> tuple[FloatArray, FloatArray]:
        return self.S, np.zeros_like(self.S)


def _symplectic_ode(H: Callable[[float], Any], tau: float, rtol: float, name: str) -> FloatArray:
    """S(tau) from dS/dt = Omega H(t) S, S(0) = 1 (DOP853)."""
    H0 = _hamiltonian(H(0.0), "H(t)")
    n = H0.shape[0]
    Om = symplectic_form(n // 2)

    def rhs(t: float, y: FloatArray) -> FloatArray:
        return np.asarray((Om @ _hamiltonian(H(t), "H(t)") @ y.reshape(n, n)).ravel())

    sol = solve_ivp(
        rhs, (0.0, tau), np.eye(n).ravel(), method="DOP853", rtol=rtol, atol=rtol * 1e-2
    )
    if not sol.success:
        raise ConvergenceError(f"symplectic ODE of stroke {name!r} failed: {sol.message}")
    return np.asarray(sol.y[:, -1].reshape(n, n))


@dataclass(frozen=True, slots=True, eq=False, kw_only=True)
class GaussianQuenchStroke(GaussianStroke):
    """Sudden change H_initial -> H_final: sigma unchanged, W = Tr[(H_f - H_i) sigma]/2."""

    H_initial: Any
    H_final: Any
    name: str = "quench"
    duration: float = field(default=0.0, init=False)

    def __post_init__(self) -> None:
        Hi = _hamiltonian(self.H_initial, "H_initial")
        Hf = _hamiltonian(self.H_final, "H_final")
        if Hi.shape != Hf.shape:
            raise ValueError(
                f"`H_initial` and `H_final` must act on the same modes; got {Hi.shape}, {Hf.shape}."
            )
        object.__setattr__(self, "H_initial", Hi)
        object.__setattr__(self, "H_final", Hf)

    @property
    def n_modes(self) -> int:
        return int(self.H_initial.shape[-1] // 2)

    def energy_matrices(self) -> tuple[FloatArray, FloatArray]:
        return self.H_initial, self.H_final

    def affine(self) -> tuple[FloatArray, FloatArray]:
        n = self.H_initial.shape[0]
        return np.eye(n), np.zeros((n, n))


@dataclass(frozen=True, slots=True, eq=False, kw_only=True)
class GaussianBathStroke(GaussianStroke):
    r"""A `GaussianOpenSystem` (H, one (A_k, D_k) per named bath) acting for a time tau.

    Q_k = int_0^tau Tr[H_E (A_k sigma + sigma A_k^T + D_k)]/2 dt (bath k heats the system > 0)
    and W = int_0^tau Tr[H_E (Omega H sigma + sigma (Omega H)^T)]/2 dt (the drive H - H_E, e.g.
    the coupling of a local master equation; 0 for H_E = H), both exact. The temperatures are
    `system.temperatures` (baths without one are non-thermal channels).

    Args:
        system: the `GaussianOpenSystem` (unbatched).
        duration: tau > 0.
        name: label.
    """

    system: GaussianOpenSystem
    duration: float
    name: str = "bath"
    expm: FloatArray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        system = self.system
        if not isinstance(system, GaussianOpenSystem):
            raise TypeError(f"`system` must be a GaussianOpenSystem; got {type(system).__name__}.")
        H = _hamiltonian(system.H, "system.H")
        _hamiltonian(system.energy_matrix, "system.H_energy")
        for k, (Ak, Dk) in system.dissipators.items():
            if np.shape(Ak) != H.shape or np.shape(Dk) != H.shape:
                raise ValueError(
                    f"dissipator {k!r} must be a pair of {H.shape} matrices (unbatched); got "
                    f"{np.shape(Ak)}, {np.shape(Dk)}."
                )
        unknown = set(system.temperatures) - set(system.dissipators)
        if unknown:
            raise ValueError(
                f"`system.temperatures` names baths without a dissipator: {sorted(unknown)}."
            )
        for k, T in system.temperatures.items():
            check_temperature(T, f"temperatures[{k!r}]")
        tau = _duration(self.duration)
        object.__setattr__(self, "duration", tau)
        # exp(G tau) of y = (vec sigma, vec Sigma, 1): dsigma = L sigma + D, dSigma = sigma
        A, D = system.drift(), system.diffusion()
        n = A.shape[0]
        m = n * n
        G = np.zeros((2 * m + 1, 2 * m + 1))
        G[:m, :m] = np.kron(np.eye(n), A) + np.kron(A, np.eye(n))
        G[:m, -1] = D.reshape(m, order="F")
        G[m : 2 * m, :m] = np.eye(m)
        object.__setattr__(self, "expm", sla.expm(G * tau))

    @property
    def n_modes(self) -> int:
        return self.system.n_modes

    @property
    def temperatures(self) -> dict[str, float]:
        return {k: float(T) for k, T in self.system.temperatures.items()}

    @property
    def thermal(self) -> frozenset[str]:
        HE = self.system.energy_matrix
        out = set()
        for k, T in self.temperatures.items():
            Ak, Dk = self.system.dissipators[k]
            try:
                g = thermal_state_of(HE, T)
            except ValueError:  # H_E not positive definite: no Gibbs state
                continue
            res = float(np.max(np.abs(Ak @ g + g @ Ak.T + Dk)))
            if res <= 1e-10 * max(1.0, float(np.max(np.abs(Dk)))):
                out.add(k)
        return frozenset(out)

    def energy_matrices(self) -> tuple[FloatArray, FloatArray]:
        HE = self.system.energy_matrix
        return HE, HE

    def affine(self) -> tuple[FloatArray, FloatArray]:
        n = 2 * self.n_modes
        F = sla.expm(self.system.drift() * self.duration)
        return F, _sym(self.expm[: n * n, -1].reshape(n, n, order="F"))

    def book(self, sigma: FloatArray) -> _Booked:
        n = 2 * self.n_modes
        m = n * n
        y = self.expm[:, :m] @ sigma.reshape(m, order="F") + self.expm[:, -1]
        end = _sym(y[:m].reshape(n, n, order="F"))
        Sig = _sym(y[m : 2 * m].reshape(n, n, order="F"))
        HE = self.system.energy_matrix
        tau = self.duration

        def flux(Ak: FloatArray, Dk: FloatArray) -> float:
            return _e(HE, Ak @ Sig + Sig @ Ak.T + tau * Dk)

        B = symplectic_form(n // 2) @ np.asarray(self.system.H, dtype=np.float64)
        heat = {k: flux(Ak, Dk) for k, (Ak, Dk) in self.system.dissipators.items()}
        return _Booked(end, flux(B, np.zeros_like(B)), heat)


def check_gaussian_channel(
    X: Any, Y: Any, *, atol: float = COV_ATOL
) -> tuple[FloatArray, FloatArray]:
    """Validate a Gaussian channel sigma -> X sigma X^T + Y.

    Complete positivity: Y + i Omega/2 - X (i Omega/2) X^T >= 0 (Y symmetric, X real).
    Returns (X, Y) as float64; ValueError otherwise.
    """
    Xm = np.asarray(X, dtype=np.float64)
    if Xm.ndim != 2 or Xm.shape[0] != Xm.shape[1] or Xm.shape[0] % 2:
        raise ValueError(f"`X` must be a real (2M, 2M) matrix; got shape {Xm.shape}.")
    Ym = check_symmetric(Y, "Y")
    if Ym.shape != Xm.shape:
        raise ValueError(f"`Y` must have the shape of `X` {Xm.shape}; got {Ym.shape}.")
    Om = symplectic_form(Xm.shape[0] // 2)
    lam = float(np.linalg.eigvalsh(Ym + 0.5j * (Om - Xm @ Om @ Xm.T))[0])
    scale = max(1.0, float(np.max(np.abs(Ym))), float(np.max(np.abs(Xm))) ** 2)
    if lam < -atol * scale:
        raise ValueError(
            "`(X, Y)` must be a Gaussian channel (completely positive): "
            f"Y + i Omega/2 - X (i Omega/2) X^T >= 0; got smallest eigenvalue {lam:.3g}. "
            "Add noise to Y (e.g. a thermal or vacuum contribution) or check X."
        )
    return Xm, Ym


@dataclass(frozen=True, slots=True, eq=False, kw_only=True)
class GaussianMapStroke(GaussianStroke):
    """A user Gaussian channel sigma -> X sigma X^T + Y (validated), ΔE booked as work or heat.

    Args:
        X, Y: the channel (real (2M, 2M); Y symmetric).
        H_energy: energy Hamiltonian, one matrix or a (start, end) pair.
        book_as: "work", or the name of the heat channel that receives ΔE.
        temperature: temperature of that heat channel (None: non-thermal channel).
        name: label.
    """

    X: Any
    Y: Any
    H_energy: Any
    book_as: str = "work"
    temperature: float | None = None
    name: str = "map"
    duration: float = field(default=0.0, init=False)

    def __post_init__(self) -> None:
        Xm, Ym = check_gaussian_channel(self.X, self.Y)
        pair = self.H_energy if isinstance(self.H_energy, tuple | list) else (self.H_energy,) * 2
        if len(pair) != 2:
            raise ValueError("`H_energy` must be one matrix or a (start, end) pair.")
        Ea, Eb = _hamiltonian(pair[0], "H_energy"), _hamiltonian(pair[1], "H_energy")
        if Ea.shape != Xm.shape or Eb.shape != Xm.shape:
            raise ValueError(f"`H_energy` must have the shape of `X` {Xm.shape}.")
        if not isinstance(self.book_as, str) or not self.book_as:
            raise TypeError(f"`book_as` must be 'work' or a channel name; got {self.book_as!r}.")
        if self.temperature is not None:
            if self.book_as == "work":
                raise ValueError("`temperature` needs a heat channel: set `book_as` to its name.")
            check_temperature(self.temperature, "temperature")
        object.__setattr__(self, "X", Xm)
        object.__setattr__(self, "Y", Ym)
        object.__setattr__(self, "H_energy", (Ea, Eb))

    @property
    def n_modes(self) -> int:
        return int(self.X.shape[0] // 2)

    @property
    def temperatures(self) -> dict[str, float]:
        return {} if self.temperature is None else {self.book_as: float(self.temperature)}

    @property
    def thermal(self) -> frozenset[str]:
        if self.temperature is None:
            return frozenset()
        g = thermal_state_of(self.H_energy[0], self.temperature)
        ok = np.allclose(
            self.apply(g),
            thermal_state_of(self.H_energy[1], self.temperature),
            rtol=0,
            atol=1e-10 * max(1.0, float(np.max(np.abs(g)))),
        )
        return frozenset({self.book_as}) if ok else frozenset()

    def energy_matrices(self) -> tuple[FloatArray, FloatArray]:
        return self.H_energy  # type: ignore[no-any-return]

    def affine(self) -> tuple[FloatArray, FloatArray]:
        return self.X, self.Y

    def book(self, sigma: FloatArray) -> _Booked:
        b = GaussianStroke.book(self, sigma)
        if self.book_as == "work":
            return b
        return _Booked(b.sigma_end, 0.0, {self.book_as: b.work})


@dataclass(frozen=True, slots=True, eq=False)
class GaussianCycle:
    """An ordered list of Gaussian strokes that closes on itself.

    Validation: at least one stroke, all on the same number of modes, and the energy matrix at
    the end of each stroke equals the one at the start of the next (wrapping around).
    """

    strokes: tuple[GaussianStroke, ...]
    name: str = "gaussian cycle"

    def __post_init__(self) -> None:
        if isinstance(self.strokes, GaussianStroke) or not isinstance(self.strokes, Sequence):
            raise TypeError(
                "`strokes` must be a sequence of Gaussian strokes; got "
                f"{type(self.strokes).__name__}."
            )
        st = tuple(self.strokes)
        if not st:
            raise ValueError("`strokes` must contain at least one stroke; got none.")
        for i, s in enumerate(st):
            if not isinstance(s, GaussianStroke):
                raise TypeError(
                    f"`strokes[{i}]` must be a GaussianStroke; got {type(s).__name__}. "
                    "Density-matrix strokes belong in quantherm.machines.stroke.Cycle."
                )
            if s.n_modes != st[0].n_modes:
                raise ValueError(
                    f"`strokes[{i}]` ({s.name!r}) acts on {s.n_modes} modes but `strokes[0]` on "
                    f"{st[0].n_modes}; all strokes of a cycle must act on the same modes."
                )
        for i, s in enumerate(st):
            j = (i + 1) % len(st)
            Eb, Ea = s.energy_matrices()[1], st[j].energy_matrices()[0]
            dev = float(np.max(np.abs(Eb - Ea)))
            if dev > 1e-10 * max(1.0, float(np.max(np.abs(Eb)))):
                raise ValueError(
                    f"`strokes` must form a cycle: the energy matrix at the end of strokes[{i}] "
                    f"({s.name!r}) differs from the one at the start of strokes[{j}] "
                    f"({st[j].name!r}) by {dev:.3g}. Insert a GaussianQuenchStroke."
                )
        object.__setattr__(self, "strokes", st)

    @property
    def n_modes(self) -> int:
        """Number of modes M."""
        return self.strokes[0].n_modes

    def __len__(self) -> int:
        return len(self.strokes)


def _beta_q(heat: Mapping[str, float], temps: Mapping[str, float]) -> float:
    out = 0.0
    for k, T in temps.items():
        Q = heat.get(k, 0.0)
        if Q != 0.0:
            out += Q / T if T > 0 else np.copysign(np.inf, Q)
    return out


@dataclass(frozen=True, slots=True, eq=False, kw_only=True)
class GaussianStrokeLedger:
    """Energy and entropy ledger of one Gaussian stroke on the limit cycle (same names as
    `quantherm.machines.stroke.StrokeLedger`; energies include the zero-point energy).

    Attributes:
        name, duration, work, heat (channel -> Q_k), delta_energy, temperatures,
        sigma_start, sigma_end: boundary covariances (2M, 2M).
    """

    name: str
    duration: float
    work: float
    heat: dict[str, float]
    delta_energy: float
    temperatures: dict[str, float]
    sigma_start: FloatArray
    sigma_end: FloatArray

    @property
    def first_law_residual(self) -> float:
        """|ΔE - W - sum_k Q_k|."""
        return abs(self.delta_energy - self.work - sum(self.heat.values()))

    @property
    def entropy_change(self) -> float:
        """ΔS of the Gaussian states (nats)."""
        return float(entropy(self.sigma_end) - entropy(self.sigma_start))

    @property
    def entropy_production(self) -> float:
        """σ = ΔS - sum_k Q_k/T_k over channels with a temperature."""
        return self.entropy_change - _beta_q(self.heat, self.temperatures)


@dataclass(frozen=True, slots=True, eq=False, kw_only=True)
class GaussianLimitCycle:
    """The periodic covariance of a Gaussian cycle with its ledger (names as `LimitCycle`).

    Attributes:
        cycle: the `GaussianCycle`.
        covariances: boundary covariances (n_strokes + 1, 2M, 2M); index 0 is the start of the
            first stroke, i + 1 the end of stroke i (the last equals the first).
        strokes: one `GaussianStrokeLedger` per stroke.
        cycle_map: (F_c, Q_c) of the one-cycle map sigma -> F_c sigma F_c^T + Q_c.
        duration, work, heat (channel -> Q_k per cycle), temperatures, thermal (channels that
            keep their Gibbs state, checked by Clausius).
    """

    cycle: GaussianCycle
    covariances: FloatArray
    strokes: tuple[GaussianStrokeLedger, ...]
    cycle_map: tuple[FloatArray, FloatArray]
    duration: float
    work: float
    heat: dict[str, float]
    temperatures: dict[str, float]
    thermal: frozenset[str]

    @property
    def states(self) -> FloatArray:
        """Boundary covariances (n_strokes + 1, 2M, 2M)."""
        return self.covariances

    @property
    def sigma(self) -> FloatArray:
        """Covariance at the start of the first stroke."""
        return np.asarray(self.covariances[0])

    @property
    def power(self) -> float:
        """W / tau_cyc (> 0 when work is done on the system; NaN for a zero-duration cycle)."""
        return self.work / self.duration if self.duration > 0 else float("nan")

    @property
    def power_output(self) -> float:
        """-P: power delivered by an engine."""
        return -self.power

    @property
    def first_law_residual(self) -> float:
        """|W + sum_k Q_k| per cycle."""
        return abs(self.work + sum(self.heat.values()))

    @property
    def entropy_production(self) -> float:
        """Sum of the strokes' σ."""
        return float(sum(s.entropy_production for s in self.strokes))

    @property
    def uncertainty_margin(self) -> FloatArray:
        """Smallest eigenvalue of sigma + i Omega/2 at every boundary (>= 0 for states)."""
        Om = symplectic_form(self.cycle.n_modes)
        return np.asarray(np.linalg.eigvalsh(self.covariances + 0.5j * Om)[..., 0])

    def _hot_cold(self) -> tuple[str, str]:
        if len(self.temperatures) < 2:
            raise ValueError(
                "efficiency needs at least two channels with a temperature; this cycle has "
                f"{sorted(self.temperatures) or 'none'}."
            )
        names = sorted(self.temperatures, key=lambda k: self.temperatures[k])
        return names[-1], names[0]

    @property
    def heat_hot(self) -> float:
        """Heat from the hottest channel per cycle (> 0 into the system)."""
        return self.heat[self._hot_cold()[0]]

    @property
    def efficiency(self) -> float:
        """-W/Q_hot when the cycle runs as an engine (W < 0, Q_hot > 0), else NaN."""
        Qh = self.heat_hot
        return -self.work / Qh if (self.work < 0 and Qh > 0) else float("nan")

    @property
    def carnot_efficiency(self) -> float:
        """1 - T_c/T_h of the hottest and coldest channels (nominal temperatures)."""
        h, c = self._hot_cold()
        return 1.0 - self.temperatures[c] / self.temperatures[h]

    def spectrum(self) -> FloatArray:
        """Eigenvalues of F_c by decreasing modulus (the covariance map has lambda_i lambda_j)."""
        lam = np.linalg.eigvals(self.cycle_map[0])
        return np.asarray(lam[np.argsort(-np.abs(lam), kind="stable")])

    def __repr__(self) -> str:
        q = ", ".join(f"{k}: {v:.6g}" for k, v in self.heat.items())
        return (
            f"GaussianLimitCycle({self.cycle.name!r}, strokes={len(self.strokes)}, "
            f"M={self.cycle.n_modes}, W={self.work:.6g}, Q={{{q}}})"
        )


def gaussian_limit_cycle(cycle: GaussianCycle) -> GaussianLimitCycle:
    r"""Limit cycle of a Gaussian cycle and its ledger.

    Composes the one-cycle map sigma -> F_c sigma F_c^T + Q_c and solves its fixed point in one
    linear solve, (1 - F_c ⊗ F_c) vec sigma = vec Q_c; then propagates through the strokes and
    books work and heat per stroke.

    Raises:
        TypeError: `cycle` is not a GaussianCycle.
        ValueError: the cycle map is not contracting (spectral radius of F_c >= 1: an undamped
            mode, no unique limit cycle), or a boundary covariance violates
            sigma + i Omega/2 >= 0.
    """
    if not isinstance(cycle, GaussianCycle):
        raise TypeError(
            f"`cycle` must be a GaussianCycle; got {type(cycle).__name__}. "
            "Wrap strokes in GaussianCycle([...])."
        )
    n = 2 * cycle.n_modes
    Fc, Qc = np.eye(n), np.zeros((n, n))
    for s in cycle.strokes:
        F, Q = s.affine()
        Fc, Qc = F @ Fc, _sym(F @ Qc @ F.T + Q)
    rho = float(np.max(np.abs(np.linalg.eigvals(Fc))))
    if rho >= 1.0 - _CONTRACTION_TOL:
        raise ValueError(
            f"the cycle map of {cycle.name!r} must be contracting for a unique limit cycle; got "
            f"spectral radius {rho:.12g} of F_c >= 1. Some mode is never damped (no bath "
            "reaches it); couple every mode to a bath or lengthen the bath strokes."
        )
    K = np.eye(n * n) - np.kron(Fc, Fc)
    sigma = _sym(np.linalg.solve(K, Qc.reshape(n * n)).reshape(n, n))
    sigmas = [check_covariance(sigma, "limit-cycle covariance")]
    ledgers: list[GaussianStrokeLedger] = []
    for i, s in enumerate(cycle.strokes):
        b = s.book(sigmas[-1])
        end = check_covariance(b.sigma_end, f"covariance after strokes[{i}] ({s.name!r})")
        Ha, Hb = s.energy_matrices()
        ledgers.append(
            GaussianStrokeLedger(
                name=s.name,
                duration=s.duration,
                work=b.work,
                heat=b.heat,
                delta_energy=_e(Hb, end) - _e(Ha, sigmas[-1]),
                temperatures=s.temperatures,
                sigma_start=sigmas[-1],
                sigma_end=end,
            )
        )
        sigmas.append(end)
    heat: dict[str, float] = {}
    temps: dict[str, float] = {}
    thermal: set[str] = set()
    for s, led in zip(cycle.strokes, ledgers, strict=True):
        for k, q in led.heat.items():
            heat[k] = heat.get(k, 0.0) + q
        for k, T in led.temperatures.items():
            if k in temps and not np.isclose(temps[k], T):
                raise ValueError(
                    f"bath {k!r} has different temperatures in different strokes; give baths at "
                    "different temperatures different names."
                )
            temps[k] = T
        thermal |= s.thermal
    return GaussianLimitCycle(
        cycle=cycle,
        covariances=np.stack(sigmas),
        strokes=tuple(ledgers),
        cycle_map=(Fc, Qc),
        duration=float(sum(s.duration for s in cycle.strokes)),
        work=float(sum(led.work for led in ledgers)),
        heat=heat,
        temperatures=temps,
        thermal=frozenset(thermal),
    )


# ---------------------------------------------------------------- ready-made machines


def _ramp(Ha: FloatArray, Hb: FloatArray, tau: float) -> Callable[[float], FloatArray]:
    def H(t: float) -> FloatArray:
        return np.asarray(Ha + (Hb - Ha) * (t / tau))

    return H


def _work_stroke(Ha: FloatArray, Hb: FloatArray, tau: float | None, name: str) -> GaussianStroke:
    if tau is None:
        return GaussianQuenchStroke(H_initial=Ha, H_final=Hb, name=name)
    t = _duration(tau, "tau_unitary")
    return GaussianUnitaryStroke(H=_ramp(Ha, Hb, t), duration=t, name=name)


def gaussian_otto_cycle(
    hot: GaussianOpenSystem,
    cold: GaussianOpenSystem,
    *,
    tau_hot: float,
    tau_cold: float,
    tau_unitary: float | None = None,
    name: str = "gaussian otto",
) -> GaussianCycle:
    """Four-stroke Otto cycle: hot bath stroke, expansion, cold bath stroke, compression.

    The work strokes connect the energy matrices of `hot` and `cold`: sudden quenches, or with
    `tau_unitary` linear ramps H(t) = H_a + (H_b - H_a) t/tau (quantum friction when the
    Hamiltonians do not commute symplectically).
    """
    Hh, Hc = hot.energy_matrix, cold.energy_matrix
    return GaussianCycle(
        (
            GaussianBathStroke(system=hot, duration=tau_hot, name="hot isochore"),
            _work_stroke(Hh, Hc, tau_unitary, "expansion"),
            GaussianBathStroke(system=cold, duration=tau_cold, name="cold isochore"),
            _work_stroke(Hc, Hh, tau_unitary, "compression"),
        ),
        name=name,
    )


def _flat_bath(name: str, T: float, gamma: float) -> Bath:
    return Bath(name=name, T=T, spectral_density=FlatSpectrum(gamma))


def gaussian_oscillator_otto_cycle(
    omega_h: float,
    omega_c: float,
    T_h: float,
    T_c: float,
    *,
    tau_hot: float,
    tau_cold: float,
    gamma: float = 1.0,
) -> GaussianCycle:
    r"""Otto engine of one oscillator, H = ω (a†a + 1/2), coupled through x = a + a† to flat baths.

    The exact (no cutoff) counterpart of `quantherm.machines.stroke.oscillator_otto_cycle`:
    global dissipators with rates γ(1 + n) down and γ n up. Heat per stroke and work per cycle
    agree with it; the quench works differ by the zero-point term (ω_c - ω_h)/2 (here kept),
    which cancels over the cycle. η = 1 - ω_c/ω_h for every duration.
    """
    wh = float(check_positive(omega_h, "omega_h"))
    wc = float(check_positive(omega_c, "omega_c"))
    u = np.array([np.sqrt(2.0), 0.0])

    def side(w: float, bath: Bath) -> GaussianOpenSystem:
        H = w * np.eye(2)
        return GaussianOpenSystem(
            H, {bath.name: global_dissipator(H, u, bath)}, temperatures={bath.name: bath.T}
        )

    return gaussian_otto_cycle(
        side(wh, _flat_bath("hot", T_h, gamma)),
        side(wc, _flat_bath("cold", T_c, gamma)),
        tau_hot=tau_hot,
        tau_cold=tau_cold,
        name="gaussian oscillator otto",
    )


def coupled_oscillators_otto_cycle(
    omegas_h: Any,
    g_h: float,
    compression: float,
    T_h: float,
    T_c: float,
    *,
    tau_hot: float,
    tau_cold: float,
    gamma: float = 1.0,
    coupling: Literal["xx", "rwa"] = "xx",
    tau_unitary: float | None = None,
) -> GaussianCycle:
    r"""Otto cycle of two coupled oscillators; hot bath on oscillator 0, cold bath on oscillator 1.

    H_h = ω_1 a†a + ω_2 b†b + g V (+ zero point; V = (a + a†)(b + b†) for "xx", a†b + b†a for
    "rwa"), H_c = H_h / compression (all frequencies and the coupling scaled). Each bath is a
    global (eigenmode, secular) flat bath coupled through x_j√2 of its oscillator, so it damps
    both normal modes and the cycle map is contracting. With sudden quenches the normal modes
    scale uniformly and η = 1 - 1/compression for every duration; with long bath strokes
    W = -Σ_k (ν_k - ν_k/c)(n(ν_k, T_h) - n(ν_k/c, T_c)) over the normal frequencies ν_k of H_h.

    Args:
        omegas_h: (ω_1, ω_2) on the hot side.
        g_h: coupling on the hot side (H_h must stay positive definite, non-degenerate).
        compression: c = ω_h/ω_c > 0.
        T_h, T_c: bath temperatures.
        tau_hot, tau_cold: bath-stroke durations.
        gamma: flat spectral density of both baths.
        coupling: "xx" or "rwa".
        tau_unitary: linear-ramp duration of the work strokes (None: quenches).
    """
    check_choice(coupling, "coupling", ("xx", "rwa"))
    c = float(check_positive(compression, "compression"))
    w = np.asarray(omegas_h, dtype=np.float64)
    if w.shape != (2,):
        raise ValueError(f"`omegas_h` must be two frequencies; got {omegas_h!r}.")
    Hh = oscillators_hamiltonian(w, [[0.0, g_h], [g_h, 0.0]], coupling=coupling)
    if np.linalg.eigvalsh(Hh)[0] <= 0:
        raise ValueError(
            f"`g_h` = {g_h!r} makes H_h unbounded below (not positive definite); lower |g_h|."
        )

    def side(H: FloatArray, mode: int, bath: Bath) -> GaussianOpenSystem:
        u = np.zeros(4)
        u[2 * mode] = np.sqrt(2.0)
        return GaussianOpenSystem(
            H, {bath.name: global_dissipator(H, u, bath)}, temperatures={bath.name: bath.T}
        )

    return gaussian_otto_cycle(
        side(Hh, 0, _flat_bath("hot", T_h, gamma)),
        side(Hh / c, 1, _flat_bath("cold", T_c, gamma)),
        tau_hot=tau_hot,
        tau_cold=tau_cold,
        tau_unitary=tau_unitary,
        name="coupled oscillators otto",
    )


def squeezed_otto_cycle(
    omega_h: float,
    omega_c: float,
    T_h: float,
    T_c: float,
    r: float,
    *,
    tau_hot: float,
    tau_cold: float,
    gamma: float = 1.0,
) -> GaussianCycle:
    r"""Roßnagel et al. (PRL 112, 030602 (2014)) Otto engine with a squeezed thermal hot bath.

    One oscillator H = ω(a†a + 1/2); hot stroke: local Lindblad bath of rate γ, occupation
    n(ω_h, T_h) and squeezing r; cold stroke: thermal local bath at T_c; sudden frequency
    quenches (for H ∝ 1 the energy Tr σ ω/2 after a quench equals that after a slow stroke,
    E/ω being conserved either way). The hot channel carries its nominal temperature T_h (it is
    not thermal, so the Clausius check is skipped and η can exceed 1 - T_c/T_h). For long
    strokes the ledger reproduces `squeezed_otto_work`; η = 1 - ω_c/ω_h for every duration.
    """
    wh = float(check_positive(omega_h, "omega_h"))
    wc = float(check_positive(omega_c, "omega_c"))
    n_h = float(bose_occupation(wh, check_temperature(T_h, "T_h")))
    n_c = float(bose_occupation(wc, check_temperature(T_c, "T_c")))
    hot = GaussianOpenSystem(
        wh * np.eye(2),
        {"hot": local_dissipator(1, 0, gamma, n_h, squeezing=r)},
        temperatures={"hot": float(T_h)},
    )
    cold = GaussianOpenSystem(
        wc * np.eye(2),
        {"cold": local_dissipator(1, 0, gamma, n_c)},
        temperatures={"cold": float(T_c)},
    )
    return gaussian_otto_cycle(hot, cold, tau_hot=tau_hot, tau_cold=tau_cold, name="squeezed otto")
