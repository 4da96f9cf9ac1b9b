"""The goal interview as a pure state machine: one answer in, the next question out.

The interview follows the method in DOMAIN.md: why -> where -> which metric ->
today's value (the baseline) -> target -> deadline -> owner, check-in cadence and
digest channel -> the SMART review. In OKR mode an objective groups up to five key
results, each built by the metric/baseline/target steps.

The state is an `Interview` (frozen, JSON-serialisable with `to_json` /
`from_json`), so the service can keep it in the database between messages and a
restart loses nothing. The next question is never stored: it is worked out from
what is still missing, so "back", "change target to 50k" and a resumed interview
all land on the right step.

Every text in a `Prompt` is mrkdwn-safe: what the person typed is escaped before it
is echoed, so `<!channel>` shows as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from bot.core.cadence import Cadence, count_occurrences, describe_cadence, parse_cadence
from bot.core.cadence import ParseError as CadenceError
from bot.core.dates import DEADLINE_EXAMPLE, AmbiguousDate, end_of_day, format_date, parse_deadline
from bot.core.kpis import (
    KPI,
    PLATFORMS,
    Platform,
    catalogue,
    classify_why,
    detect_platform,
    kpi,
    match_metric,
    normalise,
    suggest_for_category,
)
from bot.core.mrkdwn import escape, quoted
from bot.core.numbers import EXAMPLES, ParseError, format_quantity, parse_quantity, parse_target
from bot.core.smart import GoalPlan, SmartReview, review
from bot.core.values import CATEGORY_LABELS, Category, Direction, Quantity, Unit

MAX_KEY_RESULTS = 5
SUGGESTED_KEY_RESULTS = 3
MAX_ANSWER_CHARS = 1000
"""Longer answers are cut before reading: no answer to these questions is an essay."""

DEFAULT_CADENCE = "weekly on monday at 10:00"


class Step(StrEnum):
    """The question the interview is waiting on."""

    WHY = "why"
    CATEGORY = "category"
    WHERE = "where"
    OBJECTIVE = "objective"
    METRIC = "metric"
    UNIT = "unit"
    DIRECTION = "direction"
    BASELINE = "baseline"
    TARGET = "target"
    MORE = "more"
    DEADLINE = "deadline"
    OWNER = "owner"
    CADENCE = "cadence"
    CHANNEL = "channel"
    REVIEW = "review"
    SAVED = "saved"
    CANCELLED = "cancelled"


class Mode(StrEnum):
    SMART = "smart"
    OKR = "okr"


@dataclass(frozen=True, slots=True)
class Measure:
    """What one goal (or one key result) measures: metric, baseline and target.

    `baseline_known` is None until asked, False after "I don't know".
    """

    metric_key: str | None = None
    metric_name: str | None = None
    unit: Unit | None = None
    direction: Direction | None = None
    currency: str | None = None
    baseline: Decimal | None = None
    baseline_known: bool | None = None
    target: Decimal | None = None
    target_relative: str | None = None

    @property
    def complete(self) -> bool:
        return self.target is not None and self.baseline_known is not None


@dataclass(frozen=True, slots=True)
class Interview:
    """Everything answered so far; `history` lists answered steps for "back"."""

    user_id: str
    mode: Mode = Mode.SMART
    step: Step = Step.WHY
    why: str | None = None
    category: Category | None = None
    where_answered: bool = False
    platform: str | None = None
    scope: str | None = None
    objective: str | None = None
    measures: tuple[Measure, ...] = (Measure(),)
    current: int = 0
    measures_done: bool = False
    deadline: date | None = None
    deadline_options: tuple[date, ...] = ()
    owner: str | None = None
    cadence: str | None = None
    channel_answered: bool = False
    channel: str | None = None
    here_channel: str | None = None
    history: tuple[tuple[Step, int], ...] = ()

    @property
    def finished(self) -> bool:
        return self.step in (Step.SAVED, Step.CANCELLED)

    @property
    def measure(self) -> Measure:
        return self.measures[self.current]


@dataclass(frozen=True, slots=True)
class Choice:
    """A button: what it says, and the answer it sends."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class Prompt:
    """What the bot says next; all texts are mrkdwn-safe.

    `echo` restates what the last answer was understood as; `problem` says why it
    could not be used (the question is then asked again, with `example`).
    `reviews` pairs each measure's title with its SMART review, at the review step.
    """

    step: Step
    question: str
    echo: tuple[str, ...] = ()
    problem: str | None = None
    example: str | None = None
    help: str | None = None
    choices: tuple[Choice, ...] = ()
    controls: tuple[Choice, ...] = ()
    summary: tuple[str, ...] = ()
    reviews: tuple[tuple[str, SmartReview], ...] = ()


@dataclass(frozen=True, slots=True)
class _Problem:
    message: str
    example: str | None = None
    choices: tuple[Choice, ...] = field(default=())


# --- starting, answering, asking ---------------------------------------------------------


def start(user_id: str, *, okr: bool = False, here_channel: str | None = None) -> Interview:
    """A new interview for `user_id`; `here_channel` is the channel it runs in, if not a DM.

    Example:
        >>> start("U1").step
        <Step.WHY: 'why'>
    """
    return Interview(
        user_id=user_id, mode=Mode.OKR if okr else Mode.SMART, here_channel=here_channel
    )


def step(
    interview: Interview, answer: str, *, now: datetime, tz: ZoneInfo
) -> tuple[Interview, Prompt]:
    """Take one answer and return the new state and what to say next. Never raises.

    Example:
        >>> state, prompt = step(start("U1"), "we want more people to see our Instagram",
        ...                      now=datetime(2026, 11, 22, 8, tzinfo=UTC), tz=ZoneInfo("UTC"))
        >>> state.category, state.platform, prompt.step
        (<Category.AWARENESS: 'awareness'>, 'instagram', <Step.METRIC: 'metric'>)
    """
    if interview.finished:
        return interview, ask(interview, now=now, tz=tz)
    text = answer.strip()[:MAX_ANSWER_CHARS]
    word = normalise(text)
    if word in _CANCEL:
        done = replace(interview, step=Step.CANCELLED)
        return done, Prompt(Step.CANCELLED, "Cancelled. Nothing was saved.")
    if word in _HELP:
        return interview, ask(interview, now=now, tz=tz, with_help=True)
    if word in _BACK:
        return _back(interview, now=now, tz=tz)
    if word in _SKIP and interview.step not in _SKIPPABLE:
        return interview, ask(
            interview, now=now, tz=tz, problem=_Problem("This one can't be skipped.")
        )
    if interview.step is Step.REVIEW:
        return _at_review(interview, text, word, now=now, tz=tz)
    return _answer(interview, interview.step, text, now=now, tz=tz)


def ask(
    interview: Interview,
    *,
    now: datetime,
    tz: ZoneInfo,
    echo: tuple[str, ...] = (),
    problem: _Problem | None = None,
    with_help: bool = False,
) -> Prompt:
    """The question for the interview's current step (used to start and to resume)."""
    at = interview.step
    if at is Step.SAVED:
        return Prompt(at, "Saved.", echo)
    if at is Step.CANCELLED:
        return Prompt(at, "This interview was cancelled. Nothing was saved.", echo)
    question, example, choices = _QUESTIONS[at](interview)
    summary: tuple[str, ...] = ()
    reviews: tuple[tuple[str, SmartReview], ...] = ()
    if at is Step.REVIEW:
        summary = summarise(interview, tz=tz)
        reviews = smart_reviews(interview, now=now, tz=tz)
        choices = _review_choices(interview, reviews)
    return Prompt(
        step=at,
        question=question,
        echo=echo,
        problem=problem.message if problem else None,
        example=(problem.example if problem and problem.example else example),
        help=_HELP_TEXT.get(at) if with_help else None,
        choices=problem.choices if problem and problem.choices else choices,
        controls=_controls(interview),
        summary=summary,
        reviews=reviews,
    )


def _answer(
    interview: Interview, at: Step, text: str, *, now: datetime, tz: ZoneInfo
) -> tuple[Interview, Prompt]:
    result = _READERS[at](interview, text, now, tz)
    if isinstance(result, _Problem):
        if at is Step.DEADLINE and not result.choices:
            interview = replace(interview, deadline_options=())
        return interview, ask(interview, now=now, tz=tz, problem=result)
    answered, echo = result
    answered = replace(answered, history=(*answered.history, (at, interview.current)))
    moved = _advance(answered)
    return moved, ask(moved, now=now, tz=tz, echo=echo)


def _advance(interview: Interview) -> Interview:
    """Move to the first question still unanswered (the review when none is)."""
    at, index = _missing(interview)
    return replace(interview, step=at, current=index)


def _missing(i: Interview) -> tuple[Step, int]:
    if i.why is None:
        return Step.WHY, i.current
    if i.category is None:
        return Step.CATEGORY, i.current
    if not i.where_answered:
        return Step.WHERE, i.current
    if i.mode is Mode.OKR and i.objective is None:
        return Step.OBJECTIVE, i.current
    for index, m in enumerate(i.measures):
        if m.metric_name is None:
            return Step.METRIC, index
        if m.unit is None:
            return Step.UNIT, index
        if m.direction is None:
            return Step.DIRECTION, index
        if m.baseline_known is None:
            return Step.BASELINE, index
        if m.target is None:
            return Step.TARGET, index
    last = len(i.measures) - 1
    if i.mode is Mode.OKR and not i.measures_done and len(i.measures) < MAX_KEY_RESULTS:
        return Step.MORE, last
    if i.deadline is None:
        return Step.DEADLINE, last
    if i.owner is None:
        return Step.OWNER, last
    if i.cadence is None:
        return Step.CADENCE, last
    if not i.channel_answered:
        return Step.CHANNEL, last
    return Step.REVIEW, last


# --- control words ---------------------------------------------------------------------

_CANCEL = frozenset({"cancel", "stop", "quit", "abort", "anuleaza", "renunt", "iptal", "vazgec",
                     "huy", "huy bo", "لغو", "انصراف"})  # fmt: skip
_HELP = frozenset({"help", "ajutor", "yardim", "giup", "tro giup", "کمک", "راهنما"})
_BACK = frozenset({"back", "go back", "undo", "inapoi", "geri", "quay lai", "برگشت", "قبلی"})
_SKIP = frozenset({"skip", "none", "no", "nope", "-", "sari peste", "atla", "bo qua", "رد"})
_UNKNOWN = frozenset({"i don t know", "i dont know", "don t know", "dont know", "idk", "unknown",
                      "not sure", "no idea", "nu stiu", "bilmiyorum", "khong biet",
                      "نمی دانم", "نمیدانم", "نمی دونم", "نمیدونم"})  # fmt: skip
_ACCEPT = frozenset({"yes", "y", "ok", "okay", "accept", "save", "save it", "confirm", "done",
                     "looks good", "lgtm", "sure", "save anyway", "da", "salveaza", "evet",
                     "kaydet", "dong y", "luu", "ذخیره", "بله", "تایید"})  # fmt: skip
_MORE_YES = frozenset({"add", "yes", "y", "another", "more", "add one", "add a key result"})
_MORE_NO = frozenset({"done", "no", "that s all", "thats all", "finish", "enough", "n"})
_SKIPPABLE = frozenset({Step.WHERE, Step.OWNER, Step.CADENCE, Step.CHANNEL})


def _back(interview: Interview, *, now: datetime, tz: ZoneInfo) -> tuple[Interview, Prompt]:
    if not interview.history:
        problem = _Problem("This is the first question; there is nothing to go back to.")
        return interview, ask(interview, now=now, tz=tz, problem=problem)
    (previous, index), history = interview.history[-1], interview.history[:-1]
    cleared = _clear(replace(interview, history=history), previous, index)
    moved = _advance(cleared)
    return moved, ask(moved, now=now, tz=tz, echo=(f"Back to: {_STEP_NAMES[previous]}.",))


def _clear(i: Interview, at: Step, index: int) -> Interview:
    """Forget the answer to one step (for "back" and for changes at the review)."""
    if at in (Step.WHY, Step.CATEGORY):
        return replace(i, why=None if at is Step.WHY else i.why, category=None)
    if at is Step.WHERE:
        return replace(i, where_answered=False, platform=None, scope=None)
    if at is Step.OBJECTIVE:
        return replace(i, objective=None)
    if at is Step.MORE:
        return replace(i, measures=i.measures[: index + 1], measures_done=False, current=index)
    if at is Step.DEADLINE:
        return replace(i, deadline=None, deadline_options=())
    if at is Step.OWNER:
        return replace(i, owner=None)
    if at is Step.CADENCE:
        return replace(i, cadence=None)
    if at is Step.CHANNEL:
        return replace(i, channel_answered=False, channel=None)
    measure = i.measures[index]
    cleared = {
        Step.METRIC: Measure(),
        Step.UNIT: replace(measure, unit=None, direction=None),
        Step.DIRECTION: replace(measure, direction=None),
        Step.BASELINE: replace(measure, baseline=None, baseline_known=None),
        Step.TARGET: replace(measure, target=None, target_relative=None),
    }[at]
    return _with_measure(i, index, cleared)


def _with_measure(i: Interview, index: int, measure: Measure) -> Interview:
    measures = (*i.measures[:index], measure, *i.measures[index + 1 :])
    return replace(i, measures=measures, current=index)


# --- the review ------------------------------------------------------------------------

_FIELDS: dict[str, Step] = {
    "why": Step.WHY, "reason": Step.WHY, "category": Step.CATEGORY,
    "where": Step.WHERE, "platform": Step.WHERE, "scope": Step.WHERE,
    "objective": Step.OBJECTIVE, "metric": Step.METRIC, "kpi": Step.METRIC,
    "baseline": Step.BASELINE, "start": Step.BASELINE, "today": Step.BASELINE,
    "target": Step.TARGET, "goal": Step.TARGET, "deadline": Step.DEADLINE, "date": Step.DEADLINE,
    "owner": Step.OWNER, "cadence": Step.CADENCE, "schedule": Step.CADENCE,
    "check-ins": Step.CADENCE, "checkins": Step.CADENCE, "reminders": Step.CADENCE,
    "channel": Step.CHANNEL, "digest": Step.CHANNEL,
}  # fmt: skip
_CHANGE = re.compile(
    r"^\s*(?:change|set|edit|make|update|fix)?\s*(?:the\s+)?"
    r"(?:(?:kr|key\s*result)\s*#?(?P<number>[1-5])\s*(?:'s\s+)?)?"
    r"(?P<field>" + "|".join(sorted(map(re.escape, _FIELDS), key=len, reverse=True)) + r")"
    r"(?![\w-])\s*(?:to\b|=|:|as\b|is\b)?\s*(?P<value>.*)$",
    re.IGNORECASE | re.DOTALL,
)


def _at_review(
    interview: Interview, text: str, word: str, *, now: datetime, tz: ZoneInfo
) -> tuple[Interview, Prompt]:
    if word in _ACCEPT:
        saved = replace(interview, step=Step.SAVED)
        return saved, ask(saved, now=now, tz=tz)
    if (
        word in ("okr", "switch to okr", "okr mode", "make it an okr")
        and interview.mode is Mode.SMART
    ):
        okr = _advance(replace(interview, mode=Mode.OKR))
        echo = ("Switched to OKR mode: this goal becomes the first key result of an objective.",)
        return okr, ask(okr, now=now, tz=tz, echo=echo)
    change = _CHANGE.match(text)
    if change is None:
        problem = _Problem(
            "At this point, say “save”, change a field by name, “okr”, or “cancel”.",
            "change target to 50k",
        )
        return interview, ask(interview, now=now, tz=tz, problem=problem)
    at = _FIELDS[change["field"].lower()]
    if at is Step.OBJECTIVE and interview.mode is not Mode.OKR:
        at = Step.WHY
    index = int(change["number"]) - 1 if change["number"] else 0
    if index >= len(interview.measures):
        problem = _Problem(f"There is no key result {index + 1}.", "change kr1 target to 50k")
        return interview, ask(interview, now=now, tz=tz, problem=problem)
    cleared = replace(_clear(interview, at, index), step=at, current=index)
    value = change["value"].strip()
    if not value:
        return cleared, ask(cleared, now=now, tz=tz)
    return _answer(cleared, at, value, now=now, tz=tz)


def _review_choices(
    interview: Interview, reviews: tuple[tuple[str, SmartReview], ...]
) -> tuple[Choice, ...]:
    passes = all(r.passes for _, r in reviews)
    choices = [Choice("Save" if passes else "Save anyway", "save")]
    for index, (_, result) in enumerate(reviews):
        measure = interview.measures[index]
        if result.proposed_target is not None:
            shown = amount(measure, result.proposed_target)
            prefix = f"kr{index + 1} " if interview.mode is Mode.OKR else ""
            choices.append(Choice(f"Use {shown} instead", f"change {prefix}target to {shown}"))
    if interview.mode is Mode.SMART:
        choices.append(Choice("Make it an OKR", "okr"))
    return tuple(choices)


def smart_reviews(
    interview: Interview, *, now: datetime, tz: ZoneInfo
) -> tuple[tuple[str, SmartReview], ...]:
    """The SMART review of each measure (one for a goal, one per key result)."""
    today = now.astimezone(tz).date()
    checkins = _checkin_count(interview, now=now, tz=tz)
    category_metrics: tuple[Category, ...]
    results = []
    for index, m in enumerate(interview.measures):
        known = _known_kpi(m)
        category_metrics = known.categories if known else ()
        plan = GoalPlan(
            metric_name=m.metric_name or "",
            unit=m.unit or Unit.COUNT,
            direction=m.direction or Direction.INCREASE,
            baseline=m.baseline if m.baseline_known else None,
            target=m.target,
            start=today,
            deadline=interview.deadline,
            scope=interview.scope,
            why=interview.why or "",
            category=interview.category,
            metric_categories=category_metrics,
            checkins=checkins,
            okr=interview.mode is Mode.OKR,
            currency=m.currency,
        )
        title = (
            m.metric_name or ""
            if interview.mode is Mode.SMART
            else f"KR{index + 1}: {m.metric_name}"
        )
        results.append((escape(title), review(plan)))
    return tuple(results)


def _checkin_count(interview: Interview, *, now: datetime, tz: ZoneInfo) -> int:
    cadence = cadence_of(interview, tz.key)
    if cadence is None or interview.deadline is None:
        return 0
    return count_occurrences(cadence, now, end_of_day(interview.deadline, tz))


def cadence_of(interview: Interview, tz: str) -> Cadence | None:
    """The interview's check-in cadence in time zone `tz` (the owner's), once chosen."""
    if interview.cadence is None:
        return None
    parsed = parse_cadence(interview.cadence, tz=tz)
    return parsed if isinstance(parsed, Cadence) else None


def summarise(interview: Interview, *, tz: ZoneInfo) -> tuple[str, ...]:
    """The planned goal in plain lines, as the review and the saved card show it."""
    lines: list[str] = []
    if interview.mode is Mode.OKR:
        lines.append(f"*Objective:* {quoted(interview.objective or '', 150)}")
    if interview.category is not None:
        why = f" – {quoted(interview.why)}" if interview.why else ""
        lines.append(f"*Why:* {CATEGORY_LABELS[interview.category]}{why}")
    lines.append(f"*Where:* {escape(interview.scope) if interview.scope else 'not given'}")
    for index, m in enumerate(interview.measures):
        label = "Goal" if interview.mode is Mode.SMART else f"KR{index + 1}"
        lines.append(f"*{label}:* {_measure_line(m, interview.deadline)}")
    if interview.owner:
        lines.append(f"*Owner:* <@{interview.owner}>")
    if interview.cadence:
        lines.append(f"*Check-ins:* {_cadence_words(interview, tz)}")
    if interview.channel_answered:
        lines.append(
            f"*Digest:* {f'<#{interview.channel}>' if interview.channel else 'no channel'}"
        )
    return tuple(lines)


def _measure_line(m: Measure, deadline: date | None) -> str:
    name = escape(m.metric_name or "")
    if m.unit is Unit.MILESTONE:
        line = f"{name} done"
    else:
        target = amount(m, m.target) if m.target is not None else "?"
        start = amount(m, m.baseline) if m.baseline_known and m.baseline is not None else "unknown"
        line = f"{name} from {start} to {target}"
    return line + (f" by {format_date(deadline)}" if deadline else "")


def _cadence_words(interview: Interview, tz: ZoneInfo) -> str:
    cadence = cadence_of(interview, tz.key)
    if cadence is None:
        return escape(interview.cadence or "")
    # The schedule runs in the owner's zone, which may not be the interviewer's.
    return describe_cadence(cadence).rsplit(" (", 1)[0] + ", in the owner's time zone"


# --- readers: one per step; each returns the new state and the echo, or a _Problem ------

_Read = tuple[Interview, tuple[str, ...]] | _Problem
_HAS_WORD = re.compile(r"\w", re.UNICODE)


def _read_why(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    if not _HAS_WORD.search(text):
        return _Problem("Tell me in a few words why the team wants this.", _EXAMPLE_WHY)
    why = " ".join(text.split())[:300]
    category = _category_named(text)
    if category is None:
        found = classify_why(text)
        category = found[0].category if found else None
    answered = replace(i, why=why, category=category)
    echo = [f"Why: {CATEGORY_LABELS[category]}." if category else f"Why: {quoted(why)}."]
    platform = detect_platform(text)
    if platform is not None and not i.where_answered:
        answered = replace(
            answered, where_answered=True, platform=platform.key, scope=platform.name
        )
        echo.append(f"Where: {platform.name}.")
    return answered, tuple(echo)


def _category_named(text: str) -> Category | None:
    word = normalise(text).replace(" ", "_")
    for category, label in CATEGORY_LABELS.items():
        if word in (category.value, normalise(label).replace(" ", "_")):
            return category
    return None


def _read_category(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    category = _category_named(text)
    if category is None:
        found = classify_why(text)
        category = found[0].category if found else None
    if category is None:
        return _Problem("I couldn't tell which objective that is; pick the closest.", "awareness")
    return replace(i, category=category), (f"Why: {CATEGORY_LABELS[category]}.",)


def _read_where(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    if normalise(text) in _SKIP:
        return replace(i, where_answered=True, platform=None, scope=None), ("Where: not given.",)
    if not _HAS_WORD.search(text):
        return _Problem("Name a platform or a scope.", "Instagram, website or all channels")
    platform = detect_platform(text) or _platform_keyed(text)
    scope = platform.name if platform else " ".join(text.split())[:100]
    answered = replace(
        i, where_answered=True, platform=platform.key if platform else None, scope=scope
    )
    return answered, (f"Where: {escape(scope)}.",)


def _platform_keyed(text: str) -> Platform | None:
    return next((p for p in PLATFORMS if p.key == text.strip().lower()), None)


def _read_objective(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    if not _HAS_WORD.search(text):
        return _Problem("Name the objective in a few words.", _EXAMPLE_OBJECTIVE)
    objective = " ".join(text.split())[:300]
    return replace(i, objective=objective), (f"Objective: {quoted(objective, 150)}.",)


def _read_metric(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    if not _HAS_WORD.search(text):
        return _Problem("Name the metric you will count.", "reach, followers or engagement rate")
    found = _kpi_keyed(text)
    how = "name"
    if found is None:
        matches = match_metric(text, limit=1)
        if matches:
            found, how = matches[0].kpi, matches[0].how
    if found is not None:
        measure = Measure(
            metric_key=found.key,
            metric_name=found.name,
            unit=found.unit,
            direction=found.direction,
        )
        better = "higher" if found.direction is Direction.INCREASE else "lower"
        guess = f" (I read {quoted(text, 40)} as {found.name})" if how == "fuzzy" else ""
        echo = f"Metric: {found.name}, a {found.unit.value}; {better} is better{guess}."
        return _metric_set(i, measure), (echo,)
    name = " ".join(text.split())[:100]
    echo = f"Metric: {quoted(name)}, a custom metric. I'll ask two things about it."
    return _metric_set(i, Measure(metric_name=name)), (echo,)


def _metric_set(i: Interview, measure: Measure) -> Interview:
    if measure.unit is Unit.MILESTONE:
        # Not done today, done by the deadline: nothing else to ask.
        measure = replace(measure, direction=Direction.INCREASE, baseline=Decimal(0),
                          baseline_known=True, target=Decimal(1))  # fmt: skip
    return _with_measure(i, i.current, measure)


def _kpi_keyed(text: str) -> KPI | None:
    key = text.strip().lower()
    return next((k for k in catalogue() if k.key == key), None)


_UNIT_WORDS: dict[str, Unit] = {
    **{u.value: u for u in Unit},
    "number": Unit.COUNT, "a number": Unit.COUNT, "percentage": Unit.PERCENT, "rate": Unit.PERCENT,
    "money": Unit.CURRENCY, "amount": Unit.CURRENCY, "time": Unit.DURATION,
    "done or not done": Unit.MILESTONE, "yes no": Unit.MILESTONE,
}  # fmt: skip


def _read_unit(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    unit = _UNIT_WORDS.get(normalise(text)) or (Unit.PERCENT if text.strip() == "%" else None)
    if unit is None:
        return _Problem("Pick one of the kinds of number below.", "count, percent or duration")
    measure = replace(i.measure, unit=unit)
    answered = _metric_set(i, measure)
    return answered, (f"Kind of number: {unit.value}.",)


_HIGHER = frozenset({"higher", "higher is better", "up", "more", "increase", "grow", "bigger"})
_LOWER = frozenset({"lower", "lower is better", "down", "less", "fewer", "decrease", "reduce"})


def _read_direction(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    word = normalise(text)
    if word not in _HIGHER | _LOWER:
        return _Problem("Is a higher or a lower value better?", "higher or lower")
    direction = Direction.INCREASE if word in _HIGHER else Direction.DECREASE
    better = "Higher" if direction is Direction.INCREASE else "Lower"
    return _with_measure(i, i.current, replace(i.measure, direction=direction)), (
        f"{better} is better.",
    )


def _read_baseline(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    m = i.measure
    if normalise(text) in _UNKNOWN or text.strip() == "?":
        known = replace(m, baseline=None, baseline_known=False)
        echo = "Baseline: not known yet. Your first check-in will become the baseline."
        return _with_measure(i, i.current, known), (echo,)
    parsed = parse_quantity(text, unit_hint=m.unit)
    if isinstance(parsed, ParseError):
        return _Problem(escape(parsed.message), parsed.example)
    problem = _unit_problem(m, parsed.quantity)
    if problem is not None:
        return problem
    quantity = parsed.quantity
    measure = replace(m, baseline=quantity.value, baseline_known=True,
                      currency=quantity.currency or m.currency)  # fmt: skip
    about = "about " if parsed.approximate else ""
    echo = f"Baseline: {about}{amount(measure, quantity.value)} {_metric_words(measure)} today."
    return _with_measure(i, i.current, measure), (echo,)


def _read_target(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    m = i.measure
    baseline = (
        Quantity(m.baseline, m.unit or Unit.COUNT, m.currency)
        if m.baseline_known and m.baseline is not None
        else None
    )
    parsed = parse_target(text, baseline=baseline, unit_hint=m.unit)
    if isinstance(parsed, ParseError):
        return _Problem(escape(parsed.message), _target_example(m))
    problem = _unit_problem(m, parsed.quantity)
    if problem is not None:
        return problem
    target = parsed.quantity.value
    if baseline is not None:
        if target == baseline.value:
            return _Problem(
                "That is today's value; the target should be a change.", _target_example(m)
            )
        up = target > baseline.value
        if up != (m.direction is Direction.INCREASE):
            better = "higher" if m.direction is Direction.INCREASE else "lower"
            return _Problem(
                f"For {escape(m.metric_name or 'this metric')} {better} is better, but "
                f"{amount(m, target)} goes the other way from today's "
                f"{amount(m, baseline.value)}.",
                _target_example(m),
            )
    measure = replace(m, target=target, target_relative=parsed.relative,
                      currency=parsed.quantity.currency or m.currency)  # fmt: skip
    change = (
        f" ({parsed.relative} from {amount(m, baseline.value)})"
        if parsed.relative and baseline
        else ""
    )
    echo = f"Target: {amount(measure, target)} {_metric_words(measure)}{change}."
    return _with_measure(i, i.current, measure), (echo,)


def _unit_problem(m: Measure, quantity: Quantity) -> _Problem | None:
    unit = m.unit or Unit.COUNT
    if quantity.unit is not unit:
        return _Problem(
            f"{escape(m.metric_name or 'This metric')} is a {unit.value}, "
            f"but that reads as a {quantity.unit.value}.",
            EXAMPLES[unit],
        )
    if unit in (Unit.COUNT, Unit.DURATION) and quantity.value < 0:
        return _Problem("That can't be below zero.", EXAMPLES[unit])
    return None


def _read_more(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    word = normalise(text)
    if word in _MORE_NO or len(i.measures) >= MAX_KEY_RESULTS:
        return replace(i, measures_done=True), (f"Key results: {len(i.measures)}.",)
    if word in _MORE_YES:
        added = replace(i, measures=(*i.measures, Measure()), current=len(i.measures))
        return added, (f"Key result {len(i.measures) + 1}:",)
    return _Problem("Add another key result, or say done.", "add or done")


def _read_deadline(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    found = parse_deadline(text, now=now, tz=tz)
    if isinstance(found, ParseError):
        return _Problem(escape(found.message), found.example)
    if isinstance(found, AmbiguousDate):
        choices = tuple(Choice(format_date(d), d.isoformat()) for d in found.options)
        return _Problem(found.message, DEADLINE_EXAMPLE, choices)
    days = (found - now.astimezone(tz).date()).days
    weeks = f"{days // 7} weeks" if days >= 14 else f"{days} days"
    answered = replace(i, deadline=found, deadline_options=())
    if i.mode is Mode.SMART and i.measure.target is not None:
        m = i.measure
        goal = f"{amount(m, m.target)} {_metric_words(m)}"
        echo = f"Target: {goal} by {format_date(found)} (in {weeks})."
    else:
        echo = f"Deadline: {format_date(found)} (in {weeks})."
    return answered, (echo,)


_MENTION = re.compile(r"^\s*<@(?P<id>[UW][A-Z0-9]{1,30})(?:\|[^>]*)?>\s*$")
_ME = frozenset({"me", "myself", "i", "mine", "eu", "ben", "toi", "من"})


def _read_owner(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    word = normalise(text)
    if word in _ME or word in _SKIP:
        return replace(i, owner=i.user_id), ("Owner: you.",)
    mention = _MENTION.match(text)
    if mention is None:
        return _Problem("Say “me”, or mention the owner with @.", "me or @ana")
    owner = mention["id"]
    return replace(i, owner=owner), (f"Owner: <@{owner}>.",)


def _read_cadence(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    wanted = DEFAULT_CADENCE if normalise(text) in _SKIP | {"default"} else text
    parsed = parse_cadence(wanted, tz=tz.key)
    if isinstance(parsed, CadenceError):
        return _Problem(escape(parsed.message), parsed.example)
    chosen = " ".join(wanted.lower().split())
    answered = replace(i, cadence=chosen)
    return answered, (f"Check-ins: {_cadence_words(answered, tz)}.",)


_CHANNEL = re.compile(r"^\s*<#(?P<id>C[A-Z0-9]{1,30})(?:\|[^>]*)?>\s*$")


def _read_channel(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> _Read:
    word = normalise(text)
    if word in _SKIP:
        return replace(i, channel_answered=True, channel=None), ("Digest: no channel for now.",)
    if word in ("here", "this channel") and i.here_channel:
        channel: str | None = i.here_channel
    else:
        found = _CHANNEL.match(text)
        channel = found["id"] if found else None
    if channel is None:
        return _Problem("Mention the channel with #, or skip.", "#marketing or skip")
    return replace(i, channel_answered=True, channel=channel), (f"Digest: <#{channel}>.",)


_READERS = {
    Step.WHY: _read_why,
    Step.CATEGORY: _read_category,
    Step.WHERE: _read_where,
    Step.OBJECTIVE: _read_objective,
    Step.METRIC: _read_metric,
    Step.UNIT: _read_unit,
    Step.DIRECTION: _read_direction,
    Step.BASELINE: _read_baseline,
    Step.TARGET: _read_target,
    Step.MORE: _read_more,
    Step.DEADLINE: _read_deadline,
    Step.OWNER: _read_owner,
    Step.CADENCE: _read_cadence,
    Step.CHANNEL: _read_channel,
}


# --- questions ---------------------------------------------------------------------------

_Question = tuple[str, str | None, tuple[Choice, ...]]
_EXAMPLE_WHY = "we want more people to see our Instagram"
_EXAMPLE_OBJECTIVE = "Become the pizzeria everyone in Cluj knows"
_CATEGORY_CHOICES = tuple(Choice(label, c.value) for c, label in CATEGORY_LABELS.items())


def _ask_why(i: Interview) -> _Question:
    return ("*Why* does the team want this goal? Tell me the business objective in your "
            "own words, or pick one.", _EXAMPLE_WHY, _CATEGORY_CHOICES)  # fmt: skip


def _ask_category(i: Interview) -> _Question:
    return "Which objective is that closest to?", "awareness", _CATEGORY_CHOICES


def _ask_where(i: Interview) -> _Question:
    choices = tuple(Choice(p.name, p.key) for p in PLATFORMS)
    return ("*Where*: on which platform, or in what scope (the website, all channels, "
            "a city)?", "Instagram", choices)  # fmt: skip


def _ask_objective(i: Interview) -> _Question:
    choices = (Choice("Use the why", i.why[:2000]),) if i.why else ()
    return ("Name the *objective*: qualitative and ambitious. Key results will measure it.",
            _EXAMPLE_OBJECTIVE, choices)  # fmt: skip


def _ask_metric(i: Interview) -> _Question:
    used = {m.metric_key for m in i.measures}
    pool = suggest_for_category(i.category, limit=8) if i.category else list(catalogue()[:5])
    choices = tuple(Choice(k.name, k.key) for k in pool if k.key not in used)[:5]
    lead = f"Key result {i.current + 1}: which" if i.mode is Mode.OKR else "Which"
    return (f"{lead} *metric* will show it? Pick one, name another, or type your own.",
            "reach, followers or engagement rate", choices)  # fmt: skip


def _ask_unit(i: Interview) -> _Question:
    choices = tuple(Choice(u.value, u.value) for u in Unit)
    return (f"What kind of number is {quoted(i.measure.metric_name or '')}?",
            "count, percent, currency, duration, score or milestone", choices)  # fmt: skip


def _ask_direction(i: Interview) -> _Question:
    choices = (Choice("Higher is better", "higher"), Choice("Lower is better", "lower"))
    return f"Is a higher or a lower {quoted(i.measure.metric_name or '')} better?", None, choices


def _ask_baseline(i: Interview) -> _Question:
    m = i.measure
    return (f"What is {_metric_words(m)} *today* (the baseline)? If you don't know yet, "
            "say so: your first check-in will become the baseline.",
            EXAMPLES[m.unit or Unit.COUNT], (Choice("I don't know", "I don't know"),))  # fmt: skip


def _ask_target(i: Interview) -> _Question:
    m = i.measure
    return (f"What should {_metric_words(m)} be by the deadline (the *target*)? "
            "A number, or a change from today.", _target_example(m), ())  # fmt: skip


def _ask_more(i: Interview) -> _Question:
    count = len(i.measures)
    advice = f"{SUGGESTED_KEY_RESULTS} is a good number, {MAX_KEY_RESULTS} at most"
    choices = (Choice("Add a key result", "add"), Choice("That's all", "done"))
    return (f"The objective has {count} key result{'s' if count > 1 else ''} ({advice}). "
            "Add another?", None, choices)  # fmt: skip


def _ask_deadline(i: Interview) -> _Question:
    if i.deadline_options:
        choices = tuple(Choice(format_date(d), d.isoformat()) for d in i.deadline_options)
    else:
        choices = (
            Choice("In 6 weeks", "in 6 weeks"),
            Choice("End of the quarter", "end of the quarter"),
            Choice("End of the year", "end of the year"),
        )
    return "By *when*?", DEADLINE_EXAMPLE, choices


def _ask_owner(i: Interview) -> _Question:
    return "Who *owns* it? Say “me” or mention someone.", "me or @ana", (Choice("Me", "me"),)


def _ask_cadence(i: Interview) -> _Question:
    choices = (Choice("Weekly, Monday 10:00", DEFAULT_CADENCE),
               Choice("Every 2 weeks", "every 2 weeks on monday at 10:00"),
               Choice("Monthly, on the 1st", "monthly on the 1st at 10:00"))  # fmt: skip
    return ("How often should I ask the owner for a *check-in*? Weekly on Monday at 10:00 "
            "is the default.", "mon and thu at 09:30", choices)  # fmt: skip


def _ask_channel(i: Interview) -> _Question:
    choices = [Choice("No digest channel", "skip")]
    if i.here_channel:
        choices.insert(0, Choice("This channel", "here"))
    return ("Which *channel* should get the digest with this goal? Mention it, or skip.",
            "#marketing", tuple(choices))  # fmt: skip


def _ask_review(i: Interview) -> _Question:
    kind = "objective" if i.mode is Mode.OKR else "goal"
    return (f"Here is the {kind}. Save it, change a field by name, or cancel.",
            "change target to 50k", ())  # fmt: skip


_QUESTIONS = {
    Step.WHY: _ask_why,
    Step.CATEGORY: _ask_category,
    Step.WHERE: _ask_where,
    Step.OBJECTIVE: _ask_objective,
    Step.METRIC: _ask_metric,
    Step.UNIT: _ask_unit,
    Step.DIRECTION: _ask_direction,
    Step.BASELINE: _ask_baseline,
    Step.TARGET: _ask_target,
    Step.MORE: _ask_more,
    Step.DEADLINE: _ask_deadline,
    Step.OWNER: _ask_owner,
    Step.CADENCE: _ask_cadence,
    Step.CHANNEL: _ask_channel,
    Step.REVIEW: _ask_review,
}

_STEP_NAMES = {
    Step.WHY: "why", Step.CATEGORY: "the objective", Step.WHERE: "where",
    Step.OBJECTIVE: "the objective", Step.METRIC: "the metric", Step.UNIT: "the kind of number",
    Step.DIRECTION: "which way is better", Step.BASELINE: "the baseline",
    Step.TARGET: "the target", Step.MORE: "more key results", Step.DEADLINE: "the deadline",
    Step.OWNER: "the owner", Step.CADENCE: "the check-in cadence", Step.CHANNEL: "the channel",
}  # fmt: skip

_HELP_TEXT = {
    Step.WHY: "Every goal serves a business objective: awareness, reputation, community, "
    "sales, insights, leads, customer service, recruiting, crisis or internal communication.",
    Step.WHERE: "The platform the metric is read from, or a scope such as “all channels” "
    "or a city. Say skip if it doesn't apply.",
    Step.METRIC: "A metric you can read off an analytics tool (Meta Business Suite, YouTube "
    "Studio...). A custom one is fine too.",
    Step.BASELINE: "Today's value, so the target means something. Numbers like 12k, ۱۲٬۴۰۰, "
    "3.2%, 2h 30m or $1.5k all work.",
    Step.TARGET: "An absolute value (60k) or a change from today (+20%, double it, cut to "
    "under 1h).",
    Step.DEADLINE: "A date (31 Dec), a period (in 6 weeks) or a phrase (end of Q1). It is "
    "read in your time zone.",
    Step.REVIEW: "Say save to keep the goal, “change target to 50k” (or baseline, deadline, "
    "metric, owner, cadence, channel, why, where) to fix one field, or okr for an objective "
    "with key results.",
}
_GENERAL_HELP = (
    "Say back to change the previous answer, skip for optional questions, cancel to stop."
)

for _step in Step:
    _HELP_TEXT.setdefault(_step, "")
    _HELP_TEXT[_step] = (_HELP_TEXT[_step] + " " + _GENERAL_HELP).strip()


def _controls(i: Interview) -> tuple[Choice, ...]:
    controls = []
    if i.history:
        controls.append(Choice("Back", "back"))
    if i.step in _SKIPPABLE:
        controls.append(Choice("Skip", "skip"))
    controls.append(Choice("Cancel", "cancel"))
    return tuple(controls)


# --- words -------------------------------------------------------------------------------


def amount(m: Measure, value: Decimal | None) -> str:
    """A value of the measure written as people read it ("480", "3.2%", "$1,500")."""
    if value is None:
        return "?"
    return format_quantity(Quantity(value, m.unit or Unit.COUNT, m.currency))


def _metric_words(m: Measure) -> str:
    name = m.metric_name or "the metric"
    return escape(name.lower() if m.metric_key else name)


def _target_example(m: Measure) -> str:
    if m.direction is Direction.DECREASE:
        return "cut to under 1h, -30% or 45 min"
    return {Unit.PERCENT: "5%, +1.5pp or +20%", Unit.CURRENCY: "$5k or +20%"}.get(
        m.unit or Unit.COUNT, "60k, +20% or double it"
    )


def _known_kpi(m: Measure) -> KPI | None:
    try:
        return kpi(m.metric_key) if m.metric_key else None
    except KeyError:
        return None


# --- storage form ------------------------------------------------------------------------


def to_json(interview: Interview) -> dict[str, Any]:
    """The interview as plain JSON values, for `InterviewState.data`."""
    return {
        "version": 1,
        "user_id": interview.user_id,
        "mode": interview.mode.value,
        "step": interview.step.value,
        "why": interview.why,
        "category": interview.category.value if interview.category else None,
        "where_answered": interview.where_answered,
        "platform": interview.platform,
        "scope": interview.scope,
        "objective": interview.objective,
        "measures": [_measure_json(m) for m in interview.measures],
        "current": interview.current,
        "measures_done": interview.measures_done,
        "deadline": interview.deadline.isoformat() if interview.deadline else None,
        "deadline_options": [d.isoformat() for d in interview.deadline_options],
        "owner": interview.owner,
        "cadence": interview.cadence,
        "channel_answered": interview.channel_answered,
        "channel": interview.channel,
        "here_channel": interview.here_channel,
        "history": [[s.value, index] for s, index in interview.history],
    }


def _measure_json(m: Measure) -> dict[str, Any]:
    return {
        "metric_key": m.metric_key,
        "metric_name": m.metric_name,
        "unit": m.unit.value if m.unit else None,
        "direction": m.direction.value if m.direction else None,
        "currency": m.currency,
        "baseline": str(m.baseline) if m.baseline is not None else None,
        "baseline_known": m.baseline_known,
        "target": str(m.target) if m.target is not None else None,
        "target_relative": m.target_relative,
    }


def from_json(data: dict[str, Any]) -> Interview | None:
    """The interview stored by `to_json`, or None when the data is unreadable."""
    try:
        measures = tuple(_measure_from(m) for m in data["measures"])
        if not measures:
            return None
        interview = Interview(
            user_id=str(data["user_id"]),
            mode=Mode(data["mode"]),
            step=Step(data["step"]),
            why=data.get("why"),
            category=Category(data["category"]) if data.get("category") else None,
            where_answered=bool(data.get("where_answered")),
            platform=data.get("platform"),
            scope=data.get("scope"),
            objective=data.get("objective"),
            measures=measures,
            current=min(int(data.get("current", 0)), len(measures) - 1),
            measures_done=bool(data.get("measures_done")),
            deadline=_date(data.get("deadline")),
            deadline_options=tuple(d for d in map(_date, data.get("deadline_options", [])) if d),
            owner=data.get("owner"),
            cadence=data.get("cadence"),
            channel_answered=bool(data.get("channel_answered")),
            channel=data.get("channel"),
            here_channel=data.get("here_channel"),
            history=tuple((Step(s), int(index)) for s, index in data.get("history", [])),
        )
    except (KeyError, ValueError, TypeError, AttributeError, InvalidOperation):
        return None
    return interview


def _measure_from(data: dict[str, Any]) -> Measure:
    return Measure(
        metric_key=data.get("metric_key"),
        metric_name=data.get("metric_name"),
        unit=Unit(data["unit"]) if data.get("unit") else None,
        direction=Direction(data["direction"]) if data.get("direction") else None,
        currency=data.get("currency"),
        baseline=Decimal(data["baseline"]) if data.get("baseline") is not None else None,
        baseline_known=data.get("baseline_known"),
        target=Decimal(data["target"]) if data.get("target") is not None else None,
        target_relative=data.get("target_relative"),
    )


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
