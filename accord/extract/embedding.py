"""Sentence vectors from WordLlama, whose weights and tokenizer ship inside its wheel.

The model is read from the installed package and downloads are forbidden, so nothing is
fetched at run time (HF_HUB_OFFLINE or not). WordLlama is a static (token-averaging) model:
about 50,000 sentences a second on one core with numpy alone, 16 MB of weights, no torch.
Its cosine similarity is a modest signal on its own; callers combine it with words and names.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

MODEL = "wordllama-l2-supercat-256"
DIMENSIONS = 256
_lock = threading.Lock()
_model: Any = None

Vectors = npt.NDArray[np.float32]


def _load() -> Any:
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                # wordllama calls logging.basicConfig(level=INFO) when imported: that would print
                # every library's INFO lines (alembic's, for one) on the user's stderr afterwards.
                root = logging.getLogger()
                handlers, level = list(root.handlers), root.level
                try:
                    import wordllama
                    from wordllama import WordLlama

                    _model = WordLlama.load(
                        cache_dir=Path(wordllama.__file__).parent, disable_download=True, dim=DIMENSIONS
                    )
                finally:
                    root.handlers[:] = handlers
                    root.setLevel(level)
    return _model


def load() -> None:
    """Read the model now rather than at the first `embed` (a fork server does, for its workers)."""
    _load()


def embed(texts: Sequence[str]) -> Vectors:
    """Unit-length float32 vectors, one row per text (an empty text gives a zero row).

    The same arithmetic as WordLlama's own `embed` (token rows summed in order, divided by their
    number, normalised), bit for bit, without its padding, and with the tokens found word by word
    through a cache (`_token_ids`)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    model = _load()
    ids = _token_ids(_unpadded(model.tokenizer), list(texts))
    out = np.zeros((len(ids), DIMENSIONS), dtype=np.float32)
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows = [n for n, found in enumerate(chunk) if found]  # an empty text keeps its zero row
        if not rows:
            continue
        lengths = np.fromiter((len(chunk[n]) for n in rows), dtype=np.int64, count=len(rows))
        flat = np.fromiter(
            chain.from_iterable(chunk[n] for n in rows), dtype=np.int32, count=int(lengths.sum())
        )
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        gathered = model.embedding[flat]
        sums = np.empty((len(rows), DIMENSIONS), dtype=np.float32)
        # One sum per text over its own rows: added in token order, as WordLlama's masked sum over
        # a padded batch adds them (np.add.reduceat does not, past a hundred-odd tokens).
        for row, (offset, length) in enumerate(zip(offsets.tolist(), lengths.tolist(), strict=True)):
            sums[row] = gathered[offset : offset + length].sum(axis=0, dtype=np.float32)
        pooled = sums / lengths.astype(np.float32)[:, np.newaxis]
        with np.errstate(invalid="ignore", divide="ignore"):
            pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
        out[start + np.asarray(rows)] = pooled
    out[~np.isfinite(out).all(axis=1)] = 0.0
    return out


_CHUNK = 2048  # texts gathered at once: their token rows take ~100 KB each
# The tokenizer has no pre-tokenizer: BPE runs over the whole sentence, every call, which made it
# the dearest step of ingest. No token of its vocabulary holds "▁" (its space) after another
# character (checked in tests), so no merge crosses the start of a word, and a sentence's tokens
# are its words' tokens end to end: each distinct word is tokenized once and remembered.
_SPACE = "\u2581"
_WORD = re.compile(f"{_SPACE}+[^{_SPACE}]*")
_CACHE_LIMIT = 500_000
_words: dict[str, list[int]] = {}
_words_lock = threading.Lock()  # a server embeds from several threads; the cache may be cleared


def _unpadded(tokenizer: Any) -> Any:
    """A copy of the model's tokenizer that does not pad (the ids are laid out here)."""
    global _tokenizer
    if _tokenizer is None:
        copy = type(tokenizer).from_str(tokenizer.to_str())
        copy.no_padding()
        _tokenizer = copy
    return _tokenizer


_tokenizer: Any = None


def _token_ids(tokenizer: Any, texts: list[str]) -> list[list[int]]:
    with _words_lock:
        return _cached_token_ids(tokenizer, texts)


def _cached_token_ids(tokenizer: Any, texts: list[str]) -> list[list[int]]:
    special = [token.content for token in tokenizer.get_added_tokens_decoder().values()]
    out: list[list[int]] = []
    direct: list[int] = []  # texts the tokenizer takes whole: empty, or naming a special token
    pieces: list[list[str]] = []
    for n, text in enumerate(texts):
        if not text or any(token in text for token in special):
            direct.append(n)
            pieces.append([])
            continue
        # The tokenizer's normaliser: "▁" before the text, every space made "▁".
        pieces.append(_WORD.findall(_SPACE + text.replace(" ", _SPACE)))
    unknown = list({piece for found in pieces for piece in found if piece not in _words})
    if unknown:
        if len(_words) + len(unknown) > _CACHE_LIMIT:
            _words.clear()
        # A word given alone gets "▁" put before it again by the normaliser: give it without.
        encoded = tokenizer.encode_batch([piece[1:] for piece in unknown], add_special_tokens=False)
        for piece, encoding in zip(unknown, encoded, strict=True):
            _words[piece] = encoding.ids
        if _SPACE in _words:  # "" gets no "▁" put before it: the lone space is its own token
            _words[_SPACE] = [tokenizer.token_to_id(_SPACE)]
    for found in pieces:
        ids: list[int] = []
        for piece in found:
            ids += _words[piece]
        out.append(ids)
    if direct:
        whole = tokenizer.encode_batch([texts[n] for n in direct], add_special_tokens=False)
        for n, encoding in zip(direct, whole, strict=True):
            out[n] = encoding.ids
    return out


def quantise(vectors: Vectors) -> npt.NDArray[np.int8]:
    """Unit vectors as int8 (x·127): a quarter of the bytes, cosine off by well under 0.01."""
    return np.clip(np.rint(vectors * 127.0), -127, 127).astype(np.int8)


def rows_to_bytes(vectors: Vectors) -> list[bytes]:
    """Each row as the database keeps it (`quantise`), the matrix quantised at once."""
    raw = quantise(vectors.reshape(-1, DIMENSIONS)).tobytes()
    return [raw[at : at + DIMENSIONS] for at in range(0, len(raw), DIMENSIONS)]


def from_bytes(blobs: Sequence[bytes]) -> Vectors:
    """Stored int8 rows back as float32 unit-ish vectors (a matrix, one row per blob)."""
    if not blobs:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    raw = np.frombuffer(b"".join(blobs), dtype=np.int8).reshape(len(blobs), DIMENSIONS)
    return raw.astype(np.float32) / 127.0
