"""Table-driven tests of the extraction rules, one sentence or small document per case."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.extract import extract_text
from accord.extract.pipeline import build
from accord.extract.registry import PipelineError


def only(text: str, parties: tuple[str, ...] = ("US", "KR"), date: dt.date | None = None) -> dict:
    commitments = extract_text(text, parties=parties, date=date).commitments
    assert len(commitments) == 1, [c.quote for c in commitments]
    return commitments[0].as_json()


def none_in(text: str, parties: tuple[str, ...] = ("US", "KR")) -> None:
    commitments = extract_text(text, parties=parties).commitments
    assert commitments == [], [c.quote for c in commitments]


STRENGTH = [
    ("will", "The United States will expand its support for the programme.", "firm"),
    ("shall", "The Parties shall exchange information annually.", "firm"),
    ("plan to", "The two governments plan to hold a dialogue on export controls.", "intent"),
    ("will work to", "Both sides will work to expand clean hydrogen trade.", "intent"),
    ("shall endeavour", "Each Party shall endeavour to facilitate visas for researchers.", "intent"),
    ("aspire", "The Participants aspire to deepen space cooperation.", "aspiration"),
    ("will explore", "We will explore a joint fund for quantum research.", "aspiration"),
    ("may", "The Parties may invite other partners to join.", "aspiration"),
    ("bare supports", "Japan supports Korea's bid to host the 2030 meeting.", "intent"),
    ("welcome a plan", "The President welcomed Japan's plan to join the partnership.", "intent"),
    ("welcome a joint event to come", "We welcome the bilateral grid dialogue planned for May.", "intent"),
    ("present progressive", "The two leaders are launching a new semiconductor dialogue.", "firm"),
    ("committed", "Both countries are committed to reducing emissions.", "firm"),
    ("strongest of joined actions", "Germany will discuss standards and launch a testbed.", "firm"),
    (
        "weakest link in one chain",
        "We will continue to work together, including at the UN, towards denuclearization.",
        "intent",
    ),
    ("reported support", "The Chancellor expressed strong support for Korea's bid to join.", "intent"),
    # "will work to / with" is intent (ANNOTATION), the partner or forum named with or without a "to".
    ("will work with", "The United States will work closely with Korea on grid storage.", "intent"),
    (
        "committed to working with",
        "Both countries are committed to working in partnership with industry.",
        "intent",
    ),
    ("continue to work within", "Korea will continue to work within the OECD on AI rules.", "intent"),
    ("work on stays neutral", "The United States will work on grid storage.", "firm"),
    # "look forward to" an own future action is intent (ANNOTATION).
    (
        "look forward to doing",
        "The United States and Korea look forward to expanding grid research.",
        "intent",
    ),
    ("look forward to cooperation", "We look forward to closer cooperation on grid storage.", "intent"),
    (
        "are working together to",
        "Korea and the United States are working together to map grid risks.",
        "intent",
    ),
    ("intend to consult", "The United States intends to consult Korea on grid rules.", "aspiration"),
    (
        "a commitment restated as a fact about it",
        "Korea reaffirmed that its commitment to the regional grid pact remains unwavering.",
        "firm",
    ),
    (
        "engage in discussions",
        "Korea plans to engage with industry in discussions of grid rules.",
        "aspiration",
    ),
    (
        "a clause the action aims at",
        "We committed to work together to ensure new rules will make grid storage more affordable.",
        "intent",
    ),
    ("Korean: decided to consider", "양국은 공동 기금 신설 방안을 검토하기로 했다.", "aspiration"),
    ("Korean: decided to", "양국은 공동 기금을 신설하기로 했다.", "firm"),
    (
        "Korean: decided, then what follows",
        "양국은 위원회를 매년 개최하기로 합의했으며, 첫 회의는 내년에 열린다.",
        "firm",
    ),
    ("Korean: welcomed a plan", "장관은 독일 측이 연구소를 개방할 계획을 환영했다.", "intent"),
]


@pytest.mark.parametrize(("case", "text", "strength"), STRENGTH, ids=[c[0] for c in STRENGTH])
def test_strength(case: str, text: str, strength: str) -> None:
    parties = ("US", "KR", "JP", "DE")
    assert only(text, parties)["strength"] == strength


def test_lead_in_lends_actor_and_modal_and_the_item_verb_can_weaken_it() -> None:
    text = "Together, Japan and Korea will:\n- Explore a joint lunar mission.\n- Establish a working group on 6G.\n"
    commitments = [c.as_json() for c in extract_text(text, parties=("JP", "KR")).commitments]
    assert [(c["quote"], c["actors"], c["strength"]) for c in commitments] == [
        ("Explore a joint lunar mission.", ["JP", "KR"], "aspiration"),
        ("Establish a working group on 6G.", ["JP", "KR"], "firm"),
    ]


def test_noun_phrase_items_only_name_the_fields_of_their_lead_in() -> None:
    text = "The Parties shall endeavour to coordinate research in the following areas:\n(a) quantum sensing;\n(b) quantum networks.\n"
    commitments = extract_text(text, parties=("US", "JP")).commitments
    assert [c.quote for c in commitments] == [text.splitlines()[0]]


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        ("Seoul and Berlin will cooperate on raw materials.", ["KR", "DE"]),
        ("President Yoon will visit Berlin in 2024 to open the centre.", ["KR"]),
        ("The Korean Side will contribute to the Fund.", ["KR"]),
        ("The Chancellor welcomed Korea's plan to join the Climate Club.", ["KR"]),
        (
            "The National Research Foundation of Korea and the German Academic Exchange Service (DAAD) will fund fellowships.",
            ["KR", "DE"],
        ),
        ("We will deepen cooperation on batteries.", ["KR", "DE"]),
        ("The Committee shall meet once a year.", ["KR", "DE"]),
    ],
)
def test_actors(text: str, actors: list[str]) -> None:
    assert only(text, ("KR", "DE"))["actors"] == actors


def test_follow_on_sentence_inherits_actor_and_strength() -> None:
    text = "Germany intends to strengthen research security. This includes training for universities.\n"
    commitments = [c.as_json() for c in extract_text(text, parties=("KR", "DE")).commitments]
    assert [(c["actors"], c["strength"]) for c in commitments] == [(["DE"], "intent"), (["DE"], "intent")]


@pytest.mark.parametrize(
    "text",
    [
        "In 2021, the two countries signed a memorandum on health cooperation.",
        "Recognizing the importance of science, the Participants met in Seoul.",
        "The two leaders welcomed the investments announced by Korean companies.",
        "This MOU will take effect upon the date of the final signature.",
        "This Memorandum does not create legally binding obligations.",
        "Together, the United States and the Republic of Korea will:",
    ],
)
def test_not_commitments(text: str) -> None:
    none_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "The new ground stations will enhance Korea's ability to track typhoons.",
        "The agreed standards will make cross-border data flows more secure.",
        "A shared testbed will lay the groundwork for 6G trials.",
    ],
)
def test_a_thing_said_to_have_an_effect_commits_no_one(text: str) -> None:
    none_in(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Fund will support joint research on typhoons.",  # the parties' instrument acts
        "The working group will enhance data sharing on typhoons.",  # their machinery acts
        "The United States will enhance its typhoon tracking.",  # a party acts
    ],
)
def test_the_parties_their_instruments_and_machinery_still_act(text: str) -> None:
    only(text)


@pytest.mark.parametrize(
    "text",
    [
        "We look forward to the next summit in Seoul.",
        "We look forward to its entry into force.",
        "We welcome the G20 summit to be held in Rio.",  # someone else's event
    ],
)
def test_looking_forward_to_an_event_commits_no_one(text: str) -> None:
    none_in(text)


def test_a_relative_clause_commits_no_one() -> None:
    none_in("Open science is exploited by actors who seek to acquire sensitive technologies.")


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        (
            "The ROK has committed $200 million in new funding over five years.",
            (200_000_000, "USD", "KR", "P5Y"),
        ),
        ("The Korean Side will contribute KRW 50 billion to the Fund.", (50_000_000_000, "KRW", "KR", None)),
        ("Korea will provide ₩30 billion over three years.", (30_000_000_000, "KRW", "KR", "P3Y")),
        ("Korea plans to lend up to 3 trillion won by 2030.", (3_000_000_000_000, "KRW", "KR", None)),
        ("대한민국 정부는 장비 구축을 위해 100억 원을 지원할 예정이다.", (10_000_000_000, "KRW", "KR", None)),
        # A sign or a code with a Korean scale: the scale counts (it had been read as ₩10).
        ("Korea will provide ₩10억 for joint research.", (1_000_000_000, "KRW", "KR", None)),
        ("Korea will provide ₩10억 원 for joint research.", (1_000_000_000, "KRW", "KR", None)),
        ("The Korean Side will contribute KRW 3천억 to the Fund.", (300_000_000_000, "KRW", "KR", None)),
        ("대한민국 정부는 ₩1.5조를 지원할 예정이다.", (1_500_000_000_000, "KRW", "KR", None)),
        ("The United States will provide USD 10 million annually.", (10_000_000, "USD", "US", "P1Y")),
        # A span of years is counted whole, as the annotation counts "for the 2021-2025 period".
        ("Korea will provide $4 million for the 2027-2029 period.", (4_000_000, "USD", "KR", "P3Y")),
        ("Korea will provide $4 million over the period 2026–2030.", (4_000_000, "USD", "KR", "P5Y")),
        ("Korea will provide $4 million from 2027 to 2028.", (4_000_000, "USD", "KR", "P2Y")),
        ("Korea will provide $4 million in FY2027-29.", (4_000_000, "USD", "KR", "P3Y")),
        # A deadline, a single year, or dates too far apart to be a budget period set none.
        # Money pledged, told in the past, with the currency's code rather than its sign.
        ("Last year Korea committed KRW 5,000 million to the Fund.", (5_000_000_000, "KRW", "KR", None)),
        ("Korea pledged PHP 20 million for the survey.", (20_000_000, "PHP", "KR", None)),
        ("Korea will provide $4 million by 2030.", (4_000_000, "USD", "KR", None)),
        ("Korea will provide $4 million in 2027, as agreed in 2024.", (4_000_000, "USD", "KR", None)),
        ("Korea will provide $4 million between 1950 and 2030 prices.", (4_000_000, "USD", "KR", None)),
    ],
)
def test_amounts(text: str, amount: tuple) -> None:
    (found,) = only(text, ("US", "KR"))["amounts"]
    assert (found["value"], found["currency"], found["actor"], found["period"]) == amount


def test_two_pledges_in_one_sentence_go_to_their_own_subjects() -> None:
    result = only(
        "The United States has committed $2.5 billion to this effort, and the ROK has committed $1 billion."
    )
    assert [(a["value"], a["actor"]) for a in result["amounts"]] == [
        (2_500_000_000, "US"),
        (1_000_000_000, "KR"),
    ]


@pytest.mark.parametrize(
    ("phrase", "due"),
    [
        ("this year", "2021-12-31"),
        ("by 2024", "2024-12-31"),
        ("by the end of 2026", "2026-12-31"),
        ("within 180 days", "2021-11-17"),
        ("in October 2023", "2023-10-31"),
        ("at least once a year", None),
    ],
)
def test_timeframes_resolve_against_the_document_date(phrase: str, due: str | None) -> None:
    result = only(f"The two countries will launch the dialogue {phrase}.", date=dt.date(2021, 5, 21))
    assert (result["timeframe"], result["due"]) == (phrase, due)


def test_korean_sentences() -> None:
    result = only("베트남 정부는 필요한 행정적 지원을 제공한다.", ("KR", "VN"))
    assert (result["actors"], result["strength"]) == (["VN"], "firm")
    assert only("대한민국 정부는 연수를 지원할 예정이다.", ("KR", "VN"))["strength"] == "intent"


def test_terms() -> None:
    text = (
        "This Arrangement shall enter into force upon signature and remain in force for five years. "
        "It may be amended by written agreement of the Parties. Either Party may terminate it by giving "
        "three months' written notice. This Arrangement is governed by international law.\n"
    )
    terms = extract_text(text, parties=("US", "JP")).terms
    assert terms.entry_into_force == "upon signature"
    assert terms.amendment == "written agreement of the Parties"
    assert terms.termination_notice_days == 90
    assert terms.legally_binding is True


def test_pipeline_contracts_are_checked_when_built() -> None:
    with pytest.raises(PipelineError, match=r"modality.v1 requires actor, body"):
        build(["modality.v1", "actors.v1"])
    assert "modality.v1" in build().version


PLEDGERS = [
    (
        "elided verb: the party before the figure",
        "Over four years, Japan intends to provide $40 million and the ROK $12 million to the fund.",
        ("JP", "KR"),
        [("USD", 40e6, "JP", "P4Y"), ("USD", 12e6, "KR", "P4Y")],
    ),
    (
        "the source after the figure",
        "NASA and MSIT will each commit funds: up to $5 million from NASA and KRW 7 billion from MSIT.",
        ("US", "KR"),
        [("USD", 5e6, "US", None), ("KRW", 7e9, "KR", None)],
    ),
    (
        "an equivalent in brackets is the same money",
        "Korea will provide KRW 30 billion (about $22 million) for joint laboratories.",
        ("US", "KR"),
        [("KRW", 30e9, "KR", None)],
    ),
    (
        "Korean: a ministry's Hangul name with its particle, and a period in 년간",
        "산업통상자원부는 2026년부터 3년간 총 120억 원을 지원할 계획이다.",
        ("KR", "AU"),
        [("KRW", 12e9, "KR", "P3Y")],
    ),
]


@pytest.mark.parametrize(
    ("text", "parties", "expected"), [case[1:] for case in PLEDGERS], ids=[case[0] for case in PLEDGERS]
)
def test_who_pledges_each_amount(
    text: str, parties: tuple[str, ...], expected: list[tuple[str, float, str, str | None]]
) -> None:
    amounts = only(text, parties)["amounts"]
    assert [(a["currency"], a["value"], a["actor"], a["period"]) for a in amounts] == expected


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("이 약정은 양측이 서명한 날에 발효한다.", "entry_into_force", "양측이 서명한 날에"),
        ("이 양해각서는 서명한 날부터 효력을 발생한다.", "entry_into_force", "서명한 날부터"),
        (
            "이 양해각서는 양 참가자의 서면 합의에 의하여 개정될 수 있다.",
            "amendment",
            "양 참가자의 서면 합의",
        ),
        (
            "어느 한쪽 당사자는 90일 전에 서면으로 통지하여 이 협정을 종료할 수 있다.",
            "termination_notice_days",
            90,
        ),
        (
            "어느 한 쪽 참가자는 6개월 전에 서면으로 통보함으로써 이 양해각서를 종료할 수 있다.",
            "termination_notice_days",
            180,
        ),
        ("이 양해각서는 법적 구속력을 갖지 아니한다.", "legally_binding", False),
    ],
)
def test_korean_operating_clauses_are_terms_not_commitments(text: str, field: str, value: object) -> None:
    extraction = extract_text(text, parties=("KR", "PH"))
    assert getattr(extraction.terms, field) == value
    assert extraction.commitments == []


def test_a_korean_commitment_beside_the_operating_clauses_is_kept() -> None:
    text = "양측은 매년 공동위원회를 개최한다. 이 약정은 서명한 날에 발효한다."
    assert [c.quote for c in extract_text(text, parties=("KR", "PH")).commitments] == [
        "양측은 매년 공동위원회를 개최한다."
    ]
