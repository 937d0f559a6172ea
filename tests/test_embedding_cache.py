"""The sentence vectors, computed word by word through a token cache, equal WordLlama's own."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from accord.extract import embedding
from accord.text.sentences import sentence_spans

CORPUS = Path(__file__).parent / "corpus"


def _theirs(texts: list[str]) -> np.ndarray:
    """WordLlama's own `embed`, as accord called it before the cache."""
    with np.errstate(invalid="ignore", divide="ignore"):
        vectors = np.asarray(embedding._load().embed(texts, norm=True), dtype=np.float32)
    vectors[~np.isfinite(vectors).all(axis=1)] = 0.0
    return vectors


def test_no_token_of_the_vocabulary_spans_the_start_of_a_word() -> None:
    """What makes tokenizing word by word exact: no merge can join a word to the one before."""
    vocabulary = embedding._unpadded(embedding._load().tokenizer).get_vocab()
    assert vocabulary, "the tokenizer has a vocabulary"
    crossing = [
        token
        for token in vocabulary
        if any(token[i] == "\u2581" and token[i - 1] != "\u2581" for i in range(1, len(token)))
    ]
    assert crossing == []


AWKWARD = [
    "",
    " ",
    "  ",
    "a  b",
    " leading space",
    "trailing space ",
    "tab\tand\nnew line",
    "<s> a special token first",
    "one last </s>",
    "x<unk>y",
    "\u2581already\u2581spaced",
    "\u2581",
    "a\u2581 b",
    "한미 과학기술 협력 ",
    "émigré café — “quotes”, 50 % and ½",
    "emoji 🚀 and CJK 日本",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_an_awkward_text_gets_wordllamas_vector_bit_for_bit(text: str) -> None:
    assert np.array_equal(embedding.embed([text]), _theirs([text]))


def test_corpus_sentences_and_random_strings_get_wordllamas_vectors_bit_for_bit() -> None:
    texts: list[str] = []
    for path in sorted(CORPUS.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts += [text[start:end] for start, end in sentence_spans(text, 0, len(text))]
    rng = random.Random(5)
    texts += [
        "".join(rng.choice("ab \u2581<>s/\t한.") for _ in range(rng.randint(0, 40))) for _ in range(500)
    ]
    rng.shuffle(texts)  # long and short texts side by side, as a batch mixes them
    assert len(texts) > 1500
    embedding._words.clear()
    cold = embedding.embed(texts)
    warm = embedding.embed(texts)  # every word now from the cache
    theirs = _theirs(texts)
    assert np.array_equal(cold, theirs)
    assert np.array_equal(warm, theirs)
