"""Limits of the record that every face checks, defined once: the largest id and the largest file."""

from __future__ import annotations

# INTEGER columns: a larger id could not name a row, on SQLite or PostgreSQL.
MAX_ID = 2**31 - 1
# Bytes of one file sent to accord: an uploaded document (API body or page form) or an evidence file.
MAX_FILE = 20 * 1024 * 1024
MAX_FILE_MB = MAX_FILE // (1024 * 1024)
