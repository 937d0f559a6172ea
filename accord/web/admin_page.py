"""The admin pages: users (list, change role and party, remove) and the audit trail (list,
filtered, and one record). The services decide who may (admins); a visitor who is not signed in
is asked to sign in first, since `by=None` would be the trusted local command line."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from accord.domain.access import Principal
from accord.domain.parties import all_parties
from accord.http.deps import Db
from accord.http.visitors import CheckedForm, PageVisitor
from accord.i18n.labels import ROLES
from accord.services.audit_trail import audit_entries, audit_entry
from accord.services.user_admin import change_user, list_users, remove_user
from accord.web import forms
from accord.web.forms import Key, ShownProblem, acting_user, form_page, submit
from accord.web.i18n import N_
from accord.web.render import PageRoute, render

router = APIRouter(include_in_schema=False, route_class=PageRoute)

Field = Annotated[str, Form()]
PAGE = 50
DONE = {"changed": N_("The user's role is changed."), "removed": N_("The user is removed.")}
Filter = Annotated[str, Query(max_length=200)]


@router.get("/admin/users", response_class=HTMLResponse)
def users_page(request: Request, db: Db, visitor: PageVisitor, *, problem: ShownProblem) -> HTMLResponse:
    user = acting_user(visitor)
    return form_page(
        request,
        "admin_users.html",
        {
            "section": "admin",
            "users": list_users(db, by=user),
            "roles": list(ROLES),
            "party_codes": sorted(all_parties()),
            "done": DONE.get(request.query_params.get("done", "")),
        },
        problem,
        alternate="/api/v1/users",
    )


@router.post("/admin/users/change")
def change(
    request: Request, db: Db, visitor: CheckedForm, name: Field = "", role: Field = "", party: Field = ""
) -> Response:
    def write(user: Principal) -> str:
        chosen = forms.choice(role, list(ROLES), field="role")
        code = forms.optional_text(party, limit=12, single_line=True, field="party")
        change_user(db, name, role=chosen, party=code, by=user)
        return "/admin/users?done=changed"

    form = f"change-{name}"
    return submit(
        request, visitor, form, write,
        lambda found: users_page(request, db, visitor, problem=found), {"role": role, "party": party},
    )  # fmt: skip


@router.post("/admin/users/removal")
def remove(request: Request, db: Db, visitor: CheckedForm, name: Field = "") -> Response:
    def write(user: Principal) -> str:
        remove_user(db, name, by=user)
        return "/admin/users?done=removed"

    return submit(
        request,
        visitor,
        f"remove-{name}",
        write,
        lambda found: users_page(request, db, visitor, problem=found),
    )


@router.get("/admin/audit", response_class=HTMLResponse)
def audit(
    request: Request,
    db: Db,
    visitor: PageVisitor,
    before: Annotated[int | None, Query(ge=1, le=forms.MAX_ID)] = None,
    action: Filter = "",
    actor: Filter = "",
    target: Filter = "",
) -> HTMLResponse:
    user = acting_user(visitor)
    entries = audit_entries(db, by=user, limit=PAGE, before=before, action=action, actor=actor, target=target)
    return render(
        request,
        "admin_audit.html",
        {
            "section": "admin",
            "entries": entries,
            "filters": {"action": action, "actor": actor, "target": target},
            "older": entries[-1].id if len(entries) == PAGE else None,
        },
        alternate="/api/v1/audit",
    )


@router.get("/admin/audit/{record}", response_class=HTMLResponse)
def audit_record(request: Request, db: Db, visitor: PageVisitor, record: Key) -> HTMLResponse:
    entry = audit_entry(db, record, by=acting_user(visitor))
    shown = {
        name: "—" if value is None else json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
        for name, value in (("before", entry.before), ("after", entry.after))
    }
    return render(
        request,
        "admin_audit_record.html",
        {"section": "admin", "e": entry, **shown},
        alternate=f"/api/v1/audit/{record}",
    )
