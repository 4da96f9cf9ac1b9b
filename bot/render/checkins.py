"""Block Kit for check-in answers: where each goal stands right after a value is given."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from bot.core.goal_lookup import describe_choices
from bot.core.mrkdwn import escape
from bot.core.period import per_period
from bot.core.plausibility import FarOff, Impossible
from bot.core.values import Quantity
from bot.i18n.bidi import rtl
from bot.i18n.catalogue import N_, Translator, translator
from bot.i18n.formats import quantity
from bot.i18n.problems import problem_text
from bot.render.common import Block, actions, button, context, section
from bot.render.figures import (
    AFTER_CHECKIN,
    NO_TARGET,
    change_since,
    confidence_label,
    progress_text,
    share,
    status_with_mark,
)
from bot.services.checkin_doubts import button_value
from bot.services.checkin_undo import UNDO_HOURS, UndoOffer
from bot.services.checkins import GoalAnswer, Implausible, Question, Recorded, Unclear

DOUBT_ACTIONS = ("checkin.doubt_fix", "checkin.doubt_keep")
"""The "did you mean" buttons that store a value (corrected, or as typed)."""

DOUBT_CANCEL = "checkin.doubt_cancel"

DOUBT_CANCELLED = N_("OK, nothing was saved.")

UNDO_CONFIRM = "checkin.undo_confirm"
UNDO_KEEP = "checkin.undo_keep"
UNDO_KEPT = N_("OK, the check-in stays.")
ENGLISH = translator("en")
"""The default of renderers also called by parts not yet translated (the API's answers)."""

_IMPOSSIBLE = {
    Impossible.NEGATIVE: N_("a count, amount, time or rate is never below zero"),
    Impossible.OVER_100_PERCENT: N_("a rate is between 0% and 100%"),
    Impossible.NOT_A_MILESTONE: N_("a milestone is done (1) or not yet (0)"),
}


def said(text: str, tr: Translator) -> str:
    """A fixed message (one marked with `N_`) in the person's language, ready for Slack."""
    return rtl(tr._(text), tr.lang)


def nothing_to_undo_text(tr: Translator) -> str:
    text = tr._(
        "You have no check-in of the past {hours} hours to undo. "
        "Older ones, and other people's, stay; `/goals checkin` records a corrected value."
    )
    return rtl(text.format(hours=UNDO_HOURS), tr.lang)


def answer_lines(answer: GoalAnswer, tr: Translator = ENGLISH) -> str:
    """One goal's answer as mrkdwn lines: value, progress, plan, status, change, note."""
    lang = tr.lang
    lines = [f"*{escape(answer.title)}*: {_value(answer, tr)}"]
    if answer.change and answer.change_from and answer.value:
        change = change_since(
            answer.change, answer.value.unit, answer.value.currency, answer.change_from,
            AFTER_CHECKIN, tr=tr,
        )  # fmt: skip
        lines[0] += f"  ({change})"
    if answer.became_baseline:
        lines.append(tr._("This first value is the goal's baseline: progress counts from here."))
    if answer.progress is not None and answer.target is not None:
        target = quantity(answer.target, lang) + per_period(answer.period)
        lines.append(
            tr._("Progress: {bar} of the way to {target}").format(
                bar=progress_text(answer.progress, tr), target=target
            )
        )
    if answer.expected is not None and answer.expected_share is not None:
        lines.append(
            tr._("Expected by today: {value} ({share} of the way)").format(
                value=quantity(answer.expected, lang), share=share(answer.expected_share, lang)
            )
        )
    status = status_with_mark(answer.status, tr) if answer.status else tr._(NO_TARGET)
    line = tr._("Status: {status}").format(status=status)
    if answer.confidence:
        feel = tr._("you feel {confidence}").format(
            confidence=confidence_label(answer.confidence, tr)
        )
        line += f"  ·  {feel}"
    lines.append(line)
    if answer.note:
        lines.append(tr._("Note: {note}").format(note=f"_{escape(answer.note)}_"))
    return rtl("\n".join(lines), lang)


def recorded_blocks(recorded: Recorded, tr: Translator = ENGLISH) -> tuple[str, list[Block]]:
    """The notification text and blocks answering a check-in."""
    verb = tr._("Updated") if recorded.updated else tr._("Got it")
    titles = ", ".join(f"“{escape(a.title)}” {_value(a, tr)}" for a in recorded.answers)
    blocks: list[Block] = [section(answer_lines(a, tr)) for a in recorded.answers[:40]]
    if recorded.updated:
        blocks.append(context(said(N_("Updated from your edited message."), tr)))
    return rtl(f"{verb}: {titles}", tr.lang), blocks


def unclear_text(question: Question, tr: Translator = ENGLISH) -> str:
    """A check-in the bot could not take: what went wrong, what works; nothing was saved."""
    goal_example = "/goals checkin #3 41.2k"
    match question.unclear:
        case Unclear.UNREADABLE:
            said = problem_text(question.parsed, tr) if question.parsed else question.problem
            return question_text(said, question.example, tr)
        case Unclear.KEPT_EARLIER:
            problem = question.problem or tr._("That isn't a value.")
            kept = tr._("{problem} I kept the earlier value.").format(problem=problem)
            return question_text(kept, question.example or "41.2k", tr)
        case Unclear.NO_ACTIVE_GOAL:
            return question_text(
                tr._("There is no active goal to check in on yet."),
                tr._("/goals checkin reach 41.2k, once a goal is set up"),
                tr,
            )
        case Unclear.WHICH_GOAL:
            assert question.lookup is not None
            lookup = question.lookup
            which = tr._("“{query}” could be {choices}. Which one? Use its number.")
            return question_text(
                which.format(query=lookup.query, choices=describe_choices(lookup)),
                goal_example,
                tr,
            )
        case Unclear.NO_SUCH_GOAL:
            assert question.lookup is not None
            missing = tr._("I couldn't find a goal called “{query}”.")
            return question_text(missing.format(query=question.lookup.query), goal_example, tr)


def doubt_blocks(doubt: Implausible, tr: Translator = ENGLISH) -> tuple[str, list[Block] | None]:
    """A value refused as impossible (text alone), or asked about with buttons."""
    typed = quantity(doubt.typed, tr.lang)
    title = escape(doubt.title)
    if isinstance(doubt.doubt, Impossible):
        return _impossible_text(doubt.doubt, title, typed, tr), None
    return _far_off(doubt, doubt.doubt, title, typed, tr)


def _impossible_text(impossible: Impossible, title: str, typed: str, tr: Translator) -> str:
    text = tr._("“{title}”: {typed} can't be right: {why}. Nothing was saved.")
    return rtl(text.format(title=title, typed=typed, why=tr._(_IMPOSSIBLE[impossible])), tr.lang)


def doubt_text(doubt: Implausible, tr: Translator = ENGLISH) -> str:
    """Why the value was not stored, in a sentence (the API's answer; no buttons to offer)."""
    typed = quantity(doubt.typed, tr.lang)
    if isinstance(doubt.doubt, Impossible):
        return _impossible_text(doubt.doubt, doubt.title, typed, tr)
    return far_off_text(doubt, doubt.doubt, doubt.title, typed, tr)


def far_off_text(
    doubt: Implausible, far: FarOff, title: str, typed: str, tr: Translator = ENGLISH
) -> str:
    """“Reach”: 4.1M is far from the last value, 41,200. Did you mean 41,200?"""
    last = quantity(Quantity(far.last, doubt.typed.unit, doubt.typed.currency), tr.lang)
    text = tr._("“{title}”: {typed} is far from the last value, {last}.").format(
        title=title, typed=typed, last=last
    )
    if far.suggestion is not None:
        likely = _suggestion(doubt, far.suggestion, tr)
        text += " " + tr._("Did you mean {value}?").format(value=likely)
    return rtl(text, tr.lang)


def _suggestion(doubt: Implausible, value: Decimal, tr: Translator) -> str:
    return quantity(Quantity(value, doubt.typed.unit, doubt.typed.currency), tr.lang)


def _far_off(
    doubt: Implausible, far: FarOff, title: str, typed: str, tr: Translator
) -> tuple[str, list[Block]]:
    text = far_off_text(doubt, far, title, typed, tr)
    buttons = []
    if far.suggestion is not None:
        likely = _suggestion(doubt, far.suggestion, tr)
        buttons.append(
            button(tr._("Yes, {value}").format(value=likely), DOUBT_ACTIONS[0],
                   button_value(doubt, far.suggestion), style="primary")
        )  # fmt: skip
    buttons.append(
        button(
            tr._("Save {value} as typed").format(value=typed),
            DOUBT_ACTIONS[1],
            button_value(doubt, doubt.typed.value),
        )
    )
    buttons.append(button(tr._("Cancel"), DOUBT_CANCEL, "cancel"))
    text = rtl(text + " " + tr._("Nothing is saved until you choose."), tr.lang)
    return text, [section(text), actions(*buttons)]


def undo_offer_blocks(offer: UndoOffer, tr: Translator = ENGLISH) -> tuple[str, list[Block]]:
    """Ask before removing the person's last check-in."""
    text = tr._("Undo your check-in of {value} on “{title}”?").format(
        value=quantity(offer.value, tr.lang), title=escape(offer.title)
    )
    text = rtl(text, tr.lang)
    buttons = actions(
        button(tr._("Undo it"), UNDO_CONFIRM, str(offer.checkin_id), style="danger"),
        button(tr._("Keep it"), UNDO_KEEP, "keep"),
    )
    return text, [section(text), buttons]


NOTHING_TO_CHECK_IN = N_("You have no active goal to check in on. Press *New goal* to set one.")
"""The Home's Check in button, pressed by someone without a goal to check in on."""

PICK_ONE_GOAL = N_("Pick one of your goals.")
"""The goal picker in front of the Update form, submitted without a pick."""


def checkin_usage_text(tr: Translator) -> str:
    """`/goals checkin` typed alone."""
    return question_text(
        tr._("Tell me the goal and its new value."), "/goals checkin reach 41.2k", tr
    )


def removed_text(titles: Sequence[str], tr: Translator = ENGLISH) -> str:
    """A check-in message deleted: its values are gone too."""
    names = ", ".join(f"“{escape(t)}”" for t in titles)
    return rtl(tr._("Removed the check-in of {titles}.").format(titles=names), tr.lang)


def question_text(message: str, example: str, tr: Translator = ENGLISH) -> str:
    """A value the bot could not read: what went wrong and what works.

    Both may quote what the person typed or a goal's title, so both are escaped here.
    """
    text = tr._("{problem} For example: `{example}`. Nothing was saved.")
    return rtl(text.format(problem=escape(message), example=escape(example)), tr.lang)


def _value(answer: GoalAnswer, tr: Translator) -> str:
    return quantity(answer.value, tr.lang) if answer.value else tr._("no value yet")
