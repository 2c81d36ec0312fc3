"""`quantherm sweep NAME --grid KEY=START:STOP:NUM ... [--out FILE] [--scheduler ADDRESS]`.

A thin face over `quantherm.sweeps`: parses the grid, picks the executor, shows a
progress bar, and says where the results are. Bad input exits with status 2 and one
line on stderr; chunks lost to worker failures exit with status 1 (re-run to finish).
"""

from __future__ import annotations

import time
from typing import Any

import click

_EXAMPLE = "quantherm sweep fridge --grid T_h=2:6:41 --grid w_c=0.5:1.5:11 --out fridge.zarr"


class _UsageError(click.ClickException):
    exit_code = 2

    def show(self, file: Any = None) -> None:
        click.echo(f"quantherm: error: {self.message}", err=True)


def _executor(workers: int | None, scheduler: str | None, processes: int | None) -> Any:
    from ..sweeps import Dask, InProcess, Processes

    if sum(x is not None for x in (workers, scheduler, processes)) > 1:
        raise _UsageError(
            "choose one of --workers (local Dask cluster), --scheduler ADDRESS, --processes N."
        )
    if scheduler is not None:
        return Dask(address=scheduler)
    if workers is not None:
        return Dask(workers=workers)
    if processes is not None:
        return Processes(workers=processes)
    return InProcess()


@click.command("sweep", epilog=f"Example: {_EXAMPLE}")
@click.argument("name")
@click.option(
    "--grid",
    "grids",
    multiple=True,
    metavar="KEY=START:STOP:NUM",
    help="Evenly spaced values (a dimension).",
)
@click.option(
    "--list", "lists", multiple=True, metavar="KEY=V1,V2,...", help="Listed values (a dimension)."
)
@click.option(
    "--random",
    "randoms",
    multiple=True,
    metavar="KEY=LOW:HIGH",
    help="Uniform random values (with --samples).",
)
@click.option(
    "--samples", type=int, default=None, help="Number of random points (dimension 'sample')."
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the random points.")
@click.option(
    "--set", "sets", multiple=True, metavar="KEY=VALUE", help="Fix a non-swept parameter."
)
@click.option(
    "--out",
    default=None,
    metavar="FILE",
    help="results.zarr (resumable, chunk by chunk) or results.nc.",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Use a running Dask scheduler (tcp://host:port).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Start a local Dask cluster with N workers.",
)
@click.option(
    "--processes", type=click.IntRange(min=1), default=None, help="Use a pool of N local processes."
)
@click.option(
    "--chunk-size",
    type=click.IntRange(min=1),
    default=None,
    help="Points per chunk (unit of work and of resuming).",
)
@click.option(
    "--no-batch", is_flag=True, help="Evaluate point by point even if the model is vectorised."
)
@click.option("--quiet", is_flag=True, help="No progress bar.")
def sweep_cmd(
    name: str,
    grids: tuple[str, ...],
    lists: tuple[str, ...],
    randoms: tuple[str, ...],
    samples: int | None,
    seed: int,
    sets: tuple[str, ...],
    out: str | None,
    scheduler: str | None,
    workers: int | None,
    processes: int | None,
    chunk_size: int | None,
    no_batch: bool,
    quiet: bool,
) -> None:
    """Sweep reproduction NAME's quantities over a grid of its parameters.

    The result is an xarray Dataset (dimensions = swept parameters). Re-running the same
    command with the same --out computes only the chunks that are missing.
    """
    from ..papers.base import get_reproduction
    from ..sweeps import Samples, SweepIncompleteError, parse_grid, parse_list, parse_random, sweep

    try:
        model = get_reproduction(name)
        grid: dict[str, Any] = {}
        for text in grids:
            key, vals = parse_grid(text)
            grid[key] = vals
        for text in lists:
            key, items = parse_list(text)
            grid[key] = items
        for key in grid:
            if sum(g.split("=", 1)[0].strip() == key for g in (*grids, *lists)) > 1:
                raise ValueError(f"parameter '{key}' is given twice; sweep it once.")
        sample_spec = None
        if randoms or samples is not None:
            if not randoms or samples is None:
                raise ValueError("--random KEY=LOW:HIGH and --samples N go together.")
            sample_spec = Samples(
                n=samples, ranges=dict(parse_random(t) for t in randoms), seed=seed
            )
        fixed = {}
        for text in sets:
            if "=" not in text:
                raise ValueError(f"--set expects KEY=VALUE; got {text!r}.")
            k, v = text.split("=", 1)
            fixed[k.strip()] = v.strip()
        executor = _executor(workers, scheduler, processes)
        t0 = time.perf_counter()
        ds = sweep(
            model,
            grid,
            samples=sample_spec,
            fixed=fixed,
            out=out,
            executor=executor,
            chunk_size=chunk_size,
            batched=not no_batch,
            progress=not quiet,
        )
    except SweepIncompleteError as exc:
        click.echo(f"quantherm: {exc}", err=True)
        raise SystemExit(1) from None
    except KeyboardInterrupt:
        where = (
            f"; the chunks finished so far are in {out}: re-run the same command to continue"
            if out
            else ""
        )
        click.echo(f"quantherm: sweep interrupted{where}.", err=True)
        raise SystemExit(130) from None
    except (ValueError, TypeError) as exc:
        raise _UsageError(str(exc)) from None
    secs = time.perf_counter() - t0
    n = int(ds.attrs.get("failed_points", 0))
    size = 1
    for s in ds.sizes.values():
        size *= int(s)
    variables = ", ".join(str(v) for v in ds.data_vars if v != "error")
    click.echo(
        f"{name}: {size} points in {secs:.2f} s ({size / max(secs, 1e-9):,.0f} points/s), "
        f"{n} failed."
    )
    click.echo(f"quantities: {variables}")
    if out:
        click.echo(f"saved to {out} (open with quantherm.sweeps.open_sweep or xarray).")
    else:
        click.echo(repr(ds))
