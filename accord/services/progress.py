"""Progress and evidence per commitment and party: each change dated, attributed and backed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from accord.domain.access import Principal
from accord.domain.dates import check_not_future
from accord.domain.parties import party as known_party
from accord.domain.progress import Level
from accord.domain.shapes import plain
from accord.errors import InputError
from accord.i18n import N_
from accord.limits import MAX_FILE, MAX_FILE_MB
from accord.services.acting import writing
from accord.services.commitments import get_commitment, list_commitments
from accord.services.evidence import EvidenceFile, check_evidence, keep, media_type_of
from accord.services.timeline_views import unfinished
from accord.storage import audit
from accord.storage.database import Database
from accord.storage.progress import refresh_current_progress
from accord.storage.tables import CommitmentActorRow, ProgressRow

__all__ = [
    "ProgressEntry",
    "check_progress",
    "history",
    "insert_progress",
    "record_progress",
]


@dataclass(frozen=True, slots=True)
class ProgressEntry:
    id: int
    party: str
    level: str
    made_on: dt.date
    note: str | None
    evidence_url: str | None
    evidence_on: dt.date | None
    evidence_file: str | None
    recorded_by: str | None


def _entry(row: ProgressRow) -> ProgressEntry:
    return ProgressEntry(
        row.id,
        row.party_code,
        row.level,
        row.made_on,
        row.note,
        row.evidence_url,
        row.evidence_on,
        row.evidence_name,
        row.recorded_by,
    )


def check_progress(level: str, *, evidence_url: str | None, note: str | None, content: bytes | None) -> Level:
    """The level, if the entry is well formed: a URL that is one, and evidence where the level needs it.
    Messages name the inputs as every face does (evidence link, evidence file, note), never a flag."""
    parsed = Level.parse(level)
    if evidence_url is not None and not evidence_url.startswith(("http://", "https://")):
        raise InputError(
            N_("evidence URL must start with http:// or https://, got %(url)r"),
            hint=N_("e.g. https://www.korea.kr/…"),
            values={"url": evidence_url},
            field="evidence_url",
        )
    if parsed.needs_evidence and not (evidence_url or content or (note and note.strip())):
        raise InputError(
            N_("progress at this level must be backed by evidence"),
            hint=N_("give an evidence link, an evidence file or at least a note"),
        )
    return parsed


def record_progress(
    db: Database,
    commitment_id: int,
    *,
    party: str,
    level: str,
    on: dt.date,
    note: str | None = None,
    evidence_url: str | None = None,
    evidence_on: dt.date | None = None,
    evidence_file: Path | None = None,
    evidence: EvidenceFile | None = None,
    recorded_by: str | None = None,
    by: Principal | None,
) -> ProgressEntry:
    """Record a party's progress on one of its commitments; bad input raises and records nothing.
    `by` must be an editor or secretariat of that party (or an admin). The evidence file comes as
    a path (the command line) or as a file already received and checked (`evidence`)."""
    if by is not None:
        by.require_write(party.strip().upper())  # first: a stranger learns nothing from the checks below
    code = known_party(party).code
    if evidence_file is not None:
        evidence = _read_file(evidence_file)
    parsed = check_progress(
        level, evidence_url=evidence_url, note=note, content=evidence.content if evidence else None
    )
    with writing(db, by) as session:
        if by is not None:
            by.require_write(code)
        return insert_progress(
            session, commitment_id, party=code, level=parsed, on=on, note=note, evidence_url=evidence_url,
            evidence_on=evidence_on or (on if evidence_url or evidence else None), evidence_name=None,
            content=None, evidence=evidence, recorded_by=recorded_by or (by.name if by is not None else None),
        )  # fmt: skip


def _read_file(path: Path) -> EvidenceFile:
    if not path.is_file():
        raise InputError(
            f"{path}: no such file",
            hint="give the path of an evidence file that exists",
            field="evidence_file",
        )
    if path.stat().st_size > MAX_FILE:
        raise InputError(
            f"{path}: larger than {MAX_FILE_MB} MB", hint="give a link to it instead", field="evidence_file"
        )
    return check_evidence(path.name, media_type_of(path.name), path.read_bytes())


def insert_progress(
    session: Session,
    commitment_id: int,
    *,
    party: str,
    level: Level,
    on: dt.date,
    note: str | None,
    evidence_url: str | None,
    evidence_on: dt.date | None,
    evidence_name: str | None,
    content: bytes | None,
    recorded_by: str | None,
    evidence: EvidenceFile | None = None,
) -> ProgressEntry:
    """Write one checked progress entry inside the caller's transaction (an action item's
    completion records progress and closes the item in one unit of work). Progress is recorded once
    made: an entry dated in the future is refused. A file comes checked (`evidence`), or as a name
    and bytes that are checked here."""
    check_not_future(on, today=dt.date.today(), what="progress")
    if evidence is None and content is not None:
        evidence = check_evidence(evidence_name or "evidence", media_type_of(evidence_name or ""), content)
    commitment = get_commitment(session, commitment_id)
    actors = set(
        session.scalars(
            select(CommitmentActorRow.party_code).where(CommitmentActorRow.commitment_id == commitment.id)
        )
    )
    if party not in actors:
        raise InputError(
            N_("commitment %(commitment)s is not %(party)s's: its actors are %(actors)s"),
            hint=N_("a party reports progress on its own commitments"),
            values={"commitment": commitment.id, "party": party, "actors": ", ".join(sorted(actors))},
        )
    row = ProgressRow(
        commitment_id=commitment.id,
        party_code=party,
        level=level.value,
        made_on=on,
        note=note,
        evidence_url=evidence_url,
        evidence_on=evidence_on,
        evidence_name=evidence.name if evidence else None,
        evidence_sha256=keep(session, evidence) if evidence else None,
        recorded_by=recorded_by,
    )
    session.add(row)
    session.flush()
    refresh_current_progress(session, [commitment.id])
    entry = _entry(row)
    audit.append(session, "progress", f"commitment:{commitment.id}", after=plain(entry))
    return entry


def history(db: Database, commitment_id: int) -> list[ProgressEntry]:
    with db.reading() as session:
        commitment = get_commitment(session, commitment_id)
        rows = session.scalars(
            select(ProgressRow)
            .where(ProgressRow.commitment_id == commitment.id)
            .order_by(ProgressRow.made_on, ProgressRow.id)
        )
        return [_entry(row) for row in rows]


def current_levels(db: Database, commitment_id: int) -> dict[str, str]:
    """Each actor's latest level; a party that has reported nothing is at 'no_evidence'."""
    with db.reading() as session:
        commitment = get_commitment(session, commitment_id)
        actors = session.scalars(
            select(CommitmentActorRow.party_code).where(CommitmentActorRow.commitment_id == commitment.id)
        )
        levels = {code: Level.NO_EVIDENCE.value for code in actors}
    for entry in history(db, commitment_id):
        levels[entry.party] = entry.level
    return levels


def open_commitments(db: Database, agreement: str) -> list[int]:
    """Commitments that some acting party has not completed (nor withdrawn)."""
    views = list_commitments(db, agreement)
    with db.reading() as session:
        latest: dict[tuple[int, str], str] = {}
        for row in session.scalars(select(ProgressRow).order_by(ProgressRow.made_on, ProgressRow.id)):
            latest[(row.commitment_id, row.party_code)] = row.level
    return unfinished(views, latest)
