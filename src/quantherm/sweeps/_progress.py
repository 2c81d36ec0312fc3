"""A rich progress bar (points done, rate, ETA) on stderr; or nothing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

__all__ = ["ProgressSink", "progress_bar"]


class ProgressSink(Protocol):
    def advance(self, points: int) -> None: ...


class _Silent:
    def advance(self, points: int) -> None:
        pass


class _Rich:
    def __init__(self, progress: Any, task: Any) -> None:
        self.progress, self.task = progress, task

    def advance(self, points: int) -> None:
        self.progress.advance(self.task, points)


@contextmanager
def progress_bar(enabled: bool, total: int, done: int, label: str) -> Iterator[ProgressSink]:
    """A bar with points done / total, points per second and time remaining."""
    if not enabled:
        yield _Silent()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class _Rate(ProgressColumn):
        def render(self, task: Any) -> Text:
            speed = task.speed
            return Text("-- pts/s" if speed is None else f"{speed:,.0f} pts/s")

    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _Rate(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=False,
    ) as progress:
        task = progress.add_task(label, total=total, completed=done)
        yield _Rich(progress, task)
