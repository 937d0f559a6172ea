"""Numbers written as words or figures, and ISO 8601 durations."""

from __future__ import annotations

WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20,
    "thirty": 30, "forty": 40, "forty-five": 45, "sixty": 60, "ninety": 90, "hundred": 100,
    "one hundred and twenty": 120, "one hundred eighty": 180, "one hundred and eighty": 180,
}  # fmt: skip
WORD_PATTERN = "|".join(sorted((w for w in WORDS if len(w) > 2), key=len, reverse=True))


def to_number(token: str) -> int | None:
    token = token.strip().lower().replace(",", "")
    if token.isdigit():
        return int(token)
    return WORDS.get(token)


def duration(count: int, unit: str) -> str:
    """ISO 8601 duration: (3, 'years') → 'P3Y'."""
    letter = {"day": "D", "week": "W", "month": "M", "year": "Y"}[unit.lower().rstrip("s")]
    return f"P{count}{letter}"
