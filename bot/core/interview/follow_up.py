"""Readers for how a goal is followed up: its owner, its check-in cadence, its digest channel."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.cadence.parse import parse_cadence
from bot.core.interview.state import DEFAULT_CADENCE, Interview, Problem
from bot.core.interview.words import HERE, ME, SKIP, cadence_words, translated
from bot.core.kpis import normalise
from bot.core.mrkdwn import escape
from bot.core.parse_error import ParseError
from bot.i18n.problems import problem_text

Read = tuple[Interview, tuple[str, ...]] | Problem
"""What a reader returns: the new state and its echo, or why the answer could not be used."""


_MENTION = re.compile(r"^\s*<@(?P<id>[UW][A-Z0-9]{1,30})(?:\|[^>]*)?>\s*$")


def read_owner(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> Read:
    word = normalise(text)
    if word in ME or word in SKIP:
        return replace(i, owner=i.user_id), (i.tr._("Owner: you."),)
    mention = _MENTION.match(text)
    if mention is None:
        return Problem(i.tr._("Say “me”, or mention the owner with @."), i.tr._("me or @ana"))
    owner = mention["id"]
    return replace(i, owner=owner), (i.tr._("Owner: {owner}.").format(owner=f"<@{owner}>"),)


def read_cadence(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> Read:
    wanted = DEFAULT_CADENCE if normalise(text) in SKIP | {"default"} else text
    parsed = parse_cadence(wanted, tz=tz.key)
    if isinstance(parsed, ParseError):
        return Problem(escape(problem_text(parsed, i.tr)), translated(i.tr, parsed.example))
    chosen = " ".join(wanted.lower().split())
    answered = replace(i, cadence=chosen)
    return answered, (i.tr._("Check-ins: {cadence}.").format(cadence=cadence_words(answered, tz)),)


# A public (C…) or private (C…, or G… from before 2021) channel, as Slack writes a mention.
CHANNEL_MENTION = re.compile(r"<#(?P<id>[CG][A-Z0-9]{1,30})(?:\|[^>]*)?>")


def mentioned_channel(text: str, *, anywhere: bool = False) -> str | None:
    """The channel an answer names by mention, if that is all it says (or `anywhere` in it).

    Example:
        >>> mentioned_channel("<#G024BE91L|secret-plans>"), mentioned_channel("#marketing")
        ('G024BE91L', None)
        >>> mentioned_channel("digest in <#C1|marketing>", anywhere=True)
        'C1'
    """
    found = CHANNEL_MENTION.search(text) if anywhere else CHANNEL_MENTION.fullmatch(text.strip())
    return found["id"] if found else None


def read_channel(i: Interview, text: str, now: datetime, tz: ZoneInfo) -> Read:
    word = normalise(text)
    if word in SKIP and i.team and i.here_channel:
        # A team goal belongs to the channel it was set in; its digest goes there.
        team_channel = i.here_channel
        return replace(i, channel_answered=True, channel=team_channel), (
            i.tr._("Digest: <#{channel}>, the team's channel.").format(channel=team_channel),
        )
    if word in SKIP:
        no_channel = i.tr._("Digest: no channel for now.")
        return replace(i, channel_answered=True, channel=None), (no_channel,)
    if word in HERE and i.here_channel:
        channel: str | None = i.here_channel
    else:
        channel = mentioned_channel(text)
    if channel is None:
        return Problem(i.tr._("Mention the channel with #, or skip."),
                       i.tr._("#marketing or skip"))  # fmt: skip
    echo = i.tr._("Digest: <#{channel}>.").format(channel=channel)
    return replace(i, channel_answered=True, channel=channel), (echo,)
