"""One error hierarchy for the whole package.

Every error says what went wrong (`message`) and what to do next (`hint`); the
CLI prints both, the API maps `code` to one JSON shape. Nothing here knows about
HTTP or terminals.
"""

from __future__ import annotations

from collections.abc import Mapping


class AccordError(Exception):
    code = "accord_error"

    def __init__(
        self,
        message: str,
        *,
        hint: str = "",
        code: str | None = None,
        field: str | None = None,
        subject: str | None = None,
        values: Mapping[str, object] | None = None,
    ) -> None:
        """`message` and `hint` are English; with `values` they are %-templates (`%(date)s`) filled
        with them, so that a face can show them in another language: it translates the template
        (`msgid`, `hint_msgid`) and then fills it. A hint says what to give, never a face's own
        flag or form control: `field` names the input, and each face words it its own way."""
        self.values = dict(values) if values else {}
        self.msgid = message
        self.hint_msgid = hint
        self.message = message % self.values if self.values else message
        self.hint = hint % self.values if self.values and "%(" in hint else hint
        super().__init__(self.message)
        # The input the error is about, named as the API's body and the pages' forms name it
        # (e.g. "evidence_url"), so a form can show the message beside that field.
        self.field = field
        # The kind of record the error is about ("meeting"), so that a face can add where its
        # user finds or makes one (the CLI names its command; the pages have their lists).
        self.subject = subject
        if code is not None:
            self.code = code

    def __str__(self) -> str:
        return self.message


class InputError(AccordError):
    """The user's file, flag or value cannot be used as given."""

    code = "invalid_input"


class LimitExceeded(InputError):
    """The input is well formed but larger or deeper than accord accepts (a bomb, or far past any real document)."""

    code = "limit_exceeded"


class NotFound(AccordError):
    code = "not_found"


class DatabaseNotReady(AccordError):
    code = "database_not_ready"


class Conflict(AccordError):
    """What was asked contradicts what is already recorded (a second signature, a second review)."""

    code = "conflict"
