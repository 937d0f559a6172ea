"""Who may do what: roles, and the party a user acts for."""

from __future__ import annotations

from dataclasses import dataclass

from accord.domain.choices import Choices
from accord.errors import AccordError


class Forbidden(AccordError):
    code = "forbidden"


class Role(Choices, noun="role", hint="viewer, editor, secretariat, analyst or admin"):
    VIEWER = "viewer"  # reads
    EDITOR = "editor"  # progress, reviews and evidence for one party
    SECRETARIAT = "secretariat"  # also that party's lifecycle acts and meeting minutes
    # Assessment cycles, guidelines and scores, for no party: scoring is done from outside,
    # as the G7 Research Group does, and each party's secretariat then reviews the cycle.
    ANALYST = "analyst"
    ADMIN = "admin"  # everything


@dataclass(frozen=True, slots=True)
class Principal:
    name: str
    role: Role
    party: str | None

    def may_write_for(self, party: str) -> bool:
        """Editors and secretariats write only for their own party; admins for any."""
        if self.role is Role.ADMIN:
            return True
        return self.role in (Role.EDITOR, Role.SECRETARIAT) and self.party == party

    def may_act_for(self, party: str) -> bool:
        """Signatures, consents, notices and minutes: that party's secretariat, or an admin."""
        return self.role is Role.ADMIN or (self.role is Role.SECRETARIAT and self.party == party)

    def require_write(self, party: str) -> None:
        if not self.may_write_for(party):
            raise Forbidden(
                f"{self.name} ({self.role.value}{', ' + self.party if self.party else ''}) may not change {party}'s records",
                hint="ask a user of that party, or an admin",
            )

    def require_write_any(self, parties: list[str]) -> None:
        """A commitment shared by several parties may be changed by a user of any of them."""
        if not any(self.may_write_for(party) for party in parties):
            self.require_write(parties[0] if parties else "this")

    def require_agreements(self) -> None:
        """Adding agreements is for secretariats and admins."""
        if self.role not in (Role.SECRETARIAT, Role.ADMIN):
            raise Forbidden(
                f"{self.name} may not add agreements", hint="a secretariat or an admin adds agreements"
            )

    def require_act(self, party: str) -> None:
        if not self.may_act_for(party):
            raise Forbidden(
                f"only {party}'s secretariat may record {party}'s acts", hint="ask that party's secretariat"
            )

    def require_secretariat(self, parties: list[str]) -> None:
        """Meetings, minutes, decisions, action items and amendments: a secretariat of one of the
        agreement's parties, or an admin."""
        if self.role is Role.ADMIN or (self.role is Role.SECRETARIAT and self.party in parties):
            return
        raise Forbidden(
            f"{self.name} is not the secretariat of a party ({', '.join(parties)})",
            hint="ask one of the parties' secretariats",
        )

    def require_admin(self) -> None:
        """Users and the audit trail: admins only."""
        if self.role is not Role.ADMIN:
            raise Forbidden(
                f"{self.name} ({self.role.value}) may not manage users nor read the audit trail",
                hint="ask an admin",
            )

    def require_assessment(self) -> None:
        """Opening cycles, writing guidelines and scoring: analysts and admins."""
        if self.role not in (Role.ANALYST, Role.ADMIN):
            raise Forbidden(
                f"{self.name} ({self.role.value}) may not score compliance",
                hint="assessments are written by analysts; parties review them",
            )
