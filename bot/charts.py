"""Progress charts as PNG: each goal's check-ins against the plan's straight line to target.

matplotlib is never imported by the bot's own process: `draw_chart` draws in a
short-lived child (`python -m bot.charts`), so the 40-50 MB matplotlib and numpy
take leave with it instead of staying for good (bench/memory.py measures both).
The Agg backend draws without a display.

Status is shown by colour (the Okabe-Ito palette, readable with colour-blind
vision) and also by marker shape, line style and the word in each panel's title.
"""

from __future__ import annotations

import io
import pickle
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from bot.core.digest import LISTING_ORDER, TrackedGoal
from bot.core.progress import Status, assess, series
from bot.core.values import Unit
from bot.render.figures import STATUS_LABELS

WIDTH_PX, HEIGHT_PX = 1200, 750
"""Every chart's size: 16:10, legible in Slack's preview and sharp when opened."""

DPI = 100
MAX_PANELS = 6
"""Goals per chart; a digest with more charts the ones that need attention first."""

_TWO_COLUMNS_UP_TO = 4  # panels laid out two by two; more take three columns


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
    Unit.COUNT: "count",
    Unit.PERCENT: "%",
    Unit.DURATION: "minutes",
    Unit.SCORE: "score",
    Unit.MILESTONE: "done (1) / not done (0)",
}


@dataclass(frozen=True, slots=True)
class ChartPanel:
    """One goal's panel: its check-ins (with the baseline at the start) and the plan."""

    title: str
    status: Status
    axis_unit: str
    actual: tuple[tuple[datetime, float], ...]
    plan: tuple[tuple[datetime, float], tuple[datetime, float]] | None


def chart_panels(goals: Sequence[TrackedGoal], now: datetime) -> list[ChartPanel]:
    """The panels for up to `MAX_PANELS` goals, those needing attention first."""
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
            else _AXIS_UNITS.get(figures.unit, "value")
        )
        panels.append(ChartPanel(goal.title, state.status, unit, tuple(actual), plan))
    return panels


def draw_chart(panels: Sequence[ChartPanel], *, title: str) -> bytes:
    """`draw_chart_here`'s PNG, drawn in a child process that exits when done.

    Example:
        >>> png = draw_chart(chart_panels(goals, now), title="Weekly digest")
        >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
        True
    """
    job = pickle.dumps((list(panels), title))
    child = [sys.executable, "-m", "bot.charts"]
    done = subprocess.run(child, input=job, capture_output=True, check=False, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"drawing a chart failed: {done.stderr.decode(errors='replace')}")
    return done.stdout


def draw_chart_here(panels: Sequence[ChartPanel], *, title: str) -> bytes:
    """A PNG of `WIDTH_PX` x `HEIGHT_PX`: one panel per goal (small multiples), titled.

    Example:
        >>> png = draw_chart_here(chart_panels(goals, now), title="Weekly digest")
        >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
        True
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import dates as mdates
    from matplotlib.figure import Figure

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    count = max(len(panels), 1)
    columns = 1 if count == 1 else 2 if count <= _TWO_COLUMNS_UP_TO else 3
    rows = (count + columns - 1) // columns
    axes = figure.subplots(rows, columns, squeeze=False)
    figure.suptitle(title, fontsize=16, fontweight="bold")
    for index, ax in enumerate(axes.flat):
        if index >= len(panels):
            ax.set_axis_off()
            continue
        panel = panels[index]
        style = STATUS_STYLES[panel.status]
        if panel.plan is not None:
            (x0, y0), (x1, y1) = panel.plan
            ax.plot(
                [x0, x1],
                [y0, y1],
                color="#000000",
                linestyle=(0, (4, 3)),
                linewidth=1.2,
                label="plan",
            )
        if panel.actual:
            xs, ys = zip(*panel.actual, strict=True)
            ax.plot(
                xs,
                ys,
                color=style.colour,
                linestyle=style.line,
                marker=style.marker,
                markersize=8,
                linewidth=2.2,
                label="actual",
            )
        ax.set_title(
            f"{_short(panel.title)} · {STATUS_LABELS[panel.status]}",
            fontsize=12,
            color=style.colour if panel.status is not Status.NO_DATA else "#333333",
        )
        ax.set_ylabel(panel.axis_unit, fontsize=10)
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(maxticks=5))
        ax.grid(alpha=0.3)
        ax.tick_params(labelsize=9)
        if index == 0:
            ax.legend(loc="upper left", fontsize=9, frameon=False)
    if not panels:
        axes.flat[0].text(0.5, 0.5, "No goals to chart yet", ha="center", va="center", fontsize=14)
    figure.tight_layout(rect=(0, 0, 1, 0.95))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _short(title: str, limit: int = 40) -> str:
    return title if len(title) <= limit else title[: limit - 1] + "…"


if __name__ == "__main__":  # the child of `draw_chart`: panels in on stdin, a PNG out
    _panels, _title = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(draw_chart_here(_panels, title=_title))
