"""Where a sweep's results live while it runs: memory, or a Zarr store on disk.

The Zarr layout is plain xarray (one array per quantity, dims = swept parameters,
chunked like the sweep) plus ``_chunk_done``, one flag per chunk, set after the chunk's
data are written. A re-run reads the flags and computes only the missing chunks; a chunk
cut off between its data and its flag is simply computed again.
"""

from __future__ import annotations

import json
import os
import shutil
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

import numpy as np

from ._evaluate import ChunkResult
from ._spec import SweepSpec

__all__ = ["MemoryStore", "ZarrStore", "dataset_attrs"]

UNITS = "hbar = k_B = 1: energies, frequencies and temperatures share one unit"
SIGN_CONVENTION = (
    "energy into the system is positive: J_k > 0 when bath k heats the system, W > 0 "
    "(P > 0) when work is done on it, dU = sum_k Q_k + W; names ending in _out are extracted "
    "quantities (positive for an engine) and heat_in is the heat taken from the hot bath"
)
_DONE = "_chunk_done"


def _version() -> str:
    try:
        return version("quantherm")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def _jsonable(v: Any) -> Any:
    if isinstance(v, np.generic):
        return v.item()
    return v


def dataset_attrs(spec: SweepSpec) -> dict[str, Any]:
    """Provenance of a sweep (strings and numbers only, so NetCDF can hold them)."""
    model = spec.model
    swept = {k for d in spec.dims for k in d.values}
    fixed = {k: _jsonable(v) for k, v in model.resolve(spec.fixed).items() if k not in swept}
    return {
        "reproduction": model.name,
        "title": str(getattr(model, "title", "")),
        "citation": str(getattr(model, "citation", "")),
        "doi": str(getattr(model, "doi", "")),
        "units": UNITS,
        "sign_convention": SIGN_CONVENTION,
        "quantherm_version": _version(),
        "fixed_parameters": json.dumps(fixed, sort_keys=True),
        "swept_parameters": ", ".join(k for d in spec.dims for k in d.values),
        "sample_parameters": ", ".join(_sample_keys(spec)),
        "chunk_shape": json.dumps(list(spec.chunks)),
        "sweep_fingerprint": spec.fingerprint(),
    }


def _param_doc(spec: SweepSpec, key: str) -> str:
    for p in spec.model.parameters:
        if p.name == key:
            return str(p.doc)
    return ""


def _coords(spec: SweepSpec) -> dict[str, tuple[tuple[str, ...], np.ndarray, dict[str, str]]]:
    out: dict[str, tuple[tuple[str, ...], np.ndarray, dict[str, str]]] = {}
    for d in spec.dims:
        if d.name == "sample":
            out["sample"] = (("sample",), np.arange(d.size), {"long_name": "random sample index"})
        for key, vals in d.values.items():
            out[key] = ((d.name,), vals, {"long_name": _param_doc(spec, key), "units": UNITS})
    return out


def _sample_keys(spec: SweepSpec) -> list[str]:
    return [k for d in spec.dims if d.name == "sample" for k in d.values]


def _finish(ds: Any, spec: SweepSpec) -> Any:
    """Common touches: error strings as Python str, counts of failures, completeness."""
    err = np.asarray(ds["error"].values, dtype=object)
    ds["error"] = (
        ds["error"].dims,
        err,
        {"long_name": "error message of a failed point ('' if none)"},
    )
    ds.attrs["failed_points"] = int(np.count_nonzero(err != ""))
    return ds


class MemoryStore:
    """Results held in NumPy arrays (a sweep without `out`)."""

    def __init__(self, spec: SweepSpec) -> None:
        self.spec = spec
        self.data: dict[str, np.ndarray] = {}
        self.error = np.full(spec.shape, "", dtype=object)
        self.flags = np.zeros(spec.n_chunks, dtype=bool)

    def done(self) -> set[int]:
        return set(np.flatnonzero(self.flags).tolist())

    def write(self, res: ChunkResult) -> None:
        region = self.spec.region(res.chunk_id)
        block = tuple(s.stop - s.start for s in region)
        for name, vals in res.quantities.items():
            if name not in self.data:
                self.data[name] = np.full(self.spec.shape, np.nan)
            self.data[name][region] = vals.reshape(block)
        err = np.full(int(np.prod(block)), "", dtype=object)
        for i, msg in res.errors.items():
            err[i] = msg
        self.error[region] = err.reshape(block)
        self.flags[res.chunk_id] = True

    def dataset(self) -> Any:
        import xarray as xr

        dims = tuple(d.name for d in self.spec.dims)
        coords = {k: xr.Variable(*v) for k, v in _coords(self.spec).items()}
        data = {name: (dims, arr) for name, arr in self.data.items()}
        data["error"] = (dims, self.error)
        ds = xr.Dataset(data, coords=coords, attrs=dataset_attrs(self.spec))
        ds.attrs["complete"] = int(self.flags.all())
        return _finish(ds, self.spec)


class ZarrStore:
    """Results written chunk by chunk to a Zarr directory store (resumable)."""

    def __init__(self, spec: SweepSpec, path: str | os.PathLike[str]) -> None:
        import zarr

        self.spec = spec
        self.path = Path(path)
        self.dims = [d.name for d in spec.dims]
        self.group: Any
        attrs = dataset_attrs(spec)
        group: Any
        if self.path.exists():
            try:
                group = zarr.open_group(str(self.path), mode="r+")
            except Exception as exc:
                raise ValueError(
                    "`out` must be a new path or a sweep store written by quantherm; "
                    f"{str(self.path)!r} "
                    f"exists and is not a Zarr group ({type(exc).__name__}). Choose another path."
                ) from None
            found = group.attrs.get("sweep_fingerprint")
            if found != attrs["sweep_fingerprint"]:
                raise ValueError(
                    f"`out` {str(self.path)!r} holds a different sweep (fingerprint {found}, "
                    f"this one {attrs['sweep_fingerprint']}: another model, grid, fixed "
                    "parameters or chunking). "
                    "Remove it or choose another path."
                )
            self.group = group
            return
        group = zarr.open_group(str(self.path), mode="w-")
        for name, (cdims, vals, cattrs) in _coords(spec).items():
            arr = group.create_array(
                name,
                shape=vals.shape,
                chunks=vals.shape,
                dtype=_zarr_dtype(vals),
                dimension_names=list(cdims),
                attributes=dict(cattrs),
                fill_value="" if vals.dtype == object else None,
            )
            arr[...] = vals
        group.create_array(
            "error",
            shape=spec.shape,
            chunks=spec.chunks,
            dtype=str,
            fill_value="",
            dimension_names=self.dims,
            attributes=self._var_attrs("error message of a failed point"),
        )
        group.create_array(
            _DONE,
            shape=(spec.n_chunks,),
            chunks=(1,),
            dtype="i1",
            fill_value=0,
            dimension_names=["_chunk"],
        )
        group.attrs.update(attrs)  # last: a store with a fingerprint is fully laid out
        self.group = group

    def _var_attrs(self, long_name: str) -> dict[str, Any]:
        attrs: dict[str, Any] = {"long_name": long_name}
        keys = _sample_keys(self.spec)
        if keys:
            attrs["coordinates"] = " ".join(keys)
        return attrs

    def done(self) -> set[int]:
        return set(np.flatnonzero(self.group[_DONE][...]).tolist())

    def write(self, res: ChunkResult) -> None:
        region = self.spec.region(res.chunk_id)
        block = tuple(s.stop - s.start for s in region)
        names = set(self.group.array_keys()) - {"error", _DONE, *_coords(self.spec)}
        for name in res.quantities:
            if name not in names:
                self.group.create_array(
                    name,
                    shape=self.spec.shape,
                    chunks=self.spec.chunks,
                    dtype="f8",
                    fill_value=np.nan,
                    dimension_names=self.dims,
                    attributes=self._var_attrs(name),
                )
                names.add(name)
        for name in names:
            vals = res.quantities.get(name)
            block_vals = np.full(block, np.nan) if vals is None else vals.reshape(block)
            self.group[name][region] = block_vals
        err = np.full(int(np.prod(block)), "", dtype=object)
        for i, msg in res.errors.items():
            err[i] = msg
        self.group["error"][region] = err.reshape(block).astype(str)
        self.group[_DONE][res.chunk_id] = 1

    def dataset(self) -> Any:
        ds = open_sweep(self.path)
        return ds


def _zarr_dtype(vals: np.ndarray) -> Any:
    return str if vals.dtype == object else vals.dtype


def open_sweep(path: str | os.PathLike[str]) -> Any:
    """Load a sweep written to Zarr (complete or not) or NetCDF as an `xarray.Dataset`.

    Missing chunks of an unfinished Zarr sweep read as NaN; ``attrs["complete"]`` says
    whether every chunk is there.
    """
    import xarray as xr

    p = Path(path)
    if not p.exists():
        raise ValueError(f"`path` must be an existing sweep store; {str(p)!r} does not exist.")
    if p.is_dir():
        ds = xr.open_zarr(str(p), consolidated=False).load()
        flags = ds[_DONE].values
        ds = ds.drop_vars(_DONE)
        ds.attrs["complete"] = int(bool(np.all(flags)))
        keys = [k for k in ds.attrs.get("sample_parameters", "").split(", ") if k]
        ds = ds.set_coords(keys)
    else:
        ds = xr.load_dataset(str(p))
    err = np.asarray(ds["error"].values, dtype=object)
    ds["error"] = (
        ds["error"].dims,
        np.array(["" if e is None else e for e in err.ravel()], dtype=object).reshape(err.shape),
        ds["error"].attrs,
    )
    ds.attrs["failed_points"] = int(np.count_nonzero(ds["error"].values != ""))
    return ds


def write_netcdf(ds: Any, path: str | os.PathLike[str]) -> None:
    """Write `ds` to NetCDF atomically (a temporary file, then a rename)."""
    tmp = Path(str(path) + ".tmp")
    ds.to_netcdf(str(tmp))
    os.replace(tmp, path)


def remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)
