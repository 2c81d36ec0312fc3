"""Generalized (Rényi) free energies F_alpha, the family of second laws of BHNOW.

F_alpha(rho) = kT [D_alpha(rho||gamma) - ln Z], k_B = 1, in the unit of the energies.
F_1 is the ordinary non-equilibrium free energy <E> - T S; F_alpha(gamma) = F_eq = -T ln Z
for every alpha; F_alpha of an energy eigenstate |k> is E_k for alpha >= 0 and +inf for
alpha < 0; F_alpha is additive over tensor products. Every F_alpha (alpha in R for the
classical divergence) is non-increasing under thermal operations on block-diagonal states.

Reference: F. G. S. L. Brandão, M. Horodecki, N. H. Y. Ng, J. Oppenheim, S. Wehner,
PNAS 112, 3275 (2015), doi:10.1073/pnas.1411728112.
"""

from __future__ import annotations

from typing import Any, Literal

import numpy as np

from .._checks import FloatArray, as_array, check_dims
from ..core.states import gibbs_state
from ._validate import check_alpha, check_temperature_positive
from .divergences import petz_renyi_divergence, renyi_divergence_core, sandwiched_renyi_divergence
from .states import _energies_and_basis, as_populations, thermal_frame

__all__ = ["free_energy_alpha"]

Divergence = Literal["classical", "petz", "sandwiched"]


def free_energy_alpha(
    rho: Any,
    H: Any,
    T: float,
    alpha: Any,
    *,
    divergence: Divergence = "classical",
) -> float | FloatArray:
    r"""Rényi free energy $F_\alpha(\rho) = T\,[D_\alpha(\rho\|\gamma) - \ln Z]$.

    Args:
        rho: populations (d,) over the levels of `H`, or a density matrix (d, d).
        H: energy levels (d,) or Hamiltonian (d, d).
        T: bath temperature, > 0 and finite (k_B = 1).
        alpha: order(s), any shape, ±inf allowed. For ``divergence="classical"`` every real
            alpha (the BHNOW convention, see `renyi_divergence`); "petz" needs a scalar in
            [0, 2], "sandwiched" a scalar in [1/2, inf].
        divergence: "classical" needs a block-diagonal state ([rho, H] = 0) and is exact;
            "petz" and "sandwiched" accept coherent states and give necessary conditions
            only (coherence brings extra constraints; Lostaglio et al. 2015).

    Returns:
        F_alpha in the unit of the energies (+inf where D_alpha is infinite); a float for
        scalar alpha, else an array of alpha's shape.

    Raises:
        ValueError: bad state, dimensions not matching `H`, T <= 0, alpha out of range,
            coherent `rho` with the classical divergence.

    Examples:
        >>> round(free_energy_alpha([0.5, 0.5], [0.0, 1.0], 1.0, 1.0), 6)
        -0.193147
    """
    t = check_temperature_positive(T)
    if divergence == "classical":
        p, E = as_populations(rho, H)
        frame = thermal_frame(E, t)
        a = check_alpha(alpha)
        D = renyi_divergence_core(p, frame.log_gamma, a.ravel()).reshape(a.shape)
        F = t * (D - frame.log_Z)
        return float(F) if F.ndim == 0 else F
    if divergence not in ("petz", "sandwiched"):
        raise ValueError(
            f"`divergence` must be one of 'classical', 'petz', 'sandwiched'; got {divergence!r}."
        )
    E, V = _energies_and_basis(H)
    Hm = np.diag(E).astype(np.complex128) if V is None else (V * E) @ np.conj(V.T)
    r = as_array(rho, "rho")
    if r.ndim != 2:
        raise ValueError(
            f"`rho` must be a density matrix (d, d) for the {divergence} divergence; got shape "
            f"{r.shape}. Use divergence='classical' for population vectors."
        )
    check_dims(r, E.size, "rho", "H")
    frame = thermal_frame(E, t)
    gamma = gibbs_state(Hm, t)
    fn = petz_renyi_divergence if divergence == "petz" else sandwiched_renyi_divergence
    a = check_alpha(alpha)
    D = np.array([fn(r, gamma, float(x)) for x in a.ravel()]).reshape(a.shape)
    F = t * (D - frame.log_Z)
    return float(F) if F.ndim == 0 else F
