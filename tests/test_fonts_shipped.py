"""Korean output never depends on the machine's fonts (issue 14, items 1 and 3).

Each check runs accord in a subprocess whose fontconfig knows no font at all (FONTCONFIG_FILE names
an empty configuration) and whose matplotlib font cache is stale: built, then stripped of every
Korean face, as it is when fonts-nanum was installed after matplotlib's first import (`make run`
before `make test`). The shipped NanumGothic must still be embedded and its Hangul extractable."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from accord.errors import AccordError
from accord.reports.compliance import check_embedded_font, embedded_fonts
from accord.reports.fonts import FAMILY
from tests.conftest import ROOT

EMPTY_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig></fontconfig>
"""


@pytest.fixture(scope="module")
def bare_machine(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a machine with no font fontconfig knows and a matplotlib cache without
    any Korean face."""
    folder = tmp_path_factory.mktemp("bare")
    config = folder / "fonts.conf"
    config.write_text(EMPTY_FONTCONFIG)
    mpl = folder / "mpl"
    env = {
        **os.environ,
        "FONTCONFIG_FILE": str(config),
        "MPLCONFIGDIR": str(mpl),
        "PYTHONPATH": str(ROOT),
        "XDG_CACHE_HOME": str(folder / "cache"),
    }
    assert subprocess.run(["fc-list"], env=env, capture_output=True, text=True).stdout.strip() == ""
    # matplotlib builds its font list on first import; then every Korean face is struck from it.
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=True)
    (cache,) = mpl.glob("fontlist-*.json")
    fonts = json.loads(cache.read_text())
    fonts["ttflist"] = [f for f in fonts["ttflist"] if "Nanum" not in f["name"] and "CJK" not in f["name"]]
    cache.write_text(json.dumps(fonts))
    return env


def run(script: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-W", "error::UserWarning:matplotlib", "-c", textwrap.dedent(script), *args],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def test_the_korean_report_embeds_nanum_gothic_on_a_machine_without_fonts(
    bare_machine: dict[str, str], tmp_path: Path
) -> None:
    pdf = tmp_path / "report-ko.pdf"
    done = run(
        """
        import sys
        from accord.reports.compliance import render
        from accord.services.report_data import report_data
        from accord.settings import Settings
        from accord.storage import schema
        from accord.storage.database import Database
        from tests.reports import SLUG, scored_mou

        db = Database.from_settings(Settings(database_url=f"sqlite:///{sys.argv[2]}"))
        schema.upgrade(db.engine)
        scored_mou(db)
        open(sys.argv[1], "wb").write(render(report_data(db, SLUG), "pdf", "ko"))
        """,
        bare_machine,
        str(pdf),
        str(tmp_path / "accord.db"),
    )
    assert done.returncode == 0, done.stderr
    assert "notdef glyph" not in done.stderr  # no sign drawn as a box either (the minus sign of −1)
    listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert f"+{FAMILY} " in listed and f"+{FAMILY}-Bold " in listed
    reader = PdfReader(pdf)
    text = "".join(page.extract_text() for page in reader.pages)
    assert "이행 평가 보고서" in text and "대한민국" in text


CHART = """
    import sys
    from matplotlib import font_manager
    from matplotlib.backends.backend_pdf import FigureCanvasPdf
    from matplotlib.figure import Figure
    from accord.reports import charts

    families = charts.font_families()
    svg = charts.progress_chart(
        {("KR", "ai", "complete"): 2}, title="분야별 약속 이행", names={"KR": "대한민국", "ai": "인공지능"},
        axis="약속 수", empty="약속 없음",
    )
    assert "NanumGothic" in svg, svg[:500]  # the labels' font, for the browser that draws them
    print(font_manager.findfont(font_manager.FontProperties(family=families[0]), fallback_to_default=False))
    figure = Figure(figsize=(3, 1))
    FigureCanvasPdf(figure)
    figure.text(0.1, 0.5, "대한민국 인공지능", family=list(families))
    figure.savefig(sys.argv[1], format="pdf")
"""


def test_charts_draw_hangul_with_the_shipped_font_despite_a_stale_font_cache(
    bare_machine: dict[str, str], tmp_path: Path
) -> None:
    """matplotlib's cache lists no Korean face: the shipped files are registered by path, so no
    glyph is missing (a matplotlib warning is an error in this run) and the PDF embeds NanumGothic."""
    pdf = tmp_path / "chart.pdf"
    done = run(CHART, bare_machine, str(pdf))
    assert done.returncode == 0, done.stderr
    found = Path(done.stdout.strip().splitlines()[-1])
    assert found.name == "NanumGothic.ttf" and found.parent == ROOT / "accord" / "reports" / "fonts"
    assert any(name.startswith(FAMILY) for name in embedded_fonts(pdf.read_bytes()))
    assert "대한민국" in PdfReader(pdf).pages[0].extract_text()


def test_a_korean_pdf_without_the_korean_font_is_refused() -> None:
    """The loud failure: a PDF that embeds no NanumGothic is never handed out as a Korean report."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "Compliance report")
    canvas.save()
    with pytest.raises(AccordError, match="Hangul would print as boxes"):
        check_embedded_font(buffer.getvalue())
