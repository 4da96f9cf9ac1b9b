"""Reading what a message said beyond the question it answered, step by step in turn."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.interview.answers import READERS
from bot.core.interview.sentence import parts_of
from bot.core.interview.state import (
    MAX_KEY_RESULTS,
    MEASURE_STEPS,
    Interview,
    Measure,
    Mode,
    Problem,
    Step,
    advance,
    answered,
)
from bot.core.interview.words import amount, known_kpi, metric_words, place_name, shown_day
from bot.core.mrkdwn import escape
from bot.core.platforms import Platform, detect_platform
from bot.core.values import CATEGORY_LABELS, Category
from bot.core.vocabulary import resolve_category, resolve_platform

AT_ONCE = (Step.WHERE, Step.DEADLINE, Step.OWNER, Step.CADENCE, Step.CHANNEL)
"""Steps read as soon as a message names them: they depend on no other answer."""
_DEFAULTED = (Step.OWNER, Step.CADENCE, Step.CHANNEL)
"""Steps answered by a default, which a message that names them replaces."""


def take(
    i: Interview, parts: list[tuple[Step, str]], *, now: datetime, tz: ZoneInfo
) -> tuple[Interview, tuple[str, ...], Problem | None]:
    """Read what a message said beyond the question it answered; keep the rest for later.

    Steps that stand alone are read at once; measure steps wait until their turn
    comes (a baseline is read once the metric says its unit), then each is read by
    its own reader, as if the person had typed it there. The first that cannot be
    used stops the reading and is shown with its question.
    """
    echo: list[str] = []
    waiting = dict(i.pending)
    for at, text in parts:
        if at in AT_ONCE and (at in _DEFAULTED or not answered(i, at, i.current)):
            result = READERS[at](i, text, now, tz)
            if not isinstance(result, Problem):
                i, said = result
                echo.extend(said)
                continue
        if not answered(i, at, i.current):
            waiting[at] = text
    i = replace(i, pending=tuple(waiting.items()))
    while True:
        i = advance(i)
        at = i.step
        if at is Step.CATEGORY and (guessed := _category_of_metric(i)) is not None:
            i = replace(i, category=guessed)
            label = i.tr._(CATEGORY_LABELS[guessed])
            echo.append(i.tr._("Why: {why} (going by the metric).").format(why=label))
            continue
        said_here = dict(i.pending).get(at)
        if said_here is None:
            return i, tuple(echo), None
        i = replace(i, pending=tuple(p for p in i.pending if p[0] is not at))
        result = READERS[at](i, said_here, now, tz)
        if isinstance(result, Problem):
            return i, tuple(echo), result
        i, said = result
        i = replace(i, history=(*i.history, (at, i.current)))
        echo.extend(said)


def _category_of_metric(i: Interview) -> Category | None:
    """The objective a metric named in the same message usually serves (followers: awareness)."""
    key = dict(i.pending).get(Step.METRIC) or i.measures[0].metric_key
    found = known_kpi(Measure(metric_key=key)) if key else None
    return found.categories[0] if found and found.categories else None


_KR = re.compile(r"(?:^|[;\n]|\s)\s*(?:kr|key\s+result)\s*#?\d\s*[:.)-]?\s*", re.IGNORECASE)
_OBJECTIVE = re.compile(r"^\s*(?:objective|obiectiv|hedef|mục\s+tiêu|هدف)\s*:\s*", re.IGNORECASE)
_SEGMENTS_ENOUGH = 2  # "KR1 …; KR2 …": an OKR stated at once


def okr_at_once(i: Interview, text: str, *, now: datetime, tz: ZoneInfo) -> Interview | None:
    """An OKR stated in one message ("objective: …; KR1 …; KR2 …"), each key result read
    like a goal stated whole on its own platform; None when `text` is not one."""
    pieces = _KR.split(text)
    if len(pieces) <= _SEGMENTS_ENOUGH:
        return None
    objective = _OBJECTIVE.sub("", pieces[0]).strip(" ;,.")
    *results, last = [p.strip(" ;,.") for p in pieces[1:]]
    tail = re.split(r";|,\s", last, maxsplit=1)
    results.append(tail[0])
    platforms = [detect_platform(r) for r in results]
    shared = {p.key for p in platforms if p} if all(platforms) else set()
    where = detect_platform(objective) or (resolve_platform("all") if len(shared) != 1 else None)
    where = where or platforms[0]
    read = [_key_result(i, r, where, now=now, tz=tz) for r in results][:MAX_KEY_RESULTS]
    # What waits in the first key result still incomplete (a custom metric's amounts,
    # read once its kind of number is known); the interview asks for that one first.
    waiting = next((left for m, left in read if not m.complete), ())
    okr = replace(i, mode=Mode.OKR, objective=objective or None, why=objective or None,
                  category=resolve_category(objective), where_answered=True,
                  platform=where.key if where else None, scope=where.name if where else None,
                  measures=tuple(m for m, _ in read), measures_done=True,
                  pending=waiting)  # fmt: skip
    rest = " ".join(tail[1:])
    parts: list[tuple[Step, str]] = [
        (s, t)
        for r in (*results, rest)
        for s, t in parts_of(r, now=now, tz=tz)
        if s in AT_ONCE and s is not Step.WHERE
    ]
    return take(okr, parts, now=now, tz=tz)[0]


def _key_result(
    i: Interview, text: str, where: Platform | None, *, now: datetime, tz: ZoneInfo
) -> tuple[Measure, tuple[tuple[Step, str], ...]]:
    """One key result read like a goal stated whole, and what of it must wait."""
    own = detect_platform(text)
    alone = replace(i, mode=Mode.SMART, why=text, category=Category.AWARENESS,
                    where_answered=True, pending=())  # fmt: skip
    parts = [(s, t) for s, t in parts_of(text, now=now, tz=tz, named=True)
             if s in MEASURE_STEPS]  # fmt: skip
    read = take(alone, parts, now=now, tz=tz)[0]
    measure = read.measures[0]
    if own is not None and (where is None or own.key != where.key):
        measure = replace(measure, platform=own.key, scope=own.name, own_where=True)
    return measure, read.pending


_SHORTENED = (
    "Where: {where}.", "Metric: {metric}, a {unit}; higher is better.",
    "Metric: {metric}, a {unit}; lower is better.",
    "Metric: {metric}, a custom metric. I'll ask two things about it.",
    "Baseline: {amount} today.", "Baseline: about {amount} today.",
    "Baseline: not known yet. Your first check-in will become the baseline.",
    "Target: {target}.", "Target: {target} in total.", "Target: {target} by {deadline}.",
    "Deadline: {deadline}.",
)  # fmt: skip
"""The echoes a "Got it" line replaces (told apart by their words before the first value)."""
_GOT_IT_FROM = 3  # this many fields read from one message are echoed in one line


def condensed(i: Interview, lines: tuple[str, ...]) -> tuple[str, ...]:
    """The echo of a message that said many things at once, as one line where it can
    be: "Got it: Instagram followers, 400 → 480 by 31 Dec 2026." (others kept as they are).

    Example:
        >>> from decimal import Decimal
        >>> from datetime import date
        >>> i = Interview(user_id="U1", scope="Instagram", deadline=date(2026, 12, 31),
        ...               measures=(Measure(metric_key="followers", metric_name="Followers",
        ...                                 baseline=Decimal(400), baseline_known=True,
        ...                                 target=Decimal(480)),))
        >>> condensed(i, ("Why: Brand awareness.", "Where: Instagram.", "Metric: Followers.",
        ...               "Baseline: 400 followers today.", "Target: 480 followers."))
        ('Got it: Instagram followers, 400 → 480 by 31 Dec 2026.', 'Why: Brand awareness.')
    """
    m, tr = i.measure, i.tr
    shortened = tuple({tr._(said).split("{")[0] for said in _SHORTENED})
    if sum(line.startswith(shortened) for line in lines) < _GOT_IT_FROM or m.target is None:
        return lines
    start = amount(m, m.baseline, tr.lang) if m.baseline_known else "?"
    where = f"{escape(place_name(i.scope, tr))} " if i.scope and i.mode is Mode.SMART else ""
    change = f"{start} → {amount(m, m.target, tr.lang)}"
    if i.deadline:
        said = tr._("Got it: {what}, {change} by {deadline}.").format(
            what=where + metric_words(m, tr), change=change,
            deadline=shown_day(i.deadline, tr.lang))  # fmt: skip
    else:
        said = tr._("Got it: {what}, {change}.").format(
            what=where + metric_words(m, tr), change=change)  # fmt: skip
    return (said, *(line for line in lines if not line.startswith(shortened)))
