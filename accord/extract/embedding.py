"""Sentence vectors from WordLlama, whose weights and tokenizer ship inside its wheel.

The model is read from the installed package and downloads are forbidden, so nothing is
fetched at run time (HF_HUB_OFFLINE or not). WordLlama is a static (token-averaging) model:
about 50,000 sentences a second on one core with numpy alone, 16 MB of weights, no torch.
Its cosine similarity is a modest signal on its own; callers combine it with words and names.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
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


def embed(texts: Sequence[str]) -> Vectors:
    """Unit-length float32 vectors, one row per text (an empty text gives a zero row)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = np.asarray(_load().embed(list(texts), norm=True), dtype=np.float32)
    vectors[~np.isfinite(vectors).all(axis=1)] = 0.0
    return vectors


def quantise(vectors: Vectors) -> npt.NDArray[np.int8]:
    """Unit vectors as int8 (x·127): a quarter of the bytes, cosine off by well under 0.01."""
    return np.clip(np.rint(vectors * 127.0), -127, 127).astype(np.int8)


def to_bytes(vector: Vectors) -> bytes:
    return quantise(vector.reshape(1, -1)).tobytes()


def from_bytes(blobs: Sequence[bytes]) -> Vectors:
    """Stored int8 rows back as float32 unit-ish vectors (a matrix, one row per blob)."""
    if not blobs:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    raw = np.frombuffer(b"".join(blobs), dtype=np.int8).reshape(len(blobs), DIMENSIONS)
    return raw.astype(np.float32) / 127.0
