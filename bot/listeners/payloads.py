"""Reading what Slack sends back (button values, modal state, private metadata) without trusting it.

These values come from the bot's own messages and modals, but a stale message, a
replayed request or a tampered payload can hold anything; a listener reading them
through here gets a plain "not there" instead of an exception.
"""

from __future__ import annotations

import json
from typing import Any

MAX_ROW_ID = 2**63 - 1  # the largest id a database integer column can hold


def row_id(value: object) -> int | None:
    """A database id written in ASCII digits (a goal number, a page), else None.

    Example:
        >>> row_id("42"), row_id("²"), row_id("9" * 30), row_id("9" * 10_000), row_id(None)
        (42, None, None, None, None)
    """
    text = value.strip() if isinstance(value, str) else ""
    # More digits than the largest id has: not one (and int() refuses thousands of digits).
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(MAX_ROW_ID)):
        return None
    number = int(text)
    return number if number <= MAX_ROW_ID else None


def input_value(view: object, block_id: str, action_id: str) -> dict[str, Any]:
    """One input's state in a submitted modal (`{"value": ...}` etc.), or {} when missing or odd.

    Example:
        >>> view = {"state": {"values": {"title": {"value": {"value": "Reach"}}}}}
        >>> input_value(view, "title", "value")
        {'value': 'Reach'}
    """
    found: object = view
    for key in ("state", "values", block_id, action_id):
        found = found.get(key) if isinstance(found, dict) else None
    return found if isinstance(found, dict) else {}


def input_text(state: dict[str, Any], key: str) -> str:
    """A text field of an input's state (`value`, `selected_date`, ...), "" unless it is text."""
    found = state.get(key)
    return found if isinstance(found, str) else ""


def private_metadata(view: object) -> dict[str, Any]:
    """A modal's private metadata read as a JSON object, or {} when it is anything else."""
    raw = view.get("private_metadata") if isinstance(view, dict) else None
    try:
        data = json.loads(raw) if isinstance(raw, str) else None
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
