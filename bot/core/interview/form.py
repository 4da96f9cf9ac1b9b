"""The goal interview as one form: every field read by the same reader as in conversation.

A person who prefers forms fills all the fields at once. Each field is handed to
the reader of its step, in the conversation's order, so the form accepts exactly
what the conversation accepts and refuses it with the same words. Fields the
chosen metric already answers (a catalogue metric's unit, a milestone's baseline)
are not read. A measure step that fails stops the later measure steps from being
judged, so a bad baseline does not also blame the target.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.core.interview.answers import READERS
from bot.core.interview.machine import start
from bot.core.interview.state import MEASURE_STEPS, Interview, Problem, Step, answered
from bot.i18n.catalogue import N_


class FormField(StrEnum):
    """The form's fields; each is read by one step of the interview."""

    WHY = "why"
    CATEGORY = "category"
    WHERE = "where"
    METRIC = "metric"
    CUSTOM_METRIC = "custom_metric"
    UNIT = "unit"
    DIRECTION = "direction"
    BASELINE = "baseline"
    TARGET = "target"
    DEADLINE = "deadline"
    OWNER = "owner"
    CADENCE = "cadence"
    CHANNEL = "channel"


@dataclass(frozen=True, slots=True)
class FormAnswers:
    """What the form holds, as plain strings ("" for a field left empty).

    `metric` is a catalogue key, `owner` a user id, `channel` a channel id,
    `deadline` an ISO date (or any deadline the conversation understands), `cadence`
    a cadence phrase; the rest are what the person typed.
    """

    why: str = ""
    category: str = ""
    where: str = ""
    metric: str = ""
    custom_metric: str = ""
    unit: str = ""
    direction: str = ""
    baseline: str = ""
    target: str = ""
    deadline: str = ""
    owner: str = ""
    cadence: str = ""
    channel: str = ""


@dataclass(frozen=True, slots=True)
class FormProblems:
    """Why the form cannot be used yet: a message (with an example) per field."""

    problems: tuple[tuple[FormField, str], ...]


BOTH_METRICS = N_("Pick a metric from the list or type your own, not both.")

_EMPTY_CHOICE = {
    FormField.CATEGORY: N_("I couldn't tell the objective from the why; pick the closest."),
    FormField.METRIC: N_("Pick a metric, or type your own below."),
    FormField.UNIT: N_("A custom metric needs its kind of number."),
    FormField.DIRECTION: N_("A custom metric needs to say whether higher or lower is better."),
}
"""Select fields left empty get the form's words, not the conversation's "pick below"."""


def fill(
    user_id: str, answers: FormAnswers, *, now: datetime, tz: ZoneInfo, lang: str = "en"
) -> Interview | FormProblems:
    """The interview the form describes, ready for its SMART review, or what is wrong;
    problems are worded in `lang`, the language the interview then goes on in.

    Example:
        >>> from datetime import UTC
        >>> now, tz = datetime(2026, 11, 22, 8, tzinfo=UTC), ZoneInfo("UTC")
        >>> fill("U1", FormAnswers(why="sell more", metric="followers", baseline="400",
        ...      target="+20%", deadline="2026-12-22"), now=now, tz=tz).step
        <Step.REVIEW: 'review'>
    """
    interview = replace(start(user_id), lang=lang)
    tr = interview.tr
    if answers.metric.strip() and answers.custom_metric.strip():
        return FormProblems(((FormField.CUSTOM_METRIC, tr._(BOTH_METRICS)),))
    problems: dict[FormField, str] = {}
    for at, name, text in _fields(answers):
        skipped = (
            (at in MEASURE_STEPS and _measure_failed(problems))
            or (at is Step.CATEGORY and FormField.WHY in problems)
            or (at is Step.PERIOD and FormField.TARGET in problems)
        )
        overriding = at in _CHOSEN_OVER_DEFAULT and bool(text)
        if skipped or (answered(interview, at) and not overriding):
            continue
        result = READERS[at](interview, text, now, tz)
        if isinstance(result, Problem):
            example = tr._("For example: {example}").format(example=result.example)
            said = f"{result.message} {example}" if result.example else result.message
            problems[name] = (
                said if text or name not in _EMPTY_CHOICE else tr._(_EMPTY_CHOICE[name])
            )
            continue
        read, _echo = result
        interview = replace(read, history=(*read.history, (at, read.current)))
    if problems:
        return FormProblems(tuple(problems.items()))
    return replace(interview, step=Step.REVIEW)


def _fields(answers: FormAnswers) -> tuple[tuple[Step, FormField, str], ...]:
    """Each field with the step that reads it; an empty optional field answers as skipped."""
    custom = answers.custom_metric.strip()
    owner, channel = answers.owner.strip(), answers.channel.strip()
    return (
        (Step.WHY, FormField.WHY, answers.why),
        (Step.CATEGORY, FormField.CATEGORY, answers.category.strip()),
        (Step.WHERE, FormField.WHERE, answers.where.strip() or "skip"),
        (
            Step.METRIC,
            FormField.CUSTOM_METRIC if custom else FormField.METRIC,
            custom or answers.metric,
        ),
        (Step.UNIT, FormField.UNIT, answers.unit),
        (Step.DIRECTION, FormField.DIRECTION, answers.direction),
        (Step.BASELINE, FormField.BASELINE, answers.baseline.strip() or "I don't know"),
        (Step.TARGET, FormField.TARGET, answers.target),
        (Step.PERIOD, FormField.TARGET, answers.target),  # "50k a month": a flow's span
        (Step.DEADLINE, FormField.DEADLINE, answers.deadline),
        (Step.OWNER, FormField.OWNER, f"<@{owner}>" if owner else "me"),
        (Step.CADENCE, FormField.CADENCE, answers.cadence.strip() or "skip"),
        (Step.CHANNEL, FormField.CHANNEL, f"<#{channel}>" if channel else "skip"),
    )


_CHOSEN_OVER_DEFAULT = frozenset({Step.CATEGORY, Step.OWNER, Step.CADENCE, Step.CHANNEL})
"""Fields the form always has a choice for, which replaces a guess or a default."""

_MEASURE_FIELDS = frozenset({FormField.METRIC, FormField.CUSTOM_METRIC, FormField.UNIT,
                             FormField.DIRECTION, FormField.BASELINE})  # fmt: skip


def _measure_failed(problems: dict[FormField, str]) -> bool:
    return not _MEASURE_FIELDS.isdisjoint(problems)
