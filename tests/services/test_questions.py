"""Answers to questions on a known dataset with a frozen clock: right goals, right numbers,
a bounded number of SQL statements, and the same answers in Slack, DMs and buttons."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, event, func, select
from sqlmodel import Session

from bot.clock import FrozenClock
from bot.core.questions import Intent
from bot.render.answers import answer_text
from bot.services.questions.answer import Said, answer_question
from bot.services.transfer import import_file
from storage.models import CheckIn, Goal
from storage.transfer import insert_rows
from tests.harness import BotHarness, make_services
from tests.question_cases import CASES, Case
from tests.question_data import WAYS, answered_about, load

DATASET = Path(__file__).parents[1] / "data" / "questions_dataset.json"
NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
TEAM = "T0SANDBOX"


@pytest.fixture
def loaded(engine: Engine) -> Any:
    """The dataset, imported once per worker (each way in its own workspace) and reused
    while it is intact."""
    services = make_services(engine, FrozenClock(NOW), DEFAULT_TIMEZONE="Europe/Bucharest")
    with Session(engine) as session:
        count = session.scalar(select(func.count()).select_from(Goal))
    if count != 10 * len(WAYS):  # 8 goals and 2 objectives in each workspace
        from tests.harness import empty_all_tables

        empty_all_tables(engine)
        for way in WAYS:
            load(services, way)
    return services


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize("case", CASES, ids=[c.text or "<empty>" for c in CASES])
def test_each_question_is_about_the_right_goals(loaded: Any, case: Case, way: str) -> None:
    assert answered_about(loaded, WAYS[way], case) == (case.intent, case.goals)


def ask(services: Any, text: str, user: str = "U1") -> str:
    return answer_text(answer_question(services, team_id=TEAM, user_id=user, text=text))


def test_a_status_answer_gives_every_figure_from_the_data(loaded: Any) -> None:
    text = ask(loaded, "reach on instagram?")

    # 46,000 of 60,000 from 30,000 is 53 %. The plan runs from 1 Oct 00:00 to 31 Dec 23:59:59
    # Bucharest time; 52.46 of its 92.04 days have passed: 56.99 % of the way, 47,098.24.
    for figure in (
        "Reach 60k on Instagram",
        "reach-ig",
        "*46,000* of 60,000 by 31 Dec 2026",
        "▓▓▓▓▓░░░░░ 53%",
        "Expected by today: 57% (47,098)",  # 56.99 % and 47,098.24 followers, rounded
        "*on track*",
        "Forecast at the deadline: 58,696",
        "+2,000 (+4.55%) since 15 Nov 2026 (was 44,000)",
        "Owner: @U1",
        "Last check-in: yesterday",
    ):
        assert figure in text, (figure, text)


def test_a_goal_without_check_ins_says_no_data_rather_than_a_number(loaded: Any) -> None:
    text = ask(loaded, "how's revenue")

    assert "No data yet" in text
    assert "Target €5,000 by 20 Dec 2026" in text
    assert "%" not in text


def test_a_metric_nobody_tracks_gets_an_honest_answer_and_what_is_tracked(loaded: Any) -> None:
    text = ask(loaded, "how are we doing on impressions?")

    assert text.startswith("No goal tracks Impressions.")
    assert "Reach on Instagram" in text and "Video views on YouTube" in text


def test_an_empty_workspace_is_told_how_to_add_goals_in_slack_and_from_a_file(
    db: Engine,
) -> None:
    services = make_services(db, FrozenClock(NOW), DEFAULT_TIMEZONE="Europe/Bucharest")

    text = ask(services, "how are we doing on reach?")

    assert "has no goals yet" in text
    assert "`/goals new`" in text and "`checkin-bot import`" in text


def test_several_matches_come_as_a_short_list_to_choose_from(loaded: Any) -> None:
    answer = answer_question(loaded, team_id=TEAM, user_id="U1", text="how are we doing on reach?")

    assert answer.said is Said.CHOOSE
    assert [g.ref for g in answer.goals] == ["reach-tt", "reach-ig"]


def test_change_over_a_week_compares_with_the_last_value_a_week_ago(loaded: Any) -> None:
    text = ask(loaded, "how did instagram reach change since last week?")

    assert "+7,000 (+17.95%) since 1 Nov 2026 (was 39,000)" in text


def test_okr_score_averages_the_key_results(loaded: Any) -> None:
    text = ask(loaded, "what's the score of our Q4 objective?")

    # Reach 0.53 and followers 0.15 average to 0.34.
    assert "*Q4 awareness push*: score *0.34* (behind)" in text
    assert "Reach 60k on Instagram: 0.53" in text


def test_a_lower_is_better_goal_reads_as_achieved(loaded: Any) -> None:
    text = ask(loaded, "response time?")

    assert "*50 min* of 1h" in text and "*achieved*" in text


@contextmanager
def counted_statements(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _grow(services: Any, *, goals: int, checkins_each: int) -> None:
    now = services.now()
    rows = [
        {"team_id": TEAM, "title": f"Filler {i}", "metric": "likes", "metric_name": "Likes",
         "target": Decimal(100), "deadline": now + timedelta(days=30), "start_at": now,
         "contributors": [], "created_at": now, "updated_at": now, "external_id": f"filler-{i}"}
        for i in range(goals)
    ]  # fmt: skip
    with services.session() as session:
        insert_rows(session=session, team_id=TEAM, model=Goal, rows=rows)
        ids = session.scalars(select(Goal.id).where(Goal.metric == "likes")).all()
        checkins = [
            {"team_id": TEAM, "goal_id": goal_id, "value": Decimal(n),
             "at": now - timedelta(hours=n), "created_at": now, "updated_at": now}
            for goal_id in ids
            for n in range(checkins_each)
        ]  # fmt: skip
        reach = session.scalar(select(Goal.id).where(Goal.external_id == "reach-ig"))
        checkins += [
            {"team_id": TEAM, "goal_id": reach, "value": Decimal(45000),
             "at": now - timedelta(days=40, minutes=n), "created_at": now, "updated_at": now}
            for n in range(checkins_each * 10)
        ]  # fmt: skip
        insert_rows(session=session, team_id=TEAM, model=CheckIn, rows=checkins)


def test_an_answer_issues_the_same_few_statements_whatever_the_data_size(
    loaded: Any, engine: Engine
) -> None:
    questions = ["reach on instagram?", "how are we doing on reach?", "what's off track?"]
    with counted_statements(engine) as small:
        for question in questions:
            ask(loaded, question)
    _grow(loaded, goals=200, checkins_each=20)
    try:
        with counted_statements(engine) as large:
            for question in questions:
                ask(loaded, question)
    finally:
        with loaded.session() as session:
            session.execute(Goal.__table__.delete().where(Goal.metric == "likes"))  # type: ignore[attr-defined]
            session.execute(CheckIn.__table__.delete().where(CheckIn.value == Decimal(45000)))  # type: ignore[attr-defined]

    assert len(large) == len(small)
    assert len(small) <= 3 * 4


# --- through Slack ----------------------------------------------------------------------


@pytest.fixture
def slack(harness: BotHarness) -> BotHarness:
    import_file(harness.services, team_id=harness.sandbox.team_id, text=DATASET.read_text("utf-8"))
    return harness


def test_a_dm_question_gets_the_answer(slack: BotHarness) -> None:
    slack.driver.message("U1", "reach on instagram?")

    reply = slack.dm("U1")[-1]
    assert "46,000" in str(reply.blocks)
    assert reply.text.startswith("Reach 60k on Instagram: 46,000 of 60,000")


def test_a_mention_in_a_channel_is_answered_in_its_thread(slack: BotHarness) -> None:
    slack.driver.mention("U1", "which goals are off track?", channel="C1")

    answers = [m for m in slack.sandbox.channel_messages("C1", include_threads=True) if m.thread_ts]
    assert answers and "TikTok reach 200k" in str(answers[-1].blocks)


def test_goals_ask_answers_privately(slack: BotHarness) -> None:
    slack.driver.command("U1", "/goals", "ask who owns the followers goal?", channel="C1")

    assert "owned by <@U2>" in slack.last_reply("U1").text
    assert slack.sandbox.channel_messages("C1") == []


def test_a_button_under_several_matches_answers_for_that_goal(slack: BotHarness) -> None:
    slack.driver.message("U1", "how are we doing on reach?")
    choices = slack.dm("U1")[-1]

    slack.driver.click("U1", choices, "TikTok reach 200k")

    assert "reach-tt" in str(slack.last_reply("U1").blocks)


def test_what_is_not_a_question_still_falls_through_to_the_pointer(slack: BotHarness) -> None:
    slack.driver.message("U1", "hello there")

    assert "/goals help" in slack.dm("U1")[-1].text


def test_help_answer_examples_are_each_read_as_their_kind() -> None:
    from bot.core.questions import understand
    from bot.services.questions.answer import EXAMPLES

    for intent, example in EXAMPLES:
        assert understand(example, now=NOW, tz=UTC).intent is intent  # type: ignore[arg-type]
    assert {intent for intent, _ in EXAMPLES} == set(Intent) - {Intent.HELP, Intent.UNKNOWN}
