"""Documents sent as a request body: accepted content types and the size limit."""

from __future__ import annotations

from fastapi import Request

from accord.errors import InputError
from accord.http.documents import MAX_UPLOAD, TYPES

__all__ = ["BODY", "MAX_UPLOAD", "TYPES", "read_document"]
# How /openapi.json describes such a body: any of the types, as bytes.
BODY = {
    "requestBody": {
        "required": True,
        "content": {media: {"schema": {"type": "string", "format": "binary"}} for media in TYPES},
    }
}


async def read_document(request: Request) -> tuple[str, bytes]:
    """The body's file suffix (from its Content-Type) and its bytes, refused past 20 MB while reading."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    suffix = TYPES.get(media)
    if suffix is None:
        raise InputError(f"unsupported Content-Type {media or '(none)'!r}", hint="send " + ", ".join(TYPES))
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_UPLOAD:
        raise InputError("the document is larger than 20 MB", hint="split it, or ingest it with the CLI")
    data = bytearray()
    async for chunk in request.stream():
        data.extend(chunk)
        if len(data) > MAX_UPLOAD:
            raise InputError("the document is larger than 20 MB", hint="split it, or ingest it with the CLI")
    return suffix, bytes(data)
