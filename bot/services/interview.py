"""The goal interview as a use case: kept in the database between answers, saved once.

One interview per person per workspace, in the place it started (a DM, or a
channel thread for a team goal). It survives restarts because its state lives in
`InterviewState`; it expires after a day without an answer. On confirmation it
creates the goal (or the objective and its key results) under the origin key
"interview:<token>", so a double click or a retried event finds the goal already
there instead of saving a second one. The token is random rather than the row id
because SQLite may hand a deleted row's id to the next interview.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.core import interview as core
from bot.core.interview.asides import asks_about_goals
from bot.core.interview.form import FormAnswers, FormField, FormProblems, fill
from bot.core.interview.review import with_trends
from bot.core.kpis import MetricKey
from bot.core.trend import Point, trend_per_week
from bot.core.values import Unit
from bot.services import Services
from bot.services.interview_saving import (
    SavedGoal,
    Saving,
    TimezoneOf,
    origin_key,
    save_interview,
)
from storage import interviews as store
from storage import repo
from storage.models import InterviewState
from storage.schemas import InterviewProgress

IDLE_EXPIRY = timedelta(hours=24)
TREND_WINDOW = timedelta(weeks=8)
"""How far back check-ins count towards a metric's recent trend."""


class Note(StrEnum):
    """A word about the interview itself; `bot.render.interview` has the words."""

    RESUMED = "resumed"  # one was in progress: here is where it was
    EXPIRED = "expired"  # the earlier one expired (`since` is the day it started)
    EXPIRED_START_AGAIN = "expired_start_again"  # the one answered expired
    LOST = "lost"  # its stored state could not be read
    FORM_REPLACED = "form_replaced"  # the form replaced the one in progress
    REPLACED = "replaced"  # a new goal stated whole replaced the one in progress
    ALREADY_SAVED = "already_saved"  # a button of an interview whose goal is saved
    BUTTON_OVER = "button_over"  # a button of an interview that is over
    QUESTION = "question"  # a question about the goals, answered apart: the step is asked again


@dataclass(frozen=True, slots=True)
class InterviewNote:
    """A `Note`, with the day the expired interview started."""

    note: Note
    since: date | None = None


@dataclass(frozen=True, slots=True)
class InterviewView:
    """What to show after a start or an answer, and where (channel and thread).

    `prompt` is the next question (None when there is nothing to ask); `note` is a
    word about the interview itself (resumed, expired, already saved); `saved` is
    set once the goal exists; `offer_form` says a form may be offered instead.
    """

    token: str
    channel_id: str | None
    thread_ts: str | None
    prompt: core.Prompt | None = None
    note: InterviewNote | None = None
    saved: SavedGoal | None = None
    offer_form: bool = False
    lang: str = "en"  # the language it is shown in: the person's


@dataclass(frozen=True, slots=True)
class FormOutcome:
    """A submitted form: what is wrong with it per field, or the review it led to."""

    problems: tuple[tuple[FormField, str], ...] = ()
    view: InterviewView | None = None


@dataclass(frozen=True, slots=True)
class Interviewee:
    """Who answers an interview: the workspace, the person, their IANA time zone and language."""

    team_id: str
    user_id: str
    tz: str
    lang: str = "en"


@dataclass(frozen=True, slots=True)
class InterviewPlace:
    """Where an interview runs: a DM, or a thread in a channel for a team goal.

    `here_channel` is the channel it was started from (None from a DM); a team goal
    belongs to that channel.
    """

    channel_id: str
    thread_ts: str | None = None
    here_channel: str | None = None

    @property
    def team(self) -> bool:
        """An interview in a thread sets a team goal (a personal one runs in the DM)."""
        return self.thread_ts is not None


@dataclass(frozen=True, slots=True)
class _Turn:
    """One request's turn at an interview: the open session, who answers, and when."""

    session: Session
    who: Interviewee
    now: datetime

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.who.tz)

    def saving(self, timezone_of: TimezoneOf) -> Saving:
        return Saving(self.session, self.who.team_id, self.now, self.zone, timezone_of)


def begin(
    services: Services,
    who: Interviewee,
    where: InterviewPlace,
    *,
    okr: bool = False,
    said: str = "",
) -> InterviewView:
    """Start an interview, or resume the one in progress (there is one per person).

    `said` is what the starting message already says ("new goal: grow our Instagram
    followers from 400 to 480 by 31 Dec"): it answers as far as it goes, and replaces
    an interview in progress rather than resuming it.

    Example:
        >>> view = begin(services, Interviewee("T1", "U1", "UTC"), InterviewPlace("D1"))
        >>> view.prompt.step
        <Step.WHY: 'why'>
    """
    with services.session() as session:
        turn = _Turn(session, who, services.now())
        state = store.get_interview(session=session, team_id=who.team_id, user_id=who.user_id)
        note = None
        live = state is not None and state.expires_at > turn.now
        if state is not None and live and not said.strip():
            resumed = _resumed(turn, state)
            if resumed is not None:
                return resumed
        if state is not None:
            note = InterviewNote(Note.REPLACED) if live else _expired(state, Note.EXPIRED)
            store.delete_interview(session=session, team_id=who.team_id, user_id=who.user_id)
        interview = core.start(
            who.user_id, okr=okr, here_channel=where.here_channel, team=where.team
        )
        interview = replace(interview, lang=who.lang)
        prompt = core.ask(interview, now=turn.now, tz=turn.zone)
        if said.strip():
            interview, prompt = core.step(interview, said, now=turn.now, tz=turn.zone)
        token = uuid.uuid4().hex
        _store(turn, interview, token, where.channel_id, where.thread_ts)
        return InterviewView(
            token=token,
            channel_id=where.channel_id,
            thread_ts=where.thread_ts,
            prompt=_judged(turn, interview, prompt),
            note=note,
            offer_form=not okr and not where.team and not said.strip(),
            lang=who.lang,
        )


def _resumed(turn: _Turn, state: InterviewState) -> InterviewView | None:
    """The interview in progress where it was; None when its stored state cannot be read."""
    interview = _read(state, turn.who)
    if interview is None:
        return None
    prompt = core.ask(interview, now=turn.now, tz=turn.zone)
    return InterviewView(
        token=str(state.data.get("token", "")),
        channel_id=state.channel_id,
        thread_ts=state.thread_ts,
        prompt=_judged(turn, interview, prompt),
        note=InterviewNote(Note.RESUMED),
        lang=turn.who.lang,
    )


def _read(state: InterviewState, who: Interviewee) -> core.Interview | None:
    """The stored interview, spoken in the person's language of this turn."""
    interview = core.from_json(state.data)
    return None if interview is None else replace(interview, lang=who.lang)


def place(services: Services, *, team_id: str, user_id: str) -> tuple[str | None, str | None]:
    """Where the person's interview runs (channel, thread), or (None, None) without one."""
    with services.session() as session:
        state = store.get_interview(session=session, team_id=team_id, user_id=user_id)
        return (state.channel_id, state.thread_ts) if state else (None, None)


def answer(
    services: Services,
    who: Interviewee,
    text: str,
    *,
    timezone_of: TimezoneOf,
    token: str | None = None,
) -> InterviewView | None:
    """Take one answer (typed, or a button's value with its interview `token`).

    None when the person has no interview and the answer is not a button of a saved one.
    A typed question about the goals ("which goals are at risk?") is no answer: the
    interview stays as it was and the view, with `Note.QUESTION`, asks its step again;
    the caller answers the question.
    """
    team_id, user_id = who.team_id, who.user_id
    with services.session() as session:
        turn = _Turn(session, who, services.now())
        state = store.get_interview(session=session, team_id=team_id, user_id=user_id)
        stored_token = str(state.data.get("token", "")) if state else ""
        if token and token != stored_token:
            return replace(_stale_button(session, team_id, token), lang=who.lang)
        if state is None:
            return None
        where = (state.channel_id, state.thread_ts)
        lang = who.lang
        if state.expires_at <= turn.now:
            store.delete_interview(session=session, team_id=team_id, user_id=user_id)
            note = _expired(state, Note.EXPIRED_START_AGAIN)
            return InterviewView(stored_token, *where, note=note, lang=lang)
        interview = _read(state, who)
        if interview is None:
            store.delete_interview(session=session, team_id=team_id, user_id=user_id)
            return InterviewView(stored_token, *where, note=InterviewNote(Note.LOST), lang=lang)
        if not token and asks_about_goals(interview.step, text, now=turn.now, tz=turn.zone):
            again = _judged(turn, interview, core.ask(interview, now=turn.now, tz=turn.zone))
            note = InterviewNote(Note.QUESTION)
            return InterviewView(stored_token, *where, prompt=again, note=note, lang=lang)
        interview, prompt = core.step(interview, text, now=turn.now, tz=turn.zone)
        if interview.step is core.Step.SAVED:
            saved = save_interview(turn.saving(timezone_of), interview, stored_token)
            store.delete_interview(session=session, team_id=team_id, user_id=user_id)
            return InterviewView(stored_token, *where, saved=saved, lang=lang)
        if interview.step is core.Step.CANCELLED:
            store.delete_interview(session=session, team_id=team_id, user_id=user_id)
            return InterviewView(stored_token, *where, prompt=prompt, lang=lang)
        _store(turn, interview, stored_token, *where)
        prompt = _judged(turn, interview, prompt)
        return InterviewView(stored_token, *where, prompt=prompt, lang=lang)


def submit_form(
    services: Services, who: Interviewee, *, answers: FormAnswers, channel_id: str
) -> FormOutcome:
    """Read the goal form with the interview's own readers; a good one goes to its review.

    The filled-in interview replaces any the person had in progress and waits at the
    SMART review in `channel_id` (their DM), so saving it is the conversation's save.

    Example:
        >>> outcome = submit_form(services, Interviewee("T1", "U1", "UTC"),
        ...                       answers=FormAnswers(why="..."), channel_id="D1")
        >>> outcome.problems[0][0]
        <FormField.METRIC: 'metric'>
    """
    now = services.now()
    zone = ZoneInfo(who.tz)
    filled = fill(who.user_id, answers, now=now, tz=zone, lang=who.lang)
    if isinstance(filled, FormProblems):
        return FormOutcome(problems=filled.problems)
    with services.session() as session:
        turn = _Turn(session, who, now)
        state = store.get_interview(session=session, team_id=who.team_id, user_id=who.user_id)
        note = None
        if state is not None:
            if state.expires_at > now:
                note = InterviewNote(Note.FORM_REPLACED)
            store.delete_interview(session=session, team_id=who.team_id, user_id=who.user_id)
        token = uuid.uuid4().hex
        _store(turn, filled, token, channel_id, None)
        prompt = _judged(turn, filled, core.ask(filled, now=now, tz=zone))
        view = InterviewView(token, channel_id, None, prompt=prompt, note=note, lang=who.lang)
        return FormOutcome(view=view)


def _judged(turn: _Turn, interview: core.Interview, prompt: core.Prompt) -> core.Prompt:
    """A review prompt judged against the recent trend of its metrics, where known."""
    if prompt.step is not core.Step.REVIEW:
        return prompt
    trends = _trends(turn, interview)
    return with_trends(interview, prompt, trends, now=turn.now, tz=turn.zone)


def _trends(turn: _Turn, interview: core.Interview) -> dict[int, Decimal]:
    """Each measure's recent change per week, from check-ins of the same metric and place."""
    trends: dict[int, Decimal] = {}
    for index, measure in enumerate(interview.measures):
        if measure.metric_name is None or measure.unit is Unit.MILESTONE:
            continue
        rows = store.recent_checkins_of_metric(
            session=turn.session,
            team_id=turn.who.team_id,
            measured=store.Measured(
                measure.metric_key or MetricKey.CUSTOM, measure.metric_name, interview.platform
            ),
            since=turn.now - TREND_WINDOW,
        )
        by_goal: dict[int, list[Point]] = {}
        for goal_id, at, value in rows:
            by_goal.setdefault(goal_id, []).append(Point(at, value))
        trend = trend_per_week(list(by_goal.values()))
        if trend is not None:
            trends[index] = trend
    return trends


def _store(
    turn: _Turn,
    interview: core.Interview,
    token: str,
    channel_id: str | None,
    thread_ts: str | None,
) -> None:
    store.save_interview(
        session=turn.session,
        team_id=turn.who.team_id,
        user_id=turn.who.user_id,
        progress=InterviewProgress(
            step=interview.step.value,
            data={**core.to_json(interview), "token": token},
            expires_at=turn.now + IDLE_EXPIRY,
            channel_id=channel_id,
            thread_ts=thread_ts,
        ),
        now=turn.now,
    )


def _expired(state: InterviewState, note: Note) -> InterviewNote:
    return InterviewNote(note, since=state.started_at.date())


def _stale_button(session: Session, team_id: str, token: str) -> InterviewView:
    goal = repo.find_goal_by_origin(session=session, team_id=team_id, origin_key=origin_key(token))
    note = Note.ALREADY_SAVED if goal is not None else Note.BUTTON_OVER
    return InterviewView(token, None, None, note=InterviewNote(note))
