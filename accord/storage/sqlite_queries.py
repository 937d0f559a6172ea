"""The queries of the CLI's read commands on a SQLite file at the current schema, through stdlib
sqlite3 (why: accord.storage.sqlite_reads). They ask what the ORM queries of accord.services ask,
in the same order, and hand back rows with the values the ORM would give (dates as `dt.date`,
booleans as `bool`, JSON decoded); the services build the views from them, as on the ORM path.
Each caller runs them inside one `sqlite_reads.reading` transaction.
`tests/test_cli_read_parity.py` compares every command's output with the ORM path's."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any, NamedTuple

from accord.storage.search_sql import SQLITE_SEARCH, WORDS, sqlite_search_parameters

_CHUNK = 500  # ids per statement, well under SQLite's limit of bound parameters
_NOT_A_PARTY = 99  # as accord.storage.listing: actors that are no party of the agreement sort last
_NO_SPAN = 2**31 - 1  # bodies linked by hand come after those the text names


def _date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def _money(value: float) -> Decimal:
    """A Numeric(24, 2) value as SQLAlchemy hands it back from SQLite: the DBAPI's number written
    with two decimals."""
    return Decimal(f"{value:.2f}")


def _json(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def _marks(count: int) -> str:
    return ", ".join("?" * count)


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for first in range(0, len(ids), _CHUNK):
        yield ids[first : first + _CHUNK]


class AgreementFields(NamedTuple):
    id: int
    slug: str
    title: str
    date: dt.date | None
    kind: str
    legally_binding: bool | None
    terms: dict[str, Any] | None
    source: str | None
    parties: list[str]


def agreement(connection: sqlite3.Connection, reference: str) -> AgreementFields | None:
    """The agreement with this id or slug (as `services.queries.find_agreement` looks it up)."""
    reference = reference.strip()
    if "\x00" in reference:
        return None
    columns = "SELECT id, slug, title, date, kind, legally_binding, terms, source FROM agreements"
    row = None
    if reference.isdigit() and int(reference) < 2**31:
        row = connection.execute(f"{columns} WHERE id = ?", (int(reference),)).fetchone()
    if row is None:
        row = connection.execute(f"{columns} WHERE slug = ?", (reference,)).fetchone()
    if row is None:
        return None
    id_, slug, title, date, kind, binding, terms, source = row
    parties = [
        code
        for (code,) in connection.execute(
            "SELECT party_code FROM agreement_parties WHERE agreement_id = ? ORDER BY position", (id_,)
        )
    ]
    return AgreementFields(
        id_, slug, title, _date(date), kind, None if binding is None else bool(binding), _json(terms),
        source, parties,
    )  # fmt: skip


def agreement_ids(connection: sqlite3.Connection) -> list[int]:
    return [id_ for (id_,) in connection.execute("SELECT id FROM agreements ORDER BY id")]


class DocumentFields(NamedTuple):
    id: int
    sha256: str
    source_path: str
    text: str


def latest_document(connection: sqlite3.Connection, agreement_id: int) -> DocumentFields | None:
    row = connection.execute(
        "SELECT id, sha256, source_path, text FROM documents WHERE agreement_id = ? "
        "ORDER BY version DESC LIMIT 1",
        (agreement_id,),
    ).fetchone()
    return None if row is None else DocumentFields(*row)


# (id, parent_id, kind, ordinal, start, end), by id
ProvisionFields = tuple[int, int | None, str, int, int, int]


def provisions(connection: sqlite3.Connection, document_id: int) -> list[ProvisionFields]:
    return connection.execute(
        "SELECT id, parent_id, kind, ordinal, span_start, span_end FROM provisions "
        "WHERE document_id = ? ORDER BY id",
        (document_id,),
    ).fetchall()


def commitment_count(connection: sqlite3.Connection, agreement_id: int) -> int:
    found = connection.execute("SELECT count(*) FROM commitments WHERE agreement_id = ?", (agreement_id,))
    return int(found.fetchone()[0])


class CommitmentFields(NamedTuple):
    """What `services.commitments.commitment_view` reads from a row, with its agreement's slug."""

    id: int
    agreement_id: int
    slug: str
    start: int
    end: int
    quote: str
    strength: str | None
    timeframe: str | None
    due: dt.date | None
    review_state: str
    version: int
    explanations: list[str]


def commitments(
    connection: sqlite3.Connection,
    *,
    agreement_id: int | None = None,
    area: str | None = None,
    actor: str | None = None,
    strength: str | None = None,
    due_by: dt.date | None = None,
    include_rejected: bool = False,
) -> list[CommitmentFields]:
    """The filters of `services.commitments.list_commitments`, in text order."""
    filters: list[tuple[str, Any]] = [
        ("c.agreement_id = ?", agreement_id),
        ("c.id IN (SELECT commitment_id FROM commitment_areas WHERE area = ?)", area),
        ("c.id IN (SELECT commitment_id FROM commitment_actors WHERE party_code = ?)", actor),
        ("c.strength = ?", strength),
        ("c.due <= ?", None if due_by is None else due_by.isoformat()),
    ]
    where = [condition for condition, value in filters if value is not None]
    values = [value for _condition, value in filters if value is not None]
    if not include_rejected:
        where.append("c.review_state != 'rejected'")
    rows = connection.execute(
        "SELECT c.id, c.agreement_id, a.slug, c.span_start, c.span_end, c.quote, c.strength, "
        "c.timeframe, c.due, c.review_state, c.version, c.extracted "
        "FROM commitments AS c JOIN agreements AS a ON a.id = c.agreement_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY c.agreement_id, c.span_start",
        values,
    ).fetchall()
    return [
        CommitmentFields(
            id_,
            agreement,
            slug,
            start,
            end,
            quote,
            strength,
            timeframe,
            _date(due),
            state,
            version,
            list((_json(extracted) or {}).get("explanations", [])),
        )
        for id_, agreement, slug, start, end, quote, strength, timeframe, due, state, version, extracted in rows
    ]


# (kind, commitment_id, text, value, party, period): kind 0 actor, 1 area, 2 body, 3 amount; each
# kind in the order of accord.storage.listing.children.
ChildFields = tuple[int, int, str, Any, str | None, str | None]
_CHILDREN = """
SELECT 0 AS kind, a.commitment_id, coalesce(p.position, {not_a_party}) AS rank, a.party_code AS text,
       NULL, NULL, NULL
  FROM commitment_actors AS a JOIN commitments AS c ON c.id = a.commitment_id
  LEFT OUTER JOIN agreement_parties AS p ON p.agreement_id = c.agreement_id AND p.party_code = a.party_code
 WHERE a.commitment_id IN ({ids})
UNION ALL
SELECT 1, commitment_id, 0, area, NULL, NULL, NULL FROM commitment_areas WHERE commitment_id IN ({ids})
UNION ALL
SELECT 2, l.commitment_id, coalesce(l.span_start, {no_span}), b.name, NULL, NULL, NULL
  FROM commitment_bodies AS l JOIN bodies AS b ON b.id = l.body_id WHERE l.commitment_id IN ({ids})
UNION ALL
SELECT 3, commitment_id, span_start, currency, value, party_code, period FROM amounts
 WHERE commitment_id IN ({ids})
ORDER BY kind, commitment_id, rank, text
"""


def children(connection: sqlite3.Connection, ids: Sequence[int]) -> list[ChildFields]:
    found: list[ChildFields] = []
    for chunk in _chunks(ids):
        sql = _CHILDREN.format(not_a_party=_NOT_A_PARTY, no_span=_NO_SPAN, ids=_marks(len(chunk)))
        for kind, commitment_id, _rank, text, value, party, period in connection.execute(sql, [*chunk] * 4):
            found.append((kind, commitment_id, text, value, party, period))
    return found


def search(connection: sqlite3.Connection, query: str, limit: int) -> list[tuple[str, int, int, str]]:
    """(kind, ref_id, agreement_id, snippet), as `accord.storage.search.search` finds them."""
    words = WORDS.findall(query)
    if not words:
        return []
    rows = connection.execute(SQLITE_SEARCH, sqlite_search_parameters(words, limit))
    return [(kind, int(ref), int(agreement_id), snippet) for kind, ref, agreement_id, snippet in rows]


Span = tuple[int, int, int]  # document id, start, end


def commitment_spans(connection: sqlite3.Connection, ids: Sequence[int]) -> list[Span]:
    found: list[Span] = []
    for chunk in _chunks(ids):
        sql = f"SELECT document_id, span_start, span_end FROM commitments WHERE id IN ({_marks(len(chunk))})"
        found += connection.execute(sql, chunk).fetchall()
    return found


def provision_spans(connection: sqlite3.Connection, ids: Sequence[int]) -> dict[int, Span]:
    found: dict[int, Span] = {}
    for chunk in _chunks(ids):
        sql = (
            f"SELECT id, document_id, span_start, span_end FROM provisions WHERE id IN ({_marks(len(chunk))})"
        )
        found |= {id_: (document, start, end) for id_, document, start, end in connection.execute(sql, chunk)}
    return found


def slugs(connection: sqlite3.Connection) -> dict[int, str]:
    return dict(connection.execute("SELECT id, slug FROM agreements"))


class ActionFields(NamedTuple):
    """An action item as `services.actions.action_views` reads it, its owner already resolved."""

    id: int
    meeting: int
    slug: str
    text: str
    owner_party: str | None
    body_name: str | None  # None: no body, or a removed one (owner_body_id says which)
    body_party: str | None
    owner_body_id: int | None
    due: dt.date
    commitment: int | None
    done_on: dt.date | None
    version: int


def action_items(
    connection: sqlite3.Connection,
    *,
    agreement_id: int | None,
    due_by: dt.date | None = None,
    done_too: bool = False,
) -> list[ActionFields]:
    """Action items (only those not yet done, unless `done_too`), due on or before `due_by`, by due
    date then id: the queries of `services.actions.open_actions` and `actions_of`."""
    where: list[str] = [] if done_too else ["i.done_on IS NULL"]
    values: list[Any] = []
    if due_by is not None:
        where.append("i.due <= ?")
        values.append(due_by.isoformat())
    if agreement_id is not None:
        where.append("m.agreement_id = ?")
        values.append(agreement_id)
    rows = connection.execute(
        "SELECT i.id, i.meeting_id, a.slug, i.text, i.owner_party, b.name, b.party_code, i.owner_body_id, "
        "i.due, i.commitment_id, i.done_on, i.version FROM action_items AS i "
        "JOIN meetings AS m ON m.id = i.meeting_id JOIN agreements AS a ON a.id = m.agreement_id "
        "LEFT OUTER JOIN bodies AS b ON b.id = i.owner_body_id"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY i.due, i.id",
        values,
    ).fetchall()
    return [
        ActionFields(
            id_,
            meeting,
            slug,
            text,
            party,
            body,
            body_party,
            body_id,
            dt.date.fromisoformat(due),
            commitment,
            _date(done),
            version,
        )
        for id_, meeting, slug, text, party, body, body_party, body_id, due, commitment, done, version in rows
    ]


# (id, held_on, place), by date then id
MeetingFields = tuple[int, dt.date, str | None]


def meetings(connection: sqlite3.Connection, agreement_id: int) -> list[MeetingFields]:
    rows = connection.execute(
        "SELECT id, held_on, place FROM meetings WHERE agreement_id = ? ORDER BY held_on, id", (agreement_id,)
    )
    return [(id_, dt.date.fromisoformat(held_on), place) for id_, held_on, place in rows]


# (act, party_code, version, made_on, takes_effect_on, signatory), by id
EventFields = tuple[str, str | None, int | None, dt.date, dt.date | None, str | None]


def lifecycle_events(connection: sqlite3.Connection, agreement_id: int) -> list[EventFields]:
    rows = connection.execute(
        "SELECT act, party_code, version, made_on, takes_effect_on, signatory FROM lifecycle_events "
        "WHERE agreement_id = ? ORDER BY id",
        (agreement_id,),
    )
    return [
        (act, party, version, dt.date.fromisoformat(made_on), _date(effect), signatory)
        for act, party, version, made_on, effect, signatory in rows
    ]


def latest_levels(connection: sqlite3.Connection) -> dict[tuple[int, str], str]:
    """Each (commitment, party)'s latest progress level, as `services.progress.open_commitments` reads it."""
    latest: dict[tuple[int, str], str] = {}
    for commitment_id, party, level in connection.execute(
        "SELECT commitment_id, party_code, level FROM progress_updates ORDER BY made_on, id"
    ):
        latest[(commitment_id, party)] = level
    return latest


class ProgressFields(NamedTuple):
    """A progress update as the progress sheet reads it (the attributes of the ORM's row)."""

    commitment_id: int
    party_code: str
    level: str
    made_on: dt.date
    evidence_url: str | None
    evidence_on: dt.date | None
    note: str | None
    recorded_by: str | None


def progress_updates(connection: sqlite3.Connection, agreement_id: int | None) -> list[ProgressFields]:
    """Every progress update (of one agreement's commitments, or of all), oldest first, as
    `services.bulk.export_rows` reads them."""
    joined = " JOIN commitments AS c ON c.id = p.commitment_id WHERE c.agreement_id = ?"
    rows = connection.execute(
        "SELECT p.commitment_id, p.party_code, p.level, p.made_on, p.evidence_url, p.evidence_on, p.note, "
        "p.recorded_by FROM progress_updates AS p"
        + ("" if agreement_id is None else joined)
        + " ORDER BY p.made_on, p.id",
        () if agreement_id is None else (agreement_id,),
    )
    return [
        ProgressFields(
            commitment, party, level, dt.date.fromisoformat(made_on), url, _date(evidence_on), note, by
        )
        for commitment, party, level, made_on, url, evidence_on, note, by in rows
    ]


class AmountFields(NamedTuple):
    """An amount found in the text, as a pledge reads it (the attributes of the ORM's row)."""

    party_code: str | None
    value: Decimal
    currency: str
    period: str | None
    commitment_id: int


def agreement_amounts(connection: sqlite3.Connection, agreement_id: int) -> list[tuple[AmountFields, str]]:
    """The amounts of an agreement's commitments with each commitment's review state, by commitment
    then place in the text (`services.funding.flows_by_agreement`)."""
    rows = connection.execute(
        "SELECT a.party_code, a.value, a.currency, a.period, a.commitment_id, c.review_state "
        "FROM amounts AS a JOIN commitments AS c ON c.id = a.commitment_id WHERE c.agreement_id = ? "
        "ORDER BY a.commitment_id, a.span_start",
        (agreement_id,),
    )
    return [
        (AmountFields(party, _money(value), currency, period, commitment), state)
        for party, value, currency, period, commitment, state in rows
    ]


class FlowFields(NamedTuple):
    """A funding flow entered by hand (the attributes of the ORM's row)."""

    id: int
    type: str
    party_code: str
    value: Decimal
    currency: str
    period: str | None
    commitment_id: int | None
    made_on: dt.date | None
    note: str | None


def funding_flows(connection: sqlite3.Connection, agreement_id: int) -> list[FlowFields]:
    """The flows entered by hand for an agreement, by id."""
    rows = connection.execute(
        "SELECT id, type, party_code, value, currency, period, commitment_id, made_on, note FROM funding_flows "
        "WHERE agreement_id = ? ORDER BY id",
        (agreement_id,),
    )
    return [
        FlowFields(id_, type_, party, _money(value), currency, period, commitment, _date(made_on), note)
        for id_, type_, party, value, currency, period, commitment, made_on, note in rows
    ]
