"""Check-ins: record, change and remove a goal's reported values, and say where it stands.

A check-in comes from a reply in a reminder's thread (`bot.services.thread_replies`),
`/goals checkin`, or the Update form. Every path ends in `record_values`, which
checks who may check in, refuses a value impossible for its unit and asks about one
far off the goal's last (`bot.core.plausibility`) before storing anything, stores
one row per goal, turns a first value into the baseline of a goal that had none,
marks a goal achieved when it reaches its target, and returns the answer the bot
posts: value, progress, what was expected by today, status and change.
"""

from __future__ import annotations

from bisect import insort
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.core.checkin_reply import (
    Confidence,
    ReplyValue,
    Values,
    parse_checkin_command,
)
from bot.core.goal_lookup import Lookup
from bot.core.numbers.read import parse_quantity
from bot.core.numbers.write import round_estimate
from bot.core.parse_error import ParseError
from bot.core.period import Period
from bot.core.plausibility import FarOff, Impossible, plausible
from bot.core.progress import Status, assess
from bot.core.trend import Change
from bot.core.values import CheckInSource, GoalKind, GoalState, Quantity
from bot.services import Services
from bot.services.checkin_goals import (
    asked_goals,
    goal_ref,
    reminder_goal,
    thread_goals,
    zone_of,
)
from bot.services.permissions import Refusal, Refused, Requester, can_change, refusal
from bot.services.reminder_controls import Did, ReminderChange, pause, skip_once, snooze
from bot.services.tracking import goal_figures, goal_points
from storage import repo
from storage.goal_histories import GoalHistory, goal_histories
from storage.models import Delivery, Goal
from storage.schemas import CheckInCreate


@dataclass(frozen=True, slots=True)
class GoalAnswer:
    """Where one goal stands right after a check-in; `bot.render.checkins` writes it.

    Quantities carry the goal's unit; `status` is None when the goal has no target.
    """

    goal_id: int
    title: str
    value: Quantity | None  # the latest value; None before any check-in
    status: Status | None
    progress: Decimal | None = None  # the share of the way to `target`
    target: Quantity | None = None
    period: Period | None = None  # what `target` is counted over; None: in total
    expected: Quantity | None = None  # what the plan expects by today
    expected_share: Decimal | None = None  # the same, as a share of the way
    change: Change | None = None  # since the previous check-in
    change_from: date | None = None  # the previous check-in's day, in the owner's time zone
    confidence: Confidence | None = None
    note: str = ""
    became_baseline: bool = False


@dataclass(frozen=True, slots=True)
class Recorded:
    """Values stored (or changed, when the person edited their reply)."""

    answers: tuple[GoalAnswer, ...]
    updated: bool = False


@dataclass(frozen=True, slots=True)
class Removed:
    """The check-ins of a deleted reply were removed."""

    titles: tuple[str, ...]
    goal_ids: tuple[int, ...] = ()


class Unclear(StrEnum):
    """Why a check-in was not understood; `bot.render.checkins` has the words."""

    UNREADABLE = "unreadable"  # the value (or command) could not be read
    KEPT_EARLIER = "kept_earlier"  # an edited reply without a value: the old one stays
    NO_ACTIVE_GOAL = "no_active_goal"
    WHICH_GOAL = "which_goal"  # the name fits several goals
    NO_SUCH_GOAL = "no_such_goal"


@dataclass(frozen=True, slots=True)
class Question:
    """The bot could not read the value; nothing was stored.

    `problem` and `example` are the reader's words for an unreadable value (`parsed`,
    when a reader said why); `lookup` the goals a name matched (several, or none).
    """

    unclear: Unclear
    problem: str = ""
    example: str = ""
    lookup: Lookup | None = None
    parsed: ParseError | None = None


@dataclass(frozen=True, slots=True)
class Postponed:
    """A "skip" or "snooze" reply (or a reminder's button): no value, and what changed."""

    change: ReminderChange
    goal_ids: tuple[int, ...] = ()  # set when reminders were paused or turned on again


@dataclass(frozen=True, slots=True)
class Implausible:
    """A value refused (`Impossible`) or asked about (`FarOff`); nothing was stored.

    `report` is what was reported, so the "did you mean" buttons can store it as
    typed or corrected.
    """

    title: str
    typed: Quantity
    doubt: Impossible | FarOff
    report: Report


Outcome = Recorded | Removed | Question | Refused | Postponed | Implausible


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a check-in came from: its source and, for a message, the message's place."""

    source: CheckInSource
    channel_id: str | None = None
    message_ts: str | None = None


@dataclass(frozen=True, slots=True)
class FormAnswer:
    """What the Update form holds: the text typed for each goal (by id), a note, a confidence."""

    typed: dict[int, str]
    note: str
    confidence: Confidence | None


@dataclass(frozen=True, slots=True)
class Report:
    """Values someone reported: who, from where, and what they said."""

    author: Requester
    origin: Origin
    values: Values
    confirmed: bool = False  # the author said a far-off value is right (or edited their reply)
    at: datetime | None = None  # when the values held (a file's day, an edited reply's); None: now


def changed_goals(outcome: Outcome) -> tuple[int, ...]:
    """The goals an outcome changed (values, or reminders paused or resumed); () for none.

    Example:
        >>> changed_goals(Question(Unclear.NO_ACTIVE_GOAL))
        ()
    """
    if isinstance(outcome, Recorded):
        return tuple(answer.goal_id for answer in outcome.answers)
    if isinstance(outcome, Removed | Postponed):
        return outcome.goal_ids
    return ()


def checkin_command(services: Services, author: Requester, text: str) -> Outcome:
    """`/goals checkin <goal> <value> [note]`."""
    with services.session() as session:
        goals = [
            g
            # Achieved goals too: a late correction must reach them (the lookup prefers
            # running goals when both match).
            for g in repo.list_goals(
                session=session,
                team_id=author.team_id,
                states=(GoalState.ACTIVE, GoalState.ACHIEVED),
            )
            if g.kind != GoalKind.OBJECTIVE
        ]
        if not goals:
            return Question(Unclear.NO_ACTIVE_GOAL)
        found = parse_checkin_command(text, [goal_ref(g) for g in goals])
        if isinstance(found, ParseError):
            return Question(Unclear.UNREADABLE, example=found.example, parsed=found)
        if isinstance(found, Lookup):
            unclear = Unclear.WHICH_GOAL if found.ambiguous else Unclear.NO_SUCH_GOAL
            return Question(unclear, lookup=found)
        report = Report(author, Origin(CheckInSource.COMMAND), found)
        return record_values(session, services, report, _histories(session, author, found))


def press_reminder_button(
    services: Services, author: Requester, delivery: Delivery, action: str
) -> Outcome:
    """The reminder's Skip, Snooze (1 day) and Pause buttons."""
    with services.session() as session:
        goal = reminder_goal(session, delivery)
        if goal is None:
            return Postponed(ReminderChange(Did.GOAL_GONE))
        refused = first_refusal([goal], author)
        if refused is not None:
            return refused
        if action == "skip":
            return Postponed(skip_once(session, delivery))
        changed = (goal.id or 0,)
        if action == "snooze":
            return Postponed(snooze(session, services, delivery, days=1), changed)
        return Postponed(pause(session, services, delivery, user_id=author.user_id), changed)


def checkin_from_form(
    services: Services,
    author: Requester,
    asked: Delivery | int,
    form: FormAnswer,
) -> Outcome | dict[int, ParseError]:
    """The Update form: a value per goal; unreadable ones come back as {goal id: problem}.

    `asked` is the reminder the form answers, or the id of the goal picked on the App Home.
    """
    with services.session() as session:
        if isinstance(asked, Delivery):
            goals = thread_goals(session, asked)
        else:
            goal = repo.get_goal(session=session, team_id=author.team_id, goal_id=asked)
            goals = asked_goals(session, goal)
        if not goals:
            return Refused(Refusal.GOAL_GONE)
        values, problems = [], {}
        for goal in goals:
            parsed = parse_quantity(form.typed.get(goal.id or 0, ""), unit_hint=goal.unit)
            if isinstance(parsed, ParseError):
                problems[goal.id or 0] = parsed
            else:
                values.append(ReplyValue(goal_ref(goal), parsed.quantity, parsed.approximate))
        if problems:
            return problems
        values_given = Values(tuple(values), form.confidence, form.note.strip())
        report = Report(author, Origin(CheckInSource.MODAL), values_given)
        return record_values(session, services, report, _histories(session, author, report.values))


def record_values(
    session: Session,
    services: Services,
    report: Report,
    histories: Sequence[GoalHistory],
    *,
    answered: bool = True,
) -> Recorded | Refused | Implausible:
    """Store each value, after checking the author may check in on every goal named
    and that every value is plausible.

    `histories` are the goals asked about, with what their answers read; each gains
    its new check-in. A caller storing many dated values of one goal (a file, a feed)
    passes `answered=False`: no answer is made for each (each would assess the whole
    history again), and it calls `goal_answer` once at the end.
    """
    now, author, values = services.now(), report.author, report.values
    at = report.at
    by_id = {h.goal.id: h for h in histories}
    named = [by_id[v.goal.id].goal for v in values.values if v.goal.id in by_id]
    refused = first_refusal(named, author)
    if refused is not None:
        return refused
    doubted = doubt(report, by_id)
    if doubted is not None:
        return doubted
    answers = []
    for value in values.values:
        history = by_id[value.goal.id]
        goal = history.goal
        became_baseline = goal.baseline is None
        if became_baseline:
            goal.baseline, goal.start_at = value.quantity.value, at or now
        checkin = repo.add_checkin(
            session=session,
            team_id=author.team_id,
            goal_id=goal.id or 0,
            checkin=CheckInCreate(
                value=value.quantity.value,
                at=at or now,
                note=values.note,
                author_id=author.user_id,
                confidence=values.confidence,
                source=report.origin.source,
                channel_id=report.origin.channel_id,
                message_ts=report.origin.message_ts,
            ),
            now=now,
        )
        # After any of the same key, as sorting the list with it appended would put it.
        insort(history.checkins, checkin, key=lambda c: (c.at, c.id or 0))
        if not answered:
            continue
        answer = goal_answer(history, now, zone_of(history.owner, services))
        answers.append(
            replace(
                answer,
                confidence=values.confidence,
                note=values.note,
                became_baseline=became_baseline,
            )
        )
    return Recorded(tuple(answers))


def goal_answer(history: GoalHistory, now: datetime, zone: ZoneInfo) -> GoalAnswer:
    """Where a goal stands now, dates in `zone`; marks it achieved when it reached its target."""
    goal = history.goal
    points = goal_points(history.checkins)
    unit = goal.unit

    def quantity(value: Decimal) -> Quantity:
        return Quantity(value, unit, goal.currency)

    answer = GoalAnswer(
        goal_id=goal.id or 0,
        title=goal.title,
        value=quantity(points[-1].value) if points else None,
        status=Status.NO_DATA if goal.target is not None else None,
    )
    figures = goal_figures(goal)
    if figures is None:
        return answer
    state = assess(figures, points, now)
    if state.status is Status.ACHIEVED and goal.state == GoalState.ACTIVE:
        goal.state, goal.updated_at = GoalState.ACHIEVED, now
    change = state.change_last
    return replace(
        answer,
        status=state.status if goal.target is not None else None,
        progress=state.progress,
        target=quantity(figures.target),
        period=figures.period,
        expected=quantity(round_estimate(state.expected_value, unit))
        if state.expected_value is not None
        else None,
        expected_share=state.expected,
        change=change,
        change_from=change.then_at.astimezone(zone).date() if change else None,
    )


def doubt(report: Report, by_id: dict[int | None, GoalHistory]) -> Implausible | None:
    """The first value of `report` that is impossible, or far off unless the author confirmed."""
    for value in report.values.values:
        history = by_id[value.goal.id]
        last = history.checkins[-1].value if history.checkins else history.goal.baseline
        found = plausible(value.quantity.value, history.goal.unit, last)
        if isinstance(found, Impossible) or (found is not None and not report.confirmed):
            return Implausible(history.goal.title, value.quantity, found, report)
    return None


def first_refusal(goals: Sequence[Goal], author: Requester) -> Refused | None:
    """The refusal for the first goal `author` may not check in on; None when they may on all."""
    for goal in goals:
        if not can_change(goal, author):
            return refusal(goal)
    return None


def _histories(session: Session, author: Requester, values: Values) -> list[GoalHistory]:
    """The histories of the goals `values` names, in one query."""
    ids = list(dict.fromkeys(v.goal.id for v in values.values))
    return goal_histories(session=session, team_id=author.team_id, goal_ids=ids)
