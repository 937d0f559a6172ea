"""Loading the vocabulary files in lexicons/ and compiling them once.

The checksum of all files is recorded on every extraction result, so that two runs
can be told apart when an analyst edits a vocabulary.
"""

from __future__ import annotations

import hashlib
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

LEXICONS = Path(__file__).with_name("lexicons")


@cache
def load(name: str) -> dict[str, Any]:
    with (LEXICONS / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


@cache
def checksum() -> str:
    digest = hashlib.sha256()
    for path in sorted(LEXICONS.glob("*.toml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
