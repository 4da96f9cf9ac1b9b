"""A goal's series as people see it: the baseline first, and one "latest" on every surface."""

from __future__ import annotations

import re
from decimal import Decimal

from sqlmodel import select

from storage.models import Goal
from tests.factories import make_checkin
from tests.harness import BotHarness
from tests.scenarios.test_interview_flow import PIZZERIA, say, shown


def interview_goal(harness: BotHarness) -> Goal:
    """Followers to 480 on Instagram, baseline 400, saved through the DM interview."""
    say(harness, "new goal", *PIZZERIA)
    harness.driver.click("U1", harness.dm("U1")[-1], "Save")
    with harness.services.session() as session:
        [goal] = session.exec(select(Goal)).all()
        return goal


def test_a_new_goal_starts_at_its_baseline_everywhere(harness: BotHarness) -> None:
    goal = interview_goal(harness)

    listed = say(harness, "show instagram goals")
    status = say(harness, "how are followers on instagram?")
    harness.driver.command("U1", "/goals", f"show #{goal.number}")
    card = shown(harness.last_reply("U1"))
    harness.driver.open_home("U1")
    home = str(harness.sandbox.home_views["U1"]["blocks"])

    for text in (listed, card, home):
        assert "400 of 480" in text or "400 / 480" in text, text
        assert "no check-in yet" not in text and "no data" not in text.lower(), text
    assert "No data yet" not in status and "400" in status, status
    assert "Due for a check-in" not in home
    pace = re.search(r"Needed per week from here:\*? ([0-9.,]+)", card)
    assert pace is not None and pace[1].isdigit(), card  # whole followers, not 236.62


def test_two_check_ins_at_the_same_instant_have_one_latest(harness: BotHarness) -> None:
    goal = interview_goal(harness)
    now = harness.clock.now()
    with harness.services.session() as session:
        for value in (Decimal(430), Decimal(420)):  # stored in this order: 420 is the latest
            make_checkin(session, goal.id or 0, value, at=now, now=now)

    listed = say(harness, "show instagram goals")
    status = say(harness, "how are followers on instagram?")
    harness.driver.command("U1", "/goals", f"show #{goal.number}")
    card = shown(harness.last_reply("U1"))
    harness.driver.open_home("U1")
    home = str(harness.sandbox.home_views["U1"]["blocks"])

    for text in (listed, status, card, home):
        latest = text.replace("*", "")  # the card writes the value in bold
        assert "420 of 480" in latest or "420 / 480" in latest, text
        assert "430 of" not in latest and "430 /" not in latest, text
