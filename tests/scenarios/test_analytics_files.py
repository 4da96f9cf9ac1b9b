"""Analytics exports dropped into Slack become check-ins, after the person says Save:
through the sandbox's files.info and private download, as Slack serves them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from sqlmodel import select

from bot.sandbox.file_drops import drop_file
from bot.services.transfer import import_file
from storage.models import CheckIn
from tests.factories import make_reminded_goal
from tests.harness import TEAM, BotHarness
from tests.reminder_helpers import MONDAY_10_BUCHAREST, reminders_to, tick

SAMPLES = Path(__file__).parents[1] / "data" / "analytics"
META_REACH = ("Instagram reach.csv", (SAMPLES / "instagram_reach_meta.csv").read_bytes())
GOALS = """{"goals": [
 {"id": "reach", "title": "Instagram reach 60k", "metric": "reach", "platform": "Insta",
  "target": "60000", "deadline": "2026-12-31", "owner": "U1"},
 {"id": "subs", "title": "YouTube subscribers 5k", "metric": "subscribers",
  "platform": "YouTube", "target": "5000", "deadline": "2026-12-31", "owner": "U1"}]}"""


def ana_has_goals(harness: BotHarness) -> None:
    import_file(harness.services, team_id=TEAM, text=GOALS)


def stored(harness: BotHarness) -> list[CheckIn]:
    with harness.services.session() as session:
        return list(session.exec(select(CheckIn).order_by(CheckIn.at)))


def test_a_meta_export_is_shown_then_saved_once_the_person_says_so(harness: BotHarness) -> None:
    ana_has_goals(harness)

    drop_file(harness.driver, "U1", META_REACH)

    preview = harness.last_reply("U1")
    shown = str(preview.blocks)
    assert "*Instagram reach*, 6 weeks, last 41,200 on 23 Nov → `#1` Instagram reach 60k" in shown
    assert "7 new values" in shown
    assert stored(harness) == []  # nothing before Save
    assert [c.method for c in harness.sandbox.calls if c.method.startswith("files")] == [
        "files.info"
    ]

    harness.driver.click("U1", preview, "Save")

    values = stored(harness)
    assert [c.value for c in values][-1] == Decimal(41200)
    assert {c.source for c in values} == {"file"} and len(values) == 7
    assert "Saved 7 values from the file: `#1` Instagram reach 60k (7)." in (
        harness.last_reply("U1").text
    )


def test_the_same_export_dropped_again_stores_nothing_twice(harness: BotHarness) -> None:
    ana_has_goals(harness)
    drop_file(harness.driver, "U1", META_REACH)
    harness.driver.click("U1", harness.last_reply("U1"), "Save")

    drop_file(harness.driver, "U1", META_REACH)

    again = harness.last_reply("U1")
    assert "Everything in this file is already stored." in again.text
    assert not [b for b in again.blocks if b["type"] == "actions"]  # no Save to press
    assert len(stored(harness)) == 7


def test_cancel_stores_nothing(harness: BotHarness) -> None:
    ana_has_goals(harness)
    drop_file(harness.driver, "U1", META_REACH)

    harness.driver.click("U1", harness.last_reply("U1"), "Cancel")

    assert stored(harness) == []
    assert harness.last_reply("U1").text == "Nothing saved from that file."


def test_a_malformed_file_gets_its_problems_listed_and_stores_nothing(
    harness: BotHarness,
) -> None:
    ana_has_goals(harness)
    bad = b"Date,Reach\n2025-11-16,39900\n2025-11-31,41200\n2025-11-30,lots\n"

    drop_file(harness.driver, "U1", ("reach.csv", bad))

    text = harness.last_reply("U1").text
    assert "nothing was saved" in text
    assert "line 3: '2025-11-31' is not a date" in text
    assert "line 4: Reach: 'lots' is not a number" in text
    assert stored(harness) == []


def test_a_column_no_goal_measures_is_named_and_left_out(harness: BotHarness) -> None:
    ana_has_goals(harness)
    table = b"Date,Subscribers,Pizza orders\n2025-11-16,4100,3\n2025-11-23,4180,5\n"

    drop_file(harness.driver, "U1", ("youtube channel.csv", table))
    preview = harness.last_reply("U1")
    harness.driver.click("U1", preview, "Save")

    shown = str(preview.blocks)
    assert "`#2` YouTube subscribers 5k: 2 new values" in shown
    assert "*YouTube pizza orders*: no goal of yours measures it" in shown
    assert [c.value for c in stored(harness)] == [Decimal(4100), Decimal(4180)]


def test_a_picture_in_the_dm_gets_told_what_files_are_read(harness: BotHarness) -> None:
    drop_file(harness.driver, "U1", ("chart.png", b"\x89PNG\r\n\x1a\n"))

    assert "saved as CSV" in harness.last_reply("U1").text


def test_a_file_in_a_reminders_thread_goes_to_that_reminders_goal(harness: BotHarness) -> None:
    goal_id, _ = make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    assert tick(harness).sent == 1
    reminder = reminders_to(harness, "U1")[-1]
    export = b"Day;Accounts reached\n16/11/2026;52100\n22/11/2026;53400\n"

    drop_file(harness.driver, "U1", ("export.csv", export), thread_ts=reminder.ts)
    preview = harness.last_reply("U1")
    harness.driver.click("U1", preview, "Save")

    assert preview.thread_ts == reminder.ts
    values = stored(harness)
    assert [(c.goal_id, c.value, c.source) for c in values] == [
        (goal_id, Decimal(52100), "file"),
        (goal_id, Decimal(53400), "file"),
    ]


def test_a_forged_save_press_stores_nothing_and_says_so(harness: BotHarness) -> None:
    ana_has_goals(harness)
    drop_file(harness.driver, "U1", META_REACH)
    preview = harness.last_reply("U1")
    [save] = [e for b in preview.blocks if b["type"] == "actions" for e in b["elements"]][:1]

    harness.driver.block_action("U1", {**save, "value": "{not json"}, "", preview)

    assert stored(harness) == []
    assert "can't open that file" in harness.last_reply("U1").text


def test_a_file_in_a_channel_outside_a_reminders_thread_is_left_alone(
    harness: BotHarness,
) -> None:
    ana_has_goals(harness)
    before = len(harness.sandbox.channel_messages("C1", include_threads=True))

    drop_file(harness.driver, "U1", META_REACH, channel="C1")

    assert len(harness.sandbox.channel_messages("C1", include_threads=True)) == before + 1
    assert not harness.sandbox.calls_to("files.info")
