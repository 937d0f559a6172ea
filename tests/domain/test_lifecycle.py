"""Lifecycle rules: refusals with reasons, and properties over random sequences of acts."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.domain.lifecycle import Act, Event, Refused, Rules, State, Status, apply, replay

MOU = Rules(parties=("US", "KR"), notice_days=180)
DAY = dt.date(2025, 10, 29)


def day(n: int) -> dt.date:
    return DAY + dt.timedelta(days=n)


def in_effect() -> State:
    return replay(MOU, [Event(Act.SIGN, day(0), "US"), Event(Act.SIGN, day(1), "KR")])


def test_in_effect_on_the_final_signature() -> None:
    first = replay(MOU, [Event(Act.SIGN, day(0), "US")])
    assert first.status is Status.SIGNED_BY_SOME and first.in_effect_on is None
    state = in_effect()
    assert (state.status, state.in_effect_on) == (Status.IN_EFFECT, day(1))


def test_amendment_takes_effect_when_every_party_has_consented() -> None:
    state = apply(MOU, in_effect(), Event(Act.PROPOSE_AMENDMENT, day(10)))
    state = apply(MOU, state, Event(Act.CONSENT, day(11), "KR", version=2))
    assert state.versions[0].in_effect_on is None
    state = apply(MOU, state, Event(Act.CONSENT, day(20), "US", version=2))
    assert state.versions[0].in_effect_on == day(20)


def test_notice_discontinues_after_the_notice_period() -> None:
    state = apply(MOU, in_effect(), Event(Act.NOTICE, day(30), "KR"))
    assert state.discontinued_on == day(210)
    assert state.on(day(209)) is Status.NOTICE_GIVEN and state.on(day(210)) is Status.DISCONTINUED


@pytest.mark.parametrize(
    ("events", "reason"),
    [
        ([Event(Act.SIGN, day(0), "US"), Event(Act.SIGN, day(1), "US")], "US has already signed"),
        ([Event(Act.SIGN, day(0), "JP")], "JP is not a party to this agreement"),
        ([Event(Act.SIGN, day(0), "US"), Event(Act.NOTICE, day(1), "US")], "notice can be given only while"),
        (
            [Event(Act.SIGN, day(0), "US"), Event(Act.PROPOSE_AMENDMENT, day(1))],
            "an amendment needs an agreement in effect",
        ),
        (
            [
                Event(Act.SIGN, day(0), "US"),
                Event(Act.SIGN, day(1), "KR"),
                Event(Act.CONSENT, day(2), "KR", version=2),
            ],
            "no proposed version 2",
        ),
        (
            [
                Event(Act.SIGN, day(0), "US"),
                Event(Act.SIGN, day(1), "KR"),
                Event(Act.NOTICE, day(2), "KR"),
                Event(Act.PROPOSE_AMENDMENT, day(400)),
            ],
            "discontinued on",
        ),
        ([Event(Act.SIGN, day(0), "US"), Event(Act.WITHDRAW_NOTICE, day(1), "US")], "no pending notice"),
    ],
)
def test_acts_that_make_no_sense_are_refused(events: list[Event], reason: str) -> None:
    with pytest.raises(Refused) as refused:
        replay(MOU, events)
    assert reason in refused.value.message
    assert refused.value.hint


PARTIES = st.sampled_from(["US", "KR", "JP", None])
ACTS = st.builds(
    lambda act, party, gap, version: (act, party, gap, version),
    st.sampled_from(list(Act)),
    PARTIES,
    st.integers(0, 120),
    st.integers(1, 4),
)


def _run(rules: Rules, steps: list[tuple[Act, str | None, int, int]]) -> list[State]:
    """Apply each act in turn, skipping refused ones; return every state reached."""
    state, states, today = State(), [State()], DAY
    for index, (act, party, gap, version) in enumerate(steps):
        today += dt.timedelta(days=gap)
        try:
            state = apply(rules, state, Event(act, today, party, version=version), index)
        except Refused:
            continue
        states.append(state)
    return states


@settings(max_examples=400, deadline=None)
@given(st.lists(ACTS, max_size=25), st.sampled_from([("US", "KR"), ("US", "KR", "JP")]), st.integers(1, 365))
def test_properties(steps: list, parties: tuple[str, ...], notice_days: int) -> None:
    rules = Rules(parties=parties, notice_days=notice_days)
    for state in _run(rules, steps):
        if state.status in (Status.IN_EFFECT, Status.NOTICE_GIVEN):
            assert set(parties) <= set(state.signed_by), "never in effect without every signature"
        if state.notice is not None:
            assert state.discontinued_on == state.notice[1] + dt.timedelta(days=notice_days)


@settings(max_examples=300, deadline=None)
@given(st.lists(ACTS, max_size=15), st.integers(0, 60), st.integers(0, 60))
def test_withdrawing_the_only_notice_restores_the_state(
    steps: list, notice_gap: int, withdraw_gap: int
) -> None:
    signed = [(Act.SIGN, "US", 0, 1), (Act.SIGN, "KR", 1, 1)]
    state = _run(MOU, signed + steps)[-1]
    if state.status is not Status.IN_EFFECT:
        return  # a notice is pending or the agreement ended: there is no "only notice" to give
    last = max(date for _, date, _ in state.effects)
    on = last + dt.timedelta(days=notice_gap)
    noticed = apply(MOU, state, Event(Act.NOTICE, on, "KR"))
    restored = apply(MOU, noticed, Event(Act.WITHDRAW_NOTICE, on + dt.timedelta(days=withdraw_gap), "KR"))
    fields = ("status", "signatures", "in_effect_on", "versions", "notice", "discontinued_on")
    assert all(getattr(restored, f) == getattr(state, f) for f in fields)
