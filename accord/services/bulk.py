"""Bulk progress updates: export a sheet of every commitment and party, fill it in, import it.

An import is all-or-nothing: every row is checked first and every bad row is reported
(line, column, reason); only a clean file is recorded, in one transaction.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from accord.domain.access import Principal
from accord.domain.cells import neutralised, restored, unescaped
from accord.domain.dates import GRACE
from accord.domain.progress import Level
from accord.errors import InputError
from accord.services.acting import writing
from accord.services.commitments import list_commitments
from accord.services.progress_views import COLUMNS, sheet_rows
from accord.services.queries import find_agreement
from accord.storage import audit
from accord.storage.database import Database
from accord.storage.progress import refresh_current_progress
from accord.storage.tables import CommitmentActorRow, CommitmentRow, ProgressRow


def export_rows(db: Database, agreement: str | None = None) -> list[dict[str, Any]]:
    """One row per commitment and acting party, with its current level: a sheet ready to fill in."""
    views = list_commitments(db, agreement)
    with db.reading() as session:
        query = select(ProgressRow).order_by(ProgressRow.made_on, ProgressRow.id)
        if agreement is not None:  # only this agreement's progress: an export of all reads one at a time
            query = query.join(CommitmentRow, CommitmentRow.id == ProgressRow.commitment_id).where(
                CommitmentRow.agreement_id == find_agreement(session, agreement).id
            )
        return sheet_rows(views, session.scalars(query))


def to_csv(rows: list[dict[str, Any]], *, columns: tuple[str, ...] = COLUMNS) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({column: neutralised(row[column]) for column in columns} for row in rows)
    return buffer.getvalue().encode("utf-8")


def sheet_text(cell: object) -> str:
    """A cell as the text it stands for. A date (exported, or typed in a spreadsheet) comes back as
    a datetime at midnight: it is the day alone."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return unescaped(cell)
    if isinstance(cell, dt.datetime) and cell.time() == dt.time(0):
        return cell.date().isoformat()
    if isinstance(cell, dt.date | dt.datetime):
        return cell.isoformat()
    return str(cell)


def sheet_date(text: str) -> dt.date:
    """YYYY-MM-DD, or the same day at midnight as spreadsheets write it when a date cell is saved as
    text ('2026-11-26 00:00:00', '2026-11-26T00:00'); any other time of day is refused (ValueError)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        moment = dt.datetime.fromisoformat(text)
        if moment.time() != dt.time(0) or moment.tzinfo is not None:
            raise
        return moment.date()


@dataclass(frozen=True, slots=True)
class ImportResult:
    recorded: int
    unchanged: int


def read_sheet(path: Path) -> list[dict[str, str]]:
    """The rows of a filled-in sheet (CSV or XLSX) by column name, every cell as the text it stands for."""
    if not path.is_file():
        raise InputError(
            f"{path}: no such file", hint="give the CSV or XLSX file exported by `accord export progress`"
        )
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True)
        except Exception as error:
            raise InputError(
                f"{path}: not a readable .xlsx file ({error})", hint="save it again as .xlsx"
            ) from None
        try:
            rows = book.worksheets[0].iter_rows(values_only=True)
            values = [[sheet_text(cell) for cell in row] for row in rows]
        finally:
            book.close()  # a read-only workbook keeps its file open until closed
    else:
        try:
            values = [
                [restored(cell) for cell in row]
                for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")))
            ]
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text", hint="save the CSV as UTF-8") from None
    if not values:
        raise InputError(f"{path}: the file is empty", hint="export a sheet with `accord export progress`")
    header = [h.strip() for h in values[0]]
    missing = [c for c in ("commitment", "party", "level", "on") if c not in header]
    if missing:
        raise InputError(
            f"{path}: missing column(s) {', '.join(missing)}", hint="keep the header row of the export"
        )
    return [dict(zip(header, row, strict=False)) for row in values[1:]]


def import_progress(db: Database, path: Path, *, by: Principal | None) -> ImportResult:
    """Import a filled-in progress sheet, all rows or none; `by` writes only its own party's rows."""
    rows = read_sheet(path)
    errors: list[str] = []
    records: list[ProgressRow] = []
    unchanged = 0
    with writing(db, by) as session:
        actors: dict[int, set[str]] = {}
        for commitment_id, code in session.execute(
            select(CommitmentActorRow.commitment_id, CommitmentActorRow.party_code)
        ):
            actors.setdefault(commitment_id, set()).add(code)
        latest: dict[tuple[int, str], tuple[str, dt.date]] = {}
        for done in session.scalars(select(ProgressRow).order_by(ProgressRow.made_on, ProgressRow.id)):
            latest[(done.commitment_id, done.party_code)] = (done.level, done.made_on)
        known = set(session.scalars(select(CommitmentRow.id)))
        for line, row in enumerate(rows, start=2):

            def bad(column: str, reason: str, line: int = line) -> None:
                errors.append(f"line {line}, column {column}: {reason}")

            raw_id = (row.get("commitment") or "").strip()
            if not raw_id.isdigit() or int(raw_id) not in known:
                bad("commitment", f"no commitment {raw_id!r}")
                continue
            commitment_id = int(raw_id)
            party = (row.get("party") or "").strip().upper()
            if party not in actors.get(commitment_id, set()):
                bad("party", f"{party or '(empty)'} is not an actor of commitment {commitment_id}")
                continue
            if by is not None and not by.may_write_for(party):
                bad("party", f"{by.name} may not report {party}'s progress")
                continue
            try:
                level = Level.parse(row.get("level") or "no_evidence")
            except InputError as error:
                bad("level", error.message)
                continue
            on_text = (row.get("on") or "").strip()
            if level is Level.NO_EVIDENCE and not on_text:
                unchanged += 1
                continue
            evidence_text = (row.get("evidence_on") or "").strip()
            try:
                on = sheet_date(on_text)
            except ValueError:
                bad("on", f"bad date {on_text!r}: write YYYY-MM-DD")
                continue
            try:
                evidence_on = sheet_date(evidence_text) if evidence_text else None
            except ValueError:
                bad("evidence_on", f"bad date {evidence_text!r}: write YYYY-MM-DD")
                continue
            if on > (today := dt.date.today()) + GRACE:
                bad("on", f"{on.isoformat()} is in the future (today is {today.isoformat()})")
                continue
            if latest.get((commitment_id, party)) == (level.value, on):
                unchanged += 1
                continue
            url = (row.get("evidence_url") or "").strip() or None
            note = (row.get("note") or "").strip() or None
            if url and not url.startswith(("http://", "https://")):
                bad("evidence_url", f"{url!r} does not start with http:// or https://")
                continue
            if level.needs_evidence and not (url or note):
                bad("evidence_url", f"'{level.value}' must be backed by evidence (evidence_url or note)")
                continue
            records.append(
                ProgressRow(
                    commitment_id=commitment_id,
                    party_code=party,
                    level=level.value,
                    made_on=on,
                    note=note,
                    evidence_url=url,
                    evidence_on=evidence_on or (on if url else None),
                    recorded_by=(row.get("by") or "").strip() or None,
                )
            )
        if errors:
            # Raising inside the transaction rolls it back: nothing of the file is recorded.
            raise InputError(
                f"{path}: {len(errors)} bad row(s), nothing imported:\n  " + "\n  ".join(errors),
                hint="fix the rows named and import the file again",
            )
        session.add_all(records)
        session.flush()
        refresh_current_progress(session, (record.commitment_id for record in records))
        audit.append(session, "import_progress", f"file:{path.name}", after={"recorded": len(records)})
    return ImportResult(len(records), unchanged)
