"""The progress bar of `accord ingest`: documents stored, documents/s and MB/s."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from accord.cli.app import error_console
from accord.services.ingest import IngestResult


class _Rate(ProgressColumn):
    """Documents per second and megabytes per second since the start."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        if elapsed <= 0:
            return Text("", style="progress.data.speed")
        documents = task.completed / elapsed
        megabytes = task.fields.get("bytes", 0) / 1e6 / elapsed
        return Text(f"{documents:,.1f} documents/s  {megabytes:,.2f} MB/s", style="progress.data.speed")


@contextmanager
def ingest_progress(total: int) -> Iterator[Callable[[IngestResult, int], None]]:
    """A bar on stderr (gone when done); yields the callback that advances it per stored document."""
    columns = (TextColumn("storing"), BarColumn(), MofNCompleteColumn(), _Rate(), TimeElapsedColumn())
    with Progress(*columns, console=error_console, transient=True) as progress:
        task = progress.add_task("storing", total=total, bytes=0)
        stored_bytes = 0

        def advance(_result: IngestResult, byte_size: int) -> None:
            nonlocal stored_bytes
            stored_bytes += byte_size
            progress.update(task, advance=1, bytes=stored_bytes)

        yield advance
