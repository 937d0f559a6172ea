"""`accord db ...`: where the database is, and schema management."""

from __future__ import annotations

from accord.cli.app import command_group, console, state

db_app = command_group("db", "Database location and schema management.")


@db_app.command("upgrade")
def upgrade() -> None:
    """Create or migrate the database to the current schema (safe to run again)."""
    from accord.services.maintenance import upgrade_database

    before, after = upgrade_database(state.database)
    where = state.database.engine.url.render_as_string(hide_password=True)
    if before == after:
        console.print(f"{where}: already at revision {after}")
    else:
        console.print(f"{where}: upgraded from {before or 'empty'} to revision {after}")


@db_app.command("status")
def status() -> None:
    """Which database accord uses (the same from every folder), its schema revision and size."""
    from accord.services.maintenance import database_status

    found = database_status(state.database_url)
    source = "default: the user's data directory" if found.default else "from ACCORD_DATABASE_URL"
    console.print(f"database: {found.url} ({source})", highlight=False, soft_wrap=True)
    if found.path is not None:
        console.print(f"file: {found.path}", highlight=False, soft_wrap=True)
    if not found.exists:
        console.print("state: not created yet (`accord db upgrade` or `accord ingest` creates it)")
        return
    if found.revision is None:
        console.print("schema: empty (`accord db upgrade` creates it)")
    elif found.current:
        console.print(f"schema: revision {found.revision} (current)")
    else:
        console.print(
            f"schema: revision {found.revision}, this accord needs {found.head} (`accord db upgrade`)"
        )
    if found.agreements is not None:
        console.print(f"agreements: {found.agreements}")
    stray = state.stray_database()
    if stray is not None:
        console.print(
            f"note: {stray} in this folder is not used; to use it, set "
            f"ACCORD_DATABASE_URL=sqlite:///{stray}, or move it to {found.path}",
            highlight=False,
            soft_wrap=True,
        )
