"""GET /api/v1/commitments/{id}/record: everything the commitment page shows, as JSON."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from accord.api.schemas import Id
from accord.domain.shapes import plain
from accord.http.deps import Db, reader
from accord.services.dossiers import commitment_record

router = APIRouter(prefix="/api/v1", dependencies=[Depends(reader)])


@router.get("/commitments/{commitment}/record")
def commitment_dossier(db: Db, commitment: Id) -> dict[str, Any]:
    """The commitment with its current levels, progress history, scores, action items and funding."""
    return plain(commitment_record(db, commitment))
