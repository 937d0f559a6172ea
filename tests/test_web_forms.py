"""Page forms and page errors over real HTTP: CSRF, refusals, bad input, escaping."""

from __future__ import annotations

import html
import re

import httpx
import pytest

from accord.domain.agreements import AgreementMeta
from accord.server.app import create_app
from accord.services.ingest import ingest_paths
from accord.settings import Settings
from accord.storage.database import Database
from accord.web.highlight import Mark, highlight
from tests.conftest import EXAMPLES
from tests.helpers import row_counts
from tests.server import serving
from tests.webclient import add_signing_user, csrf_of, signed_in

FACT_SHEET = "us-kr-fact-sheet-2021"


def _only(base: str, actor: str) -> int:
    items = httpx.get(f"{base}/api/v1/commitments?agreement={FACT_SHEET}&actor={actor}&limit=500").json()
    return next(c["id"] for c in items["items"] if c["actors"] == [actor])


@pytest.fixture
def site(db: Database, settings: Settings):  # type: ignore[no-untyped-def]
    ingest_paths(db, sorted(EXAMPLES.glob("*.txt")), by=None)
    add_signing_user(db, "kr-editor", "editor", "KR")
    with serving(create_app(settings, db)) as base:
        yield base


GOOD = {"party": "KR", "level": "limited", "on": "2026-11-01", "evidence_url": "https://example.org/a"}


def test_a_form_sent_with_the_sessions_token_records_progress(db: Database, site: str) -> None:
    korean = _only(site, "KR")
    with signed_in(site, "kr-editor") as client:
        page = client.get(f"/commitments/{korean}").text
        sent = client.post(f"/commitments/{korean}/progress", data={**GOOD, "csrf": csrf_of(page)})
        assert sent.status_code == 303 and sent.headers["location"].startswith(f"/commitments/{korean}")
        shown = client.get(sent.headers["location"]).text
    assert "Progress recorded." in shown and "https://example.org/a" in shown
    history = httpx.get(f"{site}/api/v1/commitments/{korean}/progress").json()
    assert [(e["party"], e["level"], e["recorded_by"]) for e in history] == [("KR", "limited", "kr-editor")]


def test_without_the_token_nothing_is_recorded(db: Database, site: str) -> None:
    korean = _only(site, "KR")
    with signed_in(site, "kr-editor") as client:
        before = row_counts(db)
        for token in (None, "", "forged-token"):
            data = GOOD if token is None else {**GOOD, "csrf": token}
            refused = client.post(f"/commitments/{korean}/progress", data=data)
            assert refused.status_code == 403 and "not sent from a page of this session" in refused.text
        assert row_counts(db) == before


def test_another_partys_commitment_is_refused_and_unchanged(db: Database, site: str) -> None:
    american = _only(site, "US")
    with signed_in(site, "kr-editor") as client:
        page = client.get(f"/commitments/{american}").text
        assert 'id="progress-form"' not in page and "Only users of United States" in page
        before = row_counts(db)
        refused = client.post(
            f"/commitments/{american}/progress", data={**GOOD, "party": "US", "csrf": csrf_of(page)}
        )
        assert refused.status_code == 403
        assert refused.headers["content-type"].startswith("text/html")
        assert "kr-editor (editor, KR) may not change US&#39;s records" in refused.text
        assert "ask a user of that party, or an admin" in refused.text
        not_theirs = client.post(
            f"/commitments/{american}/progress", data={**GOOD, "party": "KR", "csrf": csrf_of(page)}
        )
        assert not_theirs.status_code == 400 and "is not KR&#39;s" in not_theirs.text
        assert row_counts(db) == before


def test_a_visitor_who_is_not_signed_in_may_not_record(db: Database, site: str) -> None:
    korean = _only(site, "KR")
    with httpx.Client(base_url=site) as client:
        page = client.get(f"/commitments/{korean}").text
        assert 'id="progress-form"' not in page and "Sign in to record progress." in page
        token = csrf_of(client.get("/signin").text)  # a valid token of this anonymous session
        before = row_counts(db)
        refused = client.post(f"/commitments/{korean}/progress", data={**GOOD, "csrf": token})
    assert refused.status_code == 401 and "Sign in to make changes." in refused.text
    assert row_counts(db) == before


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"level": "great"}, "level", "“great” is not one of the choices offered."),
        ({"on": "2026-13-01"}, "on", "“2026-13-01” is not a date from 1900 to 2199."),
        ({"evidence_on": "yesterday"}, "evidence_on", "“yesterday” is not a date from 1900 to 2199."),
        ({"evidence_url": "javascript:alert(1)"}, "evidence_url", "The evidence link must be a web address"),
        (
            {"level": "complete", "evidence_url": ""},
            None,
            "progress at this level must be backed by evidence",
        ),
        ({"party": "K"}, None, "may not change K&#39;s records"),
        ({"party": "ZZ"}, None, "may not change ZZ&#39;s records"),
        ({"note": "x" * 10_001}, "note", "The text is longer than 10000 characters."),
    ],
)
def test_bad_form_input_shows_the_form_again_filled_in_with_the_problem_beside_its_field(
    db: Database, site: str, change: dict[str, str], field: str | None, message: str
) -> None:
    """Issue 14 (5): no bare 400 page. The commitment page again, what was typed kept, the
    message beside the field it is about, no CLI flag in any hint; nothing recorded."""
    korean = _only(site, "KR")
    with signed_in(site, "kr-editor") as client:
        token = csrf_of(client.get(f"/commitments/{korean}").text)
        before = row_counts(db)
        sent = client.post(f"/commitments/{korean}/progress", data={**GOOD, **change, "csrf": token})
    assert sent.headers["content-type"].startswith("text/html")
    assert row_counts(db) == before
    if change.get("party") in ("K", "ZZ"):  # not a party the user may write for
        assert sent.status_code == 403 and message in sent.text
        return
    assert sent.status_code == 400 and 'id="progress-form"' in sent.text and message in sent.text
    # No CLI flag ("--evidence") in what the form says; the random CSRF token may hold "--" by chance.
    form = sent.text.split('id="progress-form"')[1].split("</form>")[0]
    assert "--" not in re.sub(r'<!--.*?-->|name="csrf" value="[^"]*"', "", form)
    if field is None:
        assert 'id="problem"' in sent.text and "field-error" not in sent.text
    else:
        beside = re.search(
            rf'<span class="field-error" id="progress-{field}-error"[^>]*>(.*?)</span>\n', sent.text, re.S
        )
        assert beside is not None and message in html.unescape(beside.group(1))
        assert f'name="{field}"' in sent.text.split(f'id="progress-{field}-error"')[0].rsplit("<label>", 1)[1]
    form = sent.text.split('id="progress-form"')[1].split("</form>")[0]
    if change.get("note"):
        assert change["note"] in form  # what was typed is kept
    if "evidence_url" not in change:
        assert 'value="https://example.org/a"' in form


def test_a_rejected_form_speaks_the_pages_language(db: Database, site: str) -> None:
    korean = _only(site, "KR")
    with signed_in(site, "kr-editor") as client:
        token = csrf_of(client.get(f"/commitments/{korean}?lang=ko").text)
        sent = client.post(
            f"/commitments/{korean}/progress", data={**GOOD, "on": "2026-13-01", "csrf": token}
        )
    assert sent.status_code == 400
    beside = sent.text.split('id="progress-on-error"')[1].split("</span>\n")[0]
    assert "1900년부터 2199년 사이의 날짜가 아닙니다" in beside


def test_page_errors_are_pages_and_api_errors_stay_json(site: str) -> None:
    missing = httpx.get(f"{site}/agreements/nope")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "no agreement &#39;nope&#39;" in missing.text and "accord agreements" in missing.text
    bad = httpx.get(f"{site}/commitments/abc")
    assert bad.status_code == 400 and "commitment:" in bad.text
    assert httpx.get(f"{site}/commitments/99999999999").status_code == 404
    korean = httpx.get(f"{site}/agreements/nope?lang=ko")
    assert "찾을 수 없음" in korean.text and '<p class="message" lang="en">' in korean.text
    api = httpx.get(f"{site}/api/v1/agreements/nope")
    assert api.status_code == 404 and api.json()["error"]["code"] == "not_found"


def test_stored_text_and_notes_are_escaped(db: Database, settings: Settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.txt"
    path.write_text("The United States will fund <script>alert(1)</script> research & training.\n")
    ingest_paths(
        db, [path], AgreementMeta(title="<img src=x onerror=alert(1)>", parties=("US", "KR")), by=None
    )
    add_signing_user(db, "us-editor", "editor", "US")
    with serving(create_app(settings, db)) as base:
        slug = httpx.get(base + "/api/v1/agreements").json()["items"][0]["slug"]
        page = httpx.get(f"{base}/agreements/{slug}").text
        assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "&amp; training" in page
        commitment = httpx.get(f"{base}/api/v1/commitments?agreement={slug}").json()["items"][0]["id"]
        with signed_in(base, "us-editor") as client:
            token = csrf_of(client.get(f"/commitments/{commitment}").text)
            note = '"><script>alert(2)</script>'
            client.post(
                f"/commitments/{commitment}/progress",
                data={"party": "US", "level": "limited", "on": "2026-11-01", "note": note, "csrf": token},
            )
            shown = client.get(f"/commitments/{commitment}").text
    assert "<script>alert(2)</script>" not in shown and "&lt;script&gt;alert(2)&lt;/script&gt;" in shown


def test_highlights_cut_nested_and_overlapping_spans_without_nesting_links() -> None:
    text = "Alpha beta gamma delta <epsilon> zeta."
    marks = [
        Mark(1, 0, 16, "firm"),
        Mark(2, 6, 10, "intent"),
        Mark(3, 11, 31, "aspiration"),
        Mark(4, 40, 50, "firm"),
    ]
    out = str(highlight(text, marks))
    assert "<epsilon" not in out and "&lt;epsilon" in out and "&gt; zeta" in out
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text  # every character once, in order
    assert re.search(r"<a [^>]*>[^<]*<a ", out) is None  # no link inside a link
    linked = {int(i) for group in re.findall(r'data-commitments="([^"]+)"', out) for i in group.split()}
    assert linked == {1, 2, 3}  # 4 lies outside the text and is left out
    beta = re.search(r'<a class="hl s-intent nested"[^>]*data-commitments="1 2">beta</a>', out)
    assert beta is not None  # the innermost span is the link; both are listed
    assert 'data-commitments="1 3">gamma</a>' in out  # the overlap of 1 and 3
