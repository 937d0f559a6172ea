"""An agreement's provisions: spans into the exact text of one version, flat or as a tree."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel

from accord.api.schemas import AgreementRef
from accord.domain.shapes import plain
from accord.http.deps import Db, reader
from accord.limits import MAX_ID
from accord.services.queries import ProvisionNode, ProvisionSpan, document_provisions

router = APIRouter(prefix="/api/v1", tags=["provisions"], dependencies=[Depends(reader)])

Kind = Literal["section", "heading", "paragraph", "lead_in", "list_item", "sentence"]
Version = Annotated[int | None, Query(ge=1, le=MAX_ID, description="the text's version (default: latest)")]


class ProvisionsOut(BaseModel):
    agreement: str
    version: int
    sha256: str
    items: list[ProvisionSpan]


class TreeOut(BaseModel):
    agreement: str
    version: int
    sha256: str
    provisions: list[ProvisionNode]


@router.get("/agreements/{agreement}/provisions", response_model=ProvisionsOut)
def provisions(
    db: Db, agreement: AgreementRef, version: Version = None, kind: Kind | None = None
) -> dict[str, Any]:
    """Every provision in text order, with its parent; `text == document.text[start:end]`."""
    found = document_provisions(db, agreement, version=version)
    return {
        "agreement": found.agreement,
        "version": found.version,
        "sha256": found.sha256,
        "items": [plain(span) for span in found.spans if kind is None or span.kind == kind],
    }


@router.get("/agreements/{agreement}/provisions/tree", response_model=TreeOut)
def provision_tree(db: Db, agreement: AgreementRef, version: Version = None) -> dict[str, Any]:
    """The provision tree of one version of the text."""
    found = document_provisions(db, agreement, version=version)
    return {
        "agreement": found.agreement,
        "version": found.version,
        "sha256": found.sha256,
        "provisions": [plain(node) for node in found.tree],
    }
