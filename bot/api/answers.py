"""What the API answers: a status and a JSON body for each outcome of the services.

Errors are `{"error": {"code": ..., "message": ...}}`: a code to branch on, a sentence
to show a person.
"""

from __future__ import annotations

from typing import Any

from bot.api import schemas
from bot.core.goal_lookup import Lookup, describe_choices
from bot.core.parse_error import ParseError
from bot.core.plausibility import Impossible
from bot.core.vocabulary import PLATFORM_CHOICES
from bot.render.checkins import doubt_text
from bot.services.api_checkins import NoGoal, Outcome, Replayed, Stored
from bot.services.checkin_goals import goal_ref
from bot.services.checkins import Implausible
from bot.services.permissions import Refusal, Refused
from storage.models import CheckIn, Goal

Answer = tuple[int, dict[str, Any]]

_CONFIRM = ' Nothing was saved; send "confirm": true to store it as sent.'


def error(status: int, code: str, message: str) -> Answer:
    return status, schemas.dumped(schemas.Error(error=schemas.Problem(code=code, message=message)))


def checkin_answer(outcome: Outcome) -> Answer:
    """The answer to `POST /api/v1/checkins`."""
    match outcome:
        case Stored():
            return 201, schemas.dumped(_created(outcome))
        case Replayed(same=True):
            return outcome.status, outcome.body
        case Replayed():
            return error(
                422,
                "idempotency_key_reused",
                "This Idempotency-Key was used for another request; use a new key.",
            )
        case NoGoal():
            return no_goal(outcome)
        case ParseError():
            return error(
                422, "unreadable_value", f"{outcome.message} For example: {outcome.example}"
            )
        case Implausible():
            hint = "" if isinstance(outcome.doubt, Impossible) else _CONFIRM
            return error(422, "implausible_value", doubt_text(outcome) + hint)
        case Refused():
            return refused(outcome)
    raise TypeError(f"unknown outcome {outcome!r}")


def no_goal(outcome: NoGoal) -> Answer:
    match outcome.why:
        case "ambiguous":
            choices = describe_choices_of(outcome.choices)
            return error(
                422, "ambiguous_goal", f"Several goals match: {choices}. Name one by its number."
            )
        case "objective":
            return error(
                422,
                "objective",
                "An objective has no value of its own: check in on one of its key results.",
            )
        case "unknown_platform":
            return error(
                422,
                "unknown_platform",
                f"I don't know that platform. Try one of: {PLATFORM_CHOICES}.",
            )
    return error(404, "not_found", "No goal of this workspace matches.")


def describe_choices_of(goals: tuple[Goal, ...]) -> str:
    return describe_choices(Lookup("", tuple(goal_ref(g) for g in goals)))


def refused(outcome: Refused) -> Answer:
    if outcome.why is Refusal.NOT_ALLOWED:
        owner = outcome.owner_id or "its creator"
        return error(
            403,
            "forbidden",
            f"This token acts for the person who made it, who may not check in on "
            f"“{outcome.title}”: only its owner ({owner}), its contributors or a "
            "workspace admin can.",
        )
    if outcome.why is Refusal.GOAL_NOT_ACTIVE:
        return error(422, "goal_not_active", "That goal is archived: nothing to check in on.")
    return error(404, "not_found", "No goal of this workspace matches.")


def goal_out(goal: Goal, numbers: dict[int, int]) -> schemas.Goal:
    return schemas.Goal(
        number=goal.number,
        title=goal.title,
        kind=goal.kind,
        state=goal.state,
        metric=goal.metric,
        metric_name=goal.metric_name,
        platform=goal.platform,
        unit=goal.unit,
        currency=goal.currency,
        direction=goal.direction,
        baseline=schemas.amount(goal.baseline),
        target=schemas.amount(goal.target),
        start_at=goal.start_at,
        deadline=goal.deadline,
        owner_id=goal.owner_id,
        external_id=goal.external_id,
        objective=numbers.get(goal.objective_id) if goal.objective_id else None,
    )


def checkin_out(checkin: CheckIn, number: int) -> schemas.CheckIn:
    return schemas.CheckIn(
        id=checkin.id or 0,
        goal=number,
        value=schemas.amount(checkin.value) or "0",
        at=checkin.at,
        note=checkin.note,
        author_id=checkin.author_id,
        source=checkin.source,
    )


def _created(stored: Stored) -> schemas.CheckInCreated:
    answer = stored.recorded.answers[0]
    standing = schemas.Standing(
        number=stored.goal.number,
        title=stored.goal.title,
        status=answer.status.value if answer.status else None,
        progress=schemas.amount(answer.progress),
        became_baseline=answer.became_baseline,
    )
    return schemas.CheckInCreated(
        checkin=checkin_out(stored.checkin, stored.goal.number), goal=standing
    )
