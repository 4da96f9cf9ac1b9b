"""The sandbox sends a slash command's text as Slack does, by the command's `should_escape`;
the bot reads it back as the person typed it."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.mrkdwn import typed
from bot.sandbox.command_text import command_text

USERS = {"U0ANA": {"name": "ana"}, "U2": {"name": "bogdan"}}
CHANNELS = {"C1": {"name": "marketing"}}


def sent(text: str, *, escape: bool) -> str:
    return command_text(text, escape=escape, users=USERS, channels=CHANNELS)


@pytest.mark.parametrize(
    ("person_types", "slack_sends"),
    [
        ("manager @ana", "manager <@U0ANA|ana>"),
        ("digest here owner @Bogdan.", "digest here owner <@U2|Bogdan>."),
        ("new team goal in #marketing", "new team goal in <#C1|marketing>"),
        ("feed #3 https://x.io/a.csv?a=1&b=2", "feed #3 <https://x.io/a.csv?a=1&amp;b=2>"),
        ("see https://x.io/r.csv, then", "see <https://x.io/r.csv>, then"),
        ("checkin #1 41k R&D <launch>", "checkin #1 41k R&amp;D &lt;launch&gt;"),
        ("manager @nobody and #nowhere", "manager @nobody and #nowhere"),
        ("email ana@x.io", "email ana@x.io"),
        # Already in Slack's forms, as older tests write them: unchanged.
        ("manager <@U2>", "manager <@U2>"),
        ("feed #1 <https://x.io/a.csv|a.csv>", "feed #1 <https://x.io/a.csv|a.csv>"),
    ],
)
def test_with_escaping_on_mentions_and_links_arrive_escaped(
    person_types: str, slack_sends: str
) -> None:
    assert sent(person_types, escape=True) == slack_sends


@pytest.mark.parametrize(
    ("written", "slack_sends"),
    [
        ("manager @ana", "manager @ana"),
        ("manager <@U0ANA>", "manager @ana"),
        ("manager <@U2|bogdan>", "manager @bogdan"),
        ("in <#C1|marketing>", "in #marketing"),
        ("feed #1 <https://x.io/a.csv|a.csv>", "feed #1 https://x.io/a.csv"),
        ("R&D", "R&amp;D"),
    ],
)
def test_with_escaping_off_the_text_arrives_as_typed(written: str, slack_sends: str) -> None:
    assert sent(written, escape=False) == slack_sends


# Without "<" (which would start one of Slack's forms) or an entity already escaped.
PLAIN = st.text().filter(lambda t: "<" not in t and not re.search("&(amp|lt|gt);", t))


@given(PLAIN)
def test_the_bot_reads_back_what_the_person_typed(text: str) -> None:
    # Nothing in it names a known person or channel, so only links and &<> are escaped.
    assert typed(command_text(text, escape=True, users={}, channels={})) == text
    assert typed(command_text(text, escape=False, users={}, channels={})) == text
