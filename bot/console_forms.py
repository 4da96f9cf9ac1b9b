"""Filling in a modal in the console, one field at a time, as a person does in Slack.

A form opened by the bot is walked through its input blocks: each is asked with its
label and current value; the typed answer becomes the state value Slack would send
(a text, a chosen option, a person, a channel, a date). After the last field the form
is submitted; errors the bot returns put the form back at the first wrong field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.i18n.bidi import rtl
from bot.i18n.catalogue import N_, Translator
from bot.i18n.formats import number
from bot.render.text import mrkdwn_to_text

KEEP = "."
"""Typed for a field: keep what it holds (or leave an optional field empty)."""

CANCEL = "!cancel"

_ID = re.compile(r"<[@#](?P<id>[UWC][A-Z0-9]+)(?:\|[^>]*)?>")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class FormFill:
    """A modal being filled in: its view, the input blocks, and the values typed so far."""

    view: dict[str, Any]
    tr: Translator  # the person's language, for the console's own words
    values: dict[str, dict[str, Any]] = field(default_factory=dict)
    at: int = 0

    @property
    def inputs(self) -> list[dict[str, Any]]:
        return [b for b in self.view.get("blocks", []) if b.get("type") == "input"]

    @property
    def title(self) -> str:
        return mrkdwn_to_text(str((self.view.get("title") or {}).get("text", "form")))

    @property
    def done(self) -> bool:
        return self.at >= len(self.inputs)

    def question(self) -> str:
        """The field to fill next: label, what it holds, and how to answer."""
        block = self.inputs[self.at]
        element = block.get("element", {})
        label = mrkdwn_to_text(str((block.get("label") or {}).get("text", "")))
        now = _initial_text(element)
        field_of = self.tr._("field {number} of {total}").format(
            number=number(self.at + 1, self.tr.lang), total=number(len(self.inputs), self.tr.lang)
        )
        lines = [f"[{self.title}] {field_of}: {label}"]
        options = element.get("options") or []
        if options:
            names = [f"{n}) {mrkdwn_to_text(o['text']['text'])}" for n, o in enumerate(options, 1)]
            lines.append("   " + "  ".join(names))
        hint = self.tr._(_HINTS.get(str(element.get("type")), N_("type the value")))
        if now:
            keep = self.tr._("“{keep}” keeps {now}").format(keep=KEEP, now=now)
        else:
            keep = self.tr._("“{keep}” leaves it empty").format(keep=KEEP)
        closes = self.tr._("{cancel} closes the form").format(cancel=CANCEL)
        lines.append(rtl(f"({hint}; {keep}; {closes})", self.tr.lang))
        return "\n".join(lines)

    def answer(self, text: str) -> str | None:
        """Take the typed answer to the current field; a problem to show, or None."""
        block = self.inputs[self.at]
        element = block.get("element", {})
        value = _state_value(element, text.strip())
        if isinstance(value, str):
            return rtl(self.tr._(value), self.tr.lang)
        if value is not None:
            action = element.get("action_id", "")
            self.values.setdefault(block.get("block_id", ""), {})[action] = value
        elif not block.get("optional") and not _initial_text(element):
            return rtl(self.tr._("(this field is required)"), self.tr.lang)
        self.at += 1
        return None

    def back_to(self, block_ids: set[str]) -> None:
        """Ask again from the first field the bot found wrong."""
        for index, block in enumerate(self.inputs):
            if block.get("block_id") in block_ids:
                self.at = index
                return
        self.at = 0


_HINTS = {
    "static_select": N_("type an option's number or name"),
    "radio_buttons": N_("type an option's number or name"),
    "users_select": N_("mention someone, e.g. @ana"),
    "conversations_select": N_("mention a channel, e.g. #marketing"),
    "channels_select": N_("mention a channel, e.g. #marketing"),
    "datepicker": N_("a date as 2026-12-31"),
}


def _initial_text(element: dict[str, Any]) -> str:
    for key in ("initial_value", "initial_date", "initial_time"):
        if element.get(key):
            return str(element[key])
    if element.get("initial_option"):
        return mrkdwn_to_text(element["initial_option"]["text"]["text"])
    if element.get("initial_user"):
        return mrkdwn_to_text(f"<@{element['initial_user']}>")
    for key in ("initial_conversation", "initial_channel"):
        if element.get(key):
            return mrkdwn_to_text(f"<#{element[key]}>")
    return ""


def _state_value(element: dict[str, Any], text: str) -> dict[str, Any] | str | None:
    """What Slack puts in `view.state` for `text` typed into `element`; None keeps the
    initial value; a string is a problem to show (an English catalogue id)."""
    kind = str(element.get("type"))
    if text == KEEP:
        return _initial_state(element)
    if kind in ("static_select", "radio_buttons"):
        options = element.get("options") or []
        chosen = _option(options, text)
        if chosen is None:
            return N_("(no such option; type its number or its name)")
        return {"type": kind, "selected_option": chosen}
    if kind == "users_select":
        found = _ID.search(text)
        return {"type": kind, "selected_user": found["id"]} if found else N_("(mention a person)")
    if kind in ("conversations_select", "channels_select"):
        found = _ID.search(text)
        key = "selected_conversation" if kind == "conversations_select" else "selected_channel"
        return {"type": kind, key: found["id"]} if found else N_("(mention a channel)")
    if kind == "datepicker":
        return {"type": kind, "selected_date": text} if _DATE.match(text) else N_("(as 2026-12-31)")
    return {"type": kind, "value": text}


def _initial_state(element: dict[str, Any]) -> dict[str, Any] | None:
    kind = element.get("type")
    pairs = {
        "initial_value": "value",
        "initial_option": "selected_option",
        "initial_user": "selected_user",
        "initial_conversation": "selected_conversation",
        "initial_channel": "selected_channel",
        "initial_date": "selected_date",
    }
    for initial, key in pairs.items():
        if element.get(initial):
            return {"type": kind, key: element[initial]}
    return None


def _option(options: list[dict[str, Any]], text: str) -> dict[str, Any] | None:
    if text.isdigit() and 1 <= int(text) <= len(options):
        return options[int(text) - 1]
    wanted = text.casefold()
    for option in options:
        if wanted in (mrkdwn_to_text(option["text"]["text"]).casefold(), str(option["value"])):
            return option
    return None
