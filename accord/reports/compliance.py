"""The compliance report of a cycle, in the G7 Research Group manner: scores by commitment × party,
averages by party and by area, the evidence cited for each score, and the methods.

One typed context feeds every format: HTML from a Jinja2 template, PDF from that HTML through
WeasyPrint, Markdown as plain tables; each in English or Korean, from the interface's catalogue.
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from accord import i18n
from accord.errors import AccordError, InputError
from accord.i18n import DEFAULT, N_, gettext_callables, translate
from accord.reports.context import context
from accord.reports.fonts import FAMILY, font_face_css
from accord.reports.markdown import render_markdown
from accord.reports.scale import BAR_COLOURS, NOT_SCORED, score_label, tone
from accord.services.report_data import ReportData

FORMATS = {"html": "text/html; charset=utf-8", "pdf": "application/pdf", "md": "text/markdown; charset=utf-8"}
_TEMPLATES = Path(__file__).with_name("templates")
PAGE_NUMBER = N_("page %(page)s of %(pages)s")
RUNNING_FOOTER = N_("accord compliance report")


@cache
def _environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(_TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["english_quotes"] = english_quotes
    environment.globals.update(
        NOT_SCORED=NOT_SCORED, BAR_COLOURS=BAR_COLOURS, score_label=score_label, tone=tone
    )
    return environment


def english_quotes(text: str) -> Markup:
    """Plain text with its quoted English words (the modal verbs the methods cite from the agreements)
    marked lang="en", so that a Korean report says which words are the source's own."""
    return Markup(re.sub(r"“([A-Za-z][^”<]*)”", r'“<span lang="en">\1</span>”', str(escape(text))))


def css_string(text: str) -> str:
    """Text as a CSS string; `<` escaped too, so that nothing can close the <style> element."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ").replace("\n", " ") + '"'


def page_css(language: str) -> Markup:
    """The @page margin boxes (page number, running footer) in `language`: CSS `content` is the one
    place where the report's words live in a stylesheet, so it is written here rather than in report.css."""
    parts = re.split(r"%\((pages?)\)s", translate(language, PAGE_NUMBER))
    counter = " ".join(
        f"counter({part})" if i % 2 else css_string(part) for i, part in enumerate(parts) if i % 2 or part
    )
    footer = css_string(translate(language, RUNNING_FOOTER))
    return Markup(
        "@page { @bottom-right { content: " + counter + "; } @bottom-left { content: " + footer + "; } }"
    )


def check_language(language: str) -> str:
    return i18n.check_language(language, what="report language")


def render_html(data: ReportData, language: str = DEFAULT) -> str:
    report = context(data, check_language(language))
    return (
        _environment()
        .get_template("report.html")
        .render(
            report=report,
            lang=language,
            label=report.label,
            page_css=page_css(language),
            **gettext_callables(language),
        )
    )


_HANGUL_WORD = re.compile(r"[^\s<>]*[\uac00-\ud7a3][^\s<>]*")
_TAG_OR_SVG = re.compile(r"(<svg\b.*?</svg>|<[^>]*>)", re.S)


def keep_korean_words(html: str) -> str:
    """Each word of Hangul in the body wrapped in a span that does not break: Korean print breaks
    lines between words, and WeasyPrint lacks `word-break: keep-all` (it would break between any two
    syllables). Tags and inline SVG are left as they are."""
    head, body_tag, body = html.partition("<body>")
    parts = _TAG_OR_SVG.split(body)
    return (
        head
        + body_tag
        + "".join(
            part if i % 2 else _HANGUL_WORD.sub(r'<span class="word">\g<0></span>', part)
            for i, part in enumerate(parts)
        )
    )


def render_pdf(data: ReportData, language: str = DEFAULT) -> bytes:
    # Imported here: loading WeasyPrint (Pango, fonts) costs about a second that no other command should pay.
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_html(data, language)
    if language == "ko":
        html = keep_korean_words(html)
    # The shipped NanumGothic by @font-face: the system's fontconfig may have no Korean face at all.
    fonts = FontConfiguration()
    pdf = HTML(string=html, base_url=str(_TEMPLATES)).write_pdf(
        stylesheets=[CSS(string=font_face_css(), font_config=fonts)], font_config=fonts
    )
    assert pdf is not None
    if language == "ko":
        check_embedded_font(bytes(pdf))
    return bytes(pdf)


def embedded_fonts(pdf: bytes) -> set[str]:
    """The base names of the fonts a PDF embeds, without their subset prefix ("ABCDEF+")."""
    from pypdf import PdfReader

    names = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for font in (fonts.get_object() if fonts is not None else {}).values():
            names.add(str(font.get_object().get("/BaseFont", "")).lstrip("/").split("+")[-1])
    return names


def check_embedded_font(pdf: bytes) -> None:
    """A Korean PDF without NanumGothic would print boxes for every Hangul letter: refuse it."""
    if not any(name.startswith(FAMILY) for name in embedded_fonts(pdf)):
        raise AccordError(
            f"the Korean PDF was drawn without the {FAMILY} font, so its Hangul would print as boxes",
            hint="reinstall accord; its package holds the font files",
            code="font_missing",
        )


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise InputError(f"unknown report format {fmt!r}", hint="html, pdf or md")
    return fmt


def render(data: ReportData, fmt: str, language: str = DEFAULT) -> bytes:
    """The report as the bytes of a file in `fmt` (html, pdf or md), in `language` (en or ko)."""
    check_language(language)
    if check_format(fmt) == "pdf":
        return render_pdf(data, language)
    if fmt == "md":
        return render_markdown(context(data, language)).encode("utf-8")
    return render_html(data, language).encode("utf-8")
