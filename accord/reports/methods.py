"""The methods section, written once for every format: definitions, the scale, the period, the averages."""

from __future__ import annotations

from accord.services.report_data import ReportData

STRENGTHS = (
    ("firm", "the parties say they will act (“will”, “shall”, “has committed”)"),
    ("intent", "the parties say they plan or intend to act (“plan to”, “intend to”, “aim to”)"),
    ("aspiration", "the parties say they hope or seek to act (“explore”, “seek to”, “aspire to”)"),
)


def methods(data: ReportData) -> list[tuple[str, str]]:
    """(heading, paragraph) pairs, in plain text."""
    cycle = data.cycle
    status = (
        f"final: every party ({', '.join(cycle.reviewed_by)}) has reviewed it"
        if cycle.final
        else "preliminary: "
        + (
            f"reviewed so far by {', '.join(cycle.reviewed_by)}, not yet by every party"
            if cycle.reviewed_by
            else "no party has reviewed it yet"
        )
    )
    return [
        (
            "Commitments",
            "A commitment is a passage of the agreement's text in which one or more parties say they will "
            "act: a sentence or a list item, quoted here exactly as written, with the parties that act on "
            "it (its actors). Commitments are found by accord's extractor and reviewed by a person; those "
            "rejected as not being commitments are left out. The number beside each one is its accord id.",
        ),
        (
            "Strength",
            "How firmly the text commits its actors: "
            + "; ".join(f"{name}, {meaning}" for name, meaning in STRENGTHS)
            + ".",
        ),
        (
            "Scale",
            "Each actor of each commitment is scored against a guideline written for that commitment before "
            "scoring began, in the G7 Research Group manner: +1 for full or nearly full compliance, 0 for "
            "partial compliance or work under way, −1 for no compliance or action contrary to the "
            "commitment. A party that did not commit is not scored (n/a); an actor without a score is "
            "marked —.",
        ),
        (
            "Period",
            f"This {cycle.kind} assessment covers {cycle.period_start.isoformat()} to "
            f"{cycle.period_end.isoformat()} (cycle {cycle.id}). Evidence is the progress each party "
            "recorded on the commitment up to the end of the period (level, date, source and note), beside "
            f"the analyst's justification of the score. The cycle is {status}.",
        ),
        (
            "Averages",
            "A mean is the average of the scores given in a group; compliance % = (mean + 1) / 2 × 100, so "
            "that −1 is 0 %, 0 is 50 % and +1 is 100 %. By party: every score of that party. By area: every "
            "score on a commitment in that area; a commitment in two areas counts in both, and one in none "
            "under “(none)”. Pairs not scored are left out, not counted as 0.",
        ),
    ]
