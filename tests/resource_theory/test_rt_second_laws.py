"""Second-laws report: verdicts, violated alpha-intervals and witnesses on the card's examples."""

from __future__ import annotations

import math

import numpy as np
import pytest

from quantherm.resource_theory import DEFAULT_ALPHAS, free_energy_alpha, second_laws_report


def test_E1_large_alpha_laws_forbid_it():
    r = second_laws_report([1.0, 0.0], [0.5, 0.5], [0.0, 1.0], 1.0)
    assert not r.allowed and not r.allowed_catalytic and not r.allowed_exact_catalytic
    ((lo, hi),) = r.violated_nonnegative
    assert hi == math.inf
    assert lo == pytest.approx(2.724107, abs=1e-6)
    # the refined root really is where F_alpha(p) = F_alpha(q)
    assert free_energy_alpha([0.5, 0.5], [0.0, 1.0], 1.0, lo) == pytest.approx(0.0, abs=1e-10)
    assert r.violated_negative == ()  # F_alpha(ground state) = +inf for alpha < 0
    assert r.witness_alpha == math.inf
    assert r.work_cost == pytest.approx(1 - math.log(2))


def test_E3_only_negative_alpha_forbids_it():
    r = second_laws_report([0.6, 0.2, 0.2], [0.45, 0.4, 0.15], [0.0] * 3, 1.0)
    assert not r.allowed and r.allowed_catalytic and not r.allowed_exact_catalytic
    ((lo, hi),) = r.violated_negative
    assert lo == -math.inf and hi == pytest.approx(-1.517513, abs=1e-6)
    assert r.witness_alpha == -math.inf
    assert 0.0 in r.ties and r.violated_nonnegative == ()


def test_violation_near_alpha_zero_is_not_mistaken_for_a_tie():
    """Full-rank pair with equal D_0: the sign near 0 is set by reverse KL D_1(gamma||.)."""
    p, q = np.array([0.5, 0.3, 0.2]), np.array([0.4, 0.4, 0.2])
    rev = lambda s: float(np.sum(np.log(1 / 3 / s)) / 3)  # noqa: E731
    for a, b in ((p, q), (q, p)):
        r = second_laws_report(a, b, [0.0] * 3, 1.0)
        ok = rev(a) >= rev(b)
        pos = [iv for iv in r.violated_nonnegative if iv[0] == 0.0]
        neg = [iv for iv in r.violated_negative if iv[1] == 0.0]
        assert bool(pos) == bool(neg) == (not ok)
        assert r.allowed_catalytic == ok


def test_identical_states_and_gibbs_target():
    rng = np.random.default_rng(0)
    E = rng.uniform(0, 2, 4)
    p = rng.dirichlet(np.ones(4))
    r = second_laws_report(p, p, E, 0.7)
    assert r.allowed and r.allowed_exact_catalytic and r.witness_alpha is None
    assert r.ties.size == r.alphas.size
    g = np.exp(-E / 0.7) / np.exp(-E / 0.7).sum()
    r = second_laws_report(p, g, E, 0.7)
    assert r.allowed and r.allowed_exact_catalytic and r.work_cost <= 1e-12


def test_custom_alphas_are_merged_into_the_grid():
    r = second_laws_report([1.0, 0.0], [0.5, 0.5], [0.0, 1.0], 1.0, alphas=[2.5, 2.75])
    assert r.alphas.size == DEFAULT_ALPHAS.size + 2
    assert np.all(np.diff(r.alphas) > 0)
    with pytest.raises(ValueError, match="`alpha` must be a real number or ±inf"):
        second_laws_report([1.0, 0.0], [0.5, 0.5], [0.0, 1.0], 1.0, alphas=[math.nan])


def test_plots_draw(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    from quantherm.resource_theory import plot_free_energy_alpha, plot_thermo_majorization, tm_curve

    r = second_laws_report([0.6, 0.2, 0.2], [0.45, 0.4, 0.15], [0.0] * 3, 1.0)
    ax = plot_free_energy_alpha(r)
    assert len(ax.lines) == 2 and len(ax.patches) == 1  # one shaded violated interval
    ax = plot_thermo_majorization(
        [tm_curve([1, 0], [0, 1], 1), tm_curve([0.5, 0.5], [0, 1], 1)], labels=("p", "q")
    )
    assert len(ax.lines) == 3
    ax.figure.savefig(tmp_path / "tm.png")
