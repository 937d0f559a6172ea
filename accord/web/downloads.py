"""Files to download from the pages: the compliance report, the exports and the iCalendar feed.

Each is the same file the CLI writes (`accord report`, `accord export`, `accord calendar`), sent as an
attachment; errors keep the API's one JSON shape.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from accord.domain.access import Principal
from accord.errors import NotFound
from accord.http.deps import Db, reader
from accord.limits import MAX_ID
from accord.reports import compliance, exports
from accord.services.auditing import audit_head
from accord.services.deadlines import calendar
from accord.services.evidence import evidence_file
from accord.services.report_data import report_data
from accord.web.export_cache import ExportCache, keeping
from accord.web.i18n import LANGUAGES, choose_language
from accord.web.report_cache import ReportCache

# Rows an export gives a reader who is neither signed in nor sends a token: enough for any one
# agreement, not a way to make the server write the whole record again and again for anyone.
ANONYMOUS_ROWS = 10_000
Reference = Annotated[
    str, Path(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_-]+$", description="id or slug")
]
OptionalReference = Annotated[
    str | None, Query(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9_-]+$", description="id or slug")
]
CycleId = Annotated[int | None, Query(ge=1, le=MAX_ID, description="default: the latest")]
Language = Annotated[
    str | None,
    Query(pattern=f"^({'|'.join(LANGUAGES)})$", description="en or ko (default: the visitor's language)"),
]

router = APIRouter(include_in_schema=False, dependencies=[Depends(reader)])


def attachment(data: bytes, media_type: str, filename: str) -> Response:
    # Every name is made of a slug ([A-Za-z0-9_-]), a kind and an extension: nothing to quote or encode.
    return Response(
        data, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


OnlyAssessed = Annotated[
    bool, Query(description="leave out the commitments with neither a guideline nor a score in the cycle")
]


@router.get("/agreements/{reference}/report.{fmt}")
def report(
    request: Request,
    reference: Reference,
    fmt: str,
    db: Db,
    cycle: CycleId = None,
    lang: Language = None,
    only_assessed: OnlyAssessed = False,
) -> Response:
    return _report(request, db, reference, fmt, cycle, lang, only_assessed)


@router.get("/agreements/{reference}/report")
def report_form(
    request: Request,
    reference: Reference,
    db: Db,
    fmt: Annotated[str, Query(alias="format", max_length=10, description="pdf, html or md")] = "pdf",
    cycle: CycleId = None,
    lang: Language = None,
    only_assessed: OnlyAssessed = False,
) -> Response:
    """What the agreement page's report form asks for: the same file, its format a field of the form."""
    return _report(request, db, reference, fmt, cycle, lang, only_assessed)


def _report(
    request: Request,
    db: Db,
    reference: str,
    fmt: str,
    cycle: int | None,
    lang: str | None,
    only_assessed: bool,
) -> Response:
    if fmt not in compliance.FORMATS:
        raise NotFound(f"no report as .{fmt}", hint="report.html, report.pdf or report.md")
    # An explicit ?lang= is checked (422 when unknown); otherwise the language the pages would choose.
    language = lang or choose_language(request)
    cache: ReportCache = request.app.state.report_cache
    key, head = (reference, fmt, cycle, language, only_assessed), audit_head(db)
    kept = cache.get(key, head)
    if kept is None:
        data = report_data(db, reference, cycle=cycle, only_assessed=only_assessed)
        filename = f"{data.agreement.slug}-cycle-{data.cycle.id}-compliance.{fmt}"
        kept = filename, compliance.render(data, fmt, language)
        cache.keep(key, head, kept, len(kept[1]))
    filename, body = kept
    return attachment(body, compliance.FORMATS[fmt], filename)


@router.get("/exports/{kind}.{fmt}")
async def export(
    request: Request,
    kind: str,
    fmt: str,
    db: Db,
    caller: Annotated[Principal | None, Depends(reader)],
    agreement: OptionalReference = None,
) -> Response:
    """The file streams, an agreement at a time; when the client leaves, the server stops asking for
    chunks and the export stops. An anonymous reader gets at most ANONYMOUS_ROWS rows: the same
    file for every anonymous reader, kept until the next write (accord.web.export_cache)."""
    if kind not in exports.KINDS or fmt not in exports.FORMATS:
        raise NotFound(
            f"no export {kind}.{fmt}",
            hint="commitments, progress or funding, as .csv, .json or .xlsx, e.g. /exports/commitments.csv",
        )
    headers = {"Content-Disposition": f'attachment; filename="{exports.filename(kind, fmt, agreement)}"'}
    if caller is not None:
        stream = exports.chunks(db, kind, fmt=fmt, agreement=agreement)
        first = await run_in_threadpool(next, stream)  # errors (an unknown agreement) before the headers
        return StreamingResponse(_prepend(first, stream), media_type=exports.FORMATS[fmt], headers=headers)
    headers["X-Row-Limit"] = str(ANONYMOUS_ROWS)
    cache: ExportCache = request.app.state.export_cache
    key, head = (kind, fmt, agreement), await run_in_threadpool(audit_head, db)
    kept = cache.get(key, head)
    if kept is not None:
        return Response(kept, media_type=exports.FORMATS[fmt], headers=headers)
    stream = exports.chunks(db, kind, fmt=fmt, agreement=agreement, max_rows=ANONYMOUS_ROWS)
    first = await run_in_threadpool(next, stream)
    body = keeping(cache, key, head, _prepend(first, stream), db)
    return StreamingResponse(body, media_type=exports.FORMATS[fmt], headers=headers)


def _prepend(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


@router.get("/agreements/{reference}/calendar.ics")
def calendar_feed(reference: Reference, db: Db) -> Response:
    return attachment(calendar(db, reference), "text/calendar; charset=utf-8", f"{reference}.ics")


@router.get("/evidence/{entry}")
def evidence_download(entry: Annotated[int, Path(ge=1, le=MAX_ID)], db: Db) -> Response:
    """The file a progress entry cites, for whoever may read the record (the read gate above),
    as an attachment of its checked type: never shown inline, so a file cannot act as a page."""
    found = evidence_file(db, entry)
    return Response(
        found.content,
        media_type=found.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="evidence-{entry}{_suffix(found.name)}"; '
            f"filename*=UTF-8''{quote(found.name, safe='')}",
            "X-Content-Type-Options": "nosniff",
        },
    )


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    suffix = name[dot:].lower() if dot > 0 else ""
    return suffix if suffix[1:].isalnum() and len(suffix) <= 6 else ""
