"""Private channels and channels the bot is not in, against a sandbox as strict as Slack:
private messages arrive as `message.groups`, the bot hears only where it was invited, and
a person who picks a channel without the bot is told how to invite it."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, select

from storage.models import CheckIn, DigestSubscription
from tests.harness import BotHarness
from tests.reminder_helpers import tick
from tests.scenarios.test_interview_flow import PIZZERIA, goals, shown
from tests.scenarios.test_team_goals import at_first_reminder

PEOPLE = ["U1", "U2"]


def private_channel(harness: BotHarness, channel: str = "GPLANS") -> str:
    """A private channel (a `G…` one, from before 2021) with the bot invited."""
    harness.sandbox.add_channel(channel, "plans", members=PEOPLE, private=True)
    harness.sandbox.invite(channel, harness.sandbox.bot_user_id)
    return channel


def channel_without_the_bot(harness: BotHarness, channel: str = "COUT") -> str:
    harness.sandbox.add_channel(channel, "elsewhere", members=PEOPLE)
    return channel


def invite_hints(harness: BotHarness, user: str, channel: str) -> list[str]:
    return [
        m.text
        for m in harness.sandbox.ephemerals(user)
        if "/invite @checkin-bot" in m.text and f"<#{channel}>" in m.text
    ]


def test_a_team_goal_in_a_private_channel_records_thread_replies_end_to_end(
    harness: BotHarness,
) -> None:
    channel = private_channel(harness)
    harness.driver.command("U1", "/goals", "new team", channel=channel)
    [root] = harness.sandbox.channel_messages(channel)
    for answer in (*PIZZERIA, "skip", "save"):
        harness.driver.message("U1", answer, channel=channel, thread_ts=root.ts)
    [goal] = goals(harness.engine)
    assert (goal.channel_id, goal.team) == (channel, True)

    at_first_reminder(harness)
    assert tick(harness).sent == 1
    [reminder] = [m for m in harness.sandbox.channel_messages(channel) if "check in" in m.text]
    harness.driver.message("U1", "430", channel=channel, thread_ts=reminder.ts)

    with Session(harness.engine) as session:
        [checkin] = session.exec(select(CheckIn))
    assert checkin.value == Decimal(430)
    assert "430" in shown(harness.sandbox.thread(channel, reminder.ts)[-1])
    events = [c for c in harness.sandbox.calls if c.method == "conversations.history"]
    assert all(c.response["ok"] for c in events)  # groups:history is granted


def test_the_interview_takes_a_private_channel_for_its_digest(harness: BotHarness) -> None:
    channel = private_channel(harness)
    harness.driver.message("U1", "new goal")
    for answer in (*PIZZERIA, f"<#{channel}|plans>", "save"):
        harness.driver.message("U1", answer)

    [goal] = goals(harness.engine)
    assert goal.channel_id == channel


def test_a_team_goal_where_the_bot_is_not_says_how_to_invite_it(harness: BotHarness) -> None:
    channel = channel_without_the_bot(harness)

    harness.driver.command("U1", "/goals", "new team", channel=channel)

    assert invite_hints(harness, "U1", channel)  # through the response URL
    assert harness.sandbox.channel_messages(channel) == []
    assert goals(harness.engine) == []


def test_a_digest_for_a_channel_without_the_bot_is_not_promised(harness: BotHarness) -> None:
    channel = channel_without_the_bot(harness)

    harness.driver.command("U1", "/goals", "digest here weekly mon 09:00", channel=channel)

    assert invite_hints(harness, "U1", channel)
    assert not any("Subscribed" in m.text for m in harness.sandbox.ephemerals("U1"))
    with Session(harness.engine) as session:
        assert list(session.exec(select(DigestSubscription))) == []


def test_a_digest_channel_answer_without_the_bot_is_asked_again(harness: BotHarness) -> None:
    channel = channel_without_the_bot(harness)
    harness.driver.message("U1", "new goal")
    for answer in PIZZERIA:
        harness.driver.message("U1", answer)

    harness.driver.message("U1", f"<#{channel}>")
    assert "/invite @checkin-bot" in harness.dm("U1")[-1].text
    harness.sandbox.invite(channel, harness.sandbox.bot_user_id)
    for answer in (f"<#{channel}>", "save"):
        harness.driver.message("U1", answer)

    [goal] = goals(harness.engine)
    assert goal.channel_id == channel


def test_the_bot_hears_nothing_from_where_it_was_not_invited(harness: BotHarness) -> None:
    secret = "GSECRET"
    harness.sandbox.add_channel(secret, "secret", members=PEOPLE, private=True)
    harness.sandbox.add_group_dm("GMPIM", [*PEOPLE, harness.sandbox.bot_user_id])
    before = len(harness.sandbox.calls)

    harness.driver.message("U1", "new goal", channel=secret)
    harness.driver.mention("U1", "new team goal", channel=secret)
    harness.driver.message("U1", "new goal", channel="GMPIM")  # message.mpim not subscribed

    assert harness.sandbox.calls[before:] == []


def test_a_chart_asked_in_a_dm_between_two_people_comes_by_dm(harness: BotHarness) -> None:
    harness.driver.message("U1", "new goal")
    for answer in (*PIZZERIA, "skip", "save"):
        harness.driver.message("U1", answer)
    between = harness.sandbox.dm_between("U1", "U2")

    harness.driver.command("U1", "/goals", "chart followers", channel=between)

    assert harness.sandbox.channel_messages(between) == []
    assert any(m.files for m in harness.sandbox.channel_messages(harness.sandbox.im_channel("U1")))
