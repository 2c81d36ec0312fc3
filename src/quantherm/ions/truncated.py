"""Fock-truncated fallback: dense spin (x) modes evolution with a cutoff convergence check.

Each mode keeps ``cutoff + 1`` Fock levels; the spin is the first factor (index 0 = up).
Use it for models without a conserved excitation number (the full Lamb-Dicke model of
`FullLambDickeModel`, the sigma_z model) and as a cross-check of the sector solver.
Evolution is exact in the truncated space (eigendecomposition):
``<O>(t) = sum_ab rho~_ab O~_ba exp(-i (E_a - E_b) t)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt
import scipy.linalg as sla

from .._checks import check_finite_scalar, check_positive
from ..errors import ConvergenceError
from .crystal import LinearCrystal
from .models import DephasingModel, ExchangeModel

__all__ = [
    "FullLambDickeModel",
    "averaged_effective_dimension",
    "spin_observable_truncated",
    "thermal_phonon_weights",
    "truncated_hamiltonian",
]

FloatArray = npt.NDArray[np.float64]
ComplexArray = npt.NDArray[np.complex128]


@dataclass(frozen=True, slots=True, kw_only=True)
class FullLambDickeModel:
    """A spin driven beyond the Lamb-Dicke regime and rotating-wave approximation.

        H = (Omega / 2) [sigma^+ exp(i sum_m eta_m (a_m + a_m^dag)) + h.c.]
            + sum_m w_m a_m^dag a_m + (delta / 2) sigma_z

    (laser frame of the spin; carrier and all sidebands kept). This is the Hamiltonian
    used for the numerics of Clos et al., PRL 117, 170401 (2016), as archived by the group
    (uwarring82/iontrap-dynamics, `clos2016.py`; there with ``exp(eta (a - a^dag))``, which
    is unitarily equivalent by ``a -> i a``).

    Attributes:
        frequencies: ``w_m`` (N,) > 0.
        lamb_dicke: ``eta_m`` (N,) of the spin ion in each mode.
        rabi_frequency: ``Omega``.
        detuning: ``delta``.
    """

    frequencies: FloatArray
    lamb_dicke: FloatArray
    rabi_frequency: float
    detuning: float = 0.0

    def __post_init__(self) -> None:
        w = np.atleast_1d(np.asarray(check_positive(self.frequencies, "frequencies"), float))
        eta = np.atleast_1d(np.asarray(self.lamb_dicke, dtype=np.float64))
        if w.shape != eta.shape or w.ndim != 1:
            raise ValueError(
                f"`lamb_dicke` must have one entry per mode ({w.size}); got {eta.size}."
            )
        object.__setattr__(self, "frequencies", w)
        object.__setattr__(self, "lamb_dicke", eta)
        object.__setattr__(
            self, "rabi_frequency", check_finite_scalar(self.rabi_frequency, "rabi_frequency")
        )
        object.__setattr__(self, "detuning", check_finite_scalar(self.detuning, "detuning"))

    @property
    def n_modes(self) -> int:
        """Number of modes."""
        return int(self.frequencies.size)

    @classmethod
    def from_crystal(
        cls,
        crystal: LinearCrystal,
        *,
        eta0: float,
        rabi_frequency: float,
        detuning: float = 0.0,
        spin_ion: int = 0,
        direction: Literal["axial", "radial"] = "axial",
    ) -> FullLambDickeModel:
        """Modes of `crystal`; ``eta_m = eta0 b_{s,m} / sqrt(w_m)`` (frequencies in units of
        the reference ``w_z``, at which the single-ion Lamb-Dicke parameter is ``eta0``)."""
        freqs, vecs = crystal.modes(direction)
        return cls(
            frequencies=freqs,
            lamb_dicke=eta0 * vecs[spin_ion] / np.sqrt(freqs),
            rabi_frequency=rabi_frequency,
            detuning=detuning,
        )


Model = ExchangeModel | DephasingModel | FullLambDickeModel


def _kron_all(ops: Sequence[ComplexArray]) -> ComplexArray:
    out = np.ones((1, 1), dtype=np.complex128)
    for op in ops:
        out = np.asarray(np.kron(out, op), dtype=np.complex128)
    return out


def truncated_hamiltonian(model: Model, cutoff: int) -> ComplexArray:
    """Dense Hamiltonian of `model` on spin (x) (cutoff + 1)^N Fock levels."""
    if cutoff < 0:
        raise ValueError(f"`cutoff` must be >= 0; got {cutoff}.")
    levels = cutoff + 1
    a = np.diag(np.sqrt(np.arange(1, levels, dtype=np.float64)), 1).astype(np.complex128)
    eye = np.eye(levels, dtype=np.complex128)
    n = model.n_modes
    d_ph = levels**n

    def mode(op: ComplexArray, m: int) -> ComplexArray:
        return _kron_all([op if j == m else eye for j in range(n)])

    sp = np.array([[0, 1], [0, 0]], dtype=np.complex128)
    sz = np.diag([1.0, -1.0]).astype(np.complex128)
    i_ph = np.eye(d_ph, dtype=np.complex128)
    if isinstance(model, ExchangeModel):
        h = 0.5 * model.spin_detuning * np.kron(sz, i_ph)
        for m in range(n):
            am = mode(a, m)
            h += model.detunings[m] * np.kron(np.eye(2), am.conj().T @ am)
            coup = model.couplings[m] * np.kron(sp, am)
            h += coup + coup.conj().T
        return np.asarray(h, dtype=np.complex128)
    if isinstance(model, DephasingModel):
        h = np.zeros((2 * d_ph, 2 * d_ph), dtype=np.complex128)
        for m in range(n):
            am = mode(a, m)
            h += model.frequencies[m] * np.kron(np.eye(2), am.conj().T @ am)
            h += 0.5 * model.couplings[m] * np.kron(sz, am + am.conj().T)
        return np.asarray(h, dtype=np.complex128)
    disp = _kron_all([sla.expm(1j * eta * (a + a.conj().T)) for eta in model.lamb_dicke])
    h = 0.5 * model.rabi_frequency * np.kron(sp, disp)
    h = h + h.conj().T + 0.5 * model.detuning * np.kron(sz, i_ph)
    for m in range(n):
        am = mode(a, m)
        h += model.frequencies[m] * np.kron(np.eye(2), am.conj().T @ am)
    return 0.5 * (h + h.conj().T)


def thermal_phonon_weights(
    n_bar: float | Sequence[float] | FloatArray, n_modes: int, cutoff: int, *, tol: float = 1e-6
) -> FloatArray:
    """Diagonal of the product thermal state on (cutoff + 1)^N levels, renormalised.

    Raises:
        ValueError: if the thermal weight beyond the cutoff, ``1 - prod_m (1 - q_m^(c+1))``
            with ``q = nbar / (1 + nbar)``, exceeds ``tol``: the truncation cannot hold it.
    """
    nb = np.broadcast_to(
        np.asarray(check_positive(n_bar, "n_bar", allow_zero=True), float), (n_modes,)
    )
    q = nb / (1 + nb)
    lost = 1.0 - float(np.prod(1.0 - q ** (cutoff + 1)))
    if lost > tol:
        raise ValueError(
            f"`cutoff` = {cutoff} cannot hold the thermal weight requested: it drops "
            f"{lost:.3g} > tol = {tol:g} of the thermal state (nbar = {nb.max():g}). "
            "Raise the cutoff or the tolerance."
        )
    n = np.arange(cutoff + 1, dtype=np.float64)
    w = np.ones(1)
    for qm in q:
        p = (1 - qm) * qm**n
        w = np.kron(w, p / p.sum())
    return np.asarray(w, dtype=np.float64)


def _initial_state(spin: str, ph: FloatArray) -> ComplexArray:
    if spin in ("up", "down"):
        s = np.diag([1.0, 0.0] if spin == "up" else [0.0, 1.0])
    else:  # "+x"
        s = 0.5 * np.ones((2, 2))
    return np.kron(s, np.diag(ph)).astype(np.complex128)


def spin_observable_truncated(
    model: Model,
    times: Sequence[float] | FloatArray,
    *,
    spin: Literal["up", "down", "+x"] = "down",
    n_bar: float | Sequence[float],
    observable: Literal["p_up", "coherence"] = "p_up",
    cutoff: int | None = None,
    atol: float = 1e-6,
    tol: float = 1e-6,
    max_dim: int = 3000,
) -> tuple[FloatArray | ComplexArray, int]:
    """``P_up(t)`` or ``<sigma^+>(t)`` in the truncated Fock space, converged in the cutoff.

    With ``cutoff=None`` the cutoff starts where the thermal weight beyond it is below
    `tol` and grows by 2 until two successive results differ by less than `atol`.

    Returns:
        (values (T,), cutoff used).

    Raises:
        ConvergenceError: if the space would exceed `max_dim` before convergence.
    """
    t = np.atleast_1d(np.asarray(times, dtype=np.float64))
    nb = np.broadcast_to(
        np.asarray(check_positive(n_bar, "n_bar", allow_zero=True), float), (model.n_modes,)
    )
    n = model.n_modes

    def run(c: int) -> FloatArray | ComplexArray:
        h = truncated_hamiltonian(model, c)
        rho = _initial_state(spin, thermal_phonon_weights(nb, n, c, tol=1.0))
        d_ph = (c + 1) ** n
        if observable == "p_up":
            obs = np.kron(np.diag([1.0, 0.0]), np.eye(d_ph)).astype(np.complex128)
        else:  # <sigma^+> = tr(rho sigma^+) = rho_{down,up} block trace
            obs = np.kron(np.array([[0.0, 0.0], [1.0, 0.0]]), np.eye(d_ph)).astype(np.complex128)
        vals = _expectation(h, rho, obs, t)
        return vals.real if observable == "p_up" else vals

    if cutoff is not None:
        return run(cutoff), cutoff
    q = float(np.max(nb / (1 + nb)))
    c = 1 if q == 0 else max(1, int(np.ceil(np.log(1 - (1 - tol) ** (1 / n)) / np.log(q))) - 1)
    prev = None
    while True:
        if 2 * (c + 1) ** n > max_dim:
            raise ConvergenceError(
                f"truncated evolution did not converge to atol={atol:g} before the space "
                f"exceeded max_dim={max_dim} (cutoff {c}, dimension {2 * (c + 1) ** n}); use the "
                "sector solver or raise max_dim."
            )
        cur = run(c)
        if prev is not None and np.max(np.abs(cur - prev)) < atol:
            return cur, c
        prev = cur
        c += 2


def _expectation(
    h: ComplexArray, rho: ComplexArray, obs: ComplexArray, t: FloatArray
) -> ComplexArray:
    e, v = np.linalg.eigh(h)
    z = (v.conj().T @ rho @ v) * (v.conj().T @ obs @ v).T
    ph = np.exp(-1j * np.outer(t, e))
    return np.asarray(np.einsum("tb,tb->t", ph @ z, np.conj(ph)))


def averaged_effective_dimension(
    model: Model,
    *,
    n_bar: float | Sequence[float],
    cutoff: int,
    spin: Literal["up", "down"] = "up",
) -> float:
    """``sum_j p_j / sum_a |<E_a|j>|^4`` over the Fock configurations ``|s, n_j>`` of the
    thermal initial state (weights ``p_j``): the averaged effective dimension (``IPR_av``)
    of the archived Clos et al. (2016) numerics. Differs from ``1 / tr(rho_DE^2)``.
    """
    h = truncated_hamiltonian(model, cutoff)
    w = thermal_phonon_weights(n_bar, model.n_modes, cutoff, tol=1.0)
    _, v = np.linalg.eigh(h)
    d_ph = w.size
    rows = np.arange(d_ph) if spin == "up" else d_ph + np.arange(d_ph)
    inv_ipr = 1.0 / np.sum(np.abs(v[rows]) ** 4, axis=1)
    return float(np.sum(w * inv_ipr))
