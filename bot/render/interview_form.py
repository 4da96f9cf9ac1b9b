"""The goal form: a modal with the interview's fields, and reading its submission back.

Each field is an input block whose `block_id` is the `FormField` value, so the
problems the interview finds map straight onto Slack's per-field errors.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from bot.core.interview import Choice
from bot.core.interview.form import FormAnswers, FormField
from bot.core.interview.questions import CADENCE_CHOICES
from bot.core.kpis import catalogue
from bot.core.values import CATEGORY_LABELS, Unit
from bot.render.common import CHANNEL_FILTER, Block, clip, context, input_block, modal, plain

FORM_CALLBACK = "interview.form"
OPEN_FORM_ACTION = "interview.form.open"
_ACTION = "interview.form."

_DIRECTIONS = (Choice("Higher is better", "higher"), Choice("Lower is better", "lower"))


def form_view(user_id: str) -> dict[str, Any]:
    """The modal for `/goals new form`: every question of the interview on one page.

    Example:
        >>> form_view("U1")["callback_id"]
        'interview.form'
    """
    metrics = sorted(catalogue(), key=lambda k: k.name.casefold())
    blocks: list[Block] = [
        context(
            "The same questions as the conversation. After *Review* I'll send the SMART "
            "review to our DM, where you save the goal."
        ),
        input_block(FormField.WHY, "Why: the business objective",
                    _text(FormField.WHY, "we want more people to see our Instagram", 300)),
        input_block(FormField.CATEGORY, "Closest objective",
                    _select(FormField.CATEGORY,
                            [Choice(label, c.value) for c, label in CATEGORY_LABELS.items()]),
                    optional=True, hint="Leave empty and I'll tell it from the why."),
        input_block(FormField.WHERE, "Where: platform or scope",
                    _text(FormField.WHERE, "Instagram, website, all channels, Cluj", 100),
                    optional=True),
        input_block(FormField.METRIC, "Metric",
                    _select(FormField.METRIC, [Choice(k.name, k.key) for k in metrics]),
                    optional=True, hint="Or type your own metric below."),
        input_block(FormField.CUSTOM_METRIC, "Your own metric",
                    _text(FormField.CUSTOM_METRIC, "pizza orders by phone", 100), optional=True),
        input_block(FormField.UNIT, "Its kind of number",
                    _select(FormField.UNIT, [Choice(u.value, u.value) for u in Unit]),
                    optional=True, hint="Only for your own metric."),
        input_block(FormField.DIRECTION, "Which way is better",
                    _select(FormField.DIRECTION, list(_DIRECTIONS)),
                    optional=True, hint="Only for your own metric."),
        input_block(FormField.BASELINE, "Today's value (baseline)",
                    _text(FormField.BASELINE, "12k, 3.2%, 2h 30m or $1.5k", 100), optional=True,
                    hint="Leave empty if you don't know yet: "
                         "the first check-in becomes the baseline."),
        input_block(FormField.TARGET, "Target",
                    _text(FormField.TARGET, "60k a month, +20%, double it, under 1h", 100)),
        input_block(FormField.DEADLINE, "Deadline",
                    {"type": "datepicker", "action_id": _ACTION + FormField.DEADLINE}),
        input_block(FormField.OWNER, "Owner",
                    {"type": "users_select", "action_id": _ACTION + FormField.OWNER,
                     "initial_user": user_id}, optional=True),
        input_block(FormField.CADENCE, "Check-ins",
                    _select(FormField.CADENCE, list(CADENCE_CHOICES), initial=CADENCE_CHOICES[0]),
                    optional=True, hint="In the owner's time zone."),
        input_block(FormField.CHANNEL, "Digest channel",
                    {"type": "conversations_select", "action_id": _ACTION + FormField.CHANNEL,
                     "filter": CHANNEL_FILTER},
                    optional=True),
    ]  # fmt: skip
    return modal(FORM_CALLBACK, "New goal", "Review", blocks)


def form_answers(values: dict[str, Any]) -> FormAnswers:
    """The form's fields from a `view_submission`'s `view.state.values`, as plain strings."""
    read: dict[str, str] = {}
    for field in FormField:
        state = (values.get(field.value) or {}).get(_ACTION + field.value) or {}
        read[field.value] = _value_of(state)
    return FormAnswers(**read)


def form_errors(problems: Sequence[tuple[FormField, str]]) -> dict[str, str]:
    """Slack's `response_action: errors` map: the block id of each field, its problem.

    The problems are written for mrkdwn; Slack shows errors as plain text, so the
    escapes are undone (plain text cannot ping anyone).
    """
    return {field.value: clip(html.unescape(message), 150) for field, message in problems}


def _value_of(state: dict[str, Any]) -> str:
    option = state.get("selected_option") or {}
    for found in (
        state.get("value"),
        option.get("value") if isinstance(option, dict) else None,
        state.get("selected_user"),
        state.get("selected_conversation"),
        state.get("selected_date"),
    ):
        if found:
            return str(found)
    return ""


def _text(field: FormField, placeholder: str, max_length: int) -> dict[str, Any]:
    return {
        "type": "plain_text_input",
        "action_id": _ACTION + field,
        "placeholder": plain(placeholder),
        "max_length": max_length,
    }


def _select(
    field: FormField, choices: list[Choice], *, initial: Choice | None = None
) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "static_select",
        "action_id": _ACTION + field,
        "options": [_option(c) for c in choices[:100]],
    }
    if initial is not None:
        element["initial_option"] = _option(initial)
    return element


def _option(choice: Choice) -> dict[str, Any]:
    return {"text": plain(choice.label, 75), "value": choice.value[:150]}
