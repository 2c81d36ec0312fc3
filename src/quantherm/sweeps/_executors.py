"""Where chunks are evaluated: in this process, in local processes, or on Dask.

Every executor takes the chunk tasks and yields ``(chunk_id, ChunkResult)`` as chunks
finish, or ``(chunk_id, exception)`` when the infrastructure (not the physics) lost a
chunk; the sweep then leaves that chunk missing, so a re-run computes it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ._evaluate import ChunkResult, Shipped, evaluate_chunk

__all__ = ["Dask", "InProcess", "Processes"]

Task = tuple[Any, dict[str, Any], int, dict[str, Any], bool]
Outcome = tuple[int, ChunkResult | BaseException]


@dataclass(frozen=True, slots=True)
class InProcess:
    """Evaluate chunks here, one after the other (batched through the model's `batch`)."""

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        for task in tasks:
            yield task[2], evaluate_chunk(*task)


@dataclass(frozen=True, slots=True)
class Processes:
    """A pool of `workers` local processes (spawned, so safe with threads)."""

    workers: int = 2

    def __post_init__(self) -> None:
        if not isinstance(self.workers, int) or self.workers < 1:
            raise ValueError(f"`workers` must be a positive integer; got {self.workers!r}.")

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor, as_completed

        ctx = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx) as pool:
            futures = {}
            for t in tasks:
                futures[pool.submit(evaluate_chunk, Shipped.wrap(t[0]), *t[1:])] = t[2]
            try:
                for fut in as_completed(futures):
                    try:
                        yield futures[fut], fut.result()
                    except Exception as exc:  # a lost process loses its chunk, not the sweep
                        yield futures[fut], exc
            finally:
                for fut in futures:
                    fut.cancel()


@dataclass(frozen=True, slots=True)
class Dask:
    """Dask distributed: a scheduler at `address`, a local cluster, or your own `client`.

    With an address, any cluster works unchanged (``dask scheduler`` by hand, or
    dask-jobqueue's SLURMCluster / PBSCluster: pass ``cluster.scheduler_address``).
    Without one, a `LocalCluster` of `workers` processes (default 2) is started for the
    sweep and closed after it. A `distributed.Client` passed as `client` is used as is
    and left open (many small sweeps then skip the connection). A worker that dies
    mid-sweep loses only its running chunks; the scheduler gives them to the others.
    """

    address: str | None = None
    workers: int | None = None
    client: Any = None
    threads_per_worker: int = 1
    timeout: float = 30.0

    def __post_init__(self) -> None:
        given = [n for n in ("address", "workers", "client") if getattr(self, n) is not None]
        if len(given) > 1:
            raise ValueError(
                "give one of `address` (an existing scheduler), `workers` (a local cluster) or "
                f"`client`; got {' and '.join(given)}."
            )
        if self.workers is not None and (not isinstance(self.workers, int) or self.workers < 1):
            raise ValueError(f"`workers` must be a positive integer; got {self.workers!r}.")

    def run(self, tasks: Iterable[Task]) -> Iterator[Outcome]:
        try:
            from distributed import Client, LocalCluster, as_completed
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ImportError(
                "Dask sweeps need distributed: pip install 'quantherm[sweep]'"
            ) from exc

        cluster = None
        own = self.client is None
        if self.client is not None:
            client = self.client
        elif self.address is None:
            cluster = LocalCluster(
                n_workers=self.workers or 2,
                threads_per_worker=self.threads_per_worker,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            client = Client(cluster, timeout=self.timeout)
        else:
            try:
                client = Client(self.address, timeout=self.timeout)
            except OSError as exc:
                raise ValueError(
                    f"`scheduler` must be the address of a running Dask scheduler; could not reach "
                    f"{self.address!r} ({exc}). Start one with `dask scheduler` or check the "
                    "address."
                ) from None
        futures: dict[Any, int] = {}
        shipped: dict[int, Any] = {}  # the model is pickled once per sweep, not per chunk
        try:
            for t in tasks:
                model = shipped.setdefault(id(t[0]), Shipped.wrap(t[0]))
                fut = client.submit(evaluate_chunk, model, *t[1:], pure=False)
                futures[fut] = t[2]
            for fut in as_completed(futures):
                try:
                    yield futures[fut], fut.result()
                except Exception as exc:  # KilledWorker etc.: the chunk stays missing
                    yield futures[fut], exc
        finally:
            try:
                client.cancel(list(futures))
            finally:
                if own:
                    client.close()
                if cluster is not None:
                    cluster.close()
