"""Builders of real files in every supported format, for loader and ingest tests."""

from __future__ import annotations

from pathlib import Path

HTML = """<!doctype html>
<html><head><title>Joint Statement on Space</title><style>p { color: red }</style>
<script>var tracking = "should not appear";</script></head>
<body>
<nav><a href="/">Home</a> | <a href="/briefing">Briefing Room</a></nav>
<header>Site banner</header>
<main>
<h1>Joint Statement on Space Cooperation</h1>
<p>The two leaders met in Seoul.   They agreed on the following.</p>
<h2>Exploration</h2>
<p>The United States and the Republic of Korea will:</p>
<ul><li>expand cooperation on lunar exploration;</li>
<li>launch a satellite navigation dialogue.</li></ul>
</main>
<footer>Privacy policy</footer>
</body></html>
"""


def write_pdf(path: Path, lines: list[str]) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    y = 800
    for line in lines:
        pdf.drawString(72, y, line)
        y -= 18
    pdf.showPage()
    pdf.save()
    return path


def write_scanned_pdf(path: Path) -> Path:
    """A PDF whose page is only a picture-like drawing: no text layer."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    for i in range(30):
        pdf.rect(72, 800 - i * 20, 400, 10, fill=1)
    pdf.showPage()
    pdf.save()
    return path


def write_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.core_properties.title = "Arrangement on Quantum Cooperation"
    document.add_heading("Arrangement on Quantum Cooperation", level=0)
    document.add_heading("Article 1 Purpose", level=1)
    document.add_paragraph("The Parties shall cooperate in quantum science. They shall meet annually.")
    document.add_paragraph("The Parties shall:")
    document.add_paragraph("exchange researchers;", style="List Bullet")
    document.add_paragraph("fund joint projects.", style="List Bullet")
    document.save(str(path))
    return path
