"""The kinds of node in the provision tree.

Apart from `provisions` because that module is compiled into the extraction engine's twin: an
enum defined there would exist twice (source and twin), and `kind is ProvisionKind.SENTENCE` would
fail across them. Defined here, never twinned, there is one enum for both engines.
"""

from __future__ import annotations

from enum import StrEnum


class ProvisionKind(StrEnum):
    SECTION = "section"  # a heading and everything under it
    HEADING = "heading"  # the heading line itself
    PARAGRAPH = "paragraph"
    LEAD_IN = "lead_in"  # a sentence ending in a colon and the list items it introduces
    LIST_ITEM = "list_item"
    SENTENCE = "sentence"
