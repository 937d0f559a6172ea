"""The documents both HTTP faces accept (the API's body, the pages' upload form): types and size."""

from __future__ import annotations

from accord.http.limits import MAX_DOCUMENT

MAX_UPLOAD = MAX_DOCUMENT
TYPES = {
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/html": ".html",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
