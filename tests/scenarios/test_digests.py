"""Digests through the sandbox: subscribed once, sent once at local time, with a real chart."""

from __future__ import annotations

import struct
from datetime import datetime

import pytest
from sqlmodel import select

from bot.charts import HEIGHT_PX, WIDTH_PX
from bot.scheduling.deliveries import DeliveryRunner
from bot.scheduling.digests import DigestSource
from bot.scheduling.pacing import ChannelPacer
from bot.slack.client import make_client
from storage.models import DigestSubscription
from tests.digest_data import store
from tests.factories import make_checkin, make_goal
from tests.harness import TEAM, BotHarness

MONDAY_0900_BUCHAREST = datetime.fromisoformat("2026-11-23T07:00:00+00:00")


def png_size(content: bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk (after checking it is a PNG at all)."""
    assert content[:8] == b"\x89PNG\r\n\x1a\n"
    assert content[12:16] == b"IHDR"
    width, height = struct.unpack(">II", content[16:24])
    return width, height


def runner(harness: BotHarness, waits: list[float], *, workers: int = 1) -> DeliveryRunner:
    client = make_client(harness.services)
    pacer = ChannelPacer(clock=lambda: 0.0, sleep=waits.append)
    source = DigestSource(harness.services, pacer=pacer)
    return DeliveryRunner(harness.services, lambda _team: client, [source], workers=workers)


def seed(harness: BotHarness, channel: str | None = None) -> None:
    with harness.services.session() as session:
        store(session, TEAM, channel=channel)


def digests_in(harness: BotHarness, channel: str) -> list[object]:
    return [m for m in harness.sandbox.channel_messages(channel) if "digest" in m.text]


def test_a_subscribed_channel_gets_exactly_one_digest_at_its_local_time(
    harness: BotHarness,
) -> None:
    seed(harness)
    harness.driver.command("U1", "/goals", "digest here weekly mon 09:00", channel="C1")
    assert "every Monday at 09:00 (Europe/Bucharest)" in harness.last_reply("U1").text
    waits: list[float] = []
    bot = runner(harness, waits)

    assert bot.tick().sent == 0  # Sunday
    harness.clock.set(datetime.fromisoformat("2026-11-23T06:59:00+00:00"))
    assert bot.tick().sent == 0  # 08:59 in Bucharest
    harness.clock.set(MONDAY_0900_BUCHAREST)
    assert bot.tick().sent == 1
    assert bot.tick().sent == 0

    [digest] = digests_in(harness, "C1")
    assert digest.text.startswith("Weekly digest · 16–23 Nov 2026")
    upload_steps = [
        c.method
        for c in harness.sandbox.calls
        if c.method.startswith("files.") or c.method == "upload"
    ]
    assert upload_steps == ["files.getUploadURLExternal", "files.completeUploadExternal"]
    [chart] = harness.sandbox.files.values()
    assert png_size(chart["content"]) == (WIDTH_PX, HEIGHT_PX)
    thread = harness.sandbox.thread("C1", digest.ts)
    assert [f["id"] for m in thread for f in m.files] == [chart["id"]]
    assert waits == [1.0]  # the chart waited a second after the message, in the same channel


def test_the_digest_of_a_known_team_has_the_right_counts_sections_and_mentions(
    harness: BotHarness,
) -> None:
    seed(harness)
    harness.driver.command("U1", "/goals", "digest here weekly mon 09:00", channel="C1")
    harness.clock.set(MONDAY_0900_BUCHAREST)

    runner(harness, []).tick()

    [digest] = digests_in(harness, "C1")
    text = str(digest.blocks)
    assert "2 on track · 1 at risk · 1 off track · 1 achieved · 1 no check-in yet" in text
    for section in ("*Wins*", "*Losses*", "*Opportunities*"):
        assert section in text
    assert "*Not checked in this week:* <@U2>" in text
    assert "<@U1>" not in text and "<@UADMIN>" not in text


def test_a_digest_missed_while_the_bot_was_down_is_sent_late_once(harness: BotHarness) -> None:
    seed(harness)
    harness.driver.command("U1", "/goals", "digest here weekly mon 09:00", channel="C1")
    harness.clock.set(datetime.fromisoformat("2026-11-23T15:00:00+00:00"))

    report = runner(harness, []).tick()

    assert (report.sent, report.late) == (1, 1)
    [digest] = digests_in(harness, "C1")
    assert "sent late" in str(digest.blocks)


def test_many_channels_go_out_together_each_at_one_message_a_second(harness: BotHarness) -> None:
    harness.sandbox.add_channel("C2", "social", members=["U1"])
    harness.sandbox.invite("C2", harness.sandbox.bot_user_id)
    seed(harness)
    for channel in ("C1", "C2"):
        harness.driver.command("U1", "/goals", "digest here weekly mon 09:00", channel=channel)
    harness.clock.set(MONDAY_0900_BUCHAREST)
    waits: list[float] = []

    assert runner(harness, waits, workers=4).tick().sent == 2

    assert len(digests_in(harness, "C1")) == len(digests_in(harness, "C2")) == 1
    assert waits == [1.0, 1.0]  # each channel's chart waits for its own message only


def test_a_goal_that_names_a_channel_subscribes_it_by_default(harness: BotHarness) -> None:
    seed(harness, channel="C1")

    runner(harness, []).tick()

    with harness.services.session() as session:
        [row] = session.exec(select(DigestSubscription)).all()
    assert (row.channel_id, row.frequency, row.weekday, row.local_time) == (
        "C1",
        "weekly",
        0,
        "09:00",
    )
    assert row.next_run_at == MONDAY_0900_BUCHAREST


def test_off_stops_the_digest_and_a_named_channel_is_not_subscribed_again(
    harness: BotHarness,
) -> None:
    seed(harness, channel="C1")
    harness.driver.command("U1", "/goals", "digest off", channel="C1")
    harness.clock.set(MONDAY_0900_BUCHAREST)

    assert runner(harness, []).tick().sent == 0
    assert digests_in(harness, "C1") == []


def test_a_monthly_digest_compares_month_over_month(harness: BotHarness) -> None:
    seed(harness)
    harness.driver.command("U1", "/goals", "digest here monthly 1st 09:00", channel="C1")
    harness.clock.set(datetime.fromisoformat("2026-12-01T07:00:00+00:00"))

    runner(harness, []).tick()

    [digest] = digests_in(harness, "C1")
    assert digest.text.startswith("Monthly digest · 1 Nov–1 Dec 2026")
    assert "since last month" in str(digest.blocks)


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("digest", "gets no digest yet"),
        ("digest daily", "weekly or monthly"),
        ("digest weekly category pizza", "not a category"),
    ],
)
def test_digest_command_answers(harness: BotHarness, typed: str, says: str) -> None:
    harness.driver.command("U1", "/goals", typed, channel="C1")

    assert says in harness.last_reply("U1").text


def test_a_long_digest_stays_within_limits_and_puts_every_goal_in_the_thread(
    harness: BotHarness,
) -> None:
    from decimal import Decimal

    with harness.services.session() as session:
        for n in range(120):
            goal = make_goal(
                session,
                now=harness.clock.now(),
                title=f"Reach goal {n:03d}",
                metric="reach",
                metric_name="Reach",
                baseline=Decimal(1000),
                target=Decimal(2000),
                start_at=datetime.fromisoformat("2026-11-01T00:00:00+00:00"),
                deadline=datetime.fromisoformat("2026-12-31T00:00:00+00:00"),
                owner_id="U1",
            )
            make_checkin(session, goal.id or 0, 1000 + 5 * n, at=harness.clock.now())
    harness.driver.command("U1", "/goals", "digest here weekly mon 09:00", channel="C1")
    harness.clock.set(MONDAY_0900_BUCHAREST)

    assert runner(harness, []).tick().sent == 1

    [digest] = digests_in(harness, "C1")
    assert len(digest.blocks) <= 50
    assert "…and 110 more goals" in str(digest.blocks)
    thread_text = " ".join(str(m.blocks) for m in harness.sandbox.thread("C1", digest.ts))
    assert all(f"Reach goal {n:03d}" in thread_text for n in range(120))
    assert harness.sandbox.problems == []


def test_a_digest_slack_answered_too_late_is_found_and_not_posted_again(
    harness: BotHarness,
) -> None:
    seed(harness)
    harness.driver.command("U1", "/goals", "digest here weekly mon 09:00", channel="C1")
    asked_before = len(harness.sandbox.calls_to("conversations.history"))  # is the bot in C1?
    harness.clock.set(MONDAY_0900_BUCHAREST)
    harness.sandbox.slow("chat.postMessage", seconds=1.5)  # posted at once, answered late
    client = make_client(harness.services, timeout=1)
    waits: list[float] = []
    source = DigestSource(
        harness.services, pacer=ChannelPacer(clock=lambda: 0.0, sleep=waits.append)
    )
    bot = DeliveryRunner(harness.services, lambda _team: client, [source])

    assert bot.tick().failed == 1
    assert bot.tick().sent == 1

    assert len(digests_in(harness, "C1")) == 1
    history = harness.sandbox.calls_to("conversations.history")[asked_before:]
    assert [c.args.get("include_all_metadata") for c in history] == ["1"]
