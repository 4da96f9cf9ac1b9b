"""The interview's state and what it says: steps, measures, prompts (plain values)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from bot.core.kpis import is_flow
from bot.core.period import PeriodSaid
from bot.core.smart import SmartReview
from bot.core.values import Category, Direction, Unit
from bot.i18n.catalogue import Translator, translator

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
    PERIOD = "period"
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

    `baseline_known` is None until asked, False after "I don't know". A key result
    read somewhere else than its objective ("sessions on the website") has `own_where`,
    with its own `platform` key and `scope`; otherwise it is read where the interview says.
    `period` is what a flow metric's target is counted over ("a month", or "total").
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
    period: PeriodSaid | None = None
    platform: str | None = None
    scope: str | None = None
    own_where: bool = False

    @property
    def complete(self) -> bool:
        return self.target is not None and self.baseline_known is not None


@dataclass(frozen=True, slots=True)
class Interview:
    """Everything answered so far; `history` lists answered steps for "back".

    `pending` keeps what an earlier message said for steps not reached yet ("from
    400 to 480" before the metric is known): each is read when its step comes up.
    """

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
    team: bool = False
    history: tuple[tuple[Step, int], ...] = ()
    pending: tuple[tuple[Step, str], ...] = ()
    lang: str = "en"  # the language it is spoken in: set each turn from the person, not stored

    @property
    def tr(self) -> Translator:
        """The catalogue the interview's questions, echoes and problems are worded from."""
        return translator(self.lang)

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
class Problem:
    message: str
    example: str | None = None
    choices: tuple[Choice, ...] = field(default=())


def where_of(i: Interview, index: int) -> tuple[str | None, str | None]:
    """The platform key and scope measure `index` is read on: its own, else the interview's.

    Example:
        >>> okr = Interview(user_id="U1", platform="instagram", scope="Instagram",
        ...                 measures=(Measure(), Measure(platform="website", scope="Website",
        ...                                               own_where=True)))
        >>> where_of(okr, 0), where_of(okr, 1)
        (('instagram', 'Instagram'), ('website', 'Website'))
    """
    m = i.measures[index]
    return (m.platform, m.scope) if m.own_where else (i.platform, i.scope)


def with_measure(i: Interview, index: int, measure: Measure) -> Interview:
    measures = (*i.measures[:index], measure, *i.measures[index + 1 :])
    return replace(i, measures=measures, current=index)


MEASURE_STEPS = (Step.METRIC, Step.UNIT, Step.DIRECTION, Step.BASELINE, Step.TARGET, Step.PERIOD)
"""The steps asked once per measure (per key result in an OKR), in order."""


def answered(i: Interview, at: Step, index: int = 0) -> bool:
    """Whether step `at` (of measure `index`, for measure steps) needs no answer any more.

    Example:
        >>> answered(Interview(user_id="U1"), Step.WHY)
        False
    """
    m = i.measures[index]
    okr = i.mode is Mode.OKR
    return {
        Step.WHY: i.why is not None,
        Step.CATEGORY: i.category is not None,
        Step.WHERE: i.where_answered,
        Step.OBJECTIVE: not okr or i.objective is not None,
        Step.METRIC: m.metric_name is not None,
        Step.UNIT: m.unit is not None,
        Step.DIRECTION: m.direction is not None,
        Step.BASELINE: m.baseline_known is not None,
        Step.TARGET: m.target is not None,
        Step.PERIOD: m.period is not None or not is_flow(m.metric_key),
        Step.MORE: not okr or i.measures_done or len(i.measures) >= MAX_KEY_RESULTS,
        Step.DEADLINE: i.deadline is not None,
        Step.OWNER: i.owner is not None,
        Step.CADENCE: i.cadence is not None,
        Step.CHANNEL: i.channel_answered,
    }.get(at, False)


def advance(interview: Interview) -> Interview:
    """Move to the first question still unanswered (the review when none is)."""
    at, index = missing(interview)
    return replace(interview, step=at, current=index)


def missing(i: Interview) -> tuple[Step, int]:
    for at in (Step.WHY, Step.CATEGORY, Step.WHERE, Step.OBJECTIVE):
        if not answered(i, at, i.current):
            return at, i.current
    for index in range(len(i.measures)):
        for at in MEASURE_STEPS:
            if not answered(i, at, index):
                return at, index
    last = len(i.measures) - 1
    for at in (Step.MORE, Step.DEADLINE, Step.OWNER, Step.CADENCE, Step.CHANNEL):
        if not answered(i, at, last):
            return at, last
    return Step.REVIEW, last
