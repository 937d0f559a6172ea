"""What may be dated when: a fact is recorded once it has happened, never ahead of time."""

from __future__ import annotations

import datetime as dt

from accord.errors import InputError

# A day of grace: a party in Seoul is already on the next day while a server in UTC is not.
GRACE = dt.timedelta(days=1)


def check_not_future(on: dt.date, *, today: dt.date, what: str) -> dt.date:
    """Refuse `what` dated after today (give or take the day of grace)."""
    if on > today + GRACE:
        raise InputError(
            f"{what} is dated {on.isoformat()}, which is in the future (today is {today.isoformat()})",
            hint="record it once it has happened, with the date it happened",
        )
    return on


def check_not_before(on: dt.date, *, start: dt.date, what: str, start_what: str) -> dt.date:
    """Refuse `what` dated before `start_what` (on `start`)."""
    if on < start:
        raise InputError(
            f"{what} is dated {on.isoformat()}, before {start_what} on {start.isoformat()}",
            hint=f"give a date on or after {start.isoformat()}",
        )
    return on
