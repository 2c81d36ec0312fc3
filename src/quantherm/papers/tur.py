"""`tur`: power fluctuations of the three-level maser and the thermodynamic uncertainty relation.

Kalaee, Wacker & Potts, Phys. Rev. E 104, L012103 (2021): the coherently driven maser can
beat the classical TUR, its incoherent (dephased) counterpart cannot.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..dynamics import steady_state
from ..fluctuations import (
    Current,
    counting_machine,
    current_statistics,
    finite_time_cumulants,
    with_dephasing,
)
from ..machines.library import three_level_maser
from ..thermo.ledger import steady_state_ledger
from .base import Parameter, Report, Reproduction, claim_true

CITATION = (
    "A. A. S. Kalaee, A. Wacker, P. P. Potts, 'Violating the thermodynamic uncertainty relation in "
    "the three-level maser', Phys. Rev. E 104, L012103 (2021), doi:10.1103/PhysRevE.104.L012103; "
    "TUR: A. C. Barato, U. Seifert, Phys. Rev. Lett. 114, 158101 (2015)"
)

PARAMS = (
    Parameter("w_c", 1.0, "frequency of the cold transition g <-> 1", low=0, low_open=True),
    Parameter(
        "w_h",
        1.2,
        "frequency of the hot transition g <-> 2 (signal w_s = w_h - w_c)",
        low=0,
        low_open=True,
    ),
    Parameter("T_c", 1.0, "cold bath temperature", low=0, low_open=True),
    Parameter("T_h", 10.0, "hot bath temperature", low=0, low_open=True),
    Parameter("gamma_c", 0.1, "cold bath rate (flat spectrum)", low=0, low_open=True),
    Parameter("gamma_h", 0.01, "hot bath rate (flat spectrum)", low=0, low_open=True),
    Parameter("eps", 0.075, "drive strength on 1 <-> 2 (rotating frame)", low=0, low_open=True),
    Parameter(
        "dephasing",
        0.0,
        "pure-dephasing rate of level 2 (D[|2><2|]); large = incoherent limit",
        low=0,
    ),
)

POWER = Current(heat={"h": 1.0, "c": 1.0})  # long-time statistics of Q_h + Q_c = those of -W


def _model(p: dict[str, Any], eps: Any, dephasing: float) -> Any:
    if p["w_h"] <= p["w_c"]:
        raise ValueError(
            "parameter 'w_h' must exceed 'w_c' (signal frequency w_h - w_c > 0); "
            f"got w_h={p['w_h']}, w_c={p['w_c']}."
        )
    m = counting_machine(
        three_level_maser(
            w_c=p["w_c"],
            w_h=p["w_h"],
            T_c=p["T_c"],
            T_h=p["T_h"],
            gamma_c=p["gamma_c"],
            gamma_h=p["gamma_h"],
            eps=eps,
            kind="local",
        )
    )
    if dephasing > 0:
        m = with_dephasing(m, "dephasing", np.diag([0.0, 0.0, 1.0]), dephasing)
    return m


def _compute(p: dict[str, Any]) -> Report:
    w_s = p["w_h"] - p["w_c"]
    model = _model(p, p["eps"], p["dephasing"])
    st = current_statistics(model, POWER, order=3)
    P_out, S = float(st.mean), float(st.noise)
    sigma = float(st.entropy_production)
    q = {
        "power_out": P_out,
        "power_noise": S,
        "entropy_production": sigma,
        "tur_ratio": float(st.tur_ratio),
        "fano_factor": S / (w_s * P_out) if P_out != 0 else float("nan"),
    }
    amplifies = p["w_c"] / p["w_h"] > p["T_c"] / p["T_h"]
    # drive scans: coherent (given dephasing), and the incoherent limit
    eps_scan = p["eps"] * np.geomspace(0.05, 20.0, 41)
    coh = current_statistics(_model(p, eps_scan, p["dephasing"]), POWER)
    strong = 100.0 * (p["gamma_c"] + p["gamma_h"] + float(np.max(eps_scan)))
    inc = current_statistics(_model(p, eps_scan, strong), POWER)
    default = REPRODUCTION.is_default(p)
    claims = [
        claim_true(
            "C1 the coherent maser violates the classical TUR (Q_TUR < 1)",
            "Q_TUR = S sigma / (2 P^2) < 1 at the default drive",
            q["tur_ratio"] < 1.0,
            f"Q_TUR = {q['tur_ratio']:.5f}",
            where="KWP 2021, Fig. 2 (qualitative)",
            note=(
                "parameters ours (found by a scan); KWP report violations of a few per cent "
                "near the reversible limit"
            ),
            applies=default,
        ),
        claim_true(
            "C2 no violation in the incoherent (strongly dephased) limit",
            "Q_TUR >= 1 for every drive of the scan when D[|2><2|] dominates "
            "(rate 100 x (gamma_c + gamma_h + eps))",
            bool(np.all(inc.tur_ratio >= 1.0 - 1e-9)),
            f"min Q_TUR = {float(np.min(inc.tur_ratio)):.5f}",
            where="KWP 2021, classical reference model",
            note="a classical Markov jump process obeys the TUR (Gingrich et al., PRL 116, 120601)",
            applies=amplifies,
        ),
        claim_true(
            "C3 entropy production >= 0 and P_out > 0 exactly below Carnot",
            "sigma >= 0; P_out > 0 iff w_c/w_h > T_c/T_h",
            bool(sigma >= -1e-14 and (P_out > 0) == amplifies),
            f"sigma = {sigma:.4g}, P_out = {P_out:.4g}",
            where="second law",
        ),
    ]
    led = steady_state_ledger(steady_state(model.master))
    t_long = 50.0 / min(p["gamma_c"], p["gamma_h"])
    # Var(N_2t) - Var(N_t) = c_2 t up to exponentially small terms (boundary terms cancel)
    ft1 = finite_time_cumulants(model, POWER, t_long)
    ft2 = finite_time_cumulants(model, POWER, 2 * t_long)
    checks = {
        "power_vs_ledger": abs(P_out - float(-led.power)),
        "sigma_vs_ledger": abs(sigma - float(led.entropy_production)),
        "noise_vs_finite_time_relative": abs(float(ft2[1] - ft1[1]) / t_long - S)
        / max(abs(S), 1e-300),
        "third_cumulant": float(st.third),
    }
    return Report(
        name="tur",
        citation=CITATION,
        params=p,
        quantities=q,
        claims=claims,
        checks=checks,
        data={
            "eps": eps_scan,
            "tur_coherent": coh.tur_ratio,
            "tur_incoherent": inc.tur_ratio,
            "power_coherent": coh.mean,
            "noise_coherent": coh.noise,
        },
    )


def _plot(report: Report) -> Any:
    import matplotlib.pyplot as plt

    d = report.data
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(9, 3.5))
    a1.semilogx(d["eps"], d["tur_coherent"], label="coherent maser")
    a1.semilogx(d["eps"], d["tur_incoherent"], "--", label="dephased (classical) limit")
    a1.axhline(1.0, color="k", lw=0.5)
    a1.set_xlabel("drive eps")
    a1.set_ylabel("Q_TUR = S sigma / 2P^2")
    a1.legend()
    a2.loglog(d["eps"], d["power_coherent"], label="power P")
    a2.loglog(d["eps"], d["noise_coherent"], "--", label="noise S")
    a2.set_xlabel("drive eps")
    a2.legend()
    fig.suptitle("Three-level maser: power fluctuations and the TUR")
    return fig


REPRODUCTION = Reproduction(
    name="tur",
    title="Maser power noise and the TUR: violation by the coherent maser, none when dephased",
    citation=CITATION,
    doi="10.1103/PhysRevE.104.L012103",
    model=(
        "The foundation's three-level maser (local Lindblad dissipators in the frame of the drive, "
        "flat bath spectra) as in KWP 2021. The output power is counted as the heat Q_h + Q_c "
        "taken from the baths (its long-time cumulants equal those of the work), each quantum at "
        "its lab frequency; power_noise is the exact scaled second cumulant from the tilted "
        "Liouvillian, fano_factor = power_noise / (w_s power_out) (photon Fano factor). The "
        "dephased limit adds D[|2><2|] at a rate 100 x (gamma_c + gamma_h + eps). The paper's "
        "figure parameters were not retrieved here; the default parameters are ours, chosen by a "
        "scan for the largest violation (about 1.3 per cent). The absorption fridge's heat-current "
        "noise (Segal 2018) is not reproduced."
    ),
    parameters=PARAMS,
    compute=_compute,
    plot=_plot,
)
