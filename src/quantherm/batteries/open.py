r"""Open charging of the Dicke battery: cavity loss and collective decay (Lindblad).

dρ/dt = −i[H, ρ] + κ D[a]ρ + γ D[J_−]ρ, D[L]ρ = LρL† − {L†L, ρ}/2, with H the Dicke (or
Tavis–Cummings) Hamiltonian of `DickeBattery` on the symmetric spin space ⊗ Fock space.
Both channels preserve the J = N/2 multiplet (collective decay; independent decay of each
two-level system would not, and needs the full 2^N space). The master equation is built with
`quantherm.dynamics.master.lindblad` and evolved exactly with `quantherm.dynamics.evolve`
(matrix exponential of the dense Liouvillian, dimension d² with d = (N+1)(n_max+1): keep
d ≲ 40). Energy into the battery is positive; the reduced battery ergotropy uses the full
2^N spectrum (see `DickeCharging.ergotropy`).

References:
    D. Ferraro et al., PRL 120, 117702 (2018); for dissipative Dicke charging see e.g.
    F. Barra, PRL 122, 210601 (2019).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .._checks import ComplexArray, FloatArray, check_positive
from ..dynamics import evolve, lindblad
from .collective import symmetric_collective_operators
from .dicke import DickeBattery
from .ergotropy import passive_energy

__all__ = ["MAX_OPEN_DIMENSION", "OpenCharging", "open_dicke_charging"]

#: largest Hilbert-space dimension (N+1)(n_max+1) accepted (the Liouvillian is dense, d² × d²).
MAX_OPEN_DIMENSION = 60


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenCharging:
    """Trajectory of an open Dicke charge.

    Attributes:
        times: (nt,) times.
        states: (nt, d, d) density matrices on spin⊗cavity (spin index first).
        energy: (nt,) battery energy ω_a[⟨J_z⟩ + N/2].
        ergotropy: (nt,) ergotropy of the reduced battery state (full 2^N spectrum).
        photons: (nt,) ⟨a†a⟩.
    """

    times: FloatArray
    states: ComplexArray
    energy: FloatArray
    ergotropy: FloatArray
    photons: FloatArray


def open_dicke_charging(
    battery: DickeBattery, times: Any, *, kappa: float = 0.0, gamma: float = 0.0
) -> OpenCharging:
    """Charge `battery` with cavity loss rate `kappa` and collective decay rate `gamma`.

    Args:
        battery: a `DickeBattery` (its cutoff sets the Fock space).
        times: strictly increasing times starting at the switch-on (t = 0 is the initial state).
        kappa: cavity decay rate κ ≥ 0 (jump operator a).
        gamma: collective emission rate γ ≥ 0 (jump operator J_−).

    Raises:
        ValueError: if (N+1)(n_max+1) exceeds `MAX_OPEN_DIMENSION`.
    """
    if not isinstance(battery, DickeBattery):
        raise TypeError(f"`battery` must be a DickeBattery; got {type(battery).__name__}.")
    k_rate = float(check_positive(kappa, "kappa", allow_zero=True))
    g_rate = float(check_positive(gamma, "gamma", allow_zero=True))
    ns, nc = battery.dims
    d = ns * nc
    if d > MAX_OPEN_DIMENSION:
        raise ValueError(
            f"`battery` must have (N+1)(n_max+1) <= {MAX_OPEN_DIMENSION} for open dynamics; "
            f"got {d}. "
            "Lower N or set a smaller `n_max`."
        )
    H = battery.hamiltonian().toarray()
    _, jp, _ = symmetric_collective_operators(battery.N)
    a = np.kron(np.eye(ns), np.diag(np.sqrt(np.arange(1, nc, dtype=float)), 1))
    Jm = np.kron(jp.T, np.eye(nc))
    me = lindblad(H, {"cavity": [(a, k_rate)], "battery": [(Jm, g_rate)]})
    psi0 = battery.initial_state()
    ev = evolve(me, np.outer(psi0, psi0), times)
    rho = ev.states
    rho_b = np.einsum("tkndn->tkd", rho.reshape(-1, ns, nc, ns, nc))
    levels, deg = battery.battery_energy_levels()
    E = np.real(np.einsum("tkk,k->t", rho_b, levels))
    p = np.clip(np.linalg.eigvalsh(rho_b), 0.0, None)
    W = np.maximum(E - passive_energy(p, levels, deg), 0.0)
    n_ph = np.real(
        np.einsum("tknkn,n->t", rho.reshape(-1, ns, nc, ns, nc), np.arange(nc, dtype=float))
    )
    return OpenCharging(times=ev.times, states=rho, energy=E, ergotropy=W, photons=n_ph)
