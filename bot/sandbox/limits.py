"""Slack's Block Kit limits, checked on every payload the bot sends to the sandbox.

Slack rejects an over-long payload with `invalid_blocks`; in production that is a
message a person never sees. The sandbox fails the test instead.
"""

from __future__ import annotations

from typing import Any

MAX_BLOCKS = {"message": 50, "modal": 100, "home": 100}
MAX_MESSAGE_TEXT = 40_000
_TEXT_LIMITS = {  # (block type, field) -> characters
    ("section", "text"): 3000,
    ("header", "text"): 150,
    ("context", "element"): 3000,
    ("input", "label"): 2000,
    ("input", "hint"): 2000,
    ("image", "title"): 2000,
}
_MAX_FIELDS, _MAX_FIELD_TEXT = 10, 2000
_MAX_ACTIONS, _MAX_CONTEXT = 25, 10
_MAX_BUTTON_TEXT, _MAX_OPTION_TEXT, _MAX_VALUE = 75, 75, 2000
_MAX_ID = 255
_MAX_OPTIONS = 100
_MAX_VIEW_TITLE = 24
_MAX_PRIVATE_METADATA = 3000


def _text_of(obj: Any) -> str:
    if isinstance(obj, dict):
        return str(obj.get("text", ""))
    return str(obj or "")


def _check_element(element: dict[str, Any], where: str, problems: list[str]) -> None:
    kind = element.get("type")
    if kind == "button":
        if len(_text_of(element.get("text"))) > _MAX_BUTTON_TEXT:
            problems.append(f"{where}: button text over {_MAX_BUTTON_TEXT} characters")
        if len(str(element.get("value", ""))) > _MAX_VALUE:
            problems.append(f"{where}: button value over {_MAX_VALUE} characters")
    if len(str(element.get("action_id", ""))) > _MAX_ID:
        problems.append(f"{where}: action_id over {_MAX_ID} characters")
    options = list(element.get("options") or [])
    for group in element.get("option_groups") or []:
        options.extend(group.get("options") or [])
    if len(options) > _MAX_OPTIONS:
        problems.append(f"{where}: {len(options)} options (limit {_MAX_OPTIONS})")
    for option in options:
        if len(_text_of(option.get("text"))) > _MAX_OPTION_TEXT:
            problems.append(f"{where}: option text over {_MAX_OPTION_TEXT} characters")
        if len(str(option.get("value", ""))) > _MAX_OPTION_TEXT * 2:
            problems.append(f"{where}: option value over {_MAX_OPTION_TEXT * 2} characters")


def _check_block(block: dict[str, Any], where: str, problems: list[str]) -> None:
    kind = str(block.get("type", ""))
    if not kind:
        problems.append(f"{where}: block without a type")
        return
    if len(str(block.get("block_id", ""))) > _MAX_ID:
        problems.append(f"{where}: block_id over {_MAX_ID} characters")
    _check_block_text(block, kind, where, problems)
    _check_block_elements(block, kind, where, problems)


def _check_block_text(block: dict[str, Any], kind: str, where: str, problems: list[str]) -> None:
    """The block's own text: its text fields by type, and a section's fields."""
    for (block_kind, field), limit in _TEXT_LIMITS.items():
        if block_kind == kind and field in block and len(_text_of(block[field])) > limit:
            problems.append(f"{where}: {kind} {field} over {limit} characters")
    if kind == "section" and "text" not in block and "fields" not in block:
        problems.append(f"{where}: section needs text or fields")
    fields = block.get("fields") or []
    if len(fields) > _MAX_FIELDS:
        problems.append(f"{where}: {len(fields)} fields (limit {_MAX_FIELDS})")
    for field_obj in fields:
        if len(_text_of(field_obj)) > _MAX_FIELD_TEXT:
            problems.append(f"{where}: field text over {_MAX_FIELD_TEXT} characters")


def _check_block_elements(
    block: dict[str, Any], kind: str, where: str, problems: list[str]
) -> None:
    """The elements inside a block: its elements list, its accessory, an input's element."""
    elements = block.get("elements") or []
    if kind == "actions" and len(elements) > _MAX_ACTIONS:
        problems.append(f"{where}: {len(elements)} action elements (limit {_MAX_ACTIONS})")
    if kind == "context":
        if len(elements) > _MAX_CONTEXT:
            problems.append(f"{where}: {len(elements)} context elements (limit {_MAX_CONTEXT})")
        for element in elements:
            if len(_text_of(element)) > _TEXT_LIMITS[("context", "element")]:
                problems.append(f"{where}: context text over 3000 characters")
    for element in elements:
        if isinstance(element, dict):
            _check_element(element, where, problems)
    if isinstance(block.get("accessory"), dict):
        _check_element(block["accessory"], where, problems)
    if isinstance(block.get("element"), dict):
        _check_element(block["element"], where, problems)


def block_problems(blocks: Any, surface: str = "message") -> list[str]:
    """Every way `blocks` breaks Slack's limits for `surface` (message, modal or home).

    Example:
        >>> block_problems([{"type": "header", "text": {"type": "plain_text", "text": "x" * 151}}])
        ['block 0: header text over 150 characters']
    """
    if blocks is None:
        return []
    if not isinstance(blocks, list):
        return ["blocks is not a list"]
    problems: list[str] = []
    limit = MAX_BLOCKS[surface]
    if len(blocks) > limit:
        problems.append(f"{len(blocks)} blocks in a {surface} (limit {limit})")
    for index, block in enumerate(blocks):
        if not isinstance(block, dict):
            problems.append(f"block {index}: not an object")
            continue
        _check_block(block, f"block {index}", problems)
    return problems


def view_problems(view: Any) -> list[str]:
    """Problems of a modal or Home tab view, including its blocks."""
    if not isinstance(view, dict):
        return ["view is not an object"]
    surface = "home" if view.get("type") == "home" else "modal"
    problems = block_problems(view.get("blocks", []), surface)
    for key in ("title", "submit", "close"):
        if key in view and len(_text_of(view[key])) > _MAX_VIEW_TITLE:
            problems.append(f"view {key} over {_MAX_VIEW_TITLE} characters")
    if surface == "modal" and "title" not in view:
        problems.append("modal without a title")
    if len(str(view.get("private_metadata", ""))) > _MAX_PRIVATE_METADATA:
        problems.append(f"private_metadata over {_MAX_PRIVATE_METADATA} characters")
    if len(str(view.get("callback_id", ""))) > _MAX_ID:
        problems.append(f"callback_id over {_MAX_ID} characters")
    return problems


def message_problems(text: Any, blocks: Any) -> list[str]:
    """Problems of a chat message: its blocks and its fallback text."""
    problems = block_problems(blocks, "message")
    if text is not None and len(str(text)) > MAX_MESSAGE_TEXT:
        problems.append(f"message text over {MAX_MESSAGE_TEXT} characters")
    if not text and not blocks:
        problems.append("message with neither text nor blocks")
    return problems
