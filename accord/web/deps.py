"""Request dependencies shared by the pages and the API."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from accord.storage.database import Database


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


Db = Annotated[Database, Depends(get_db)]
