"""A slash command's `text` as Slack sends it, from what the person typed.

Slack escapes `&`, `<` and `>` as `&amp;`, `&lt;` and `&gt;` in all text it sends. With the
command's `should_escape` on (the manifest's "Escape channels, users, and links sent to your
app"), it also sends what the person picked as mentions and links: `@ana` as `<@U0ANA|ana>`,
`#marketing` as `<#C0MARKETING|marketing>`, `https://x.io/a.csv` as `<https://x.io/a.csv>`.
With it off, the text arrives as typed (`@ana`), so a bot that relies on the escaped forms
fails here as it would in Slack.

Text a test already wrote in Slack's escaped forms (`<@U1>`, `<https://x.io|x>`) is taken as
what the person picked and passes unchanged; with escaping off it turns back into what they
typed (`@ana`, the bare URL).
"""

from __future__ import annotations

import re
from typing import Any

from bot.sandbox.state import SandboxState

# Slack's escaped forms: <@U…>, <@U…|name>, <#C…|name>, <!here>, <https://…>, <https://…|label>
_ESCAPED = re.compile(
    r"<(?P<target>[@#!][A-Za-z0-9^]+|[a-z][a-z0-9+.-]*:[^\s<>|]+)(?:\|(?P<label>[^<>]*))?>"
)
_TYPED = re.compile(
    r"(?P<url>https?://[^\s<>]+[^\s<>.,;:!?)\]'\"])"
    r"|(?<![\w@#])(?P<sign>[@#])(?P<name>[a-z0-9][a-z0-9._-]*[a-z0-9_]|[a-z0-9])",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?!(?:amp|lt|gt);)")


def as_sent(state: SandboxState, command: str, typed: str) -> str:
    """`typed` as Slack sends it in `command`'s text, by the manifest's `should_escape`."""
    escape = state.should_escape.get(command, False)
    return command_text(typed, escape=escape, users=state.users, channels=state.channels)


def message_text(state: SandboxState, typed: str) -> str:
    """A message's `text` as Slack stores and sends it: `&`, `<`, `>` as entities, people and
    channels picked in the composer as mentions, links wrapped, as with escaping on."""
    return command_text(typed, escape=True, users=state.users, channels=state.channels)


def command_text(
    typed: str,
    *,
    escape: bool,
    users: dict[str, dict[str, Any]],
    channels: dict[str, dict[str, Any]],
) -> str:
    """What Slack puts in the command's `text` for `typed`.

    Example:
        >>> people = {"U0ANA": {"name": "ana"}}
        >>> command_text("manager @ana R&D", escape=True, users=people, channels={})
        'manager <@U0ANA|ana> R&amp;D'
        >>> command_text("manager <@U0ANA>", escape=False, users=people, channels={})
        'manager @ana'
    """
    out: list[str] = []
    last = 0
    for match in _ESCAPED.finditer(typed):
        out.append(_plain(typed[last : match.start()], escape, users, channels))
        out.append(_picked(match, escape, users))
        last = match.end()
    out.append(_plain(typed[last:], escape, users, channels))
    return "".join(out)


def _plain(
    text: str, escape: bool, users: dict[str, dict[str, Any]], channels: dict[str, dict[str, Any]]
) -> str:
    text = _ENTITY.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    if not escape:
        return text
    user_ids = {str(u.get("name", "")).lower(): uid for uid, u in users.items()}
    channel_ids = {str(c.get("name", "")).lower(): cid for cid, c in channels.items()}

    def mention(match: re.Match[str]) -> str:
        if match["url"]:
            return f"<{match['url']}>"
        name = match["name"].lower()
        if match["sign"] == "@" and name in user_ids:
            return f"<@{user_ids[name]}|{match['name']}>"
        if match["sign"] == "#" and name in channel_ids:
            return f"<#{channel_ids[name]}|{match['name']}>"
        return match[0]

    return _TYPED.sub(mention, text)


def _picked(match: re.Match[str], escape: bool, users: dict[str, dict[str, Any]]) -> str:
    """An escaped form a test wrote: kept as it is, or turned back into what was typed."""
    if escape:
        return match[0]
    target, label = match["target"], match["label"]
    if target.startswith("!"):
        return "@" + target[1:].split("^")[0]
    if target.startswith("@"):
        return "@" + (label or str(users.get(target[1:], {}).get("name") or target[1:]))
    if target.startswith("#"):
        return "#" + (label or target[1:])
    return target
