"""Bringing a database to the current schema with Alembic, and checking that it is there.

Checking costs no Alembic import (a third of a read command's start-up): the stored revision is
read with one query and compared with `HEAD`, which a test keeps equal to the migrations' head.
Alembic is imported only to upgrade, or to report on the migrations (`accord db status`)."""

from __future__ import annotations

import functools
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, select, text

from accord.domain.parties import all_parties
from accord.errors import DatabaseNotReady
from accord.storage.revision import HEAD
from accord.storage.tables import PartyRow, table

if TYPE_CHECKING:
    from alembic.config import Config

_MIGRATIONS = Path(__file__).with_name("migrations")
__all__ = ["HEAD", "current_revision", "ensure_ready", "head_revision", "upgrade"]


def _config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


@functools.cache
def head_revision() -> str | None:
    # Parsing every migration file costs milliseconds; the files do not change while accord runs.
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config()).get_current_head()


# Engines already seen at the head revision: the check then costs nothing on every later request.
_ready: weakref.WeakSet[Engine] = weakref.WeakSet()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        revisions = list(connection.scalars(text("SELECT version_num FROM alembic_version")))
    if len(revisions) > 1:
        raise DatabaseNotReady(
            f"the database records several schema revisions ({', '.join(sorted(revisions))})",
            hint="run `accord db upgrade` (back up the database first)",
        )
    return revisions[0] if revisions else None


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str | None]:
    """Migrate to `revision` and load the party reference table; returns (before, after)."""
    from alembic import command

    _ready.discard(engine)
    before = current_revision(engine)
    config = _config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    _load_parties(engine)
    return before, current_revision(engine)


def _load_parties(engine: Engine) -> None:
    with engine.begin() as connection:
        known = set(connection.scalars(select(PartyRow.code)))
        missing = [
            {"code": p.code, "name_en": p.name_en, "name_ko": p.name_ko}
            for code, p in all_parties().items()
            if code not in known
        ]
        if missing:
            connection.execute(table(PartyRow).insert(), missing)


def ensure_ready(engine: Engine) -> None:
    """An empty database is created on first use; one at an older schema must be upgraded on purpose."""
    if engine in _ready:
        return
    current = current_revision(engine)
    head = HEAD
    if current == head:
        _ready.add(engine)
        return
    if current is None and not inspect(engine).get_table_names():
        upgrade(engine)
        _ready.add(engine)
        return
    raise DatabaseNotReady(
        f"the database schema is at revision {current or 'none'}, this accord needs {head}",
        hint="run `accord db upgrade` (back up the database first)",
    )
