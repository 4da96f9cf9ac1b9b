"""Progress charts as PNG: each goal's check-ins against the plan's straight line to target.

matplotlib is never imported by the bot's own process: `draw_chart` draws in a
short-lived child (`python -m bot.charts`), so the 40-50 MB matplotlib and numpy
take leave with it instead of staying for good (bench/memory.py measures both).
The Agg backend draws without a display.

Status is shown by colour (the Okabe-Ito palette, readable with colour-blind
vision) and also by marker shape, line style and the word in each panel's title.

A chart speaks the language of whoever reads it: the parent translates titles, axis
units and legend words (`chart_panels(..., tr)`, `chart_words(tr)`), the child writes
dates and figures through bot.i18n.formats (Persian digits, Solar Hijri months).
matplotlib's bundled DejaVu Sans has the Persian, Romanian, Turkish and Vietnamese
glyphs, and matplotlib 3.11 lays text out with libraqm (letters joined, right to left),
so no font or shaping package is added. Up to 12 panels, at most three rows; each
panel's title is shortened (never its status) to fit its panel once laid out.
"""

from __future__ import annotations

import io
import pickle
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from bot.core.digest import LISTING_ORDER, TrackedGoal
from bot.core.progress import Status, assess, series
from bot.core.values import Quantity, Unit
from bot.i18n import formats
from bot.i18n.bidi import RTL_LANGUAGES, persian_separators
from bot.i18n.catalogue import N_, Translator, translator
from bot.render.figures import STATUS_LABELS

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure

WIDTH_PX, HEIGHT_PX = 1200, 750
"""Every chart's size: 16:10, legible in Slack's preview and sharp when opened."""

DPI = 100
MAX_PANELS = 12
"""Goals per chart; a digest with more charts the ones that need attention first."""

# (columns, font size of panel titles, date ticks) by panel count: at most three rows,
# so a panel stays tall enough to read its line, and smaller text as panels narrow.
_LAYOUTS = ((1, 1, 13, 6), (2, 2, 12, 5), (4, 2, 12, 5), (6, 3, 11, 4), (9, 3, 10, 4))
_DENSE = (4, 9, 3)  # 10 to 12 panels: four columns
_COMPACT_TICKS = 10_000  # y-axis figures from here on are shortened: "60k"
_SHORTEST_TITLE = 4  # characters of a goal's title kept however narrow the panel


@dataclass(frozen=True, slots=True)
class StatusStyle:
    colour: str
    marker: str
    line: str


STATUS_STYLES: dict[Status, StatusStyle] = {
    Status.ON_TRACK: StatusStyle("#009E73", "o", "-"),
    Status.ACHIEVED: StatusStyle("#0072B2", "*", "-"),
    Status.AT_RISK: StatusStyle("#E69F00", "^", "--"),
    Status.OFF_TRACK: StatusStyle("#D55E00", "X", ":"),
    Status.MISSED: StatusStyle("#CC79A7", "s", ":"),
    Status.NO_DATA: StatusStyle("#777777", "o", "-"),
}

_AXIS_UNITS: dict[Unit, str] = {
    Unit.COUNT: N_("count"),
    Unit.PERCENT: "%",
    Unit.DURATION: N_("minutes"),
    Unit.SCORE: N_("score"),
    Unit.MILESTONE: N_("done (1) / not done (0)"),
}


@dataclass(frozen=True, slots=True)
class ChartPanel:
    """One goal's panel: its check-ins (with the baseline at the start) and the plan."""

    title: str
    status: Status
    axis_unit: str
    actual: tuple[tuple[datetime, float], ...]
    plan: tuple[tuple[datetime, float], tuple[datetime, float]] | None


@dataclass(frozen=True, slots=True)
class ChartWords:
    """The words a chart draws besides its panels, already in its language."""

    lang: str
    plan: str
    actual: str
    empty: str


def chart_words(tr: Translator) -> ChartWords:
    return ChartWords(tr.lang, tr._("plan"), tr._("actual"), tr._("No goals to chart yet"))


ENGLISH_WORDS = chart_words(translator("en"))


def chart_panels(
    goals: Sequence[TrackedGoal], now: datetime, tr: Translator | None = None
) -> list[ChartPanel]:
    """The panels for up to `MAX_PANELS` goals, those needing attention first, in `tr`'s
    language (English without one)."""
    tr = tr or translator("en")
    assessed = [(goal, assess(goal.figures, goal.points, now)) for goal in goals]
    assessed.sort(key=lambda pair: LISTING_ORDER.index(pair[1].status))
    panels = []
    for goal, state in assessed[:MAX_PANELS]:
        figures = goal.figures
        scale = 60.0 if figures.unit is Unit.DURATION else 1.0
        actual = [(p.at, float(p.value) / scale) for p in series(figures, goal.points, now)]
        plan = None
        if state.baseline is not None:
            start = figures.start if figures.baseline is not None else actual[0][0]
            plan = (
                (start, float(state.baseline) / scale),
                (figures.deadline, float(figures.target) / scale),
            )
        unit = (
            goal.currency
            if figures.unit is Unit.CURRENCY and goal.currency
            else tr._(_AXIS_UNITS.get(figures.unit, N_("value")))
        )
        title = f"{goal.title} · {tr._(STATUS_LABELS[state.status])}"
        panels.append(ChartPanel(title, state.status, unit, tuple(actual), plan))
    return panels


def draw_chart(
    panels: Sequence[ChartPanel], *, title: str, words: ChartWords = ENGLISH_WORDS
) -> bytes:
    """`draw_chart_here`'s PNG, drawn in a child process that exits when done.

    Example:
        >>> png = draw_chart(chart_panels(goals, now), title="Weekly digest")
        >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
        True
    """
    job = pickle.dumps((list(panels), title, words))
    child = [sys.executable, "-m", "bot.charts"]
    done = subprocess.run(child, input=job, capture_output=True, check=False, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"drawing a chart failed: {done.stderr.decode(errors='replace')}")
    return done.stdout


def draw_chart_here(
    panels: Sequence[ChartPanel], *, title: str, words: ChartWords = ENGLISH_WORDS
) -> bytes:
    """A PNG of `WIDTH_PX` x `HEIGHT_PX`: one panel per goal (small multiples), titled.

    Example:
        >>> png = draw_chart_here(chart_panels(goals, now), title="Weekly digest")
        >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
        True
    """
    figure = chart_figure(panels, title=title, words=words)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def layout(count: int) -> tuple[int, int, int]:
    """(columns, title font size, date ticks) for `count` panels."""
    for up_to, columns, size, ticks in _LAYOUTS:
        if count <= up_to:
            return columns, size, ticks
    return _DENSE


def chart_figure(
    panels: Sequence[ChartPanel], *, title: str, words: ChartWords = ENGLISH_WORDS
) -> Figure:
    """The chart as a matplotlib figure, laid out so that no two texts overlap."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    lang = words.lang
    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI, layout="constrained")
    count = max(len(panels), 1)
    columns, size, ticks = layout(count)
    rows = (count + columns - 1) // columns
    axes = figure.subplots(rows, columns, squeeze=False)
    figure.suptitle(shown(title, lang), fontsize=16, fontweight="bold")
    for index, ax in enumerate(axes.flat):
        if index >= len(panels):
            ax.set_axis_off()
            continue
        _draw_panel(ax, panels[index], words, size=size, ticks=ticks)
    # One legend, on the first panel that has both lines.
    keyed = [i for i, panel in enumerate(panels) if panel.plan is not None and panel.actual]
    if keyed:
        axes.flat[keyed[0]].legend(
            [shown(words.plan, lang), shown(words.actual, lang)],
            loc="best",
            fontsize=9,
            framealpha=0.8,
        )
    # Titles are fitted to their panels once the layout has placed them, then laid out again.
    renderer = FigureCanvasAgg(figure).get_renderer()
    engine = figure.get_layout_engine()
    if engine is not None:
        engine.execute(figure)
    for ax, panel in zip(axes.flat, panels, strict=False):
        _fit_title(ax, panel.title, lang, ax.get_window_extent(renderer).width, renderer)
    if not panels:
        axes.flat[0].text(0.5, 0.5, shown(words.empty, lang), ha="center", va="center", fontsize=14)
    return figure


def _draw_panel(ax: Axes, panel: ChartPanel, words: ChartWords, *, size: int, ticks: int) -> None:
    from matplotlib import dates as mdates
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    lang = words.lang
    style = STATUS_STYLES[panel.status]
    if panel.plan is not None:
        (x0, y0), (x1, y1) = panel.plan
        ax.plot(
            mdates.date2num([x0, x1]),
            [y0, y1],
            color="#000000",
            linestyle=(0, (4, 3)),
            linewidth=1.2,
        )
    if panel.actual:
        xs, ys = zip(*panel.actual, strict=True)
        ax.plot(
            mdates.date2num(xs),
            ys,
            color=style.colour,
            linestyle=style.line,
            marker=style.marker,
            markersize=7,
            linewidth=2.2,
        )
    if not panel.actual and panel.plan is None:
        # Nothing to draw: no axes of made-up dates and values, the title says why.
        ax.set_xticks([])
        ax.set_yticks([])
    ax.set_title(
        shown(panel.title, lang),
        fontsize=size,
        color=style.colour if panel.status is not Status.NO_DATA else "#333333",
    )
    ax.set_ylabel(shown(panel.axis_unit, lang), fontsize=9)
    if not panel.actual and panel.plan is None:
        return
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=2, maxticks=ticks))
    ax.xaxis.set_major_formatter(
        FuncFormatter(lambda x, _: shown(formats.day_month(mdates.num2date(x).date(), lang), lang))
    )
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: _tick(y, lang)))
    ax.grid(alpha=0.3)
    ax.tick_params(labelsize=8)


def _tick(value: float, lang: str) -> str:
    """A y-axis figure in the language's digits, shortened when large ("60k", "۶۰ هزار")."""
    amount = Decimal(str(round(float(value), 6))).normalize()
    if abs(amount) >= _COMPACT_TICKS:
        return shown(formats.quantity(Quantity(amount), lang, compact=True), lang)
    return shown(formats.number(amount, lang), lang)


def _fit_title(ax: Axes, title: str, lang: str, room: float, renderer: RendererBase) -> None:
    """Shorten the panel's goal title (never its status) until the title fits its panel."""
    name, _, status = title.rpartition(" · ")
    text = ax.title
    cut = len(name)
    while text.get_window_extent(renderer).width > room and cut > _SHORTEST_TITLE:
        cut -= 2
        text.set_text(shown(f"{name[:cut].rstrip()}… · {status}", lang))


RLM = "\u200f"  # right-to-left mark


def shown(text: str, lang: str) -> str:
    """Text as the chart draws it: a right-to-left language's as a right-to-left paragraph
    (with bullets between its parts, see bot.i18n.bidi.rtl).

    matplotlib (3.11 on) lays text out with libraqm, which joins Persian letters and
    orders each run itself; it takes the paragraph's direction from the first strong
    letter, so a Persian title that starts with a goal typed in English would read left
    to right. The mark makes every Persian text a right-to-left paragraph.
    """
    return RLM + persian_separators(text) if lang in RTL_LANGUAGES else text


if __name__ == "__main__":  # the child of `draw_chart`: panels in on stdin, a PNG out
    _panels, _title, _words = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(draw_chart_here(_panels, title=_title, words=_words))
