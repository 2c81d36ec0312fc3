"""Layer 7: sweeps of any model's quantities over parameter grids, at any scale.

    >>> import quantherm.sweeps as qs
    >>> from quantherm.papers import get_reproduction
    >>> ds = qs.sweep(get_reproduction("fridge"), {"T_h": [3.0, 4.0, 5.0]}, out=None)
    >>> ds.sizes["T_h"]
    3

Execution: `InProcess` (the model's vectorised `batch` on whole chunks), `Processes`
(a local pool), `Dask` (a local cluster or any scheduler by address). Results go to an
`xarray.Dataset`, optionally written chunk by chunk to Zarr (resumable) or to NetCDF.
"""

from ._executors import Dask as Dask
from ._executors import InProcess as InProcess
from ._executors import Processes as Processes
from ._run import SweepIncompleteError as SweepIncompleteError
from ._run import sweep as sweep
from ._spec import (
    Samples as Samples,
)
from ._spec import (
    SweepModel as SweepModel,
)
from ._spec import (
    SweepSpec as SweepSpec,
)
from ._spec import (
    parse_grid as parse_grid,
)
from ._spec import (
    parse_list as parse_list,
)
from ._spec import (
    parse_random as parse_random,
)
from ._store import SIGN_CONVENTION as SIGN_CONVENTION
from ._store import UNITS as UNITS
from ._store import open_sweep as open_sweep

__all__ = [
    "SIGN_CONVENTION",
    "UNITS",
    "Dask",
    "InProcess",
    "Processes",
    "Samples",
    "SweepIncompleteError",
    "SweepModel",
    "SweepSpec",
    "open_sweep",
    "parse_grid",
    "parse_list",
    "parse_random",
    "sweep",
]
