"""The provision tree of real and hand-written documents."""

from __future__ import annotations

import pytest

from accord.domain.provisions import Provision, ProvisionKind
from accord.text.segment import segment
from tests.conftest import EXAMPLES


def children(nodes: list[Provision], parent: Provision, kind: ProvisionKind | None = None) -> list[Provision]:
    return [n for n in nodes if n.parent == parent.index and (kind is None or n.kind is kind)]


def texts(text: str, nodes: list[Provision]) -> list[str]:
    return [text[n.start : n.end] for n in nodes]


def find(text: str, nodes: list[Provision], kind: ProvisionKind, startswith: str) -> Provision:
    matches = [n for n in nodes if n.kind is kind and text[n.start : n.end].startswith(startswith)]
    assert len(matches) == 1, f"{len(matches)} {kind} nodes start with {startswith!r}"
    return matches[0]


@pytest.fixture(scope="module")
def mou() -> tuple[str, list[Provision]]:
    text = (EXAMPLES / "us-kr-tpd-mou-2025.txt").read_text(encoding="utf-8")
    return text, segment(text)


def test_mou_sections_are_headings(mou: tuple[str, list[Provision]]) -> None:
    text, nodes = mou
    top_headings = [
        text[h.start : h.end]
        for s in nodes
        if s.kind is ProvisionKind.SECTION and s.parent is None
        for h in children(nodes, s, ProvisionKind.HEADING)
    ]
    assert top_headings == ["I. Purpose", "II. Areas of Cooperation", "III. Operation and Discontinuation"]


def test_mou_subsections_nest_under_section_two(mou: tuple[str, list[Provision]]) -> None:
    text, nodes = mou
    two = find(text, nodes, ProvisionKind.SECTION, "II. Areas")
    sub = [
        text[h.start : h.end]
        for s in children(nodes, two, ProvisionKind.SECTION)
        for h in children(nodes, s)[:1]
    ]
    assert sub == ["Accelerating AI Adoption and Innovation", "Trusted Technology Leadership"]


def test_mou_nine_focus_areas_are_items_of_their_lead_in(mou: tuple[str, list[Provision]]) -> None:
    text, nodes = mou
    lead_in = find(text, nodes, ProvisionKind.LEAD_IN, "Key focus areas for collaboration include:")
    items = children(nodes, lead_in, ProvisionKind.LIST_ITEM)
    assert len(items) == 9
    assert text[items[0].start : items[0].end].startswith("Driving innovative research")
    assert text[items[-1].start : items[-1].end].endswith("First Lady Melania Trump.")
    assert all(not text[i.start : i.end].startswith("-") for i in items)


def test_mou_six_subsections_of_trusted_technology_leadership(mou: tuple[str, list[Provision]]) -> None:
    text, nodes = mou
    lead_in = find(text, nodes, ProvisionKind.LEAD_IN, "The Participants aim to deepen")
    items = children(nodes, lead_in, ProvisionKind.LIST_ITEM)
    titles = [texts(text, children(nodes, item, ProvisionKind.HEADING)) for item in items]
    assert titles == [
        ["Research Security"],
        ["Advanced Radio Access Networks and 6G"],
        ["Securing Pharmaceutical and Biotechnology Supply Chains"],
        ["Leading Quantum Innovation"],
        ["Basic Research and STEM Exchange"],
        ["Cooperating on Space Exploration"],
    ]
    # The item that begins mid-line ("... ecosystem. - Advanced ...") does not swallow the sentence before it.
    research = children(nodes, items[0], ProvisionKind.PARAGRAPH)[0]
    assert text[research.start : research.end].endswith("to ensure a trusted innovation ecosystem.")


def test_every_node_is_inside_its_parent(mou: tuple[str, list[Provision]]) -> None:
    _text, nodes = mou
    for node in nodes:
        if node.parent is not None:
            parent = nodes[node.parent]
            assert parent.start <= node.start <= node.end <= parent.end


SENTENCE_CASES = [
    (
        "abbreviation U.S. before a capital",
        "The U.S. National Science Foundation will help. Korea agrees.",
        2,
    ),
    ("e.g. inside a sentence", "Fields, e.g. AI and quantum, are covered. Both agree.", 2),
    ("decimal money", "The United States has committed $2.5 billion to this effort. The ROK agrees.", 2),
    ("question and exclamation", "Will it work? Yes! It will.", 3),
    ("closing quote after the period", "They said “we will.” Then they did.", 2),
    ("lower-case after a period is not a new sentence", "See p. 5 of the annex. Done.", 2),
    ("semicolons do not split", "Driving research; advocating policy; promoting exports.", 1),
    ("Korean", "양국은 협력을 강화한다. 미국은 지원할 예정이다.", 2),
]


@pytest.mark.parametrize(("case", "text", "count"), SENTENCE_CASES, ids=[c[0] for c in SENTENCE_CASES])
def test_sentences(case: str, text: str, count: int) -> None:
    nodes = segment(text)
    sentences = [n for n in nodes if n.kind is ProvisionKind.SENTENCE]
    assert len(sentences) == count, texts(text, sentences)


def test_numbered_clauses_nest_by_marker() -> None:
    text = (
        "Article 1 Purpose\n"
        "1.1 The Parties shall cooperate in the following fields:\n"
        "(a) quantum computing;\n"
        "(b) quantum sensing.\n"
        "1.2 The Parties shall meet annually.\n"
        "Article 2 Entry into Force\n"
        "This Arrangement enters into force on signature.\n"
    )
    nodes = segment(text)
    first = find(text, nodes, ProvisionKind.LIST_ITEM, "The Parties shall cooperate")
    assert texts(text, children(nodes, first, ProvisionKind.LIST_ITEM)) == [
        "quantum computing;",
        "quantum sensing.",
    ]
    second = find(text, nodes, ProvisionKind.LIST_ITEM, "The Parties shall meet")
    assert second.parent == first.parent
    headings = [text[n.start : n.end] for n in nodes if n.kind is ProvisionKind.HEADING]
    assert headings == ["Article 1 Purpose", "Article 2 Entry into Force"]


def test_indented_bullets_nest_and_blank_lines_do_not_end_a_list() -> None:
    text = (
        "# Health\n\n"
        "The two governments will:\n\n"
        "* expand vaccine production;\n"
        "    * in Korea;\n"
        "    * in the United States.\n\n"
        "* launch an experts group.\n\n"
        "This closes the section.\n"
    )
    nodes = segment(text)
    lead_in = find(text, nodes, ProvisionKind.LEAD_IN, "The two governments will:")
    items = children(nodes, lead_in, ProvisionKind.LIST_ITEM)
    assert texts(text, items)[1] == "launch an experts group."
    assert texts(text, children(nodes, items[0], ProvisionKind.LIST_ITEM)) == [
        "in Korea;",
        "in the United States.",
    ]
    closing = find(text, nodes, ProvisionKind.PARAGRAPH, "This closes")
    assert nodes[closing.parent].kind is ProvisionKind.SECTION  # type: ignore[index]


@pytest.mark.parametrize("bullet", ["\uf0b7", "\uf0a7"])
def test_word_bullets_pasted_from_a_pdf_nest_as_lists(bullet: str) -> None:
    text = (
        "The two governments will:\n"
        f"{bullet} Expand vaccine production.\n"
        "   o In Korea, at two plants.\n"
        "   o In the United States.\n"
        f"{bullet} Launch an experts group.\n"
    )
    nodes = segment(text)
    lead_in = find(text, nodes, ProvisionKind.LEAD_IN, "The two governments will:")
    items = children(nodes, lead_in, ProvisionKind.LIST_ITEM)
    assert texts(text, items)[1] == "Launch an experts group."
    assert texts(text, children(nodes, items[0], ProvisionKind.LIST_ITEM)) == [
        "In Korea, at two plants.",
        "In the United States.",
    ]


def test_a_lone_o_is_a_bullet_only_before_what_begins_an_item() -> None:
    text = "Plans for 2026:\n- Fund the survey,\no or stop it.\n"
    assert not any(text[n.start : n.end].startswith("or stop") for n in segment(text))


def test_hard_wrapped_paragraph_is_one_paragraph() -> None:
    text = (
        "The Participants intend to strengthen collaboration to safeguard their\n"
        "technologies and personnel, and to lead allies to adopt similar\n"
        "practices. They will meet each year.\n"
    )
    nodes = segment(text)
    paragraphs = [n for n in nodes if n.kind is ProvisionKind.PARAGRAPH]
    assert len(paragraphs) == 1
    sentences = [n for n in nodes if n.kind is ProvisionKind.SENTENCE]
    assert text[sentences[1].start : sentences[1].end] == "They will meet each year."


def test_title_case_wrapped_line_followed_by_lower_case_is_not_a_heading() -> None:
    text = "The United States and the Republic of Korea\nwill deepen their cooperation on space.\n"
    nodes = segment(text)
    assert [n.kind for n in nodes] == [ProvisionKind.PARAGRAPH, ProvisionKind.SENTENCE]


def test_fact_sheet_bullets_belong_to_their_lead_ins() -> None:
    text = (EXAMPLES / "us-kr-fact-sheet-2021.txt").read_text(encoding="utf-8")
    nodes = segment(text)
    lead_ins = [n for n in nodes if n.kind is ProvisionKind.LEAD_IN]
    counts = [len(children(nodes, n, ProvisionKind.LIST_ITEM)) for n in lead_ins]
    assert counts == [1, 8, 10]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        # A long first line that ends as a title ends, with a capitalised paragraph under it.
        (
            "JOINT STATEMENT: Canada and Mexico Open a New Chapter of Cooperation on Rivers, Forests, "
            "Fisheries and the Protection of Migratory Birds\nToday the two ministers met in Ottawa.\n",
            True,
        ),
        # A hard-wrapped sentence breaks after a small word, or runs on in lower case.
        (
            "The Government of Canada and the Government of the United Mexican States have agreed to the\n"
            "Memorandum that follows and to its annex.\n",
            False,
        ),
        (
            "The Government of Canada and the Government of the United Mexican States have agreed\n"
            "to the Memorandum that follows and to its annex.\n",
            False,
        ),
        # A first line that ends in a comma continues.
        ("Canada and Mexico, meeting in Ottawa on the first of May,\nAgree as follows.\n", False),
    ],
)
def test_a_long_first_line_is_the_documents_title_only_when_it_ends_as_a_title(
    text: str, title: bool
) -> None:
    provisions = segment(text)
    headings = [p for p in provisions if p.kind is ProvisionKind.HEADING]
    first_line = text.split("\n", 1)[0]
    assert [text[p.start : p.end] for p in headings] == ([first_line] if title else [])
