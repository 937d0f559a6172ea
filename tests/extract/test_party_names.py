"""Names that act for an organisation resolve to its party code (invented sentences)."""

from __future__ import annotations

import pytest

from accord.extract import extract_text

NAMES = [
    ("registry name", "The European Union will fund a joint centre for battery research.", "EU"),
    ("short name", "The EU will open its research programmes to American teams.", "EU"),
    ("the Commission", "The European Commission will publish a call for proposals.", "EU"),
    ("Team Europe", "Team Europe will mobilise grants for clean energy.", "EU"),
    ("leader by title", "President von der Leyen announced that Brussels will host the dialogue.", "EU"),
    ("African Union", "The African Union will coordinate the vaccine programme.", "AFU"),
    ("AU means the African Union here", "The AU will host the next ministerial meeting.", "AFU"),
    ("ASEAN", "ASEAN will establish a working group on digital trade.", "ASEAN"),
    ("United Nations", "The United Nations will convene a conference on ocean science.", "UN"),
]


@pytest.mark.parametrize(("case", "text", "code"), NAMES, ids=[n[0] for n in NAMES])
def test_names_that_act_for_an_organisation(case: str, text: str, code: str) -> None:
    parties = ("US", code)
    (commitment,) = extract_text(text, parties=parties).commitments
    assert commitment.as_json()["actors"] == [code]


def test_au_is_australia_when_australia_is_the_party() -> None:
    (commitment,) = extract_text("Australia will fund the programme.", parties=("US", "AU")).commitments
    assert commitment.as_json()["actors"] == ["AU"]


PARTNERS = [
    ("adjective and government noun", "The Indonesian Government will fund two marine stations.", "ID"),
    ("adjective and Side", "The Brazilian Side will provide the research vessel.", "BR"),
    ("leader by title", "Prime Minister Tusk committed to open a quantum laboratory.", "PL"),
    ("capital for its government", "Nairobi will host the first joint workshop.", "KE"),
    ("official name", "The Hellenic Republic will second two experts to the secretariat.", "GR"),
]


@pytest.mark.parametrize(("case", "text", "code"), PARTNERS, ids=[n[0] for n in PARTNERS])
def test_partners_beyond_the_first_partnership_are_known_by_how_texts_name_them(
    case: str, text: str, code: str
) -> None:
    (commitment,) = extract_text(text, parties=("US", code)).commitments
    assert commitment.as_json()["actors"] == [code]


def test_a_leaders_surname_alone_names_no_one() -> None:
    # Leaders are known only after a title: "Tusk" or "Wong" alone may be anyone.
    assert extract_text("Wong will fund the programme.", parties=("US", "SG")).commitments == []


@pytest.mark.parametrize(
    ("text", "actors", "bodies"),
    [
        # A party's ministry or department acts for it, and "and the" parts two such names.
        (
            "The U.S. Department of Energy and the Brazilian Ministry of Mines and Energy will fund two labs.",
            ["US", "BR"],
            ["U.S. Department of Energy", "Brazilian Ministry of Mines and Energy"],
        ),
        ("The Brazilian Ministry of Science (MCTI) will fund two labs.", ["BR"], ["MCTI"]),
        (
            "The U.S. Department of the Treasury and the Monetary Authority of Brazil will fund two labs.",
            ["US", "BR"],
            ["U.S. Department of the Treasury", "Monetary Authority of Brazil"],
        ),
        # A party named after "and" stands beside the body, not inside its name.
        (
            "The U.S. Department of Energy and Brazil will fund two labs.",
            ["US", "BR"],
            ["U.S. Department of Energy"],
        ),
        # A bare "and" inside a name keeps it whole.
        (
            "The Department of Health and Human Services will fund two labs.",
            ["US"],
            ["Department of Health and Human Services"],
        ),
    ],
)
def test_organs_of_the_parties_act_for_them(text: str, actors: list[str], bodies: list[str]) -> None:
    (commitment,) = extract_text(text, parties=("US", "BR")).commitments
    assert commitment.as_json()["actors"] == actors
    assert commitment.as_json()["bodies"] == bodies


@pytest.mark.parametrize("subject", ["The Quad", "Quad partners", "The AUKUS nations"])
def test_a_grouping_of_the_parties_stands_for_every_party(subject: str) -> None:
    parties = ("AU", "IN", "JP", "US")
    (commitment,) = extract_text(f"{subject} will fund ten marine surveys.", parties=parties).commitments
    assert commitment.as_json()["actors"] == list(parties)


@pytest.mark.parametrize(
    ("text", "actors"),
    [
        ("Brazil, in collaboration with the United States, will map the Amazon basin.", ["BR", "US"]),
        ("The United States, together with Brazil, plans to map the Amazon basin.", ["US", "BR"]),
        # After the verb, the partner is how the action is done, not who commits.
        ("The United States will map, in collaboration with Brazil, the Amazon basin.", ["US"]),
    ],
)
def test_a_partner_set_off_by_commas_before_the_verb_acts_too(text: str, actors: list[str]) -> None:
    (commitment,) = extract_text(text, parties=("US", "BR")).commitments
    assert commitment.as_json()["actors"] == actors
