"""The console's workspace: the people and channels it keeps, and mentions typed by name.

A person types `@ana` or `#marketing`; Slack sends the bot `<@U0ANA>` and
`<#C0MARKETING|marketing>`, and shows the bot's `<@U0ANA>` back as "@ana". The console
does both, so what the bot reads and what the person sees are what Slack would give.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.sandbox import SlackSandbox


@dataclass(frozen=True, slots=True)
class Person:
    user_id: str
    name: str


@dataclass(frozen=True, slots=True)
class Channel:
    channel_id: str
    name: str
    bot_invited: bool


PEOPLE = (Person("U0ANA", "ana"), Person("U0MIHAI", "mihai"))
"""Colleagues the console's person can mention or make an owner."""

CHANNELS = (
    Channel("C0GENERAL", "general", bot_invited=True),
    Channel("C0MARKETING", "marketing", bot_invited=True),
    Channel("C0RANDOM", "random", bot_invited=False),
)
"""Channels everyone is in; the bot only where someone invited it, as in Slack."""

_TYPED = re.compile(r"(?<![\w<@#|])(?P<sign>[@#])(?P<name>[a-z0-9][a-z0-9._-]*)", re.IGNORECASE)
_SHOWN = re.compile(r"(?P<sign>[@#])(?P<id>[UWC][A-Z0-9]{2,})\b")


def furnish(sandbox: SlackSandbox, user_id: str, *, tz: str) -> None:
    """Put the console's colleagues and channels in the sandbox, with `user_id` in each channel."""
    for person in PEOPLE:
        sandbox.add_user(person.user_id, name=person.name, tz=tz)
    everyone = [user_id, *(p.user_id for p in PEOPLE)]
    for channel in CHANNELS:
        bot = [sandbox.bot_user_id] if channel.bot_invited else []
        sandbox.add_channel(channel.channel_id, channel.name, members=[*everyone, *bot])


def to_slack(text: str, sandbox: SlackSandbox) -> str:
    """`@ana` and `#marketing` as Slack writes mentions; unknown names stay as typed.

    Example:
        >>> to_slack("owner @ana, digest in #marketing", sandbox)  # doctest: +SKIP
        'owner <@U0ANA>, digest in <#C0MARKETING|marketing>'
    """
    users = {u["name"].lower(): uid for uid, u in sandbox.users.items()}
    channels = {c["name"].lower(): cid for cid, c in sandbox.channels.items() if c.get("name")}

    def mention(match: re.Match[str]) -> str:
        name = match["name"].rstrip(".").lower()
        rest = match["name"][len(name) :]
        if match["sign"] == "@" and name in users:
            return f"<@{users[name]}>{rest}"
        if match["sign"] == "#" and name in channels:
            return f"<#{channels[name]}|{name}>{rest}"
        return match.group(0)

    return _TYPED.sub(mention, text)


def named(text: str, sandbox: SlackSandbox) -> str:
    """The bot's `@U0ANA` and `#C0MARKETING` (as the text renderer leaves them) by name."""

    def name(match: re.Match[str]) -> str:
        found = sandbox.users.get(match["id"]) or sandbox.channels.get(match["id"])
        return match["sign"] + str(found["name"]) if found and found.get("name") else match[0]

    return _SHOWN.sub(name, text)


def listing(sandbox: SlackSandbox, user_id: str, *, people: bool) -> str:
    """What `!people` or `!channels` prints."""
    if people:
        lines = [
            f"@{u['name']}" + (" (you)" if uid == user_id else "") + f" · {u['tz']}"
            for uid, u in sandbox.users.items()
            if not u.get("is_bot") and not u.get("deleted")
        ]
        return "People: " + ", ".join(lines) + "\n(mention them as @name)"
    lines = [
        f"#{c['name']}" + ("" if sandbox.bot_user_id in c["members"] else " (bot not invited)")
        for c in sandbox.channels.values()
        if c.get("is_channel") or c.get("is_group")
    ]
    return "Channels: " + ", ".join(lines) + "\n(mention them as #name)"
