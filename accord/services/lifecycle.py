"""Recording lifecycle acts (sign, amend, consent, notice, withdraw) and reading the timeline.

Each act is checked against the whole log replayed by `accord.domain.lifecycle`; a refused
act raises before anything is written, inside the transaction, so nothing is recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from accord.domain.access import Principal
from accord.domain.lifecycle import Act, Event, Refused, Rules, State, apply, replay_readable
from accord.domain.parties import party as known_party
from accord.errors import InputError
from accord.services.acting import writing
from accord.services.progress import open_commitments
from accord.services.queries import find_agreement
from accord.services.timeline_views import Timeline, TimelineEntry, rules, timeline_of
from accord.storage import audit
from accord.storage.database import Database
from accord.storage.provisions import insert_provisions
from accord.storage.tables import AgreementRow, DocumentRow, LifecycleEventRow
from accord.text.loaders import load
from accord.text.segment import segment
from accord.text.source import SourceText


def _rules(row: AgreementRow) -> Rules:
    return rules(row.party_codes, row.terms, row.kind, row.date)


def _events(session: Session, agreement_id: int) -> list[LifecycleEventRow]:
    return list(
        session.scalars(
            select(LifecycleEventRow)
            .where(LifecycleEventRow.agreement_id == agreement_id)
            .order_by(LifecycleEventRow.id)
        )
    )


def _as_event(row: LifecycleEventRow) -> Event:
    return Event(Act(row.act), row.made_on, row.party_code, row.version, row.signatory)


def _state(session: Session, agreement: AgreementRow) -> tuple[Rules, State, int]:
    if not agreement.party_codes:
        raise InputError(
            f"agreement {agreement.slug!r} has no parties on record",
            hint="add it again naming each of its parties (or list them in its .meta.json)",
        )
    rows = _events(session, agreement.id)
    rules = _rules(agreement)
    state, broken = replay_readable(rules, [_as_event(row) for row in rows])
    if broken is not None:
        raise Refused(
            f"{agreement.slug}: {broken.explain()}",
            hint="no act can be added until it is repaired: run `accord doctor`",
            code="history_broken",
        )
    return rules, state, len(rows)


def _require_actor(by: Principal | None, act: Act, party: str | None, agreement: AgreementRow) -> None:
    """Signatures, consents and notices: that party's secretariat; proposing an amendment: a
    secretariat of one of the parties (or an admin, or the local command line)."""
    if by is None:
        return
    if party is not None:
        by.require_act(party)
    else:
        by.require_secretariat(agreement.party_codes)


def record(
    db: Database,
    agreement: str,
    act: Act,
    *,
    on: dt.date,
    party: str | None = None,
    version: int | None = None,
    signatory: str | None = None,
    text_file: Path | None = None,
    source: SourceText | None = None,
    by: Principal | None,
) -> TimelineEntry:
    """Record one act if `by` may make it and the agreement's state allows it; otherwise raise
    Forbidden or Refused and record nothing. The check and the write are one transaction holding
    the write lock, so two simultaneous signatures by one party record one.

    An amendment brings its text as `text_file`, or already loaded as `source`.
    """
    if by is not None and party:
        by.require_act(party.strip().upper())  # first: a stranger learns nothing from the checks below
    code = known_party(party).code if party else None
    if text_file is not None:
        source = load(text_file)
    if act is Act.PROPOSE_AMENDMENT and source is None:
        raise InputError(
            "an amendment needs the amended text", hint="give the text of the amended agreement", field="text"
        )
    with writing(db, by) as session:
        row = find_agreement(session, agreement)
        _require_actor(by, act, code, row)
        rules, state, count = _state(session, row)
        after = apply(rules, state, Event(act, on, code, version, signatory), count)
        takes_effect = after.effects[-1][2]
        if act is Act.PROPOSE_AMENDMENT and source is not None:
            version = after.versions[-1].number
            _store_version(session, row, version, source)
        audit.append(
            session, f"lifecycle:{act.value}", f"agreement:{row.id}",
            after={"party": code, "version": version, "made_on": on, "takes_effect_on": takes_effect},
        )  # fmt: skip
        session.add(
            LifecycleEventRow(
                agreement_id=row.id,
                act=act.value,
                party_code=code,
                version=version,
                made_on=on,
                takes_effect_on=takes_effect,
                signatory=signatory,
            )
        )
        return TimelineEntry(act.value, code, version, on, takes_effect, signatory)


def _store_version(session: Session, agreement: AgreementRow, version: int, source: SourceText) -> None:
    """The amended text as a new document version (hashed from its original bytes, like ingest)."""
    if session.scalar(
        select(func.count()).select_from(DocumentRow).where(DocumentRow.sha256 == source.sha256)
    ):
        raise InputError(
            f"{source.path}: this text is already stored", hint="an amendment must change the text"
        )
    document = DocumentRow(
        agreement_id=agreement.id,
        version=version,
        sha256=source.sha256,
        text=source.text,
        source_path=source.path,
        media_type=source.media_type,
        byte_size=source.byte_size,
    )
    session.add(document)
    session.flush()
    insert_provisions(session, agreement.id, document.id, segment(source.text))


def timeline(db: Database, agreement: str, today: dt.date | None = None) -> Timeline:
    with db.reading() as session:
        row = find_agreement(session, agreement)
        entries = [
            TimelineEntry(r.act, r.party_code, r.version, r.made_on, r.takes_effect_on, r.signatory)
            for r in _events(session, row.id)
        ]
        slug, agreement_rules = row.slug, _rules(row)
    return timeline_of(slug, agreement_rules, entries, lambda: open_commitments(db, slug), today)


@dataclass(frozen=True, slots=True)
class AmendmentView:
    version: int
    proposed_on: dt.date
    consents: list[str]
    in_effect_on: dt.date | None
    sha256: str | None


def amendments(db: Database, agreement: str) -> list[AmendmentView]:
    """Every proposed version with the parties that have consented and the day it took effect."""
    with db.reading() as session:
        row = find_agreement(session, agreement)
        state, _broken = replay_readable(_rules(row), [_as_event(r) for r in _events(session, row.id)])
        hashes = dict(
            session.execute(
                select(DocumentRow.version, DocumentRow.sha256).where(DocumentRow.agreement_id == row.id)
            ).all()
        )
    return [
        AmendmentView(v.number, v.proposed_on, list(v.consents), v.in_effect_on, hashes.get(v.number))
        for v in state.versions
    ]


def propose_amendment(
    db: Database, agreement: str, *, name: str, suffix: str, data: bytes, on: dt.date, by: Principal | None
) -> AmendmentView:
    """An amended text received over HTTP, read by the same loaders as a file on disk."""
    from accord.extract.files import uploaded_file  # the extractor: for this write only

    with uploaded_file(name, suffix, data) as path:
        source = replace(load(path), path=path.name)
    entry = record(db, agreement, Act.PROPOSE_AMENDMENT, on=on, source=source, by=by)
    return next(view for view in amendments(db, agreement) if view.version == entry.version)
