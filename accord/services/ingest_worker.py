"""Imported by the fork server of `accord ingest --jobs N` before it starts its workers.

Importing it reads the sentence model and builds the extraction engine's automata once, in the
fork server; every worker forked from it starts with them, rather than spending two seconds of
CPU each on the same reads. Nothing else imports it.
"""

from __future__ import annotations

from accord.extract import embedding, extract_text
from accord.services import linking, preparing

# Loading only: encoding a text here would start the tokenizer's threads, which a fork leaves broken.
embedding.load()
extract_text("The parties will cooperate in research.")

__all__ = ["linking", "preparing"]
