"""The meeting pages' forms: plan a meeting, draft the minutes, approve them for one's party,
record a decision, add and complete action items. Each is authorised as the API's route is
(accord/api/meetings.py) and calls the same service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from accord.domain.access import Principal
from accord.http.deps import Db
from accord.http.visitors import CheckedForm
from accord.i18n.labels import LEVELS
from accord.services.actions import add_action, complete_action, get_action
from accord.services.meetings import (
    add_decision,
    approve_minutes,
    new_meeting,
    write_minutes,
)
from accord.web import forms
from accord.web.forms import Key, Ref, submit
from accord.web.meetings_page import agreement_meetings_page, meeting_page
from accord.web.render import PageRoute

router = APIRouter(include_in_schema=False, route_class=PageRoute)

Field = Annotated[str, Form()]
NOTE_LIMIT = 10_000
MINUTES_LIMIT = 1_000_000


def _on_meeting(
    request: Request,
    db: Db,
    visitor: CheckedForm,
    meeting: int,
    form: str,
    write: Callable[[Principal], str],
    sent: dict[str, str],
) -> Response:
    """Send one of the meeting page's forms; on a problem, the meeting page again."""
    return submit(
        request,
        visitor,
        form,
        write,
        lambda found: meeting_page(request, db, visitor, meeting, problem=found),
        sent,
    )


@router.post("/agreements/{agreement}/meetings")
def plan(
    request: Request, db: Db, visitor: CheckedForm, agreement: Ref, on: Field = "", place: Field = ""
) -> Response:
    def write(user: Principal) -> str:
        day = forms.day(on)
        where = forms.optional_text(place, limit=300, single_line=True)
        made = new_meeting(db, agreement, on=day, place=where, by=user)
        return f"/meetings/{made.id}?done=planned"

    return submit(
        request, visitor, "plan", write,
        lambda found: agreement_meetings_page(request, db, visitor, agreement, problem=found),
        {"on": on, "place": place},
    )  # fmt: skip


@router.post("/meetings/{meeting}/minutes")
def draft_minutes(
    request: Request, db: Db, visitor: CheckedForm, meeting: Key, text: Field = "", version: Field = ""
) -> Response:
    def write(user: Principal) -> str:
        read = forms.version(version)
        minutes = forms.text(text, limit=MINUTES_LIMIT)
        write_minutes(db, meeting, minutes, expected_version=read, by=user)
        return f"/meetings/{meeting}?done=minutes#minutes"

    return _on_meeting(request, db, visitor, meeting, "minutes", write, {"text": text})


@router.post("/meetings/{meeting}/approvals")
def approve(
    request: Request,
    db: Db,
    visitor: CheckedForm,
    meeting: Key,
    party: Field = "",
    on: Field = "",
    version: Field = "",
) -> Response:
    def write(user: Principal) -> str:
        code = party.strip().upper()
        read = forms.version(version)
        day = forms.day(on)
        approve_minutes(db, meeting, party=code, on=day, expected_version=read, by=user)
        return f"/meetings/{meeting}?done=approved#minutes"

    return _on_meeting(request, db, visitor, meeting, "approve", write, {"on": on})


@router.post("/meetings/{meeting}/decisions")
def decide(request: Request, db: Db, visitor: CheckedForm, meeting: Key, text: Field = "") -> Response:
    def write(user: Principal) -> str:
        decision = forms.text(text, limit=NOTE_LIMIT)
        add_decision(db, meeting, decision, by=user)
        return f"/meetings/{meeting}?done=decision#decisions"

    return _on_meeting(request, db, visitor, meeting, "decision", write, {"decision": text})


@router.post("/meetings/{meeting}/actions")
def add(
    request: Request,
    db: Db,
    visitor: CheckedForm,
    meeting: Key,
    text: Field = "",
    owner: Field = "",
    due: Field = "",
    commitment: Field = "",
) -> Response:
    def write(user: Principal) -> str:
        what = forms.text(text, limit=NOTE_LIMIT)
        who = forms.text(owner, limit=2000, single_line=True)
        day = forms.day(due)
        linked = forms.optional_number(commitment)
        made = add_action(db, meeting, text=what, owner=who, due=day, commitment=linked, by=user)
        return f"/meetings/{meeting}?done=action#action-{made}"

    sent = {"action_text": text, "owner": owner, "due": due, "commitment": commitment}
    return _on_meeting(request, db, visitor, meeting, "action", write, sent)


@router.post("/actions/{action}/completion")
def complete(
    request: Request,
    db: Db,
    visitor: CheckedForm,
    action: Key,
    on: Field = "",
    level: Field = "",
    evidence_url: Field = "",
    note: Field = "",
    version: Field = "",
) -> Response:
    current = get_action(db, action)

    def write(user: Principal) -> str:
        read = forms.version(version)
        day = forms.day(on)
        reached = forms.optional_choice(level, list(LEVELS))
        link = forms.url(evidence_url)
        said = forms.optional_text(note, limit=NOTE_LIMIT)
        complete_action(
            db, action, on=day, level=reached, evidence_url=link, note=said, recorded_by=user.name,
            expected_version=read, by=user,
        )  # fmt: skip
        return f"/meetings/{current.meeting}?done=completed#action-{action}"

    sent = {"on": on, "level": level, "evidence_url": evidence_url, "note": note}
    return _on_meeting(request, db, visitor, current.meeting, f"complete-{action}", write, sent)
