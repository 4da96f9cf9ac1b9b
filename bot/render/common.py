"""Small Block Kit builders, so every surface writes blocks the same way."""

from __future__ import annotations

from typing import Any

from bot.core.parse_error import ParseError
from bot.i18n.catalogue import Translator
from bot.i18n.problems import problem_text

Block = dict[str, Any]

SECTION_LIMIT = 3000
HEADER_LIMIT = 150


def clip(text: str, limit: int) -> str:
    """Cut text to a Slack limit, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def chunk_lines(lines: list[str], limit: int = SECTION_LIMIT - 100) -> list[str]:
    """Join lines into as few texts as fit a section each, never splitting a line.

    Example:
        >>> chunk_lines(["a", "b"])
        ['a\\nb']
    """
    chunks: list[str] = []
    current = ""
    for line in lines:
        line = clip(line, limit)
        if current and len(current) + 1 + len(line) > limit:
            chunks.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        chunks.append(current)
    return chunks


def counted(count: int, noun: str) -> str:
    """A count with its noun, plural unless one: "1 goal", "3 check-ins"."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def header(text: str) -> Block:
    return {
        "type": "header",
        "text": {"type": "plain_text", "text": clip(text, HEADER_LIMIT), "emoji": True},
    }


def section(markdown: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": clip(markdown, SECTION_LIMIT)}}


def context(*markdown: str) -> Block:
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": clip(m, SECTION_LIMIT)} for m in markdown[:10]],
    }


def divider() -> Block:
    return {"type": "divider"}


def button(label: str, action_id: str, value: str = "", *, style: str | None = None) -> Block:
    element: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": clip(label, 75), "emoji": True},
        "action_id": action_id,
    }
    if value:
        element["value"] = value[:2000]
    if style:
        element["style"] = style
    return element


def actions(*buttons: Block, block_id: str | None = None) -> Block:
    block: Block = {"type": "actions", "elements": list(buttons[:25])}
    if block_id:
        block["block_id"] = block_id
    return block


def plain(text: str, limit: int = 2000) -> Block:
    """Plain text, as labels, hints, placeholders and modal titles take it."""
    return {"type": "plain_text", "text": clip(text, limit), "emoji": True}


# What a channel picker offers: public and private channels, never DMs (the bot is not in a
# DM between people, and a digest there would reach no team).
CHANNEL_FILTER = {"include": ["public", "private"], "exclude_bot_users": True}


def input_block(
    block_id: str, label: str, element: Block, *, optional: bool = False, hint: str = ""
) -> Block:
    """A modal's field: its label, the element typed or picked in, and a hint under it."""
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label),
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = plain(hint)
    return block


def modal(
    callback_id: str, title: str, submit: str, blocks: list[Block], *, private_metadata: str = ""
) -> Block:
    """A modal view with a Cancel button; `private_metadata` comes back with its submission."""
    view: Block = {
        "type": "modal",
        "callback_id": callback_id,
        "title": plain(title, 24),
        "submit": plain(submit, 24),
        "close": plain("Cancel", 24),
        "blocks": blocks,
    }
    if private_metadata:
        view["private_metadata"] = private_metadata
    return view


def field_problem(problem: ParseError, tr: Translator) -> str:
    """Under a modal's input: why the value typed there could not be read, and what works."""
    example = tr._("For example: {example}").format(example=problem.example)
    return f"{problem_text(problem, tr)} {example}"
