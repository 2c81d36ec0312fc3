r"""A limit cycle's energy and entropy split by subsystem (e.g. a system and its memory).

For a cycle on H = H_1 ⊗ H_2 ⊗ ... (local dimensions `dims`) and local Hamiltonians h_i,
at every stroke boundary b

    E_i(b) = Tr[h_i rho_i(b)],   S_i(b) = S(rho_i(b)),   rho_i = Tr_{not i} rho,

and the correlation (total correlation; the mutual information for two parts)
C(b) = sum_i S_i(b) - S(rho(b)) >= 0. The interaction energy at b is the rest of the
energy of the stroke that starts there, Tr[H_E rho] - sum_i E_i. Work and heat are booked
by the strokes on the whole system; this view says where the energy and entropy sit.

Sign convention (docs/conventions.md): ΔE_i > 0 when subsystem i gains energy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..._checks import FloatArray, check_hermitian
from ...core.states import entropy_vn, partial_trace
from .cycle import LimitCycle

__all__ = ["SubsystemLedger", "subsystem_ledger"]


@dataclass(frozen=True, slots=True, eq=False)
class SubsystemLedger:
    """Energies and entropies of the subsystems at the stroke boundaries of a limit cycle.

    Boundary b = 0 is the start of the first stroke, b = i + 1 the end of stroke i (the last
    equals the first on the limit cycle). Arrays carry the cycle's batch shape (...).

    Attributes:
        names: subsystem labels.
        dims: local dimensions.
        stroke_names: the strokes' labels.
        energies: (..., n_strokes + 1, n_sub) local energies Tr[h_i rho_i].
        entropies: (..., n_strokes + 1, n_sub) local von Neumann entropies (nats).
        total_entropy: (..., n_strokes + 1) S(rho).
        interaction: (..., n_strokes + 1) Tr[H_E rho] - sum_i E_i, with H_E the energy
            Hamiltonian at the start of the stroke that begins at b (stroke 0 at the end).
    """

    names: tuple[str, ...]
    dims: tuple[int, ...]
    stroke_names: tuple[str, ...]
    energies: FloatArray
    entropies: FloatArray
    total_entropy: FloatArray
    interaction: FloatArray

    @property
    def delta_energy(self) -> FloatArray:
        """(..., n_strokes, n_sub) energy change of each subsystem in each stroke."""
        return np.asarray(np.diff(self.energies, axis=-2))

    @property
    def delta_entropy(self) -> FloatArray:
        """(..., n_strokes, n_sub) entropy change of each subsystem in each stroke."""
        return np.asarray(np.diff(self.entropies, axis=-2))

    @property
    def correlation(self) -> FloatArray:
        """(..., n_strokes + 1) sum_i S_i - S (the mutual information for two subsystems)."""
        return np.asarray(np.sum(self.entropies, axis=-1) - self.total_entropy)

    def stroke(self, name: str) -> dict[str, FloatArray]:
        """Per-subsystem ΔE and ΔS of the (first) stroke called `name`."""
        if name not in self.stroke_names:
            raise KeyError(f"no stroke named {name!r}; strokes are {list(self.stroke_names)}")
        i = self.stroke_names.index(name)
        out: dict[str, FloatArray] = {}
        for j, s in enumerate(self.names):
            out[f"delta_energy_{s}"] = np.asarray(self.delta_energy[..., i, j])
            out[f"delta_entropy_{s}"] = np.asarray(self.delta_entropy[..., i, j])
        return out


def subsystem_ledger(
    lc: LimitCycle,
    hamiltonians: Sequence[Any],
    dims: Sequence[int],
    *,
    names: Sequence[str] | None = None,
) -> SubsystemLedger:
    r"""Split a limit cycle's energy and entropy by subsystem.

    Args:
        lc: the `LimitCycle` (from `limit_cycle`).
        hamiltonians: one local Hamiltonian (d_i, d_i) per subsystem (None: zero).
        dims: local dimensions, prod(dims) = the cycle's dimension.
        names: subsystem labels (default "0", "1", ...).

    Returns:
        `SubsystemLedger`.

    Raises:
        ValueError: dimensions that do not match, or a wrong number of Hamiltonians or names.
    """
    dl = tuple(int(x) for x in dims)
    D = lc.cycle.dim
    if not dl or any(x < 1 for x in dl) or int(np.prod(dl)) != D:
        raise ValueError(
            f"`dims` must be positive local dimensions with product {D} (the cycle's "
            f"dimension); got {tuple(dims)!r}."
        )
    if len(hamiltonians) != len(dl):
        raise ValueError(
            f"`hamiltonians` must hold one operator (or None) per subsystem ({len(dl)}); "
            f"got {len(hamiltonians)}."
        )
    labels = tuple(str(i) for i in range(len(dl))) if names is None else tuple(names)
    if len(labels) != len(dl):
        raise ValueError(f"`names` must hold {len(dl)} labels; got {len(labels)}.")
    hs = []
    for i, (h, di) in enumerate(zip(hamiltonians, dl, strict=True)):
        if h is None:
            hm = np.zeros((di, di), dtype=np.complex128)
        else:
            hm = check_hermitian(h, f"hamiltonians[{i}]")
        if hm.shape[-1] != di:
            raise ValueError(
                f"`hamiltonians[{i}]` must have dimension dims[{i}] = {di}; got {hm.shape[-1]}."
            )
        hs.append(hm)
    rho = lc.states  # (..., nb, D, D)
    E, S = [], []
    for i, hm in enumerate(hs):
        ri = partial_trace(rho, dl, i)
        E.append(np.real(np.einsum("...ij,...ji->...", hm, ri)))
        S.append(entropy_vn(ri))
    energies = np.stack(E, axis=-1)
    HE = [s.energy_hamiltonians()[0] for s in lc.cycle.strokes]
    n = len(HE)
    tot = [
        np.real(np.einsum("...ij,...ji->...", HE[b % n], rho[..., b, :, :])) for b in range(n + 1)
    ]
    total_energy = np.stack(np.broadcast_arrays(*tot), axis=-1)
    return SubsystemLedger(
        names=labels,
        dims=dl,
        stroke_names=tuple(led.name for led in lc.strokes),
        energies=energies,
        entropies=np.stack(S, axis=-1),
        total_entropy=entropy_vn(rho),
        interaction=np.asarray(total_energy - energies.sum(axis=-1)),
    )
