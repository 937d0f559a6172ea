"""NanumGothic, shipped inside the package (SIL Open Font License 1.1, see OFL.txt), so that Korean
output never depends on the fonts a machine happens to have: the PDF report loads it by `@font-face`
from these files and matplotlib is given them by path, whatever fontconfig or matplotlib's font
cache say. The files are NAVER's unmodified ones (the OFL reserves the name for unmodified fonts,
so they are not subset)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from accord.errors import AccordError

FAMILY = "NanumGothic"
DIRECTORY = Path(__file__).resolve().parent
REGULAR = DIRECTORY / "NanumGothic.ttf"
BOLD = DIRECTORY / "NanumGothicBold.ttf"
# For the few signs NanumGothic lacks (the minus sign U+2212 of the scores): matplotlib's own DejaVu
# Sans, there wherever matplotlib is installed, so a machine without fonts still draws them.
LATIN_FAMILY = "DejaVu Sans"


def latin_files() -> tuple[Path, Path]:
    spec = importlib.util.find_spec("matplotlib")  # found without importing it (a third of a second)
    assert spec is not None and spec.submodule_search_locations
    folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    return folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"


def font_files() -> tuple[Path, Path]:
    """The regular and bold faces; a broken installation fails here, loudly, rather than printing
    boxes in place of Hangul."""
    missing = [path.name for path in (REGULAR, BOLD) if not path.is_file()]
    if missing:
        raise AccordError(
            f"the Korean font shipped with accord is missing: {', '.join(missing)} in {DIRECTORY}",
            hint="reinstall accord (the font files are package data)",
            code="font_missing",
        )
    return REGULAR, BOLD


def font_face_css() -> str:
    """`@font-face` rules naming the font files by absolute file URL (WeasyPrint reads them)."""
    faces = [(FAMILY, font_files()), (LATIN_FAMILY, latin_files())]
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); font-weight: {weight}; }}'
        for family, (regular, bold) in faces
        for path, weight in ((regular, "normal"), (bold, "bold"))
        if path.is_file()
    )
