"""DOCX to the plain line format, using paragraph styles for headings and list items.

A .docx is a zip of XML parts, so a small file can unpack to gigabytes (a zip bomb) or declare
entities that expand without end (an entity bomb). Before python-docx parses anything, the zip's
directory is checked: the unpacked size of the whole and the ratio of each part are capped (Apache
POI's rule: no part inflates more than 100 times), and an XML part with a document type
declaration — which no Word file has, and which entity bombs need — is refused.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from accord.errors import InputError, LimitExceeded

_HEADING_STYLE = re.compile(r"Heading (\d)")
MAX_UNPACKED = 64 * 1024 * 1024  # bytes of all parts together, unpacked
MAX_RATIO = 100  # unpacked size / packed size of one part
_SMALL_PART = 64 * 1024  # a part this small may inflate more (a few repeated tags), it costs nothing
_DOCTYPE = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_package(path: Path, data: bytes) -> None:
    """Refuse a zip bomb or an XML part with a DTD before any part is parsed."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
        total = sum(member.file_size for member in members)
        if total > MAX_UNPACKED:
            raise _too_large(
                path,
                f"it unpacks to {total // (1024 * 1024)} MB, "
                f"past the {MAX_UNPACKED // (1024 * 1024)} MB accord reads",
            )
        for member in members:
            if member.file_size > _SMALL_PART and member.file_size > MAX_RATIO * max(member.compress_size, 1):
                ratio = member.file_size // max(member.compress_size, 1)
                raise _too_large(
                    path, f"its part {member.filename} inflates {ratio} times (a zip bomb?), past {MAX_RATIO}"
                )
            # The declared size bounds what is read: zipfile stops there and checks the CRC.
            if member.filename.endswith((".xml", ".rels")) and _DOCTYPE.search(package.read(member)):
                raise LimitExceeded(
                    f"{path}: its part {member.filename} declares a document type or entities, "
                    "which no Word document does",
                    hint="open and re-save it in Word",
                )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError) as error:
        raise InputError(
            f"{path}: not a readable .docx file ({error})", hint="open and re-save it in Word"
        ) from None


def _too_large(path: Path, why: str) -> LimitExceeded:
    return LimitExceeded(
        f"{path}: refused, {why}",
        hint="split the document, or save it as .txt",
    )


def docx_to_text(path: Path, data: bytes) -> tuple[str, str, str | None]:
    check_package(path, data)  # before importing python-docx: a bomb is refused at once
    import docx
    from lxml.etree import LxmlError

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, LxmlError) as error:
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
