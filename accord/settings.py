"""The one place configuration is read. Settings are injected, never imported as globals."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from accord.locations import DATABASE_FILE, data_directory, default_database_url

__all__ = ["DATABASE_FILE", "Settings", "data_directory", "default_database_url"]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ACCORD_", extra="ignore")

    database_url: str = Field(
        default_factory=default_database_url,
        description="SQLAlchemy URL of the database; by default the SQLite file accord.db in the user's "
        "data directory (~/.local/share/accord on Linux), whichever folder accord is run from; "
        "or e.g. sqlite:////srv/accord/accord.db, postgresql+psycopg://user@host:5432/accord.",
    )
    host: str = Field(default="127.0.0.1", description="Address `accord serve` binds to.")
    port: int = Field(default=8000, description="Port `accord serve` listens on.")
    public_read: bool = Field(
        default=True,
        description="Let anyone read without a token (the pages and GET endpoints); writes always need one.",
    )
    echo_sql: bool = Field(default=False, description="Log every SQL statement (debugging).")
    warm_charts: bool = Field(
        default=True,
        description="Draw the overview's charts in the background whenever the record changes, in a "
        "low-priority child process of each server process, so that no page view waits for them.",
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description="Key that signs the pages' session cookies and CSRF tokens. Unset: read from "
        "ACCORD_SECRET_KEY_FILE, which is made (mode 0600) on first use.",
    )
    secret_key_file: Path | None = Field(
        default=None,
        description="File holding the signing key when ACCORD_SECRET_KEY is unset; made with mode 0600 "
        "on first use. Default: beside a SQLite database (accord.db.key), else "
        "~/.local/state/accord/session.key. Every worker must read the same key.",
    )
    session_idle_minutes: int = Field(
        default=60,
        ge=1,
        le=7 * 24 * 60,
        description="A signed-in session that makes no request for this many minutes ends.",
    )
