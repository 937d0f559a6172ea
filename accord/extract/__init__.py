"""Finding commitments and terms in provisions. Pure: text in, findings out; never touches the database.

`extract_text` is the entry point; `pipeline` names the registered extractors it runs, the
last of them the assembly of commitments (`assembly`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from accord.extract.extraction import Extraction, extract_text, extraction_json

__all__ = ["Extraction", "extract_text", "extraction_json"]


def __getattr__(name: str) -> Any:
    # Read commands import the lexicon through this package; the extractor itself (spaCy's
    # tokenizer, the automata) is loaded only by the code that extracts.
    if name in __all__:
        from accord.extract import extraction

        return getattr(extraction, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
