"""Table tests, on invented sentences, of the rules for structure as real documents write it:
lead-ins across titled groups, acknowledging items, subjects that are not parties, mandates and
stated intentions, effect statements, money that others give. None of these sentences comes from
the corpus; each rule is tried on phrasings of its own."""

from __future__ import annotations

import pytest

from accord.extract import extract_text
from accord.text.sentences import sentence_spans


def commitments(text: str, parties: tuple[str, ...] = ("CA", "MX")) -> list[dict]:
    return [c.as_json() for c in extract_text(text, parties=parties).commitments]


def quotes(text: str, parties: tuple[str, ...] = ("CA", "MX")) -> list[str]:
    return [c["quote"] for c in commitments(text, parties)]


def test_a_lead_in_governs_items_across_titled_groups_up_to_the_next_ordinary_paragraph() -> None:
    text = (
        "The two trade ministers resolved to deepen cooperation, with a particular focus on the following areas.\n"
        "Clean Energy Corridors\n"
        "- Building a joint hydrogen testbed in Monterrey;\n"
        "- Launching a battery recycling pilot.\n"
        "Ocean Science\n"
        "- Expanding joint research cruises in the Gulf of California.\n"
        "The ministers met again over dinner.\n"
        "- Expanding the dinner menu.\n"
    )
    found = {c["quote"]: c for c in commitments(text)}
    for item in (
        "Building a joint hydrogen testbed in Monterrey;",
        "Launching a battery recycling pilot.",
        "Expanding joint research cruises in the Gulf of California.",
    ):
        assert found[item]["actors"] == ["CA", "MX"]
        assert found[item]["strength"] == "firm"
    # An ordinary paragraph ends the lead-in's reach.
    assert "Expanding the dinner menu." not in found


def test_a_colon_lead_in_keeps_its_modal_over_a_titled_group() -> None:
    text = "Canada and Mexico intend to:\nAgriculture\n- Develop drought-resistant seed banks.\n- Exploring soil carbon markets.\n"
    found = {c["quote"]: c["strength"] for c in commitments(text)}
    assert found == {
        "Develop drought-resistant seed banks.": "intent",
        "Exploring soil carbon markets.": "aspiration",
    }


@pytest.mark.parametrize(
    "item",
    [
        "Noting the opening of a consulate in Tijuana last spring.",
        "Celebrating the tenth anniversary of the fisheries accord.",
        "Recognizing the work of provincial universities on wildfire science.",
        "Commending the customs agencies for faster clearance.",
    ],
)
def test_items_that_note_or_celebrate_name_no_action(item: str) -> None:
    text = f"Canada and Mexico will:\n- {item}\n- Hold a wildfire summit in 2027.\n"
    assert quotes(text) == ["Hold a wildfire summit in 2027."]


@pytest.mark.parametrize(
    ("sentence", "strength"),
    [
        ("The Critical Minerals working group is tasked to draft common traceability principles.", "firm"),
        ("The joint committee is mandated to review the road map every year.", "firm"),
        ("Canada and Mexico announced their intention to open a joint polar research station.", "intent"),
        ("Canada and Mexico affirm their willingness and intention to align rules on drones.", "intent"),
        ("Canada and Mexico share the aim of doubling student mobility by 2030.", "intent"),
        ("Canada and Mexico envisage to meet twice a year on export controls.", "intent"),
        ("Joint calls for proposals are intended to open in 2027.", "intent"),
        ("Canada and Mexico announce a new fellowship for marine biologists.", "firm"),
        ("Canada and Mexico concur to strengthen cooperation on seismic early warning.", "firm"),
        ("Canada and Mexico underscored their commitment to funding cancer research.", "firm"),
    ],
)
def test_mandates_stated_intentions_and_announcements(sentence: str, strength: str) -> None:
    [found] = commitments(sentence)
    assert found["strength"] == strength
    assert found["actors"] == ["CA", "MX"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Bombardier plans to invest $2 billion in a new plant in Querétaro.",
        "Cemex will build three low-carbon kilns by 2028.",
        "It will initially focus on short-term issues.",
        "This initiative will foster innovation across North America.",
        "These efforts underscore our commitments to open science.",
        "Analysts warn that rising costs are undermining growth.",
        "Such controls may be misused by third countries.",
        "Any dispute may have unintended consequences for trade.",
        "The Participants may modify this Memorandum by written mutual decision.",
    ],
)
def test_clauses_that_commit_no_party(sentence: str) -> None:
    text = f"Canada and Mexico will launch a joint wildfire centre. {sentence}"
    assert quotes(text) == ["Canada and Mexico will launch a joint wildfire centre."]


@pytest.mark.parametrize(
    ("sentence", "actors"),
    [
        ("A joint review of visa rules for researchers will be completed within a year.", ["CA", "MX"]),
        ("They plan to hold a second forum in Ottawa.", ["CA", "MX"]),
        ("Together the Participants intend to map critical mineral deposits.", ["CA", "MX"]),
        ("Cooperation on mid-term issues will begin next year.", ["CA", "MX"]),
        ("NRCan and SENER intend to work to publish a joint grid study.", ["CA", "MX"]),
        ("The two National Security Advisors resolved to meet every quarter.", ["CA", "MX"]),
        ("Mexico is joining the Artemis Accords.", ["MX"]),
    ],
)
def test_subjects_that_stand_for_the_parties(sentence: str, actors: list[str]) -> None:
    text = f"Canada and Mexico launched a dialogue on science. {sentence}"
    [found] = commitments(text)
    assert found["quote"] == sentence
    assert found["actors"] == actors


def test_a_sentence_that_only_spells_out_the_one_before_needs_a_pronoun_to_inherit() -> None:
    text = "Canada and Mexico will launch a joint seismic network. This includes shared sensors in Oaxaca."
    assert len(commitments(text)) == 2
    text = "Canada and Mexico will launch a joint seismic network. Unfair practices include forced transfers."
    assert len(commitments(text)) == 1


def test_a_lead_in_that_only_points_at_its_list_through_include_is_not_a_commitment() -> None:
    text = "Focus areas for collaboration are expected to include:\n- Developing coral restoration methods.\n"
    assert quotes(text) == ["Developing coral restoration methods."]


@pytest.mark.parametrize(
    ("sentence", "amounts"),
    [
        (
            "Canada and Mexico will unlock a combined $40+ million over the next four years for the fund.",
            [{"value": 40_000_000, "currency": "USD", "actor": None, "period": "P4Y"}],
        ),
        (
            "Canada will support a two-year, $300,000 programme of forest audits.",
            [{"value": 300_000, "currency": "USD", "actor": "CA", "period": "P2Y"}],
        ),
        (
            "Mexico will provide $3 million to the Caribbean Resilience Facility, which brings its total support to $12 million.",
            [{"value": 3_000_000, "currency": "USD", "actor": "MX", "period": None}],
        ),
        (
            "Canada will fund a $2 million trial, with Telus contributing an additional $1.5 million to the project.",
            [{"value": 2_000_000, "currency": "USD", "actor": "CA", "period": None}],
        ),
        (
            "Canada and Mexico will make available approximately US$5 billion to the region.",
            [{"value": 5_000_000_000, "currency": "USD", "actor": None, "period": None}],
        ),
    ],
)
def test_money(sentence: str, amounts: list[dict]) -> None:
    [found] = commitments(sentence, ("CA", "MX", "US"))
    assert found["amounts"] == amounts


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("The second Canada-U.S. Forum opened. It ended.", 2),
        ("The Mexico-U.S. Defense Dialogue met in May.", 1),
    ],
)
def test_initials_at_the_end_of_a_hyphenated_name_end_no_sentence(text: str, count: int) -> None:
    assert len(sentence_spans(text, 0, len(text))) == count


@pytest.mark.parametrize(
    "sentence",
    [
        "We congratulate the two universities for signing a partnership that will train engineers.",
        "Canada welcomed the new seed bank, which will hold ten thousand varieties.",
    ],
)
def test_a_modal_in_a_relative_clause_commits_no_one(sentence: str) -> None:
    assert quotes(sentence) == []


def test_a_modal_after_a_verb_of_saying_still_commits() -> None:
    [found] = commitments("Canada and Mexico agreed that they will hold annual talks.")
    assert found["strength"] == "firm"


def test_a_flat_list_item_ending_in_a_colon_leads_in_the_items_after_it() -> None:
    text = (
        "- Canada and Mexico intend to cooperate with partners in areas such as:\n"
        "- Joint surveys of seabed minerals in the Pacific and their responsible processing;\n"
        "- Launch a shared registry of mining permits.\n"
    )
    found = {c["quote"]: c["strength"] for c in commitments(text)}
    assert (
        found["Joint surveys of seabed minerals in the Pacific and their responsible processing;"] == "intent"
    )
    assert found["Launch a shared registry of mining permits."] == "intent"


def test_a_long_noun_phrase_item_describes_an_activity_and_a_short_one_names_a_field() -> None:
    text = (
        "Canada and Mexico intend to enhance their cooperation in the following areas:\n"
        "- Technical consultations on wildfire forecasting to share satellite observations;\n"
        "- seismology;\n"
        "- The Mexican Space Agency was founded in 2010 and has grown since.\n"
    )
    assert quotes(text)[1:] == [
        "Technical consultations on wildfire forecasting to share satellite observations;"
    ]


@pytest.mark.parametrize(
    ("sentence", "areas"),
    [
        ("Canada and Mexico will establish a working group on quantum sensing.", ["governance", "quantum"]),
        ("The Quantum working group is tasked to map quantum supply chains.", ["quantum", "supply_chain"]),
        ("Canada and Mexico will convene the joint committee every year.", ["governance"]),
        # A full stop inside a name does not hide the verb that creates the body.
        ("Canada and Mexico will launch a U.S.-style Fisheries Dialogue on coral reefs.", ["governance"]),
        (
            "Canada and Mexico will launch the C.M. Soil Working Group on quantum sensing.",
            ["governance", "quantum"],
        ),
        # Said after the body's name: in the passive, and in Korean, where the verb comes last.
        (
            "A working group on quantum sensing will be set up by Canada and Mexico.",
            ["governance", "quantum"],
        ),
        ("Canada and Mexico will attend the quantum forum to be held in Lima.", ["quantum"]),
        ("캐나다와 멕시코는 양자기술공동위원회를 매년 개최하기로 합의했다.", ["governance", "quantum"]),
        ("캐나다와 멕시코는 공동위원회의 양자 권고를 이행하기로 했다.", ["quantum"]),
        # Regular meetings and rounds of talks are machinery too.
        (
            "Canada and Mexico will hold the next round of their Fisheries Talks on quantum sensing.",
            ["governance", "quantum"],
        ),
        ("The fisheries ministers of Canada and Mexico will meet at least twice a year.", ["governance"]),
        # Hosting a meeting is not creating machinery: it counts only when nothing else is named.
        ("Canada will host the next Fisheries Ministers' Meeting in Halifax.", ["governance"]),
        ("Canada will host the next Fisheries Ministers' Meeting on quantum sensing.", ["quantum"]),
        ("Canada and Mexico will meet their obligations on quantum sensing.", ["quantum"]),
        ("캐나다와 멕시코는 수산 정책 대화를 신설하기로 했다.", ["governance"]),
    ],
)
def test_the_partnership_machinery_is_an_area_only_where_it_is_what_is_committed(
    sentence: str, areas: list[str]
) -> None:
    [found] = commitments(sentence)
    assert sorted(found["areas"]) == areas


@pytest.mark.parametrize(
    ("sentence", "areas"),
    [
        # A weak word names its field only when nothing stronger in the sentence does.
        ("Canada and Mexico will share radar data on missile launches.", ["defense"]),
        ("Canada and Mexico will share satellite data on crop yields.", ["space"]),
        ("Canada and Mexico will open their data portals to each other.", ["digital"]),
        ("Canada and Mexico will build software for vaccine logistics.", ["health"]),
        ("Canada and Mexico will fund workshops for universities.", ["science_exchange"]),
        # Exchanges are about science and education when people are exchanged, not information.
        ("Canada and Mexico will expand student exchanges.", ["science_exchange"]),
        ("Canada and Mexico will hold exchanges on tariff schedules.", ["trade"]),
        # Fusion names the energy source, not data fusion or sensor fusion.
        ("Canada and Mexico will build a fusion energy test facility.", ["climate_energy"]),
        ("Canada and Mexico will develop sensor fusion for naval patrols.", ["defense"]),
        # The Department of Commerce is a body; commerce itself is trade.
        ("Canada and Mexico will expand cross-border commerce.", ["trade"]),
        ("The U.S. Department of Commerce will fund quantum testbeds.", ["quantum"]),
    ],
)
def test_weak_words_and_narrow_senses_name_areas_only_in_context(sentence: str, areas: list[str]) -> None:
    [found] = commitments(sentence, ("CA", "MX", "US"))
    assert sorted(found["areas"]) == areas


def test_the_title_of_a_group_is_evidence_for_the_area_of_its_items() -> None:
    text = "Canada and Mexico will:\nQuantum Technologies\n- Fund five joint projects in Ottawa.\n"
    [found] = commitments(text)
    assert found["areas"] == ["quantum"]


@pytest.mark.parametrize(
    ("item", "areas"),
    [
        # The item names one of the title's fields: it is about that one.
        ("Map cobalt and nickel deposits in Sonora.", ["supply_chain"]),
        ("Build two solar farms in Chihuahua.", ["climate_energy"]),
        # The item names none of them: the title says what it is about.
        ("Fund five joint projects in Ottawa.", ["climate_energy", "supply_chain"]),
    ],
)
def test_a_title_that_joins_several_fields_lends_them_only_to_items_that_name_none(
    item: str, areas: list[str]
) -> None:
    text = f"Canada and Mexico will:\nClean Energy and Critical Minerals\n- {item}\n"
    [found] = commitments(text)
    assert sorted(found["areas"]) == areas


def test_a_title_over_a_subtitle_with_no_field_of_its_own_names_the_area() -> None:
    text = (
        "Statement on Vaccine Cooperation\n\nPrinciples\n\n"
        "- Canada and Mexico will share production schedules every quarter.\n"
    )
    [found] = commitments(text)
    assert found["areas"] == ["health"]


def test_a_title_with_a_body_of_its_own_lends_nothing_to_the_next_section() -> None:
    text = (
        "Statement on Vaccine Cooperation\n\nCanada and Mexico share a long history.\n\nPrinciples\n\n"
        "- Canada and Mexico will share production schedules every quarter.\n"
    )
    [found] = commitments(text)
    assert found["areas"] == []


@pytest.mark.parametrize(
    ("sentence", "areas"),
    [
        # Research ties between the parties' scientists, and the skills of a workforce.
        (
            "Canada and Mexico will deepen research collaboration between their universities.",
            ["science_exchange"],
        ),
        (
            "Canada and Mexico will fund field studies of river ecology through research cooperation.",
            ["science_exchange"],
        ),
        (
            "Canada and Mexico will train a workforce for the mining sector.",
            ["science_exchange", "supply_chain"],
        ),
        # Health is people's health, not the health of soils, oceans or budgets.
        ("Canada and Mexico will restore soil health on farms.", []),
        ("Canada and Mexico will fund mental health clinics.", ["health"]),
        ("Canada and Mexico will expand knowledge-sharing between their universities.", ["science_exchange"]),
        # Solar power is energy; the sun observed from a satellite is space science.
        ("Canada and Mexico will build solar power plants in Sonora.", ["climate_energy"]),
        ("Canada and Mexico will launch a satellite to study the solar wind.", ["space"]),
        # A mineral is a matter of supply chains; batteries are named as batteries, cells or storage.
        ("Canada and Mexico will mine lithium in Sonora.", ["supply_chain"]),
        ("Canada and Mexico will build lithium-ion battery plants.", ["batteries"]),
        ("Canada and Mexico will act together in regional fora on oceans.", ["diplomacy"]),
        # Trade frameworks by name.
        ("Canada and Mexico will coordinate their positions at the WTO.", ["trade"]),
        ("Canada and Mexico will join talks under the Indo-Pacific Economic Framework.", ["trade"]),
    ],
)
def test_research_ties_workforces_and_trade_frameworks(sentence: str, areas: list[str]) -> None:
    [found] = commitments(sentence)
    assert sorted(found["areas"]) == areas


@pytest.mark.parametrize(
    ("sentence", "strength", "actors"),
    [
        ("Canada welcomes Mexico's new initiative to train park rangers.", "intent", ["MX"]),
        ("Canada welcomes Mexico's expected membership in the Arctic Council.", "intent", ["MX"]),
        ("Canada and Mexico welcome the launch of a bilateral dialogue on oceans.", "intent", ["CA", "MX"]),
        ("Canada and Mexico are collectively working to restore monarch habitats.", "intent", ["CA", "MX"]),
        ("Regular exchanges with farmers are to be organized by both governments.", "firm", ["CA", "MX"]),
        (
            "Canada and Mexico committed, as members of the Ocean Panel, to protect coral reefs.",
            "firm",
            ["CA", "MX"],
        ),
        ("At the Geneva summit, Canada pledged $40 million over four years.", "firm", ["CA"]),
    ],
)
def test_welcomes_of_the_parties_own_steps_and_other_commitment_language(
    sentence: str, strength: str, actors: list[str]
) -> None:
    [found] = commitments(sentence)
    assert (found["strength"], found["actors"]) == (strength, actors)


@pytest.mark.parametrize(
    "sentence",
    [
        "Canada welcomes Shopify's plan to open an office in Guadalajara.",
        "Canada and Mexico welcome the launch of a new smartphone by a private firm.",
        "We believe the lesson must be the international community's abiding will to uphold peace.",
        "Our shared values will be our guide.",
        "The Participants consider this arrangement to build on earlier work.",
        "The discontinuation is expected to commence on a date the Participants decide.",
        "To mark the Canada-Mexico Tourism Year, Airbnb has announced it will commit $1 million to guides.",
        "Telus, a Canadian telecoms company, plans to provide $5 million to rural schools.",
        "Toyota expects the new plant in North America will create 3,000 jobs.",
        "This project will provide $15 million in exports and is expected to support 700 jobs.",
    ],
)
def test_more_sentences_that_commit_no_party(sentence: str) -> None:
    assert quotes(sentence) == []


def test_an_item_with_a_subject_of_its_own_is_not_lent_the_lead_in() -> None:
    text = "Canada and Mexico intend to:\n- Cemex plans to invest $300 million in a new kiln near Puebla.\n- Expand kiln audits.\n"
    assert quotes(text) == ["Expand kiln audits."]


def test_under_a_welcome_lead_in_a_noun_phrase_item_is_what_is_welcomed() -> None:
    text = "Canada and Mexico welcome:\n- The announcements of new investments in both countries by leading companies.\n"
    assert quotes(text) == []


def test_the_first_line_of_a_document_without_final_punctuation_is_its_title() -> None:
    text = "FACT SHEET: Canada and Mexico Will Launch a Wildfire Centre\nCanada and Mexico will launch a joint wildfire centre.\n"
    assert quotes(text) == ["Canada and Mexico will launch a joint wildfire centre."]
    one_line = "Canada and Mexico will launch a joint wildfire centre"
    assert quotes(one_line) == [one_line]


@pytest.mark.parametrize(
    ("sentence", "strength"),
    [
        (
            "The Participants acknowledge their strong fisheries science and support joint stock assessments.",
            "intent",
        ),
        (
            "Canada and Mexico welcomed the new dialogue and instruct their ministries to prepare a second one.",
            "firm",
        ),
        ("Canada and Mexico announced they would report on progress every year.", "firm"),
        ("Canada and Mexico pursue opportunities to cooperate on geothermal power.", "intent"),
        ("To support the fund, Mexico plans to provide $2 million over two years.", "intent"),
    ],
)
def test_coordinated_verbs_reported_decisions_and_pursuits(sentence: str, strength: str) -> None:
    [found] = commitments(sentence)
    assert found["strength"] == strength


@pytest.mark.parametrize(
    "sentence",
    [
        "Canada and Mexico recognize the role of hydropower, as affirmed in the COP28 pledge to triple renewables.",
        "Canada and Mexico met with the aim to review fisheries.",
    ],
)
def test_pledge_plan_and_aim_after_a_determiner_are_nouns(sentence: str) -> None:
    assert quotes(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministers issued a plan that notes, “we will support a lasting peace in the region.”",
        "Canada has led an agenda centred on public investment and working with partners to build ports.",
    ],
)
def test_quoted_words_and_gerunds_joined_to_a_noun_commit_no_one(sentence: str) -> None:
    assert quotes(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "amounts"),
    [
        (
            "Canada and Mexico will expand training through NASA’s Earth Science programme, a two-year, $200,000 activity.",
            [{"value": 200_000, "currency": "USD", "actor": "US", "period": "P2Y"}],
        ),
        (
            "Canada pledged $15 million over three years, and Mexico $30 million, for coral science.",
            [
                {"value": 15_000_000, "currency": "USD", "actor": "CA", "period": "P3Y"},
                {"value": 30_000_000, "currency": "USD", "actor": "MX", "period": None},
            ],
        ),
    ],
)
def test_who_gives_and_for_how_long(sentence: str, amounts: list[dict]) -> None:
    [found] = commitments(sentence, ("CA", "MX", "US"))
    assert found["amounts"] == amounts


@pytest.mark.parametrize(
    ("sentence", "areas"),
    [
        # The name of a ministry or an office says who acts, not what the action is about.
        (
            "Canada and Mexico will task the Ministry of Energy, Mines and Trade with quantum testbeds.",
            ["quantum"],
        ),
        ("Canada and Mexico will cut tariffs on energy equipment.", ["climate_energy", "trade"]),
        ("Canada and Mexico will hold talks between their trade ministers on quantum sensing.", ["quantum"]),
        ("Canada and Mexico will hold talks on trade in quantum sensors.", ["quantum", "trade"]),
        ("Canada and Mexico will brief their National Security Councils on quantum sensing.", ["quantum"]),
        ("Canada and Mexico will coordinate their votes in the Security Council.", ["diplomacy"]),
        # Values named as the manner of an action are not its field; as its object they are.
        (
            "Canada and Mexico will deploy AI in ways consistent with democratic values and human rights.",
            ["ai"],
        ),
        ("Canada and Mexico will build quantum networks that respect human rights.", ["quantum"]),
        ("Canada and Mexico will promote respect for human rights in the region.", ["diplomacy"]),
        ("Canada and Mexico will defend democracy and human rights.", ["diplomacy"]),
        # Surveillance by a military (ISR) or of a disease is not the digital kind.
        ("Canada and Mexico will expand intelligence, surveillance and reconnaissance flights.", ["defense"]),
        ("Canada and Mexico will curb unlawful surveillance of journalists.", ["digital"]),
        ("Canada and Mexico will fund disease surveillance for pandemic preparedness.", ["health"]),
        # Training is a field of its own only when nothing else is named.
        ("Canada and Mexico will fund cybersecurity training for port staff.", ["digital"]),
        ("Canada and Mexico will fund training for nurses.", ["science_exchange"]),
        # Joint research is science cooperation; joint R&D on a technology is about the technology.
        ("Canada and Mexico will expand joint research on coral reefs.", ["science_exchange"]),
        ("Canada and Mexico will fund joint research and development on 6G radios.", ["telecom"]),
    ],
)
def test_who_acts_and_how_is_not_what_it_is_about(sentence: str, areas: list[str]) -> None:
    [found] = commitments(sentence)
    assert sorted(found["areas"]) == areas


@pytest.mark.parametrize(
    ("sentence", "areas"),
    [
        ("Canada and Mexico will pilot smart city sensors in Monterrey.", ["digital"]),
        ("Canada and Mexico will migrate to post-quantum cryptography.", ["digital", "quantum"]),
        ("Canada and Mexico will agree common rules on data governance.", ["digital"]),
        ("Canada and Mexico will lay a new subsea fibre cable.", ["telecom"]),
        ("Canada and Mexico will share Earth observation imagery of the Gulf.", ["space"]),
        ("Canada and Mexico will build a radio telescope for astrophysics.", ["space"]),
        ("Canada and Mexico will fund cancer screening in rural clinics.", ["health"]),
        ("Canada and Mexico will share data on drug shortages.", ["biotech"]),
        # A keyword written with capitals matches whatever the case of its first letter.
        ("Canada and Mexico will pool Earth observation data.", ["space"]),
        ("Canada and Mexico will pool earth observation data.", ["space"]),
        ("Open RAN: Canada and Mexico will test new radios in Monterrey.", ["telecom"]),
        ("Canada and Mexico will host Navy port visits.", ["defense"]),
        ("Canada and Mexico will establish a taskforce on coral reefs.", ["governance"]),
        ("Canada and Mexico will prepare the inaugural dialogue on fisheries.", ["governance"]),
        ("Canada and Mexico will respond together to economic coercion.", ["trade"]),
        ("Canada and Mexico will seek support from partner governments for reef protection.", ["diplomacy"]),
        ("Canada and Mexico will protect key technologies from theft.", ["research_security"]),
    ],
)
def test_field_vocabulary(sentence: str, areas: list[str]) -> None:
    [found] = commitments(sentence)
    assert sorted(found["areas"]) == areas


@pytest.mark.parametrize(
    ("text", "strength", "areas"),
    [
        # Hard-wrapped text, as a PDF or an e-mail gives it: a phrase goes on across the break.
        (
            "Canada and Mexico will explore ocean science and will\nconsider a joint centre.\n",
            "aspiration",
            [],
        ),
        ("Canada and Mexico will fund joint\nresearch on coral reefs.\n", "firm", ["science_exchange"]),
        (
            "Canada and Mexico will set up a working group on the\nQuantum Sensing Roadmap.\n",
            "firm",
            ["governance", "quantum"],
        ),
    ],
)
def test_a_line_wrapped_inside_a_sentence_reads_as_one_line(
    text: str, strength: str, areas: list[str]
) -> None:
    [found] = commitments(text)
    assert found["strength"] == strength
    assert sorted(found["areas"]) == areas or not areas
    assert found["quote"] == text.strip()  # the span, and so the quote, is the text as written


def test_a_break_between_capitalised_words_is_not_taken_for_a_wrap() -> None:
    # "... Ocean Workshop" may close a line whose title comes next: a name does not run across.
    text = (
        "Canada and Mexico will host the Pacific Ocean Workshop\n"
        "Marine Science Collaboration: the two countries will map coral reefs.\n"
    )
    names = {name for c in commitments(text) for name in c["bodies"]}
    assert not any("Workshop Marine" in name for name in names)


def test_the_text_extractors_read_differs_from_the_text_only_at_wrapped_breaks() -> None:
    from accord.text.segment import segment, unwrapped

    text = (
        "Title Line\nCanada will fund joint\nresearch, and\nMexico will host it.\n- An item\n- another item\n"
    )
    reading = unwrapped(text, segment(text))
    assert len(reading) == len(text)
    assert [i for i, (a, b) in enumerate(zip(text, reading, strict=True)) if a != b] == [
        text.index("joint\n") + 5,
        text.index("and\n") + 3,
    ]
    assert (
        unwrapped("One line.\nAnother line.\n", segment("One line.\nAnother line.\n"))
        == "One line.\nAnother line.\n"
    )


def test_a_text_too_long_for_a_second_copy_is_read_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    from accord.extract import extraction

    text = "Canada and Mexico will explore ocean science and will\nconsider a joint centre.\n"
    monkeypatch.setattr(extraction, "UNWRAP_CHARS", len(text) - 1)
    [found] = commitments(text)
    assert found["strength"] == "firm"  # 'will\nconsider' is not read as 'will consider'
