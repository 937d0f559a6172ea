"""A JSON response encoded by orjson, for endpoints whose bodies are already plain JSON values."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import JSONResponse


class FastJSON(JSONResponse):
    """Skips FastAPI's validation and the standard library encoder: the hot list spends its time here."""

    def render(self, content: Any) -> bytes:
        return orjson.dumps(content)
