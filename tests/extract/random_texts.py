"""What the tests of narrowed searches share: the engines to run them on, and random texts made of
pieces chosen to meet the patterns' edges."""

from __future__ import annotations

import random
from collections.abc import Sequence


def engines() -> list[str]:
    """The packages of the extraction path to test: the sources, and their compiled twin when used."""
    from accord.extract import engine

    chosen = engine.choose()
    return ["accord", engine.PACKAGE] if chosen.name == engine.COMPILED_NAME else ["accord"]


def random_texts(pieces: Sequence[str], joined: tuple[int, int], spaced: tuple[int, int]) -> list[str]:
    """`joined` = (how many, at most how many pieces) texts of pieces end to end, then `spaced` such
    texts of pieces joined by spaces; the same texts every run."""
    rng = random.Random(15)
    made = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, joined[1]))) for _ in range(joined[0])]
    apart = [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, spaced[1]))) for _ in range(spaced[0])]
    return made + apart
