"""`sweep`: a model's quantities over a grid, as an `xarray.Dataset`."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ._evaluate import ChunkResult
from ._executors import Dask, InProcess, Processes, Task
from ._progress import progress_bar
from ._spec import Samples, SweepModel, SweepSpec
from ._store import MemoryStore, ZarrStore, open_sweep, remove_tree, write_netcdf

__all__ = ["SweepIncompleteError", "sweep"]

Executor = InProcess | Processes | Dask


class SweepIncompleteError(RuntimeError):
    """Some chunks were lost to infrastructure failures (not physics); re-run to finish."""


def _tasks(spec: SweepSpec, todo: Sequence[int], use_batch: bool) -> Iterator[Task]:
    for cid in todo:
        _, points = spec.points(cid)
        yield (spec.model, dict(spec.fixed), cid, points, use_batch)


def sweep(
    model: SweepModel,
    grid: Mapping[str, Sequence[Any] | np.ndarray] | None = None,
    *,
    samples: Samples | None = None,
    fixed: Mapping[str, Any] | None = None,
    out: str | os.PathLike[str] | None = None,
    executor: Executor | None = None,
    chunk_size: int | None = None,
    batched: bool = True,
    progress: bool = False,
    on_chunk: Callable[[int, int], None] | None = None,
) -> Any:
    """Evaluate `model`'s quantities at every point of a grid; return an `xarray.Dataset`.

    The dataset's dimensions are the swept parameters (in the order given, then
    ``sample`` for random samples), one float variable per quantity, and ``error`` (the
    message of a failed point, ``""`` otherwise; its quantities are NaN). Attributes
    record the units (hbar = k_B = 1), the sign convention (energy into the system is
    positive; ``_out`` names are extracted quantities), the citation, DOI, quantherm
    version and the fixed parameters.

    Args:
        model: a reproduction (``quantherm.papers.get_reproduction("fridge")``) or any
            object following `SweepModel`.
        grid: ``{parameter: values}``; the sweep is their Cartesian product. Values are
            validated by the model's parameters (domain, type).
        samples: random points (`Samples`), an extra ``sample`` dimension.
        fixed: overrides of non-swept parameters (default: the model's defaults).
        out: ``*.zarr`` (written chunk by chunk; re-running the same sweep computes only
            the missing chunks) or ``*.nc`` (NetCDF written at the end; a sibling
            ``*.nc.partial.zarr`` makes it resumable too and is removed when done).
        executor: `InProcess()` (default), `Processes(workers=N)` or
            `Dask(address=... | workers=N)`.
        chunk_size: points per chunk (the unit of work and of resuming); default 10^4
            for models with a vectorised `batch`, 16 otherwise.
        batched: use the model's `batch` when it has one (else `run` point by point).
        progress: show a rich progress bar (points, rate, ETA) on stderr.
        on_chunk: called as ``on_chunk(chunk_id, chunks_done)`` after each chunk is stored.

    Returns:
        xarray.Dataset with the results.

    Raises:
        ValueError: unknown or out-of-domain parameters, or `out` holding another sweep.
        SweepIncompleteError: chunks lost to worker failures (results so far are in `out`).

    Examples:
        >>> import quantherm.sweeps as qs
        >>> from quantherm.papers import get_reproduction
        >>> ds = qs.sweep(get_reproduction("fridge"), {"T_h": [4.0, 5.0]})
        >>> ds["heat_current_c"].dims
        ('T_h',)
    """
    spec = SweepSpec.build(model, grid, samples=samples, fixed=fixed, chunk_size=chunk_size)
    executor = InProcess() if executor is None else executor
    if not isinstance(executor, InProcess | Processes | Dask):
        raise TypeError(
            "`executor` must be InProcess(), Processes(workers=N) or Dask(...); "
            f"got {type(executor).__name__}."
        )
    final_nc: Path | None = None
    store: MemoryStore | ZarrStore
    if out is None:
        store = MemoryStore(spec)
    else:
        path = Path(out)
        if path.suffix == ".nc":
            if path.exists():
                ds = open_sweep(path)
                if ds.attrs.get("sweep_fingerprint") != spec.fingerprint():
                    raise ValueError(
                        f"`out` {str(path)!r} holds a different sweep; remove it or choose "
                        "another path."
                    )
                return ds
            final_nc, path = path, Path(str(path) + ".partial.zarr")
        elif path.suffix != ".zarr":
            raise ValueError(f"`out` must end in .zarr or .nc; got {str(out)!r}.")
        store = ZarrStore(spec, path)
    done = store.done()
    todo = [c for c in range(spec.n_chunks) if c not in done]
    points_done = sum(_n_points(spec, c) for c in done)
    lost: list[tuple[int, BaseException]] = []
    with progress_bar(progress, spec.size, points_done, f"sweep {model.name}") as bar:
        n_done = len(done)
        for cid, outcome in executor.run(_tasks(spec, todo, batched)):
            if not isinstance(outcome, ChunkResult):
                lost.append((cid, outcome))
                continue
            store.write(outcome)
            n_done += 1
            bar.advance(_n_points(spec, cid))
            if on_chunk is not None:
                on_chunk(cid, n_done)
    if lost:
        where = f"the results so far are in {str(out)!r}; " if out is not None else ""
        cid, exc = lost[0]
        raise SweepIncompleteError(
            f"{len(lost)} of {spec.n_chunks} chunks were lost to worker failures (first: chunk "
            f"{cid}, {type(exc).__name__}: {exc}); {where}run the same sweep again to compute "
            "only the missing chunks."
        )
    ds = store.dataset()
    if final_nc is not None:
        write_netcdf(ds, final_nc)
        remove_tree(Path(str(final_nc) + ".partial.zarr"))
    return ds


def _n_points(spec: SweepSpec, chunk_id: int) -> int:
    return int(np.prod([s.stop - s.start for s in spec.region(chunk_id)]))
