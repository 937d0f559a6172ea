"""The methods section, written once for every format: definitions, the scale, the period, the averages."""

from __future__ import annotations

from accord.i18n import gettext_for
from accord.i18n.labels import label
from accord.services.report_data import ReportData


def methods(data: ReportData, language: str) -> list[tuple[str, str]]:
    """(heading, paragraph) pairs, in plain text, in `language`."""
    _ = gettext_for(language)
    cycle = data.cycle
    reviewers = ", ".join(cycle.reviewed_by)
    if cycle.final:
        status = _("final: every party (%(parties)s) has reviewed it") % {"parties": reviewers}
    elif cycle.reviewed_by:
        status = _("preliminary: reviewed so far by %(parties)s, not yet by every party") % {
            "parties": reviewers
        }
    else:
        status = _("preliminary: no party has reviewed it yet")
    strengths = [
        (label(language, "strength", "firm"), _("the parties say they will act (“will”, “shall”, “has committed”)")),
        (label(language, "strength", "intent"), _("the parties say they plan or intend to act (“plan to”, “intend to”, “aim to”)")),
        (label(language, "strength", "aspiration"), _("the parties say they hope or seek to act (“explore”, “seek to”, “aspire to”)")),
    ]  # fmt: skip
    return [
        (
            _("Commitments"),
            _(
                "A commitment is a passage of the agreement's text in which one or more parties say they "
                "will act: a sentence or a list item, quoted here exactly as written, with the parties that "
                "act on it (its actors). Commitments are found by accord's extractor and reviewed by a "
                "person; those rejected as not being commitments are left out. The number beside each one "
                "is its accord id."
            ),
        ),
        (
            _("Strength"),
            _("How firmly the text commits its actors: %(strengths)s.")
            % {
                "strengths": "; ".join(
                    _("%(name)s, %(meaning)s") % {"name": name, "meaning": meaning}
                    for name, meaning in strengths
                )
            },
        ),
        (
            _("Scale"),
            _(
                "Each actor of each commitment is scored against a guideline written for that commitment "
                "before scoring began, in the G7 Research Group manner: +1 for full or nearly full "
                "compliance, 0 for partial compliance or work under way, −1 for no compliance or action "
                "contrary to the commitment. A party that did not commit is not scored (%(not_actor)s); an "
                "actor without a score is marked —."
            )
            % {"not_actor": _("n/a")},
        ),
        (
            _("Period"),
            _(
                "The period assessed runs from %(start)s to %(end)s (cycle %(cycle)s: %(kind)s). Evidence "
                "is the progress each party recorded on the commitment up to the end of the period (level, "
                "date, source and note), beside the analyst's justification of the score. The cycle is "
                "%(status)s."
            )
            % {
                "kind": label(language, "cycle", cycle.kind),
                "start": cycle.period_start.isoformat(),
                "end": cycle.period_end.isoformat(),
                "cycle": cycle.id,
                "status": status,
            },
        ),
        (
            _("Averages"),
            _(
                "A mean is the average of the scores given in a group; compliance %% = (mean + 1) / 2 × "
                "100, so that −1 is 0 %%, 0 is 50 %% and +1 is 100 %%. By party: every score of that party. "
                "By area: every score on a commitment in that area; a commitment in two areas counts in "
                "both, and one in none under “%(no_area)s”. Pairs not scored are left out, not counted as 0."
            )
            % {"no_area": _("No area")},
        ),
    ]
