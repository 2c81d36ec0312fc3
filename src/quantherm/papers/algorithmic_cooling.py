"""Reproduction `algorithmic-cooling`: the PPA limit of heat-bath algorithmic cooling and
the correlated (pair-of-levels) resets that beat it.

Glue only: physics in `quantherm.cooling` (hbac_steps, hbac_protocols, hbac_limits,
hbac_search).
"""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np

from ..cooling.hbac_limits import (
    check_eps_b,
    hbac_asymptotic_polarizations,
    hbac_asymptotic_state,
    hbac_limit,
    noe_limit,
    pair_reset_limit,
    pair_reset_zq_limit,
    ppa_limit,
)
from ..cooling.hbac_protocols import (
    HBACProtocol,
    HBACResult,
    noe_protocol,
    pair_reset_protocol,
    ppa_pair_reset_protocol,
    ppa_protocol,
    rounds_to_fraction,
    run_hbac,
)
from ..cooling.hbac_search import best_permutation_cooling
from ..cooling.hbac_steps import CrossRelaxation, Reset
from .base import Parameter, Report, Reproduction, claim_close, claim_true

CITATION = (
    "N. A. Rodríguez-Briones, R. Laflamme, Achievable polarization for heat-bath algorithmic "
    "cooling, PRL 116, 170501 (2016), doi:10.1103/PhysRevLett.116.170501, arXiv:1412.6637; "
    "S. Raeisi, M. Mosca, Asymptotic bound for heat-bath algorithmic cooling, PRL 114, 100404 "
    "(2015), doi:10.1103/PhysRevLett.114.100404, arXiv:1407.3232; "
    "N. A. Rodríguez-Briones, E. Martín-Martínez, A. Kempf, R. Laflamme, Correlation-enhanced "
    "algorithmic cooling, PRL 119, 050502 (2017), doi:10.1103/PhysRevLett.119.050502; "
    "N. A. Rodríguez-Briones, J. Li, X. Peng, T. Mor, Y. Weinstein, R. Laflamme, Heat-bath "
    "algorithmic cooling with correlated qubit-environment interactions, NJP 19, 113047 (2017), "
    "doi:10.1088/1367-2630/aa8fe0, arXiv:1703.02999"
)

PROTOCOLS = ("ppa", "noe", "pair-reset", "pair-reset-zq")

PARAMS = (
    Parameter(
        "protocol",
        "ppa",
        "ppa | noe (two-qubit Overhauser-type reset) | pair-reset "
        "(ideal double-quantum pair reset) | pair-reset-zq (with zero-quantum relaxation)",
        choices=PROTOCOLS,
    ),
    Parameter(
        "n",
        4,
        "qubits in total (target first; for ppa the last m are reset qubits)",
        low=2,
        high=12,
    ),
    Parameter("m", 1, "reset qubits (ppa only)", low=1, high=6),
    Parameter(
        "n_c",
        0,
        "computation qubits incl. target (ppa; 0 = n - m, else overrides n)",
        low=0,
        high=11,
    ),
    Parameter(
        "eps_b", 0.1, "bath polarization tanh(omega/2T), in (-1, 1)", low=-1, low_open=True, high=1
    ),
    Parameter("rounds", "converge", "number of rounds, or 'converge' (state change < 1e-15)"),
)

#: Card claim 1 table, eps_b -> eps_inf for n = 2..8 (card's own computation; A1 closed form).
_TABLE = {
    0.01: (0.01, 0.019998, 0.039980, 0.079832, 0.158654, 0.309517, 0.564914),
    0.02: (0.02, 0.039984, 0.079840, 0.158669, 0.309546, 0.564958, 0.856530),
    0.05: (0.05, 0.099751, 0.197536, 0.380235, 0.664410, 0.921869, 0.996700),
    0.1: (0.1, 0.198020, 0.381096, 0.665534, 0.922472, 0.996753, 0.999995),
    0.2: (0.2, 0.384615, 0.670103, 0.924894, 0.996960, 0.999995, 1.000000),
}
_ROUNDS_99 = {0.01: (13, 57, 228, 908, 3524), 0.1: (13, 53, 180, 437, 657)}  # n = 3..7
_EFOLD = {3: 2.9, 4: 12.6, 5: 51.0}  # eps_b = 0.01
_N3_ODD = (0.1, 0.1495, 0.174003, 0.186131, 0.192135, 0.195107)  # eps_b = 0.1, rounds 1..11
_PAIR = {0.01: (0.039980, 0.079832, 0.158654), 0.1: (0.381096, 0.665534, 0.922472)}  # n = 2..4
_TOL_CONV = 1e-15


def _parse_rounds(value: str) -> int | Literal["converge"]:
    v = str(value).strip().lower()
    if v == "converge":
        return "converge"
    try:
        r = float(v)
    except ValueError:
        r = math.nan
    if not math.isfinite(r) or not r.is_integer() or r < 0:
        raise ValueError(
            f"parameter 'rounds' must be a non-negative integer or 'converge'; got {value!r}."
        )
    return int(r)


def _protocol(p: dict[str, Any]) -> tuple[HBACProtocol, float]:
    """The selected protocol and its closed-form limit (nan when none exists)."""
    eps = check_eps_b(p["eps_b"])
    name, m = p["protocol"], p["m"]
    if name != "ppa" and m != 1:
        raise ValueError(f"parameter 'm' applies to protocol 'ppa' only; got m={m} with {name!r}.")
    if name == "ppa":
        n_c = p["n_c"] if p["n_c"] > 0 else p["n"] - m
        if n_c < 1:
            raise ValueError(f"parameter 'n' must exceed m = {m} (one computation qubit at least).")
        if n_c + m > 12:
            raise ValueError(f"n_c + m must be <= 12 qubits; got {n_c + m}.")
        return ppa_protocol(eps, n_c=n_c, m=m), hbac_limit(eps, n_c, m)
    n = p["n"]
    if name == "noe":
        return noe_protocol(eps, n), noe_limit(eps)
    if name == "pair-reset":
        return pair_reset_protocol(eps, n), pair_reset_limit(eps, n)
    return pair_reset_protocol(eps, n, zero_quantum=True), (
        pair_reset_zq_limit(eps) if n == 2 else math.nan
    )


def _paper_claims() -> tuple[list[Any], dict[str, Any]]:
    """Every card claim at the card's own parameters."""
    claims: list[Any] = []
    runs: dict[tuple[float, int], HBACResult] = {}
    for eps in _TABLE:
        for n in range(2, 9):
            ref = hbac_asymptotic_state(eps, n - 1) if (eps == 0.01 and n in _EFOLD) else None
            runs[eps, n] = run_hbac(ppa_protocol(eps, n), tol=_TOL_CONV, reference=ref)
    dev_table = max(
        abs(runs[e, n].eps_target[-1] - _TABLE[e][n - 2]) for e in _TABLE for n in range(2, 9)
    )
    dev_closed = max(
        abs(runs[e, n].eps_target[-1] - ppa_limit(e, n)) for e in _TABLE for n in range(2, 9)
    )
    overshoot = max(float(np.max(r.eps_target)) - ppa_limit(e, n) for (e, n), r in runs.items())
    claims += [
        claim_true(
            "C1 PPA limit table (n = 2..8, eps_b = 0.01..0.2) reproduced",
            "|eps_sim - card table| <= 1e-6 for all 35 entries",
            dev_table <= 1e-6,
            dev_table,
            where="A1 closed form; card C1 table",
            note="iterated to state change < 1e-15 from the maximally mixed state",
        ),
        claim_true(
            "C1 simulation reaches tanh(2^(n-2) atanh eps_b)",
            "|eps_sim - closed form| <= 1e-9 for all 35 entries",
            dev_closed <= 1e-9,
            dev_closed,
            where="A1 (closed form), A2 (optimality)",
            note="1e-9: slowest case n = 8, eps_b = 0.01 converges at rate ~1 - 1/3300",
        ),
        claim_true(
            "C1 PPA never exceeds its limit (A2 bound)",
            "max_k eps_k - eps_inf <= 1e-12",
            overshoot <= 1e-12,
            overshoot,
            where="A2",
        ),
        claim_close(
            "C1 n = 8, eps_b = 0.01",
            0.564914,
            runs[0.01, 8].eps_target[-1],
            atol=1e-6,
            where="card C1 table",
            note="table quoted to 6 decimals",
        ),
    ]
    # C2: m reset qubits
    dev_m, sims = 0.0, {}
    for n_c in (1, 2, 3):
        for m in (1, 2, 3):
            r = run_hbac(ppa_protocol(0.05, n_c=n_c, m=m), tol=_TOL_CONV)
            sims[n_c, m] = r.eps_target[-1]
            dev_m = max(dev_m, abs(sims[n_c, m] - hbac_limit(0.05, n_c, m)))
    claims += [
        claim_close(
            "C2 m = 2 reset qubits, n_c = 3, eps_b = 0.05",
            0.38023457,
            sims[3, 2],
            atol=1e-8,
            where="A1 generalisation tanh(m 2^(n_c-1) Delta); card C2",
        ),
        claim_close(
            "C2 m = 3 reset qubits, n_c = 2, eps_b = 0.05",
            0.29154172,
            sims[2, 3],
            atol=1e-8,
            where="card C2",
        ),
        claim_true(
            "C2 all n_c, m in {1,2,3} reach tanh(m 2^(n_c-1) Delta)",
            "max dev <= 1e-8",
            dev_m <= 1e-8,
            dev_m,
            where="card C2",
        ),
    ]
    # C3: asymptotic state
    r4 = runs[0.1, 4]
    dev_state = float(np.max(np.abs(r4.populations - hbac_asymptotic_state(0.1, 3))))
    card_pol = np.array([0.381096, 0.198020, 0.1, 0.1])
    dev_pol = float(np.max(np.abs(r4.eps_per_qubit - card_pol)))
    dev_pol_cf = float(np.max(np.abs(r4.eps_per_qubit - hbac_asymptotic_polarizations(0.1, 3))))
    claims += [
        claim_true(
            "C3 asymptotic state = ladder p_k ∝ q^k ⊗ reset Gibbs (n = 4, eps_b = 0.1)",
            "max |p_sim - p_closed| <= 1e-8",
            dev_state <= 1e-8,
            dev_state,
            where="A1",
        ),
        claim_true(
            "C3 per-qubit polarizations (0.381096, 0.198020, 0.1, 0.1)",
            "max dev <= 1e-6 (card's 6 digits); closed form tanh(2^(n-1-j) Delta) <= 1e-8",
            dev_pol <= 1e-6 and dev_pol_cf <= 1e-8,
            r4.eps_per_qubit.tolist(),
            where="A1; card C3",
        ),
    ]
    # C4: convergence
    n3 = run_hbac(ppa_protocol(0.1, 3), 12)
    odd = n3.eps_target[1:12:2]
    dev_odd = float(np.max(np.abs(odd - np.array(_N3_ODD))))
    plateau = float(np.max(np.abs(n3.eps_target[2:12:2] - n3.eps_target[1:11:2])))
    low = run_hbac(ppa_protocol(0.01, 3), 23)
    approx = np.array([0.01 * (2 - 2.0**-j) for j in range(12)])
    dev_low = float(np.max(np.abs(low.eps_target[1:24:2] / approx - 1)))
    claims += [
        claim_true(
            "C4 n = 3, eps_b = 0.1: target after rounds 1, 3, ..., 11",
            f"{_N3_ODD} within 1e-6",
            dev_odd <= 1e-6,
            odd.tolist(),
            where="card C4",
        ),
        claim_true(
            "C4 n = 3: plateaus on even rounds",
            "eps_(2j) = eps_(2j-1)",
            plateau <= 1e-15,
            plateau,
            where="card C4",
        ),
        claim_true(
            "C4 n = 3, low eps_b: eps after round 2j+1 = eps_b (2 - 2^-j)",
            "relative dev <= 2 eps_b^2 at eps_b = 0.01 (j = 0..11)",
            dev_low <= 2e-4,
            dev_low,
            where="card C4",
            note="the law is the low-polarization limit",
        ),
    ]
    for eps, counts in _ROUNDS_99.items():
        ours = [rounds_to_fraction(runs[eps, n].eps_target, ppa_limit(eps, n)) for n in range(3, 8)]
        ok = all(abs(a - b) <= 1 for a, b in zip(ours, counts, strict=True))
        claims.append(
            claim_true(
                f"C4 rounds to 99 % of eps_inf, eps_b = {eps}, n = 3..7",
                f"{counts} ± 1",
                ok,
                ours,
                where="card C4 (A1 gives the step count)",
            )
        )
    for n, tau_card in _EFOLD.items():
        d = np.asarray(runs[0.01, n].distance)
        k1, k2 = int(np.argmax(d < 1e-6)), int(np.argmax(d < 1e-11))
        tau = (k2 - k1) / math.log(d[k1] / d[k2])
        claims.append(
            claim_close(
                f"C4 asymptotic e-folding time, n = {n}, eps_b = 0.01",
                tau_card,
                tau,
                rtol=0.03,
                where="card C4",
                note="fit of max|p_k - p_inf| between 1e-6 and 1e-11; card quotes 2-3 digits",
            )
        )
    # C5: NOE two-qubit protocol
    for eps, val in ((0.01, 0.01999800), (0.1, 0.19801980)):
        r = run_hbac(noe_protocol(eps), tol=_TOL_CONV)
        claims.append(
            claim_close(
                f"C5 Overhauser-type reset, two qubits, eps_b = {eps}",
                val,
                r.eps_target[-1],
                atol=1e-8,
                where="card C5 (reconstruction of A3/A4; 2 eps_b/(1 + eps_b^2) not verified in A4)",
            )
        )
        claims.append(
            claim_true(
                f"C5 NOE limit after 2 rounds, ×2 over PPA (eps_b = {eps})",
                "eps_2 = tanh(2 Delta), PPA(n = 2) = eps_b",
                abs(r.eps_target[2] - noe_limit(eps)) <= 1e-15
                and abs(runs[eps, 2].eps_target[-1] - eps) <= 1e-12,
                [r.eps_target[2], runs[eps, 2].eps_target[-1]],
                where="card C5",
            )
        )
    # C6: ideal pair reset
    dev_pair, dev_pair_cf = 0.0, 0.0
    for eps, vals in _PAIR.items():
        for n, val in zip((2, 3, 4), vals, strict=True):
            e_sim = run_hbac(pair_reset_protocol(eps, n), tol=_TOL_CONV).eps_target[-1]
            dev_pair = max(dev_pair, abs(e_sim - val))
            dev_pair_cf = max(dev_pair_cf, abs(e_sim - pair_reset_limit(eps, n)))
    dq = best_permutation_cooling(2, 0.01, [CrossRelaxation(qubits=(0, 1))])
    claims += [
        claim_true(
            "C6 ideal pair reset reaches tanh(2^n Delta) (n = 2..4, eps_b = 0.01, 0.1)",
            "card values within 1e-6; closed form within 1e-9",
            dev_pair <= 1e-6 and dev_pair_cf <= 1e-9,
            [dev_pair, dev_pair_cf],
            where="card C6 (our reconstruction of an unrestricted-unitary pair reset)",
        ),
        claim_close(
            "C6 beam search over all 24 permutations (n = 2): nothing better, eps/eps_b",
            3.9980,
            dq.eps_target / 0.01,
            atol=5e-5,
            where="card C6",
            note="card quotes 5 digits",
        ),
    ]
    # C7: zero-quantum relaxation kills the gain
    zq = best_permutation_cooling(2, 0.01, [CrossRelaxation(qubits=(0, 1), zero_quantum=1.0)])
    zq_proto = run_hbac(pair_reset_protocol(0.01, 2, zero_quantum=True), tol=_TOL_CONV)
    rs = best_permutation_cooling(2, 0.01, [CrossRelaxation(qubits=(0, 1)), Reset(qubits=(1,))])
    dev_zq_n = max(
        abs(
            run_hbac(pair_reset_protocol(0.01, n, zero_quantum=True), tol=_TOL_CONV).eps_target[-1]
            - ppa_limit(0.01, n)
        )
        for n in (3, 4, 5)
    )
    dev_pd = max(
        abs(
            run_hbac(ppa_pair_reset_protocol(0.01, n), tol=_TOL_CONV).eps_target[-1]
            - ppa_limit(0.01, n)
        )
        for n in (2, 3, 4, 5)
    )
    claims += [
        claim_close(
            "C7 Sigma_DQ + Sigma_ZQ, best over permutations (n = 2), eps/eps_b",
            1.0100,
            zq.eps_target / 0.01,
            atol=5e-5,
            where="card C7 (beam search)",
            note="our closed form (R - 1)/(R + 3), R = e^(4 Delta)",
        ),
        claim_close(
            "C7 pair-reset-zq protocol reaches (R - 1)/(R + 3)",
            pair_reset_zq_limit(0.01),
            zq_proto.eps_target[-1],
            atol=1e-12,
            where="our derivation (hbac_limits)",
        ),
        claim_close(
            "C7 Sigma_DQ + ordinary reset of r, best over permutations, eps/eps_b",
            2.9992,
            rs.eps_target / 0.01,
            atol=5e-5,
            where="card C7",
            note="equals tanh(3 Delta)/eps_b (our observation)",
        ),
        claim_true(
            "C7 (ours) pair-reset-zq schedule, n = 3..5, lands on the PPA limit",
            "|eps - tanh(2^(n-2) Delta)| <= 1e-9 at eps_b = 0.01",
            dev_zq_n <= 1e-9,
            dev_zq_n,
            where="our observation, not on the card",
            note="with zero-quantum relaxation the pair reset's gain is gone for n >= 3",
        ),
        claim_true(
            "C7 PPA loop + Sigma_DQ(qubit n-2, r) gives exactly the PPA limit, n = 2..5",
            "|eps - tanh(2^(n-2) Delta)| <= 1e-9",
            dev_pd <= 1e-9,
            dev_pd,
            where="card C7",
            note="partner = computation qubit next to the reset qubit",
        ),
    ]
    data = {"runs": runs}
    return claims, data


def _compute(p: dict[str, Any]) -> Report:
    default = REPRODUCTION.is_default(p)
    rounds = _parse_rounds(p["rounds"])
    proto, limit = _protocol(p)
    res = run_hbac(proto, rounds, tol=_TOL_CONV)
    finite = math.isfinite(limit)
    r99 = rounds_to_fraction(res.eps_target, limit) if finite else -1
    quantities: dict[str, Any] = {
        "eps_target": float(res.eps_target[-1]),
        "eps_limit": limit,
        "eps_per_qubit": res.eps_per_qubit.tolist(),
        "rounds_to_99pct": r99,
        "heat_to_bath": res.heat_to_bath,
    }
    sigma_min = float(np.min(res.entropy_production, initial=0.0))
    overshoot = float(np.max(res.eps_target)) - limit if finite else -math.inf
    claims = [
        claim_true(
            "law: first law closes per run (dU = Q + W)",
            "|residual| <= 1e-12",
            res.first_law_residual <= 1e-12,
            res.first_law_residual,
            where="ledger",
        ),
        claim_true(
            "law: entropy production per round >= 0 (thermal steps are Gibbs-preserving)",
            "min_k (Delta S - beta Q)_k >= -1e-12",
            sigma_min >= -1e-12,
            sigma_min,
            where="Spohn / Clausius",
        ),
    ]
    if p["protocol"] in ("ppa", "pair-reset", "noe") and finite:
        claims.append(
            claim_true(
                "law: the protocol never exceeds its closed-form limit",
                "max_k eps_k <= eps_limit + 1e-12",
                overshoot <= 1e-12,
                overshoot,
                where="A2 (ppa); fixed-point ladders (others)",
            )
        )
    if default:
        paper, _ = _paper_claims()
        claims += paper
    else:
        claims.append(
            claim_true(
                "card claims C1-C7", "checked at the default parameters", True, None, applies=False
            )
        )
    # plot data: target polarization per round for the four protocols at these eps_b, n
    eps, n = proto.eps_b, proto.n
    n_plot = max(res.rounds, 40) if rounds == "converge" else max(int(rounds), 1)
    n_plot = min(n_plot, 5000)
    curves = {proto.name: res.eps_target[: n_plot + 1]}
    limits = {proto.name: limit}
    for other in PROTOCOLS:
        if other == p["protocol"]:
            continue
        q = dict(p, protocol=other, m=1, n_c=0)
        if other == "ppa" and n < 3:
            q["n"] = 3
        pr, lim = _protocol(q)
        curves[pr.name] = run_hbac(pr, n_plot).eps_target
        limits[pr.name] = lim
    checks = {
        "first_law_residual": res.first_law_residual,
        "min_entropy_production": sigma_min,
        "rounds": res.rounds,
        "converged": res.converged,
        "representation": res.representation,
        "register_qubits": n,
        "max_overshoot_of_limit": overshoot if finite else None,
    }
    return Report(
        name="algorithmic-cooling",
        citation=CITATION,
        params=p,
        quantities=quantities,
        claims=claims,
        checks=checks,
        data={"curves": curves, "limits": limits, "eps_b": eps, "n": n},
    )


def _plot(report: Report) -> Any:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    for i, (name, eps) in enumerate(report.data["curves"].items()):
        color = f"C{i}"
        ax.plot(np.arange(len(eps)), eps, color=color, label=name)
        lim = report.data["limits"][name]
        if math.isfinite(lim):
            ax.axhline(lim, color=color, ls=":", lw=1)
    ax.set_xlabel("round")
    ax.set_ylabel("target polarization")
    ax.set_xscale("symlog", linthresh=10)
    ax.set_title(
        f"HBAC, n = {report.data['n']}, eps_b = {report.data['eps_b']:g} "
        "(dotted: closed-form limits)"
    )
    ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


REPRODUCTION = Reproduction(
    name="algorithmic-cooling",
    title="Heat-bath algorithmic cooling: the PPA limit and correlated resets that beat it",
    citation=CITATION,
    doi="10.1103/PhysRevLett.116.170501",
    model=(
        "n qubits with equal gaps (target = qubit 0, reset qubits last), bath polarization "
        "eps_b = tanh(omega/2T). Rounds of [reset, compression] simulated exactly on the diagonal "
        "populations (density-matrix path for coherent steps). Paper's: the PPA (sort) "
        "compression and the state reset (A5, A1, A2); the closed-form limit tanh(m 2^(n_c-1) "
        "atanh eps_b) and the ladder asymptotic state (A1; recalled by the card, body text not "
        "retrieved). Ours/card's: all numbers in the tables (computed, not copied from A1), the "
        "convergence counts, and the correlated resets: the double-quantum (|00>,|11>, Gibbs "
        "ratio e^(4 Delta)) and zero-quantum (|01>,|10>) pair resets, the NOE protocol, the "
        "sorted-pair placement schedule and the beam search are RECONSTRUCTIONS of the A3/A4 "
        "mechanism (A3/A4 body text could not be retrieved; A4's own channel and gain formula "
        "unverified). Energies in units of omega; heat_to_bath = heat dumped into the bath."
    ),
    parameters=PARAMS,
    compute=_compute,
    plot=_plot,
)
