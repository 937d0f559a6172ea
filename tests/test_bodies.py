"""The body registry and hand-made links, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from accord.errors import InputError, NotFound
from accord.services.bodies import add_body, link_body, list_bodies
from accord.services.commitments import list_commitments
from accord.services.ingest import ingest_paths
from accord.storage.database import Database
from tests.conftest import EXAMPLES
from tests.helpers import row_counts


def test_extracted_bodies_are_registered_with_their_party(db: Database) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-tpd-mou-2025.txt"], by=None)
    bodies = {b.name: b for b in list_bodies(db)}
    assert bodies["National Research Foundation of Korea"].party == "KR"
    assert bodies["U.S. National Science Foundation"].party == "US"
    assert bodies["National Research Foundation of Korea"].commitments == 1
    assert {b.party for b in list_bodies(db, "KR")} == {"KR"}


def test_add_and_link_by_hand(db: Database) -> None:
    ingest_paths(db, [EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    ministry = add_body(
        db, "Ministry of Science and ICT", kind="ministry", party="KR", acronym="MSIT", by=None
    )
    add_body(
        db,
        "Korea AeroSpace Administration",
        kind="agency",
        party="KR",
        acronym="KASA",
        parent="MSIT",
        by=None,
    )
    target = next(v for v in list_commitments(db) if "space" in v.areas)
    link_body(db, target.id, "KASA", by=None)
    assert (
        "Korea AeroSpace Administration" in next(v for v in list_commitments(db) if v.id == target.id).bodies
    )
    kasa = next(b for b in list_bodies(db) if b.acronym == "KASA")
    assert (kasa.parent, kasa.commitments, ministry.commitments) == ("Ministry of Science and ICT", 1, 0)
    link_body(db, target.id, "KASA", unlink=True, by=None)
    assert next(b for b in list_bodies(db) if b.acronym == "KASA").commitments == 0


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda db: add_body(db, "NASA", kind="spaceship", by=None), "unknown kind of body"),
        (lambda db: add_body(db, "X Agency", party="ZZ", by=None), "unknown party code"),
        (lambda db: add_body(db, "X Agency", parent="No Such Parent", by=None), "no body 'No Such Parent'"),
        (lambda db: link_body(db, 1, "No Such Body", by=None), "no body 'No Such Body'"),
    ],
)
def test_bad_registry_acts_change_nothing(db: Database, call, error: str) -> None:  # type: ignore[no-untyped-def]
    ingest_paths(db, [EXAMPLES / "us-kr-fact-sheet-2021.txt"], by=None)
    before = row_counts(db)
    with pytest.raises((InputError, NotFound), match=error):
        call(db)
    assert row_counts(db) == before
