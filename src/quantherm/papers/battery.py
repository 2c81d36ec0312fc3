"""Reproduction `battery`: the Dicke quantum battery (Ferraro et al. 2018) and ergotropy results.

Headline: collective (Dicke) charging of N two-level systems by one cavity beats N parallel
(Rabi) cells by Γ_N ∝ √N in maximal average power, with τ̄ ∝ N^{-1/2}. Also: ergotropy
definitions (Allahverdyan et al. 2004), the many-copy ergotropy and its Alicki–Fannes limit,
the N-fold speed-up of global driving at equal operator norm (Binder et al. 2015), k-body
drives (Campaioli et al. 2017), the Tavis–Cummings (RWA) limit and the ergotropy deficit
from charger–battery correlations (Andolina et al. 2019).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from ..batteries import (
    DickeBattery,
    asymptotic_ergotropy,
    charge_dicke,
    charging_curve,
    collective_advantage,
    drive_charge,
    ergotropy,
    fit_power_law,
    multi_copy_ergotropy,
    passive_state,
)
from .base import Claim, Parameter, Report, Reproduction, claim_close, claim_true

CITATION = (
    "D. Ferraro, M. Campisi, G. M. Andolina, V. Pellegrini, M. Polini, "
    '"High-power collective charging of a solid-state quantum battery", '
    "Phys. Rev. Lett. 120, 117702 (2018), doi:10.1103/PhysRevLett.120.117702"
)
CARD = "card table (recomputed by the card author, not read from the paper)"

PARAMS = (
    Parameter(
        "protocol",
        "dicke",
        "dicke (collective cavity charging), parallel (N Rabi cells), "
        "global-drive (Binder N-qubit drive), many-copy (ergotropy example)",
        choices=("dicke", "parallel", "global-drive", "many-copy"),
    ),
    Parameter("N", 10, "number of two-level systems (cells, qubits)", low=1, high=400),
    Parameter(
        "lam",
        0.5,
        "coupling lambda-bar (dicke/parallel); drive strength g (global-drive)",
        low=0.0,
        low_open=True,
    ),
    Parameter("w_a", 1.0, "two-level splitting omega_a (energy unit)", low=0.0, low_open=True),
    Parameter("w_c", 1.0, "cavity frequency omega_c", low=0.0, low_open=True),
    Parameter("rwa", False, "true for the Tavis-Cummings (rotating-wave) limit"),
    Parameter(
        "tau_max",
        0.0,
        "end of the time window (0 = automatic: 1.6*pi/(2 lam w_c sqrt(N)) + 2/w_c)",
        low=0.0,
    ),
    Parameter("energies", "0,1,1.5", "many-copy: energy levels (comma-separated)"),
    Parameter(
        "populations", "0.6,0.3,0.1", "many-copy: populations of those levels (comma-separated)"
    ),
    Parameter("copies", 7, "many-copy: number of copies n (d**n <= 4e6)", low=1, high=40),
)

# Card tables (section "Claims", 4 and 5):
# lam -> N -> (P_max, tau_bar, E(tau_bar)/N, E_max/N, Gamma_N)
DICKE_TABLE: dict[float, dict[int, tuple[float, float, float, float, float]]] = {
    0.5: {
        1: (0.41670, 0.95892, 0.39958, 0.77386, 1.0),
        2: (1.19191, 0.80584, 0.48024, 0.60118, 1.43018),
        4: (3.38754, 0.62472, 0.52907, 0.64423, 2.03236),
        10: (13.40283, 0.41887, 0.56140, 0.67680, 3.21643),
        20: (37.89565, 0.30219, 0.57258, 0.68883, 4.54712),
    },
    0.05: {
        2: (0.088530, 15.216, 0.67350, 0.88500, 1.22427),
        4: (0.23993, 10.634, 0.63785, 0.85474, 1.65906),
        10: (0.93033, 6.5167, 0.60627, 0.86786, 2.57322),
        20: (2.60580, 4.8864, 0.63665, 0.86505, 3.60373),
    },
    1.0: {
        1: (0.95863, 0.54183, 0.51942, 0.65956, 1.0),
        4: (7.06238, 0.32188, 0.56831, 0.68613, 1.84178),
        10: (27.26425, 0.21196, 0.57790, 0.69506, 2.84407),
        20: (76.43921, 0.15200, 0.58093, 0.69820, 3.98688),
    },
    2.0: {
        1: (1.99914, 0.28099, 0.56174, 0.70524, 1.0),
        4: (14.28126, 0.16228, 0.57938, 0.69859, 1.78592),
        10: (54.76616, 0.10631, 0.58224, 0.69998, 2.73948),
        20: (153.2083, 0.07612, 0.58308, 0.70063, 3.83185),
    },
}
RWA_GAMMA = {
    2: 1.22365,
    4: 1.65838,
    10: 2.57068,
    16: 3.23759,
    20: 3.61469,
    24: 3.95608,
    30: 4.41904,
    40: 5.09813,
}
RWA_POWER_SCALED = {2: (0.627, 5e-4), 10: (0.5891, 5e-5), 20: (0.5857, 5e-5), 40: (0.5841, 5e-5)}
MANY_COPY = {
    1: 0.0,
    2: 0.0075000,
    3: 0.0120000,
    4: 0.0109500,
    5: 0.0117960,
    6: 0.0132397,
    7: 0.0131645,
}
# Andolina et al. (2019) setting, card values at lam = 0.05: N -> {quantity: (value, atol)}
ANDOLINA = {
    1: {
        "E(tau_bar)": (0.83703, 6e-6),
        "W(tau_bar)": (0.67407, 6e-6),
        "W/E(first max)": (0.9992, 6e-5),
    },
    4: {
        "E(tau_bar)/N": (0.63785, 6e-6),
        "W(tau_bar)/N": (0.50422, 6e-6),
        "W/E(first max)": (0.8885, 6e-5),
        "W_sym(tau_bar)/N": (0.46730, 6e-6),
    },
    10: {"W/E(tau_bar)": (0.9003, 6e-5), "W/E(first max)": (0.9562, 6e-5)},
    20: {"W/E(tau_bar)": (0.9420, 6e-5), "W/E(first max)": (0.9652, 6e-5)},
}


def _floats(text: str, name: str) -> np.ndarray:
    try:
        vals = np.array([float(x) for x in text.split(",") if x.strip()])
    except ValueError:
        raise ValueError(
            f"parameter '{name}' must be comma-separated numbers; got {text!r}."
        ) from None
    if vals.size < 1 or not np.all(np.isfinite(vals)):
        raise ValueError(
            f"parameter '{name}' must be comma-separated finite numbers; got {text!r}."
        )
    return vals


def _many_copy_state(p: dict[str, Any]) -> tuple[np.ndarray, np.ndarray]:
    e = _floats(p["energies"], "energies")
    q = _floats(p["populations"], "populations")
    if e.size != q.size:
        raise ValueError(
            "parameters 'energies' and 'populations' must have equal length; "
            f"got {e.size} and {q.size}."
        )
    if np.any(q < 0) or abs(q.sum() - 1.0) > 1e-9:
        raise ValueError(
            f"parameter 'populations' must be probabilities summing to 1; got {p['populations']!r}."
        )
    if e.size ** p["copies"] > 4_000_000:
        raise ValueError(
            f"parameter 'copies' must keep d**copies <= 4e6; got {e.size}**{p['copies']}."
        )
    return np.diag(e).astype(complex), np.diag(q).astype(complex)


def _row_claim(
    lam: float, N: int, rwa: bool, ours: tuple[float, ...], paper: tuple[float, ...], applies: bool
) -> Claim:
    rel = max(abs(o - q) / abs(q) for o, q in zip(ours, paper, strict=True))
    tag = "TC" if rwa else "Dicke"
    return claim_true(
        f"C4e {tag} lam={lam:g} N={N}: "
        "(P_max, tau_bar, E(tau_bar)/N, E_max/N, Gamma_N) to rel 1e-4",
        f"{paper}",
        rel <= 1e-4,
        [round(x, 7) for x in ours],
        where=CARD,
        note=f"max relative deviation {rel:.2e}; the card quotes 5-6 significant digits",
        applies=applies,
    )


def _dicke_table_claims(applies: bool) -> tuple[list[Claim], dict[str, Any]]:
    claims: list[Claim] = []
    rows: dict[float, dict[int, Any]] = {}
    for lam, table in DICKE_TABLE.items():
        rows[lam] = {}
        for N, paper in table.items():
            adv = collective_advantage(DickeBattery(N=N, lam=lam))
            f = adv.collective
            ours = (
                f.p_max,
                f.tau_p_max,
                f.energy_at_tau_p_max / N,
                f.energy_max_first / N,
                adv.advantage,
            )
            rows[lam][N] = (adv, ours)
            claims.append(_row_claim(lam, N, False, ours, paper, applies))
    big = [N for N in rows[0.5] if N >= 4]
    g_scaled = [rows[0.5][N][1][4] / math.sqrt(N) for N in big]
    p_scaled = [rows[0.5][N][1][0] / (0.5 * N**1.5) for N in big]
    tau_scaled = [rows[0.5][N][1][1] * math.sqrt(N) for N in big]
    emax = [rows[lam][N][1][3] for lam in (0.5, 1.0, 2.0) for N in rows[lam] if N >= 4]
    claims += [
        claim_true(
            "C4a Gamma_N/sqrt(N) = 1.017 +- 0.005 at lam = 0.5 (N = 4..20)",
            "Gamma_N ∝ sqrt(N), prefactor 1.017 +- 0.005",
            all(abs(g - 1.017) <= 0.005 for g in g_scaled),
            [round(g, 5) for g in g_scaled],
            where="R5 abstract; prefactor from " + CARD,
            applies=applies,
        ),
        claim_true(
            "C4b P_max/(lam N^1.5) = 0.847 +- 0.002 at lam = 0.5 (N = 4..20)",
            "superextensive power ∝ N^(3/2)",
            all(abs(x - 0.847) <= 0.002 for x in p_scaled),
            [round(x, 5) for x in p_scaled],
            where=CARD,
            applies=applies,
        ),
        claim_true(
            "C4c tau_bar sqrt(N) in [1.245, 1.37] at lam = 0.5 (N = 4..20)",
            "time of maximal power ∝ N^(-1/2)",
            all(1.245 <= x <= 1.37 for x in tau_scaled),
            [round(x, 5) for x in tau_scaled],
            where="R5; " + CARD,
            note="card states 1.25-1.37 but its own N = 4 row gives 0.62472*2 = 1.2494",
            applies=applies,
        ),
        claim_true(
            "C4d E_max/N in [0.64, 0.70] at lam = 0.5, 1, 2 (N >= 4): stored energy extensive",
            "E_max/N = O(1)",
            all(0.64 <= x <= 0.705 for x in emax),
            [round(x, 5) for x in emax],
            where=CARD,
            note="upper edge 0.705 since the card's lam = 2 rows reach 0.70063",
            applies=applies,
        ),
    ]
    Ns = list(rows[0.5])
    fit = fit_power_law(Ns, [rows[0.5][N][1][4] for N in Ns])
    claims.append(
        claim_close(
            "C4f fitted exponent of Gamma_N vs N (lam = 0.5, N = 1, 2, 4, 10, 20)",
            0.5,
            fit.exponent,
            atol=0.02,
            where="R5: Gamma_N ∝ sqrt(N) for N >> 1",
            note="least squares on logs; small-N curvature allowed by atol 0.02",
            applies=applies,
        )
    )
    data = {
        "gamma_N": [rows[0.5][N][1][4] for N in Ns],
        "N_list": Ns,
        "gamma_fit_exponent": fit.exponent,
        "gamma_fit_prefactor": fit.prefactor,
    }
    return claims, {"rows": rows, **data}


def _rwa_claims(applies: bool) -> list[Claim]:
    lam = 0.05
    cell = collective_advantage(DickeBattery(N=1, lam=lam, rwa=True)).collective
    claims = [
        claim_close(
            "C5 TC single cell P_max (closed form 0.724611 lam w_c w_a)",
            0.724611 * lam,
            cell.p_max,
            rtol=2e-6,
            where="card B: E = sin^2(lam t), tan x = 2x",
            note="closed form of the weak-coupling cell, 6 digits",
            applies=applies,
        ),
        claim_close(
            "C5 TC single cell tau_bar (closed form 1.16556/lam)",
            1.16556 / lam,
            cell.tau_p_max,
            rtol=5e-6,
            where="card B",
            applies=applies,
        ),
        claim_close(
            "C5 TC single cell full charge E_max = w_a at pi/(2 lam)",
            math.pi / (2 * lam),
            cell.tau_energy_max_first,
            rtol=1e-10,
            where="card B",
            applies=applies,
        ),
    ]
    for N, g in RWA_GAMMA.items():
        adv = collective_advantage(DickeBattery(N=N, lam=lam, rwa=True))
        claims.append(
            claim_close(
                f"C5 TC Gamma_N at N={N} (lam = 0.05)",
                g,
                adv.advantage,
                rtol=1e-4,
                where=CARD,
                note="RWA: excitation number conserved, cutoff exact",
                applies=applies,
            )
        )
        if N in RWA_POWER_SCALED:
            val, tol = RWA_POWER_SCALED[N]
            claims.append(
                claim_close(
                    f"C5 TC P_max/(lam N^1.5) at N={N}",
                    val,
                    adv.collective.p_max / (lam * N**1.5),
                    atol=tol,
                    where=CARD,
                    note="half a unit of the last quoted digit",
                    applies=applies,
                )
            )
    return claims


def _andolina_claims(rows: dict[int, Any], applies: bool) -> list[Claim]:
    claims = []
    for N, items in ANDOLINA.items():
        b = DickeBattery(N=N, lam=0.05)
        ch = charge_dicke(b)
        f = rows[N][0].collective if N in rows else collective_advantage(b).collective
        taus = [f.tau_p_max, f.tau_energy_max_first]
        E = ch.energy(taus)
        W = ch.ergotropy(taus)
        ours = {
            "E(tau_bar)": E[0],
            "W(tau_bar)": W[0],
            "E(tau_bar)/N": E[0] / N,
            "W(tau_bar)/N": W[0] / N,
            "W/E(tau_bar)": W[0] / E[0],
            "W/E(first max)": W[1] / E[1],
            "W_sym(tau_bar)/N": float(ch.ergotropy([f.tau_p_max], space="symmetric")[0]) / N,
        }
        for key, (val, tol) in items.items():
            note = (
                "passive state (wrongly) restricted to J = N/2: the card's deliberate trap"
                if key.startswith("W_sym")
                else "battery ergotropy with the full 2^N spectrum"
            )
            claims.append(
                claim_close(
                    f"C6 N={N} lam=0.05 {key}",
                    val,
                    float(ours[key]),
                    atol=tol,
                    where="R8 setting; " + CARD,
                    note=note,
                    applies=applies,
                )
            )
    return claims


def _ergotropy_definition_claims(p: dict[str, Any]) -> list[Claim]:
    H_q = np.diag([0.0, p["w_a"]])
    excited = np.diag([0.0, 1.0])
    H3 = np.diag([0.0, 1.0, 1.5])
    rho3 = np.diag([0.5, 0.2, 0.3])
    w_exc = float(ergotropy(excited, H_q))
    w_pass = float(ergotropy(passive_state(rho3, H3), H3))
    return [
        claim_close(
            "C1 ergotropy of a pure excited qubit = w_a",
            p["w_a"],
            w_exc,
            rtol=1e-12,
            where="R1 definition",
        ),
        claim_close(
            "C1 ergotropy of a passive state = 0", 0.0, w_pass, atol=1e-12, where="R1 definition"
        ),
    ]


def _many_copy_claims(p: dict[str, Any]) -> tuple[list[Claim], dict[str, Any]]:
    H, rho = _many_copy_state(p)
    defaults = REPRODUCTION.defaults
    default = all(p[k] == defaults[k] for k in ("energies", "populations"))
    per = {n: multi_copy_ergotropy(rho, H, n) / n for n in range(1, p["copies"] + 1)}
    af = asymptotic_ergotropy(rho, H)
    claims = [
        claim_close(
            f"C2 W(rho^(x{n}))/{n}",
            v,
            per[n],
            atol=6e-8,
            where="R2 example; " + CARD,
            note="card quotes 7 decimals (our exact values agree to 1e-9 with an "
            "independent brute force in the tests)",
            applies=default,
        )
        for n, v in MANY_COPY.items()
        if n in per
    ]
    claims += [
        claim_close(
            "C2 Alicki-Fannes bound per copy",
            0.0163335,
            af.value,
            atol=6e-8,
            where="R2; " + CARD,
            applies=default,
        ),
        claim_close(
            "C2 beta* of the Gibbs state of equal entropy",
            1.022638,
            af.beta,
            atol=6e-7,
            where=CARD,
            applies=default,
        ),
        claim_true(
            "C2 every per-copy ergotropy <= Alicki-Fannes bound",
            "W(rho^(xn))/n <= E(rho) - E(gamma_beta*)",
            all(v <= af.value + 1e-12 for v in per.values()),
            max(per.values()),
            where="R2",
        ),
    ]
    return claims, {"per_copy": per, "bound": af.value}


def _binder_claims(p: dict[str, Any]) -> list[Claim]:
    g = p["lam"]
    claims = []
    ratios = []
    for N in (2, 3, 4, 6, 8):
        par = drive_charge(N, g, 1, w=p["w_a"])
        glo = drive_charge(N, g, N, w=p["w_a"])
        ratios.append((N, glo.charging_time / par.charging_time, glo, par))
    claims.append(
        claim_true(
            "C3 global/parallel charging time = 1/N at equal operator norm (N = 2..8)",
            "tau_#/tau_par = 1/N",
            all(abs(r - 1 / N) <= 1e-8 for N, r, _, _ in ratios),
            [r for _, r, _, _ in ratios],
            where="R3 (Binder et al. 2015)",
            note="simulated transfer times, tolerance 1e-8",
        )
    )
    sat = [
        glo.charging_time * glo.energy_spread_of_drive / (math.pi / 2) for _, _, glo, _ in ratios
    ]
    claims.append(
        claim_true(
            "C3 global drive saturates the Mandelstam-Tamm time pi/(2 Delta V)",
            "tau_# Delta V = pi/2",
            all(abs(s - 1) <= 1e-8 for s in sat),
            sat,
            where="R3, R4",
            note="parallel drive: tau Delta V = sqrt(N) pi/2",
        )
    )
    adv = [
        drive_charge(8, g, k, w=p["w_a"]).figures.p_max / ratios[-1][3].figures.p_max
        for k in (1, 2, 4, 8)
    ]
    claims.append(
        claim_true(
            "C3 k-body drive (blocks of k, equal norm) gives advantage k (N = 8)",
            "Gamma = k, linear in k (R4)",
            all(abs(a - k) <= 1e-8 * k for a, k in zip(adv, (1, 2, 4, 8), strict=True)),
            adv,
            where="R4 (Campaioli et al. 2017)",
            note="our k-body family; R4's exact bound expression is not checked",
        )
    )
    return claims


def _compute(p: dict[str, Any]) -> Report:
    default = REPRODUCTION.is_default(p)
    claims: list[Claim] = _ergotropy_definition_claims(p)
    quantities: dict[str, float] = {}
    checks: dict[str, Any] = {}
    data: dict[str, Any] = {"protocol": p["protocol"]}
    N = p["N"]
    tau_max = p["tau_max"] if p["tau_max"] > 0 else None
    if p["protocol"] in ("dicke", "parallel"):
        b = DickeBattery(N=N, lam=p["lam"], w_a=p["w_a"], w_c=p["w_c"], rwa=p["rwa"])
        if (N + 1) * (b.cutoff + 1) // 2 > 4000 and not p["rwa"]:
            raise ValueError(
                f"parameter 'N' = {N} without RWA needs a Dicke sector of dimension "
                f"~{(N + 1) * (b.cutoff + 1) // 2}; use N <= 40 here (or rwa=true, or the library)."
            )
        adv = collective_advantage(b, tau_max=tau_max)
        cell_b = DickeBattery(
            N=1, lam=p["lam"], w_a=p["w_a"], w_c=p["w_c"], rwa=p["rwa"], photons=1
        )
        ch = charge_dicke(b)
        cell = charge_dicke(cell_b)
        dicke = p["protocol"] == "dicke"
        active, act_b = (ch, b) if dicke else (cell, cell_b)
        f = adv.collective if dicke else adv.cell
        scale = 1 if dicke else N  # N independent cells
        # parallel: for diagonal qubit states (parity symmetry) W(rho^(xN)) = N W(rho)
        w_tau = scale * float(active.ergotropy([f.tau_p_max])[0])
        quantities.update(
            p_max=scale * f.p_max,
            tau_p_max=f.tau_p_max,
            energy_at_tau_p_max=scale * f.energy_at_tau_p_max,
            energy_max_first=scale * f.energy_max_first,
            tau_energy_max_first=f.tau_energy_max_first,
            ergotropy_at_tau_p_max=w_tau,
            advantage=adv.advantage if dicke else 1.0,
        )
        T = act_b.default_window() if tau_max is None else tau_max
        t = np.linspace(0.0, T, 400)
        curve = charging_curve(ch, t)
        curve_cell = charging_curve(cell, t)
        act_curve = curve if dicke else curve_cell
        W = active.ergotropy(t)
        bound = active.power_bound(t)
        H = active.solver.H
        psi = active.solver.states(t)
        t_end = max(f.tau_p_max, np.nan_to_num(f.tau_energy_max_first))
        tail = (
            float(np.max(active.photon_tail(np.linspace(0.0, t_end, 200)))) if not p["rwa"] else 0.0
        )
        e_tot = np.real(np.sum(np.conj(psi) * (H @ psi.T).T, axis=-1))
        checks.update(
            energy_conservation_residual=float(np.max(np.abs(e_tot - e_tot[0]))),
            norm_residual=float(np.max(np.abs(np.linalg.norm(psi, axis=-1) - 1.0))),
            photon_cutoff_tail=tail,
            sector_dimension=active.dimension,
            p_max_at_window_edge=f.p_max_at_window_edge,
        )
        claims.append(
            claim_true(
                "L1 0 <= ergotropy <= stored energy along the charge",
                "0 <= W(tau) <= E(tau)",
                bool(np.all(W >= 0) and np.all(act_curve.energy + 1e-12 >= W)),
                float(np.max(W - act_curve.energy)),
                where="R1, R8",
            )
        )
        claims.append(
            claim_true(
                "L2 |P_inst| <= 2 Delta H_B Delta V (Robertson) along the charge",
                "|dE/dt| <= 2 dH_B dV",
                bool(np.all(np.abs(act_curve.instantaneous_power) <= bound * (1 + 1e-10) + 1e-12)),
                float(np.max(np.abs(act_curve.instantaneous_power) / np.maximum(bound, 1e-300))),
                where="card D (R6 starting point)",
                note="computed value: max ratio",
            )
        )
        claims.append(
            claim_true(
                "L3 photon cutoff converged up to max(tau_bar, tau_E)",
                "population of the top 5 Fock levels < 1e-6",
                tail < 1e-6,
                tail,
                where="card 'How to simulate'",
                note="RWA: the excitation-number sector makes the cutoff exact",
            )
        )
        data.update(
            times=t,
            energy=curve.energy,
            power=curve.average_power,
            ergotropy=scale * W,
            energy_parallel=N * curve_cell.energy,
            power_parallel=N * curve_cell.average_power,
            N=N,
        )
    elif p["protocol"] == "global-drive":
        if N > 12:
            raise ValueError(
                f"parameter 'N' must be <= 12 for global-drive (full 2^N space); got {N}."
            )
        glo = drive_charge(N, p["lam"], N, w=p["w_a"])
        par = drive_charge(N, p["lam"], 1, w=p["w_a"])
        f = glo.figures
        quantities.update(
            p_max=f.p_max,
            tau_p_max=f.tau_p_max,
            energy_at_tau_p_max=f.energy_at_tau_p_max,
            energy_max_first=f.energy_max_first,
            tau_energy_max_first=f.tau_energy_max_first,
            advantage=f.p_max / par.figures.p_max,
        )
        data.update(
            tau_global=glo.charging_time,
            tau_parallel=par.charging_time,
            N=N,
            g=p["lam"],
            w=p["w_a"],
        )
    if p["protocol"] == "many-copy" or default:
        mc_claims, mc = _many_copy_claims(p)
        claims += mc_claims
        if p["protocol"] == "many-copy":
            quantities.update(
                ergotropy_per_copy=mc["per_copy"][p["copies"]], alicki_fannes_bound=mc["bound"]
            )
            data.update(per_copy=mc["per_copy"], bound=mc["bound"])
    claims += _binder_claims(p) if p["protocol"] == "global-drive" or default else []
    if default:
        table_claims, tab = _dicke_table_claims(default)
        claims += table_claims
        claims += _rwa_claims(default)
        claims += _andolina_claims(dict(tab["rows"][0.05].items()), default)
        data.update(
            gamma_N=tab["gamma_N"],
            N_list=tab["N_list"],
            gamma_fit_exponent=tab["gamma_fit_exponent"],
            gamma_fit_prefactor=tab["gamma_fit_prefactor"],
        )
    return Report(
        name="battery",
        citation=CITATION,
        params=p,
        quantities=quantities,
        claims=claims,
        checks=checks,
        data=data,
    )


def _plot(report: Report) -> Any:
    import matplotlib.pyplot as plt

    d = report.data
    n_panels = (2 if "times" in d else 1) + ("gamma_N" in d)
    fig, axes = plt.subplots(1, n_panels, figsize=(4.4 * n_panels, 3.8), squeeze=False)
    ax_iter = iter(axes[0])
    if "times" in d:
        ax = next(ax_iter)
        ax.plot(d["times"], d["energy"], label=f"Dicke, N={d['N']}")
        ax.plot(d["times"], d["energy_parallel"], "--", label="parallel")
        ax.plot(d["times"], d["ergotropy"], ":", label=f"ergotropy ({d['protocol']})")
        ax.set(xlabel=r"$\tau\,\omega_c$", ylabel=r"$E(\tau)/\omega_a$", title="stored energy")
        ax.legend(fontsize=8)
        ax = next(ax_iter)
        ax.plot(d["times"], d["power"], label="Dicke")
        ax.plot(d["times"], d["power_parallel"], "--", label="parallel")
        ax.set(xlabel=r"$\tau\,\omega_c$", ylabel=r"$P(\tau) = E/\tau$", title="average power")
        ax.legend(fontsize=8)
    elif "per_copy" in d:
        ax = next(ax_iter)
        n = list(d["per_copy"])
        ax.plot(n, list(d["per_copy"].values()), "o-", label="W(rho^n)/n")
        ax.axhline(d["bound"], color="k", ls="--", label="Alicki-Fannes")
        ax.set(xlabel="copies n", ylabel="ergotropy per copy")
        ax.legend(fontsize=8)
    elif "tau_global" in d:
        ax = next(ax_iter)
        t = np.linspace(0, 1.2 * d["tau_parallel"], 300)
        ax.plot(t, d["N"] * d["w"] * np.sin(d["g"] * t) ** 2, label="parallel")
        t_g = np.minimum(t, d["tau_global"])
        ax.plot(
            t,
            d["N"] * d["w"] * np.sin(d["N"] * d["g"] * t_g) ** 2,
            label="global (switched off at full charge)",
        )
        ax.set(xlabel="t", ylabel="E(t)")
        ax.legend(fontsize=8)
    if "gamma_N" in d:
        ax = next(ax_iter)
        N = np.array(d["N_list"], dtype=float)
        ax.loglog(N, d["gamma_N"], "o", label=r"$\Gamma_N$ ($\bar\lambda$ = 0.5)")
        ax.loglog(
            N,
            d["gamma_fit_prefactor"] * N ** d["gamma_fit_exponent"],
            "-",
            label=f"fit N^{d['gamma_fit_exponent']:.3f}",
        )
        ax.set(xlabel="N", ylabel=r"$\Gamma_N$", title="collective advantage")
        ax.legend(fontsize=8)
    fig.tight_layout()
    return fig


REPRODUCTION = Reproduction(
    name="battery",
    title="Dicke quantum battery: sqrt(N) collective charging advantage, ergotropy and bounds",
    citation=CITATION,
    doi="10.1103/PhysRevLett.120.117702",
    model=(
        "Paper's model (R5): H = w_c a^dag a + w_a J_z + 2 w_c lam J_x (a + a^dag), sudden "
        "switch, cavity in Fock |N>, spins in |G>; E(tau) = w_a(<J_z> + N/2), P = E/tau; "
        "parallel = N Rabi cells. Ours: exact diagonalisation in the J = N/2 parity (Dicke) or "
        "excitation-number (Tavis-Cummings) sector, maxima refined by root finding on the exact "
        "dE/dtau. All table values (Dicke, RWA, Andolina ergotropy, many-copy example) are the "
        "physics card's recomputations, NOT read from the papers (their body text was not "
        "retrievable); the paper's own claim is Gamma_N ∝ sqrt(N) for N >> 1. E_max is the first "
        "local maximum of E(tau) (definition not confirmed in R5). Binder/Campaioli: our k-body "
        "block drive at equal operator norm; Campaioli's exact bound expression is unverified and "
        "not checked. Julià-Farré bounds: only the Robertson power bound 2 dH_B dV is checked. "
        "No superconducting-battery experiment is modelled: none of their parameters were "
        "reachable. Searched: Hu et al., QST 7, 045018 (2022), arXiv:2108.04298 (transmon "
        "qutrit, STIRAP-type stable charging; no page or abstract found in the stored "
        "corpora); Hu et al., arXiv:2602.08610 (sciencestack.ai and papers.cool: TL;DR and "
        "abstract only: linear chain of 2-12 transmon cells, nearest-neighbour pairwise "
        "double-excitation charging Hamiltonian vs a classical protocol, coherent/incoherent "
        "ergotropy, Renyi-2 entanglement; no couplings, frequencies, times or figure values); "
        "Li et al., arXiv:2504.07464 (C-shunt flux-qubit three-level battery, counterdiabatic "
        "STIRAP; author list and abstract only). Modelling them would mean inventing the "
        "numbers the claims should be pinned to."
    ),
    parameters=PARAMS,
    compute=_compute,
    plot=_plot,
)
