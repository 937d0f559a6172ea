"""One error hierarchy for the whole package.

Every error says what went wrong (`message`) and what to do next (`hint`); the
CLI prints both, the API maps `code` to one JSON shape. Nothing here knows about
HTTP or terminals.
"""

from __future__ import annotations


class AccordError(Exception):
    code = "accord_error"

    def __init__(
        self, message: str, *, hint: str = "", code: str | None = None, field: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        # The input the error is about, named as the API's body and the pages' forms name it
        # (e.g. "evidence_url"), so a form can show the message beside that field.
        self.field = field
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
