"""Charts in every language at 1 to 12 goals: no two texts overlap, none leaves the image,
and Persian is drawn joined and right to left (matplotlib's libraqm layout) with glyphs the
font has (matplotlib's own DejaVu Sans covers Persian, Romanian, Turkish and Vietnamese)."""

from __future__ import annotations

import itertools
import warnings
from dataclasses import replace

import pytest
from matplotlib._text_helpers import layout
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import findfont
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from bot.charts import (
    DPI,
    HEIGHT_PX,
    MAX_PANELS,
    WIDTH_PX,
    chart_figure,
    chart_panels,
    chart_words,
    draw_chart_here,
    shown,
)
from bot.core.digest import TrackedGoal
from bot.i18n.catalogue import translator
from tests.digest_data import NOW, tracked

TITLES = {
    "en": "Grow Instagram followers for the spring campaign in Bucharest",
    "fa": "افزایش دنبال‌کننده‌های اینستاگرام برای کمپین بهار در تهران",
}
CHART_TITLES = {
    "en": "Weekly digest · 16–23 Nov 2026",
    "fa": "خلاصهٔ هفتگی · ۲۵ آبان–۲ آذر ۱۴۰۵",
}


def goals(count: int, lang: str) -> list[TrackedGoal]:
    """`count` goals with long titles, cycling through the known team's kinds of progress."""
    known = tracked()
    return [
        replace(known[i % len(known)], goal_id=i + 1, title=f"{TITLES[lang]} {i + 1}")
        for i in range(count)
    ]


def figure_of(count: int, lang: str) -> Figure:
    tr = translator(lang)
    panels = chart_panels(goals(count, lang), NOW, tr)
    figure = chart_figure(panels, title=CHART_TITLES[lang], words=chart_words(tr))
    FigureCanvasAgg(figure).draw()
    return figure


def texts_drawn(figure: Figure) -> list[Text]:
    """Every piece of text drawn: the title, each panel's title, axis label, ticks, legend."""
    found: list[Text] = list(figure.texts)  # the chart's title among them
    for ax in figure.axes:
        if not ax.axison:
            continue
        found += [ax.title, ax.yaxis.label]
        low_x, high_x = sorted(ax.get_xlim())
        low_y, high_y = sorted(ax.get_ylim())
        # Tick labels beyond the axes' limits are kept by matplotlib but never drawn.
        found += [t for t in ax.get_xticklabels() if low_x <= t.get_position()[0] <= high_x]
        found += [t for t in ax.get_yticklabels() if low_y <= t.get_position()[1] <= high_y]
        legend = ax.get_legend()
        found += legend.get_texts() if legend is not None else []
    return [t for t in found if t.get_text()]


def boxes(figure: Figure) -> list[tuple[str, Bbox]]:
    renderer = FigureCanvasAgg(figure).get_renderer()
    return [(t.get_text(), t.get_window_extent(renderer)) for t in texts_drawn(figure)]


@pytest.mark.parametrize("lang", ["en", "fa"])
@pytest.mark.parametrize("count", [1, 6, 12])
def test_no_two_texts_of_a_chart_overlap(count: int, lang: str) -> None:
    drawn = boxes(figure_of(count, lang))

    assert len(drawn) > 3 * count  # the check saw each panel's title, label and ticks
    clashes = [
        (a, b)
        for (a, box_a), (b, box_b) in itertools.combinations(drawn, 2)
        if box_a.overlaps(box_b)
    ]
    assert clashes == []
    outside = [
        text
        for text, box in drawn
        if box.x0 < 0 or box.y0 < 0 or box.x1 > WIDTH_PX or box.y1 > HEIGHT_PX
    ]
    assert outside == []


def test_the_check_finds_overlapping_texts() -> None:
    """The overlap test can fail: two titles drawn at one spot are caught."""
    figure = Figure(figsize=(4, 3), dpi=100)
    figure.text(0.5, 0.5, "digest")
    figure.text(0.5, 0.5, "chart")
    [(_, first), (_, second)] = boxes(figure)
    assert first.overlaps(second)


def test_a_chart_charts_at_most_twelve_goals_and_keeps_their_status() -> None:
    panels = chart_panels(goals(15, "en"), NOW)
    assert len(panels) == MAX_PANELS == 12
    assert all(" · " in panel.title for panel in panels)


def test_persian_chart_words_are_translated_joined_and_right_to_left() -> None:
    tr = translator("fa")
    [panel] = chart_panels(goals(1, "fa"), NOW, tr)
    assert panel.title.endswith(" · در مسیر")  # "on track"
    assert panel.axis_unit == "تعداد"
    font = FT2Font(findfont("DejaVu Sans"))
    font.set_size(12, DPI)

    glyphs = [g for g in layout(shown("Reach 60k · برنامه", "fa"), font) if g.char.strip()]

    letters = [g for g in glyphs if "\u0600" <= g.char <= "\u06ff"]
    # Right to left: the word's last letter is drawn leftmost, and the whole Persian
    # paragraph reads from the right, so the Latin title that starts it is on the right.
    assert "".join(g.char for g in sorted(letters, key=lambda g: -g.x)) == "برنامه"
    assert min(g.x for g in glyphs if g.char == "R") > max(g.x for g in letters)
    # Joined: letters drawn with their connected forms, not the glyphs they have alone.
    assert any(g.glyph_index != font.get_char_index(ord(g.char)) for g in letters)


@pytest.mark.parametrize("lang", ["en", "fa", "ro", "tr", "vi"])
def test_every_language_draws_with_glyphs_the_font_has(lang: str) -> None:
    tr = translator(lang)
    panels = chart_panels(goals(3, "en"), NOW, tr)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*missing from font.*")
        png = draw_chart_here(panels, title=tr._("Weekly digest · {dates}"), words=chart_words(tr))
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
