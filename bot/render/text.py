"""Block Kit read back as plain text: what the console and the command line print.

Rendering the very blocks the bot posts (rather than keeping a second renderer)
makes the console a faithful preview of Slack.
"""

from __future__ import annotations

import re
from typing import Any

_LINK = re.compile(r"<(?P<target>[^>|]+)(?:\|(?P<label>[^>]+))?>")


def mrkdwn_to_text(text: str) -> str:
    """Slack markup to terminal text: links and mentions shown by their labels."""

    def replace(match: re.Match[str]) -> str:
        target, label = match.group("target"), match.group("label")
        if label:
            return label
        if target.startswith("@"):
            return "@" + target[1:]
        if target.startswith("#"):
            return "#" + target[1:]
        if target.startswith("!"):
            return "@" + target[1:].split("^")[0]
        return target

    text = _LINK.sub(replace, text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _plain(obj: Any) -> str:
    if isinstance(obj, dict):
        return mrkdwn_to_text(str(obj.get("text", "")))
    return ""


def _element_text(element: dict[str, Any], buttons: list[dict[str, Any]]) -> str:
    kind = element.get("type")
    if kind == "button":
        buttons.append(element)
        return f"[{len(buttons)}] {_plain(element.get('text'))}"
    if kind in ("static_select", "overflow", "radio_buttons", "checkboxes"):
        options = [_plain(o.get("text")) for o in element.get("options", [])]
        placeholder = _plain(element.get("placeholder")) or "choose"
        return f"({placeholder}: {', '.join(options)})"
    if kind == "image":
        return f"[image: {element.get('alt_text', '')}]"
    if kind in ("mrkdwn", "plain_text"):
        return mrkdwn_to_text(str(element.get("text", "")))
    return ""


def blocks_to_text(
    blocks: list[dict[str, Any]], *, fallback: str = ""
) -> tuple[str, list[dict[str, Any]]]:
    """The text of a message and its buttons in order (numbered [1], [2], ... in the text).

    Example:
        >>> blocks_to_text([{"type": "section", "text": {"type": "mrkdwn", "text": "*Hi*"}}])
        ('*Hi*', [])
    """
    if not blocks:
        return mrkdwn_to_text(fallback), []
    lines: list[str] = []
    buttons: list[dict[str, Any]] = []
    for block in blocks:
        lines.extend(_block_lines(block, buttons, fallback))
    return "\n".join(line for line in lines if line is not None), buttons


def _block_lines(block: dict[str, Any], buttons: list[dict[str, Any]], fallback: str) -> list[str]:
    """The lines of one block; its buttons are added to `buttons`, numbered in order."""
    kind = block.get("type")
    if kind == "header":
        return [f"== {_plain(block.get('text'))} =="]
    if kind == "section":
        lines = [_plain(block["text"])] if "text" in block else []
        lines.extend(_plain(f) for f in block.get("fields", []))
        if isinstance(block.get("accessory"), dict):
            lines.append("  " + _element_text(block["accessory"], buttons))
        return lines
    if kind in ("context", "actions"):
        gap = "  " if kind == "context" else "   "
        return [gap.join(_element_text(e, buttons) for e in block.get("elements", []))]
    if kind == "divider":
        return ["-" * 40]
    if kind == "input":
        element = block.get("element", {})
        return [f"{_plain(block.get('label'))}: <{element.get('type', 'input')}>"]
    if kind == "image":
        return [f"[image: {block.get('alt_text', '')}]"]
    if kind == "rich_text":
        return [fallback]
    return []
