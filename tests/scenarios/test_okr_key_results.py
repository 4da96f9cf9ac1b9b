"""An OKR's key results as people set and read them: each read on its own platform, each
listed on its objective's card and Home row with its progress."""

from __future__ import annotations

from decimal import Decimal

from bot.services.goal_admin import list_goals
from tests.factories import make_checkin, make_goal, make_reminded_goal
from tests.harness import TEAM, BotHarness
from tests.scenarios.test_interview_flow import goals, say, shown

# Be the pizzeria Cluj knows, on Instagram: reach, followers said to be on TikTok, sessions.
OKR = ["we want more people to see our Instagram", "Be the pizzeria everyone in Cluj knows",
       "reach", "12k", "20k a month", "add", "tiktok followers", "500", "1000", "add", "sessions",
       "300", "600 a week", "done", "end of the quarter"]  # fmt: skip


def test_each_key_result_keeps_its_own_platform(harness: BotHarness) -> None:
    harness.driver.command("U1", "/goals", "new okr")
    said = say(harness, *OKR)
    assert "Followers from 500 to 1,000 on TikTok" in said, said

    review = say(harness, "change kr3 where to website")

    assert "Where for KR3: Website." in review
    assert "Reach from 12,000 to 20,000 a month by" in review  # KR1 still reads the objective's
    assert "Website sessions from 300 to 600 a week on Website" in review
    say(harness, "save")
    objective, *results = goals(harness.engine)
    assert objective.platform == "instagram"
    assert [(r.metric, r.platform) for r in results] == [
        ("reach", "instagram"), ("followers", "tiktok"), ("sessions", "website")
    ]  # fmt: skip
    assert results[1].title.startswith("Followers to 1,000 on TikTok")


def test_a_key_result_that_does_not_exist_or_no_place_is_asked_again(
    harness: BotHarness,
) -> None:
    harness.driver.command("U1", "/goals", "new okr")
    say(harness, *OKR)

    assert "There is no key result 5." in say(harness, "change kr5 where to website")
    assert "Where is key result 2 read?" in say(harness, "change kr2 where")
    say(harness, "save")
    assert [r.platform for r in goals(harness.engine)[1:]] == ["instagram", "tiktok", "instagram"]


def test_the_objectives_card_and_home_list_its_key_results_with_progress(
    harness: BotHarness,
) -> None:
    harness.driver.command("U1", "/goals", "new okr")
    say(harness, *OKR, "save")
    harness.driver.command("U1", "/goals", "checkin #2 16000")  # reach half way: 0.50

    harness.driver.command("U1", "/goals", "show #1")
    card = shown(harness.last_reply("U1"))
    harness.driver.open_home("U1")
    home = str(harness.sandbox.home_views["U1"]["blocks"])

    for text in (card, home):
        assert "OKR score 0.17 (behind)" in text, text  # (0.50 + 0 + 0) / 3
        assert "KR `#2` *Reach to 20,000 a month on Instagram" in text
        assert "▓▓▓▓▓░░░░░ 50%` · score 0.50" in text
        assert "KR `#3` *Followers to 1,000 on TikTok" in text


def test_a_key_result_without_a_deadline_is_scored_against_its_objectives(
    harness: BotHarness,
) -> None:
    objective, _ = make_reminded_goal(harness, title="Be loved", kind="objective", metric=None)
    now = harness.clock.now()
    with harness.services.session() as session:
        kr = make_goal(session, now=now, title="Reach 60k", kind="key_result",
                       objective_id=objective, baseline=Decimal(40000), target=Decimal(60000),
                       deadline=None)  # fmt: skip
        make_checkin(session, kr.id or 0, Decimal(50000), at=now, now=now)

    [row] = [r for r in list_goals(harness.services, team_id=TEAM) if r.goal_id == objective]

    assert row.objective is not None
    [scored] = row.objective.key_results
    assert (scored.title, scored.progress, scored.score) == (
        "Reach 60k",
        Decimal("0.5"),
        Decimal("0.50"),
    )
    assert row.objective.score == Decimal("0.50")
