r"""Named continuous machines from the classic papers, built on `ContinuousMachine`.

All accept NumPy arrays for their parameters (leading axes = a parameter batch).
Sign convention: J_k > 0 when bath k heats the system; P > 0 when work is done on it.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..baths import Bath, FlatSpectrum
from ..core.operators import embed, qubit_lowering, qubit_number, sigmax
from .continuous import ContinuousMachine

__all__ = ["absorption_refrigerator", "three_level_maser"]


def _b(x: Any) -> Any:
    a = np.asarray(x, dtype=float)
    return a[..., None, None]


def absorption_refrigerator(
    *,
    w_c: Any,
    w_h: Any,
    g: Any,
    gamma: Any,
    T_c: Any,
    T_r: Any,
    T_h: Any,
    kind: str = "local",
) -> ContinuousMachine:
    r"""The three-qubit absorption refrigerator of Linden, Popescu & Skrzypczyk (PRL 105, 130401).

    Qubits (c, h, r) with w_r = w_c + w_h; H0 = sum_k w_k |1><1|_k,
    H_int = g (|1_c 1_h 0_r><0_c 0_h 1_r| + h.c.), each qubit coupled through sigma_x to its
    own flat bath of rate `gamma` (local Lindblad: D[sigma_-] at gamma (1+n), D[sigma_+] at
    gamma n). Heat is booked with the bare H0 for kind="local" (the paper's model).
    """
    dims = [2, 2, 2]
    n = qubit_number()
    w_r = np.asarray(w_c, dtype=float) + np.asarray(w_h, dtype=float)
    H0 = _b(w_c) * embed(n, dims, 0) + _b(w_h) * embed(n, dims, 1) + _b(w_r) * embed(n, dims, 2)
    s = qubit_lowering()
    up = np.kron(np.kron(s.T, s.T), s)  # |1_c 1_h 0_r><0_c 0_h 1_r|
    V = _b(g) * (up + up.T)
    spec = FlatSpectrum(float(gamma)) if np.ndim(gamma) == 0 else None
    if spec is None:
        raise ValueError("`gamma` must be a scalar (batch the other parameters).")
    couplings = [
        (embed(sigmax(), dims, 0), Bath(name="c", T=T_c, spectral_density=spec)),
        (embed(sigmax(), dims, 1), Bath(name="h", T=T_h, spectral_density=spec)),
        (embed(sigmax(), dims, 2), Bath(name="r", T=T_r, spectral_density=spec)),
    ]
    return ContinuousMachine(H0 + V, couplings, kind=kind, H0=H0 if kind == "local" else None)


def three_level_maser(
    *,
    w_c: Any,
    w_h: Any,
    T_c: Any,
    T_h: Any,
    gamma_c: float,
    gamma_h: float,
    eps: Any,
    kind: str = "local",
) -> ContinuousMachine:
    r"""The Scovil–Schulz-DuBois three-level maser in the frame of the signal field.

    Levels |g>, |1>, |2> with energies 0, w_c, w_h; the hot bath drives g <-> 2, the cold
    bath g <-> 1, and a classical field of frequency w_s = w_h - w_c and strength `eps`
    couples 1 <-> 2. In the frame H_f = w_s |2><2| the model is time independent:
    H = diag(0, w_c, w_c) + eps (|1><2| + |2><1|); rates are taken at the lab Bohr
    frequencies. kind="local": jumps of the bare levels (Geva & Kosloff 1996);
    kind="global": dressed-state jumps at w_h ± eps and w_c ± eps (Boukobza & Tannor 2007).
    Power P = -(J_h + J_c) in the steady state; `power_output = -P`.
    """
    w_c_a = np.asarray(w_c, dtype=float)
    w_h_a = np.asarray(w_h, dtype=float)
    if np.any(w_h_a <= w_c_a):
        raise ValueError(
            "`w_h` must exceed `w_c` (the signal frequency w_h - w_c > 0); "
            f"got w_h={w_h}, w_c={w_c}."
        )
    w_s = w_h_a - w_c_a
    if np.ndim(w_s) != 0:
        raise ValueError("the maser takes scalar w_c and w_h (batch eps or temperatures instead).")
    P1 = np.diag([0.0, 1.0, 0.0]).astype(complex)
    P2 = np.diag([0.0, 0.0, 1.0]).astype(complex)
    H0_rot = _b(w_c) * (P1 + P2)
    X12 = np.zeros((3, 3), complex)
    X12[1, 2] = X12[2, 1] = 1.0
    H = H0_rot + _b(eps) * X12
    Xg2 = np.zeros((3, 3), complex)
    Xg2[0, 2] = Xg2[2, 0] = 1.0
    Xg1 = np.zeros((3, 3), complex)
    Xg1[0, 1] = Xg1[1, 0] = 1.0
    couplings = [
        (Xg2, Bath(name="h", T=T_h, spectral_density=FlatSpectrum(gamma_h))),
        (Xg1, Bath(name="c", T=T_c, spectral_density=FlatSpectrum(gamma_c))),
    ]
    frame = float(w_s) * P2
    if kind == "local":
        return ContinuousMachine(H, couplings, kind="local", H0=H0_rot, frame=frame)
    return ContinuousMachine(H, couplings, kind=kind, frame=frame)
