"""Sidecar metadata: `<name>.meta.json` (or `<name>.<ext>.meta.json`) beside a document."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from accord.domain.agreements import AgreementKind, AgreementMeta
from accord.domain.parties import party_list
from accord.errors import InputError


class _SidecarModel(BaseModel):
    # Sidecars are written by people and other tools (`source_url`, `retrieved`, ...): fields accord
    # does not know are kept out of the metadata and named in a warning, not refused.
    model_config = ConfigDict(extra="allow")

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


_KNOWN = "title, date (YYYY-MM-DD), kind, parties (codes such as US, KR, EU), source, slug, partial, notes"


def sidecar_path(document: Path) -> Path | None:
    for candidate in (document.with_name(document.name + ".meta.json"), document.with_suffix(".meta.json")):
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path, overridden: Collection[str] = ()) -> AgreementMeta:
    """The metadata in a sidecar; fields named in `overridden` (given by flags) are not read at all,
    so a flag can replace a sidecar value that accord would refuse."""
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
        model = _SidecarModel.model_validate({k: v for k, v in raw.items() if k not in overridden})
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise InputError(
            f"{path}: bad metadata field {where!r}: {first['msg']}",
            hint=f"the fields accord reads: {_KNOWN}",
        ) from None
    extra: dict[str, object] = {}
    if model.partial is not None:
        extra["partial"] = model.partial
    try:
        kind = AgreementKind.parse(model.kind) if model.kind else None
        parties = party_list(model.parties)
    except InputError as error:
        raise InputError(f"{path}: {error.message}", hint=error.hint) from None
    unknown = sorted(model.model_extra or {})
    warnings = (f"{path}: ignored the fields accord does not know: {', '.join(unknown)}",) if unknown else ()
    return AgreementMeta(
        title=model.title,
        date=model.date,
        kind=kind,
        parties=parties,
        source=model.source,
        slug=model.slug,
        extra=extra,
        warnings=warnings,
    )
