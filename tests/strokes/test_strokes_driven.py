"""Combined strokes with a time-dependent drive inside a bath stroke, against QuTiP.

Oracle: QuTiP's `propagator` and `mesolve` of the time-dependent Lindblad equation (built
from QuTiP's own Liouvillian of the jump operators), with work and heat integrated on the
dense trajectory by Simpson's rule.
"""

from __future__ import annotations

import numpy as np
import pytest
import qutip
from scipy.integrate import simpson

from quantherm.dynamics.master import lindblad
from quantherm.machines.stroke import BathStroke, Cycle, limit_cycle

_OPTS = {"atol": 1e-14, "rtol": 1e-13, "nsteps": 100000}
NU = 1.3


def _model(seed: int, d: int = 3):
    rng = np.random.default_rng(seed)

    def herm() -> np.ndarray:
        A = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
        return (A + A.conj().T) / 2

    H = herm()
    A, B = 0.4 * herm(), 0.3 * herm()
    jumps = [
        (rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d)), float(r))
        for r in rng.uniform(0.1, 0.5, size=2)
    ]
    me = lindblad(H, {"a": jumps[:1], "b": jumps[1:]})
    return H, A, B, jumps, me


def _V(A, B):
    return lambda t: np.cos(NU * t) * A + np.sin(NU * t) * B


def _Vdot(A, B):
    return lambda t: NU * (-np.sin(NU * t) * A + np.cos(NU * t) * B)


def _qutip_L(H, A, B, jumps):
    c_ops = [np.sqrt(r) * qutip.Qobj(L) for L, r in jumps]
    L0 = qutip.liouvillian(qutip.Qobj(H), c_ops)
    LA = qutip.liouvillian(qutip.Qobj(A))
    LB = qutip.liouvillian(qutip.Qobj(B))
    return [L0, [LA, lambda t: np.cos(NU * t)], [LB, lambda t: np.sin(NU * t)]]


def _rand_rho(seed: int, d: int = 3) -> np.ndarray:
    rng = np.random.default_rng(100 + seed)
    X = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    r = X @ X.conj().T
    return r / np.trace(r)


@pytest.mark.parametrize("seed", [0, 1])
def test_driven_bath_stroke_propagator_matches_qutip(seed: int) -> None:
    H, A, B, jumps, me = _model(seed)
    tau = 1.1 + 0.4 * seed
    S = BathStroke(master=me, duration=tau, drive=_V(A, B)).propagator()
    Sq = qutip.propagator(_qutip_L(H, A, B, jumps), tau, options=_OPTS).full()
    assert np.max(np.abs(S - Sq)) < 1e-10


@pytest.mark.parametrize("drive_energy", [True, False])
def test_driven_bath_stroke_ledger_matches_mesolve(drive_energy: bool) -> None:
    H, A, B, jumps, me = _model(3)
    V, Vd = _V(A, B), _Vdot(A, B)
    tau = 1.7
    rho0 = _rand_rho(3)
    st = BathStroke(master=me, duration=tau, drive=V, drive_energy=drive_energy)
    c = st.compile()
    vals = (c.rows @ rho0.T.reshape(-1)).real
    ts = np.linspace(0.0, tau, 2001)
    res = qutip.mesolve(_qutip_L(H, A, B, jumps), qutip.Qobj(rho0), ts, options=_OPTS)
    rhos = np.array([s.full() for s in res.states])
    Ds = [qutip.lindblad_dissipator(np.sqrt(r) * qutip.Qobj(L)) for L, r in jumps]

    def diss(k: int, r: np.ndarray) -> np.ndarray:
        return qutip.vector_to_operator(Ds[k] * qutip.operator_to_vector(qutip.Qobj(r))).full()

    def E(t: float) -> np.ndarray:
        return H + V(t) if drive_energy else H

    if drive_energy:  # W = int Tr[dV/dt rho] (H_E = H: no coherent term)
        w = [np.trace(Vd(t) @ r).real for t, r in zip(ts, rhos, strict=True)]
    else:  # W = int Tr[H (-i[H + V, rho])]
        w = [
            np.trace(-1j * H @ ((H + V(t)) @ r - r @ (H + V(t)))).real
            for t, r in zip(ts, rhos, strict=True)
        ]
    W = simpson(w, x=ts)
    Q = [
        simpson([np.trace(E(t) @ diss(k, r)).real for t, r in zip(ts, rhos, strict=True)], x=ts)
        for k in range(2)
    ]
    assert vals[0] == pytest.approx(W, abs=1e-9)
    assert vals[1] == pytest.approx(Q[0], abs=1e-9)
    assert vals[2] == pytest.approx(Q[1], abs=1e-9)
    dE = np.trace(E(tau) @ rhos[-1]).real - np.trace(E(0.0) @ rhos[0]).real
    assert abs(dE - vals.sum()) < 1e-10


def test_drive_rate_and_integration_by_parts_agree() -> None:
    _, A, B, _, me = _model(4)
    V, Vd = _V(A, B), _Vdot(A, B)
    r1 = BathStroke(master=me, duration=2.0, drive=V).compile().rows
    r2 = BathStroke(master=me, duration=2.0, drive=V, drive_rate=Vd).compile().rows
    assert np.max(np.abs(r1 - r2)) < 1e-10


def test_constant_drive_equals_constant_generator() -> None:
    """V(t) = V constant, bare energy: the same as lindblad(H + V, H_energy=H)."""
    H, A, _, jumps, _ = _model(5)
    me0 = lindblad(H, {"a": jumps})
    me1 = lindblad(H + A, {"a": jumps}, H_energy=H)
    c0 = BathStroke(master=me0, duration=0.9, drive=lambda t: A, drive_energy=False).compile()
    c1 = BathStroke(master=me1, duration=0.9).compile()
    assert np.max(np.abs(c0.S - c1.S)) < 1e-11
    assert np.max(np.abs(c0.rows - c1.rows)) < 1e-11


def test_driven_cycle_limit_cycle_first_law_and_qutip() -> None:
    """Hot stroke with a pulse V(t) = A sin^2(pi t / tau) (zero at both ends), then a cold one."""
    H, A, _, jumps, me_h = _model(6)
    tau_h, tau_c = 1.5, 0.8
    me_c = lindblad(H, {"c": [(jumps[0][0], 0.3)]})
    pulse = lambda t: np.sin(np.pi * t / tau_h) ** 2 * A  # noqa: E731
    cyc = Cycle(
        (
            BathStroke(master=me_h, duration=tau_h, drive=pulse, name="driven hot"),
            BathStroke(master=me_c, duration=tau_c, name="cold"),
        )
    )
    lc = limit_cycle(cyc)
    for led in lc.strokes:
        assert float(led.first_law_residual) < 1e-10
    assert float(lc.first_law_residual) < 1e-10
    c_ops = [np.sqrt(r) * qutip.Qobj(L) for L, r in jumps]
    Lq = [
        qutip.liouvillian(qutip.Qobj(H), c_ops),
        [qutip.liouvillian(qutip.Qobj(A)), lambda t: np.sin(np.pi * t / tau_h) ** 2],
    ]
    Sh = qutip.propagator(Lq, tau_h, options=_OPTS).full()
    Sc = qutip.liouvillian(qutip.Qobj(H), [np.sqrt(0.3) * qutip.Qobj(jumps[0][0])]) * tau_c
    M = Sc.expm().full() @ Sh
    lam, vecs = np.linalg.eig(M)
    v = vecs[:, np.argmin(np.abs(lam - 1))]
    rho = v.reshape(3, 3).T
    rho = rho / np.trace(rho)
    assert np.max(np.abs(lc.rho - rho)) < 1e-9


def test_driven_bath_stroke_bad_input() -> None:
    _, A, _, _, me = _model(0)
    with pytest.raises(TypeError, match="`drive` must be a callable"):
        BathStroke(master=me, duration=1.0, drive=A)
    with pytest.raises(ValueError, match="`duration` must be a scalar"):
        BathStroke(master=me, duration=[1.0, 2.0], drive=lambda t: A)
    with pytest.raises(ValueError, match="`drive_rate` needs `drive`"):
        BathStroke(master=me, duration=1.0, drive_rate=lambda t: A)
    with pytest.raises(ValueError, match="`drive` must act on the Hilbert space"):
        BathStroke(master=me, duration=1.0, drive=lambda t: np.eye(2))
    with pytest.raises(ValueError, match=r"[Hh]ermitian"):
        BathStroke(master=me, duration=1.0, drive=lambda t: np.triu(np.ones((3, 3))))
    with pytest.raises(ValueError, match="drive_energy=True"):
        BathStroke(
            master=me, duration=1.0, drive=lambda t: A, drive_rate=lambda t: A, drive_energy=False
        )


def test_batched_drive_matches_separate_strokes() -> None:
    """A drive returning a batch (2, d, d) gives the two strokes' propagators and ledgers."""
    _, A, B, _, me = _model(7)
    amps = np.array([0.5, 1.5])

    def V(t: float) -> np.ndarray:
        return amps[:, None, None] * _V(A, B)(t)

    cb = BathStroke(master=me, duration=1.2, drive=V).compile()
    assert cb.S.shape == (2, 9, 9)
    for i, a in enumerate(amps):
        ci = BathStroke(master=me, duration=1.2, drive=lambda t, a=a: a * _V(A, B)(t)).compile()
        assert np.max(np.abs(cb.S[i] - ci.S)) < 1e-10
        assert np.max(np.abs(cb.rows[i] - ci.rows)) < 1e-10
