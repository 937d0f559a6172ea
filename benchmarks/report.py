"""Printing benchmark rows and their ratios."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console
from rich.table import Table


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    megabytes: float
    seconds: float
    units: int
    unit_name: str
    peak_mb: float | None = None

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds if self.seconds else float("inf")


def print_rows(title: str, rows: list[Row], *, baseline: int, floor: int | None = None) -> None:
    table = Table(title=title, title_justify="left")
    for column in ("run", "MB/s", "seconds", "output", f"× {rows[baseline].name.split()[0]}"):
        table.add_column(column, justify="left" if column == "run" else "right")
    show_floor = floor is not None
    if show_floor:
        table.add_column("÷ floor", justify="right")
    show_peak = any(r.peak_mb is not None for r in rows)
    if show_peak:
        table.add_column("peak MB", justify="right")
    for row in rows:
        cells = [
            row.name,
            f"{row.mb_per_s:.2f}",
            f"{row.seconds:.2f}",
            f"{row.units:,} {row.unit_name}",
            f"{row.mb_per_s / rows[baseline].mb_per_s:.1f}",
        ]
        if show_floor:
            cells.append(f"{rows[floor].mb_per_s / row.mb_per_s:.1f}")  # type: ignore[index]
        if show_peak:
            cells.append("" if row.peak_mb is None else f"{row.peak_mb:.0f}")
        table.add_row(*cells)
    Console(width=130).print(table)
