"""Aguilar & Lutz efficiency decomposition, and the correlated engine against Fock space (QuTiP)."""

from __future__ import annotations

import numpy as np
import pytest
import qutip as qt
from hypothesis import given, settings
from hypothesis import strategies as st

from quantherm.gaussian import aguilar_lutz_efficiency, run_correlated_engine
from quantherm.papers.base import get_reproduction


def _thermal(n: float, d: int) -> qt.Qobj:
    p = (n / (1 + n)) ** np.arange(d)
    return qt.Qobj(np.diag(p / p.sum()))


def _fock_cycle(w_h, w_c, T_h, T_c, theta, phi, swap_h, swap_c, d):
    """One engine cycle in truncated Fock space (QuTiP), written from the card's definitions.

    The correlated pair is built as a thermal state of c = (sqrt(n_a) a + sqrt(n_b) b)/sqrt(n_a +
    n_b) with the orthogonal mode in vacuum (so <a^dag b> = sqrt(n_a n_b)), independently of the
    Gaussian code. The heat strokes act on (a, h) and (b, c) separately, so every marginal
    needed lives in a d^2-dimensional two-mode space.
    """
    n_a = 1 / np.expm1(w_h / T_h)
    n_b = 1 / np.expm1(w_c / T_c)
    a = qt.tensor(qt.destroy(d), qt.qeye(d))
    b = qt.tensor(qt.qeye(d), qt.destroy(d))
    cdag = (np.sqrt(n_a) * a.dag() + np.sqrt(n_b) * b.dag()) / np.sqrt(n_a + n_b)
    vac = qt.tensor(qt.basis(d, 0), qt.basis(d, 0))
    ntot = n_a + n_b
    rho = 0 * vac.proj()
    ket = vac
    for k in range(d):
        rho += (ntot**k / (1 + ntot) ** (k + 1)) * ket.proj()
        ket = cdag * ket / np.sqrt(k + 1)
    rho = rho / rho.tr()

    def bs(th, ph=0.0):
        return (th * (np.exp(1j * ph) * a.dag() * b - np.exp(-1j * ph) * a * b.dag())).expm()

    def S(r):
        return qt.entropy_vn(r)

    def n(r):
        return qt.expect(qt.num(d), r)

    ra0, rb0 = rho.ptrace(0), rho.ptrace(1)
    mi0 = S(ra0) + S(rb0) - S(rho)
    Uw = bs(theta, phi)
    rho1 = Uw * rho * Uw.dag()
    ra1, rb1 = rho1.ptrace(0), rho1.ptrace(1)
    W = w_h * (n(ra1) - n(ra0)) + w_c * (n(rb1) - n(rb0))
    th, tc = _thermal(n_a, d), _thermal(n_b, d)
    Uh, Uc = bs(np.arcsin(np.sqrt(swap_h))), bs(np.arcsin(np.sqrt(swap_c)))
    rah = Uh * qt.tensor(ra1, th) * Uh.dag()
    rbc = Uc * qt.tensor(rb1, tc) * Uc.dag()
    ra2, rh2, rb2, rc2 = rah.ptrace(0), rah.ptrace(1), rbc.ptrace(0), rbc.ptrace(1)
    Qh = w_h * (n(rh2) - n(th))
    Qc = w_c * (n(rc2) - n(tc))
    dU = w_h * (n(ra2) - n(ra0)) + w_c * (n(rb2) - n(rb0))
    dS = S(ra2) + S(rb2) - S(ra0) - S(rb0)
    # Sigma = sum of local entropies - S(total) + sum_j D(rho_j || gamma_j); S(total) is
    # conserved and D(rho_j||gamma_j) = (E_j - E_th)/T_j - (S_j - S_th).
    dSig = dS + (S(rh2) - S(th)) + (S(rc2) - S(tc))
    dSig += (Qh / T_h - (S(rh2) - S(th))) + (Qc / T_c - (S(rc2) - S(tc)))
    return {"W": W, "Qh": Qh, "Qc": Qc, "dU": dU, "dS": dS, "dSig": dSig, "mi0": mi0}


@pytest.mark.parametrize(
    "params",
    [
        # the card's claim-3 point (theta = atan sqrt(n_a/n_b), phi = pi, full swaps)
        {
            "w_h": 2.0,
            "w_c": 1.0,
            "T_h": 1.5,
            "T_c": 1.0,
            "theta": None,
            "phi": np.pi,
            "swap_h": 1.0,
            "swap_c": 1.0,
        },
        # partial swaps, off-optimal stroke: Delta U != 0 and Delta S_local != 0
        {
            "w_h": 1.7,
            "w_c": 1.0,
            "T_h": 1.2,
            "T_c": 0.8,
            "theta": 0.4,
            "phi": 2.5,
            "swap_h": 0.6,
            "swap_c": 0.3,
        },
    ],
)
def test_one_cycle_matches_fock_space(params):
    p = dict(params)
    n_a = 1 / np.expm1(p["w_h"] / p["T_h"])
    n_b = 1 / np.expm1(p["w_c"] / p["T_c"])
    if p["theta"] is None:
        p["theta"] = float(np.arctan(np.sqrt(n_a / n_b)))
    run = run_correlated_engine(cycles=1, **p)
    ref = _fock_cycle(d=30, **p)
    got = {
        "W": run.work[0],
        "Qh": run.heat_hot[0],
        "Qc": run.heat_cold[0],
        "dU": run.delta_energy[0],
        "dS": run.delta_local_entropy[0],
        "dSig": run.delta_sigma[0],
        "mi0": run.mutual_information_initial,
    }
    for key, val in ref.items():
        assert got[key] == pytest.approx(val, abs=1e-7), key  # Fock tail at d = 30
    if p["swap_h"] < 1:
        assert abs(got["dU"]) > 1e-3 and abs(got["dS"]) > 1e-3  # the general form is exercised


def test_decomposition_three_baths_from_the_laws():
    """Build a cycle that obeys both laws with 3 baths and 2 parts; check Eqs. (S18), (S19)."""
    rng = np.random.default_rng(7)
    T = np.array([3.0, 1.2, 0.7])
    Q = rng.normal(size=(5, 3))
    dU = rng.normal(scale=0.1, size=(5, 2))
    dS = rng.normal(scale=0.1, size=(5, 2))
    dSigma = dS.sum(-1) + (Q / T).sum(-1)  # second law
    W = Q.sum(-1) + dU.sum(-1)  # first law
    q_in = -Q[:, 0]
    dU_in = 0.05 * np.ones(5)
    dec = aguilar_lutz_efficiency(
        work=W,
        heats=Q,
        temperatures=T,
        delta_sigma=dSigma,
        delta_energies=dU,
        delta_entropies=dS,
        heat_in=q_in,
        delta_energy_in=dU_in,
    )
    assert dec.T_min == 0.7
    np.testing.assert_allclose(dec.eta_j, 1 - 0.7 / T)
    np.testing.assert_allclose(dec.work_residual, 0, atol=1e-13)
    np.testing.assert_allclose(dec.efficiency, -W / (q_in + dU_in), rtol=1e-12)
    np.testing.assert_allclose(dec.gamma, 1 / (1 + dU_in / q_in))
    # eta_th is the Carnot-weighted heat ratio; the entropic term carries the rest
    np.testing.assert_allclose(dec.eta_th, -(dec.eta_j * Q).sum(-1) / q_in)
    np.testing.assert_allclose(
        dec.entropic_term, 0.7 * dSigma + (dU - 0.7 * dS).sum(-1), rtol=1e-13
    )
    np.testing.assert_array_equal(dec.athermal, dec.entropic_term < 0)


def test_two_baths_reduce_to_carnot_form():
    run = run_correlated_engine(w_h=2.0, w_c=1.0, T_h=1.5, T_c=1.0, cycles=3)
    dec = run.efficiency_decomposition()
    np.testing.assert_allclose(dec.eta_th, 1 - 1.0 / 1.5, rtol=1e-14)
    np.testing.assert_allclose(dec.gamma, 1.0)
    np.testing.assert_allclose(dec.efficiency, run.efficiency, atol=1e-12)
    # cycle 1 consumes the initial correlations (athermal); later cycles do not
    assert dec.athermal.tolist() == [True, False, False]
    # uncorrelated start: the entropic term is pure entropy production (>= 0)
    unc = run_correlated_engine(w_h=2.0, w_c=1.0, T_h=4.0, T_c=1.0, kappa=0.0, cycles=2)
    assert np.all(unc.efficiency_decomposition().entropic_term > 0)


@settings(max_examples=25, deadline=None)
@given(
    T_h=st.floats(0.3, 5.0),
    T_c=st.floats(0.3, 5.0),
    frac=st.floats(0.0, 1.0),
    theta=st.floats(0.0, 1.5),
    phi=st.floats(0.0, 6.28),
    swap_h=st.floats(0.0, 1.0),
    swap_c=st.floats(0.0, 1.0),
)
def test_paper_identities_hold_for_any_engine(T_h, T_c, frac, theta, phi, swap_h, swap_c):
    n_a = 1 / np.expm1(2.0 / T_h)
    n_b = 1 / np.expm1(1.0 / T_c)
    run = run_correlated_engine(
        w_h=2.0,
        w_c=1.0,
        T_h=T_h,
        T_c=T_c,
        kappa=frac * np.sqrt(n_a * n_b),
        theta=theta,
        phi=phi,
        swap_h=swap_h,
        swap_c=swap_c,
        cycles=3,
    )
    dec = run.efficiency_decomposition()
    scale = 1 + np.abs(run.work)
    assert np.all(np.abs(dec.work_residual) <= 1e-10 * scale)
    assert dec.T_min == min(T_h, T_c)
    # eta = -W/Q_in wherever heat flows (gamma = 1)
    ok = np.abs(run.heat_in) > 1e-6
    np.testing.assert_allclose(
        dec.efficiency[ok] * run.heat_in[ok], run.work_out[ok], atol=1e-10 * scale.max()
    )


def test_bad_input():
    kw = {
        "work": [0.1],
        "heats": [[0.1, -0.2]],
        "delta_sigma": [0.0],
        "delta_energies": [[0.0]],
        "delta_entropies": [[0.0]],
        "heat_in": [0.2],
    }
    with pytest.raises(ValueError, match="temperatures"):
        aguilar_lutz_efficiency(temperatures=[1.0, -1.0], **kw)
    with pytest.raises(ValueError, match="heats"):
        aguilar_lutz_efficiency(temperatures=[1.0, 2.0, 3.0], **kw)
    bad = dict(kw, delta_entropies=[[0.0, 0.0]])
    with pytest.raises(ValueError, match="delta_energies"):
        aguilar_lutz_efficiency(temperatures=[1.0, 2.0], **bad)


@pytest.mark.paper
def test_reproduction_reports_paper_form_and_sources():
    rep = get_reproduction("correlated-engine").run()
    names = {c.name: c for c in rep.claims}
    s19 = [c for n, c in names.items() if n.startswith("C2 paper's general form")]
    c7 = [c for n, c in names.items() if n.startswith("C7")]
    assert s19 and s19[0].passed is True and "S19" in s19[0].where
    assert c7 and c7[0].passed is True
    assert len(rep.quantities["entropic_term"]) == rep.params["cycles"]
    assert rep.checks["paper_work_s18_residual"] < 1e-10
    model = get_reproduction("correlated-engine").model
    assert "arxiv.org/html/2409.07899" in model and "NOT REACHABLE" in model


@pytest.mark.paper
def test_idle_engine_has_no_efficiency_and_no_warnings():
    """theta = 0 at equal temperatures: nothing moves, Q_in = 0; the claims must not see NaN."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rep = get_reproduction("correlated-engine").run(
            {"T_h": "1.0", "kappa": "0", "theta": "0", "cycles": "2"}
        )
    assert np.all(np.isnan(rep.quantities["efficiency"]))
    assert all(c.passed is not False for c in rep.claims)
