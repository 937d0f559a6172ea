"""The overview at portfolio scale: totals kept current by the database's triggers through every
kind of write, on SQLite and PostgreSQL, and the agreements a page at a time (service, API, page)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import delete, func, insert, select, text, update

from accord.errors import Conflict, InputError
from accord.server.app import create_app
from accord.services.commitments import list_commitments, reextract, review
from accord.services.funding import add_flow, funding
from accord.services.ingest import ingest_paths
from accord.services.linking import rank_now
from accord.services.overview import overview
from accord.services.preparing import prepare_for_store
from accord.services.progress import record_progress
from accord.services.storing import store_documents
from accord.settings import Settings
from accord.storage.database import Database
from accord.storage.tables import (
    AgreementRow,
    AmountRow,
    CommitmentActorRow,
    CommitmentAreaRow,
    FundingFlowRow,
    table,
)
from accord.storage.tallies import PAUSE_FROM, fold, funding_tallies, progress_tallies, tallied_at_once
from tests.conftest import EXAMPLES
from tests.server import serving
from tests.test_overview import FACTS, MOU, TODAY, expected_matrix


@pytest.fixture
def both(db: Database) -> Database:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    return db


def tallied(db: Database) -> tuple[dict[tuple[str, str, str], int], dict[tuple[str, str, str], Decimal]]:
    with db.reading() as session:
        return progress_tallies(session.connection())[0], funding_tallies(session.connection())[0]


def counted(db: Database) -> tuple[dict[tuple[str, str, str], int], dict[tuple[str, str, str], Decimal]]:
    """The same totals the slow way: every commitment and each actor's level from its history, and
    `funding` of every agreement."""
    cells, _ = expected_matrix(db)
    progress: Counter[tuple[str, str, str]] = Counter()
    for (_agreement, area, party, level), count in cells.items():
        progress[(party, area, level)] += count
    money: dict[tuple[str, str, str], Decimal] = {}
    with db.reading() as session:
        slugs = list(session.scalars(select(AgreementRow.slug)))
    for slug in slugs:
        for line in funding(db, slug, by="party"):
            for flow_type, amount in line.amounts.items():
                key = (line.group, line.currency, flow_type)
                money[key] = money.get(key, Decimal(0)) + amount
    return dict(progress), {key: value for key, value in money.items() if value}


def agree(db: Database) -> None:
    assert tallied(db) == counted(db)


def test_the_totals_follow_every_kind_of_write(both: Database) -> None:
    agree(both)
    assert sum(tallied(both)[0].values()) > 50
    views = [v for v in list_commitments(both, MOU) if "KR" in v.actors and v.areas]
    for level, day in (("limited", 1), ("complete", 9)):
        record_progress(
            both, views[0].id, party="KR", level=level, on=dt.date(2025, 12, day), note="reported", by=None
        )
    agree(both)
    review(both, views[1].id, reject=True, by=None)
    agree(both)
    review(both, views[1].id, accept=True, by=None)  # back from rejected
    agree(both)
    review(both, views[2].id, sets=[("areas", "climate_energy,health,space")], by=None)  # areas rewritten
    agree(both)
    facts = list_commitments(both, FACTS)
    for view in facts:
        if view.amounts:
            review(both, view.id, accept=True, by=None)  # their amounts become pledges
    add_flow(both, FACTS, type="disbursement", party="KR", value="50000000.25", currency="USD", by=None)
    add_flow(both, MOU, type="commitment", party="US", value="7000000", currency="USD", by=None)
    agree(both)
    assert tallied(both)[1][("KR", "USD", "disbursement")] == Decimal("50000000.25")
    # Writers that bypass the services are counted too: the triggers are in the database.
    with both.transaction() as session:
        session.execute(delete(FundingFlowRow).where(FundingFlowRow.type == "disbursement"))
        session.execute(update(AmountRow).values(value=AmountRow.value + 1))
    agree(both)
    reextract(both, MOU, by=None)  # commitments deleted and stored again
    agree(both)
    with both.transaction() as session:  # an agreement deleted: its commitments go by cascade
        session.execute(delete(AgreementRow).where(AgreementRow.slug == FACTS))
    agree(both)
    with both.transaction() as session:
        fold(session.connection())
    agree(both)
    with both.reading() as session:
        rows = session.scalar(text("SELECT count(*) FROM progress_tallies"))
        cells = session.scalar(
            text("SELECT count(*) FROM (SELECT DISTINCT area, party_code, level FROM progress_tallies) t")
        )
    assert rows == cells  # folded: one row per cell


def _last_tally(db: Database) -> int:
    with db.reading() as session:
        return int(session.scalar(text("SELECT coalesce(max(id), 0) FROM progress_tallies")) or 0)


def _appended(db: Database, after: int) -> tuple[int, int]:
    """The rows appended to progress_tallies since row `after`, and the cells they touch."""
    with db.reading() as session:
        rows, cells = session.execute(
            text(
                "SELECT count(*), count(DISTINCT area || '/' || party_code || '/' || level)"
                " FROM progress_tallies WHERE id > :after"
            ),
            {"after": after},
        ).one()
    return rows, cells


def _actors(db: Database, commitments: list[int]) -> int:
    with db.reading() as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(table(CommitmentActorRow))
                .where(CommitmentActorRow.commitment_id.in_(commitments))
            )
            or 0
        )


def test_rows_inserted_in_one_statement_are_tallied_as_one_by_one(both: Database) -> None:
    """Many actors and areas in one statement (as ingest's bulk inserts store them): the totals
    follow, and on PostgreSQL, whose statement triggers tally the statement at once, each cell it
    touches gets one row, not one for every row inserted and cell it touches."""
    with both.reading() as session:
        bare = list(
            session.scalars(
                text(
                    "SELECT c.id FROM commitments c WHERE c.review_state <> 'rejected'"
                    " AND EXISTS (SELECT 1 FROM commitment_actors a WHERE a.commitment_id = c.id)"
                    " AND NOT EXISTS (SELECT 1 FROM commitment_areas x WHERE x.commitment_id = c.id)"
                    " ORDER BY c.id"
                )
            )
        )
        alone = list(
            session.scalars(
                text(
                    "SELECT c.id FROM commitments c WHERE c.review_state <> 'rejected' AND NOT EXISTS"
                    " (SELECT 1 FROM commitment_actors a WHERE a.commitment_id = c.id AND a.party_code = 'EU')"
                    " ORDER BY c.id"
                )
            )
        )
    assert len(bare) >= 2 and len(alone) >= 4
    postgres = both.engine.dialect.name == "postgresql"
    # Two areas each for commitments that had none: their actors leave (none) once each.
    areas = [{"commitment_id": c, "area": area} for c in bare for area in ("space", "health")]
    last = _last_tally(both)
    with both.transaction() as session:
        session.execute(insert(table(CommitmentAreaRow)).values(areas))  # one statement
    agree(both)
    rows, cells = _appended(both, last)
    # Row by row: each area row once per actor of its commitment, and (none) once per actor.
    assert rows == (cells if postgres else 3 * _actors(both, bare))
    assert cells < 3 * _actors(both, bare)
    # One more area for a commitment that has some already: (none) is left as it was.
    with both.transaction() as session:
        session.execute(insert(table(CommitmentAreaRow)), [{"commitment_id": bare[0], "area": "ai"}])
    agree(both)
    # A new actor for many commitments at once, in each area of its commitment or in (none).
    last = _last_tally(both)
    with both.transaction() as session:
        session.execute(
            insert(table(CommitmentActorRow)).values(
                [{"commitment_id": c, "party_code": "EU"} for c in alone]
            )
        )
    agree(both)
    rows, cells = _appended(both, last)
    assert rows == cells if postgres else rows >= len(alone)
    assert cells < len(alone)


def test_a_stored_batch_is_tallied_once_for_each_cell(db: Database) -> None:
    """Ingest stores a batch's actors and areas in bulk: the totals follow on both backends, and on
    SQLite, whose row triggers are paused for it (migration 0020_tally_pauses), each cell gets one
    row rather than one per actor and area row (PostgreSQL: one per cell and statement)."""
    last = _last_tally(db)
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    agree(db)
    rows, cells = _appended(db, last)
    with db.reading() as session:
        actor_rows = session.scalar(select(func.count()).select_from(table(CommitmentActorRow)))
        paused = session.scalar(text("SELECT count(*) FROM tally_pauses"))
    assert paused == 0
    assert cells < actor_rows  # so one row per actor (the triggers) would be more rows than cells
    assert rows == cells if db.engine.dialect.name == "sqlite" else rows <= 2 * cells
    # After the batch, a write of one row is tallied by the row triggers again.
    review_one_more_area(db)
    agree(db)


def review_one_more_area(db: Database) -> None:
    with db.transaction() as session:
        commitment = session.scalar(select(CommitmentActorRow.commitment_id).limit(1))
        session.execute(insert(table(CommitmentAreaRow)).values(commitment_id=commitment, area="quantum"))


def test_an_error_inside_a_paused_tally_leaves_no_pause_and_nothing_stored(db: Database) -> None:
    """A bulk insert that fails while the triggers are paused: the pause is lifted and the
    transaction leaves the database as it was."""
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt"))[:1], by=None)
    before = tallied(db)
    with db.reading() as session:
        ids = list(session.scalars(select(CommitmentActorRow.commitment_id).distinct()))
    assert len(ids) >= PAUSE_FROM
    with pytest.raises(Conflict), db.transaction() as session, tallied_at_once(session, ids):
        session.execute(
            insert(table(CommitmentAreaRow)).values([{"commitment_id": c, "area": "ai"} for c in ids])
        )
        session.execute(insert(table(CommitmentAreaRow)).values(commitment_id=ids[0], area="ai"))
    with db.reading() as session:
        assert session.scalar(text("SELECT count(*) FROM tally_pauses")) == 0
    assert tallied(db) == before
    agree(db)


def test_the_overview_reads_the_kept_totals_and_folds_them(both: Database) -> None:
    result = overview(both, today=TODAY)
    progress, money = counted(both)
    assert result.progress_counts() == progress
    assert result.funding_counts() == money
    for number in range(3):
        view = next(v for v in list_commitments(both, MOU) if "US" in v.actors)
        record_progress(
            both, view.id, party="US", level=["limited", "complete", "substantial"][number],
            on=dt.date(2025, 12, 1 + number), note="reported", by=None,
        )  # fmt: skip
    assert overview(both, today=TODAY).progress_counts() == counted(both)[0]


def test_agreements_come_a_page_at_a_time(both: Database) -> None:
    whole = overview(both, today=TODAY)
    assert (whole.agreements_total, whole.next, whole.limit) == (2, None, 25)
    first = overview(both, today=TODAY, limit=1)
    assert [a.slug for a in first.agreements] == [whole.agreements[0].slug] and first.next == 1
    second = overview(both, today=TODAY, limit=1, cursor=first.next)
    assert [a.slug for a in second.agreements] == [whole.agreements[1].slug] and second.next is None
    for page in (first, second):
        (slug,) = [a.slug for a in page.agreements]
        assert {c.agreement for c in page.progress} == {slug}
        assert {t.agreement for t in page.progress_totals} == {slug}
        assert [c for c in whole.progress if c.agreement == slug] == list(page.progress)
        # What does not belong to one agreement covers them all, whatever the page.
        assert page.progress_counts() == whole.progress_counts()
        assert (page.deadlines, page.overdue, page.overdue_count) == (
            whole.deadlines,
            whole.overdue,
            whole.overdue_count,
        )
        assert page.agreements_total == 2
    assert overview(both, today=TODAY, cursor=5).agreements == ()
    for bad in ({"limit": 0}, {"limit": 501}, {"cursor": -1}):
        with pytest.raises(InputError):
            overview(both, today=TODAY, **bad)  # type: ignore[arg-type]


def test_pages_of_the_overview_over_http(both: Database, settings: Settings) -> None:
    with serving(create_app(settings, both)) as base:
        api = base + "/api/v1/overview"
        first = httpx.get(api, params={"limit": 1, "today": TODAY.isoformat()}).json()
        assert (len(first["agreements"]), first["agreements_total"], first["next"]) == (1, 2, 1)
        second = httpx.get(api, params={"limit": 1, "cursor": 1, "today": TODAY.isoformat()}).json()
        assert second["next"] is None and second["agreements"][0]["slug"] != first["agreements"][0]["slug"]
        for params in ({"limit": 0}, {"limit": 501}, {"cursor": -1}, {"cursor": "x"}):
            assert httpx.get(api, params=params).status_code == 422, params
        page = httpx.get(base + "/", params={"limit": 1})
        assert page.status_code == 200
        assert 'rel="next" href="/?cursor=1&amp;limit=1"' in page.text
        assert page.text.count('class="grid progress"') == 1
        last = httpx.get(base + "/", params={"limit": 1, "cursor": 1}).text
        assert 'rel="prev" href="/?cursor=0&amp;limit=1"' in last and 'rel="next"' not in last
        assert httpx.get(base + "/", params={"limit": 0}).status_code == 400  # pages answer bad input so


def test_the_tally_triggers_look_rows_up_by_key_in_a_database_being_filled(db: Database) -> None:
    """A trigger's statements are planned once per connection; planned while the tables are empty,
    as in a new database, they must still find a commitment's rows by key, not read the whole
    table for every row stored (which made ingest slow down with the square of its size)."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PL/pgSQL keeps plans; SQLite's triggers plan each statement with its indexes")
    prepared = [prepare_for_store(path) for path in sorted(EXAMPLES.glob("*.txt"))]
    with db.transaction() as session:
        store_documents(session, prepared, None, rank_now, None)
        scans = dict(
            session.execute(
                text(
                    "SELECT relname, seq_scan FROM pg_stat_xact_user_tables"
                    " WHERE relname IN ('commitment_areas', 'commitment_actors')"
                )
            ).all()
        )
        areas = session.scalar(select(func.count()).select_from(table(CommitmentAreaRow)))
    assert areas and areas > 20
    assert scans == {"commitment_areas": 0, "commitment_actors": 0}
