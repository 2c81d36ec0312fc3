r"""Closed (unitary) charging: ψ(t) = e^{−iHt} ψ0 for many times at once.

Two back-ends share one interface:

* ``"eigh"``: diagonalise H once (H = V diag(w) V†); then ψ(t) = V e^{−iwt} V†ψ0 for any
  set of times (cost d² per time, exact to round-off, arbitrary times).
* ``"chebyshev"``: sparse Chebyshev propagation between successive times (cost ∝
  nnz(H)·(‖H‖Δt + 40) per step), for sectors too large to diagonalise (d > 1000).

The battery energy is an observable diagonal in the working basis, E_B = Σ_a K_a |ψ_a|²
(K = energies of the basis states under the battery Hamiltonian), and the instantaneous
charging power is exact, P_inst = dE_B/dt = ⟨ψ| i[H, K] |ψ⟩ = 2 Im⟨Kψ|Hψ⟩ (energy into the
battery positive).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import scipy.sparse as sps
from scipy.special import jv

from .._checks import ComplexArray, FloatArray, check_hermitian

__all__ = ["EIGH_MAX_DIMENSION", "ClosedCharging", "Method"]

Method = Literal["auto", "eigh", "chebyshev"]
#: `method="auto"` diagonalises up to this dimension (measured crossover with 1000 times).
EIGH_MAX_DIMENSION = 1000
_CHUNK = 256


def _as_times(times: Any) -> FloatArray:
    t = np.atleast_1d(np.asarray(times, dtype=float))
    if t.ndim != 1 or not np.all(np.isfinite(t)) or np.any(t < 0):
        raise ValueError(f"`times` must be finite times >= 0 (1-D); got shape {t.shape}.")
    return t


@dataclass(frozen=True, eq=False)
class ClosedCharging:
    """Unitary evolution of a pure state with a battery-energy observable diagonal in its basis.

    Attributes:
        H: Hamiltonian (d, d), dense or scipy.sparse, Hermitian (ħ = 1).
        psi0: initial state (d,), normalised.
        battery_energy: (d,) battery energy of each basis state (E_B = Σ K_a |ψ_a|²).
        method: "eigh" or "chebyshev" (resolved from "auto" by dimension).
    """

    H: Any
    psi0: ComplexArray
    battery_energy: FloatArray
    method: str = "auto"
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def build(
        cls,
        H: Any,
        psi0: Any,
        battery_energy: Any,
        *,
        method: Method = "auto",
        check: bool = True,
    ) -> ClosedCharging:
        """Validate the inputs and choose the back-end.

        Args:
            H: Hermitian Hamiltonian (d, d); scipy.sparse accepted (kept sparse for Chebyshev).
            psi0: initial state vector (d,), normalised to 1 within 1e-10.
            battery_energy: (d,) real battery energies of the basis states.
            method: "auto" (eigh up to dimension 1000), "eigh" or "chebyshev".
            check: validate Hermiticity (skip for Hamiltonians built by quantherm).
        """
        if method not in ("auto", "eigh", "chebyshev"):
            raise ValueError(
                f"`method` must be one of 'auto', 'eigh', 'chebyshev'; got {method!r}."
            )
        Hs = sps.csr_matrix(H) if sps.issparse(H) else None
        if Hs is None:
            Hd = check_hermitian(H, "H") if check else np.asarray(H)
            if Hd.ndim != 2:
                raise ValueError(f"`H` must be a single (d, d) Hamiltonian; got shape {Hd.shape}.")
            Hs = sps.csr_matrix(Hd)
        elif check:
            dev = abs(Hs - Hs.conj().T).max() if Hs.nnz else 0.0
            if dev > 1e-10 * max(1.0, abs(Hs).max()):
                raise ValueError(
                    f"`H` must be Hermitian; got max |H - H^dagger| = {dev:.3g}. "
                    "A Hamiltonian must equal its conjugate transpose."
                )
        d = Hs.shape[0]
        psi = np.asarray(psi0, dtype=np.complex128).ravel()
        if psi.size != d:
            raise ValueError(f"`psi0` must have dimension {d}; got {psi.size}.")
        if abs(np.linalg.norm(psi) - 1.0) > 1e-10:
            raise ValueError(f"`psi0` must be normalised; got norm {np.linalg.norm(psi):.12g}.")
        K = np.asarray(battery_energy, dtype=float).ravel()
        if K.size != d:
            raise ValueError(f"`battery_energy` must have {d} entries; got {K.size}.")
        chosen = method
        if method == "auto":
            chosen = "eigh" if d <= EIGH_MAX_DIMENSION else "chebyshev"
        return cls(H=Hs, psi0=psi, battery_energy=K, method=chosen)

    @property
    def dimension(self) -> int:
        return int(self.H.shape[0])

    def _eig(self) -> tuple[FloatArray, ComplexArray, ComplexArray]:
        if "eig" not in self._cache:
            Hd = self.H.toarray()
            real = not np.any(np.imag(Hd)) and not np.any(np.imag(self.psi0))
            w, V = np.linalg.eigh(Hd.real if real else Hd)
            c = V.conj().T @ (self.psi0.real if real else self.psi0)
            self._cache["eig"] = (w, V, c)
        return self._cache["eig"]  # type: ignore[no-any-return]

    def states(self, times: Any) -> ComplexArray:
        """ψ(t) for each time, shape (nt, d)."""
        t = _as_times(times)
        if self.method == "eigh":
            w, V, c = self._eig()
            out = np.empty((t.size, self.dimension), dtype=np.complex128)
            for s in range(0, t.size, _CHUNK):
                ph = t[s : s + _CHUNK, None] * w[None, :]
                if np.isrealobj(V) and np.isrealobj(c):
                    out[s : s + _CHUNK] = (np.cos(ph) * c) @ V.T - 1j * ((np.sin(ph) * c) @ V.T)
                else:
                    out[s : s + _CHUNK] = (np.exp(-1j * ph) * c) @ V.T
            return out
        return self._chebyshev_states(t)

    def _chebyshev_states(self, t: FloatArray) -> ComplexArray:
        # Step from time to time (sorted) with a Chebyshev expansion of e^{-iH dt}, starting
        # from the nearest stored checkpoint (the series also runs backwards in time).
        cps: list[tuple[float, ComplexArray]] = self._cache.setdefault(
            "checkpoints", [(0.0, self.psi0)]
        )
        out = np.empty((t.size, self.dimension), dtype=np.complex128)
        order = np.argsort(t, kind="stable")
        t_prev, psi = min(cps, key=lambda c: abs(c[0] - float(t[order[0]])))
        for i in order:
            tt = float(t[i])
            if tt != t_prev:
                psi = self._chebyshev_step(psi, tt - t_prev)
                t_prev = tt
            out[i] = psi
        picks = np.unique(np.linspace(0, t.size - 1, min(t.size, 32)).astype(int))
        cps.extend((float(t[order[j]]), out[order[j]]) for j in picks)
        if len(cps) > 256:
            del cps[1 : len(cps) - 256]
        return out

    def _spectral_bounds(self) -> tuple[float, float]:
        """Gershgorin bounds (center, half-width) of the spectrum of H (rigorous, cheap)."""
        if "bounds" not in self._cache:
            H = self.H
            diag = np.real(H.diagonal())
            radius = np.asarray(abs(H).sum(axis=1)).ravel() - np.abs(diag)
            lo, hi = float(np.min(diag - radius)), float(np.max(diag + radius))
            self._cache["bounds"] = (0.5 * (hi + lo), max(0.5 * (hi - lo), 1e-300))
        return self._cache["bounds"]  # type: ignore[no-any-return]

    def _chebyshev_step(self, psi: ComplexArray, dt: float) -> ComplexArray:
        r"""e^{-iH dt} ψ = e^{-ic dt} Σ_k (2 − δ_k0)(−i)^k J_k(a dt) T_k((H − c)/a) ψ.

        Tal-Ezer & Kosloff, J. Chem. Phys. 81, 3967 (1984); the series is cut where the
        Bessel coefficients fall below 1e-17 (beyond k ≈ a dt + 40).
        """
        c, a = self._spectral_bounds()
        x = a * dt
        kmax = int(abs(x) + 40 + 4 * abs(x) ** (1 / 3))
        coef = jv(np.arange(kmax + 1), x)
        keep = np.nonzero(np.abs(coef) > 1e-17)[0]
        kmax = int(keep[-1]) if keep.size else 0
        if "scaled" not in self._cache:  # (H - c)/a once, complex (no upcast per product)
            eye = sps.identity(self.dimension, format="csr")
            self._cache["scaled"] = sps.csr_matrix((self.H - c * eye) / a, dtype=np.complex128)
        Hs = self._cache["scaled"]
        t0 = psi
        t1 = Hs @ psi
        acc = coef[0] * t0 + (-2j * coef[1]) * t1
        for k in range(2, kmax + 1):
            t2 = Hs @ t1
            t2 *= 2.0
            t2 -= t0
            t0, t1 = t1, t2
            acc += (2.0 * (-1j) ** k * coef[k]) * t1
        return np.asarray(np.exp(-1j * c * dt) * acc)

    def _apply(self, f: Callable[[ComplexArray], FloatArray], times: Any) -> FloatArray:
        t = _as_times(times)
        res = [f(self.states(t[s : s + _CHUNK])) for s in range(0, t.size, _CHUNK)]
        return np.concatenate(res) if res else np.empty(0)

    def energy(self, times: Any) -> FloatArray:
        """Battery energy E_B(t) = Σ_a K_a |ψ_a(t)|², shape (nt,)."""
        K = self.battery_energy
        return self._apply(lambda psi: (np.abs(psi) ** 2) @ K, times)

    def instantaneous_power(self, times: Any) -> FloatArray:
        """P_inst(t) = dE_B/dt = 2 Im⟨Kψ|Hψ⟩, exact (no finite differences), shape (nt,)."""
        K = self.battery_energy
        H = self.H

        def f(psi: ComplexArray) -> FloatArray:
            Hpsi = (H @ psi.T).T
            return np.asarray(2.0 * np.imag(np.sum(np.conj(K * psi) * Hpsi, axis=-1)))

        return self._apply(f, times)

    def energy_and_power(self, times: Any) -> tuple[FloatArray, FloatArray]:
        """(E_B(t), P_inst(t)) from one pass over the states."""
        K = self.battery_energy
        H = self.H
        t = _as_times(times)
        E = np.empty(t.size)
        P = np.empty(t.size)
        for s in range(0, t.size, _CHUNK):
            psi = self.states(t[s : s + _CHUNK])
            E[s : s + _CHUNK] = (np.abs(psi) ** 2) @ K
            Hpsi = (H @ psi.T).T
            P[s : s + _CHUNK] = 2.0 * np.imag(np.sum(np.conj(K * psi) * Hpsi, axis=-1))
        return E, P
