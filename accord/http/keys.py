"""The key that signs session cookies and CSRF tokens: from ACCORD_SECRET_KEY, or from a key file
made with mode 0600 on first use. Never from the database: anyone who could read a copy of the
database could otherwise sign an admin's cookie."""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

from accord.errors import InputError
from accord.settings import Settings
from accord.storage.database import sqlite_file

MIN_KEY = 32  # characters; a shorter configured key is refused


def key_file(settings: Settings) -> Path:
    """Where the key is kept when ACCORD_SECRET_KEY is unset."""
    if settings.secret_key_file is not None:
        return settings.secret_key_file
    database = sqlite_file(settings.database_url)
    if database is not None:
        return Path(f"{database}.key")
    state = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    return state / "accord" / "session.key"


def signing_key(settings: Settings) -> bytes:
    if settings.secret_key is not None:
        configured = settings.secret_key.get_secret_value()
        if len(configured) < MIN_KEY:
            raise InputError(
                f"ACCORD_SECRET_KEY must have at least {MIN_KEY} characters",
                hint="e.g. python3 -c 'import secrets; print(secrets.token_hex(32))'",
            )
        return configured.encode()
    return _read_or_make(key_file(settings))


def _read_or_make(path: Path) -> bytes:
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # The key is written whole to a file of its own, then linked into place: a worker or a request
    # that reads the key while another makes it finds no file or a whole one, never a partial one
    # (made in place with O_EXCL, it was read empty by concurrent first requests). The link fails
    # when another made the key first, and then that key is the one.
    descriptor, made = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # mode 0600
    try:
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_hex(32) + "\n")
            file.flush()
            os.fsync(file.fileno())
        with contextlib.suppress(FileExistsError):
            os.link(made, path)
    finally:
        os.unlink(made)
    return _read(path)


def _read(path: Path) -> bytes:
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        raise InputError(
            f"{path}: the session key file is readable by others (mode {mode:o})",
            hint=f"chmod 600 {path}",
        )
    key = path.read_text().strip()
    if len(key) < MIN_KEY:
        # A truncated file (keys are linked into place whole).
        raise InputError(f"{path}: the session key file is too short", hint="delete it; a new one is made")
    return key.encode()
