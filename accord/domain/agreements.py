"""What an agreement is, before it is stored: its metadata and its kind."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from accord.domain.choices import Choices
from accord.errors import InputError


class AgreementKind(Choices, noun="kind"):
    MOU = "mou"
    FACT_SHEET = "fact_sheet"
    JOINT_STATEMENT = "joint_statement"
    COMMUNIQUE = "communique"
    DECLARATION = "declaration"
    AGREEMENT = "agreement"
    ARRANGEMENT = "arrangement"
    OTHER = "other"

    @property
    def is_signed(self) -> bool:
        """Instruments that are signed have a signing lifecycle; a statement, fact sheet,
        communiqué or declaration is issued on its date. An unknown kind keeps the lifecycle."""
        return self not in (
            AgreementKind.FACT_SHEET, AgreementKind.JOINT_STATEMENT, AgreementKind.COMMUNIQUE,
            AgreementKind.DECLARATION,
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class AgreementMeta:
    """Metadata given by flags or a sidecar `.meta.json`; every field may be missing."""

    title: str | None = None
    date: dt.date | None = None
    kind: AgreementKind | None = None
    parties: tuple[str, ...] = ()
    source: str | None = None
    slug: str | None = None
    extra: dict[str, object] = field(default_factory=dict)
    # What the reader of this metadata should be told, one line each (e.g. fields that were ignored).
    warnings: tuple[str, ...] = ()

    def merged_over(self, base: AgreementMeta) -> AgreementMeta:
        """These values where given, `base`'s elsewhere (flags override the sidecar)."""
        return AgreementMeta(
            title=self.title or base.title,
            date=self.date or base.date,
            kind=self.kind or base.kind,
            parties=self.parties or base.parties,
            source=self.source or base.source,
            slug=self.slug or base.slug,
            extra={**base.extra, **self.extra},
            warnings=base.warnings + self.warnings,
        )


def parse_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"bad date {value!r}", hint="write dates as YYYY-MM-DD, e.g. 2025-10-29") from None


_KIND_WORDS = (
    ("memorandum of understanding", AgreementKind.MOU),
    ("mou", AgreementKind.MOU),
    ("fact sheet", AgreementKind.FACT_SHEET),
    ("joint statement", AgreementKind.JOINT_STATEMENT),
    ("joint declaration", AgreementKind.DECLARATION),
    ("communiqué", AgreementKind.COMMUNIQUE),
    ("communique", AgreementKind.COMMUNIQUE),
    ("declaration", AgreementKind.DECLARATION),
    ("arrangement", AgreementKind.ARRANGEMENT),
    ("agreement", AgreementKind.AGREEMENT),
)


def guess_kind(title: str) -> AgreementKind:
    """The kind a title announces ("FACT SHEET: ...", "Joint Statement ..."), else OTHER."""
    words = re.sub(r"[^\w\s]", " ", title.lower())
    padded = f" {' '.join(words.split())} "
    lowered = title.lower()
    for phrase, kind in _KIND_WORDS:
        if f" {phrase} " in padded or (phrase in lowered and " " in phrase):
            return kind
    return AgreementKind.OTHER


def slugify(name: str) -> str:
    """A URL- and shell-friendly identifier from a file name: 'US-KR TPD MOU (2025)' -> 'us-kr-tpd-mou-2025'."""
    slug = re.sub(r"[^\w]+", "-", name.lower(), flags=re.ASCII).strip("-")
    return slug[:200] or "agreement"
