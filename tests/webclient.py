"""Helpers for talking to the pages over real HTTP: CSRF tokens and signed-in clients."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from accord.services.sessions import set_password
from accord.services.users import add_user
from accord.storage.database import Database

PASSWORD = "a long enough password"


def add_signing_user(db: Database, name: str, role: str, party: str | None = None) -> str:
    """A user who signs in with PASSWORD; returns the name."""
    add_user(db, name, role=role, party=party)
    set_password(db, name, PASSWORD)
    return name


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the page has no form with a CSRF token"
    return found.group(1)


@contextmanager
def signed_in(base: str, name: str, password: str = PASSWORD) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base) as client:
        token = csrf_of(client.get("/signin").text)
        response = client.post(
            "/signin", data={"csrf": token, "name": name, "password": password, "next": "/"}
        )
        assert response.status_code == 303, response.text
        yield client
