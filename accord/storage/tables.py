"""SQLAlchemy 2 tables. Spans are stored as span_start/span_end: `end` is an SQL keyword."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from accord.domain.parties import CODE_MAX_LENGTH


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


def table(model: type[Base]) -> Table:
    """A mapped class's Table, for bulk Core statements."""
    return cast(Table, model.__table__)


class PartyRow(Base):
    __tablename__ = "parties"

    code: Mapped[str] = mapped_column(String(CODE_MAX_LENGTH), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_ko: Mapped[str] = mapped_column(String(200))


class AgreementRow(Base):
    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(String(1000))
    date: Mapped[dt.date | None] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(32))
    legally_binding: Mapped[bool | None] = mapped_column(Boolean)
    terms: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    source: Mapped[str | None] = mapped_column(String(2000))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    parties: Mapped[list[AgreementPartyRow]] = relationship(
        order_by="AgreementPartyRow.position", cascade="all, delete-orphan"
    )
    documents: Mapped[list[DocumentRow]] = relationship(
        back_populates="agreement", order_by="DocumentRow.version", cascade="all, delete-orphan"
    )

    @property
    def party_codes(self) -> list[str]:
        return [link.party_code for link in self.parties]


class AgreementPartyRow(Base):
    __tablename__ = "agreement_parties"

    agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), primary_key=True
    )
    party_code: Mapped[str] = mapped_column(ForeignKey("parties.code"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)


class DocumentRow(Base):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("agreement_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    source_path: Mapped[str] = mapped_column(String(2000))
    media_type: Mapped[str] = mapped_column(String(100))
    byte_size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    agreement: Mapped[AgreementRow] = relationship(back_populates="documents")


class ProvisionRow(Base):
    __tablename__ = "provisions"
    __table_args__ = (Index("ix_provisions_document_span", "document_id", "span_start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("provisions.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    ordinal: Mapped[int] = mapped_column(Integer)
    depth: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column("span_start", Integer)
    end: Mapped[int] = mapped_column("span_end", Integer)


class BodyRow(Base):
    """An agency, institute, task force, working group, partnership or programme acting for a party."""

    __tablename__ = "bodies"
    __table_args__ = (UniqueConstraint("name", "party_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    acronym: Mapped[str | None] = mapped_column(String(50))
    kind: Mapped[str] = mapped_column(String(32), default="other")
    party_code: Mapped[str | None] = mapped_column(ForeignKey("parties.code"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="SET NULL"), index=True)


class CommitmentRow(Base):
    __tablename__ = "commitments"
    __table_args__ = (
        Index("ix_commitments_agreement_span", "agreement_id", "span_start"),
        # Lists filtered by agreement walk it in id order (keyset pagination).
        Index("ix_commitments_agreement_id", "agreement_id", "id"),
        # Read without touching the rows (quotes make them large): an agreement's commitments not
        # rejected and the overdue ones rejected (the overview), a commitment's agreement and state
        # (the API list's actors, the totals' triggers).
        Index("ix_commitments_agreement_review_state", "agreement_id", "review_state"),
        Index("ix_commitments_review_state_due", "review_state", "due"),
        Index("ix_commitments_id_agreement_review_state", "id", "agreement_id", "review_state"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    provision_id: Mapped[int | None] = mapped_column(
        ForeignKey("provisions.id", ondelete="SET NULL"), index=True
    )
    start: Mapped[int] = mapped_column("span_start", Integer)
    end: Mapped[int] = mapped_column("span_end", Integer)
    # document.text[start:end], kept so a page of quotes never reads whole documents (spans never move).
    quote: Mapped[str] = mapped_column(Text, default="", server_default="")
    strength: Mapped[str | None] = mapped_column(String(16), index=True)
    timeframe: Mapped[str | None] = mapped_column(String(200))
    due: Mapped[dt.date | None] = mapped_column(Date, index=True)
    review_state: Mapped[str] = mapped_column(String(16), default="extracted", index=True)
    # The extractor's output as it was, kept whatever a reviewer later changes.
    extracted: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    extractor: Mapped[str] = mapped_column(String(200), default="")
    vocabulary_checksum: Mapped[str] = mapped_column(String(64), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )


class CommitmentActorRow(Base):
    """A party acting on a commitment, with its current progress level.

    `progress` repeats the latest of that party's progress_updates (by made_on, then id), kept in the
    same transaction as every progress write, so that lists filter by it through an index.
    """

    __tablename__ = "commitment_actors"
    __table_args__ = (
        # Both end in commitment_id so a filtered list reads matching ids already in order.
        Index("ix_commitment_actors_party_commitment", "party_code", "commitment_id"),
        Index("ix_commitment_actors_party_progress_commitment", "party_code", "progress", "commitment_id"),
    )

    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), primary_key=True
    )
    party_code: Mapped[str] = mapped_column(ForeignKey("parties.code"), primary_key=True)
    progress: Mapped[str] = mapped_column(String(16), default="no_evidence", server_default="no_evidence")


class CommitmentAreaRow(Base):
    __tablename__ = "commitment_areas"
    __table_args__ = (Index("ix_commitment_areas_area_commitment", "area", "commitment_id"),)

    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), primary_key=True
    )
    area: Mapped[str] = mapped_column(String(32), primary_key=True)


class ProgressTallyRow(Base):
    """Signed changes to the count of (area, party, level) over every commitment not rejected: a
    cell's count is the sum of its rows. Kept by triggers on every write to actors, areas and
    review states (migration 0016_overview_scale); accord.storage.tallies reads and folds them."""

    __tablename__ = "progress_tallies"

    id: Mapped[int] = mapped_column(primary_key=True)
    area: Mapped[str] = mapped_column(String(32))
    party_code: Mapped[str] = mapped_column(String(CODE_MAX_LENGTH))
    level: Mapped[str] = mapped_column(String(16))
    n: Mapped[int] = mapped_column(Integer)


class TallyPauseRow(Base):
    """While this holds a row, inserting into commitment_actors and commitment_areas is not tallied
    by their triggers on SQLite: the writer that put it there tallies its rows itself, in the same
    transaction, and takes it out again (migration 0020_tally_pauses, `tallies.paused`)."""

    __tablename__ = "tally_pauses"

    id: Mapped[int] = mapped_column(primary_key=True)


class FundingTallyRow(Base):
    """Signed changes to the money of (party, currency, flow type) over the whole record, as
    accord.services.funding counts it: a cell's total is the sum of its rows. Kept by triggers on
    amounts, flows and review states (migration 0016_overview_scale)."""

    __tablename__ = "funding_tallies"

    id: Mapped[int] = mapped_column(primary_key=True)
    party_code: Mapped[str] = mapped_column(String(CODE_MAX_LENGTH))
    currency: Mapped[str] = mapped_column(String(3))
    type: Mapped[str] = mapped_column(String(16))
    value: Mapped[Decimal] = mapped_column(Numeric(24, 2))


class CommitmentBodyRow(Base):
    __tablename__ = "commitment_bodies"

    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), primary_key=True
    )
    body_id: Mapped[int] = mapped_column(
        ForeignKey("bodies.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    start: Mapped[int | None] = mapped_column("span_start", Integer)
    end: Mapped[int | None] = mapped_column("span_end", Integer)


class AmountRow(Base):
    __tablename__ = "amounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="CASCADE"), index=True)
    value: Mapped[Decimal] = mapped_column(Numeric(24, 2))
    currency: Mapped[str] = mapped_column(String(3))
    party_code: Mapped[str | None] = mapped_column(ForeignKey("parties.code"))
    period: Mapped[str | None] = mapped_column(String(32))
    start: Mapped[int] = mapped_column("span_start", Integer)
    end: Mapped[int] = mapped_column("span_end", Integer)


class ReviewRow(Base):
    """A person's decision on a commitment: accept, reject, or set one field."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(16))
    field: Mapped[str | None] = mapped_column(String(32))
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    reviewer: Mapped[str | None] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class LifecycleEventRow(Base):
    """One act in an agreement's life: made on one date, taking effect on another (or not yet)."""

    __tablename__ = "lifecycle_events"
    # "Each party signs once", "consent once": a second row is refused by the database too.
    __table_args__ = (
        Index(
            "uq_lifecycle_events_sign_once", "agreement_id", "party_code", unique=True,
            sqlite_where=text("act = 'sign'"), postgresql_where=text("act = 'sign'"),
        ),
        Index(
            "uq_lifecycle_events_consent_once", "agreement_id", "party_code", "version", unique=True,
            sqlite_where=text("act = 'consent'"), postgresql_where=text("act = 'consent'"),
        ),
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    act: Mapped[str] = mapped_column(String(32))
    party_code: Mapped[str | None] = mapped_column(ForeignKey("parties.code"))
    version: Mapped[int | None] = mapped_column(Integer)
    made_on: Mapped[dt.date] = mapped_column(Date)
    takes_effect_on: Mapped[dt.date | None] = mapped_column(Date)
    signatory: Mapped[str | None] = mapped_column(String(300))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ProgressRow(Base):
    """One dated, attributed change of a party's progress on a commitment, with its evidence."""

    __tablename__ = "progress_updates"
    __table_args__ = (Index("ix_progress_commitment_party", "commitment_id", "party_code", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="CASCADE"))
    party_code: Mapped[str] = mapped_column(ForeignKey("parties.code"))
    level: Mapped[str] = mapped_column(String(16))
    made_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    evidence_url: Mapped[str | None] = mapped_column(String(2000))
    evidence_on: Mapped[dt.date | None] = mapped_column(Date)
    evidence_name: Mapped[str | None] = mapped_column(String(500))
    # The evidence file, stored once by its SHA-256 in evidence_files.
    evidence_sha256: Mapped[str | None] = mapped_column(ForeignKey("evidence_files.sha256"))
    recorded_by: Mapped[str | None] = mapped_column(String(200))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class EvidenceFileRow(Base):
    """An evidence file, stored by the SHA-256 of its content: the same file sent twice is kept once."""

    __tablename__ = "evidence_files"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(100))
    byte_size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    stored_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class FundingFlowRow(Base):
    """A money flow entered by hand (pledges also come from reviewed extracted amounts)."""

    __tablename__ = "funding_flows"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    commitment_id: Mapped[int | None] = mapped_column(
        ForeignKey("commitments.id", ondelete="SET NULL"), index=True
    )
    party_code: Mapped[str] = mapped_column(ForeignKey("parties.code"))
    type: Mapped[str] = mapped_column(String(16))
    value: Mapped[Decimal] = mapped_column(Numeric(24, 2))
    currency: Mapped[str] = mapped_column(String(3))
    period: Mapped[str | None] = mapped_column(String(32))
    made_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class GuidelineRow(Base):
    """What full, partial and no compliance mean for one commitment, written before scoring."""

    __tablename__ = "guidelines"

    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), primary_key=True
    )
    text: Mapped[str] = mapped_column(Text)
    written_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class AssessmentCycleRow(Base):
    __tablename__ = "assessment_cycles"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    opened_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class CycleReviewRow(Base):
    """A party's review of a cycle's scores; the cycle is final once every party has reviewed."""

    __tablename__ = "cycle_reviews"

    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("assessment_cycles.id", ondelete="CASCADE"), primary_key=True
    )
    party_code: Mapped[str] = mapped_column(ForeignKey("parties.code"), primary_key=True)
    reviewed_on: Mapped[dt.date] = mapped_column(Date)


class ScoreRow(Base):
    __tablename__ = "assessment_scores"
    __table_args__ = (UniqueConstraint("cycle_id", "commitment_id", "party_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle_id: Mapped[int] = mapped_column(ForeignKey("assessment_cycles.id", ondelete="CASCADE"), index=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="CASCADE"), index=True)
    party_code: Mapped[str] = mapped_column(ForeignKey("parties.code"))
    score: Mapped[int] = mapped_column(Integer)
    justification: Mapped[str] = mapped_column(Text)
    scored_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class MeetingRow(Base):
    """A Joint Committee meeting, with minutes drafted and then approved by every party."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    held_on: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(300))
    minutes: Mapped[str | None] = mapped_column(Text)
    # Bumped by every change to the minutes or their approvals: the meeting's ETag.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class MinutesApprovalRow(Base):
    __tablename__ = "minutes_approvals"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True)
    party_code: Mapped[str] = mapped_column(ForeignKey("parties.code"), primary_key=True)
    approved_on: Mapped[dt.date] = mapped_column(Date)


class DecisionRow(Base):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)


class ActionItemRow(Base):
    """One task with one owner (a party or a body), a due date and, often, a commitment it serves."""

    __tablename__ = "action_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(Text)
    owner_party: Mapped[str | None] = mapped_column(ForeignKey("parties.code"))
    owner_body_id: Mapped[int | None] = mapped_column(
        ForeignKey("bodies.id", ondelete="SET NULL"), index=True
    )
    due: Mapped[dt.date] = mapped_column(Date)
    commitment_id: Mapped[int | None] = mapped_column(
        ForeignKey("commitments.id", ondelete="SET NULL"), index=True
    )
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    party_code: Mapped[str | None] = mapped_column(ForeignKey("parties.code"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # argon2 hash of the password for signing in to the pages; None: the user signs in with tokens only.
    password_hash: Mapped[str | None] = mapped_column(String(200))


class WebSessionRow(Base):
    """A signed-in session of the pages, kept on the server so that signing out ends it for good.

    The cookie holds a random token; only its SHA-256 is stored here, so a copy of the database
    cannot be replayed as a cookie."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)  # sha256 hex of the cookie's token
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SignInAttemptRow(Base):
    """A failed or successful sign-in, by name and address: what throttling counts."""

    __tablename__ = "sign_in_attempts"
    __table_args__ = (
        Index("ix_sign_in_attempts_name_at", "name", "at"),
        Index("ix_sign_in_attempts_address_at", "address", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(64))
    succeeded: Mapped[bool] = mapped_column(Boolean)


class TokenRow(Base):
    """An API token: only its argon2 hash is kept; the token is shown once, when made."""

    __tablename__ = "tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    prefix: Mapped[str] = mapped_column(String(16), index=True)  # finds the row without trying every hash
    token_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class AuditRow(Base):
    """One write, chained: each record carries the hash of the one before it."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(200))
    before: Mapped[Any] = mapped_column(JSON, nullable=True)
    after: Mapped[Any] = mapped_column(JSON, nullable=True)
    previous_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # 0 on the main chain; a side-branch record (an old concurrent fork) carries its own id.
    branch: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    # One successor per record on the main chain: two writers can never fork it again.
    __table_args__ = (UniqueConstraint("previous_hash", "branch", name="uq_audit_log_one_successor"),)


class CommitmentConsentRow(Base):
    """A party's consent to a change of a joint commitment that needs every acting party (its
    actors, or rejecting it); the change is made once every acting party has consented to the
    same value."""

    __tablename__ = "commitment_consents"

    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), primary_key=True
    )
    change: Mapped[str] = mapped_column(String(16), primary_key=True)  # "actors" or "reject"
    party_code: Mapped[str] = mapped_column(ForeignKey("parties.code"), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON, nullable=True)
    given_by: Mapped[str] = mapped_column(String(200))
    given_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class IdempotencyKeyRow(Base):
    """A write's Idempotency-Key, stored in the write's own transaction, then its first answer."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (Index("ix_idempotency_keys_created_at", "created_at"),)

    principal: Mapped[str] = mapped_column(String(200), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[int | None] = mapped_column(Integer)
    content_type: Mapped[str | None] = mapped_column(String(200))
    body: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class VectorGenerationRow(Base):
    """One row whose number moves whenever `commitment_vectors` changes (raised by triggers made
    in migration 0015): processes holding the vectors in memory reload when it moved."""

    __tablename__ = "vector_generation"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    generation: Mapped[int] = mapped_column(BigInteger)


class CommitmentVectorRow(Base):
    """A commitment's sentence vector: int8 (unit vector × 127), one byte per dimension.

    Kept in the database so that every backend holds it the same way (no vector extension is
    needed); searches load the matrix into memory once and multiply it there.
    """

    __tablename__ = "commitment_vectors"

    commitment_id: Mapped[int] = mapped_column(
        ForeignKey("commitments.id", ondelete="CASCADE"), primary_key=True
    )
    model: Mapped[str] = mapped_column(String(64))
    vector: Mapped[bytes] = mapped_column(LargeBinary)


class LinkRow(Base):
    """A later span that fulfils, reports progress on, continues or restates an earlier commitment.

    Both ends are spans into their documents' texts, not commitment ids: re-extraction may
    replace a commitment row, and the link (and its decision) must outlive that. The earlier
    commitment is found again by its span.
    """

    __tablename__ = "links"
    __table_args__ = (
        UniqueConstraint(
            "from_document_id",
            "from_start",
            "from_end",
            "to_document_id",
            "to_start",
            "to_end",
            name="uq_links_spans",
        ),
        Index("ix_links_to_span", "to_document_id", "to_start"),
        Index("ix_links_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    from_agreement_id: Mapped[int] = mapped_column(
        ForeignKey("agreements.id", ondelete="CASCADE"), index=True
    )
    from_document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    from_start: Mapped[int] = mapped_column(Integer)
    from_end: Mapped[int] = mapped_column(Integer)
    to_agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    to_document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    to_start: Mapped[int] = mapped_column(Integer)
    to_end: Mapped[int] = mapped_column(Integer)
    relation: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Numeric(6, 4, asdecimal=False))
    explicit: Mapped[bool] = mapped_column(Boolean, default=False)
    reasons: Mapped[list[Any]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="suggested")
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    progress_id: Mapped[int | None] = mapped_column(
        ForeignKey("progress_updates.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
