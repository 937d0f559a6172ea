"""Back-reference cues: a first scan for where a cue may begin spares most spans the eleven
patterns, and must never pass over a cue that the patterns find."""

from __future__ import annotations

import re
from pathlib import Path

from accord.extract.references import every_reference, find_references

CORPUS = Path(__file__).parent / "corpus"

# One or more for every pattern, in the forms the patterns allow, some in capitals.
INVENTED = [
    "This fulfils the pledge made at the summit in May 2023.",
    "The ministries FULFILLED their promise of last year.",
    "Japan delivered on its commitment to fund the centre.",
    "The agencies followed through on the plan announced in 2022.",
    "Both sides made good on a promise to open the lab.",
    "Korea acts on the decision of the Joint Committee.",
    "The partners implemented the earlier semiconductor commitment of 2021.",
    "They re-affirmed the goals of the Camp David summit.",
    "The leaders reiterate their support for open 6G standards.",
    "Both governments recommitted to the fellowship.",
    "The parties renewed their commitment to quantum research.",
    "This builds upon the 2022 memorandum.",
    "The programme, built on earlier work, expands.",
    "As agreed at the G7 Hiroshima Summit, the partners will meet.",
    "as set out in the joint statement of April 2024, funding continues.",
    "Following up on the Quad summit, the ministers will meet.",
    "Further to the exchange of letters, the centre will open.",
    "Pursuant to the agreement signed in 2015, the parties will report.",
    "Building on long-standing cooperation agreements, both will invest.",
    "The prior science statement set the goal.",
    "Pledges announced at the Seoul summit will be met.",
    "Progress made under the Critical and Emerging Technology initiative is welcome.",
    "Since its launch in 2021, the dialogue has met four times.",
    "Since KISTEP's establishment, forty researchers have trained there.",
]
# Spans with none of the cues: the first scan rejects them.
PLAIN = [
    "The partners will cooperate on lunar science.",
    "Both sides will fund joint research on batteries, with $20 million each year.",
    "An agreement on quantum research will be signed next month.",
    "The actors in the supply chain will share data as soon as possible.",
]


def _spans() -> list[str]:
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORPUS.rglob("*.txt"))]
    return [span for text in texts for span in re.split(r"(?<=[.;])\s+|\n+", text) if span.strip()]


def test_the_first_scan_never_passes_over_a_cue_the_patterns_find() -> None:
    spans = _spans() + INVENTED + PLAIN
    assert len(spans) > 2_000
    for span in spans:
        assert find_references(span) == every_reference(span), span
    assert sum(bool(every_reference(span)) for span in spans) > len(INVENTED)  # not a vacuous check


def test_every_invented_cue_is_found_and_spans_without_one_are_passed_over() -> None:
    assert all(find_references(span) for span in INVENTED)
    assert not any(every_reference(span) for span in PLAIN)
    assert not any(find_references(span) for span in PLAIN)
