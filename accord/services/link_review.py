"""Deciding a suggested link: accept (recording progress for fulfils/progress) or reject.

Who may decide: an editor or secretariat of a party acting on the earlier commitment, a
secretariat of one of the earlier agreement's parties, or an admin. The rule, the write and the
audit record happen in one transaction, which first takes the link row for update (PostgreSQL)
or the database's write lock (SQLite: the first write of the transaction), so two reviewers
deciding the same link at once cannot both succeed: the second finds it decided.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select, update

from accord.domain.access import Forbidden, Principal, Role
from accord.domain.continuity import LinkStatus, Relation
from accord.domain.progress import Level
from accord.domain.shapes import plain
from accord.errors import InputError, NotFound
from accord.services.acting import writing
from accord.services.links import LinkView, get_link
from accord.services.progress import insert_progress
from accord.storage import audit
from accord.storage.database import Database
from accord.storage.tables import AgreementPartyRow, LinkRow


@dataclass(frozen=True, slots=True)
class Decision:
    link: LinkView
    progress_id: int | None


def evidence_path(slug: str, start: int, end: int) -> str:
    """accord's own address of a span: the agreement page opened at the quoted characters."""
    return f"/agreements/{slug}?span={start}-{end}#quote"


def may_decide(principal: Principal, actors: list[str], parties: list[str]) -> bool:
    if principal.role is Role.ADMIN:
        return True
    if principal.role is Role.EDITOR:
        return principal.party in actors
    if principal.role is Role.SECRETARIAT:
        return principal.party in actors or principal.party in parties
    return False


def decide(
    db: Database,
    principal: Principal,
    link_id: int,
    *,
    accept: bool,
    level: str | None = None,
    party: str | None = None,
    relation: str | None = None,
) -> Decision:
    """Accept or reject one suggested link. Accepting fulfils/progress records a progress entry at
    `level` (the reviewer's choice) for `party` (default: the reviewer's own, if it acts), whose
    evidence is the later span: its address in accord, its quote and its date."""
    chosen = Relation.parse(relation) if relation else None
    parsed_level = Level.parse(level) if level else None
    with writing(db, principal) as session:
        # Claim the row first: the write lock is held from here to the commit.
        claimed = session.execute(
            update(LinkRow)
            .where(LinkRow.id == link_id)
            .values(decided_at=LinkRow.decided_at)
            .execution_options(synchronize_session=False)
        ).rowcount  # type: ignore[attr-defined]
        if not claimed:
            raise NotFound(f"no link {link_id}", hint="the list of links names each", subject="link")
        view = get_link(session, link_id)
        assert view is not None
        row = session.get(LinkRow, link_id, populate_existing=True)
        assert row is not None
        parties = list(
            session.scalars(
                select(AgreementPartyRow.party_code).where(
                    AgreementPartyRow.agreement_id == row.to_agreement_id
                )
            )
        )
        if not may_decide(principal, view.actors, parties):
            raise Forbidden(
                f"{principal.name} may not decide link {link_id}: the earlier commitment is "
                f"{', '.join(view.actors) or 'no party'}'s",
                hint="an editor of an acting party, or a secretariat of the agreement, decides it",
            )
        if row.status != LinkStatus.SUGGESTED.value:
            raise InputError(
                f"link {link_id} was already {row.status} by {row.decided_by or 'someone'}",
                hint="a decision is made once; `accord lineage` shows it",
            )
        final = chosen or Relation(row.relation)
        progress_id = None
        if accept and final.reports_progress:
            if view.earlier.commitment is None:
                raise InputError(
                    f"link {link_id} points at a sentence that is not a commitment",
                    hint="accept it as 'continues' or 'reaffirms', or review that text's commitments first",
                )
            if parsed_level is None:
                raise InputError(
                    f"accepting a '{final.value}' link records progress: choose its level",
                    hint="one of not_started, limited, substantial, complete",
                    field="level",
                )
            acting = (party or principal.party or "").upper()
            if acting not in view.actors:
                raise InputError(
                    f"{acting or 'no party'} does not act on commitment {view.earlier.commitment}",
                    hint=f"name the party, one of {', '.join(view.actors)}",
                    field="party",
                )
            if not (principal.role is Role.ADMIN or principal.party == acting):
                raise Forbidden(
                    f"{principal.name} may not record {acting}'s progress", hint="ask a user of that party"
                )
            entry = insert_progress(
                session, view.earlier.commitment, party=acting, level=parsed_level,
                on=view.later.date or dt.date.today(),
                note=f"“{view.later.quote}” ({view.later.agreement_title})",
                evidence_url=evidence_path(view.later.agreement, view.later.start, view.later.end),
                evidence_on=view.later.date, evidence_name=None, content=None, recorded_by=principal.name,
            )  # fmt: skip
            progress_id = entry.id
        before = {"status": row.status, "relation": row.relation}
        row.status = (LinkStatus.ACCEPTED if accept else LinkStatus.REJECTED).value
        row.relation = final.value
        row.decided_by = principal.name
        row.decided_at = dt.datetime.now(dt.UTC)
        row.progress_id = progress_id
        session.flush()
        audit.append(
            session, "link_" + row.status, f"link:{link_id}", before=before,
            after={"status": row.status, "relation": row.relation, "progress_id": progress_id,
                   "from": plain(view.later), "to": plain(view.earlier)},
        )  # fmt: skip
        decided = get_link(session, link_id)
        assert decided is not None
        return Decision(decided, progress_id)
