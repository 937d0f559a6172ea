"""Finding commitments and terms in provisions. Pure: text in, findings out; never touches the database.

`extract_text` is the entry point; `pipeline` names the registered extractors it runs, the
last of them the assembly of commitments (`assembly`).
"""

from accord.extract.extraction import Extraction, extract_text, extraction_json

__all__ = ["Extraction", "extract_text", "extraction_json"]
