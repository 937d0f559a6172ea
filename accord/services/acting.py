"""Who is acting: the principal every write use case takes, and the transaction it writes in.

`by=None` is the trusted local command line (whoever can run it can edit the database file);
any other caller is a `Principal`, and the use case decides, inside its write transaction, what
that principal may do. The faces (API, pages, CLI) pass the principal along and never decide.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from accord.domain.access import Principal
from accord.storage.audit import local_actor
from accord.storage.database import Database


def actor_name(by: Principal | None) -> str:
    return by.name if by is not None else local_actor()


@contextmanager
def writing(db: Database, by: Principal | None) -> Iterator[Session]:
    """The one write transaction of a use case, holding the write lock from its start; the audit
    trail records `by` for every write made inside it."""
    with db.transaction(actor=actor_name(by)) as session:
        yield session
