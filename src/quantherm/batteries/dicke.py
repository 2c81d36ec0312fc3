r"""The Dicke quantum battery: N two-level systems charged by one cavity mode.

H(t) = ω_c a†a + ω_a J_z + 2ω_c λ(t) J_x (a + a†), λ(t) = λ̄ for 0 < t < τ (sudden switch),
with the charger initially in the Fock state |n_0⟩ (n_0 = N by default) and the battery in
|G⟩ = |J = N/2, M = −N/2⟩. The Tavis–Cummings (rotating-wave) limit keeps
ω_c λ̄ (J_+ a + J_− a†). The stored energy is E(τ) = ω_a [⟨J_z⟩_τ + N/2] (the interaction
energy at switch-off is not counted); energy into the battery is positive.

Symmetry: the Hamiltonian and the initial state are permutation symmetric, so the dynamics
stays in the J = N/2 multiplet (dimension N+1); the parity (−1)^{a†a + J_z + N/2} (Dicke)
or the excitation number a†a + J_z + N/2 (Tavis–Cummings, then the photon cutoff n_0 is
exact) is conserved, and only one sector is evolved. N = 100+ is routine.

The parallel (Rabi) battery is N independent cells, each the N = 1 model with one photon:
all its quantities are N × those of one cell.

References:
    D. Ferraro, M. Campisi, G. M. Andolina, V. Pellegrini, M. Polini, PRL 120, 117702 (2018),
    doi:10.1103/PhysRevLett.120.117702.
    G. M. Andolina et al., PRL 122, 047702 (2019), doi:10.1103/PhysRevLett.122.047702.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import scipy.sparse as sps

from .._checks import ComplexArray, FloatArray, check_positive
from .bounds import power_uncertainty_bound
from .closed import ClosedCharging, Method
from .collective import (
    dicke_degeneracies,
    full_collective_operators,
    symmetric_collective_operators,
)
from .ergotropy import passive_energy
from .merit import ChargingFigures, charging_figures

__all__ = [
    "CollectiveAdvantage",
    "DickeBattery",
    "DickeCharging",
    "charge_dicke",
    "collective_advantage",
    "dicke_figures",
]


def _is_int(x: Any) -> bool:
    return isinstance(x, int | np.integer) and not isinstance(x, bool)


@dataclass(frozen=True, slots=True, kw_only=True)
class DickeBattery:
    """Parameters of a Dicke (or Tavis–Cummings) battery with a Fock-state cavity charger.

    Attributes:
        N: number of two-level systems (≥ 1).
        lam: coupling λ̄ (dimensionless; the coupling term is 2ω_c λ̄ J_x (a + a†)).
        w_a: two-level splitting ω_a (> 0).
        w_c: cavity frequency ω_c (> 0).
        rwa: True for the Tavis–Cummings (rotating-wave) Hamiltonian.
        photons: initial photon number n_0 (default N, the charger holds N ω_c).
        n_max: photon cutoff (default: n_0 with RWA, exact; else n_0 + 20 + ⌈10λ̄N⌉ when
            λ̄√N ≤ 0.25, n_0 + 2N + 25 otherwise; checked to leave < 1e-6 in the top five
            levels over the default window up to N = 200). Must be ≥ n_0.
    """

    N: int
    lam: float
    w_a: float = 1.0
    w_c: float = 1.0
    rwa: bool = False
    photons: int | None = None
    n_max: int | None = None

    def __post_init__(self) -> None:
        if not _is_int(self.N) or self.N < 1:
            raise ValueError(
                f"`N` must be an integer number of two-level systems >= 1; got {self.N!r}."
            )
        check_positive(self.lam, "lam", allow_zero=True)
        check_positive(self.w_a, "w_a")
        check_positive(self.w_c, "w_c")
        if self.photons is not None and (not _is_int(self.photons) or self.photons < 0):
            raise ValueError(f"`photons` must be an integer >= 0; got {self.photons!r}.")
        if self.n_max is not None:
            if not _is_int(self.n_max) or self.n_max < 0:
                raise ValueError(f"`n_max` must be an integer >= 0; got {self.n_max!r}.")
            if self.n_max < self.n_photons:
                raise ValueError(
                    f"`n_max` must be >= the initial photon number {self.n_photons}; "
                    f"got {self.n_max}. "
                    "The cavity cutoff cannot hold the charger's photons: raise `n_max` "
                    "(or leave it None for an automatic cutoff)."
                )

    @property
    def n_photons(self) -> int:
        """Initial photon number n_0."""
        return int(self.N if self.photons is None else self.photons)

    @property
    def cutoff(self) -> int:
        """Photon cutoff in use (Fock states 0..cutoff)."""
        if self.n_max is not None:
            return int(self.n_max)
        if self.rwa:
            return self.n_photons
        if self.lam * math.sqrt(self.N) <= 0.25:
            return self.n_photons + 20 + math.ceil(10 * self.lam * self.N)
        return self.n_photons + 2 * self.N + 25

    @property
    def dims(self) -> tuple[int, int]:
        """(N+1, cutoff+1): the symmetric spin space ⊗ the Fock space."""
        return self.N + 1, self.cutoff + 1

    def sector(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Conserved sector of the initial state: (index in spin⊗cavity, k, n) of its states."""
        ns, nc = self.dims
        k, n = np.divmod(np.arange(ns * nc), nc)
        n0 = self.n_photons
        keep = (k + n == n0) if self.rwa else ((k + n) % 2 == n0 % 2)
        idx = np.nonzero(keep)[0]
        return idx, k[idx], n[idx]

    def hamiltonian(self) -> sps.csr_matrix:
        """Sparse real H on the symmetric spin space ⊗ Fock space (spin index first)."""
        jz, jp, _ = symmetric_collective_operators(self.N)
        return self._assemble(jz, jp, self.dims[0])

    def tensor_hamiltonian(self) -> sps.csr_matrix:
        """Sparse real H on the full 2^N qubit space ⊗ Fock space (qubits first).

        Qubit basis |0⟩ = ground, |1⟩ = excited (see `collective.full_collective_operators`).
        For validation of the symmetric solver (N ≲ 10).
        """
        jz, jp, _ = full_collective_operators(self.N)
        return self._assemble(jz, jp, 2**self.N)

    def _assemble(self, jz: FloatArray, jp: FloatArray, ds: int) -> sps.csr_matrix:
        nc = self.cutoff + 1
        a = sps.diags(np.sqrt(np.arange(1, nc, dtype=float)), 1, format="csr")
        num = sps.diags(np.arange(nc, dtype=float), format="csr")
        Jz, Jp = sps.csr_matrix(jz), sps.csr_matrix(jp)
        g = self.w_c * self.lam
        H = self.w_c * sps.kron(sps.identity(ds), num) + self.w_a * sps.kron(Jz, sps.identity(nc))
        if self.rwa:
            H = H + g * (sps.kron(Jp, a) + sps.kron(Jp.T, a.T))
        else:
            H = H + g * sps.kron(Jp + Jp.T, a + a.T)
        return sps.csr_matrix(H)

    def initial_state(self) -> FloatArray:
        """|n_0⟩ ⊗ |G⟩ as a vector on spin⊗cavity (spin index first)."""
        ns, nc = self.dims
        psi = np.zeros(ns * nc)
        psi[self.n_photons] = 1.0  # k = 0, n = n_0
        return psi

    def battery_energy_levels(self) -> tuple[FloatArray, FloatArray]:
        """Levels k ω_a (k = 0..N) of ω_a(J_z + N/2) on 2^N and their multiplicities C(N, k)."""
        return self.w_a * np.arange(self.N + 1, dtype=float), dicke_degeneracies(self.N)

    def default_window(self) -> float:
        r"""Time window end 1.6·π/(2λ̄ω_c√N) + 2/ω_c (contains P_max and the first E maximum)."""
        if self.lam == 0:
            return 2.0 / self.w_c
        return 1.6 * math.pi / (2.0 * self.lam * self.w_c * math.sqrt(self.N)) + 2.0 / self.w_c

    def default_grid(self, tau_max: float) -> int:
        """Grid size resolving the fastest oscillation (~ω_a + ω_c + 2ω_cλ̄√(N n_0)) 40-fold."""
        f = (
            self.w_a
            + self.w_c
            + 2.0 * self.w_c * self.lam * math.sqrt(max(self.N, 1) * (self.n_photons + 1))
        )
        return int(max(400, math.ceil(40.0 * f * tau_max / (2.0 * math.pi))))


@dataclass(frozen=True, eq=False)
class DickeCharging:
    """Closed charging of a `DickeBattery` in its conserved symmetric sector.

    Attributes:
        battery: the parameters.
        solver: the `ClosedCharging` on the sector.
        index: (d,) positions of the sector states in spin⊗cavity.
        k: (d,) excitation number of the two-level systems of each sector state.
        n: (d,) photon number of each sector state.
    """

    battery: DickeBattery
    solver: ClosedCharging
    index: np.ndarray
    k: np.ndarray
    n: np.ndarray
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def dimension(self) -> int:
        """Dimension of the evolved sector."""
        return self.solver.dimension

    def states(self, times: Any) -> ComplexArray:
        """ψ(t) on spin⊗cavity (spin index first), shape (nt, (N+1)(cutoff+1))."""
        ns, nc = self.battery.dims
        sec = self.solver.states(times)
        out = np.zeros((sec.shape[0], ns * nc), dtype=np.complex128)
        out[:, self.index] = sec
        return out

    def energy(self, times: Any) -> FloatArray:
        """Stored energy E(τ) = ω_a[⟨J_z⟩ + N/2], shape (nt,)."""
        return self.solver.energy(times)

    def energy_and_power(self, times: Any) -> tuple[FloatArray, FloatArray]:
        """(E(τ), P_inst(τ) = dE/dτ), exact."""
        return self.solver.energy_and_power(times)

    def battery_state(self, times: Any) -> ComplexArray:
        """Reduced state of the two-level systems in the Dicke basis k = 0..N, (nt, N+1, N+1)."""
        ns, nc = self.battery.dims
        psi = self.states(times).reshape(-1, ns, nc)
        return np.asarray(np.einsum("tkn,tln->tkl", psi, np.conj(psi)))

    def ergotropy(self, times: Any, *, space: Literal["full", "symmetric"] = "full") -> FloatArray:
        r"""Ergotropy of the two-level systems alone, W = E − E(passive), shape (nt,).

        The passive state is built in the **full** 2^N space of the battery (levels kω_a
        with multiplicity C(N, k)), as it must be: unitaries on the battery need not be
        permutation symmetric. ``space="symmetric"`` restricts them to the J = N/2 multiplet
        (a smaller, wrong-for-ergotropy value, kept to show the difference).
        """
        rho = self.battery_state(times)
        p = np.clip(np.linalg.eigvalsh(rho), 0.0, None)
        levels, deg = self.battery.battery_energy_levels()
        if space == "symmetric":
            deg = np.ones_like(deg)
        elif space != "full":
            raise ValueError(f"`space` must be one of 'full', 'symmetric'; got {space!r}.")
        E = np.real(np.einsum("tkk,k->t", rho, levels))
        return np.asarray(np.maximum(E - passive_energy(p, levels, deg), 0.0))

    def power_bound(self, times: Any) -> FloatArray:
        r"""Robertson bound 2ΔH_B ΔV on |P_inst(τ)|, V = 2ω_cλ̄J_x(a + a†) (or its RWA part).

        In the sector basis the free part ω_c a†a + ω_a J_z is diagonal and V is the rest.
        """
        H = self.solver.H
        V = H - sps.diags(H.diagonal())
        KB = sps.diags(self.solver.battery_energy)
        return power_uncertainty_bound(self.solver.states(times), KB, V)

    def photon_tail(self, times: Any, *, levels: int = 5) -> FloatArray:
        """Population of the top `levels` Fock states of the cutoff (truncation check), (nt,)."""
        top = self.n >= self.battery.cutoff - levels + 1
        if not np.any(top):
            return np.zeros(np.atleast_1d(times).size)
        psi = self.solver.states(times)
        return np.asarray(np.sum(np.abs(psi[:, top]) ** 2, axis=-1))


def charge_dicke(battery: DickeBattery, *, method: Method = "auto") -> DickeCharging:
    """Set up the closed charging of `battery` in its conserved sector.

    Args:
        battery: a `DickeBattery`.
        method: "auto" (diagonalise sectors up to dimension 1000, Chebyshev above), "eigh" or
            "chebyshev" (see `ClosedCharging`).

    Examples:
        >>> ch = charge_dicke(DickeBattery(N=1, lam=0.05, rwa=True))
        >>> round(float(ch.energy([np.pi / 2 / 0.05])[0]), 12)
        1.0
    """
    if not isinstance(battery, DickeBattery):
        raise TypeError(f"`battery` must be a DickeBattery; got {type(battery).__name__}.")
    idx, k, n = battery.sector()
    H = battery.hamiltonian()[idx][:, idx]
    psi0 = battery.initial_state()[idx]
    solver = ClosedCharging.build(H, psi0, battery.w_a * k, method=method, check=False)
    return DickeCharging(battery=battery, solver=solver, index=idx, k=k, n=n)


def dicke_figures(
    battery: DickeBattery,
    *,
    tau_max: float | None = None,
    n_grid: int | None = None,
    method: Method = "auto",
) -> ChargingFigures:
    """P_max, τ̄, E(τ̄) and the first energy maximum of a Dicke battery (see `charging_figures`)."""
    T = battery.default_window() if tau_max is None else float(tau_max)
    n = battery.default_grid(T) if n_grid is None else int(n_grid)
    return charging_figures(charge_dicke(battery, method=method), T, n_grid=n)


@dataclass(frozen=True, slots=True, kw_only=True)
class CollectiveAdvantage:
    r"""Γ_N = P_max(Dicke, N cells) / (N · P_max(one Rabi cell)) at the same λ̄.

    Attributes:
        N: number of cells.
        advantage: Γ_N.
        collective: figures of the Dicke battery.
        cell: figures of one parallel cell (N = 1 with one photon).
    """

    N: int
    advantage: float
    collective: ChargingFigures
    cell: ChargingFigures


def collective_advantage(
    battery: DickeBattery,
    *,
    tau_max: float | None = None,
    n_grid: int | None = None,
    method: Method = "auto",
) -> CollectiveAdvantage:
    """Collective advantage Γ_N of `battery` over N parallel cells with the same λ̄, ω's, RWA.

    References:
        D. Ferraro et al., PRL 120, 117702 (2018) (Γ_N ∝ √N for N ≫ 1).
    """
    coll = dicke_figures(battery, tau_max=tau_max, n_grid=n_grid, method=method)
    cell_battery = DickeBattery(
        N=1, lam=battery.lam, w_a=battery.w_a, w_c=battery.w_c, rwa=battery.rwa, photons=1
    )
    cell = dicke_figures(cell_battery, method=method)
    return CollectiveAdvantage(
        N=battery.N, advantage=coll.p_max / (battery.N * cell.p_max), collective=coll, cell=cell
    )
