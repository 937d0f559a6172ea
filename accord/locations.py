"""Where accord's database is, read without pydantic: the read commands need the URL alone, and
importing pydantic-settings costs them more than their own work. `accord.settings.Settings` reads
the same variable with the same default."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

DATABASE_FILE = "accord.db"
DATABASE_URL_VARIABLE = "ACCORD_DATABASE_URL"


def data_directory() -> Path:
    """The per-user folder of the default database (~/.local/share/accord on Linux, honouring
    XDG_DATA_HOME): the same from whichever folder accord is run."""
    return user_data_path("accord", appauthor=False)


def default_database_url() -> str:
    return f"sqlite:///{data_directory() / DATABASE_FILE}"


def configured_database_url() -> str:
    """ACCORD_DATABASE_URL, else the default; the name matched in any case, as Settings matches it
    (the last of several spellings wins there too)."""
    found = None
    for name, value in os.environ.items():
        if name.lower() == DATABASE_URL_VARIABLE.lower():
            found = value
    return default_database_url() if found is None else found
