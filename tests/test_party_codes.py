"""Organisation codes (EU, AFU, ASEAN, UN) on both backends: migration 0014, storage, users, API, sidecars."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from accord.domain.agreements import AgreementMeta
from accord.server.app import create_app
from accord.services.ingest import ingest_paths
from accord.services.queries import agreement_parties
from accord.services.users import add_user
from accord.settings import Settings
from accord.storage import schema
from accord.storage.database import Database
from accord.text.metadata import read_sidecar
from tests.conftest import EXAMPLES, ROOT
from tests.helpers import row_counts
from tests.server import serving

TEXT = "The United States and ASEAN will hold an annual dialogue on digital trade.\n"
ORGANISATIONS = ("US", "EU", "AFU", "ASEAN", "UN")


def _document(tmp_path: Path) -> Path:
    path = tmp_path / "us-asean-dialogue.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def _code_lengths(db: Database) -> dict[str, int]:
    """The declared length of every column that holds a party code, by table.column."""
    inspector = inspect(db.engine)
    (code,) = [c for c in inspector.get_columns("parties") if c["name"] == "code"]
    lengths = {"parties.code": code["type"].length}
    for table in inspector.get_table_names():
        columns = {c["name"]: c["type"] for c in inspector.get_columns(table)}
        for key in inspector.get_foreign_keys(table):
            if key["referred_table"] == "parties":
                for column in key["constrained_columns"]:
                    lengths[f"{table}.{column}"] = columns[column].length
    return lengths


def _migrate(db: Database, direction: str, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(ROOT / "accord" / "storage" / "migrations"))
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        getattr(command, direction)(config, revision)


def test_organisations_sign_and_act_on_both_backends(db: Database, tmp_path: Path) -> None:
    (result,) = ingest_paths(db, [_document(tmp_path)], AgreementMeta(parties=ORGANISATIONS), by=None)
    assert agreement_parties(db, result.slug) == list(ORGANISATIONS)
    assert add_user(db, "asean-desk", role="editor", party="asean").party == "ASEAN"


def test_migration_widens_every_party_column_and_refuses_to_narrow_over_long_codes(
    db: Database, tmp_path: Path
) -> None:
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    _migrate(db, "downgrade", "0013")
    narrow = _code_lengths(db)
    # Eleven tables hold a party: agreements, commitments, progress, funding, scores, meetings, users...
    assert len(narrow) >= 12 and set(narrow.values()) == {2}
    schema.upgrade(db.engine)
    widened = _code_lengths(db)  # tables added after 0013 hold parties too, at the same width
    assert narrow.keys() <= widened.keys() and set(widened.values()) == {8}
    assert agreement_parties(db, "us-kr-tpd-mou-2025") == ["US", "KR"]  # rows survive the change
    ingest_paths(db, [_document(tmp_path)], AgreementMeta(parties=("US", "ASEAN")), by=None)
    before = row_counts(db)
    with pytest.raises(RuntimeError, match="holds codes longer than 2 letters"):
        _migrate(db, "downgrade", "0013")
    assert schema.current_revision(db.engine) == schema.head_revision()
    assert row_counts(db) == before and _code_lengths(db) == widened


def test_api_takes_organisation_codes_and_refuses_malformed_ones(
    db: Database, settings: Settings, tmp_path: Path
) -> None:
    ingest_paths(db, [_document(tmp_path)], AgreementMeta(parties=("US", "ASEAN")), by=None)
    with serving(create_app(settings, db)) as url:
        found = httpx.get(url + "/api/v1/commitments", params={"actor": "asean"})
        assert found.status_code == 200 and found.json()["items"]
        assert all("ASEAN" in item["actors"] for item in found.json()["items"])
        malformed = httpx.get(url + "/api/v1/commitments", params={"actor": "ASEAN-1"})
        assert malformed.status_code == 422 and malformed.json()["error"]["code"] == "invalid_request"
        unknown = httpx.get(url + "/api/v1/commitments", params={"actor": "NATO"})
        assert unknown.status_code == 400 and "AFU (African Union)" in unknown.json()["error"]["hint"]


def test_a_sidecar_names_organisations(tmp_path: Path) -> None:
    sidecar = tmp_path / "g7.meta.json"
    sidecar.write_text(json.dumps({"title": "G7", "parties": ["US", "eu", "JP"]}), encoding="utf-8")
    assert read_sidecar(sidecar).parties == ("US", "EU", "JP")
