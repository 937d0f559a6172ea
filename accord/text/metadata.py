"""Sidecar metadata: `<name>.meta.json` (or `<name>.<ext>.meta.json`) beside a document."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from accord.domain.agreements import AgreementKind, AgreementMeta
from accord.domain.parties import party
from accord.errors import InputError


class _SidecarModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    date: dt.date | None = None
    kind: str | None = None
    parties: list[str] = []
    source: str | None = None
    slug: str | None = None
    partial: bool | None = None
    notes: str | None = None

    @field_validator("title")
    @classmethod
    def _title_not_blank(cls, value: str | None) -> str | None:
        if value is not None and not value.strip():
            raise ValueError("must not be blank")
        return value


def sidecar_path(document: Path) -> Path | None:
    for candidate in (document.with_name(document.name + ".meta.json"), document.with_suffix(".meta.json")):
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path) -> AgreementMeta:
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError(f"{path}: metadata is not UTF-8", hint="save the .meta.json file as UTF-8") from None
    except json.JSONDecodeError as error:
        raise InputError(
            f"{path}: malformed JSON at line {error.lineno}, column {error.colno}: {error.msg}",
            hint="fix the .meta.json file; see examples/us-kr/*.meta.json for the format",
        ) from None
    if not isinstance(raw, dict):
        raise InputError(
            f"{path}: metadata must be a JSON object", hint='e.g. {"title": "...", "kind": "mou"}'
        )
    try:
        model = _SidecarModel.model_validate(raw)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise InputError(
            f"{path}: bad metadata field {where!r}: {first['msg']}",
            hint="allowed fields: title, date (YYYY-MM-DD), kind, parties (codes such as US, KR, EU), source, slug, partial, notes",
        ) from None
    extra: dict[str, object] = {}
    if model.partial is not None:
        extra["partial"] = model.partial
    try:
        kind = AgreementKind.parse(model.kind) if model.kind else None
        parties = tuple(party(code).code for code in model.parties)
    except InputError as error:
        raise InputError(f"{path}: {error.message}", hint=error.hint) from None
    return AgreementMeta(
        title=model.title,
        date=model.date,
        kind=kind,
        parties=parties,
        source=model.source,
        slug=model.slug,
        extra=extra,
    )
