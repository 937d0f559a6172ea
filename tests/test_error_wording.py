"""Each face words an error of the record its own way: the pages translate it, the command line
adds its own option or command; the record itself names only what to give."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from accord.cli.hints import cli_hint
from accord.domain.lifecycle import Act, Event, Refused, Rules, apply, replay
from accord.errors import InputError, NotFound
from accord.i18n import error_text

MOU = Rules(parties=("US", "KR"), notice_days=180)
DAY = dt.date(2025, 10, 29)


def _refusal(events: list[Event], last: Event) -> Refused:
    with pytest.raises(Refused) as refused:
        apply(MOU, replay(MOU, events), last)
    return refused.value


def test_a_refusal_of_the_record_is_shown_in_korean_with_its_values() -> None:
    error = _refusal([Event(Act.SIGN, DAY, "US")], Event(Act.SIGN, DAY, "US"))
    assert (error.message, error.hint) == ("US has already signed", "each party signs once")
    assert error_text("en", error) == ("US has already signed", "each party signs once")
    assert error_text("ko", error) == ("US은(는) 이미 서명했습니다", "각 당사자는 한 번만 서명합니다")


def test_a_message_without_a_translation_stays_english() -> None:
    error = NotFound("no agreement 'nope'", hint="give an id or slug")
    assert error_text("ko", error) == ("no agreement 'nope'", "give an id or slug")


def test_the_command_line_names_its_own_option_and_command() -> None:
    given = InputError("the evidence file is empty", hint="choose the file again", field="evidence_file")
    assert cli_hint(given) == "choose the file again (--file PATH)"
    missing = NotFound("no meeting 7", hint="plan the meeting first", subject="meeting")
    assert cli_hint(missing) == "plan the meeting first; `accord meeting new AGREEMENT --on DATE` plans one"
    plain = InputError("bad", hint="say it briefly")
    assert cli_hint(plain) == "say it briefly"


def test_no_hint_of_the_record_names_a_flag() -> None:
    """The hints of services, domain and storage say what to give; the flags are the CLI's."""
    root = Path(__file__).parents[1] / "accord"
    flagged = [
        f"{path.relative_to(root)}:{number}"
        for folder in ("services", "domain", "storage")
        for path in sorted((root / folder).rglob("*.py"))
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if "hint" in line and re.search(r"\s--[a-z]", line)
    ]
    assert flagged == []
