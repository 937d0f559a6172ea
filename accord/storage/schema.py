"""Bringing a database to the current schema with Alembic, and checking that it is there."""

from __future__ import annotations

import functools
import weakref
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect, select

from accord.domain.parties import all_parties
from accord.errors import DatabaseNotReady
from accord.storage.tables import PartyRow, table

_MIGRATIONS = Path(__file__).with_name("migrations")


def _config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    return config


@functools.cache
def head_revision() -> str | None:
    # Parsing every migration file costs milliseconds; the files do not change while accord runs.
    return ScriptDirectory.from_config(_config()).get_current_head()


# Engines already seen at the head revision: the check then costs nothing on every later request.
_ready: weakref.WeakSet[Engine] = weakref.WeakSet()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> tuple[str | None, str | None]:
    """Migrate to `revision` and load the party reference table; returns (before, after)."""
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
    head = head_revision()
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
