"""Issue 14 (5): evidence files sent with the progress form — size limit, type check, stored once
by hash, downloaded by those who may read the commitment — over real HTTP."""

from __future__ import annotations

import hashlib
import io
import zipfile

import httpx
import pytest
from sqlalchemy import func, select

from accord.server.app import create_app
from accord.services.ingest import ingest_paths
from accord.services.progress import history
from accord.settings import Settings
from accord.storage.database import Database
from accord.storage.tables import EvidenceFileRow
from tests.conftest import EXAMPLES
from tests.helpers import row_counts
from tests.server import serving
from tests.webclient import add_signing_user, csrf_of, signed_in

FACT_SHEET = "us-kr-fact-sheet-2021"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FORM = {"party": "KR", "level": "substantial", "on": "2026-11-01"}


def _korean(base: str) -> int:
    items = httpx.get(f"{base}/api/v1/commitments?agreement={FACT_SHEET}&actor=KR&limit=500").json()
    return next(c["id"] for c in items["items"] if c["actors"] == ["KR"])


def _site(db: Database, settings: Settings):  # type: ignore[no-untyped-def]
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    add_signing_user(db, "kr-editor", "editor", "KR")
    return serving(create_app(settings, db))


def _send(client: httpx.Client, commitment: int, name: str, content: bytes, media: str) -> httpx.Response:
    token = csrf_of(client.get(f"/commitments/{commitment}").text)
    return client.post(
        f"/commitments/{commitment}/progress",
        data={**FORM, "csrf": token},
        files={"evidence_file": (name, content, media)},
    )


def _docx() -> bytes:
    """The same bytes on every call: members stamped with a fixed time, not the clock's (the test
    compares hashes of two calls, which could straddle the zip format's two-second tick)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, text in (("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")):
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), text)
    return out.getvalue()


def test_a_file_is_uploaded_stored_once_by_hash_and_downloaded(db: Database, settings: Settings) -> None:
    with _site(db, settings) as base:
        korean = _korean(base)
        with signed_in(base, "kr-editor") as client:
            first = _send(client, korean, "report 2026.pdf", PDF, "application/pdf")
            assert first.status_code == 303, first.text
            again = _send(client, korean, "copy.pdf", PDF, "application/pdf")
            assert again.status_code == 303
            word = _send(client, korean, "minutes.docx", _docx(), "application/octet-stream")
            assert (
                word.status_code == 303
            )  # a generic type: the name's suffix declares it, the content agrees
            page = client.get(f"/commitments/{korean}").text
        entries = history(db, korean)
        assert [e.evidence_file for e in entries] == ["report 2026.pdf", "copy.pdf", "minutes.docx"]
        assert f'href="/evidence/{entries[0].id}"' in page
        with db.reading() as session:
            stored = session.scalars(select(EvidenceFileRow.sha256)).all()
        assert sorted(stored) == sorted(
            {hashlib.sha256(PDF).hexdigest(), hashlib.sha256(_docx()).hexdigest()}
        )
        got = httpx.get(f"{base}/evidence/{entries[1].id}")  # a public deployment: anyone who reads
        assert got.status_code == 200 and got.content == PDF
        assert got.headers["content-type"] == "application/pdf"
        assert got.headers["content-disposition"].startswith(
            f'attachment; filename="evidence-{entries[1].id}.pdf"'
        )
        assert got.headers["x-content-type-options"] == "nosniff"
        assert httpx.get(f"{base}/evidence/999999").status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "media", "message"),
    [
        ("report.pdf", b"MZ\x90\x00 an executable", "application/pdf", "content does not match its type"),
        ("page.html", b"<html><script>alert(1)</script></html>", "text/html", "not of a type accepted"),
        ("notes.txt", b"<!doctype html><script>alert(1)</script>", "text/plain", "content does not match"),
        ("empty.pdf", b"", "application/pdf", "the evidence file is empty"),
        ("big.pdf", b"%PDF-" + b"0" * (20 * 1024 * 1024), "application/pdf", "larger than 20 MB"),
    ],
)
def test_a_refused_file_is_named_beside_its_field_and_nothing_is_stored(
    db: Database, settings: Settings, name: str, content: bytes, media: str, message: str
) -> None:
    with _site(db, settings) as base:
        korean = _korean(base)
        before = row_counts(db)
        with signed_in(base, "kr-editor") as client:
            refused = _send(client, korean, name, content, media)
        assert refused.status_code in (400, 422) and message in refused.text
        beside = refused.text.split('id="progress-evidence_file-error"')[1].split("</span>\n")[0]
        assert message in beside
        assert row_counts(db) == before
        with db.reading() as session:
            assert session.scalar(select(func.count()).select_from(EvidenceFileRow)) == 0


def test_on_a_private_deployment_only_readers_download(db: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(
        database_url=str(db.engine.url.render_as_string(hide_password=False)),
        public_read=False,
        warm_charts=False,
    )
    with _site(db, settings) as base:
        with signed_in(base, "kr-editor") as client:
            commitment = next(
                c["id"]
                for c in client.get(f"/api/v1/commitments?agreement={FACT_SHEET}&actor=KR&limit=500").json()[
                    "items"
                ]
                if c["actors"] == ["KR"]
            )
            assert _send(client, commitment, "r.pdf", PDF, "application/pdf").status_code == 303
            entry = history(db, commitment)[0].id
            assert client.get(f"/evidence/{entry}").content == PDF
        assert httpx.get(f"{base}/evidence/{entry}").status_code == 401
