"""`cold-to-hot`: when the local master equation breaks the second law.

Levy & Kosloff (EPL 107, 20004 (2014)); exact benchmark: Hofer et al. (NJP 19, 123037 (2017)).
Oscillators are solved exactly as Gaussian states (no Fock cutoff); qubits with the general
master-equation machinery.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np

from ..baths import Bath, CallableSpectrum, FlatSpectrum
from ..core.operators import embed, qubit_lowering, qubit_number, sigmax
from ..core.states import bose_occupation
from ..errors import ThermodynamicConsistencyWarning
from ..gaussian.exact import exact_two_oscillator_current, two_oscillator_spectral_density
from ..gaussian.lyapunov import GaussianOpenSystem, global_dissipator, local_dissipator
from ..gaussian.symplectic import oscillators_hamiltonian
from ..machines.continuous import ContinuousMachine
from .base import Parameter, Report, Reproduction, claim_true

CITATION = (
    "A. Levy, R. Kosloff, 'The local approach to quantum transport may violate the second law "
    "of thermodynamics', EPL 107, 20004 (2014); P. P. Hofer, M. Perarnau-Llobet, L. D. M. "
    "Miranda, G. Haack, R. Silva, J. B. Brask, N. Brunner, 'Markovian master equations for "
    "quantum thermal machines: local versus global approach', New J. Phys. 19, 123037 (2017)"
)

PARAMS = (
    Parameter(
        "system",
        "oscillators",
        "two harmonic oscillators or two qubits",
        choices=("oscillators", "qubits"),
    ),
    Parameter("w_h", 3.0, "frequency of the system coupled to the hot bath", low=0, low_open=True),
    Parameter("w_c", 1.0, "frequency of the system coupled to the cold bath", low=0, low_open=True),
    Parameter("T_h", 2.0, "hot bath temperature", low=0, low_open=True),
    Parameter("T_c", 1.0, "cold bath temperature", low=0, low_open=True),
    Parameter(
        "lam",
        0.1,
        "inter-system coupling: lam x_h x_c (oscillators), lam (s+ s- + h.c.) (qubits)",
        low=0,
    ),
    Parameter(
        "gamma", 0.01, "bath coupling: damping rate at the bare frequency", low=0, low_open=True
    ),
)


def _cutoff(p: dict[str, Any]) -> float:
    return 20.0 * max(p["w_h"], p["w_c"])


def _spectrum(w_j: float, gamma: float, cutoff: float) -> CallableSpectrum:
    """The ohmic Drude-cut J_j(w) of the exact solution (J_j(w_j) = gamma)."""
    slope = gamma * (w_j**2 + cutoff**2) / (w_j * cutoff**2)
    return CallableSpectrum(lambda w: two_oscillator_spectral_density(w, w_j, gamma, cutoff), slope)


def _oscillators(p: dict[str, Any], lam: float, w_h: float, w_c: float) -> dict[str, float]:
    """Local and global Gaussian (Lyapunov) steady currents and the exact current."""
    g, Th, Tc = p["gamma"], p["T_h"], p["T_c"]
    H = oscillators_hamiltonian([w_h, w_c], [[0.0, lam], [lam, 0.0]], coupling="xx")
    u_h = np.array([np.sqrt(2.0), 0, 0, 0])
    u_c = np.array([0, 0, np.sqrt(2.0), 0])
    local = GaussianOpenSystem(
        H=H,
        dissipators={
            "h": local_dissipator(2, 0, g, bose_occupation(w_h, Th)),
            "c": local_dissipator(2, 1, g, bose_occupation(w_c, Tc)),
        },
    )  # heat booked with the full H: no drive, so no work
    Lc = _cutoff(p)
    hot = Bath(name="h", T=Th, spectral_density=_spectrum(w_h, g, Lc))
    cold = Bath(name="c", T=Tc, spectral_density=_spectrum(w_c, g, Lc))
    glob = GaussianOpenSystem(
        H=H, dissipators={"h": global_dissipator(H, u_h, hot), "c": global_dissipator(H, u_c, cold)}
    )
    J_loc = local.heat_currents(local.steady_state())
    J_glob = glob.heat_currents(glob.steady_state())
    exact = exact_two_oscillator_current(w_h, w_c, lam, g, Th, Tc, coupling="xx", cutoff=Lc)
    return {
        "J_h_local": float(J_loc["h"]),
        "J_c_local": float(J_loc["c"]),
        "J_h_global": float(J_glob["h"]),
        "J_c_global": float(J_glob["c"]),
        "J_h_exact": float(exact),
    }


def _qubits(p: dict[str, Any]) -> tuple[dict[str, float], bool]:
    dims = [2, 2]
    n, s = qubit_number(), qubit_lowering()
    H0 = p["w_h"] * embed(n, dims, 0) + p["w_c"] * embed(n, dims, 1)
    V = p["lam"] * (np.kron(s.T, s) + np.kron(s, s.T))
    cpl = [
        (
            embed(sigmax(), dims, 0),
            Bath(name="h", T=p["T_h"], spectral_density=FlatSpectrum(p["gamma"])),
        ),
        (
            embed(sigmax(), dims, 1),
            Bath(name="c", T=p["T_c"], spectral_density=FlatSpectrum(p["gamma"])),
        ),
    ]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loc = ContinuousMachine(H0 + V, cpl, kind="local", H0=H0).steady_state()
    warned = any(issubclass(w.category, ThermodynamicConsistencyWarning) for w in caught)
    glob = ContinuousMachine(H0 + V, cpl, kind="global").steady_state(warn=False)
    # local currents with the full H as the energy (time-independent H: no work)
    sig_full = loc.ledger.entropy_production_full
    sig_loc = float(loc.ledger.entropy_production if sig_full is None else sig_full)
    me = loc.solution.master
    from ..thermo.ledger import _hvec

    x = loc.solution.x_work
    J_full = {k: float(D.trace_with(_hvec(me.H_work), x)[0]) for k, D in me.dissipators.items()}
    return {
        "J_h_local": J_full["h"],
        "J_c_local": J_full["c"],
        "sigma_local": sig_loc,
        "J_h_global": float(glob.ledger.heat["h"]),
        "J_c_global": float(glob.ledger.heat["c"]),
        "sigma_global": float(glob.ledger.entropy_production),
    }, warned


def _sigma(Jh: float, Jc: float, p: dict[str, Any]) -> float:
    return -(Jh / p["T_h"] + Jc / p["T_c"])


def _compute(p: dict[str, Any]) -> Report:
    gradient_reversed = p["w_h"] / p["T_h"] > p["w_c"] / p["T_c"] and p["T_h"] > p["T_c"]
    claims = []
    checks: dict[str, Any] = {}
    data: dict[str, Any] = {}
    if p["system"] == "oscillators":
        r = _oscillators(p, p["lam"], p["w_h"], p["w_c"])
        sig_l = _sigma(r["J_h_local"], r["J_c_local"], p)
        sig_g = _sigma(r["J_h_global"], r["J_c_global"], p)
        q = {
            "heat_current_h_local": r["J_h_local"],
            "heat_current_h_global": r["J_h_global"],
            "heat_current_h_exact": r["J_h_exact"],
            "entropy_production_local": sig_l,
            "entropy_production_global": sig_g,
        }
        warned = None
    else:
        r, warned = _qubits(p)
        sig_l, sig_g = r["sigma_local"], r["sigma_global"]
        q = {
            "heat_current_h_local": r["J_h_local"],
            "heat_current_h_global": r["J_h_global"],
            "entropy_production_local": sig_l,
            "entropy_production_global": sig_g,
        }
    claims.append(
        claim_true(
            "C1 local equation: heat flows cold -> hot with no work, sigma < 0",
            "J_c > 0 > J_h and negative entropy production when w_h/T_h > w_c/T_c",
            r["J_c_local"] > 0 > r["J_h_local"] and sig_l < 0,
            f"J_h={r['J_h_local']:.4g}, J_c={r['J_c_local']:.4g}, sigma={sig_l:.3g}",
            where="card claim 1; Levy & Kosloff 2014",
            applies=gradient_reversed,
        )
    )
    if warned is not None:
        claims.append(
            claim_true(
                "C1 the ledger warns and names the fix",
                "ThermodynamicConsistencyWarning naming global/redfield",
                warned,
                f"warning emitted: {warned}",
                where="card claim 1",
                applies=gradient_reversed,
            )
        )
    claims.append(
        claim_true(
            "C2 global equation: heat flows hot -> cold, sigma >= 0",
            "J_h > 0 > J_c and sigma >= 0",
            r["J_h_global"] > 0 > r["J_c_global"] and sig_g >= -1e-15,
            f"J_h={r['J_h_global']:.4g}, sigma={sig_g:.3g}",
            where="card claim 2",
            applies=p["T_h"] > p["T_c"],
        )
    )
    if p["system"] == "oscillators":
        claims.append(
            claim_true(
                "C2 the exact current flows hot -> cold",
                "J_h(exact) > 0",
                r["J_h_exact"] > 0,
                f"J_h(exact)={r['J_h_exact']:.4g}",
                where="Hofer et al. 2017",
                applies=p["T_h"] > p["T_c"],
            )
        )
        # C3: crossover table on a resonant pair (w_h = w_c = w_c parameter)
        w = p["w_c"]
        lams = np.unique(
            np.concatenate(
                [p["gamma"] * np.array([0.01, 0.1, 1.0, 10.0]), w * np.array([0.1, 0.2, 0.3, 0.4])]
            )
        )
        lams = lams[lams < 0.45 * w]  # x-x coupling is stable for lam < w/2
        rows = [_oscillators(p, float(lam), w, w) for lam in lams]
        err_l = np.array([abs(x["J_h_local"] - x["J_h_exact"]) / abs(x["J_h_exact"]) for x in rows])
        err_g = np.array(
            [abs(x["J_h_global"] - x["J_h_exact"]) / abs(x["J_h_exact"]) for x in rows]
        )
        data.update({"lam": lams, "err_local": err_l, "err_global": err_g})
        checks["crossover_table"] = {
            "w_h = w_c": w,
            "lam": lams.tolist(),
            "rel_error_local": err_l.tolist(),
            "rel_error_global": err_g.tolist(),
        }
        claims.append(
            claim_true(
                "C3 crossover: local better at weak coupling, global at strong (resonant pair)",
                "err_local < err_global at lam << gamma; err_global < err_local at lam >> gamma",
                bool(len(lams) >= 2 and err_l[0] < err_g[0] and err_g[-1] < err_l[-1]),
                "lam/gamma: "
                + ", ".join(
                    f"{lam / p['gamma']:g}: loc {el:.2g} glob {eg:.2g}"
                    for lam, el, eg in zip(lams, err_l, err_g, strict=True)
                ),
                where="card claim 3; Hofer et al. 2017",
            )
        )
    return Report(
        name="cold-to-hot",
        citation=CITATION,
        params=p,
        quantities=q,
        claims=claims,
        checks=checks,
        data=data,
    )


def _plot(report: Report) -> Any:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 3.5))
    d = report.data
    if "lam" in d:
        ax.loglog(d["lam"], d["err_local"], "o-", label="local")
        ax.loglog(d["lam"], d["err_global"], "s-", label="global")
        ax.set_xlabel("inter-oscillator coupling lam (resonant pair w_h = w_c)")
        ax.set_ylabel("relative error of J_h vs exact")
        ax.legend()
    else:
        q = report.quantities
        ax.bar(["local", "global"], [q["heat_current_h_local"], q["heat_current_h_global"]])
        ax.axhline(0, color="k", lw=0.5)
        ax.set_ylabel("heat current from the hot bath")
    ax.set_title("Local vs global master equation")
    return fig


REPRODUCTION = Reproduction(
    name="cold-to-hot",
    title="The local master equation pumps heat from cold to hot; the global one does not",
    citation=CITATION,
    doi="10.1209/0295-5075/107/20004",
    model=(
        "Two oscillators (x_h x_c coupling lam) or two qubits (flip-flop coupling lam) with "
        "frequencies w_h, w_c, each coupled through its position (sigma_x) to its own bath. "
        "Local: Lindblad damping of each bare mode at rate gamma with occupation n(w_k, T_k), "
        "heat booked with the full Hamiltonian (time independent, so no work). Global: secular "
        "dissipators on the normal modes with the same spectral density as the exact solution. "
        "Exact (oscillators): the non-Markovian Landauer formula for ohmic baths with "
        "Lorentz-Drude cutoff 20 max(w) and counterterm, J_j(w_j) = gamma "
        "(quantherm.gaussian.exact). Oscillator results are exact Gaussian (Lyapunov) "
        "solutions, no Fock cutoff. Defaults are ours."
    ),
    parameters=PARAMS,
    compute=_compute,
    plot=_plot,
)
