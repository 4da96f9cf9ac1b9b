"""Block Kit for the goal interview: the echo, the question, the SMART review, the card."""

from __future__ import annotations

import json

from bot.core.dates import format_date
from bot.core.interview import Choice, Prompt
from bot.core.mrkdwn import escape
from bot.core.smart import SmartReview, Verdict
from bot.render.common import Block, actions, button, context, header, section
from bot.render.interview_form import OPEN_FORM_ACTION
from bot.services.interview import InterviewNote, InterviewView, Note
from bot.services.interview_saving import SavedGoal

ANSWER_ACTION = "interview.answer"
START_ACTION = "interview.start"

_MARKS = {Verdict.PASS: "✅", Verdict.WARN: "⚠️", Verdict.FAIL: "❌"}

INTERVIEW_BY_DM = "I've sent you a direct message to set up the goal."
"""`/goals new` typed in a channel: the interview itself runs in a DM."""


def team_interview_opening(user_id: str) -> str:
    """The channel message under which a team goal's interview runs, as a thread."""
    return f"<@{user_id}> is setting a team goal; the interview runs in this thread."


def interview_message(view: InterviewView) -> tuple[str, list[Block]]:
    """The notification text and the blocks of one interview message."""
    blocks: list[Block] = []
    texts: list[str] = []
    if view.note:
        note = note_text(view.note)
        blocks.append(section(note))
        texts.append(note)
    if view.saved is not None:
        blocks.extend(_saved_blocks(view.saved))
        texts.append(f"Saved: {escape(view.saved.title)}")
    if view.prompt is not None:
        blocks.extend(_prompt_blocks(view.prompt, view.token))
        texts.append(view.prompt.problem or view.prompt.question)
    if view.offer_form:
        form = button("Use a form instead", OPEN_FORM_ACTION, "form")
        blocks.append(actions(form, block_id="interview.form"))
    return " ".join(texts)[:3000] or "…", blocks[:50]


def note_text(note: InterviewNote) -> str:
    """A word about the interview itself: resumed, expired, replaced, over."""
    start_again = "Type `new goal` to start again."
    match note.note:
        case Note.RESUMED:
            return (
                "You have a goal interview in progress; here is where we were. "
                "Say cancel to drop it."
            )
        case Note.EXPIRED | Note.EXPIRED_START_AGAIN:
            assert note.since is not None
            expired = (
                f"Your goal interview from {format_date(note.since)} expired after a "
                "day without answers; nothing was saved."
            )
            return f"{expired} {start_again}" if note.note is Note.EXPIRED_START_AGAIN else expired
        case Note.LOST:
            return f"I lost track of that interview, sorry. {start_again}"
        case Note.FORM_REPLACED:
            return "The form replaced the goal interview you had in progress."
        case Note.REPLACED:
            return "This new goal replaced the goal interview you had in progress."
        case Note.ALREADY_SAVED:
            return "That goal is already saved."
        case Note.BUTTON_OVER:
            return "That button belongs to an interview that is over."


def _prompt_blocks(prompt: Prompt, token: str) -> list[Block]:
    blocks: list[Block] = []
    if prompt.echo:
        blocks.append(context(*(f"✓ {line}" for line in prompt.echo)))
    if prompt.problem:
        blocks.append(section(f"⚠️ {prompt.problem}"))
    if prompt.summary:
        blocks.append(section("\n".join(prompt.summary)))
    for title, result in prompt.reviews:
        blocks.append(section(_review_text(title, result)))
    blocks.append(section(prompt.question))
    hints = [f"For example: {prompt.example}"] if prompt.example else []
    if prompt.help:
        hints.insert(0, prompt.help)
    if hints:
        blocks.append(context(*hints))
    if prompt.choices:
        blocks.append(_buttons(prompt.choices, token, "choices", primary=prompt.step == "review"))
    if prompt.controls:
        blocks.append(_buttons(prompt.controls, token, "controls", offset=len(prompt.choices)))
    return blocks


def _review_text(title: str, result: SmartReview) -> str:
    lines = [f"*SMART review{f' of {title}' if title else ''}*"]
    lines += [f"{_MARKS[x.verdict]} *{x.letter}* {x.name}: {x.reason}" for x in result.letters]
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


def _saved_blocks(saved: SavedGoal) -> list[Block]:
    blocks = [header("Goal saved"), section(f"*{escape(saved.title)}*\n" + "\n".join(saved.lines))]
    if saved.first_checkin:
        first = saved.first_checkin
        when = f"{first:%a} {format_date(first.date())} at {first:%H:%M}"
        blocks.append(context(f"First check-in reminder: {when}."))
    return blocks


def start_button() -> Block:
    """A "New goal" button other surfaces (the App Home) can show."""
    return actions(button("New goal", START_ACTION, "new"), block_id="interview.start")


WISH_LIMIT = 1900
"""A button's value holds at most 2000 characters; a wish longer than this is cut."""


def wish_offer() -> str:
    """The words offering to turn a wish typed in a DM into a goal."""
    return "That sounds like a goal. Shall we set it up? I'll start from what you said."


def wish_blocks(wish: str) -> list[Block]:
    """The offer, with a button that starts the interview carrying the wish."""
    start = button("Start a goal with this", START_ACTION, wish[:WISH_LIMIT], style="primary")
    return [section(wish_offer()), actions(start, block_id="interview.wish")]


def parse_button_value(value: str) -> tuple[str, str] | None:
    """(token, answer) from a button's value, or None when it is not ours."""
    try:
        data = json.loads(value)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    return str(data.get("t", "")), str(data.get("a", ""))
