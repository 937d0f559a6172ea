"""The overview's charts as inline SVG drawn on the server with matplotlib: readable without JavaScript.

Each chart function takes plain data and the label strings in the reader's language, and returns
markup to inline in a page (a `Markup`, so Jinja2 does not escape it): `<svg role="img">` labelled by
its `<title>` and a `<desc>` that states every number, its text kept as `<text>` (svg.fonttype
"none") so that it can be selected, searched and read aloud, and every id prefixed by the chart's
id so that several charts can share a page.

matplotlib is used without pyplot (no global figure manager), through `Figure` and the SVG canvas.
The rc settings a figure needs are process-global in matplotlib, so drawing holds a lock; rendering
costs tens of milliseconds, so the markup is cached by its inputs and a page pays that once.
"""

from __future__ import annotations

import functools
import hashlib
import html
import io
import re
import threading
import warnings
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from accord.domain.commitments import AREAS
from accord.domain.funding import FlowType
from accord.domain.progress import Level
from accord.i18n.money import amount_text, compact_text
from accord.reports.fonts import FAMILY, font_files

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

NO_AREA = "(none)"  # the area of commitments tagged with none (as accord.services names it)

# Okabe & Ito's palette, told apart under every common colour-vision deficiency; a level or a flow
# type has the same colour in every chart.
ORANGE, SKY_BLUE, BLUISH_GREEN, BLUE = "#E69F00", "#56B4E9", "#009E73", "#0072B2"
VERMILLION, REDDISH_PURPLE, GREY = "#D55E00", "#CC79A7", "#BBBBBB"
LEVEL_COLOURS = {
    Level.NO_EVIDENCE.value: GREY,
    Level.NOT_STARTED.value: VERMILLION,
    Level.LIMITED.value: ORANGE,
    Level.SUBSTANTIAL.value: SKY_BLUE,
    Level.COMPLETE.value: BLUISH_GREEN,
    Level.WITHDRAWN.value: REDDISH_PURPLE,
}
FLOW_COLOURS = {
    FlowType.PLEDGE.value: BLUE,
    FlowType.COMMITMENT.value: SKY_BLUE,
    FlowType.DISBURSEMENT.value: BLUISH_GREEN,
    FlowType.EXPENDITURE.value: ORANGE,
}
COMPLIANCE_COLOUR = BLUE

KOREAN_FONTS = ("NanumGothic", "Noto Sans CJK KR")  # the first one matplotlib knows is used
LATIN_FONT = "DejaVu Sans"  # matplotlib's own, always there
WIDTH = 576.0  # points (8 inches): the viewBox's width
PANELS_PER_ROW = 3  # parties side by side; more would squeeze each panel too narrow
CACHE_SIZE = 256
_SALT = "accord"  # svg.hashsalt: clip-path ids come out the same on every run
_LOCK = threading.Lock()
_CHART_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,63}$")

Names = Mapping[str, str]  # a party code, area, level, flow type or currency → its label


DEFAULT_FONTS = (FAMILY, LATIN_FONT)


@functools.cache
def font_families() -> tuple[str, ...]:
    """The shipped NanumGothic, then DejaVu Sans for whatever glyph it lacks. The font files are
    registered with matplotlib by path: its font list is a cache built on its first import, which
    knows nothing of a Korean font installed later (or of none installed at all)."""
    from matplotlib import font_manager

    known = {font.fname for font in font_manager.fontManager.ttflist}
    for path in font_files():
        if str(path) not in known:
            font_manager.fontManager.addfont(str(path))
    return DEFAULT_FONTS


@dataclass(frozen=True, slots=True)
class _Plan:
    desc: str
    draw: Callable[[Figure], None]  # sizes the figure itself, once it has measured its labels


def progress_chart(
    counts: Mapping[tuple[str, str, str], int],
    *,
    title: str,
    names: Names,
    axis: str,
    empty: str,
    chart_id: str | None = None,
    fonts: tuple[str, ...] | None = None,
    draw: bool = True,
    drawer: Drawer | None = None,
) -> Markup:
    """Commitments by area, stacked by progress level, one panel per party.

    `counts` maps (party, area, level) to a number of commitments (`Overview.progress_counts()`);
    `names` gives the label of each party code, area and level (a key without one shows as is);
    `axis` labels the count axis and `empty` is shown when there is nothing to count."""
    data = tuple(sorted((p, a, lv, int(n)) for (p, a, lv), n in counts.items() if n))
    keys = {k for row in data for k in row[:3]}
    return _chart("progress", data, (title, axis, empty), _used(names, keys), chart_id, fonts, draw, drawer)


def compliance_chart(
    by_party: Mapping[str, float],
    by_area: Mapping[str, float],
    *,
    title: str,
    party_heading: str,
    area_heading: str,
    axis: str,
    names: Names,
    empty: str,
    chart_id: str | None = None,
    fonts: tuple[str, ...] | None = None,
    draw: bool = True,
    drawer: Drawer | None = None,
) -> Markup:
    """Compliance % (0–100) by party and by area, as `compliance_report` computes it."""
    data = tuple(
        sorted(
            [("party", key, float(value)) for key, value in by_party.items()]
            + [("area", key, float(value)) for key, value in by_area.items()]
        )
    )
    keys = {key for _, key, _ in data}
    labels = (title, party_heading, area_heading, axis, empty)
    return _chart("compliance", data, labels, _used(names, keys), chart_id, fonts, draw, drawer)


def funding_chart(
    amounts: Mapping[tuple[str, str, str], Decimal | float | int],
    *,
    title: str,
    names: Names,
    empty: str,
    chart_id: str | None = None,
    fonts: tuple[str, ...] | None = None,
    draw: bool = True,
    language: str = "en",
    drawer: Drawer | None = None,
) -> Markup:
    """Pledged, committed, disbursed and spent per party: one panel per currency, as nothing is
    added or compared across currencies. `amounts` maps (party, currency, flow type) to a total;
    `language` decides how amounts are written (KRW in 억 and 조 in Korean)."""
    data = tuple(sorted((p, c, t, Decimal(str(v))) for (p, c, t), v in amounts.items() if v))
    keys = {k for row in data for k in row[:3]}
    return _chart(
        "funding", data, (title, empty, language), _used(names, keys), chart_id, fonts, draw, drawer
    )


def _used(names: Names, keys: set[str]) -> tuple[tuple[str, str], ...]:
    """Only the labels the chart shows, so that a caller's large dictionary does not split the cache."""
    return tuple(sorted((key, names[key]) for key in keys if key in names))


@dataclass(frozen=True, slots=True)
class Sketch:
    """Everything a chart is drawn from, as plain values: the key of the drawn charts, and what
    another process is sent to draw one (accord.reports.chart_process)."""

    kind: str
    data: tuple[tuple[object, ...], ...]
    labels: tuple[str, ...]
    names: tuple[tuple[str, str], ...]
    chart_id: str
    fonts: tuple[str, ...]


Drawer = Callable[[Sketch], str]  # a sketch → its markup (draw_sketch, here or in another process)


def draw_sketch(sketch: Sketch) -> str:
    """The chart's inline SVG, drawn with matplotlib in this process."""
    plan = _PLANS[sketch.kind](sketch.data, sketch.labels, dict(sketch.names))
    return _inline(_svg(plan, sketch.fonts), sketch.chart_id, sketch.labels[0], plan.desc)


def _chart(
    kind: str,
    data: tuple[tuple[object, ...], ...],
    labels: tuple[str, ...],
    names: tuple[tuple[str, str], ...],
    chart_id: str | None,
    fonts: tuple[str, ...] | None,
    draw: bool = True,
    drawer: Drawer | None = None,
) -> Markup:
    """The chart's markup; with `draw` false, only one already drawn (else empty markup). A chart
    not drawn yet is drawn by `drawer`, by default here."""
    if chart_id is not None and not _CHART_ID.match(chart_id):
        raise ValueError(f"a chart id is a letter then letters, digits, - or _, got {chart_id!r}")
    if chart_id is None:
        digest = hashlib.sha256(repr((kind, data, labels, names)).encode()).hexdigest()
        chart_id = f"chart-{kind}-{digest[:10]}"
    sketch = Sketch(kind, data, labels, names, chart_id, fonts or DEFAULT_FONTS)
    if not draw:
        return Markup(_DRAWN.peek(sketch) or "")
    return Markup(_DRAWN.get_or_draw(sketch, drawer or draw_sketch))


class _Drawn:
    """The charts drawn so far, least recently used first out; `peek` lets a page that must not
    wait for matplotlib ask whether a chart is there without drawing it."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[Sketch, str] = OrderedDict()
        self._lock = threading.Lock()
        self.draws = 0  # charts drawn (cache misses), here or by another process

    def peek(self, key: Sketch) -> str | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
            return None

    def get_or_draw(self, key: Sketch, draw: Drawer) -> str:
        found = self.peek(key)
        if found is not None:
            return found
        svg = draw(key)
        with self._lock:
            self.draws += 1
            self._items[key] = svg
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return svg

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_DRAWN = _Drawn(CACHE_SIZE)


def draws() -> int:
    """How many charts this process has drawn (not taken from the cache)."""
    return _DRAWN.draws


def cache_clear() -> None:
    """Forget every rendered chart (benchmarks measure a render with it)."""
    _DRAWN.clear()


def _svg(plan: _Plan, fonts: tuple[str, ...]) -> str:
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    rc: dict[Any, Any] = {
        "svg.fonttype": "none",
        "svg.hashsalt": _SALT,
        "font.family": list(fonts),
        "font.size": 10.0,
        "axes.spines.top": False,
        "axes.spines.right": False,
        # Titles stand out by size, not weight: NanumGothic's bold is weight 600 and DejaVu Sans's
        # 700, and asking one family for the other's weight makes matplotlib log a complaint.
        "axes.titlesize": 11.0,
        "figure.titlesize": 13.0,
    }
    font_families()  # NanumGothic known to this process's matplotlib, wherever it draws
    buffer = io.StringIO()
    with _LOCK, matplotlib.rc_context(rc), warnings.catch_warnings():
        if not set(fonts) & set(KOREAN_FONTS):
            # Without a Korean face matplotlib measures Hangul as boxes and warns for each glyph; the
            # text is still written as text, and the browser draws it with a font of its own.
            warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        # No layout engine: it would draw the whole figure once more just to measure it. Each plan
        # places its axes from its own labels' measured widths instead.
        figure = Figure(figsize=(WIDTH / 72, 1.0))
        FigureCanvasSVG(figure)
        plan.draw(figure)
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


_ID = re.compile(r'\bid="([^"]+)"')
_REFERENCE = re.compile(r'(url\(#|href="#)([^")]+)')
_METADATA = re.compile(r"\s*<metadata>.*?</metadata>", re.S)
_STYLESHEET = re.compile(r"\s*<style[^>]*>.*?</style>", re.S)
_STYLE = re.compile(r'\bstyle="([^"]*)"')


def _presentation(declarations: str) -> str:
    """A style attribute as SVG presentation attributes (`fill: #fff; stroke-width: 0.8` → fill="#fff"
    stroke-width="0.8"): the pages' Content-Security-Policy blocks inline styles, not attributes.
    matplotlib writes only properties that SVG also takes as attributes."""
    pairs = (part.split(":", 1) for part in declarations.split(";") if ":" in part)
    return " ".join(f'{name.strip()}="{value.strip()}"' for name, value in pairs)


def _inline(svg: str, chart_id: str, title: str, desc: str) -> str:
    """matplotlib's document made an inline element: no prolog nor metadata (which names the
    matplotlib version), ids scoped to this chart, no inline style, and its text alternative."""
    svg = _METADATA.sub("", svg[svg.index("<svg") :], count=1)
    svg = _ID.sub(lambda m: f'id="{chart_id}-{m.group(1)}"', svg)
    svg = _REFERENCE.sub(lambda m: f"{m.group(1)}{chart_id}-{m.group(2)}", svg)
    # matplotlib's stylesheet (`*{stroke-linejoin: round; stroke-linecap: butt}`) becomes the same
    # two properties on the root, which every element inherits; sizing is in accord.css.
    svg = _STYLE.sub(lambda m: _presentation(m.group(1)), _STYLESHEET.sub("", svg, count=1))
    head = svg.index(">") + 1
    root = svg[:head].replace(
        "<svg ",
        f'<svg id="{chart_id}" class="accord-chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" stroke-linejoin="round" stroke-linecap="butt" ',
        1,
    )
    alternative = (
        f'\n <title id="{chart_id}-title">{html.escape(title)}</title>'
        f'\n <desc id="{chart_id}-desc">{html.escape(desc)}</desc>'
    )
    return root + alternative + svg[head:]


def _label(names: Names, key: str) -> str:
    return names.get(key, key)


def _ordered_areas(keys: set[str]) -> list[str]:
    return (
        [a for a in AREAS if a in keys]
        + sorted(keys - {*AREAS, NO_AREA})
        + [a for a in (NO_AREA,) if a in keys]
    )


def _ink(colour: str) -> str:
    """Black or white, whichever reads better on the fill (WCAG relative luminance)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"


# The layout, in points. Text sizes match the rc settings of _svg; heights allow 1.25 lines.
PAD = 8.0  # around the figure
TITLE, HEADING, TEXT, SMALL = 13.0, 11.0, 10.0, 8.0
TITLE_BAND = PAD + TITLE * 1.25 + 6  # the chart's title above everything
HEADING_BAND = HEADING * 1.25 + 6  # a panel's title above its axes
TICKS_BAND = 3.5 + 3.5 + TEXT * 1.25  # tick marks, their padding and their labels
AXIS_LABEL_BAND = 4 + TEXT * 1.25


def _width(text: str, size: float = TEXT) -> float:
    """The width of a label in points, in the fonts the figure is drawn with."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    width, _, _ = text_to_path.get_text_width_height_descent(text, FontProperties(size=size), ismath=False)
    return float(width)


class _Frame:
    """A figure laid out by hand, top to bottom, in points."""

    def __init__(self, figure: Figure, height: float) -> None:
        self.figure, self.height = figure, height
        figure.set_size_inches(WIDTH / 72, height / 72)

    def axes(self, left: float, top: float, width: float, height: float, **options: Any) -> Axes:
        box = (left / WIDTH, 1 - (top + height) / self.height, width / WIDTH, height / self.height)
        return self.figure.add_axes(box, **options)

    def title(self, text: str) -> None:
        self.figure.text(0.5, 1 - PAD / self.height, text, ha="center", va="top", fontsize=TITLE)

    def legend(self, entries: list[tuple[str, str]], columns: int) -> None:
        from matplotlib.patches import Patch

        handles = [Patch(color=colour, label=label) for label, colour in entries]
        self.figure.legend(
            handles=handles, loc="lower center", bbox_to_anchor=(0.5, PAD / self.height), ncols=columns,
            frameon=False, borderpad=0, borderaxespad=0,
        )  # fmt: skip


def _legend_shape(labels: list[str]) -> tuple[int, float]:
    """As many columns as fit across the figure, and the height the legend's rows take."""
    entry = max(_width(label) for label in labels) + 2 * TEXT + 0.8 * TEXT  # handle, its gap, the text
    columns = max(1, min(len(labels), int((WIDTH - 2 * PAD + 2 * TEXT) // (entry + 2 * TEXT))))
    rows = -(-len(labels) // columns)
    return columns, rows * TEXT * 1.25 + (rows - 1) * 0.5 * TEXT


def _empty_plan(message: str) -> _Plan:
    def draw(figure: Figure) -> None:
        _Frame(figure, 72.0)
        figure.text(0.5, 0.5, message, ha="center", va="center", color="#444444")

    return _Plan(message, draw)


def _tidy(axes: Axes) -> None:
    axes.spines[["top", "right"]].set_visible(False)
    axes.tick_params(axis="y", length=0)
    axes.grid(axis="x", color="#DDDDDD", linewidth=0.6)
    axes.set_axisbelow(True)


def _progress_plan(data: tuple[tuple[object, ...], ...], labels: tuple[str, ...], names: Names) -> _Plan:
    title, axis, empty = labels
    if not data:
        return _empty_plan(empty)
    table = {(str(p), str(a), str(lv)): int(str(n)) for p, a, lv, n in data}
    parties = sorted({p for p, _, _ in table})
    areas = _ordered_areas({a for _, a, _ in table})
    present = {lv for _, _, lv in table}
    levels = [lv.value for lv in Level if lv.value in present] + sorted(present - {lv.value for lv in Level})
    desc = " ".join(
        f"{_label(names, party)}: "
        + "; ".join(
            f"{_label(names, area)} — "
            + ", ".join(
                f"{_label(names, lv)} {table[(party, area, lv)]}"
                for lv in levels
                if (party, area, lv) in table
            )
            for area in areas
            if any((party, area, lv) in table for lv in levels)
        )
        + "."
        for party in parties
    )
    columns = min(len(parties), PANELS_PER_ROW)
    panel_rows = -(-len(parties) // columns)

    def draw(figure: Figure) -> None:
        from matplotlib.ticker import MaxNLocator

        area_labels = [_label(names, a) for a in areas]
        left = PAD + max(_width(label) for label in area_labels) + 6
        legend_columns, legend_height = _legend_shape([_label(names, lv) for lv in levels])
        gap, panel = 18.0, 19.5 * len(areas) + 4
        below = TICKS_BAND + AXIS_LABEL_BAND  # each panel's axis
        step = panel + below + 8 + HEADING_BAND
        frame = _Frame(
            figure, TITLE_BAND + HEADING_BAND + panel_rows * step - HEADING_BAND + 10 + legend_height + PAD
        )
        frame.title(title)
        width = (WIDTH - left - 16 - (columns - 1) * gap) / columns
        rows = {party: [[table.get((party, a, lv), 0) for lv in levels] for a in areas] for party in parties}
        # One scale for every panel: bars side by side are compared by their length (issue 14).
        longest = max(sum(row) for party_rows in rows.values() for row in party_rows)
        for index, party in enumerate(parties):
            row, column = divmod(index, columns)
            axes = frame.axes(
                left + column * (width + gap), TITLE_BAND + HEADING_BAND + row * step, width, panel
            )
            _stacked(axes, rows[party], levels, longest)
            axes.set_title(_label(names, party), fontsize=HEADING)
            axes.set_xlabel(axis)
            axes.xaxis.set_major_locator(MaxNLocator(integer=True))
            # The areas are named once per row of panels; ticks cost time, even unlabelled.
            if column == 0:
                axes.set_yticks(range(len(areas)), area_labels)
            else:
                axes.set_yticks([])
            axes.set_ylim(len(areas) - 0.5, -0.5)  # the first area on top
            _tidy(axes)
        frame.legend([(_label(names, lv), LEVEL_COLOURS.get(lv, GREY)) for lv in levels], legend_columns)

    return _Plan(desc, draw)


def _stacked(axes: Axes, rows: list[list[int]], levels: list[str], longest: int) -> None:
    """One bar per row, a segment per level, on a scale from 0 to `longest`. Each level is one
    collection of rectangles, and only segments that exist are drawn and numbered: every artist
    costs time to draw and to write."""
    from matplotlib.collections import PolyCollection

    smallest = longest / 22  # a narrower segment has no room for its number
    left = [0] * len(rows)
    for column, level in enumerate(levels):
        colour = LEVEL_COLOURS.get(level, GREY)
        ink, boxes = _ink(colour), []
        for y, row in enumerate(rows):
            width, start = row[column], left[y]
            if not width:
                continue
            boxes.append(
                [(start, y - 0.36), (start + width, y - 0.36), (start + width, y + 0.36), (start, y + 0.36)]
            )
            left[y] += width
            if width >= smallest:
                axes.text(
                    start + width / 2, y, str(width), ha="center", va="center", fontsize=SMALL, color=ink
                )
        if boxes:
            axes.add_collection(
                PolyCollection(boxes, facecolors=colour, edgecolors="#FFFFFF", linewidths=0.6)
            )
    axes.set_xlim(0, longest * 1.02)


def _percent(value: float) -> str:
    return f"{round(value, 1):g}%"


def _compliance_plan(data: tuple[tuple[object, ...], ...], labels: tuple[str, ...], names: Names) -> _Plan:
    title, party_heading, area_heading, axis, empty = labels
    if not data:
        return _empty_plan(empty)
    parties = {str(key): float(str(value)) for group, key, value in data if group == "party"}
    by_area = {str(key): float(str(value)) for group, key, value in data if group == "area"}
    groups = [
        (heading, [(_label(names, key), values[key]) for key in order])
        for heading, values, order in (
            (party_heading, parties, sorted(parties)),
            (area_heading, by_area, _ordered_areas(set(by_area))),
        )
        if values
    ]
    desc = " ".join(
        f"{heading}: " + ", ".join(f"{name} {_percent(value)}" for name, value in bars) + "."
        for heading, bars in groups
    )

    def draw(figure: Figure) -> None:
        left = PAD + max(_width(name) for _, bars in groups for name, _ in bars) + 6
        bar = 22.0
        height = TITLE_BAND + sum(HEADING_BAND + bar * len(bars) + TICKS_BAND + 8 for _, bars in groups)
        frame = _Frame(figure, height + AXIS_LABEL_BAND + PAD)
        frame.title(title)
        top = TITLE_BAND
        for index, (heading, bars) in enumerate(groups):
            top += HEADING_BAND
            axes = frame.axes(left, top, WIDTH - left - 16, bar * len(bars))
            top += bar * len(bars) + TICKS_BAND + 8
            rows = range(len(bars))
            drawn = axes.barh(rows, [v for _, v in bars], height=0.6, color=COMPLIANCE_COLOUR)
            axes.bar_label(drawn, labels=[_percent(v) for _, v in bars], padding=3, fontsize=9)
            axes.set_yticks(list(rows), [name for name, _ in bars])
            axes.set_ylim(len(bars) - 0.5, -0.5)
            axes.set_xlim(0, 112)  # room for "100%" right of a full bar
            axes.set_xticks([0, 25, 50, 75, 100])
            axes.set_title(heading, loc="left", fontsize=HEADING)
            if index == len(groups) - 1:
                axes.set_xlabel(axis)
            _tidy(axes)

    return _Plan(desc, draw)


def _funding_plan(data: tuple[tuple[object, ...], ...], labels: tuple[str, ...], names: Names) -> _Plan:
    title, empty, language = labels
    if not data:
        return _empty_plan(empty)
    table = {(str(p), str(c), str(t)): Decimal(str(v)) for p, c, t, v in data}
    currencies = sorted({c for _, c, _ in table})
    present = {t for _, _, t in table}
    types = [t.value for t in FlowType if t.value in present] + sorted(present - {t.value for t in FlowType})
    parties_of = {c: sorted({p for p, cur, _ in table if cur == c}) for c in currencies}
    desc = " ".join(
        f"{_label(names, currency)}: "
        + "; ".join(
            f"{_label(names, party)} — "
            + ", ".join(
                f"{_label(names, t)} {amount_text(table[(party, currency, t)], currency, language)}"
                for t in types
                if (party, currency, t) in table
            )
            for party in parties_of[currency]
        )
        + "."
        for currency in currencies
    )

    def draw(figure: Figure) -> None:
        from matplotlib.ticker import FuncFormatter

        left = PAD + max(_width(_label(names, p)) for ps in parties_of.values() for p in ps) + 6
        legend_columns, legend_height = _legend_shape([_label(names, t) for t in types])
        bar = 11.0  # one flow type's bar; a party's row holds as many as it has types
        rows_of = {
            c: [len([t for t in types if (p, c, t) in table]) for p in parties_of[c]] for c in currencies
        }
        panels = {c: sum(n * bar + 10 for n in rows_of[c]) for c in currencies}
        height = TITLE_BAND + sum(HEADING_BAND + panels[c] + TICKS_BAND + 8 for c in currencies)
        frame = _Frame(figure, height + 4 + legend_height + PAD)
        frame.title(title)
        top = TITLE_BAND
        for currency in currencies:
            top += HEADING_BAND
            axes = frame.axes(left, top, WIDTH - left - 20, panels[currency])
            top += panels[currency] + TICKS_BAND + 8
            short = functools.partial(compact_text, currency=currency, language=language)
            _grouped(
                axes, [[table.get((p, currency, t)) for t in types] for p in parties_of[currency]], types, short
            )  # fmt: skip
            axes.set_yticks(
                _centres(rows_of[currency], bar), [_label(names, p) for p in parties_of[currency]]
            )
            axes.set_ylim(panels[currency], 0)
            axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _, short=short: short(value)))
            axes.set_title(_label(names, currency), loc="left", fontsize=HEADING)
            _tidy(axes)
        frame.legend([(_label(names, t), FLOW_COLOURS.get(t, GREY)) for t in types], legend_columns)

    return _Plan(desc, draw)


def _centres(counts: list[int], bar: float) -> list[float]:
    """The middle of each party's row, in the panel's units (points from its top)."""
    out, top = [], 0.0
    for count in counts:
        out.append(top + 5 + count * bar / 2)
        top += count * bar + 10
    return out


def _grouped(
    axes: Axes, rows: list[list[Decimal | None]], types: list[str], compact: Callable[[float], str]
) -> None:
    """Each party's flow types side by side in its row, only those it has: no gaps for the others."""
    top, widest = 0.0, 0.0
    for row in rows:
        y = top + 5
        for flow, value in zip(types, row, strict=True):
            if value is None:
                continue
            amount = float(value)
            widest = max(widest, amount)
            bars = axes.barh([y + 5.5], [amount], height=10, color=FLOW_COLOURS.get(flow, GREY))
            axes.bar_label(bars, labels=[compact(amount)], padding=3, fontsize=SMALL)
            y += 11
        top = y + 5
    axes.set_xlim(0, widest * 1.15)


_PLANS: dict[str, Callable[[tuple[tuple[object, ...], ...], tuple[str, ...], Names], _Plan]] = {
    "progress": _progress_plan,
    "compliance": _compliance_plan,
    "funding": _funding_plan,
}
