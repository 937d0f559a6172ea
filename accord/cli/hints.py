"""The command line's own wording of a hint: the option that gives the field an error names, and
the command that finds or makes the kind of record it is about. The services' hints name what to
give, never a face's flag; the pages and the API show the field as they name it."""

from __future__ import annotations

from accord.errors import AccordError

# The field (as the API and the forms name it) → the option that gives it on the command line.
FLAGS = {
    "evidence_url": "--evidence URL",
    "evidence_file": "--file PATH",
    "party": "--party",
    "parties": "--parties",
    "amount": "--amount",
    "currency": "--currency",
    "start": "--from",
    "end": "--to",
    "kind": "--kind",
    "level": "--level",
    "limit": "--limit",
}

# The kind of record → where the command line finds or makes one.
COMMANDS = {
    "action": "`accord agenda MEETING` lists the open ones",
    "agreement": "`accord agreements` lists them",
    "body": "`accord bodies` lists them; add one with `accord body-add`",
    "commitment": "`accord commitments` lists commitment ids",
    "cycle": "`accord assess open AGREEMENT` opens one",
    "flow": "`accord funding AGREEMENT` lists them",
    "link": "`accord links` lists them",
    "meeting": "`accord meeting new AGREEMENT --on DATE` plans one",
    "timeline": "`accord timeline AGREEMENT` shows it",
    "user": "`accord user add NAME --role ...` adds one",
}


def cli_hint(error: AccordError) -> str:
    """The hint as the command line shows it: the service's words, then the option or command."""
    hint = error.hint
    flag = FLAGS.get(error.field or "")
    if flag:
        hint = f"{hint} ({flag})" if hint else f"give {flag}"
    command = COMMANDS.get(error.subject or "")
    if command:
        hint = f"{hint}; {command}" if hint else command
    return hint
