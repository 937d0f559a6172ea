"""Limits: request bodies refused before they are read (413), document bombs refused before they
are parsed (422), and the inputs that used to end in a 500 answered with a 4xx — each over real
HTTP, with the memory the server spends measured in this process (the server runs in it)."""

from __future__ import annotations

import datetime as dt
import io
import socket
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from urllib.parse import urlsplit

import httpx
import pytest

from accord.http.limits import MAX_DOCUMENT
from accord.server.app import create_app
from accord.settings import Settings
from accord.storage.database import Database
from tests.helpers import bearer, row_counts
from tests.server import serving

MB = 1024 * 1024


def send_raw(base: str, head: bytes, body_chunks: int, chunk: bytes) -> tuple[int, int]:
    """Send a request head, then up to `body_chunks` chunks of body while the server keeps
    reading; returns (status, bytes of body the server let us send)."""
    host = urlsplit(base)
    with socket.create_connection((host.hostname, host.port), timeout=10) as connection:
        connection.sendall(head)
        sent = 0
        try:
            for _ in range(body_chunks):
                connection.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass  # the server answered and closed: it will read no more
        answer = b""
        try:
            while b"\r\n" not in answer:
                part = connection.recv(4096)
                if not part:
                    break
                answer += part
        except OSError:
            pass
    status = int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1") else 0
    return status, sent


@pytest.fixture
def served(settings: Settings, db: Database) -> object:
    with serving(create_app(settings, db)) as base:
        yield base


def test_a_200_mb_body_gets_413_before_it_is_read_or_authenticated(served: str, db: Database) -> None:
    before = row_counts(db)
    head = (
        b"POST /api/v1/documents?name=big HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
        b"Content-Length: " + str(200 * MB).encode() + b"\r\n\r\n"
    )
    tracemalloc.start()
    try:
        status, sent = send_raw(served, head, 200, b"x" * MB)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert status == 413  # not 401: the limit comes before anything looks at who is asking
    assert sent < 50 * MB  # the server closed the connection instead of reading on
    assert peak < 20 * MB, f"the server held {peak / MB:.0f} MB"
    assert row_counts(db) == before


def test_a_streamed_body_is_counted_and_cut_at_the_limit(served: str, db: Database) -> None:
    headers = bearer(db, "kr-sec", "secretariat", "KR")
    before = row_counts(db)
    head = (
        b"POST /api/v1/documents?name=big HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
        b"Authorization: " + headers["Authorization"].encode() + b"\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    piece = b"%x\r\n%s\r\n" % (MB, b"x" * MB)
    tracemalloc.start()
    try:
        status, sent = send_raw(served, head, 200, piece)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert status == 413
    assert sent < 100 * MB  # the connection closed long before the 200 MB were sent
    assert peak < MAX_DOCUMENT + 30 * MB, f"the server held {peak / MB:.0f} MB"
    assert row_counts(db) == before


def test_json_and_form_bodies_have_a_small_limit(served: str) -> None:
    big = b'{"act": "sign", "party": "US", "signatory": "' + b"x" * (2 * MB) + b'"}'
    answer = httpx.post(
        served + "/api/v1/agreements/1/acts", content=big, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 413
    assert answer.json()["error"]["code"] == "body_too_large"
    form = httpx.post(served + "/signin", data={"csrf": "x", "name": "n" * (2 * MB)})
    assert form.status_code == 413


def docx_with(document_xml: Callable[[bytes], bytes]) -> bytes:
    """A real .docx (python-docx's template) whose word/document.xml is rewritten."""
    import docx

    made = docx.Document()
    made.add_paragraph("The Participants will cooperate on research security.")
    buffer = io.BytesIO()
    made.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for item in source.infolist():
            data = source.read(item)
            package.writestr(
                item.filename, document_xml(data) if item.filename == "word/document.xml" else data
            )
    return out.getvalue()


SENTENCE = b"The Participants will cooperate on research security."
ENTITIES = (
    b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">'
    + b"".join(b'<!ENTITY %c "%s">' % (98 + i, (b"&%c;" % (97 + i)) * 10) for i in range(9))
    + b"]>"
)
BOMBS = {
    # 95 KB that unpacked would be tens of MB of XML and 200,000 commitments.
    "zip bomb": lambda xml: xml.replace(SENTENCE, SENTENCE * 400_000),
    # One text node of 100 MB would cost most of a gigabyte; it is refused from the zip's directory.
    "huge text node": lambda xml: xml.replace(SENTENCE, b"x" * (100 * MB)),
    # Billion laughs: ten levels of ten entities.
    "entity bomb": lambda xml: xml.replace(b"?>", b"?>" + ENTITIES, 1).replace(SENTENCE, b"&j;"),
}


@pytest.mark.parametrize("kind", BOMBS)
def test_docx_bombs_get_422_at_once_and_change_nothing(kind: str, served: str, db: Database) -> None:
    body = docx_with(BOMBS[kind])
    headers = {
        **bearer(db, "kr-sec", "secretariat", "KR"),
        "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }
    before = row_counts(db)
    url = served + "/api/v1/documents?name=bomb.docx&party=KR"
    started = time.monotonic()
    answer = httpx.post(url, content=body, headers=headers, timeout=60)
    elapsed = time.monotonic() - started
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "limit_exceeded" and error["message"].startswith("bomb.docx: ")
    assert "/tmp" not in answer.text  # the server's temporary folder stays private
    assert elapsed < 2, f"{kind} took {elapsed:.1f} s"
    tracemalloc.start()  # again, with every allocation traced (which slows everything down)
    try:
        assert httpx.post(url, content=body, headers=headers, timeout=60).status_code == 422
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 5 * len(body) + 30 * MB, f"the server held {peak / MB:.0f} MB"
    assert row_counts(db) == before


def test_a_broken_docx_and_a_broken_upload_get_400_naming_the_file(served: str, db: Database) -> None:
    headers = bearer(db, "kr-sec", "secretariat", "KR")
    broken = docx_with(lambda xml: xml[: len(xml) // 2])
    before = row_counts(db)
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    for body, media in (
        (broken, docx_type),
        (b"PK\x03\x04 not a zip", docx_type),
        (b"%PDF-1.4 broken", "application/pdf"),
    ):
        answer = httpx.post(
            served + "/api/v1/documents?name=report&party=KR",
            content=body,
            headers={**headers, "Content-Type": media},
        )
        assert answer.status_code == 400, answer.text
        assert answer.json()["error"]["message"].startswith("report.")
        assert "/tmp" not in answer.text
    assert row_counts(db) == before


def test_deeply_nested_html_gets_422_at_once(served: str, db: Database) -> None:
    headers = {**bearer(db, "kr-sec", "secretariat", "KR"), "Content-Type": "text/html"}
    before = row_counts(db)
    for markup in (
        "<html><body>" + "<div>" * 100_000 + "deep" + "</div>" * 100_000 + "</body></html>",
        "<html><body>" + "<ul><li>a" * 50_000 + "</body></html>",
    ):
        started = time.monotonic()
        answer = httpx.post(
            served + "/api/v1/documents?name=deep.html&party=KR", content=markup, headers=headers, timeout=60
        )
        assert answer.status_code == 422, answer.text
        assert "nests elements more than 256 deep" in answer.json()["error"]["message"]
        # It used to take 12 s of CPU before a RecursionError; the generous bound allows for a busy
        # machine (argon2 checks the token on the first request).
        assert time.monotonic() - started < 5
    assert row_counts(db) == before
    fine = (
        "<html><body>"
        + "<div>" * 50
        + "<p>The Participants will cooperate.</p>"
        + "</div>" * 50
        + "</body></html>"
    )
    answer = httpx.post(served + "/api/v1/documents?name=fine.html&party=KR", content=fine, headers=headers)
    assert answer.status_code == 201, answer.text


def test_an_upload_with_too_many_provisions_gets_422_before_extraction(served: str, db: Database) -> None:
    headers = {**bearer(db, "kr-sec", "secretariat", "KR"), "Content-Type": "text/plain"}
    text = "\n\n".join(f"{n}. The Participants will cooperate on topic {n}." for n in range(1, 25_001))
    before = row_counts(db)
    answer = httpx.post(
        served + "/api/v1/documents?name=many&party=KR", content=text, headers=headers, timeout=60
    )
    assert answer.status_code == 422, answer.text
    assert "more than the 20,000 an upload may have" in answer.json()["error"]["message"]
    assert row_counts(db) == before


def test_a_nul_anywhere_in_a_text_file_is_refused(served: str, db: Database) -> None:
    headers = {**bearer(db, "kr-sec", "secretariat", "KR"), "Content-Type": "text/plain"}
    before = row_counts(db)
    for text in ("The Participants will cooperate.\n" * 1000 + "hidden\x00byte\n", "\x00" + "text " * 10):
        answer = httpx.post(
            served + "/api/v1/documents?name=nul&party=KR", content=text.encode(), headers=headers
        )
        assert answer.status_code == 400, answer.text
        assert answer.json()["error"]["message"].startswith("nul.txt: ")
    assert row_counts(db) == before


def test_overlong_numbers_in_forms_and_headers_get_4xx(served: str, db: Database) -> None:
    from accord.services.ingest import ingest_paths
    from accord.services.meetings import new_meeting
    from tests.conftest import EXAMPLES
    from tests.webclient import add_signing_user, csrf_of, signed_in

    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    meeting = new_meeting(db, "us-kr-tpd-mou-2025", on=dt.date(2026, 3, 1), place="Seoul", by=None)
    headers = bearer(db, "admin", "admin")
    for etag in (b'"' + b"9" * 5000 + b'"', '"²"'.encode()):
        answer = httpx.put(
            served + f"/api/v1/meetings/{meeting.id}/minutes",
            json={"text": "x"},
            headers={**headers, "If-Match": etag},
        )
        assert 400 <= answer.status_code < 500, etag
    add_signing_user(db, "kr-sec", "secretariat", "KR")
    with signed_in(served, "kr-sec") as client:
        csrf = csrf_of(client.get(f"/meetings/{meeting.id}").text)
        before = row_counts(db)
        for commitment in ("9" * 5000, "²", "1" * 40):
            answer = client.post(
                f"/meetings/{meeting.id}/actions",
                data={
                    "csrf": csrf,
                    "text": "Draft",
                    "owner": "KR",
                    "due": "2026-06-01",
                    "commitment": commitment,
                },
            )
            assert answer.status_code == 400, (commitment[:10], answer.status_code)
        assert row_counts(db) == before


def test_a_due_date_far_in_the_future_is_refused_and_the_calendar_survives_one(
    served: str, db: Database
) -> None:
    import datetime as dt

    from accord.services.commitments import list_commitments
    from accord.services.deadlines import calendar
    from accord.services.ingest import ingest_paths
    from tests.conftest import EXAMPLES

    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    first = list_commitments(db, "us-kr-tpd-mou-2025")[0]
    headers = bearer(db, "kr-editor", "editor", "KR")
    answer = httpx.get(served + f"/api/v1/commitments/{first.id}", headers=headers)
    patched = httpx.patch(
        served + f"/api/v1/commitments/{first.id}",
        json={"set": {"due": "9999-12-31"}},
        headers={**headers, "If-Match": answer.headers["etag"]},
    )
    assert patched.status_code == 400 and "between 1900 and 2199" in patched.text
    # A record that already holds one (written before this rule) still gives a calendar.
    with db.transaction() as session:
        from accord.storage.tables import CommitmentRow

        row = session.get(CommitmentRow, first.id)
        assert row is not None
        row.due = dt.date(9999, 12, 31)
    assert b"99991231" in calendar(db, "us-kr-tpd-mou-2025")
    assert httpx.get(served + "/agreements/us-kr-tpd-mou-2025/calendar.ics").status_code == 200
