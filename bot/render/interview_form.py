"""The goal form: a modal with the interview's fields, and reading its submission back.

Each field is an input block whose `block_id` is the `FormField` value, so the
problems the interview finds map straight onto Slack's per-field errors.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from bot.core.interview import Choice, Measure
from bot.core.interview.form import FormAnswers, FormField
from bot.core.interview.words import CADENCE_CHOICES, DIRECTIONS, EXAMPLE_WHY, metric_name
from bot.core.kpis import catalogue
from bot.core.values import CATEGORY_LABELS, Unit
from bot.i18n.bidi import rtl
from bot.i18n.catalogue import Translator
from bot.render.common import CHANNEL_FILTER, Block, clip, context, input_block, modal, plain

FORM_CALLBACK = "interview.form"
OPEN_FORM_ACTION = "interview.form.open"
_ACTION = "interview.form."


def form_view(user_id: str, tr: Translator) -> dict[str, Any]:
    """The modal for `/goals new form`: every question of the interview on one page.

    Example:
        >>> from bot.i18n.catalogue import translator
        >>> form_view("U1", translator("en"))["callback_id"]
        'interview.form'
    """
    metrics = sorted(catalogue(), key=lambda k: k.name.casefold())
    _ = tr._
    categories = [Choice(_(label), c.value) for c, label in CATEGORY_LABELS.items()]
    metric_choices = [
        Choice(metric_name(Measure(metric_key=k.key, metric_name=k.name), tr.lang), k.key)
        for k in metrics
    ]
    cadences = [Choice(_(c.label), c.value) for c in CADENCE_CHOICES]
    blocks: list[Block] = [
        context(rtl(_(
            "The same questions as the conversation. After *Review* I'll send the SMART "
            "review to our DM, where you save the goal."), tr.lang)),
        input_block(FormField.WHY, _("Why: the business objective"),
                    _text(FormField.WHY, _(EXAMPLE_WHY), 300)),
        input_block(FormField.CATEGORY, _("Closest objective"),
                    _select(FormField.CATEGORY, categories),
                    optional=True, hint=_("Leave empty and I'll tell it from the why.")),
        input_block(FormField.WHERE, _("Where: platform or scope"),
                    _text(FormField.WHERE, _("Instagram, website, all channels, Cluj"), 100),
                    optional=True),
        input_block(FormField.METRIC, _("Metric"),
                    _select(FormField.METRIC, metric_choices),
                    optional=True, hint=_("Or type your own metric below.")),
        input_block(FormField.CUSTOM_METRIC, _("Your own metric"),
                    _text(FormField.CUSTOM_METRIC, _("pizza orders by phone"), 100),
                    optional=True),
        input_block(FormField.UNIT, _("Its kind of number"),
                    _select(FormField.UNIT, [Choice(_(u.value), u.value) for u in Unit]),
                    optional=True, hint=_("Only for your own metric.")),
        input_block(FormField.DIRECTION, _("Which way is better"),
                    _select(FormField.DIRECTION, [Choice(_(d.label), d.value) for d in DIRECTIONS]),
                    optional=True, hint=_("Only for your own metric.")),
        input_block(FormField.BASELINE, _("Today's value (baseline)"),
                    _text(FormField.BASELINE, _("12k, 3.2%, 2h 30m or $1.5k"), 100),
                    optional=True,
                    hint=_("Leave empty if you don't know yet: "
                           "the first check-in becomes the baseline.")),
        input_block(FormField.TARGET, _("Target"),
                    _text(FormField.TARGET, _("60k a month, +20%, double it, under 1h"), 100)),
        input_block(FormField.DEADLINE, _("Deadline"),
                    {"type": "datepicker", "action_id": _ACTION + FormField.DEADLINE}),
        input_block(FormField.OWNER, _("Owner"),
                    {"type": "users_select", "action_id": _ACTION + FormField.OWNER,
                     "initial_user": user_id}, optional=True),
        input_block(FormField.CADENCE, _("Check-ins"),
                    _select(FormField.CADENCE, cadences, initial=cadences[0]),
                    optional=True, hint=_("In the owner's time zone.")),
        input_block(FormField.CHANNEL, _("Digest channel"),
                    {"type": "conversations_select", "action_id": _ACTION + FormField.CHANNEL,
                     "filter": CHANNEL_FILTER},
                    optional=True),
    ]  # fmt: skip
    view = modal(FORM_CALLBACK, _("New goal"), _("Review"), blocks)
    return {**view, "close": plain(_("Cancel"), 24)}


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
