"""DOCX to the plain line format, using paragraph styles for headings and list items."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from accord.errors import InputError

_HEADING_STYLE = re.compile(r"Heading (\d)")


def docx_to_text(path: Path, data: bytes) -> tuple[str, str, str | None]:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputError(
            f"{path}: not a readable .docx file ({error})", hint="open and re-save it in Word"
        ) from None
    lines: list[str] = []
    for paragraph in document.paragraphs:
        text = " ".join(paragraph.text.split())
        if not text:
            continue
        style = paragraph.style.name if paragraph.style is not None else ""
        if style == "Title":
            lines.extend([f"# {text}", ""])
        elif heading := _HEADING_STYLE.match(style):
            lines.extend(["#" * (int(heading.group(1)) + 1) + " " + text, ""])
        elif style.startswith("List Number"):
            lines.append(f"1. {text}")
        elif style.startswith("List"):
            lines.append(f"- {text}")
        else:
            lines.extend([text, ""])
    for table in document.tables:
        for row in table.rows:
            lines.extend([" | ".join(cell.text.strip() for cell in row.cells), ""])
    title = document.core_properties.title or None
    return (
        "\n".join(lines).strip("\n") + "\n",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        title,
    )
