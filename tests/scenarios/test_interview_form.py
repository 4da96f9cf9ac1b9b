"""The goal form (`/goals new form`) through the sandbox: same fields, same checks, same save."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import Session

from storage.models import InterviewState, ReminderSchedule
from tests.factories import make_checkin, make_goal
from tests.harness import BotHarness
from tests.scenarios.test_interview_flow import goals, rows, say, shown

_SELECTS = {"category", "metric", "unit", "direction", "cadence"}
_ELEMENT = {"owner": "selected_user", "channel": "selected_conversation",
            "deadline": "selected_date"}  # fmt: skip

PIZZERIA_FORM = {"why": "we want more people to see our Instagram", "metric": "followers",
                 "baseline": "400", "target": "+20%", "deadline": "2026-12-22"}  # fmt: skip


def state_values(fields: dict[str, str]) -> dict[str, dict[str, Any]]:
    """What Slack puts in `view.state.values` for these fields, element by element."""
    values: dict[str, dict[str, Any]] = {}
    for name, value in fields.items():
        if name in _SELECTS:
            state: dict[str, Any] = {"type": "static_select", "selected_option": {"value": value}}
        elif name in _ELEMENT:
            state = {_ELEMENT[name]: value}
        else:
            state = {"type": "plain_text_input", "value": value}
        values[name] = {f"interview.form.{name}": state}
    return values


def open_form(harness: BotHarness, user: str = "U1") -> dict[str, Any]:
    harness.driver.command(user, "/goals", "new form")
    return list(harness.sandbox.views.values())[-1]


def submit(harness: BotHarness, fields: dict[str, str], user: str = "U1") -> dict[str, Any]:
    answer = harness.driver.submit_view(user, open_form(harness, user), state_values(fields))
    assert answer.status == 200
    return answer.json() or {}


def test_the_form_has_every_question_within_modal_limits(harness: BotHarness) -> None:
    view = open_form(harness)

    assert view["callback_id"] == "interview.form" and view["title"]["text"] == "New goal"
    fields = [b["block_id"] for b in view["blocks"] if b["type"] == "input"]
    assert fields == ["why", "category", "where", "metric", "custom_metric", "unit",
                      "direction", "baseline", "target", "deadline", "owner", "cadence",
                      "channel"]  # fmt: skip
    owner = next(b for b in view["blocks"] if b.get("block_id") == "owner")
    assert owner["element"]["initial_user"] == "U1"


def test_a_good_form_leads_to_the_same_review_and_save(harness: BotHarness) -> None:
    answer = submit(harness, PIZZERIA_FORM)

    assert "errors" not in answer
    review = harness.dm("U1")[-1]
    assert "SMART review" in shown(review) and "realistic" in shown(review)
    harness.driver.click("U1", review, "Save")
    harness.driver.click("U1", review, "Save")

    [goal] = goals(harness.engine)
    assert goal.title == "Followers to 480 on Instagram by 22 Dec 2026"
    assert (goal.baseline, goal.target, goal.owner_id, goal.category) == (400, 480, "U1",
                                                                         "awareness")  # fmt: skip
    [schedule] = rows(harness.engine, ReminderSchedule)
    assert (schedule.goal_id, schedule.weekdays, schedule.local_time) == (goal.id, "0", "10:00")
    assert rows(harness.engine, InterviewState) == []
    assert "already saved" in shown(harness.last_reply("U1"))


def test_a_form_with_a_custom_metric_another_owner_and_a_digest_channel(
    harness: BotHarness,
) -> None:
    submit(harness, {"why": "sell more pizzas", "category": "conversions", "where": "website",
                     "custom_metric": "pizza orders by phone", "unit": "count",
                     "direction": "higher", "baseline": "", "target": "150",
                     "deadline": "2027-03-31", "owner": "U2", "cadence": "daily at 10:00",
                     "channel": "C1"})  # fmt: skip
    review = harness.dm("U1")[-1]
    assert "first check-in" in shown(review)  # no baseline: the first check-in becomes it

    harness.driver.click("U1", review, "Save")

    [goal] = goals(harness.engine)
    assert (goal.metric, goal.metric_name, goal.baseline) == ("custom", "pizza orders by phone",
                                                              None)  # fmt: skip
    assert (goal.owner_id, goal.channel_id, goal.category) == ("U2", "C1", "conversions")
    [schedule] = rows(harness.engine, ReminderSchedule)
    assert (schedule.frequency, schedule.timezone) == ("daily", "Asia/Tehran")


BAD_FORMS = [
    # (what is changed from the good form, the field blamed, words of the problem)
    ({"why": "   "}, "why", "Tell me in a few words"),
    ({"why": "hmm", "category": ""}, "category", "pick the closest"),
    ({"metric": ""}, "metric", "Pick a metric"),
    ({"custom_metric": "calls"}, "custom_metric", "not both"),
    ({"metric": "", "custom_metric": "calls"}, "unit", "kind of number"),
    ({"baseline": "3.2%"}, "baseline", "is a count, but that reads as a percent"),
    ({"baseline": "lots"}, "baseline", "couldn't find a number"),
    ({"target": "300"}, "target", "goes the other way"),
    ({"target": "400"}, "target", "today's value"),
    ({"deadline": "2025-01-01"}, "deadline", "already passed"),
    ({"deadline": ""}, "deadline", "didn't get a date"),
]


@pytest.mark.parametrize(("changed", "field", "words"), BAD_FORMS)
def test_a_bad_form_gets_the_conversations_words_on_the_field_and_saves_nothing(
    harness: BotHarness, changed: dict[str, str], field: str, words: str
) -> None:
    answer = submit(harness, {**PIZZERIA_FORM, **changed})

    assert answer["response_action"] == "errors"
    assert list(answer["errors"]) == [field]
    assert words in answer["errors"][field]
    assert goals(harness.engine) == [] and rows(harness.engine, InterviewState) == []
    assert harness.sandbox.channel_messages(harness.sandbox.im_channel("U1")) == []


def test_a_bad_baseline_does_not_also_blame_the_target(harness: BotHarness) -> None:
    answer = submit(harness, {**PIZZERIA_FORM, "baseline": "lots", "deadline": "2020-01-01"})

    assert set(answer["errors"]) == {"baseline", "deadline"}


def test_the_conversation_offers_the_form_and_the_form_replaces_it(harness: BotHarness) -> None:
    say(harness, "new goal", "we want more people to see our Instagram")
    first = next(m for m in harness.dm("U1") if "Use a form instead" in shown(m))

    harness.driver.click("U1", first, "Use a form instead")
    view = list(harness.sandbox.views.values())[-1]
    harness.driver.submit_view("U1", view, state_values(PIZZERIA_FORM))

    assert "replaced the goal interview" in shown(harness.dm("U1")[-1])
    say(harness, "save")
    assert len(goals(harness.engine)) == 1


def test_a_target_far_above_the_recent_trend_names_the_trend(harness: BotHarness) -> None:
    with Session(harness.engine) as session:
        earlier = make_goal(
            session,
            now=harness.clock.now(),
            title="Followers to 450",
            metric="followers",
            metric_name="Followers",
            platform="instagram",
            baseline=Decimal(300),
            target=Decimal(450),
        )
        assert earlier.id is not None
        for day, value in [(1, 340), (8, 350), (15, 362), (22, 370)]:
            make_checkin(
                session,
                earlier.id,
                value,
                at=datetime(2026, 10, day, 9, tzinfo=UTC),
                now=harness.clock.now(),
            )
        session.commit()

    submit(harness, {**PIZZERIA_FORM, "target": "10400"})

    review = shown(harness.dm("U1")[-1])
    assert "not realistic" in review and "+10 a week in recent check-ins" in review
    assert "Use 500 instead" in review
