"""The compliance report of a cycle, in the G7 Research Group manner: scores by commitment × party,
averages by party and by area, the evidence cited for each score, and the methods.

One typed context feeds every format: HTML from a Jinja2 template, PDF from that HTML through
WeasyPrint, Markdown as plain tables.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape

from accord.errors import InputError
from accord.reports.context import context
from accord.reports.markdown import render_markdown
from accord.reports.scale import BAR_COLOURS, NOT_ACTOR, NOT_SCORED, score_label, tone
from accord.services.report_data import ReportData

FORMATS = {"html": "text/html; charset=utf-8", "pdf": "application/pdf", "md": "text/markdown; charset=utf-8"}
_TEMPLATES = Path(__file__).with_name("templates")


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals.update(
        NOT_SCORED=NOT_SCORED,
        NOT_ACTOR=NOT_ACTOR,
        BAR_COLOURS=BAR_COLOURS,
        score_label=score_label,
        tone=tone,
    )
    return environment


def render_html(data: ReportData) -> str:
    return _environment().get_template("report.html").render(report=context(data))


def render_pdf(data: ReportData) -> bytes:
    # Imported here: loading WeasyPrint (Pango, fonts) costs about a second that no other command should pay.
    from weasyprint import HTML

    pdf = HTML(string=render_html(data), base_url=str(_TEMPLATES)).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise InputError(f"unknown report format {fmt!r}", hint="html, pdf or md")
    return fmt


def render(data: ReportData, fmt: str) -> bytes:
    """The report as the bytes of a file in `fmt` (html, pdf or md)."""
    if check_format(fmt) == "pdf":
        return render_pdf(data)
    if fmt == "md":
        return render_markdown(context(data)).encode("utf-8")
    return render_html(data).encode("utf-8")
