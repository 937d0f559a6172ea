"""An agreement's life as an event log (UN Treaty Collection style: the date an act is made
and the date it takes effect), replayed by pure rules.

draft → signed by some → in effect on the final signature → amended (a new version, in
effect once every party has consented in writing) → notice given → discontinued on the
notice date + the notice days. Acts that make no sense are refused with a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from accord.errors import AccordError
from accord.i18n import N_


class Refused(AccordError):
    """An act that the agreement's state does not allow; nothing is recorded."""

    code = "act_refused"


class Act(StrEnum):
    SIGN = "sign"
    PROPOSE_AMENDMENT = "propose_amendment"
    CONSENT = "consent"
    NOTICE = "notice"
    WITHDRAW_NOTICE = "withdraw_notice"


class Status(StrEnum):
    ISSUED = "issued"  # a statement or fact sheet: in force as a text from its date, never signed
    DRAFT = "draft"
    SIGNED_BY_SOME = "signed_by_some"
    IN_EFFECT = "in_effect"
    NOTICE_GIVEN = "notice_given"
    DISCONTINUED = "discontinued"


@dataclass(frozen=True, slots=True)
class Rules:
    """What the agreement's terms say about its own life."""

    parties: tuple[str, ...]
    notice_days: int | None = None  # None: the text sets no notice period
    signed: bool = True  # False: issued on its date (statements, fact sheets), no signatures
    issued_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Event:
    act: Act
    made_on: dt.date
    party: str | None = None
    version: int | None = None  # the amendment an act concerns
    signatory: str | None = None


@dataclass(frozen=True, slots=True)
class Version:
    number: int
    proposed_on: dt.date
    consents: tuple[str, ...] = ()
    in_effect_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class State:
    status: Status = Status.DRAFT
    signatures: tuple[tuple[str, dt.date], ...] = ()
    in_effect_on: dt.date | None = None
    versions: tuple[Version, ...] = ()
    notice: tuple[str, dt.date] | None = None
    discontinued_on: dt.date | None = None  # the date a pending notice takes effect
    # Effect dates of the log, in order: (event index, date made, date it takes effect).
    effects: tuple[tuple[int, dt.date, dt.date | None], ...] = field(default=())

    @property
    def signed_by(self) -> tuple[str, ...]:
        return tuple(party for party, _ in self.signatures)

    def version_in_force(self, day: dt.date) -> int:
        """The text in force on a day: the last amendment every party had consented to by then, else 1."""
        return max((v.number for v in self.versions if v.in_effect_on and v.in_effect_on <= day), default=1)

    def on(self, day: dt.date) -> Status:
        """The status on a given day: a notice's discontinuation happens on its date."""
        if self.discontinued_on is not None and day >= self.discontinued_on:
            return Status.DISCONTINUED
        return self.status


def apply(rules: Rules, state: State, event: Event, index: int = 0) -> State:
    """The state after one more act, or Refused with the reason."""
    if state.discontinued_on is not None and event.made_on >= state.discontinued_on:
        raise Refused(
            N_("the agreement was discontinued on %(day)s"),
            hint=N_("no act can be recorded after discontinuation"),
            values={"day": state.discontinued_on.isoformat()},
        )
    if event.party is not None and event.party not in rules.parties:
        raise Refused(
            N_("%(party)s is not a party to this agreement"),
            hint=N_("parties: %(parties)s"),
            values={"party": event.party, "parties": ", ".join(rules.parties)},
        )
    handler = _HANDLERS[event.act]
    return handler(rules, state, event, index)


def replay(rules: Rules, events: Iterable[Event]) -> State:
    state = State() if rules.signed else State(status=Status.ISSUED)
    for index, event in enumerate(events):
        state = apply(rules, state, event, index)
    return state


@dataclass(frozen=True, slots=True)
class BrokenHistory:
    """A recorded act that does not follow from those before it (two writers raced, or the
    database was edited): the history replays only up to it."""

    index: int  # position of the act in the agreement's log
    event: Event
    reason: str

    def explain(self) -> str:
        who = f" by {self.event.party}" if self.event.party else ""
        return (
            f"the recorded history does not replay: act {self.index + 1} ({self.event.act.value}{who} on "
            f"{self.event.made_on.isoformat()}) is refused by the acts before it: {self.reason}"
        )


def replay_readable(rules: Rules, events: Iterable[Event]) -> tuple[State, BrokenHistory | None]:
    """Like `replay`, for readers: the state up to the first act that does not follow, and that act."""
    state = State() if rules.signed else State(status=Status.ISSUED)
    for index, event in enumerate(events):
        try:
            state = apply(rules, state, event, index)
        except Refused as refusal:
            return state, BrokenHistory(index, event, refusal.message)
    return state, None


def _sign(rules: Rules, state: State, event: Event, index: int) -> State:
    if not rules.signed:
        raise Refused(
            N_("this document is issued on its date, not signed"),
            hint=N_("statements and fact sheets have no signatures; record acts on MOUs and agreements"),
        )
    if event.party is None:
        raise Refused(N_("a signature needs a party"), hint=N_("name the party, e.g. US"))
    if event.party in state.signed_by:
        raise Refused(
            N_("%(party)s has already signed"),
            hint=N_("each party signs once"),
            values={"party": event.party},
        )
    signatures = (*state.signatures, (event.party, event.made_on))
    if set(rules.parties) <= {party for party, _ in signatures}:
        # In effect upon the date of the final signature.
        return replace(
            state,
            status=Status.IN_EFFECT,
            signatures=signatures,
            in_effect_on=event.made_on,
            effects=(*state.effects, (index, event.made_on, event.made_on)),
        )
    return replace(
        state,
        status=Status.SIGNED_BY_SOME,
        signatures=signatures,
        effects=(*state.effects, (index, event.made_on, None)),
    )


def _propose(rules: Rules, state: State, event: Event, index: int) -> State:
    if state.status not in (Status.IN_EFFECT, Status.NOTICE_GIVEN):
        raise Refused(
            N_("an amendment needs an agreement in effect; this one is %(status)s"),
            hint=N_("amend after entry into force"),
            values={"status": state.status.value.replace("_", " ")},
        )
    number = len(state.versions) + 2  # version 1 is the signed text
    version = Version(number, event.made_on)
    return replace(
        state, versions=(*state.versions, version), effects=(*state.effects, (index, event.made_on, None))
    )


def _consent(rules: Rules, state: State, event: Event, index: int) -> State:
    numbers = [v.number for v in state.versions]
    if event.version not in numbers:
        known = ", ".join(str(n) for n in numbers) or "none yet"
        raise Refused(
            N_("no proposed version %(version)s"),
            hint=N_("proposed versions: %(known)s"),
            values={"version": event.version, "known": known},
        )
    if event.party is None:
        raise Refused(N_("a consent needs a party"), hint=N_("name the party, e.g. KR"))
    position = numbers.index(event.version)  # type: ignore[arg-type]
    version = state.versions[position]
    if event.party in version.consents:
        raise Refused(
            N_("%(party)s has already consented to version %(version)s"),
            hint=N_("consent once"),
            values={"party": event.party, "version": version.number},
        )
    if event.made_on < version.proposed_on:
        raise Refused(
            N_("a consent cannot come before the proposal"),
            hint=N_("proposed on %(day)s"),
            values={"day": version.proposed_on},
        )
    consents = (*version.consents, event.party)
    in_effect = event.made_on if set(rules.parties) <= set(consents) else None
    updated = replace(version, consents=consents, in_effect_on=in_effect)
    versions = (*state.versions[:position], updated, *state.versions[position + 1 :])
    return replace(state, versions=versions, effects=(*state.effects, (index, event.made_on, in_effect)))


def _notice(rules: Rules, state: State, event: Event, index: int) -> State:
    if state.status is not Status.IN_EFFECT:
        raise Refused(
            N_("notice can be given only while the agreement is in effect; it is %(status)s"),
            hint=N_("wait for entry into force, or withdraw the pending notice first"),
            values={"status": state.status.value.replace("_", " ")},
        )
    if rules.notice_days is None:
        raise Refused(
            N_("the agreement sets no notice period"), hint=N_("record the period in its terms first")
        )
    if event.party is None:
        raise Refused(N_("a notice needs a party"), hint=N_("name the party, e.g. KR"))
    try:
        ends = event.made_on + dt.timedelta(days=rules.notice_days)
    except OverflowError:
        raise Refused(
            N_("a notice on %(day)s would end the agreement after the last representable day"),
            hint=N_("check the date of the notice"),
            values={"day": event.made_on.isoformat()},
        ) from None
    return replace(
        state,
        status=Status.NOTICE_GIVEN,
        notice=(event.party, event.made_on),
        discontinued_on=ends,
        effects=(*state.effects, (index, event.made_on, ends)),
    )


def _withdraw(rules: Rules, state: State, event: Event, index: int) -> State:
    if state.notice is None:
        raise Refused(
            N_("there is no pending notice to withdraw"),
            hint=N_("the agreement's timeline shows the notices"),
            subject="timeline",
        )
    if event.party is not None and event.party != state.notice[0]:
        raise Refused(
            N_("the pending notice was given by %(party)s"),
            hint=N_("only that party can withdraw it"),
            values={"party": state.notice[0]},
        )
    return replace(
        state,
        status=Status.IN_EFFECT,
        notice=None,
        discontinued_on=None,
        effects=(*state.effects, (index, event.made_on, event.made_on)),
    )


_HANDLERS = {
    Act.SIGN: _sign,
    Act.PROPOSE_AMENDMENT: _propose,
    Act.CONSENT: _consent,
    Act.NOTICE: _notice,
    Act.WITHDRAW_NOTICE: _withdraw,
}
