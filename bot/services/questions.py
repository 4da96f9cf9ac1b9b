"""Answers to questions about the team's goals, from stored data and nothing else.

`answer_question` reads a question (`bot.core.questions`), finds the goals it is
about, assesses them (`bot.core.progress`) and returns an `Answer` view that
`bot.render.answers` renders for Slack, the console and `checkin-bot ask`.
Every figure comes from a stored value or from the progress math; a goal with no
check-in says "no check-in yet", in the digest's words (`STATUS_LABELS`).

A goal is reported by its external id (the `id` it was imported with) when it has
one, otherwise by its numeric id as a string: `goal_ref`. The same reference is
what `checkin-bot export` writes, so `ask --json` and files agree.

Answering issues a fixed number of SQL statements whatever the workspace holds:
one for the asker's time zone, one or two for goals, one for check-ins (only the
first and the latest `TREND_POINTS` of each goal the answer shows).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlmodel import Session

from bot.core.dates import format_date
from bot.core.digest import STATUS_LABELS
from bot.core.kpis import PLATFORMS, kpi
from bot.core.mrkdwn import escape, quoted
from bot.core.numbers import format_quantity, round_estimate
from bot.core.progress import (
    GoalProgress,
    Point,
    Status,
    assess,
    kr_score,
    objective_score,
    progress_bar,
    score_verdict,
)
from bot.core.questions import Intent, Period, Question, start_of_day, understand
from bot.core.values import Quantity, Unit
from bot.core.wording import normalise
from bot.services import Services
from bot.services.tracking import goal_figures
from storage.models import Goal
from storage.questions import find_goals, goal_names, recent_points
from storage.repo import get_member

TREND_POINTS = 100
"""The latest check-ins of a goal its trend and changes are read from (plus its first)."""

MAX_LISTED = 15
"""Goals shown in one list answer; the rest are counted ("and 12 more")."""

MAX_CHOICES = 10
"""Goals offered as buttons when a status question matches several."""

EXAMPLES: tuple[tuple[Intent, str], ...] = (
    (Intent.STATUS, "how are we doing on reach?"),
    (Intent.STATUS, "are we on track for YouTube views?"),
    (Intent.LIST, "which goals are at risk?"),
    (Intent.LIST, "show Instagram goals"),
    (Intent.OWNER, "who owns the followers goal?"),
    (Intent.CHANGE, "how did reach change since last week?"),
    (Intent.DUE, "what's due this month?"),
    (Intent.SCORE, "what's the score of our Q4 objective?"),
)
"""Questions shown by the help answer; each is answered as its intent says (tested)."""


@dataclass(frozen=True, slots=True)
class GoalFacts:
    """One goal as an answer shows it; figures are already written with their units."""

    goal_id: int
    ref: str
    title: str
    metric_name: str
    platform: str | None
    owner_id: str | None
    deadline: date | None
    status: Status
    current: str | None
    target: str
    bar: str
    expected: str
    forecast: str | None
    eta: date | None
    change: str | None
    last_checkin_age: str | None


@dataclass(frozen=True, slots=True)
class ObjectiveScore:
    """An OKR objective's score and its key results' scores."""

    ref: str
    title: str
    score: Decimal | None
    verdict: str | None
    key_results: tuple[tuple[str, Decimal], ...]


@dataclass(frozen=True, slots=True)
class Answer:
    """What the bot says to a question.

    `headline` is one line that stands alone (Slack's notification text); `goals`
    the goals the answer is about, shown as one card when `detail` is set, else as
    lines (with buttons when `choose` is set); `lines` are extra lines (changes,
    owners, help examples); `more` counts goals left out of a long list.
    """

    intent: Intent
    headline: str
    goals: tuple[GoalFacts, ...] = ()
    detail: bool = False
    choose: bool = False
    lines: tuple[str, ...] = ()
    objectives: tuple[ObjectiveScore, ...] = ()
    more: int = 0
    refs: tuple[str, ...] = field(default=())


def goal_ref(goal: Goal) -> str:
    """How answers and exports name a goal: its external id, else its numeric id.

    Example:
        >>> goal_ref(Goal(id=7, team_id="T1", title="Reach", external_id="reach-ig"))
        'reach-ig'
    """
    return goal.external_id or str(goal.id)


def answer_question(services: Services, *, team_id: str, user_id: str, text: str) -> Answer:
    """Answer one question asked by `user_id` in workspace `team_id`.

    Example:
        >>> answer_question(services, team_id="T1", user_id="U1", text="what's at risk?").intent
        <Intent.LIST: 'list'>
    """
    now = services.now()
    with services.session() as session:
        tz = _asker_zone(session, team_id, user_id, services.settings.DEFAULT_TIMEZONE)
        question = understand(text, now=now, tz=tz)
        context = _Context(session, team_id, user_id, now, tz)
        return _ANSWERERS[question.intent](context, question)


def answer_goal_status(services: Services, *, team_id: str, user_id: str, goal_id: int) -> Answer:
    """The status card of one goal (what a button under a list of matches asks for)."""
    now = services.now()
    with services.session() as session:
        tz = _asker_zone(session, team_id, user_id, services.settings.DEFAULT_TIMEZONE)
        context = _Context(session, team_id, user_id, now, tz)
        goals = find_goals(session=session, team_id=team_id, goal_ids=[goal_id])
        if not goals:
            return Answer(Intent.STATUS, "That goal is gone: it was archived or deleted.")
        return _status_card(context, goals[0])


@dataclass(frozen=True, slots=True)
class _Context:
    session: Session
    team_id: str
    user_id: str
    now: datetime
    tz: ZoneInfo


def _asker_zone(session: Session, team_id: str, user_id: str, default: str) -> ZoneInfo:
    member = get_member(session=session, team_id=team_id, user_id=user_id) if user_id else None
    for name in (member.timezone if member else None, default):
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")


# --- finding the goals a question is about --------------------------------------------


def _matching_goals(ctx: _Context, question: Question, **filters: object) -> list[Goal]:
    """Goals named by the question's metric, platform, people, or (failing a metric) words."""
    owners = list(question.owners) + ([ctx.user_id] if question.mine else [])
    goal_ids: list[int] = []
    if not question.metrics and question.subject and question.intent in _NAMED_BY_WORDS:
        goal_ids = _goals_named(ctx, question.subject)
        if not goal_ids:
            return []
    return find_goals(
        session=ctx.session,
        team_id=ctx.team_id,
        metrics=question.metrics,
        platform=question.platform,
        owner_ids=owners,
        goal_ids=goal_ids,
        **filters,  # type: ignore[arg-type]
    )


_NAMED_BY_WORDS = (Intent.STATUS, Intent.OWNER, Intent.CHANGE)
"""Intents whose leftover words name goals ("how is the pizzeria launch going?"); in
lists and due dates they are dates and filters instead."""


def _goals_named(ctx: _Context, subject: str) -> list[int]:
    """Goals whose title or metric name holds every word of `subject`."""
    wanted = subject.split()
    found = []
    for goal_id, title, metric_name, _platform in goal_names(
        session=ctx.session, team_id=ctx.team_id
    ):
        words = set(normalise(f"{title} {metric_name}").split())
        if all(word in words for word in wanted):
            found.append(goal_id)
    return found


def _untracked(ctx: _Context, question: Question) -> Answer:
    """The honest answer for a metric nobody tracks, with what is tracked instead."""
    asked = _asked_about(question)
    tracked = sorted(
        {
            _with_platform(escape(metric_name or title), platform)
            for _id, title, metric_name, platform in goal_names(
                session=ctx.session, team_id=ctx.team_id
            )
        }
    )
    if not tracked:
        return Answer(
            question.intent,
            f"No goal tracks {asked}: this workspace has no goals yet. "
            "Set one up with `/goals new` (or send me “new goal”), "
            "or import a file with `checkin-bot import`.",
        )
    shown = tracked[:MAX_LISTED]
    more = f" and {len(tracked) - len(shown)} more" if len(tracked) > len(shown) else ""
    return Answer(
        question.intent,
        f"No goal tracks {asked}. Goals here track: {', '.join(shown)}{more}.",
    )


def _asked_about(question: Question) -> str:
    if question.metrics:
        what = " or ".join(kpi(key).name for key in question.metrics)
    else:
        what = quoted(question.subject) if question.subject else "that"
    return _with_platform(what, question.platform)


def _with_platform(what: str, platform: str | None) -> str:
    names = {p.key: p.name for p in PLATFORMS}
    return f"{what} on {names.get(platform, platform)}" if platform else what


# --- assessing goals --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Assessed:
    goal: Goal
    progress: GoalProgress | None


def _assess_all(ctx: _Context, goals: Sequence[Goal]) -> list[_Assessed]:
    ids = [goal.id for goal in goals if goal.id is not None]
    points = recent_points(
        session=ctx.session, team_id=ctx.team_id, goal_ids=ids, up_to=ctx.now, latest=TREND_POINTS
    )
    assessed = []
    for goal in goals:
        figures = goal_figures(goal)
        seen = [Point(p.at, p.value) for p in points.get(goal.id or 0, [])]
        assessed.append(_Assessed(goal, assess(figures, seen, ctx.now) if figures else None))
    return assessed


def _status_of(item: _Assessed) -> Status:
    return item.progress.status if item.progress else Status.NO_DATA


def _facts(ctx: _Context, item: _Assessed) -> GoalFacts:
    goal, found = item.goal, item.progress
    show = _formatter(goal)
    return GoalFacts(
        goal_id=goal.id or 0,
        ref=goal_ref(goal),
        title=goal.title,
        metric_name=goal.metric_name,
        platform=goal.platform,
        owner_id=goal.owner_id,
        deadline=goal.deadline.astimezone(ctx.tz).date() if goal.deadline else None,
        status=_status_of(item),
        current=show(found.current) if found and found.current is not None else None,
        target=show(goal.target) if goal.target is not None else "no target",
        bar=progress_bar(found.progress if found else None),
        expected=_expected(found, show, Unit(goal.unit)),
        forecast=show(round_estimate(found.forecast, Unit(goal.unit)))
        if found and found.forecast is not None
        else None,
        eta=found.eta.astimezone(ctx.tz).date() if found and found.eta else None,
        change=_change_text(found, None, goal, ctx.tz) if found else None,
        last_checkin_age=_age(found.last_at, ctx.now) if found and found.last_at else None,
    )


def _formatter(goal: Goal) -> Callable[[Decimal], str]:
    unit = Unit(goal.unit)

    def show(value: Decimal) -> str:
        return format_quantity(Quantity(value, unit, goal.currency))

    return show


def _expected(found: GoalProgress | None, show: Callable[[Decimal], str], unit: Unit) -> str:
    if found is None:
        return "no plan (the goal has no target or deadline)"
    percent = f"{int(found.expected * 100)}%"
    if found.expected_value is None:
        return percent
    return f"{percent} ({show(round_estimate(found.expected_value, unit))})"


def _change_text(
    found: GoalProgress, period: Period | None, goal: Goal, tz: ZoneInfo
) -> str | None:
    change = {
        None: found.change_last,
        Period.WEEK: found.change_week,
        Period.MONTH: found.change_month,
    }[period]
    if change is None:
        return None
    unit = Unit(goal.unit)
    sign = "+" if change.delta > 0 else "-" if change.delta < 0 else "±"
    amount = format_quantity(Quantity(abs(change.delta), unit, goal.currency))
    if unit is Unit.PERCENT:
        amount = amount.removesuffix("%") + " points"
    relative = f" ({change.pct:+}%)" if change.pct is not None and unit is not Unit.PERCENT else ""
    since = change.then_at.astimezone(tz).date()
    then = format_quantity(Quantity(change.then_value, unit, goal.currency))
    return f"{sign}{amount}{relative} since {format_date(since)} (was {then})"


def _age(then: datetime, now: datetime) -> str:
    seconds = int((now - then).total_seconds())
    if seconds < 3600:
        return "just now" if seconds < 120 else f"{seconds // 60} minutes ago"
    if seconds < 86_400:
        hours = seconds // 3600
        return "1 hour ago" if hours == 1 else f"{hours} hours ago"
    days = seconds // 86_400
    return "yesterday" if days == 1 else f"{days} days ago"


# --- answers, one per intent ------------------------------------------------------------


def _status(ctx: _Context, question: Question) -> Answer:
    goals = _matching_goals(ctx, question)
    if not goals:
        return _untracked(ctx, question)
    if len(goals) == 1:
        return _status_card(ctx, goals[0])
    shown = goals[:MAX_CHOICES]
    facts = tuple(_facts(ctx, item) for item in _assess_all(ctx, shown))
    return Answer(
        Intent.STATUS,
        f"{len(goals)} goals match {_asked_about(question)}; which one?",
        goals=facts,
        choose=True,
        more=len(goals) - len(shown),
        refs=tuple(goal_ref(g) for g in goals),
    )


def _status_card(ctx: _Context, goal: Goal) -> Answer:
    facts = _facts(ctx, _assess_all(ctx, [goal])[0])
    title = escape(facts.title)
    if facts.current is None:
        headline = f"{title}: {STATUS_LABELS[Status.NO_DATA]} (target {facts.target})"
    else:
        headline = f"{title}: {facts.current} of {facts.target}, {STATUS_LABELS[facts.status]}"
    return Answer(Intent.STATUS, headline, goals=(facts,), detail=True, refs=(facts.ref,))


def _list(ctx: _Context, question: Question) -> Answer:
    goals = _matching_goals(ctx, question)
    assessed = _assess_all(ctx, goals)
    if question.status is not None:
        assessed = [item for item in assessed if _status_of(item) is question.status]
    what = _list_scope(question)
    if not assessed:
        return Answer(Intent.LIST, f"No {what} right now.")
    shown = assessed[:MAX_LISTED]
    return Answer(
        Intent.LIST,
        f"{len(assessed)} {what}" if len(assessed) != 1 else f"1 {what}".replace("goals", "goal"),
        goals=tuple(_facts(ctx, item) for item in shown),
        more=len(assessed) - len(shown),
        refs=tuple(goal_ref(item.goal) for item in assessed),
    )


def _list_scope(question: Question) -> str:
    parts = ["goals"]
    if question.metrics:
        parts.insert(0, " / ".join(kpi(key).name.lower() for key in question.metrics))
    if question.platform:
        parts.insert(0, {p.key: p.name for p in PLATFORMS}.get(question.platform, ""))
    if question.mine:
        parts.insert(0, "of your")
    if question.status is not None:
        parts.append(STATUS_LABELS[question.status])
    return " ".join(parts)


def _owner(ctx: _Context, question: Question) -> Answer:
    goals = _matching_goals(ctx, question)
    if not goals and (question.metrics or question.subject):
        return _untracked(ctx, question)
    shown = goals[:MAX_LISTED]
    lines = tuple(
        f"*{escape(goal.title)}*: "
        + (f"owned by <@{goal.owner_id}>" if goal.owner_id else "nobody owns it yet")
        for goal in shown
    )
    if len(goals) == 1:
        return Answer(Intent.OWNER, lines[0].replace("*", ""), refs=(goal_ref(goals[0]),))
    return Answer(
        Intent.OWNER,
        f"Owners of {len(goals)} goals",
        lines=lines,
        more=len(goals) - len(shown),
        refs=tuple(goal_ref(g) for g in goals),
    )


def _change(ctx: _Context, question: Question) -> Answer:
    goals = _matching_goals(ctx, question)
    if not goals and (question.metrics or question.subject):
        return _untracked(ctx, question)
    shown = goals[:MAX_LISTED]
    span = {
        None: "since the previous check-in",
        Period.WEEK: "over the last 7 days",
        Period.MONTH: "over the last 30 days",
    }[question.period]
    lines = []
    for item in _assess_all(ctx, shown):
        change = (
            _change_text(item.progress, question.period, item.goal, ctx.tz)
            if item.progress
            else None
        )
        lines.append(
            f"*{escape(item.goal.title)}*: "
            + (change or "no check-ins to compare in that span, so no change to report")
        )
    headline = f"How {_asked_about(question) if question.metrics else 'your goals'} changed {span}"
    return Answer(
        Intent.CHANGE,
        headline,
        lines=tuple(lines),
        more=len(goals) - len(shown),
        refs=tuple(goal_ref(g) for g in goals),
    )


def _due(ctx: _Context, question: Question) -> Answer:
    assert question.due_by is not None
    start = start_of_day(ctx.now.astimezone(ctx.tz).date(), ctx.tz)
    goals = _matching_goals(ctx, question, deadline_from=start, deadline_to=question.due_by)
    until = format_date(question.due_by.astimezone(ctx.tz).date())
    if not goals:
        return Answer(Intent.DUE, f"Nothing is due between today and {until}.")
    shown = goals[:MAX_LISTED]
    return Answer(
        Intent.DUE,
        f"{len(goals)} goal{'s' if len(goals) != 1 else ''} due by {until}",
        goals=tuple(_facts(ctx, item) for item in _assess_all(ctx, shown)),
        more=len(goals) - len(shown),
        refs=tuple(goal_ref(g) for g in goals),
    )


def _score(ctx: _Context, question: Question) -> Answer:
    objectives = find_goals(session=ctx.session, team_id=ctx.team_id, kinds=("objective",))
    if not objectives:
        return Answer(Intent.SCORE, "There are no OKR objectives here yet, so there is no score.")
    wanted = [w for w in question.subject.split() if w not in _SCORE_WORDS]
    chosen = [o for o in objectives if all(w in normalise(o.title).split() for w in wanted)]
    if not chosen:
        titles = ", ".join(escape(o.title) for o in objectives[:MAX_LISTED])
        return Answer(
            Intent.SCORE, f"No objective matches {quoted(' '.join(wanted))}. Objectives: {titles}."
        )
    key_results = find_goals(
        session=ctx.session,
        team_id=ctx.team_id,
        objective_ids=[o.id for o in chosen if o.id is not None],
        kinds=("key_result",),
    )
    by_objective: dict[int, list[_Assessed]] = {}
    for item in _assess_all(ctx, key_results):
        by_objective.setdefault(item.goal.objective_id or 0, []).append(item)
    scores = []
    for objective in chosen[:MAX_LISTED]:
        krs = by_objective.get(objective.id or 0, [])
        kr_scores = [
            (item.goal.title, kr_score(item.progress.progress if item.progress else None))
            for item in krs
        ]
        score = objective_score([s for _, s in kr_scores])
        scores.append(
            ObjectiveScore(
                ref=goal_ref(objective),
                title=objective.title,
                score=score,
                verdict=score_verdict(score).value if score is not None else None,
                key_results=tuple(kr_scores),
            )
        )
    first = scores[0]
    headline = (
        f"{escape(first.title)}: score {first.score} ({first.verdict})"
        if len(scores) == 1 and first.score is not None
        else f"Scores of {len(scores)} objectives"
        if len(scores) > 1
        else f"{escape(first.title)} has no key results yet, so no score"
    )
    return Answer(
        Intent.SCORE, headline, objectives=tuple(scores), refs=tuple(s.ref for s in scores)
    )


_SCORE_WORDS = frozenset(normalise("score scores okr objective").split())


def _help(_ctx: _Context, _question: Question) -> Answer:
    return Answer(
        Intent.HELP,
        "Ask me about your goals in plain words, in English, Persian, Romanian, Turkish "
        "or Vietnamese. For example:",
        lines=tuple(f"“{example}”" for _, example in EXAMPLES),
    )


def _unknown(_ctx: _Context, _question: Question) -> Answer:
    return Answer(
        Intent.UNKNOWN,
        "I didn't understand that question. Questions I can answer look like these:",
        lines=tuple(f"“{example}”" for _, example in EXAMPLES),
    )


_ANSWERERS = {
    Intent.STATUS: _status,
    Intent.LIST: _list,
    Intent.OWNER: _owner,
    Intent.CHANGE: _change,
    Intent.DUE: _due,
    Intent.SCORE: _score,
    Intent.HELP: _help,
    Intent.UNKNOWN: _unknown,
}
