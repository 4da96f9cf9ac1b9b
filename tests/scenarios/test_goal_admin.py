"""`/goals list | show | chart | edit | archive | export` through the sandbox."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

from bot.services.export import export_records, write_csv
from storage import repo
from tests.digest_data import store
from tests.factories import make_goal
from tests.harness import TEAM, BotHarness


@pytest.fixture
def team(harness: BotHarness) -> BotHarness:
    with harness.services.session() as session:
        harness.goal_ids = store(session, TEAM)  # type: ignore[attr-defined]
    return harness


def number(harness: BotHarness, nth: int) -> str:
    """The `#N` of the team's nth goal: numbers count per workspace from 1, whatever the ids."""
    goal_id = harness.goal_ids[nth - 1]  # type: ignore[attr-defined]
    with harness.services.session() as session:
        goal = repo.get_goal(session=session, team_id=TEAM, goal_id=goal_id)
    assert goal is not None and goal.number == nth
    return f"#{nth}"


def test_list_numbers_every_goal_with_its_status(team: BotHarness) -> None:
    team.driver.command("U1", "/goals", "list")

    text = str(team.last_reply("U1").blocks)
    assert "Goals (6)" in text
    assert f"`{number(team, 1)}` *Instagram reach 60k*" in text and "_on track_" in text


@pytest.mark.parametrize(
    ("query", "shows"),
    [
        (3, "Newsletter sign-ups"),
        ("newsletter", "Newsletter sign-ups"),
        ("reach", "Instagram"),
        ("youtube", "YouTube subscribers 5k"),  # by platform, as `/goals checkin` finds goals
    ],
)
def test_show_finds_a_goal_by_number_or_title(
    team: BotHarness, query: str | int, shows: str
) -> None:
    typed = number(team, query) if isinstance(query, int) else query
    team.driver.command("U1", "/goals", f"show {typed}")

    assert shows in str(team.last_reply("U1").blocks)


@pytest.mark.parametrize(
    ("query", "says"),
    [("pizza", "found no goal"), ("", "Name a goal"), ("e", "found no goal")],
)
def test_show_explains_a_query_that_names_no_single_goal(
    team: BotHarness, query: str, says: str
) -> None:
    team.driver.command("U1", "/goals", f"show {query}")

    assert says in team.last_reply("U1").text


def test_a_name_two_goals_share_is_asked_back_with_their_numbers(team: BotHarness) -> None:
    with team.services.session() as session:
        second = make_goal(
            session,
            now=team.clock.now(),
            title="Instagram followers",
            metric="followers",
            platform="instagram",
        )

    team.driver.command("U1", "/goals", "show instagram")

    reply = team.last_reply("U1")
    assert "Which goal?" in reply.text
    assert number(team, 1) in str(reply.blocks) and f"#{second.number}" in str(reply.blocks)


def test_archive_asks_first_and_then_archives(team: BotHarness) -> None:
    team.driver.command("U1", "/goals", f"archive {number(team, 1)}")
    question = team.last_reply("U1")
    assert "Archive" in question.text

    team.driver.click("U1", question, "Archive")

    assert "Archived" in team.last_reply("U1").text
    with team.services.session() as session:
        assert repo.get_goal(session=session, team_id=TEAM, goal_id=team.goal_ids[0])  # type: ignore[attr-defined].state == "archived"
    assert "Instagram reach 60k" not in str(team.sandbox.home_views["U1"]["blocks"])


def test_only_owners_contributors_or_admins_may_archive(team: BotHarness) -> None:
    team.driver.command("U2", "/goals", f"archive {number(team, 1)}")

    assert "Only <@U1>" in team.last_reply("U2").text


def test_edit_opens_a_modal_and_saves_the_changes(team: BotHarness) -> None:
    team.driver.command("U1", "/goals", f"edit {number(team, 1)}")
    [modal] = [v for v in team.sandbox.views.values() if v.get("callback_id") == "goal.edit"]

    team.driver.submit_view(
        "U1",
        modal,
        {
            "title": {"value": {"type": "plain_text_input", "value": "Instagram reach 70k"}},
            "target": {"value": {"type": "plain_text_input", "value": "70k"}},
            "deadline": {"value": {"type": "datepicker", "selected_date": "2027-01-31"}},
        },
    )

    with team.services.session() as session:
        goal = repo.get_goal(session=session, team_id=TEAM, goal_id=team.goal_ids[0])  # type: ignore[attr-defined]
    assert (goal.title, goal.target) == ("Instagram reach 70k", 70000)
    assert goal.deadline.isoformat() == "2027-01-31T21:59:59+00:00"


def test_export_sends_by_dm_the_same_csv_as_the_command_line(team: BotHarness) -> None:
    team.driver.command("U1", "/goals", "export", channel="C1")

    [upload] = team.sandbox.files.values()
    sent = upload["content"].decode("utf-8")
    same = io.StringIO()
    write_csv(export_records(team.services, team_id=TEAM), same)
    assert sent == same.getvalue()
    rows = list(csv.DictReader(io.StringIO(sent)))
    assert [r["title"] for r in rows][:2] == ["Instagram reach 60k", "Reply within an hour"]
    assert "6 goals and 9 check-ins" in team.last_reply("U1").text
    dm = team.sandbox.im_channel("U1")
    assert any(m.files for m in team.sandbox.channel_messages(dm))


def test_chart_posts_a_png_where_it_was_asked(team: BotHarness) -> None:
    team.driver.command("U1", "/goals", f"chart {number(team, 1)}", channel="C1")

    [upload] = team.sandbox.files.values()
    assert upload["content"][:4] == b"\x89PNG"
    assert any(m.files for m in team.sandbox.channel_messages("C1"))


def test_starting_the_bot_does_not_load_matplotlib() -> None:
    code = "import sys, bot.slack.app, bot.scheduling.sources; print('matplotlib' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)

    assert result.stdout.strip() == "False", result.stderr


def test_drawing_a_chart_leaves_matplotlib_out_of_the_bot_process() -> None:
    code = (
        "import sys; from bot.charts import draw_chart; png = draw_chart([], title='None'); "
        "print(png[:4] == b'\\x89PNG', 'matplotlib' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)

    assert result.stdout.split() == ["True", "False"], result.stderr


def test_show_lists_the_latest_checkins_with_where_each_came_from(team: BotHarness) -> None:
    goal = number(team, 1)
    team.driver.command("U1", "/goals", f"checkin {goal} 52,000")

    team.driver.command("U1", "/goals", f"show {goal}")

    shown = str(team.last_reply("U1").blocks)
    assert "*Latest check-ins:* " in shown
    assert "52,000 (command)" in shown.split("*Latest check-ins:* ")[1].split(" · ")[0]
