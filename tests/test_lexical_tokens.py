"""`lexical.stems` keeps each token's stem: what it returns must not depend on what it kept."""

from __future__ import annotations

import pytest

from accord.extract import lexical

TEXTS = [
    "The Participants will cooperate on AI-enabled research and the Participants' research security.",
    "Korea’s space agency (KASA) and NASA's Artemis programme; 6G and 5G testbeds, e.g. in 2026.",
    "It is it; of the and to -- 'quoted' words, don't, won't, re-use and re-used.",
    "The Participants will cooperate on AI-enabled research and the Participants' research security.",
]


def _fresh(texts: list[str]) -> list[list[str]]:
    lexical._TOKEN_STEMS.clear()
    return [lexical.stems(text) for text in texts]


def test_stems_are_the_same_whatever_was_kept_before(monkeypatch: pytest.MonkeyPatch) -> None:
    alone = [_fresh([text])[0] for text in TEXTS]
    together = _fresh(TEXTS)
    monkeypatch.setattr(lexical, "_TOKENS_KEPT", 3)  # starts afresh every few tokens
    crowded = _fresh(TEXTS)
    assert alone == together == crowded
    assert len(lexical._TOKEN_STEMS) <= 3
    assert alone[0] == alone[3]
    # Repeats kept, function words and the vocabulary every text shares ("Participants") left out.
    assert alone[0].count("research") == 2 and not {"the", "particip", "cooper"} & set(alone[0])
    assert "kasa" in alone[1] and "6g" in alone[1]
