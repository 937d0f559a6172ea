"""Reviewing a commitment: accept it, reject it, or correct its fields, on the version read
(the hidden version field plays the part of the API's If-Match). For an editor or secretariat
of one of its actor parties, or an admin, as the API's review route."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from accord.domain.access import Principal
from accord.domain.commitments import AREAS, STRENGTH_VALUES
from accord.http.deps import Db
from accord.http.visitors import CheckedForm, PageVisitor
from accord.services.commitments import TIMEFRAME_LENGTH, get_view, review
from accord.services.queries import agreement_parties
from accord.web import forms
from accord.web.forms import FieldError, Key, ShownProblem, acting_user, form_page, submit
from accord.web.i18n import N_
from accord.web.render import PageRoute

router = APIRouter(include_in_schema=False, route_class=PageRoute)

Field = Annotated[str, Form()]
Many = Annotated[list[str], Form()]
DECISIONS = ("accept", "reject", "edit")


def _differs(name: str, wanted: str, before: str) -> bool:
    if name in ("actors", "areas"):
        return set(filter(None, wanted.split(","))) != set(filter(None, before.split(",")))
    return wanted != before


@router.get("/commitments/{commitment}/review", response_class=HTMLResponse)
def review_page(
    request: Request, db: Db, visitor: PageVisitor, commitment: Key, *, problem: ShownProblem
) -> HTMLResponse:
    view = get_view(db, commitment)
    acting_user(visitor).require_write_any(view.actors)
    return form_page(
        request,
        "review.html",
        {
            "view": view,
            "parties": agreement_parties(db, view.agreement),
            "areas": AREAS,
            "strengths": STRENGTH_VALUES,
            "done": DONE.get(request.query_params.get("done", "")),
            "timeframe_limit": TIMEFRAME_LENGTH,
        },
        problem,
        alternate=f"/api/v1/commitments/{commitment}",
    )


DONE = {
    "1": N_("Your review is recorded."),
    "pending": N_(
        "Your party's consent is recorded; the change is made once every acting party asks for it."
    ),
}


@router.post("/commitments/{commitment}/review")
def review_commitment(
    request: Request,
    db: Db,
    visitor: CheckedForm,
    commitment: Key,
    decision: Field = "",
    actors: Many = [],  # noqa: B006 (FastAPI copies a default list)
    strength: Field = "",
    areas: Many = [],  # noqa: B006
    timeframe: Field = "",
    due: Field = "",
    note: Field = "",
    version: Field = "",
) -> Response:
    def write(user: Principal) -> str:
        current = get_view(db, commitment)
        read = forms.version(version)
        chosen = forms.choice(decision, list(DECISIONS))
        said = forms.optional_text(note, limit=10_000)
        sets: list[tuple[str, str]] = []
        if chosen == "edit":
            parties = agreement_parties(db, current.agreement)
            wanted = {
                "actors": ",".join((forms.choice(code, parties)) for code in actors),
                "strength": (forms.choice(strength, STRENGTH_VALUES)),
                "areas": ",".join((forms.choice(area, list(AREAS))) for area in areas),
                "timeframe": forms.optional_text(timeframe, limit=TIMEFRAME_LENGTH, single_line=True) or "",
                "due": (found.isoformat() if (found := forms.optional_day(due)) else ""),
            }
            before = {
                "actors": ",".join(current.actors), "strength": current.strength,
                "areas": ",".join(current.areas), "timeframe": current.timeframe or "",
                "due": current.due.isoformat() if current.due else "",
            }  # fmt: skip
            # The boxes come in the form's order, not the record's: a list field changes only
            # when its members do (else re-sending the form as it is would "edit" the areas).
            sets = [(name, value) for name, value in wanted.items() if _differs(name, value, before[name])]
            if ("actors", "") in sets:
                raise FieldError(
                    N_("A commitment needs at least one actor."), hint=N_("Tick the parties that act.")
                )
            if ("areas", "") in sets:
                raise FieldError(
                    N_("A commitment needs at least one area."), hint=N_("Tick the areas it concerns.")
                )
            if not sets:
                raise FieldError(
                    N_("Nothing was changed."), hint=N_("Change a field, or accept the commitment as it is.")
                )
        reviewed = review(
            db, commitment, accept=chosen == "accept", reject=chosen == "reject", sets=sets,
            reviewer=user.name, note=said, expected_version=read, by=user,
        )  # fmt: skip
        waiting = any(user.party in change.consented for change in reviewed.pending_changes)
        return f"/commitments/{commitment}/review?done={'pending' if waiting else 1}"

    sent: dict[str, object] = {
        "decision": decision, "actors": actors, "strength": strength, "areas": areas,
        "timeframe": timeframe, "due": due, "note": note,
    }  # fmt: skip
    return submit(
        request, visitor, "review", write, lambda found: review_page(request, db, visitor, commitment, problem=found), sent
    )  # fmt: skip
