"""Two-point-measurement work statistics: Jarzynski equality, means, the ideal Otto cycle."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.linalg as sla
from hypothesis import given, settings
from hypothesis import strategies as st

from quantherm.core.operators import sigmax, sigmaz
from quantherm.core.states import gibbs_state
from quantherm.fluctuations.tpm import otto_cycle_statistics, tpm_work


def _herm(rng: np.random.Generator, d: int) -> np.ndarray:
    A = rng.normal(size=(d, d)) + 1j * rng.normal(size=(d, d))
    return 0.5 * (A + A.conj().T)


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**31 - 1),
    T=st.floats(0.1, 10.0),
    t=st.floats(0.01, 5.0),
    d=st.sampled_from([2, 3]),
)
def test_jarzynski_for_random_driven_systems(seed: int, T: float, t: float, d: int) -> None:
    """<exp(-W/T)> = Z_f / Z_i and <W> = Tr[H_f U rho U^dag] - Tr[H_i rho] for a Gibbs start."""
    rng = np.random.default_rng(seed)
    Hi, Hf, K = _herm(rng, d), _herm(rng, d), _herm(rng, d)
    U = sla.expm(-1j * K * t)
    dist = tpm_work(Hi, Hf, U, T=T)
    Zi = np.sum(np.exp(-np.linalg.eigvalsh(Hi) / T))
    Zf = np.sum(np.exp(-np.linalg.eigvalsh(Hf) / T))
    assert dist.average_exp(1 / T) == pytest.approx(Zf / Zi, rel=1e-9)
    rho = gibbs_state(Hi, T)
    direct = np.trace(Hf @ U @ rho @ U.conj().T).real - np.trace(Hi @ rho).real
    assert dist.mean == pytest.approx(direct, abs=1e-10 * (1 + abs(direct)))
    assert dist.probabilities.sum() == pytest.approx(1.0, abs=1e-12)
    assert abs(dist.characteristic(0.0) - 1) < 1e-12


def test_jarzynski_fails_at_the_wrong_temperature() -> None:
    rng = np.random.default_rng(3)
    Hi, Hf, K = _herm(rng, 2), _herm(rng, 2), _herm(rng, 2)
    dist = tpm_work(Hi, Hf, sla.expm(-1j * K), T=1.0)
    Zi = np.sum(np.exp(-np.linalg.eigvalsh(Hi) / 2.0))
    Zf = np.sum(np.exp(-np.linalg.eigvalsh(Hf) / 2.0))
    assert abs(dist.average_exp(1 / 2.0) - Zf / Zi) > 1e-3


def test_otto_cycle_statistics() -> None:
    """Means against direct traces; the first law per cycle holds on average; degenerate levels."""
    w_c, w_h, Tc, Th = 1.0, 2.5, 0.5, 4.0
    Hc, Hh = 0.5 * w_c * sigmaz(), 0.5 * w_h * sigmaz()
    K = 0.5 * w_c * sigmaz() + 0.7 * sigmax()
    U1, U2 = sla.expm(-1j * K * 0.9), sla.expm(-1j * K * 1.3)
    s = otto_cycle_statistics(Hc, Hh, U1, U2, T_c=Tc, T_h=Th)
    gc, gh = gibbs_state(Hc, Tc), gibbs_state(Hh, Th)
    W1 = np.trace(Hh @ U1 @ gc @ U1.conj().T).real - np.trace(Hc @ gc).real
    W2 = np.trace(Hc @ U2 @ gh @ U2.conj().T).real - np.trace(Hh @ gh).real
    Qh = np.trace(Hh @ gh).real - np.trace(Hh @ U1 @ gc @ U1.conj().T).real
    assert s.mean("work") == pytest.approx(W1 + W2, abs=1e-12)
    assert s.mean("heat_h") == pytest.approx(Qh, abs=1e-12)
    assert s.mean("work") + s.mean("heat_h") + s.mean("heat_c") == pytest.approx(0.0, abs=1e-12)
    # commuting strokes: W = (w_c - w_h)(n_h - n_c), the textbook Otto engine
    a = otto_cycle_statistics(Hc, Hh, np.eye(2), np.eye(2), T_c=Tc, T_h=Th)
    pc, ph = 1 / (1 + np.exp(w_c / Tc)), 1 / (1 + np.exp(w_h / Th))
    assert a.mean("work") == pytest.approx((w_h - w_c) * (pc - ph), abs=1e-12)
    assert a.mean("work") < 0  # an engine
    assert -a.mean("work") / a.mean("heat_h") == pytest.approx(1 - w_c / w_h, rel=1e-12)
    assert a.variance("work") > 0


def test_tpm_bad_input() -> None:
    H = sigmaz()
    with pytest.raises(ValueError, match="exactly one of `rho0`"):
        tpm_work(H, H, np.eye(2))
    with pytest.raises(ValueError, match="`U` must be unitary"):
        tpm_work(H, H, 2 * np.eye(2), T=1.0)
    with pytest.raises(ValueError, match="must be"):
        tpm_work(H, H, np.eye(2), T=-1.0)
