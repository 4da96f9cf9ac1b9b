"""An OKR objective on the list, the card and the App Home: its score and deadline, never
"no target or deadline"."""

from __future__ import annotations

from decimal import Decimal

from bot.render.digest import digest_message
from bot.services.digests import build_digest
from tests.factories import REACH_GOAL, make_checkin, make_goal, make_reminded_goal
from tests.harness import TEAM, BotHarness


def make_okr(harness: BotHarness) -> int:
    """Be loved on Instagram: reach 40k -> 60k (at 50k, half way) and engagement 2 -> 4 %."""
    objective, _ = make_reminded_goal(
        harness, title="Be loved on Instagram", kind="objective", metric=None
    )
    now = harness.clock.now()
    with harness.services.session() as session:
        for title, unit, baseline, target in (("Reach 60k", "count", 40000, 60000),
                                              ("Engagement 4%", "percent", 2, 4)):  # fmt: skip
            kr = make_goal(
                session,
                now=now,
                title=title,
                kind="key_result",
                objective_id=objective,
                unit=unit,
                owner_id="U1",
                baseline=Decimal(baseline),
                target=Decimal(target),
                deadline=REACH_GOAL["deadline"],
            )
            if unit == "count":
                make_checkin(session, kr.id or 0, Decimal(50000), at=now, now=now)
    return objective


def test_an_objective_shows_its_score_and_deadline_everywhere(harness: BotHarness) -> None:
    make_okr(harness)

    harness.driver.command("U1", "/goals", "list")
    listed = str(harness.last_reply("U1").blocks)
    harness.driver.command("U1", "/goals", "show #1")  # the objective came first
    card = str(harness.last_reply("U1").blocks)
    harness.driver.open_home("U1")
    home = str(harness.sandbox.home_views["U1"]["blocks"])

    for text in (listed, card, home):
        # (0.50 + 0.00) / 2: the reach key result is half way, engagement not started.
        assert "OKR score 0.25 (behind)" in text, text
        assert "due 31 Dec 2026" in text
        assert "no target or deadline" not in text


def test_the_digest_shows_each_objectives_score(harness: BotHarness) -> None:
    make_okr(harness)

    view = build_digest(harness.services, team_id=TEAM, channel_id=None, now=harness.clock.now())
    shown = str(digest_message(view).blocks)

    assert "*Objectives*" in shown
    assert "*Be loved on Instagram*: OKR score 0.25 (behind)" in shown
