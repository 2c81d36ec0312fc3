"""Per-cycle TPM work and heat statistics of general stroke limit cycles."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg as sla

import quantherm.machines.stroke as qs
from quantherm.baths import Bath, FlatSpectrum
from quantherm.core.operators import sigmam, sigmax, sigmay, sigmaz
from quantherm.core.states import gibbs_state
from quantherm.core.superop import vec
from quantherm.dynamics.master import lindblad, master_equation
from quantherm.fluctuations import cycle_statistics, measured_cycle, otto_cycle_statistics


def _herm(rng: np.random.Generator, d: int) -> np.ndarray:
    A = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    return 0.5 * (A + A.conj().T)


def _ledger(lc: qs.LimitCycle) -> dict[str, float]:
    out = {"work": float(lc.work)}
    out.update({k: float(v) for k, v in lc.heat.items()})
    return out


def _driven_cycle() -> qs.Cycle:
    """Non-commuting cycle: local driven bath stroke, ramps, global bath stroke."""
    H0 = 0.5 * sigmaz()
    H1 = 0.8 * sigmaz() + 0.6 * sigmax()
    hot = Bath(name="hot", T=3.0, spectral_density=FlatSpectrum(0.4))
    cold = Bath(name="cold", T=0.4, spectral_density=FlatSpectrum(0.7))
    me_h = master_equation(H0 + 0.3 * sigmax(), [(sigmax(), hot)], kind="local", H0=H0)
    me_c = master_equation(H1, [(sigmax(), cold)], kind="global")
    ramp = lambda a, b, t: lambda s: a + (b - a) * s / t  # noqa: E731
    return qs.Cycle(
        (
            qs.BathStroke(master=me_h, duration=1.1, name="hot"),
            qs.UnitaryStroke(H=ramp(H0, H1, 0.7), duration=0.7, name="ramp up"),
            qs.BathStroke(master=me_c, duration=0.9, name="cold"),
            qs.UnitaryStroke(H=ramp(H1, H0, 0.5), duration=0.5, name="ramp down"),
        )
    )


def test_mean_equals_ledger_for_commuting_otto_cycle() -> None:
    cyc = qs.qubit_otto_cycle(2.0, 1.0, 4.0, 0.5, tau_hot=1.3, tau_cold=0.7)
    st = cycle_statistics(cyc)
    led = _ledger(qs.limit_cycle(cyc))
    assert st.channels == ("work", "hot", "cold")
    for k, v in led.items():
        assert st.mean[k] == pytest.approx(v, abs=1e-10)
    assert st.entropy_production == pytest.approx(
        float(qs.limit_cycle(cyc).entropy_production), abs=1e-10
    )
    assert abs(st.generating_function({}) - 1) < 1e-12


def test_mean_equals_measured_ledger_for_a_general_cycle() -> None:
    """Drive inside a bath stroke, non-commuting ramps: the mean is the measured cycle's ledger."""
    cyc = _driven_cycle()
    st = cycle_statistics(cyc)
    meas = _ledger(qs.limit_cycle(measured_cycle(cyc)))
    plain = _ledger(qs.limit_cycle(cyc))
    for k in st.channels:
        assert st.mean[k] == pytest.approx(meas[k], abs=1e-10)
    assert meas["measurement"] == pytest.approx(0.0, abs=1e-12)
    # the measurement back-action is real: the unmeasured cycle differs
    assert abs(plain["work"] - meas["work"]) > 1e-4
    # first law per realisation: W + sum Q has zero mean and zero variance on a cycle
    all_ = dict.fromkeys(st.channels, 1.0)
    c = st.scaled_cumulants(all_, 2)
    assert abs(c[0]) < 1e-10 and abs(c[1]) < 1e-9


def test_ideal_otto_matches_closed_form_statistics() -> None:
    """Unitary strokes with (H_c, H_h) energy pairs + thermalising maps = otto_cycle_statistics."""
    Hc, Hh = 0.5 * sigmaz(), 1.1 * sigmaz() + 0.4 * sigmax()
    Tc, Th = 0.5, 3.0
    K = 0.3 * sigmaz() + 0.8 * sigmay()
    U1, U2 = sla.expm(-1j * K * 0.9), sla.expm(-1j * K * 1.4)
    ref = otto_cycle_statistics(Hc, Hh, U1, U2, T_c=Tc, T_h=Th)

    def reset(H: np.ndarray, T: float, ch: str) -> qs.MapStroke:
        S = np.outer(vec(gibbs_state(H, T)), vec(np.eye(2)))
        return qs.MapStroke(H_energy=H, superoperator=S, book_as=ch, temperature=T, name=ch)

    cyc = qs.Cycle(
        (
            qs.UnitaryStroke(H=K, duration=0.9, H_energy=(Hc, Hh)),
            reset(Hh, Th, "hot"),
            qs.UnitaryStroke(H=K, duration=1.4, H_energy=(Hh, Hc)),
            reset(Hc, Tc, "cold"),
        )
    )
    st = cycle_statistics(cyc)
    names = {"work": "work", "hot": "heat_h", "cold": "heat_c"}
    C = st.covariance()
    X = np.stack([getattr(ref, names[c]) for c in st.channels])
    Cref = np.cov(X, aweights=ref.probabilities, bias=True)
    np.testing.assert_allclose(C, Cref, atol=1e-10)
    for c in st.channels:
        assert st.mean[c] == pytest.approx(ref.mean(names[c]), abs=1e-10)
    third = np.sum(ref.probabilities * (ref.work - ref.mean("work")) ** 3)
    assert st.cumulants({"work": 1.0}, 3)[2] == pytest.approx(third, abs=1e-10)
    assert st.fluctuation_theorem() == pytest.approx(1.0, abs=1e-10)


def test_bath_stroke_heat_variance_against_population_markov_chain() -> None:
    """Davies qubit strokes: heat of a stroke = its energy change; classical chain by hand."""
    cyc = qs.qubit_otto_cycle(2.0, 1.0, 4.0, 0.5, tau_hot=0.6, tau_cold=0.9)
    st = cycle_statistics(cyc)
    lc = qs.limit_cycle(cyc)
    pops = [0, 3]  # vec positions of |0><0|, |1><1|
    Sh = qs.limit_cycle(cyc).cycle.strokes[0].compile().S[np.ix_(pops, pops)].real
    p0 = np.real(np.diag(lc.rho))
    Eh = np.array([1.0, -1.0])  # 2.0 * sigma_z / 2
    joint = p0[None, :] * Sh  # [m, n]: start n -> end m
    Q = Eh[:, None] - Eh[None, :]
    mean = np.sum(joint * Q)
    var = np.sum(joint * Q**2) - mean**2
    assert st.mean["hot"] == pytest.approx(mean, abs=1e-12)
    assert st.variance("hot") == pytest.approx(var, abs=1e-12)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_fluctuation_theorem_for_random_cycles(seed: int) -> None:
    rng = np.random.default_rng(seed)
    d = 3
    Ha, Hb = _herm(rng, d), _herm(rng, d)
    A = _herm(rng, d)
    Ta, Tb = rng.uniform(0.3, 3.0, 2)
    ba = Bath(name="a", T=Ta, spectral_density=FlatSpectrum(rng.uniform(0.2, 1.0)))
    bb = Bath(name="b", T=Tb, spectral_density=FlatSpectrum(rng.uniform(0.2, 1.0)))
    K1, K2 = _herm(rng, d), _herm(rng, d)
    cyc = qs.Cycle(
        (
            qs.BathStroke(master=master_equation(Ha, [(A, ba)]), duration=rng.uniform(0.3, 2)),
            qs.UnitaryStroke(H=K1, duration=rng.uniform(0.3, 2), H_energy=(Ha, Hb)),
            qs.BathStroke(master=master_equation(Hb, [(A, bb)]), duration=rng.uniform(0.3, 2)),
            qs.UnitaryStroke(H=K2, duration=rng.uniform(0.3, 2), H_energy=(Hb, Ha)),
        )
    )
    st = cycle_statistics(cyc)
    assert st.fluctuation_theorem() == pytest.approx(1.0, abs=1e-9)
    assert st.entropy_production >= -1e-12
    meas = _ledger(qs.limit_cycle(measured_cycle(cyc)))
    for k in st.channels:
        assert st.mean[k] == pytest.approx(meas[k], abs=1e-10)


def test_fluctuation_theorem_with_a_drive_inside_a_local_bath_stroke() -> None:
    """Local secular jumps keep local detailed balance: the integral FT holds with the drive."""
    st = cycle_statistics(_driven_cycle())
    assert st.fluctuation_theorem() == pytest.approx(1.0, abs=1e-10)
    assert st.entropy_production > 0


def test_scaled_cumulants_and_generating_function_are_consistent() -> None:
    cyc = _driven_cycle()
    st = cycle_statistics(cyc)
    w = {"hot": 1.0, "work": -0.5}
    h = 1e-3
    f = [st.scgf({k: x * v for k, v in w.items()}) for x in (-2 * h, -h, 0.0, h, 2 * h)]
    d1 = (f[0] - 8 * f[1] + 8 * f[3] - f[4]) / (12 * h)
    d2 = (-f[0] + 16 * f[1] - 30 * f[2] + 16 * f[3] - f[4]) / (12 * h**2)
    c = st.scaled_cumulants(w, 2)
    assert c[0] == pytest.approx(d1, abs=1e-8)
    assert c[1] == pytest.approx(d2, abs=1e-5)
    g = [np.log(st.generating_function({k: x * v for k, v in w.items()})).real for x in (-h, h)]
    assert st.cumulants(w, 1)[0] == pytest.approx((g[1] - g[0]) / (2 * h), abs=1e-6)
    # long run per cycle: work statistics are those of minus the total heat
    cw = st.scaled_cumulants({"work": 1.0}, 3)
    cq = st.scaled_cumulants({"hot": -1.0, "cold": -1.0}, 3)
    np.testing.assert_allclose(cw, cq, atol=1e-9)


def test_batched_cycles_match_point_by_point() -> None:
    """A sweep of durations and of a bath's temperature: arrays equal the unbatched results."""
    taus = np.array([0.3, 1.0, 2.5])
    cyc = qs.qubit_otto_cycle(2.0, 1.0, 4.0, 0.5, tau_hot=taus, tau_cold=0.8)
    st = cycle_statistics(cyc)
    assert st.batch_shape == (3,)
    lc = qs.limit_cycle(cyc)
    np.testing.assert_allclose(st.mean["work"], lc.work, atol=1e-10)
    np.testing.assert_allclose(st.mean["hot"], lc.heat["hot"], atol=1e-10)
    np.testing.assert_allclose(st.fluctuation_theorem(), 1.0, atol=1e-10)
    cum = st.cumulants({"work": 1.0}, 3)
    assert cum.shape == (3, 3) and st.covariance().shape == (3, 3, 3)
    for i, t in enumerate(taus):
        one = cycle_statistics(qs.qubit_otto_cycle(2.0, 1.0, 4.0, 0.5, tau_hot=t, tau_cold=0.8))
        np.testing.assert_allclose(cum[i], one.cumulants({"work": 1.0}, 3), atol=1e-12)
    # batched master equation (hot temperatures) inside a bath stroke
    Ts = np.array([2.0, 5.0])
    hot = Bath(name="hot", T=Ts, spectral_density=FlatSpectrum(1.0))
    cold = Bath(name="cold", T=0.5, spectral_density=FlatSpectrum(1.0))
    Hh, Hc = sigmaz(), 0.5 * sigmaz()
    cyc2 = qs.Cycle(
        (
            qs.BathStroke(master=master_equation(Hh, [(sigmax(), hot)]), duration=1.0),
            qs.QuenchStroke(H_initial=Hh, H_final=Hc),
            qs.BathStroke(master=master_equation(Hc, [(sigmax(), cold)]), duration=1.0),
            qs.QuenchStroke(H_initial=Hc, H_final=Hh),
        )
    )
    st2 = cycle_statistics(cyc2)
    np.testing.assert_allclose(st2.temperatures["hot"], Ts)
    np.testing.assert_allclose(st2.mean["work"], qs.limit_cycle(cyc2).work, atol=1e-10)
    v = st2.variance("hot")
    assert v.shape == (2,) and v[1] > v[0]


def test_bad_input() -> None:
    with pytest.raises(TypeError, match="must be a Cycle"):
        cycle_statistics("otto")  # type: ignore[arg-type]
    cyc = qs.qubit_otto_cycle(2.0, 1.0, 4.0, 0.5, tau_hot=1.0, tau_cold=1.0)
    st = cycle_statistics(cyc)
    with pytest.raises(ValueError, match="must name channels"):
        st.cumulants({"warm": 1.0})
    decay = qs.MapStroke(
        H_energy=0.5 * sigmaz(), kraus=[np.diag([1.0, 0.0]), sigmam().conj().T], book_as="pump"
    )
    with pytest.raises(ValueError, match="have none"):
        cycle_statistics(qs.Cycle((decay,))).fluctuation_theorem()


def _unravel(H, ops, energies, psi, tau, dt, rng):  # type: ignore[no-untyped-def]
    """Quantum-jump trajectories (rows of psi) over tau; returns final states and counted heat."""
    Heff = H - 0.5j * sum(L.conj().T @ L for L in ops)
    U = sla.expm(-1j * Heff * dt)
    heat = np.zeros(psi.shape[0])
    r = rng.random(psi.shape[0])
    for _ in range(round(tau / dt)):
        psi = psi @ U.T
        n2 = np.einsum("ni,ni->n", psi.conj(), psi).real
        jumped = np.nonzero(n2 < r)[0]
        if jumped.size:
            out = np.stack([psi[jumped] @ L.T for L in ops], axis=1)
            w = np.einsum("nki,nki->nk", out.conj(), out).real
            cw = np.cumsum(w, axis=1)
            k = np.sum(cw < rng.random(jumped.size)[:, None] * cw[:, -1:], axis=1)
            new = out[np.arange(jumped.size), k]
            psi[jumped] = new / np.linalg.norm(new, axis=1)[:, None]
            heat[jumped] += energies[k]
            r[jumped] = rng.random(jumped.size)
    return psi / np.linalg.norm(psi, axis=1)[:, None], heat


def _measure(H, psi, rng):  # type: ignore[no-untyped-def]
    """Projective energy measurement of each row of psi: (outcomes, collapsed states)."""
    e, V = np.linalg.eigh(H)
    p = np.abs(psi @ V.conj()) ** 2
    k = np.sum(np.cumsum(p, axis=1) < rng.random(psi.shape[0])[:, None], axis=1)
    k = np.minimum(k, e.size - 1)
    return e[k], V[:, k].T.copy()


def test_driven_cycle_statistics_against_quantum_jump_trajectories() -> None:
    """Independent Monte Carlo of the measured cycle: measurements + jump unravelling."""
    from quantherm.fluctuations import counting_model

    cyc = _driven_cycle()
    st = cycle_statistics(cyc)
    rng = np.random.default_rng(7)
    N, dt = 20000, 2e-3
    hot, up, cold, down = cyc.strokes

    def ops_of(stroke):  # type: ignore[no-untyped-def]
        m = counting_model(stroke.master)
        W = np.eye(2) if m.master.W is None else m.master.W[0]
        ops, en = [], []
        for ch in m.channels:
            for k in range(ch.operators.shape[1]):
                ops.append(W @ ch.operators[0, k] @ W.conj().T)
                en.append(ch.energy_per_operator[0, k])
        H = stroke.master.from_work(stroke.master.H_work)
        return H, ops, np.array(en)

    H0 = hot.energy_hamiltonians()[0]
    H1 = cold.energy_hamiltonians()[0]
    e0, V0 = np.linalg.eigh(H0)
    p0 = np.real(np.einsum("ik,ij,jk->k", V0.conj(), st.rho, V0))
    k = rng.choice(2, size=N, p=p0 / p0.sum())
    E_start, psi = e0[k], V0[:, k].T.astype(complex)
    Hh, ops_h, en_h = ops_of(hot)
    psi, Qh = _unravel(Hh, ops_h, en_h, psi, float(hot.duration), dt, rng)
    _, psi = _measure(H0, psi, rng)
    psi = psi @ up.unitary().T
    _, psi = _measure(H1, psi, rng)
    Hc, ops_c, en_c = ops_of(cold)
    psi, Qc = _unravel(Hc, ops_c, en_c, psi, float(cold.duration), dt, rng)
    _, psi = _measure(H1, psi, rng)
    psi = psi @ down.unitary().T
    E4, _ = _measure(H0, psi, rng)
    W = (E4 - E_start) - Qh - Qc
    for x, name in ((W, "work"), (Qh, "hot"), (Qc, "cold")):
        c = st.cumulants({name: 1.0}, 2)
        se_mean = np.sqrt(c[1] / N)
        assert abs(x.mean() - c[0]) < 5 * se_mean + 0.01 * abs(c[0])
        assert x.var() == pytest.approx(c[1], rel=0.05)


def test_degenerate_levels_two_identical_qubits() -> None:
    """Degenerate energy outcomes (|01>, |10>) are measured together; FT and ledger still hold."""
    from quantherm.core.operators import embed

    dims = [2, 2]
    Hc = 0.5 * (embed(sigmaz(), dims, 0) + embed(sigmaz(), dims, 1))
    Hh = 2.0 * Hc
    hot = Bath(name="hot", T=3.0, spectral_density=FlatSpectrum(0.5))
    cold = Bath(name="cold", T=0.5, spectral_density=FlatSpectrum(0.5))

    def me(H: np.ndarray, b: Bath):  # type: ignore[no-untyped-def]
        return master_equation(H, [(embed(sigmax(), dims, 0), b), (embed(sigmax(), dims, 1), b)])

    cyc = qs.Cycle(
        (
            qs.BathStroke(master=me(Hh, hot), duration=1.0),
            qs.QuenchStroke(H_initial=Hh, H_final=Hc),
            qs.BathStroke(master=me(Hc, cold), duration=1.0),
            qs.QuenchStroke(H_initial=Hc, H_final=Hh),
        )
    )
    st = cycle_statistics(cyc)
    led = _ledger(qs.limit_cycle(cyc))
    for k in st.channels:
        assert st.mean[k] == pytest.approx(led[k], abs=1e-10)
    assert st.fluctuation_theorem() == pytest.approx(1.0, abs=1e-10)
    # two independent qubits: the work variance is twice that of one qubit's cycle
    one = cycle_statistics(
        qs.qubit_otto_cycle(2.0, 1.0, 3.0, 0.5, tau_hot=1.0, tau_cold=1.0, gamma=0.5)
    )
    assert st.variance("work") == pytest.approx(2 * one.variance("work"), rel=1e-10)


def test_driven_bath_stroke_is_refused_not_silently_ignored() -> None:
    import numpy as np
    import pytest

    import quantherm as qh
    from quantherm.fluctuations import cycle_statistics
    from quantherm.machines.stroke import BathStroke, Cycle

    H = qh.qubit_number()
    me = qh.master_equation(
        H, [(qh.sigmax(), qh.Bath(name="b", T=1.0, spectral_density=qh.FlatSpectrum(0.2)))]
    )
    # V(0) = V(1) = 0, so the one-stroke cycle closes
    driven = BathStroke(
        master=me, duration=1.0, drive=lambda t: 0.1 * np.sin(np.pi * t) * qh.sigmax()
    )
    with pytest.raises(ValueError, match="time-dependent drive"):
        cycle_statistics(Cycle([driven]))


def test_explicit_lindblad_bath_strokes_are_counted() -> None:
    """Bath strokes built with `lindblad(...)` keep their jump operators and are counted."""
    from quantherm.baths import Bath

    H = 0.5 * sigmaz()
    strokes = []
    for name, T, g in (("hot", 2.0, 0.3), ("cold", 0.5, 0.2)):
        n = 1.0 / np.expm1(1.0 / T)
        me = lindblad(
            H,
            {name: [(sigmam(), g * (1 + n)), (sigmam().conj().T, g * n)]},
            baths={name: Bath(name=name, T=T)},
        )
        strokes.append(qs.BathStroke(master=me, duration=0.7))
    cyc = qs.Cycle(tuple(strokes))
    st = cycle_statistics(cyc)
    lc = qs.limit_cycle(cyc)
    for name in ("hot", "cold"):
        np.testing.assert_allclose(st.mean[name], lc.heat[name], atol=1e-12)
