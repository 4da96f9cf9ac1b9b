"""The API's use cases: a check-in sent by a tool, and the goals and check-ins it may read.

A check-in goes through `record_values`, as `/goals checkin` does: the same permission
check (the token acts as the person who made it), the same plausibility refusals and
the same history. A request with an `Idempotency-Key` stores its key and answer in the
check-in's own transaction, so a retry, or a second request racing the first, gets the
first answer back and stores nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from bot.core.checkin_reply import ReplyValue, Values
from bot.core.numbers.read import parse_quantity
from bot.core.parse_error import ParseError
from bot.core.values import CheckInSource, GoalKind, GoalState
from bot.core.vocabulary import resolve_metric, resolve_platform
from bot.services import Services
from bot.services.checkin_goals import goal_ref
from bot.services.checkins import Implausible, Origin, Recorded, Report, record_values
from bot.services.permissions import Refusal, Refused, Requester
from storage import api_tokens, repo
from storage.goal_histories import GoalHistory, goal_histories
from storage.models import ApiRequest, ApiToken, CheckIn, Goal, Member


@dataclass(frozen=True, slots=True)
class GoalNamed:
    """How a request names its goal: a number, an external id, or metric and platform words."""

    number: int | None = None
    external_id: str | None = None
    metric: str | None = None
    platform: str | None = None


@dataclass(frozen=True, slots=True)
class Sent:
    """A check-in as a tool sent it; `value` is the text of the number or what was typed."""

    goal: GoalNamed
    value: str
    at: datetime | None
    note: str
    confirm: bool


@dataclass(frozen=True, slots=True)
class NoGoal:
    """No goal, several goals, or a goal that takes no value, matched what was named."""

    why: str  # "missing" | "ambiguous" | "objective" | "unknown_platform"
    choices: tuple[Goal, ...] = ()


@dataclass(frozen=True, slots=True)
class Stored:
    """What `record_values` answered, with the new row and its goal."""

    recorded: Recorded
    checkin: CheckIn
    goal: Goal


@dataclass(frozen=True, slots=True)
class Replayed:
    """The first answer to a request with this key; `same` is False when the body differs."""

    status: int
    body: dict[str, Any]
    same: bool


Outcome = Stored | NoGoal | ParseError | Refused | Implausible | Replayed
Answering = Callable[[Outcome], tuple[int, dict[str, Any]]]
"""The HTTP status and JSON body for an outcome (the API edge writes them)."""

_LIVE = (GoalState.ACTIVE, GoalState.ACHIEVED)


def request_hash(method: str, path: str, body: bytes) -> str:
    """What tells a retry (same hash) from another request reusing its key."""
    return hashlib.sha256(b"\0".join([method.encode(), path.encode(), body])).hexdigest()


def token_author(session: Session, token: ApiToken) -> Requester:
    """The token's maker, as the permission check sees them; admin as Slack last said."""
    member: Member | None = repo.get_member(
        session=session, team_id=token.team_id, user_id=token.created_by
    )
    return Requester(token.team_id, token.created_by, lambda: bool(member and member.is_admin))


def send_checkin(
    services: Services,
    token: ApiToken,
    sent: Sent,
    answer: Answering,
    idempotency: tuple[str, str] | None = None,
) -> tuple[int, dict[str, Any]]:
    """Store the value and answer; with `idempotency` (key, request hash), at most once."""
    if idempotency is not None:
        first = _first_answer(services, token.team_id, idempotency)
        if first is not None:
            return answer(first)
    with services.session() as session:
        held: ApiRequest | None = None
        if idempotency is not None:
            key, digest = idempotency
            held = ApiRequest(team_id=token.team_id, idempotency_key=key, request_hash=digest,
                              status=0, response={}, created_at=services.now())  # fmt: skip
            if not api_tokens.remember_request(session=session, request=held):
                # A request with this key committed since this one looked.
                session.rollback()
                return answer(_committed_answer(services, token.team_id, idempotency))
        outcome = _record(session, services, token, sent)
        status, body = answer(outcome)
        if not isinstance(outcome, Stored):
            session.rollback()  # the key too: a refused request may be sent again
        elif held is not None:
            held.status, held.response = status, body
        return status, body


def _first_answer(
    services: Services, team_id: str, idempotency: tuple[str, str]
) -> Replayed | None:
    key, digest = idempotency
    with services.session() as session:
        row = api_tokens.find_request(session=session, team_id=team_id, key=key)
        if row is None:
            return None
        return Replayed(row.status, dict(row.response), same=row.request_hash == digest)


def _committed_answer(services: Services, team_id: str, idempotency: tuple[str, str]) -> Replayed:
    first = _first_answer(services, team_id, idempotency)
    if first is None:  # a key is only ever found taken by a committed request
        raise LookupError("the idempotency key was taken but its request is not stored")
    return first


def _record(session: Session, services: Services, token: ApiToken, sent: Sent) -> Outcome:
    found = find_goal(session, token.team_id, sent.goal)
    if isinstance(found, NoGoal):
        return found
    history = goal_histories(session=session, team_id=token.team_id, goal_ids=[found.id or 0])[0]
    if found.state == GoalState.ARCHIVED:
        return Refused(Refusal.GOAL_NOT_ACTIVE)
    parsed = parse_quantity(sent.value, unit_hint=found.unit)
    if isinstance(parsed, ParseError):
        return parsed
    if parsed.rest.strip():
        return ParseError("The value holds words besides the number; send them as the note.",
                          "41.2k")  # fmt: skip
    values = Values((ReplyValue(goal_ref(found), parsed.quantity, parsed.approximate),), None,
                    sent.note.strip())  # fmt: skip
    author = token_author(session, token)
    report = Report(author, Origin(CheckInSource.API), values, confirmed=sent.confirm, at=sent.at)
    outcome = record_values(session, services, report, [history])
    if not isinstance(outcome, Recorded):
        return outcome
    return Stored(outcome, _newest(history), found)


def _newest(history: GoalHistory) -> CheckIn:
    return max(history.checkins, key=lambda c: c.id or 0)


def find_goal(session: Session, team_id: str, named: GoalNamed) -> Goal | NoGoal:
    """The one goal a request names, or why there is none."""
    goals = repo.list_goals(session=session, team_id=team_id, states=None)
    if named.number is not None:
        found = [g for g in goals if g.number == named.number]
    elif named.external_id is not None:
        found = [g for g in goals if g.external_id == named.external_id]
    else:
        runs = [g for g in goals if g.kind != GoalKind.OBJECTIVE]
        matched = _by_metric_and_platform(runs, named)
        if isinstance(matched, NoGoal):
            return matched
        found = [g for g in matched if g.state in _LIVE] or matched
    if not found:
        return NoGoal("missing")
    if len(found) > 1:
        return NoGoal("ambiguous", tuple(found))
    if found[0].kind == GoalKind.OBJECTIVE:
        return NoGoal("objective", tuple(found))
    return found[0]


def _by_metric_and_platform(goals: list[Goal], named: GoalNamed) -> list[Goal] | NoGoal:
    """Goals with the metric and platform named, read by the vocabulary every goal is made by."""
    found = goals
    if named.metric is not None:
        metric = resolve_metric(named.metric)
        if metric is None:
            return NoGoal("missing")
        if metric.kpi is not None:
            found = [g for g in found if g.metric == metric.key]
        else:
            name = metric.name.casefold()
            found = [g for g in found if g.metric_name.casefold() == name]
    if named.platform is not None:
        platform = resolve_platform(named.platform)
        if platform is None:
            return NoGoal("unknown_platform")
        found = [g for g in found if g.platform == platform.key]
    return found


@dataclass(frozen=True, slots=True)
class GoalFilter:
    """`GET /api/v1/goals?platform=…&metric=…&status=…&kind=…&owner=…`; None is any."""

    metric: str | None = None
    platform: str | None = None
    states: tuple[GoalState, ...] | None = _LIVE
    kind: GoalKind | None = None
    owner_id: str | None = None


@dataclass(frozen=True, slots=True)
class GoalListing:
    """Goals by number, and the number of every goal by row id (a key result's objective)."""

    goals: list[Goal]
    numbers: dict[int, int]


def list_goals(services: Services, team_id: str, wanted: GoalFilter) -> GoalListing | NoGoal:
    """The workspace's goals the filter keeps; NoGoal for a platform the bot does not know."""
    with services.session() as session:
        every = repo.list_goals(session=session, team_id=team_id, states=None)
    kept = [
        g
        for g in every
        if (wanted.states is None or g.state in wanted.states)
        and (wanted.kind is None or g.kind == wanted.kind)
        and (wanted.owner_id is None or g.owner_id == wanted.owner_id)
    ]
    found = _by_metric_and_platform(kept, GoalNamed(metric=wanted.metric, platform=wanted.platform))
    if isinstance(found, NoGoal):
        return found
    numbers = {g.id or 0: g.number for g in every}
    return GoalListing(sorted(found, key=lambda g: g.number), numbers)


def goal_checkins(
    services: Services, team_id: str, number: int
) -> tuple[Goal, list[CheckIn]] | None:
    """A goal of this workspace (by number) and its check-ins, oldest first; None if none."""
    with services.session() as session:
        goals = repo.list_goals(session=session, team_id=team_id, states=None)
        goal = next((g for g in goals if g.number == number), None)
        if goal is None:
            return None
        return goal, repo.list_checkins(session=session, team_id=team_id, goal_id=goal.id or 0)
