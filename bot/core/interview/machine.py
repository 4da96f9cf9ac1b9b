"""The state machine: take one answer, work out what is still missing, ask for it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.interview.answers import READERS, read_kr_where
from bot.core.interview.edits import Edit, read_edit
from bot.core.interview.questions import QUESTIONS, STEP_NAMES, controls, help_text
from bot.core.interview.reading import AT_ONCE, condensed, okr_at_once, take
from bot.core.interview.review import review_choices, smart_reviews
from bot.core.interview.sentence import is_schedule, parts_of
from bot.core.interview.state import (
    DEFAULT_CADENCE,
    MAX_ANSWER_CHARS,
    Interview,
    Measure,
    Mode,
    Problem,
    Prompt,
    Step,
    advance,
    with_measure,
)
from bot.core.interview.words import (
    ACCEPT,
    BACK,
    CANCEL,
    HELP,
    MORE_NO,
    SKIP,
    SKIPPABLE,
    summarise,
)
from bot.core.kpis import (
    normalise,
)
from bot.core.smart import SmartReview
from bot.i18n.formats import number

# --- starting, answering, asking ---------------------------------------------------------


def start(
    user_id: str, *, okr: bool = False, here_channel: str | None = None, team: bool = False
) -> Interview:
    """A new interview for `user_id`.

    `here_channel` is the channel it was started from, if not a DM; a `team` goal
    runs in a thread there and belongs to that channel.

    Example:
        >>> fresh = start("U1")
        >>> fresh.step, fresh.owner, fresh.cadence, fresh.channel
        (<Step.WHY: 'why'>, 'U1', 'weekly on monday at 10:00', None)
    """
    mode = Mode.OKR if okr else Mode.SMART
    # Shown at the review, not asked: the person owns it, weekly check-ins, and the
    # digest goes to the channel it was started from (none from a DM).
    return Interview(user_id=user_id, mode=mode, here_channel=here_channel, team=team,
                     owner=user_id, cadence=DEFAULT_CADENCE, channel_answered=True,
                     channel=here_channel)  # fmt: skip


def step(
    interview: Interview, answer: str, *, now: datetime, tz: ZoneInfo
) -> tuple[Interview, Prompt]:
    """Take one answer and return the new state and what to say next. Never raises.

    Example:
        >>> from datetime import UTC
        >>> state, prompt = step(start("U1"), "we want more people to see our Instagram",
        ...                      now=datetime(2026, 11, 22, 8, tzinfo=UTC), tz=ZoneInfo("UTC"))
        >>> state.category.value, state.platform.value, prompt.step.value
        ('awareness', 'instagram', 'metric')
    """
    if interview.finished:
        return interview, ask(interview, now=now, tz=tz)
    text = answer.strip()[:MAX_ANSWER_CHARS]
    word = normalise(text)
    if word in CANCEL:
        done = replace(interview, step=Step.CANCELLED)
        return done, Prompt(Step.CANCELLED, interview.tr._("Cancelled. Nothing was saved."))
    if word in HELP:
        prompt = ask(interview, now=now, tz=tz)
        return interview, replace(prompt, help=help_text(interview))
    if word in BACK:
        return _back(interview, now=now, tz=tz)
    answers_more = interview.step is Step.MORE and word in MORE_NO  # "no": no more key results
    if word in SKIP and interview.step not in SKIPPABLE and not answers_more:
        return interview, ask(
            interview, now=now, tz=tz, problem=Problem(interview.tr._("This one can't be skipped."))
        )
    if interview.step is Step.REVIEW:
        return _at_review(interview, text, word, now=now, tz=tz)
    okr = okr_at_once(interview, text, now=now, tz=tz) if interview.step is Step.WHY else None
    if okr is not None:
        return okr, ask(
            okr,
            now=now,
            tz=tz,
            echo=(
                okr.tr._("Got it: an objective with {count} key results.").format(
                    count=number(len(okr.measures), okr.lang)
                ),
            ),
        )
    return _answer(interview, interview.step, text, now=now, tz=tz)


def ask(
    interview: Interview,
    *,
    now: datetime,
    tz: ZoneInfo,
    echo: tuple[str, ...] = (),
    problem: Problem | None = None,
) -> Prompt:
    """The question for the interview's current step (used to start and to resume)."""
    at, tr = interview.step, interview.tr
    if at is Step.SAVED:
        return Prompt(at, tr._("Saved."), echo)
    if at is Step.CANCELLED:
        return Prompt(at, tr._("This interview was cancelled. Nothing was saved."), echo)
    question, example, choices = QUESTIONS[at](interview)
    summary: tuple[str, ...] = ()
    reviews: tuple[tuple[str, SmartReview], ...] = ()
    if at is Step.REVIEW:
        summary = summarise(interview, tz=tz)
        reviews = smart_reviews(interview, now=now, tz=tz)
        choices = review_choices(interview, reviews)
    return Prompt(
        step=at,
        question=question,
        echo=echo,
        problem=problem.message if problem else None,
        example=(problem.example if problem and problem.example else example),
        choices=problem.choices if problem and problem.choices else choices,
        controls=controls(interview),
        summary=summary,
        reviews=reviews,
    )


def _answer(
    interview: Interview, at: Step, text: str, *, now: datetime, tz: ZoneInfo
) -> tuple[Interview, Prompt]:
    result = READERS[at](interview, text, now, tz)
    if isinstance(result, Problem):
        if at is Step.DEADLINE and not result.choices:
            interview = replace(interview, deadline_options=())
        return interview, ask(interview, now=now, tz=tz, problem=result)
    answered, echo = result
    answered = replace(answered, history=(*answered.history, (at, interview.current)))
    parts = parts_of(text, now=now, tz=tz, skip=at)
    moved, more, problem = take(answered, parts, now=now, tz=tz)
    return moved, ask(moved, now=now, tz=tz, echo=condensed(moved, (*echo, *more)),
                      problem=problem)  # fmt: skip


def _back(interview: Interview, *, now: datetime, tz: ZoneInfo) -> tuple[Interview, Prompt]:
    if not interview.history:
        problem = Problem(
            interview.tr._("This is the first question; there is nothing to go back to.")
        )
        return interview, ask(interview, now=now, tz=tz, problem=problem)
    (previous, index), history = interview.history[-1], interview.history[:-1]
    cleared = _clear(replace(interview, history=history), previous, index)
    moved = advance(cleared)
    tr = interview.tr
    back = tr._("Back to: {step}.").format(step=tr._(STEP_NAMES[previous]))
    return moved, ask(moved, now=now, tz=tz, echo=(back,))


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
        Step.METRIC: Measure(
            platform=measure.platform, scope=measure.scope, own_where=measure.own_where
        ),
        Step.UNIT: replace(measure, unit=None, direction=None),
        Step.DIRECTION: replace(measure, direction=None),
        Step.BASELINE: replace(measure, baseline=None, baseline_known=None),
        Step.TARGET: replace(measure, target=None, target_relative=None),
        Step.PERIOD: replace(measure, period=None),
    }[at]
    return with_measure(i, index, cleared)


# --- the review ------------------------------------------------------------------------


def _at_review(
    interview: Interview, text: str, word: str, *, now: datetime, tz: ZoneInfo
) -> tuple[Interview, Prompt]:
    if word in ACCEPT:
        saved = replace(interview, step=Step.SAVED)
        return saved, ask(saved, now=now, tz=tz)
    if (
        word in ("okr", "switch to okr", "okr mode", "make it an okr")
        and interview.mode is Mode.SMART
    ):
        okr = advance(replace(interview, mode=Mode.OKR))
        echo = (
            interview.tr._(
                "Switched to OKR mode: this goal becomes the first key result of an objective."
            ),
        )
        return okr, ask(okr, now=now, tz=tz, echo=echo)
    # A schedule said alone ("her cuma saat 9") changes the check-ins, not the deadline.
    change = Edit(Step.CADENCE, None, text) if is_schedule(text, tz) else read_edit(text)
    if change is None:
        changed = _changed_by_sentence(interview, text, now=now, tz=tz)
        if changed is not None:
            return changed
        problem = Problem(
            interview.tr._(
                "At this point, say “save”, change a field by name, “okr”, or “cancel”."
            ),
            interview.tr._("change target to 50k"),
        )
        return interview, ask(interview, now=now, tz=tz, problem=problem)
    at = change.field
    if at is Step.OBJECTIVE and interview.mode is not Mode.OKR:
        at = Step.WHY
    index = change.number - 1 if change.number else 0
    if index >= len(interview.measures):
        problem = Problem(
            interview.tr._("There is no key result {number}.").format(number=index + 1),
            interview.tr._("change kr1 target to 50k"),
        )
        return interview, ask(interview, now=now, tz=tz, problem=problem)
    if at is Step.WHERE and change.number and interview.mode is Mode.OKR:
        return _change_kr_where(interview, index, change.value, now=now, tz=tz)
    cleared = replace(_clear(interview, at, index), step=at, current=index)
    value = change.value
    if not value:
        return cleared, ask(cleared, now=now, tz=tz)
    return _answer(cleared, at, value, now=now, tz=tz)


def _changed_by_sentence(
    interview: Interview, text: str, *, now: datetime, tz: ZoneInfo
) -> tuple[Interview, Prompt] | None:
    """A review answer that states fields without naming them ("<#C1>", "by end of Q1")."""
    parts = [(at, t) for at, t in parts_of(text, now=now, tz=tz) if at in AT_ONCE]
    if not parts:
        return None
    echo: list[str] = []
    changed = interview
    for at, said in parts:
        result = READERS[at](_clear(changed, at, changed.current), said, now, tz)
        if isinstance(result, Problem):
            return changed, ask(changed, now=now, tz=tz, echo=tuple(echo), problem=result)
        changed, lines = result
        echo.extend(lines)
    return changed, ask(changed, now=now, tz=tz, echo=tuple(echo))


def _change_kr_where(
    interview: Interview, index: int, text: str, *, now: datetime, tz: ZoneInfo
) -> tuple[Interview, Prompt]:
    """One key result read elsewhere: the others and the objective keep their platform."""
    result = read_kr_where(interview, index, text) if text.strip() else None
    if not isinstance(result, tuple):
        problem = Problem(
            result.message
            if result
            else interview.tr._("Where is key result {number} read?").format(number=index + 1),
            interview.tr._("change kr{number} where to website").format(number=index + 1),
        )
        return interview, ask(interview, now=now, tz=tz, problem=problem)
    changed, echo = result
    return changed, ask(changed, now=now, tz=tz, echo=echo)
