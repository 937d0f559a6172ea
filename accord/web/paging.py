"""The `?page=` and `?limit=` of the pages that list agreements a page at a time: checked here,
so that a page number that is no number, or under 1, or a limit past the largest page, is a
clear 400 before anything is read."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from accord.limits import MAX_ID
from accord.services.agreement_pages import DEFAULT_LIMIT, MAX_LIMIT

PageNumber = Annotated[int, Query(ge=1, le=MAX_ID, description="the page, from 1")]
PageLimit = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description=f"agreements a page (default {DEFAULT_LIMIT})")
]
__all__ = ["DEFAULT_LIMIT", "PageLimit", "PageNumber"]
