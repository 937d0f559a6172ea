"""`accord meeting new`, `agenda`, `minutes`, `minutes-approve`, `decision`, `action`, `action-done`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from accord.cli.app import app, command_group, console, state
from accord.cli.listing import AgreementArg, AsJson, MeetingArg, folding_table, print_json
from accord.domain.agreements import parse_date
from accord.domain.shapes import plain
from accord.errors import InputError
from accord.services.meetings import (
    add_action,
    add_decision,
    agenda,
    approve_minutes,
    complete_action,
    list_meetings,
    new_meeting,
    write_minutes,
)

meeting_app = command_group("meeting", "Joint Committee meetings.")
On = Annotated[str, typer.Option("--on", help="Date, YYYY-MM-DD.")]


@meeting_app.command("new")
def meeting_new(
    agreement: AgreementArg,
    on: On,
    place: Annotated[str | None, typer.Option(help="Where.")] = None,
) -> None:
    """Plan a Joint Committee meeting."""
    view = new_meeting(state.db, agreement, on=parse_date(on), place=place, by=None)
    console.print(
        f"meeting {view.id}: {view.agreement} on {view.held_on}"
        + (f" in {view.place}" if view.place else ""),
        highlight=False,
    )


@meeting_app.command("list")
def meeting_list(agreement: AgreementArg, as_json: AsJson = False) -> None:
    """An agreement's meetings, with the state of their minutes."""
    meetings = list_meetings(state.db, agreement)
    if as_json:
        print_json([plain(m) for m in meetings])
        return
    table = folding_table("#", "on", "place", "minutes")
    for m in meetings:
        approved = f" (approved by {', '.join(m.approved_by)})" if m.approved_by else ""
        table.add_row(str(m.id), m.held_on.isoformat(), escape(m.place or "—"), m.minutes_status + approved)
    console.print(table)
    if not meetings:
        console.print("no meetings yet: `accord meeting new` plans one", highlight=False)


@app.command("agenda")
def agenda_command(meeting: MeetingArg, as_json: AsJson = False) -> None:
    """Draft the agenda: open action items, then commitments due, overdue, stalled or changed."""
    items = agenda(state.db, meeting)
    if as_json:
        print_json([plain(i) for i in items])
        return
    table = folding_table("#", "section", "ref", "item")
    for number, item in enumerate(items, 1):
        table.add_row(str(number), item.section, str(item.reference), escape(item.text))
    console.print(table if items else "Nothing on the record calls for the agenda.")


@app.command("minutes")
def minutes_command(
    meeting: MeetingArg,
    text_file: Annotated[Path, typer.Option("--text-file", help="The minutes.")],
) -> None:
    """Draft the minutes (a redraft clears earlier approvals)."""
    if not text_file.is_file():
        raise InputError(f"{text_file}: no such file", hint="give the path of the minutes")
    view = write_minutes(state.db, meeting, text_file.read_text(encoding="utf-8"), by=None)
    console.print(f"meeting {view.id}: minutes {view.minutes_status}", highlight=False)


@app.command("minutes-approve")
def minutes_approve(
    meeting: MeetingArg,
    party: Annotated[str, typer.Option(help="Approving party.")],
    on: On,
) -> None:
    """A party approves the minutes; they are approved once every party has."""
    view = approve_minutes(state.db, meeting, party=party, on=parse_date(on), by=None)
    console.print(
        f"meeting {view.id}: minutes {view.minutes_status} ({', '.join(view.approved_by)})", highlight=False
    )


@app.command("decision")
def decision_command(meeting: MeetingArg, text: Annotated[str, typer.Option(help="The decision.")]) -> None:
    """Record a decision of the meeting."""
    console.print(f"decision {add_decision(state.db, meeting, text, by=None)} recorded", highlight=False)


@app.command("action")
def action_command(
    meeting: MeetingArg,
    text: Annotated[str, typer.Option(help="What is to be done.")],
    owner: Annotated[str, typer.Option(help="One owner: a party code or a body (id, name, acronym).")],
    due: Annotated[str, typer.Option(help="Due date, YYYY-MM-DD.")],
    commitment: Annotated[int | None, typer.Option(help="The commitment it serves.")] = None,
) -> None:
    """Record an action item with one owner and a due date."""
    item = add_action(
        state.db, meeting, text=text, owner=owner, due=parse_date(due), commitment=commitment, by=None
    )
    console.print(f"action item {item} recorded", highlight=False)


@app.command("action-done")
def action_done(
    action: Annotated[int, typer.Argument(help="Action item id.")],
    on: On,
    level: Annotated[
        str | None, typer.Option(help="Also record the owner's progress on the commitment.")
    ] = None,
    evidence: Annotated[str | None, typer.Option("--evidence", help="URL of the evidence.")] = None,
    note: Annotated[str | None, typer.Option(help="What was done.")] = None,
) -> None:
    """Complete an action item, optionally recording progress with evidence."""
    complete_action(
        state.db, action, on=parse_date(on), level=level, evidence_url=evidence, note=note, by=None
    )
    console.print(f"action item {action} completed", highlight=False)
