"""Block Kit for the goal interview: the echo, the question, the SMART review, the card."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.core.dates import format_date
from bot.core.interview import Choice, Prompt
from bot.core.interview.words import shown_day
from bot.core.mrkdwn import escape
from bot.core.smart import SmartReview, Verdict
from bot.i18n.bidi import RTL_LANGUAGES, rtl
from bot.i18n.catalogue import N_, Translator, translator
from bot.i18n.formats import day, persian_digits
from bot.render.common import Block, actions, button, context, header, section
from bot.render.interview_form import OPEN_FORM_ACTION
from bot.services.interview import InterviewNote, InterviewView, Note
from bot.services.interview_saving import SavedGoal

ANSWER_ACTION = "interview.answer"
START_ACTION = "interview.start"

_MARKS = {Verdict.PASS: "✅", Verdict.WARN: "⚠️", Verdict.FAIL: "❌"}

INTERVIEW_BY_DM = N_("I've sent you a direct message to set up the goal.")
"""`/goals new` typed in a channel: the interview itself runs in a DM."""

QUESTION_NOTE = N_("I took that as a question, not as an answer. Back to your goal:")
"""Before the step asked again, once a question typed mid-interview is answered."""


def team_interview_opening(user_id: str, tr: Translator) -> str:
    """The channel message under which a team goal's interview runs, as a thread."""
    said = tr._("{user} is setting a team goal; the interview runs in this thread.")
    return rtl(said.format(user=f"<@{user_id}>"), tr.lang)


def interview_message(view: InterviewView) -> tuple[str, list[Block]]:
    """The notification text and the blocks of one interview message."""
    tr = translator(view.lang)
    blocks: list[Block] = []
    texts: list[str] = []
    if view.note:
        note = note_text(view.note, tr)
        blocks.append(section(note))
        texts.append(note)
    if view.saved is not None:
        blocks.extend(_saved_blocks(view.saved, tr))
        texts.append(tr._("Saved: {title}").format(title=escape(view.saved.title)))
    if view.prompt is not None:
        blocks.extend(_prompt_blocks(view.prompt, view.token, tr))
        texts.append(view.prompt.problem or view.prompt.question)
    if view.offer_form:
        form = button(tr._("Use a form instead"), OPEN_FORM_ACTION, "form")
        blocks.append(actions(form, block_id="interview.form"))
    return rtl(" ".join(texts)[:3000], tr.lang) or "…", in_language(blocks[:50], tr.lang)


def in_language(blocks: list[Block], lang: str) -> list[Block]:
    """The blocks with every shown text ready for `lang` (isolated runs in Persian)."""
    if lang not in RTL_LANGUAGES:
        return blocks
    return [_rtl_node(block, lang) for block in blocks]


def _rtl_node(node: Any, lang: str) -> Any:
    if isinstance(node, dict):
        return {k: rtl(v, lang) if k == "text" and isinstance(v, str) else _rtl_node(v, lang)
                for k, v in node.items()}  # fmt: skip
    if isinstance(node, list):
        return [_rtl_node(item, lang) for item in node]
    return node


def note_text(note: InterviewNote, tr: Translator) -> str:
    """A word about the interview itself: resumed, expired, replaced, over."""
    start_again = tr._("Type `new goal` to start again.")
    match note.note:
        case Note.RESUMED:
            return tr._(
                "You have a goal interview in progress; here is where we were. "
                "Say cancel to drop it."
            )
        case Note.EXPIRED | Note.EXPIRED_START_AGAIN:
            assert note.since is not None
            expired = tr._(
                "Your goal interview from {day} expired after a day without answers; "
                "nothing was saved."
            ).format(day=shown_day(note.since, tr.lang))
            return f"{expired} {start_again}" if note.note is Note.EXPIRED_START_AGAIN else expired
        case Note.LOST:
            return tr._("I lost track of that interview, sorry.") + " " + start_again
        case Note.FORM_REPLACED:
            return tr._("The form replaced the goal interview you had in progress.")
        case Note.REPLACED:
            return tr._("This new goal replaced the goal interview you had in progress.")
        case Note.ALREADY_SAVED:
            return tr._("That goal is already saved.")
        case Note.BUTTON_OVER:
            return tr._("That button belongs to an interview that is over.")
        case Note.QUESTION:
            return tr._(QUESTION_NOTE)


def _prompt_blocks(prompt: Prompt, token: str, tr: Translator) -> list[Block]:
    blocks: list[Block] = []
    if prompt.echo:
        blocks.append(context(*(f"✓ {line}" for line in prompt.echo)))
    if prompt.problem:
        blocks.append(section(f"⚠️ {prompt.problem}"))
    if prompt.summary:
        blocks.append(section("\n".join(prompt.summary)))
    for title, result in prompt.reviews:
        blocks.append(section(_review_text(title, result, tr)))
    blocks.append(section(prompt.question))
    hints = (
        [tr._("For example: {example}").format(example=prompt.example)] if prompt.example else []
    )
    if prompt.help:
        hints.insert(0, prompt.help)
    if hints:
        blocks.append(context(*hints))
    if prompt.choices:
        blocks.append(_buttons(prompt.choices, token, "choices", primary=prompt.step == "review"))
    if prompt.controls:
        blocks.append(_buttons(prompt.controls, token, "controls", offset=len(prompt.choices)))
    return blocks


def _review_text(title: str, result: SmartReview, tr: Translator) -> str:
    heading = tr._("SMART review of {title}").format(title=title) if title else tr._("SMART review")
    lines = [f"*{heading}*"]
    lines += [
        f"{_MARKS[x.verdict]} *{x.letter}* {tr._(x.name)}: {x.reason}" for x in result.letters
    ]
    return "\n".join(lines)


def _buttons(
    choices: tuple[Choice, ...], token: str, name: str, *, offset: int = 0, primary: bool = False
) -> Block:
    elements = [
        button(
            c.label,
            f"{ANSWER_ACTION}.{offset + n}",
            json.dumps({"t": token, "a": c.value[:1500]}, ensure_ascii=False),
            style="primary" if primary and n == 0 else None,
        )
        for n, c in enumerate(choices)
    ]
    return actions(*elements, block_id=f"interview.{name}")


def _saved_blocks(saved: SavedGoal, tr: Translator) -> list[Block]:
    title = f"*{escape(saved.title)}*\n"
    blocks = [header(tr._("Goal saved")), section(title + "\n".join(saved.lines))]
    if saved.first_checkin:
        first = saved.first_checkin
        clock = persian_digits(f"{first:%H:%M}") if tr.lang == "fa" else f"{first:%H:%M}"
        when = tr._("{day} at {time}").format(day=first_day(first, tr.lang), time=clock)
        blocks.append(context(tr._("First check-in reminder: {when}.").format(when=when)))
    return blocks


def first_day(first: datetime, lang: str) -> str:
    """The day of the first reminder: "Mon 23 Nov 2026" in English, the locale's elsewhere."""
    return f"{first:%a} {format_date(first.date())}" if lang == "en" else day(first.date(), lang)


def start_button(tr: Translator) -> Block:
    """A "New goal" button other surfaces (the App Home) can show."""
    return actions(button(tr._("New goal"), START_ACTION, "new"), block_id="interview.start")


WISH_LIMIT = 1900
"""A button's value holds at most 2000 characters; a wish longer than this is cut."""


def wish_offer(tr: Translator) -> str:
    """The words offering to turn a wish typed in a DM into a goal."""
    said = tr._("That sounds like a goal. Shall we set it up? I'll start from what you said.")
    return rtl(said, tr.lang)


def wish_blocks(wish: str, tr: Translator) -> list[Block]:
    """The offer, with a button that starts the interview carrying the wish."""
    label = tr._("Start a goal with this")
    start = button(label, START_ACTION, wish[:WISH_LIMIT], style="primary")
    return [section(wish_offer(tr)), actions(start, block_id="interview.wish")]


def parse_button_value(value: str) -> tuple[str, str] | None:
    """(token, answer) from a button's value, or None when it is not ours."""
    try:
        data = json.loads(value)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    return str(data.get("t", "")), str(data.get("a", ""))
