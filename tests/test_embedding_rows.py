"""Vectors as the database keeps them: int8 rows, and back."""

from __future__ import annotations

import numpy as np

from accord.extract import embedding


def test_each_row_stored_is_that_row_quantised_alone() -> None:
    vectors = embedding.embed(["The parties will cooperate on quantum research.", "", "Joint Committee"])
    rows = embedding.rows_to_bytes(vectors)
    assert [len(row) for row in rows] == [embedding.DIMENSIONS] * 3
    assert rows == [embedding.quantise(v.reshape(1, -1)).tobytes() for v in vectors]
    assert np.abs(embedding.from_bytes(rows) - vectors).max() <= 0.5 / 127 + 1e-6
    assert embedding.rows_to_bytes(vectors[:0]) == []
