"""Answers to questions about the team's goals, from stored data and nothing else.

`answer_question` reads a question (`bot.core.questions`), finds the goals it is
about (`find`), assesses them (`assess`) and returns an `Answer` of values that
`bot.render.answers` writes for Slack, the console and `checkin-bot ask`. Every
figure comes from a stored value or from the progress math.

A goal is reported by its external id (the `id` it was imported with) when it has
one, otherwise by its numeric id as a string: `goal_ref`. The same reference is
what `checkin-bot export` writes, so `ask --json` and files agree.

Answering issues a fixed number of SQL statements whatever the workspace holds:
one for the asker's time zone, one or two for goals, one for check-ins (only the
first and the latest `TREND_POINTS` of each goal the answer shows). A status list
reads the matching goals' plans as columns and their stored sums, less the goals SQL
can tell surely have another status, then loads in full only the goals it shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from bot.core.okr_scores import ScoreVerdict, kr_score, objective_score, score_verdict
from bot.core.progress import Status
from bot.core.questions import Intent, Question, start_of_day, understand
from bot.core.wording import normalise
from bot.i18n.catalogue import N_
from bot.services import Services
from bot.services.questions.assess import (
    Assessed,
    GoalChange,
    GoalFacts,
    assess_all,
    change_over,
    facts,
    goal_ref,
    statuses_from,
)
from bot.services.questions.find import (
    Asking,
    asker_zone,
    goals_by_id,
    matching_plans,
    matching_shown,
    tracked_names,
)
from storage.models import Goal
from storage.questions import GoalFilter, GoalPlan, PointsSummary, find_goals

MAX_LISTED = 15
"""Goals shown in one list answer; the rest are counted ("and 12 more")."""

MAX_CHOICES = 10
"""Goals offered as buttons when a status question matches several."""

EXAMPLES: tuple[tuple[Intent, str], ...] = (
    (Intent.STATUS, N_("how are we doing on reach?")),
    (Intent.STATUS, N_("are we on track for YouTube views?")),
    (Intent.LIST, N_("which goals are at risk?")),
    (Intent.LIST, N_("show Instagram goals")),
    (Intent.OWNER, N_("who owns the followers goal?")),
    (Intent.CHANGE, N_("how did reach change since last week?")),
    (Intent.DUE, N_("what's due this month?")),
    (Intent.SCORE, N_("what's the score of our Q4 objective?")),
)
"""Questions shown by the help answer, translated when shown; each is answered as its
intent says, in every language (tested)."""


class Said(StrEnum):
    """Which answer the bot gives; `bot.render.answers` has the words for each."""

    GONE = "gone"  # the goal of a status button was archived or deleted
    NO_GOALS_YET = "no_goals_yet"  # asked about a metric in a workspace without goals
    UNTRACKED = "untracked"  # no goal tracks the metric asked about
    CHOOSE = "choose"  # several goals match a status question
    CARD = "card"  # one goal's status
    LISTED = "listed"  # goals in a list (or none)
    OWNERS = "owners"
    CHANGES = "changes"
    DUE = "due"  # goals due by a day (or none)
    NO_OBJECTIVES = "no_objectives"
    NO_OBJECTIVE_MATCHES = "no_objective_matches"
    SCORES = "scores"
    HELP = "help"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ObjectiveScore:
    """An OKR objective's score and its key results' scores."""

    ref: str
    title: str
    score: Decimal | None
    verdict: ScoreVerdict | None
    key_results: tuple[tuple[str, Decimal], ...]


@dataclass(frozen=True, slots=True)
class Answer:
    """What the bot says to a question, as values.

    `said` names the answer; `question` is what was understood (its metrics, platform
    and filters name what was asked about); `goals` are shown as one card or as lines;
    `changes` and `owners` one line per goal; `count` is how many goals matched and
    `more` how many of them were left out; `refs` name every goal the answer is about.
    """

    intent: Intent
    said: Said
    question: Question | None = None
    goals: tuple[GoalFacts, ...] = ()
    changes: tuple[GoalChange, ...] = ()
    owners: tuple[tuple[str, str | None], ...] = ()  # (title, owner id)
    objectives: tuple[ObjectiveScore, ...] = ()
    tracked: tuple[tuple[str, str | None], ...] = ()  # (metric name or title, platform)
    objective_titles: tuple[str, ...] = ()
    unmatched: str = ""  # the words no objective's title holds
    until: date | None = None  # the last day of a due-date window, the asker's
    count: int = 0
    more: int = 0
    refs: tuple[str, ...] = ()


def answer_question(services: Services, *, team_id: str, user_id: str, text: str) -> Answer:
    """Answer one question asked by `user_id` in workspace `team_id`.

    Example:
        >>> answer_question(services, team_id="T1", user_id="U1", text="what's at risk?").intent
        <Intent.LIST: 'list'>
    """
    now = services.now()
    with services.session() as session:
        tz = asker_zone(session, team_id, user_id, services.settings.DEFAULT_TIMEZONE)
        question = understand(text, now=now, tz=tz)
        ctx = Asking(session, team_id, user_id, now, tz)
        return _ANSWERERS[question.intent](ctx, question)


def answer_goal_status(services: Services, *, team_id: str, user_id: str, goal_id: int) -> Answer:
    """The status card of one goal (what a button under a list of matches asks for)."""
    now = services.now()
    with services.session() as session:
        tz = asker_zone(session, team_id, user_id, services.settings.DEFAULT_TIMEZONE)
        ctx = Asking(session, team_id, user_id, now, tz)
        goals = find_goals(session=session, team_id=team_id, where=GoalFilter(goal_ids=[goal_id]))
        if not goals:
            return Answer(Intent.STATUS, Said.GONE)
        return _status_card(ctx, goals[0])


def _untracked(ctx: Asking, question: Question) -> Answer:
    """The honest answer for a metric nobody tracks, with what is tracked instead."""
    tracked = tracked_names(ctx)
    said = Said.UNTRACKED if tracked else Said.NO_GOALS_YET
    return Answer(question.intent, said, question=question, tracked=tracked)


def _status(ctx: Asking, question: Question) -> Answer:
    shown, keys = matching_shown(ctx, question, MAX_CHOICES)
    if not shown:
        return _untracked(ctx, question)
    if len(keys) == 1:
        return _status_card(ctx, shown[0])
    return Answer(
        Intent.STATUS,
        Said.CHOOSE,
        question=question,
        goals=tuple(facts(ctx, item) for item in assess_all(ctx, shown)),
        count=len(keys),
        more=len(keys) - len(shown),
        refs=tuple(map(goal_ref, keys)),
    )


def _status_card(ctx: Asking, goal: Goal) -> Answer:
    card = facts(ctx, assess_all(ctx, [goal])[0])
    return Answer(Intent.STATUS, Said.CARD, goals=(card,), refs=(card.ref,))


def _list(ctx: Asking, question: Question) -> Answer:
    if question.status is None:
        shown, keys = matching_shown(ctx, question, MAX_LISTED)
        refs = tuple(map(goal_ref, keys))
    else:
        wanted = _statuses(question.status)
        shown, refs = _with_status(ctx, *matching_plans(ctx, question, wanted), wanted)
    return Answer(
        Intent.LIST,
        Said.LISTED,
        question=question,
        goals=tuple(facts(ctx, item) for item in assess_all(ctx, shown)),
        count=len(refs),
        more=len(refs) - len(shown),
        refs=refs,
    )


def _owner(ctx: Asking, question: Question) -> Answer:
    shown, keys = matching_shown(ctx, question, MAX_LISTED)
    if not shown and (question.metrics or question.subject):
        return _untracked(ctx, question)
    return Answer(
        Intent.OWNER,
        Said.OWNERS,
        question=question,
        owners=tuple((goal.title, goal.owner_id) for goal in shown),
        count=len(keys),
        more=len(keys) - len(shown),
        refs=tuple(map(goal_ref, keys)),
    )


def _change(ctx: Asking, question: Question) -> Answer:
    shown, keys = matching_shown(ctx, question, MAX_LISTED)
    if not shown and (question.metrics or question.subject):
        return _untracked(ctx, question)
    return Answer(
        Intent.CHANGE,
        Said.CHANGES,
        question=question,
        changes=tuple(change_over(ctx, item, question.period) for item in assess_all(ctx, shown)),
        count=len(keys),
        more=len(keys) - len(shown),
        refs=tuple(map(goal_ref, keys)),
    )


def _due(ctx: Asking, question: Question) -> Answer:
    assert question.due_by is not None
    start = start_of_day(ctx.now.astimezone(ctx.tz).date(), ctx.tz)
    wanted = _statuses(question.status)
    plans = matching_plans(ctx, question, wanted, deadline_from=start, deadline_to=question.due_by)
    shown, refs = _with_status(ctx, *plans, wanted)
    return Answer(
        Intent.DUE,
        Said.DUE,
        question=question,
        goals=tuple(facts(ctx, item) for item in assess_all(ctx, shown)),
        until=question.due_by.astimezone(ctx.tz).date(),
        count=len(refs),
        more=len(refs) - len(shown),
        refs=refs,
    )


def _statuses(status: Status | None) -> frozenset[Status]:
    """The statuses a list shows: the one asked for; without one, those still to do (what
    is achieved is not due any more)."""
    return frozenset((status,)) if status is not None else frozenset(Status) - {Status.ACHIEVED}


def _with_status(
    ctx: Asking,
    plans: list[GoalPlan],
    summaries: dict[int, PointsSummary | None],
    wanted: frozenset[Status],
) -> tuple[list[Goal], tuple[str, ...]]:
    """The goals of the statuses wanted: the first `MAX_LISTED` loaded in full to be shown,
    and every one's reference. Statuses come from the plans and stored sums alone."""
    found = statuses_from(ctx, plans, summaries)
    kept = [plan for plan, its in zip(plans, found, strict=True) if its in wanted]
    shown = goals_by_id(ctx, [plan.id for plan in kept[:MAX_LISTED]])
    return shown, tuple(goal_ref(plan) for plan in kept)


def _score(ctx: Asking, question: Question) -> Answer:
    objectives = find_goals(
        session=ctx.session, team_id=ctx.team_id, where=GoalFilter(kinds=("objective",))
    )
    if not objectives:
        return Answer(Intent.SCORE, Said.NO_OBJECTIVES)
    wanted = [w for w in question.subject.split() if w not in _SCORE_WORDS]
    chosen = [o for o in objectives if all(w in normalise(o.title).split() for w in wanted)]
    if not chosen:
        return Answer(
            Intent.SCORE,
            Said.NO_OBJECTIVE_MATCHES,
            unmatched=" ".join(wanted),
            objective_titles=tuple(o.title for o in objectives[:MAX_LISTED]),
        )
    key_results = find_goals(
        session=ctx.session,
        team_id=ctx.team_id,
        where=GoalFilter(
            objective_ids=[o.id for o in chosen if o.id is not None], kinds=("key_result",)
        ),
    )
    by_objective: dict[int, list[Assessed]] = {}
    for item in assess_all(ctx, key_results):
        by_objective.setdefault(item.goal.objective_id or 0, []).append(item)
    scores = tuple(
        _objective_score(o, by_objective.get(o.id or 0, [])) for o in chosen[:MAX_LISTED]
    )
    return Answer(Intent.SCORE, Said.SCORES, objectives=scores, refs=tuple(s.ref for s in scores))


def _objective_score(objective: Goal, key_results: list[Assessed]) -> ObjectiveScore:
    kr_scores = [
        (item.goal.title, kr_score(item.progress.progress if item.progress else None))
        for item in key_results
    ]
    score = objective_score([s for _, s in kr_scores])
    return ObjectiveScore(
        ref=goal_ref(objective),
        title=objective.title,
        score=score,
        verdict=score_verdict(score) if score is not None else None,
        key_results=tuple(kr_scores),
    )


_SCORE_WORDS = frozenset(normalise("score scores okr objective").split())


def _help(_ctx: Asking, _question: Question) -> Answer:
    return Answer(Intent.HELP, Said.HELP)


def _unknown(_ctx: Asking, _question: Question) -> Answer:
    return Answer(Intent.UNKNOWN, Said.UNKNOWN)


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
