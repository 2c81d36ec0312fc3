r"""Floquet-Lindblad (Floquet-Markov) master equations for periodically driven machines.

For H(t + T) = H(t) with Omega = 2 pi / T, the Floquet states |psi_a(t)> =
exp(-i eps_a t) |phi_a(t)> (|phi_a> T-periodic, quasienergies eps_a in (-Omega/2, Omega/2])
diagonalise the one-period propagator. A coupling A (to a bath) in the interaction
picture is a sum of sidebands,

    <psi_a(t)| A |psi_b(t)> = sum_k A_ab(k) exp(-i omega_abk t),
    A_ab(k) = (1/T) int_0^T <phi_a(t)|A|phi_b(t)> exp(-i k Omega t) dt,
    omega_abk = eps_b - eps_a - k Omega,

and the secular (Davies) construction per sideband gives jumps |phi_a><phi_b| at rate
gamma(omega_abk) |A_ab(k)|^2, each exchanging exactly omega_abk with the bath (KMS
detailed balance holds per sideband, so the second law holds for any periodic drive).
Degenerate sideband frequencies are grouped as in `secular_dissipator_terms`. The
generator is time independent in the Floquet basis (stroboscopic at t = 0 in the original
basis: the working basis W holds |phi_a(0)>). The heat current of bath k is
J_k = -sum omega_abk (jump rate), period-averaged and positive when the bath heats the
system; the drive's power is P = -sum_k J_k in the periodic steady state.

The one-period propagator is built with the fourth-order Magnus integrator (two Gauss
points per step), so quasienergies and sidebands converge as steps^-4.

References: R. Alicki, D. Gelbwaser-Klimovsky, G. Kurizki, arXiv:1205.4552 (2012);
K. Szczygielski, D. Gelbwaser-Klimovsky, R. Alicki, Phys. Rev. E 87, 012120 (2013),
doi:10.1103/PhysRevE.87.012120; H.-P. Breuer, F. Petruccione, The Theory of Open Quantum
Systems (OUP 2002), Sec. 3.5.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.linalg as sla

from .._checks import ComplexArray, FloatArray, check_hermitian, check_positive
from .._config import get_options
from ..baths.bath import Bath
from ..dynamics.elements import left_right_term, merge, secular_dissipator_terms
from ..dynamics.master import MasterEquation, bath_rate_function
from .counting import CountingModel, JumpChannel, secular_channel

__all__ = ["FloquetBasis", "floquet_basis", "floquet_master_equation"]


@dataclass(frozen=True, slots=True, kw_only=True)
class FloquetBasis:
    """Floquet modes sampled over one period.

    Attributes:
        period: T.
        quasienergies: (d,) eps_a in (-Omega/2, Omega/2].
        times: (steps,) t_j = j T / steps.
        modes: (steps, d, d) columns |phi_a(t_j)> (periodic parts).
    """

    period: float
    quasienergies: FloatArray
    times: FloatArray
    modes: ComplexArray

    @property
    def omega(self) -> float:
        """Drive frequency 2 pi / T."""
        return 2 * np.pi / self.period

    def sidebands(self, A: Any) -> tuple[FloatArray, ComplexArray]:
        """(k values (nk,), A_ab(k) of shape (nk, d, d)) of an operator, by FFT over the period."""
        Am = np.asarray(A, dtype=np.complex128)
        At = np.einsum("tia,ij,tjb->tab", np.conj(self.modes), Am, self.modes)
        n = self.times.size
        Ak = np.fft.fft(At, axis=0) / n  # sum_j A(t_j) exp(-2 pi i j k / n) / n
        k = np.asarray(np.fft.fftfreq(n, d=1.0 / n), dtype=np.float64)
        return k, Ak


def _periodic_check(H: Callable[[float], Any], period: float, d: int) -> None:
    rng = np.random.default_rng(12345)
    for t in (0.0, *rng.uniform(0, period, 3)):
        a = np.asarray(H(float(t)), dtype=np.complex128)
        b = np.asarray(H(float(t + period)), dtype=np.complex128)
        scale = max(1.0, float(np.max(np.abs(a))))
        if a.shape != (d, d) or np.max(np.abs(a - b)) > 1e-10 * scale:
            raise ValueError(
                f"`H` must be periodic with the given `period` {period:g}: H(t + T) differs from "
                f"H(t) at t = {t:.4g} by {float(np.max(np.abs(a - b))):.3g}. Pass the drive's true "
                "period (2 pi / Omega) or a common period of all its harmonics."
            )


def floquet_basis(H: Callable[[float], Any], period: float, *, steps: int = 256) -> FloquetBasis:
    r"""Quasienergies and Floquet modes of a T-periodic Hamiltonian H(t).

    Args:
        H: callable t -> Hermitian (d, d) matrix, with H(t + period) = H(t).
        period: T > 0.
        steps: time steps per period (Magnus-4 integrator; also the FFT length for sidebands).

    Raises:
        ValueError: `H` is not periodic with `period`, not Hermitian, or bad `steps`.
    """
    T = float(check_positive(period, "period"))
    if not isinstance(steps, int) or steps < 8:
        raise ValueError(f"`steps` must be an integer >= 8; got {steps!r}.")
    H0 = check_hermitian(H(0.0), "H(0)")
    d = H0.shape[-1]
    _periodic_check(H, T, d)
    dt = T / steps
    c = np.sqrt(3) / 6
    U = np.eye(d, dtype=np.complex128)
    Us = [U]
    for j in range(steps):
        t = j * dt
        A1 = -1j * np.asarray(H(t + (0.5 - c) * dt), dtype=np.complex128)
        A2 = -1j * np.asarray(H(t + (0.5 + c) * dt), dtype=np.complex128)
        Om = 0.5 * dt * (A1 + A2) + (np.sqrt(3) / 12) * dt**2 * (A2 @ A1 - A1 @ A2)
        U = sla.expm(Om) @ U
        Us.append(U)
    UT = Us[-1]
    # U(T) is unitary (normal): its complex Schur form is diagonal with unitary vectors
    Tm, V = sla.schur(UT, output="complex")
    lam = np.diag(Tm)
    Omega = 2 * np.pi / T
    eps = -np.angle(lam) / T  # in (-Omega/2, Omega/2]
    eps = np.where(eps <= -Omega / 2, eps + Omega, eps)
    times = np.arange(steps, dtype=np.float64) * dt
    Ut = np.array(Us[:-1])  # (steps, d, d)
    modes = np.einsum("tij,ja,ta->tia", Ut, V, np.exp(1j * np.outer(times, eps)))
    return FloquetBasis(period=T, quasienergies=eps, times=times, modes=modes)


def floquet_master_equation(
    H: Callable[[float], Any],
    period: float,
    couplings: Sequence[tuple[Any, Bath]],
    *,
    steps: int = 256,
    sideband_tol: float = 1e-12,
    degeneracy_tol: float | None = None,
) -> CountingModel:
    r"""The Floquet-Markov master equation of a periodically driven system, ready for counting.

    Args:
        H: callable t -> H(t), T-periodic.
        period: T.
        couplings: (Hermitian A, Bath) pairs (time-independent couplings).
        steps: time steps per period (Magnus-4; FFT length for the sidebands).
        sideband_tol: sidebands with |A_ab(k)| below this times max |A| are dropped.
        degeneracy_tol: sideband frequencies closer than this are grouped.

    Returns:
        A `CountingModel` whose `master` is the time-independent generator in the Floquet
        basis (kind "global", heat booked per bath and per sideband through `heat_flux`);
        `steady_state(model.master)` and its ledger give period-averaged heat currents and
        the drive's power P = -sum_k J_k. Counting a bath's heat counts each quantum at its
        sideband frequency omega_abk.

    Raises:
        ValueError: a non-periodic drive, non-Hermitian couplings.
    """
    fb = floquet_basis(H, period, steps=steps)
    d = fb.quasienergies.size
    tol = get_options().degeneracy_tol if degeneracy_tol is None else degeneracy_tol
    eps = fb.quasienergies
    W = fb.modes[0][None]
    H_work = np.diag(eps).astype(np.complex128)[None]
    ham = left_right_term(-1j * H_work, 1j * H_work, d)
    diss: dict[str, list[Any]] = {}
    flux: dict[str, ComplexArray] = {}
    baths: dict[str, Bath] = {}
    channels: list[JumpChannel] = []
    names = [b.name for _, b in couplings]
    for i, (A, bath) in enumerate(couplings):
        if not isinstance(bath, Bath):
            raise TypeError(
                f"`couplings[{i}]` must be a pair (operator, Bath); got {type(bath).__name__}."
            )
        Am = check_hermitian(A, f"couplings[{i}] operator")
        if Am.shape != (d, d):
            raise ValueError(f"`couplings[{i}]` operator must be ({d}, {d}); got {Am.shape}.")
        if bath.name in baths and baths[bath.name] != bath:
            raise ValueError(
                f"two different baths share the name {bath.name!r}; bath names must be unique."
            )
        baths[bath.name] = bath
        k, Ak = fb.sidebands(Am)
        cut = sideband_tol * max(float(np.max(np.abs(Ak))), 1e-300)
        kk, ia, ib = np.nonzero(np.abs(Ak) > cut)
        Av = Ak[kk, ia, ib][None]
        omega = (eps[ib] - eps[ia] - k[kk] * fb.omega)[None]
        rate = bath_rate_function(bath, ())
        jump, anti, phi = secular_dissipator_terms(ia, ib, Av, omega, rate, d, tol)
        diss.setdefault(bath.name, []).extend([jump, anti])
        flux[bath.name] = flux.get(bath.name, 0.0) + phi
        label = (
            bath.name
            if names.count(bath.name) == 1
            else f"{bath.name}[{names[:i].count(bath.name)}]"
        )
        channels.append(secular_channel(bath.name, label, ia, ib, Av, omega, rate, d, tol))
    me = MasterEquation(
        kind="global",
        d=d,
        batch_shape=(),
        W=W,
        H_work=H_work,
        H_energy_work=H_work,
        hamiltonian=ham,
        dissipators={n: merge(v) for n, v in diss.items()},
        baths=baths,
        heat_flux=flux,
    )
    return CountingModel(master=me, channels=tuple(channels))
