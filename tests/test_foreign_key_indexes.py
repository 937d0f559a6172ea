"""Every column that refers to a row which may be deleted is indexed: deleting a row (an agreement,
a document, a re-extracted commitment) then finds the rows that refer to it by key, rather than
reading the whole referring table once for every row deleted. The migrations make the same
indexes (tests/test_docs.py compares them with the tables)."""

from __future__ import annotations

from accord.storage.tables import Base

# Tables whose rows are never deleted: a code list, and evidence kept by its hash.
NEVER_DELETED = {"parties", "evidence_files"}


def _led_by(columns: list[str], keys: list[list[str]]) -> bool:
    return any(key[: len(columns)] == columns for key in keys)


def test_every_column_referring_to_a_deletable_row_leads_an_index() -> None:
    unindexed = []
    for target in Base.metadata.sorted_tables:
        keys = [[column.name for column in index.columns] for index in target.indexes]
        keys.append([column.name for column in target.primary_key.columns])
        keys += [
            [column.name for column in constraint.columns]
            for constraint in target.constraints
            if constraint.__class__.__name__ == "UniqueConstraint"
        ]
        for foreign in target.foreign_key_constraints:
            columns = [column.name for column in foreign.columns]
            if foreign.referred_table.name not in NEVER_DELETED and not _led_by(columns, keys):
                unindexed.append(f"{target.name}({', '.join(columns)})")
    assert unindexed == []
