"""Writing a command's file: whole or not at all."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Collection
from pathlib import Path

from rich.console import Console

from accord.errors import InputError
from accord.reports.sheets import ExportFile

_SUFFIXES = {"htm": "html", "markdown": "md"}


def choose_format(fmt: str | None, output: Path | None, known: Collection[str], default: str) -> str:
    """The format given with --format, else the one the output file's extension names, else
    `default`. A --format that another known extension contradicts is refused: a report.pdf holding
    HTML opens nowhere, and nothing said so."""
    suffix = output.suffix.lower().removeprefix(".") if output is not None else ""
    named = _SUFFIXES.get(suffix, suffix)
    if fmt is None:
        return named if named in known else default
    if output is not None and fmt in known and named in known and named != fmt:
        raise InputError(
            f"--format {fmt}, but the file name {output.name} says {named}",
            hint=f"name the file *.{fmt}, or leave out --format to write {named}",
        )
    return fmt


def check_writable(path: Path) -> None:
    """Refuse a target that cannot be written before any work is done for it."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise InputError(f"{path} is a folder", hint="give a file name, e.g. -o report.pdf")
    if not folder.is_dir():
        raise InputError(f"cannot write {path}: no folder {folder}", hint="create the folder first")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise InputError(f"cannot write {path}: permission denied", hint="choose a file you may write")


def write_file(path: Path, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename it over the target: a failure or an
    interruption leaves the old file (or none), never half a file."""
    check_writable(path)
    folder = path.parent if str(path.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(
            f"cannot write {path}: {error.strerror}", hint="choose a file you may write"
        ) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def emit(export: ExportFile, output: Path | None, console: Console) -> None:
    """An export to its file, or to standard output (where a terminal gets no binary XLSX)."""
    if output is None:
        if export.fmt == "xlsx" and sys.stdout.isatty():
            raise InputError(
                "an .xlsx file would be written to the terminal", hint=f"add -o {export.filename()}"
            )
        sys.stdout.buffer.write(export.data)
        return
    write_file(output, export.data)
    console.print(f"{export.rows} rows written to {output}", highlight=False)
