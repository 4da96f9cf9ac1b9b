"""Block Kit for check-in answers: where each goal stands right after a value is given."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.goal_lookup import describe_choices
from bot.core.mrkdwn import escape
from bot.core.numbers.write import format_quantity
from bot.core.period import per_period
from bot.core.plausibility import FarOff, Impossible
from bot.core.progress import progress_bar
from bot.core.values import Quantity
from bot.render.common import Block, actions, button, context, section
from bot.render.figures import (
    AFTER_CHECKIN,
    NO_TARGET,
    change_since,
    confidence_label,
    share,
    status_with_mark,
)
from bot.services.checkin_doubts import button_value
from bot.services.checkin_undo import UNDO_HOURS, UndoOffer
from bot.services.checkins import GoalAnswer, Implausible, Question, Recorded, Unclear

DOUBT_ACTIONS = ("checkin.doubt_fix", "checkin.doubt_keep")
"""The "did you mean" buttons that store a value (corrected, or as typed)."""

DOUBT_CANCEL = "checkin.doubt_cancel"

DOUBT_CANCELLED = "OK, nothing was saved."

UNDO_CONFIRM = "checkin.undo_confirm"
UNDO_KEEP = "checkin.undo_keep"
UNDO_KEPT = "OK, the check-in stays."
NOTHING_TO_UNDO = (
    f"You have no check-in of the past {UNDO_HOURS} hours to undo. "
    "Older ones, and other people's, stay; `/goals checkin` records a corrected value."
)

_IMPOSSIBLE = {
    Impossible.NEGATIVE: "a count, amount, time or rate is never below zero",
    Impossible.OVER_100_PERCENT: "a rate is between 0% and 100%",
    Impossible.NOT_A_MILESTONE: "a milestone is done (1) or not yet (0)",
}


def answer_lines(answer: GoalAnswer) -> str:
    """One goal's answer as mrkdwn lines: value, progress, plan, status, change, note."""
    lines = [f"*{escape(answer.title)}*: {_value(answer)}"]
    if answer.change and answer.change_from and answer.value:
        change = change_since(
            answer.change, answer.value.unit, answer.value.currency, answer.change_from,
            AFTER_CHECKIN,
        )  # fmt: skip
        lines[0] += f"  ({change})"
    if answer.became_baseline:
        lines.append("This first value is the goal's baseline: progress counts from here.")
    if answer.progress is not None and answer.target is not None:
        target = format_quantity(answer.target) + per_period(answer.period)
        lines.append(f"Progress: {progress_bar(answer.progress)} of the way to {target}")
    if answer.expected is not None and answer.expected_share is not None:
        expected = f"{format_quantity(answer.expected)} ({share(answer.expected_share)} of the way)"
        lines.append(f"Expected by today: {expected}")
    status = f"Status: {status_with_mark(answer.status) if answer.status else NO_TARGET}"
    if answer.confidence:
        status += f"  ·  you feel {confidence_label(answer.confidence)}"
    lines.append(status)
    if answer.note:
        lines.append(f"Note: _{escape(answer.note)}_")
    return "\n".join(lines)


def recorded_blocks(recorded: Recorded) -> tuple[str, list[Block]]:
    """The notification text and blocks answering a check-in."""
    verb = "Updated" if recorded.updated else "Got it"
    titles = ", ".join(f"“{escape(a.title)}” {_value(a)}" for a in recorded.answers)
    blocks: list[Block] = [section(answer_lines(a)) for a in recorded.answers[:40]]
    if recorded.updated:
        blocks.append(context("Updated from your edited message."))
    return f"{verb}: {titles}", blocks


def unclear_text(question: Question) -> str:
    """A check-in the bot could not take: what went wrong, what works; nothing was saved."""
    goal_example = "/goals checkin #3 41.2k"
    match question.unclear:
        case Unclear.UNREADABLE:
            return question_text(question.problem, question.example)
        case Unclear.KEPT_EARLIER:
            problem = question.problem or "That isn't a value."
            return question_text(
                f"{problem} I kept the earlier value.", question.example or "41.2k"
            )
        case Unclear.NO_ACTIVE_GOAL:
            return question_text(
                "There is no active goal to check in on yet.",
                "/goals checkin reach 41.2k, once a goal is set up",
            )
        case Unclear.WHICH_GOAL:
            assert question.lookup is not None
            lookup = question.lookup
            return question_text(
                f"“{lookup.query}” could be {describe_choices(lookup)}. Which one? Use its number.",
                goal_example,
            )
        case Unclear.NO_SUCH_GOAL:
            assert question.lookup is not None
            return question_text(
                f"I couldn't find a goal called “{question.lookup.query}”.", goal_example
            )


def doubt_blocks(doubt: Implausible) -> tuple[str, list[Block] | None]:
    """A value refused as impossible (text alone), or asked about with buttons."""
    typed = format_quantity(doubt.typed)
    title = escape(doubt.title)
    if isinstance(doubt.doubt, Impossible):
        return _impossible_text(doubt.doubt, title, typed), None
    return _far_off(doubt, doubt.doubt, title, typed)


def _impossible_text(impossible: Impossible, title: str, typed: str) -> str:
    return f"“{title}”: {typed} can't be right: {_IMPOSSIBLE[impossible]}. Nothing was saved."


def doubt_text(doubt: Implausible) -> str:
    """Why the value was not stored, in a sentence (the API's answer; no buttons to offer)."""
    typed = format_quantity(doubt.typed)
    if isinstance(doubt.doubt, Impossible):
        return _impossible_text(doubt.doubt, doubt.title, typed)
    return far_off_text(doubt, doubt.doubt, doubt.title, typed)


def far_off_text(doubt: Implausible, far: FarOff, title: str, typed: str) -> str:
    """“Reach”: 4.1M is far from the last value, 41,200. Did you mean 41,200?"""
    last = format_quantity(Quantity(far.last, doubt.typed.unit, doubt.typed.currency))
    text = f"“{title}”: {typed} is far from the last value, {last}."
    if far.suggestion is not None:
        likely = format_quantity(Quantity(far.suggestion, doubt.typed.unit, doubt.typed.currency))
        text += f" Did you mean {likely}?"
    return text


def _far_off(doubt: Implausible, far: FarOff, title: str, typed: str) -> tuple[str, list[Block]]:
    text = far_off_text(doubt, far, title, typed)
    buttons = []
    if far.suggestion is not None:
        likely = format_quantity(Quantity(far.suggestion, doubt.typed.unit, doubt.typed.currency))
        buttons.append(
            button(f"Yes, {likely}", DOUBT_ACTIONS[0], button_value(doubt, far.suggestion),
                   style="primary")
        )  # fmt: skip
    buttons.append(
        button(f"Save {typed} as typed", DOUBT_ACTIONS[1], button_value(doubt, doubt.typed.value))
    )
    buttons.append(button("Cancel", DOUBT_CANCEL, "cancel"))
    text += " Nothing is saved until you choose."
    return text, [section(text), actions(*buttons)]


def undo_offer_blocks(offer: UndoOffer) -> tuple[str, list[Block]]:
    """Ask before removing the person's last check-in."""
    text = f"Undo your check-in of {format_quantity(offer.value)} on “{escape(offer.title)}”?"
    buttons = actions(
        button("Undo it", UNDO_CONFIRM, str(offer.checkin_id), style="danger"),
        button("Keep it", UNDO_KEEP, "keep"),
    )
    return text, [section(text), buttons]


NOTHING_TO_CHECK_IN = "You have no active goal to check in on. Press *New goal* to set one."
"""The Home's Check in button, pressed by someone without a goal to check in on."""

PICK_ONE_GOAL = "Pick one of your goals."
"""The goal picker in front of the Update form, submitted without a pick."""


def checkin_usage_text() -> str:
    """`/goals checkin` typed alone."""
    return question_text("Tell me the goal and its new value.", "/goals checkin reach 41.2k")


def removed_text(titles: Sequence[str]) -> str:
    """A check-in message deleted: its values are gone too."""
    return "Removed the check-in of " + ", ".join(f"“{escape(t)}”" for t in titles) + "."


def question_text(message: str, example: str) -> str:
    """A value the bot could not read: what went wrong and what works.

    Both may quote what the person typed or a goal's title, so both are escaped here.
    """
    return f"{escape(message)} For example: `{escape(example)}`. Nothing was saved."


def _value(answer: GoalAnswer) -> str:
    return format_quantity(answer.value) if answer.value else "no value yet"
