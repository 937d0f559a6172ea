"""Agreements a page at a time, for the pages that list every agreement (the agreements, their
meetings, their assessment cycles): with 10,000 agreements, one page of them is what a reader
can use, and what the server can read within the pages' 300 ms."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from accord.errors import InputError, NotFound
from accord.i18n import N_
from accord.services.queries import AgreementSummary, summaries
from accord.storage.database import Database
from accord.storage.tables import AgreementRow

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


@dataclass(frozen=True, slots=True)
class Paging:
    """Where a page sits: `page` counts from 1, `limit` agreements to a page, `total` in all."""

    page: int
    limit: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))

    @property
    def first(self) -> int:
        """The position (from 1) of the page's first agreement; 0 on an empty list."""
        return min((self.page - 1) * self.limit + 1, self.total)

    @property
    def last(self) -> int:
        return min(self.page * self.limit, self.total)

    @property
    def previous(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None


@dataclass(frozen=True, slots=True)
class AgreementPage:
    agreements: list[AgreementSummary]
    paging: Paging


def check_paging(page: int, limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise InputError(
            f"limit must be between 1 and {MAX_LIMIT}, got {limit}", hint="ask for fewer agreements a page"
        )
    if page < 1:
        raise InputError(f"page must be 1 or more, got {page}", hint="pages count from 1")


def paging_of(total: int, page: int, limit: int) -> Paging:
    """Where page `page` of `total` agreements sits; NotFound past the last page, saying how many
    there are."""
    paging = Paging(page, limit, total)
    if page > paging.pages:
        raise NotFound(
            N_("no page %(page)s of agreements: there are %(pages)s"),
            hint=N_("ask for a page from 1 to %(pages)s"),
            values={"page": page, "pages": paging.pages},
        )
    return paging


def page_agreements(db: Database, *, page: int = 1, limit: int = DEFAULT_LIMIT) -> AgreementPage:
    """The `page`-th `limit` agreements in the order of the full list (by date, then id), with
    their counts. A page past the last is NotFound (the first page of no agreements is empty)."""
    check_paging(page, limit)
    with db.reading() as session:
        total = session.scalar(select(func.count()).select_from(AgreementRow)) or 0
        paging = paging_of(total, page, limit)
        ids = session.scalars(
            select(AgreementRow.id)
            .order_by(AgreementRow.date, AgreementRow.id)
            .offset((page - 1) * limit)
            .limit(limit)
        ).all()
        return AgreementPage(summaries(session, ids), paging)
