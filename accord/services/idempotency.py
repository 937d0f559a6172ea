"""Idempotency keys on API writes: a retried request gets the first answer, never a second write.

The key is scoped to the principal that sent it (two users may pick the same key), stored in the
write's own transaction (`accord.storage.idempotency`), and bound to the request it came with:
the same key with another method, path or body is refused. Keys expire after a day
(`accord.storage.idempotency.LIFETIME`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from accord.errors import Conflict, InputError
from accord.storage import idempotency
from accord.storage.database import Database
from accord.storage.idempotency import Claim, Holder
from accord.storage.tables import IdempotencyKeyRow

__all__ = ["Answer", "Claim", "Holder", "Replay", "claim", "keep"]

MAX_KEY = 200


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    content_type: str | None
    body: bytes


class Replay(Exception):
    """The request was made before with this key: here is its first answer."""

    def __init__(self, answer: Answer) -> None:
        super().__init__("idempotent replay")
        self.answer = answer


def request_hash(method: str, path: str, query: str, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), query.encode(), body):
        digest.update(len(part).to_bytes(8, "big") + part)
    return digest.hexdigest()


def claim(db: Database, holder: Holder, *, principal: str, key: str, fingerprint: str) -> None:
    """Before the write: the first answer if this key was used (Replay), else the claim the write's
    transaction will record."""
    if not key or len(key) > MAX_KEY or not key.isprintable():
        raise InputError(
            f"an Idempotency-Key is 1 to {MAX_KEY} printable characters", hint="send a fresh UUID per request"
        )
    with db.reading() as session:
        row = session.get(IdempotencyKeyRow, (principal, key))
        if row is not None and idempotency.expired(row.created_at, idempotency.now()):
            row = None  # a day later it is a new request; the write's transaction purges the old key
        if row is not None:
            if row.request_hash != fingerprint:
                raise InputError(
                    f"Idempotency-Key {key!r} was used for a different request",
                    hint="use a new key for each distinct request",
                    code="idempotency_key_reused",
                )
            if row.status is None:
                raise Conflict(
                    f"the request with Idempotency-Key {key!r} was carried out, but its answer was not kept "
                    "(the server stopped before answering)",
                    hint="read the resource to see the result",
                )
            raise Replay(Answer(row.status, row.content_type, row.body or b""))
    holder.claim = Claim(principal, key, fingerprint)


def keep(db: Database, holder: Holder, status: int, content_type: str | None, body: bytes) -> None:
    """After the write: keep its answer for the retries, if the write was committed."""
    if holder.claim is None or not holder.claim.recorded:
        return
    with db.transaction() as session:
        idempotency.keep_answer(session, holder.claim, status, content_type, body)
