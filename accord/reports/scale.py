"""How scores, means and compliance percentages are written in every report format."""

from __future__ import annotations

from accord.domain.compliance import Compliance
from accord.i18n import N_

MINUS = "\u2212"  # a true minus sign: a hyphen reads as a dash beside "+1"
NOT_SCORED = "—"  # an actor of the commitment that the cycle did not score
NOT_ACTOR = N_("n/a")  # a party that did not commit to it; translated where shown

SCALE = (
    (1, N_("full or nearly full compliance: the commitment was acted on as written")),
    (0, N_("partial compliance, or work under way that is not yet complete")),
    (-1, N_("no compliance, or action contrary to the commitment")),
)


def score_label(value: int) -> str:
    return f"+{value}" if value > 0 else f"{MINUS}{-value}" if value < 0 else "0"


def mean_label(mean: float | None) -> str:
    if mean is None:
        return NOT_SCORED
    text = f"{mean:+.2f}"
    return "0.00" if text in ("+0.00", "-0.00") else text.replace("-", MINUS)


def percent_label(row: Compliance) -> str:
    return NOT_SCORED if row.percent is None else f"{row.percent:.0f}%"


BAR_COLOURS = {"plus": "#3f9a5e", "zero": "#d9a23b", "minus": "#c24a4a", "none": "#c9ced8"}


def tone(value: float | None) -> str:
    """A CSS class for a score or a mean: the colour of the nearest point of the scale."""
    if value is None:
        return "none"
    return "plus" if value > 1 / 3 else "minus" if value < -1 / 3 else "zero"
