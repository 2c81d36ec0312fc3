r"""Ready-made stroke engines: Otto (qubit, oscillator, multilevel) and Carnot (qubit).

Otto cycle: hot isochore (bath stroke with H_h), expansion quench H_h -> H_c, cold
isochore (bath stroke with H_c), compression quench H_c -> H_h. With [H_h, H_c] = 0 and a
uniformly scaled spectrum (E_c = E_h ω_c/ω_h) the efficiency is η = 1 - ω_c/ω_h for every
stroke duration (tight coupling). Finite-time unitary strokes (`tau_unitary`) ramp the
Hamiltonian linearly and give quantum friction when [H_h, H_c] != 0.

Carnot cycle (qubit, H(ω) = ω σ_z/2): hot isotherm ω_1 -> ω_2 at T_h, adiabat ω_2 -> ω_2 T_c/T_h,
cold isotherm down to ω_1 T_c/T_h, adiabat back to ω_1. Each isotherm is either one exact
quasi-static `IsothermalStroke` (steps=None: η = 1 - T_c/T_h exactly) or `steps` small
quenches each followed by a bath stroke (finite time; η -> 1 - T_c/T_h as steps -> ∞ and
tau_step -> ∞).

Baths are global (Davies) master equations from `quantherm.dynamics.master`. Sign
convention (docs/conventions.md): energy into the system is positive; an engine has W < 0.

References:
    H. E. D. Scovil & E. O. Schulz-DuBois, PRL 2, 262 (1959), DOI 10.1103/PhysRevLett.2.262;
    R. Kosloff & Y. Rezek, Entropy 19, 136 (2017), DOI 10.3390/e19040136.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..._checks import ComplexArray, check_hermitian, check_positive
from ...baths import Bath, FlatSpectrum
from ...core.operators import create, destroy, number, sigmax, sigmaz
from ...dynamics.master import master_equation
from .cycle import Cycle
from .strokes import BathStroke, IsothermalStroke, QuenchStroke, Stroke, UnitaryStroke

__all__ = [
    "carnot_cycle",
    "multilevel_otto_cycle",
    "oscillator_otto_cycle",
    "otto_cycle",
    "qubit_otto_cycle",
]


def _ramp(Ha: ComplexArray, Hb: ComplexArray, tau: float) -> Callable[[float], ComplexArray]:
    def H(t: float) -> ComplexArray:
        return np.asarray(Ha + (Hb - Ha) * (t / tau))

    return H


def _work_stroke(Ha: ComplexArray, Hb: ComplexArray, tau: Any, name: str) -> Stroke:
    if tau is None:
        return QuenchStroke(H_initial=Ha, H_final=Hb, name=name)
    t = float(check_positive(tau, "tau_unitary"))
    return UnitaryStroke(H=_ramp(Ha, Hb, t), duration=t, name=name)


def otto_cycle(
    H_hot: Any,
    H_cold: Any,
    *,
    hot: Bath,
    cold: Bath,
    coupling: Any,
    tau_hot: Any,
    tau_cold: Any,
    tau_unitary: float | None = None,
    kind: str = "global",
    name: str = "otto",
) -> Cycle:
    r"""Four-stroke Otto cycle: hot bath, expansion, cold bath, compression.

    Args:
        H_hot, H_cold: Hamiltonians during the hot and cold bath strokes (..., d, d).
        hot, cold: the baths (their names label the heat in the ledger).
        coupling: Hermitian system operator coupled to both baths.
        tau_hot, tau_cold: bath-stroke durations > 0 (arrays sweep them).
        tau_unitary: duration of linear-ramp unitary strokes (None: sudden quenches).
        kind: master-equation kind ("global" or "redfield").
        name: label.

    Returns:
        A `Cycle`; `limit_cycle(cycle)` gives W < 0 for an engine (energy into the system > 0).
    """
    Hh = check_hermitian(H_hot, "H_hot")
    Hc = check_hermitian(H_cold, "H_cold")
    me_h = master_equation(Hh, [(coupling, hot)], kind=kind)
    me_c = master_equation(Hc, [(coupling, cold)], kind=kind)
    return Cycle(
        (
            BathStroke(master=me_h, duration=tau_hot, name="hot isochore"),
            _work_stroke(Hh, Hc, tau_unitary, "expansion"),
            BathStroke(master=me_c, duration=tau_cold, name="cold isochore"),
            _work_stroke(Hc, Hh, tau_unitary, "compression"),
        ),
        name=name,
    )


def qubit_otto_cycle(
    omega_h: float,
    omega_c: float,
    T_h: float,
    T_c: float,
    *,
    tau_hot: Any,
    tau_cold: Any,
    gamma: float = 1.0,
    tau_unitary: float | None = None,
) -> Cycle:
    r"""Qubit Otto engine: H = ω σ_z/2 (ω_h on the hot side), σ_x coupling to flat baths.

    Bath rates: γ(1 + n(ω)) down and γ n(ω) up; η = 1 - ω_c/ω_h for every duration.
    """
    return otto_cycle(
        0.5 * omega_h * sigmaz(),
        0.5 * omega_c * sigmaz(),
        hot=Bath(name="hot", T=T_h, spectral_density=FlatSpectrum(gamma)),
        cold=Bath(name="cold", T=T_c, spectral_density=FlatSpectrum(gamma)),
        coupling=sigmax(),
        tau_hot=tau_hot,
        tau_cold=tau_cold,
        tau_unitary=tau_unitary,
        name="qubit otto",
    )


def oscillator_otto_cycle(
    omega_h: float,
    omega_c: float,
    T_h: float,
    T_c: float,
    *,
    tau_hot: Any,
    tau_cold: Any,
    gamma: float = 1.0,
    n_levels: int = 20,
) -> Cycle:
    r"""Harmonic-oscillator Otto engine: H = ω a^dag a (`n_levels` levels), x = a + a^dag coupling.

    Truncation keeps every Bohr frequency equal to ω, so η = 1 - ω_c/ω_h holds exactly;
    choose n_levels so that the hot thermal occupation is well inside the truncation.
    """
    n = int(n_levels)
    if n < 2:
        raise ValueError(f"`n_levels` must be >= 2; got {n_levels!r}.")
    x = destroy(n) + create(n)
    return otto_cycle(
        omega_h * number(n),
        omega_c * number(n),
        hot=Bath(name="hot", T=T_h, spectral_density=FlatSpectrum(gamma)),
        cold=Bath(name="cold", T=T_c, spectral_density=FlatSpectrum(gamma)),
        coupling=x,
        tau_hot=tau_hot,
        tau_cold=tau_cold,
        name="oscillator otto",
    )


def multilevel_otto_cycle(
    energies: Any,
    compression: float,
    T_h: float,
    T_c: float,
    *,
    tau_hot: Any,
    tau_cold: Any,
    gamma: float = 1.0,
    coupling: Any = None,
) -> Cycle:
    r"""Multilevel Otto engine: H_h = diag(E), H_c = diag(E)/compression.

    Args:
        energies: level energies on the hot side (distinct).
        compression: ratio ω_h/ω_c > 0 (η = 1 - 1/compression).
        coupling: Hermitian coupling (default: sum_{i<j} |i><j| + h.c., all transitions).
    """
    E = np.asarray(energies, dtype=float)
    r = float(check_positive(compression, "compression"))
    d = E.size
    if E.ndim != 1 or d < 2:
        raise ValueError(f"`energies` must be a 1-D list of >= 2 levels; got {energies!r}.")
    A = np.ones((d, d), dtype=np.complex128) - np.eye(d) if coupling is None else coupling
    return otto_cycle(
        np.diag(E).astype(np.complex128),
        np.diag(E / r).astype(np.complex128),
        hot=Bath(name="hot", T=T_h, spectral_density=FlatSpectrum(gamma)),
        cold=Bath(name="cold", T=T_c, spectral_density=FlatSpectrum(gamma)),
        coupling=A,
        tau_hot=tau_hot,
        tau_cold=tau_cold,
        name="multilevel otto",
    )


def carnot_cycle(
    omega_1: float,
    omega_2: float,
    T_h: float,
    T_c: float,
    *,
    steps: int | None = 20,
    tau_step: Any = 5.0,
    gamma: float = 1.0,
) -> Cycle:
    r"""Qubit Carnot engine: exact quasi-static isotherms, or staircases of quench + bath pairs.

    Hot isotherm ω_1 -> ω_2 (ω_2 < ω_1) at T_h; adiabat to ω_3 = ω_2 T_c/T_h (a quench keeps
    the populations, which stay thermal since ω/T is unchanged); cold isotherm
    ω_3 -> ω_4 = ω_1 T_c/T_h at T_c; adiabat back to ω_1.

    `steps=None`: each isotherm is one `IsothermalStroke` (reversible, W = ΔF, Q = T ΔS), so
    the efficiency is exactly 1 - T_c/T_h and W = -(T_h - T_c) ΔS. An integer `steps`: each
    isotherm is `steps` small quenches, each followed by a finite-time bath stroke of
    `tau_step` (a finite-time Carnot cycle); the efficiency approaches 1 - T_c/T_h as
    steps -> ∞ and tau_step -> ∞.
    """
    n = None if steps is None else int(steps)
    if n is not None and n < 1:
        raise ValueError(f"`steps` must be >= 1 or None (quasi-static); got {steps!r}.")
    w1, w2 = float(omega_1), float(omega_2)
    if not 0 < w2 < w1:
        raise ValueError(
            f"`omega_2` must satisfy 0 < omega_2 < omega_1; got {omega_2!r}, {omega_1!r}."
        )
    if not 0 < T_c < T_h:
        raise ValueError(f"temperatures must satisfy 0 < T_c < T_h; got T_c={T_c!r}, T_h={T_h!r}.")
    hot = Bath(name="hot", T=T_h, spectral_density=FlatSpectrum(gamma))
    cold = Bath(name="cold", T=T_c, spectral_density=FlatSpectrum(gamma))
    ratio = T_c / T_h

    def H(w: float) -> ComplexArray:
        return np.asarray(0.5 * w * sigmaz())

    strokes: list[Stroke] = []

    def isotherm(wa: float, wb: float, bath: Bath, label: str) -> None:
        if n is None:
            strokes.append(
                IsothermalStroke(
                    H_initial=H(wa), H_final=H(wb), T=bath.T, bath=bath.name, name=label
                )
            )
            return
        ws = np.linspace(wa, wb, n + 1)
        for j in range(1, n + 1):
            strokes.append(
                QuenchStroke(H_initial=H(ws[j - 1]), H_final=H(ws[j]), name=f"{label} quench {j}")
            )
            me = master_equation(H(ws[j]), [(sigmax(), bath)])
            strokes.append(BathStroke(master=me, duration=tau_step, name=f"{label} bath {j}"))

    isotherm(w1, w2, hot, "hot isotherm")
    strokes.append(QuenchStroke(H_initial=H(w2), H_final=H(w2 * ratio), name="adiabatic expansion"))
    isotherm(w2 * ratio, w1 * ratio, cold, "cold isotherm")
    strokes.append(
        QuenchStroke(H_initial=H(w1 * ratio), H_final=H(w1), name="adiabatic compression")
    )
    return Cycle(tuple(strokes), name="qubit carnot" if n else "qubit carnot (quasi-static)")
