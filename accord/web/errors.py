"""The HTTP status of each error of the record, shared by the JSON API and the HTML pages."""

from __future__ import annotations

from accord.domain.access import Forbidden
from accord.domain.lifecycle import Refused
from accord.errors import AccordError, Conflict, LimitExceeded, NotFound
from accord.services.sessions import Throttled
from accord.services.users import Unauthorized
from accord.services.versions import Stale


def http_status(error: AccordError) -> int:
    return (
        404 if isinstance(error, NotFound)
        else 409 if isinstance(error, Refused | Stale | Conflict)
        else 403 if isinstance(error, Forbidden)
        else 401 if isinstance(error, Unauthorized)
        else 429 if isinstance(error, Throttled)
        else 422 if isinstance(error, LimitExceeded)
        else 400
    )  # fmt: skip
