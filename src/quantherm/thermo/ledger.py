r"""The thermodynamic ledger: heat per bath, power, entropy production, efficiencies, laws.

Sign convention (docs/conventions.md): energy into the system is positive.
J_k > 0 when bath k heats the system; P > 0 when work is done on the system;
dU/dt = sum_k J_k + P. An engine has P < 0, efficiency eta = -P / (heat in), and
`power_output = -P`. Entropy production (Spohn): sigma = dS/dt - sum_k J_k / T_k >= 0.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._checks import ComplexArray, FloatArray
from .._config import get_options
from ..dynamics.elements import Term
from ..dynamics.evolve import Evolution
from ..dynamics.master import MasterEquation
from ..dynamics.steady import SteadyState
from ..errors import ThermodynamicConsistencyWarning

__all__ = [
    "LawChecks",
    "Ledger",
    "TrajectoryLedger",
    "check_laws",
    "steady_state_ledger",
    "trajectory_ledger",
]


def _energy_trace(HE_work: ComplexArray, y: ComplexArray) -> FloatArray:
    """Tr[H_E Y] for working-basis vectors y (B, ..., d^2); HE_work (B, d, d)."""
    hv = np.swapaxes(HE_work, -1, -2).reshape(HE_work.shape[0], -1)  # vec(H^T)
    if y.ndim == 3:
        return np.real(np.einsum("bn,btn->bt", hv, y))
    return np.real(np.einsum("bn,bn->b", hv, y))


def _apply(term: Term, x: ComplexArray) -> ComplexArray:
    if x.ndim == 3:  # (B, nt, N)
        B, nt, N = x.shape
        flat = np.swapaxes(x, 0, 1).reshape(nt * B, N)
        t = Term(term.d, term.rows, term.cols, np.tile(term.vals, (nt, 1)))
        return np.swapaxes(t.apply(flat).reshape(nt, B, N), 0, 1)
    return term.apply(x)


def _sum_beta_J(heat: dict[str, FloatArray], temps: dict[str, FloatArray]) -> FloatArray:
    total: FloatArray = np.zeros_like(next(iter(heat.values())), dtype=float)
    for k, J in heat.items():
        if k not in temps:
            continue
        T = np.broadcast_to(temps[k], J.shape) if np.ndim(temps[k]) == 0 else temps[k]
        T = np.broadcast_to(T, J.shape) if T.shape != J.shape else T
        with np.errstate(divide="ignore", invalid="ignore"):
            term = np.where(J == 0, 0.0, J / T)
        total = total + term
    return total


@dataclass(frozen=True)
class Ledger:
    """Steady-state energy and entropy books of a continuous machine (batched).

    Attributes:
        heat: bath name -> heat current J_k (*batch), > 0 when bath k heats the system.
        power: P (*batch), > 0 when work is done on the system.
        temperatures: bath name -> T_k.
        entropy_production: sigma = -sum_k J_k / T_k (*batch), >= 0 by the second law.
        first_law_residual: |dU/dt| in the steady state (zero up to the solve's accuracy).
        entropy_production_full: for the local master equation, -sum_k Tr[H D_k rho]/T_k with
            the full H as the energy (no work, since H is time independent): the reading in
            which Levy & Kosloff's second-law violation shows. Equal to
            `entropy_production` for the other kinds.
    """

    heat: dict[str, FloatArray]
    power: FloatArray
    temperatures: dict[str, FloatArray]
    entropy_production: FloatArray
    first_law_residual: FloatArray
    entropy_production_full: FloatArray | None = None

    @property
    def power_output(self) -> FloatArray:
        """-P: power delivered by the machine (positive for an engine)."""
        return np.asarray(-self.power)

    def _roles(self) -> tuple[list[str], FloatArray]:
        names = [k for k in self.heat if k in self.temperatures]
        if not names:
            raise ValueError("the ledger has no bath with a temperature; roles are undefined.")
        T = np.stack([np.broadcast_to(self.temperatures[k], self.power.shape) for k in names])
        return names, T

    def _by_role(self, role: str) -> FloatArray:
        names, T = self._roles()
        J = np.stack([np.broadcast_to(self.heat[k], self.power.shape) for k in names])
        if role == "hot":
            i = np.argmax(T, axis=0)
        elif role == "cold":
            i = np.argmin(T, axis=0)
        else:  # the middle temperature of three baths
            i = np.argsort(T, axis=0)[len(names) // 2]
        return np.take_along_axis(J, i[None], 0)[0], np.take_along_axis(T, i[None], 0)[0]  # type: ignore[return-value]

    @property
    def regime(self) -> Any:
        """'engine', 'refrigerator', 'accelerator', 'heater' or 'heat transport' per point."""
        tol = 1e-12 * max(1.0, float(np.max(np.abs(self.power), initial=0.0)))
        Jc, _ = self._by_role("cold")
        Jh, _ = self._by_role("hot")
        out = np.full(self.power.shape, "heat transport", dtype=object)
        P = self.power
        out = np.where(tol < P, np.where(Jh > 0, "accelerator", "heater"), out)
        out = np.where(Jc > tol * 0 + 1e-15, "refrigerator", out)
        out = np.where(-tol > P, "engine", out)
        return out if out.shape else str(out)

    @property
    def efficiency(self) -> FloatArray:
        """eta = -P / (sum of heat inflows), NaN unless the machine is an engine."""
        inflow = sum(np.maximum(J, 0.0) for J in self.heat.values())
        with np.errstate(divide="ignore", invalid="ignore"):
            eta = np.where(self.power < 0, -self.power / inflow, np.nan)
        return np.asarray(eta)

    @property
    def carnot_efficiency(self) -> FloatArray:
        """1 - T_min / T_max."""
        _, T = self._roles()
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.asarray(1.0 - np.min(T, axis=0) / np.max(T, axis=0))

    @property
    def cop(self) -> FloatArray:
        """Coefficient of performance, NaN unless the coldest bath is cooled.

        Work-driven: J_cold / P. Absorption (P = 0, three baths): J_cold / J_hot.
        """
        Jc, _ = self._by_role("cold")
        Jh, _ = self._by_role("hot")
        tol = 1e-12 * max(1.0, float(np.max(np.abs(Jh), initial=0.0)))
        with np.errstate(divide="ignore", invalid="ignore"):
            c = np.where(np.abs(self.power) > tol, Jc / self.power, Jc / Jh)
            return np.asarray(np.where(Jc > 0, c, np.nan))

    @property
    def carnot_cop(self) -> FloatArray:
        """Carnot COP: T_c/(T_h - T_c) (work-driven) or (1 - T_r/T_h)/(T_r/T_c - 1) (absorption)."""
        _, Tc = self._by_role("cold")
        _, Th = self._by_role("hot")
        _, Tr = self._by_role("room")
        Jh, _ = self._by_role("hot")
        tol = 1e-12 * max(1.0, float(np.max(np.abs(Jh), initial=0.0)))
        with np.errstate(divide="ignore", invalid="ignore"):
            absorption = (1.0 - Tr / Th) / (Tr / Tc - 1.0)
            work = Tc / (Th - Tc)
            use_abs = (np.abs(self.power) <= tol) & (len(self.heat) >= 3)
            return np.asarray(np.where(use_abs, absorption, work))

    def __repr__(self) -> str:
        def f(x: Any) -> str:
            a = np.asarray(x, dtype=float)
            return f"{float(a):+.6g}" if a.ndim == 0 else f"array{a.shape}"

        heat = ", ".join(f"{k}: {f(v)}" for k, v in self.heat.items())
        return (
            f"Ledger(heat={{{heat}}}, power={f(self.power)}, "
            f"entropy_production={f(self.entropy_production)}, regime={self.regime!r})"
        )


@dataclass(frozen=True)
class LawChecks:
    """Law checks of a result: each value is the worst case over the batch.

    Attributes:
        first_law_residual: max |dU/dt - sum J - P| (or of the integrated balance).
        min_entropy_production: min sigma (>= -atol required).
        min_eigenvalue: smallest eigenvalue of the state(s) (positivity).
        trace_error: max |Tr rho - 1|.
        violations: one message per violated law.
    """

    first_law_residual: float
    min_entropy_production: float
    min_eigenvalue: float
    trace_error: float
    violations: tuple[str, ...] = field(default_factory=tuple)

    @property
    def passed(self) -> bool:
        return not self.violations

    def to_dict(self) -> dict[str, Any]:
        return {
            "first_law_residual": self.first_law_residual,
            "min_entropy_production": self.min_entropy_production,
            "min_eigenvalue": self.min_eigenvalue,
            "trace_error": self.trace_error,
            "passed": self.passed,
            "violations": list(self.violations),
        }


def check_laws(
    *,
    states: ComplexArray,
    first_law_residual: FloatArray,
    entropy_production: FloatArray,
    kind: str,
    scale: float = 1.0,
    warn: bool = True,
    atol: float | None = None,
    entropy_production_full: FloatArray | None = None,
    power: FloatArray | None = None,
) -> LawChecks:
    """Check positivity, trace, first and second law; warn with the physics and the fix.

    For the local master equation, `entropy_production_full` (full H as the energy, no
    work) is checked too: that is where the local equation's violation of the second law
    shows (heat from cold to hot with a time-independent Hamiltonian).
    """
    tol = get_options().atol_law if atol is None else atol
    herm = 0.5 * (states + np.conj(np.swapaxes(states, -1, -2)))
    lam = float(np.min(np.linalg.eigvalsh(herm)))
    tr = float(np.max(np.abs(np.trace(states, axis1=-2, axis2=-1) - 1.0)))
    fl = float(np.max(np.abs(first_law_residual), initial=0.0))
    sig = float(np.min(entropy_production, initial=np.inf))
    v: list[str] = []
    if sig < -tol * max(scale, 1e-300) and sig < -1e-14:
        fix = (
            " The local master equation is outside its validity here (Levy & Kosloff, EPL 107, "
            "20004 (2014)): use kind='global' or kind='redfield'."
            if kind == "local"
            else " Check the model: baths must obey detailed balance and the dissipators must "
            "be built in the eigenbasis of the Hamiltonian (kind='global')."
        )
        v.append(
            f"second law violated: entropy production {sig:.3g} < 0 (heat flows against the "
            f"temperature gradient with no work).{fix}"
        )
    elif entropy_production_full is not None and kind == "local":
        sig_f = float(np.min(entropy_production_full, initial=np.inf))
        if sig_f < -tol * max(scale, 1e-300) and sig_f < -1e-14:
            p_txt = ""
            if power is not None:
                p_txt = (
                    f" Booked with the bare H0 the currents close the first law only through a "
                    f"fictitious work P = {float(np.max(np.abs(power))):.3g} done by a "
                    "time-independent coupling."
                )
            v.append(
                "second law violated: with the system's full Hamiltonian as its energy (no drive, "
                f"so no work), the entropy production is {sig_f:.3g} < 0: heat flows from the "
                f"cold bath to the hot one.{p_txt} The local master equation is outside its "
                "validity here (Levy & Kosloff, EPL 107, 20004 (2014)): use kind='global' or "
                "kind='redfield'."
            )
    if fl > tol * max(scale, 1.0):
        v.append(
            f"first law not closed: residual {fl:.3g} (refine the time grid or the solver "
            "tolerance)"
        )
    if lam < -get_options().atol_state:
        v.append(
            f"state not positive: smallest eigenvalue {lam:.3g} (Redfield or local equations "
            "can break positivity)"
        )
    if tr > get_options().atol_state:
        v.append(f"trace not preserved: |Tr rho - 1| = {tr:.3g}")
    if warn:
        for msg in v:
            warnings.warn(msg, ThermodynamicConsistencyWarning, stacklevel=3)
    return LawChecks(fl, sig, lam, tr, tuple(v))


def _hvec(H_work: ComplexArray) -> ComplexArray:
    return np.swapaxes(H_work, -1, -2).reshape(H_work.shape[0], -1)


def steady_state_ledger(ss: SteadyState) -> Ledger:
    """The ledger of a steady state (heat with the energy Hamiltonian of the master equation)."""
    me = ss.master
    x = ss.x_work
    idx = ss.block_index
    heat = {k: _heat(me, k, x, idx).reshape(me.batch_shape) for k in me.dissipators}
    hE = _hvec(me.H_energy_work)
    dU = me.generator.restricted_to_columns(idx).trace_with(hE, x).reshape(me.batch_shape)
    power = dU - sum(heat.values())
    temps = me.temperatures
    sigma = -_sum_beta_J(heat, temps)
    sigma_full = sigma
    if me.kind == "local":
        hH = _hvec(me.H_work)
        heat_full = {
            k: D.restricted_to_columns(idx).trace_with(hH, x).reshape(me.batch_shape)
            for k, D in me.dissipators.items()
        }
        sigma_full = -_sum_beta_J(heat_full, temps)
    # first law in a steady state: dU/dt = 0 (checks the solve) and dU/dt = sum J + P
    return Ledger(
        heat=heat,
        power=power,
        temperatures=temps,
        entropy_production=sigma,
        first_law_residual=np.abs(dU),
        entropy_production_full=sigma_full,
    )


def _heat(me: MasterEquation, name: str, x: ComplexArray, index: Any = None) -> FloatArray:
    """J_k = -Tr[Phi_k rho] (secular) or Tr[H_E D_k rho] (Redfield, explicit Lindblad)."""
    if name in me.heat_flux:
        phi_t = _hvec(me.heat_flux[name])  # vec(Phi^T)
        if x.ndim == 3:
            return -np.real(np.einsum("bn,btn->bt", phi_t, x))
        return -np.real(np.einsum("bn,bn->b", phi_t, x))
    D = me.dissipators[name]
    if index is not None:
        D = D.restricted_to_columns(index)
    return D.trace_with(_hvec(me.H_energy_work), x)


@dataclass(frozen=True)
class TrajectoryLedger:
    """Ledger along a trajectory; arrays have shape (*batch, nt).

    Attributes:
        times: (nt,).
        energy: U(t) = Tr[H_E(t) rho(t)].
        heat_currents: J_k(t).
        power: P(t).
        entropy_rate: dS/dt.
        entropy_production_rate: sigma(t) = dS/dt - sum_k J_k/T_k (Spohn), >= 0 for global.
        heat: cumulative Q_k(t) = int J_k dt (trapezoid on the saved grid).
        work: cumulative W(t) = int P dt.
        first_law_residual: |U(t) - U(0) - sum_k Q_k(t) - W(t)| (quadrature error of the grid).
    """

    times: FloatArray
    energy: FloatArray
    heat_currents: dict[str, FloatArray]
    power: FloatArray
    entropy_rate: FloatArray
    entropy_production_rate: FloatArray
    heat: dict[str, FloatArray]
    work: FloatArray
    first_law_residual: FloatArray


def _entropy_rate(rho: ComplexArray, drho: ComplexArray) -> FloatArray:
    p, V = np.linalg.eigh(0.5 * (rho + np.conj(np.swapaxes(rho, -1, -2))))
    dd = np.real(np.einsum("...ij,...jk,...ki->...i", np.conj(np.swapaxes(V, -1, -2)), drho, V))
    logp = np.log(np.clip(p, 1e-300, None))
    return np.asarray(-np.sum(dd * logp, axis=-1))


def trajectory_ledger(ev: Evolution) -> TrajectoryLedger:
    """Ledger along a trajectory, with Spohn's entropy production rate at every saved time."""
    me = ev.master
    x = ev.x_work  # (B, nt, N)
    B, nt, _ = x.shape
    t = ev.times
    from ..core.superop import unvec, vec

    HE = np.broadcast_to(me.H_energy_work[:, None], (B, nt, me.d, me.d))
    Ldx = _apply(me.hamiltonian, x)
    if ev.drive is not None:
        W = me.W
        Vs = []
        dVs = []
        for tt in t:
            h = 1e-6 * max(1.0, abs(tt))
            V = (
                np.broadcast_to(np.asarray(ev.drive(tt), dtype=complex), (B, me.d, me.d))
                if np.ndim(ev.drive(tt)) == 2
                else np.asarray(ev.drive(tt)).reshape(B, me.d, me.d)
            )
            dV = (
                np.asarray(ev.drive(tt + h), dtype=complex)
                - np.asarray(ev.drive(tt - h), dtype=complex)
            ) / (2 * h)
            dV = np.broadcast_to(dV, (B, me.d, me.d)) if dV.ndim == 2 else dV.reshape(B, me.d, me.d)
            if W is not None:
                V = np.conj(np.swapaxes(W, -1, -2)) @ V @ W
                dV = np.conj(np.swapaxes(W, -1, -2)) @ dV @ W
            Vs.append(V)
            dVs.append(dV)
        Vw = np.stack(Vs, axis=1)
        dVw = np.stack(dVs, axis=1)
        rho_w = unvec(x)
        Ldx = Ldx + vec(-1j * (Vw @ rho_w - rho_w @ Vw))
        HE = HE + Vw
    else:
        dVw = None
        rho_w = unvec(x)
    heat_c = {}
    dx_total = Ldx.copy()
    for k, D in me.dissipators.items():
        Dx = _apply(D, x)
        dx_total = dx_total + Dx
        if ev.drive is None:
            heat_c[k] = _heat(me, k, x)
        else:
            heat_c[k] = np.real(np.einsum("btij,btji->bt", HE, unvec(Dx)))
    # P = dU/dt - sum_k J_k, with dU/dt = Tr[dH_E/dt rho] + Tr[H_E d rho/dt]
    dU = np.real(np.einsum("btij,btji->bt", HE, unvec(dx_total)))
    if dVw is not None:
        dU = dU + np.real(np.einsum("btij,btji->bt", dVw, rho_w))
    power = dU - sum(heat_c.values())
    energy = np.real(np.einsum("btij,btji->bt", HE, rho_w))
    dS = _entropy_rate(rho_w, unvec(dx_total))
    temps = {
        k: np.broadcast_to(np.asarray(v, dtype=float).reshape(-1) if np.ndim(v) else v, (B,))[
            :, None
        ]
        for k, v in me.temperatures.items()
    }
    sigma = dS - _sum_beta_J(heat_c, {k: np.broadcast_to(v, (B, nt)) for k, v in temps.items()})
    if nt > 1:
        from scipy.integrate import cumulative_trapezoid

        Q = {k: cumulative_trapezoid(J, t, axis=-1, initial=0.0) for k, J in heat_c.items()}
        Wc = cumulative_trapezoid(power, t, axis=-1, initial=0.0)
    else:
        Q = {k: np.zeros_like(J) for k, J in heat_c.items()}
        Wc = np.zeros_like(power)
    resid = np.abs(energy - energy[:, :1] - sum(Q.values()) - Wc)
    bs = (*me.batch_shape, nt)
    return TrajectoryLedger(
        times=t,
        energy=energy.reshape(bs),
        heat_currents={k: v.reshape(bs) for k, v in heat_c.items()},
        power=power.reshape(bs),
        entropy_rate=dS.reshape(bs),
        entropy_production_rate=sigma.reshape(bs),
        heat={k: v.reshape(bs) for k, v in Q.items()},
        work=Wc.reshape(bs),
        first_law_residual=resid.reshape(bs),
    )
