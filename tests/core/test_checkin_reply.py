"""Check-in replies as people type them in a reminder's thread, and `/goals checkin`."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.checkin_reply import (
    Confidence,
    Skip,
    Snooze,
    Values,
    parse_checkin_command,
    parse_reply,
    take_confidence,
)
from bot.core.goal_lookup import GoalRef, Lookup
from bot.core.parse_error import ParseError
from bot.core.values import Unit

REACH = GoalRef(1, "Reach 60k on Instagram", "reach", "reach", "instagram", number=1)
ENGAGEMENT = GoalRef(
    2, "Engagement rate 4%", "engagement_rate", "engagement rate", unit=Unit.PERCENT, number=2
)
SIGNUPS = GoalRef(3, "More sign-ups", "sign_ups", "sign-ups", number=3)
RESPONSE = GoalRef(
    4, "Answer faster", "response_time", "response time", unit=Unit.DURATION, number=4
)
LAUNCH = GoalRef(5, "Crisis plan written", "milestone", unit=Unit.MILESTONE, number=5)

# (typed, goals asked about, {goal id: value}, confidence, note)
VALUE_CASES = [
    ("41.2k", [REACH], {1: "41200"}, None, ""),
    ("41,200", [REACH], {1: "41200"}, None, ""),
    ("41200, the reel did well", [REACH], {1: "41200"}, None, "the reel did well"),
    ("۴۱٬۲۰۰", [REACH], {1: "41200"}, None, ""),
    ("۴۱٫۲ هزار", [REACH], {1: "41200"}, None, ""),
    ("about 41k", [REACH], {1: "41000"}, None, ""),
    ("41k at risk", [REACH], {1: "41000"}, Confidence.AT_RISK, ""),
    ("on track: 41k, the reel did well", [REACH], {1: "41000"}, Confidence.ON_TRACK,
     "the reel did well"),
    ("🔴 39k, the algorithm changed", [REACH], {1: "39000"}, Confidence.OFF_TRACK,
     "the algorithm changed"),
    ("3.4", [ENGAGEMENT], {2: "3.4"}, None, ""),
    ("3.4%", [ENGAGEMENT], {2: "3.4"}, None, ""),
    ("2h 30m", [RESPONSE], {4: "9000"}, None, ""),
    ("done", [LAUNCH], {5: "1"}, None, ""),
    ("not done yet", [LAUNCH], {5: "0"}, None, "yet"),
    ("reach 41k, engagement 3.4%", [REACH, ENGAGEMENT], {1: "41000", 2: "3.4"}, None, ""),
    ("engagement 3.4%; reach 41k, great month", [REACH, ENGAGEMENT], {1: "41000", 2: "3.4"},
     None, "great month"),
    ("reach 41,200 and engagement 3.4% off track", [REACH, ENGAGEMENT],
     {1: "41200", 2: "3.4"}, Confidence.OFF_TRACK, ""),
    ("ریچ ۴۱ هزار", [REACH, ENGAGEMENT], {1: "41000"}, None, ""),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "goals", "values", "confidence", "note"), VALUE_CASES)
def test_a_reply_with_values_is_a_check_in(
    typed: str,
    goals: list[GoalRef],
    values: dict[int, str],
    confidence: Confidence | None,
    note: str,
) -> None:
    reply = parse_reply(typed, goals)

    assert isinstance(reply, Values), reply
    assert {v.goal.id: v.quantity.value for v in reply.values} == {
        k: Decimal(v) for k, v in values.items()
    }
    assert (reply.confidence, reply.note) == (confidence, note)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("skip", Skip()),
        ("Skip this time", Skip()),
        ("pass!", Skip()),
        ("snooze", Snooze(1)),
        ("snooze 2d", Snooze(2)),
        ("Snooze 3 days", Snooze(3)),
        ("snooze 1 week", Snooze(7)),
        ("snooze ۲d", Snooze(2)),
    ],
)
def test_skip_and_snooze_are_understood(typed: str, expected: object) -> None:
    assert parse_reply(typed, [REACH]) == expected


# (typed, goals, words the question contains)
QUESTION_CASES = [
    ("hello", [REACH], "couldn't find a number"),
    ("", [REACH], "didn't get a number"),
    ("maybe tomorrow", [LAUNCH], "Crisis plan written"),
    ("41k", [REACH, ENGAGEMENT], "Which goal is “41k” for?"),
    ("reach 41k, reach 42k", [REACH, ENGAGEMENT], "two values"),
    ("snooze 90d", [REACH], "1 to 30 days"),
    ("41k", [], "no goal"),
]


@pytest.mark.parametrize(("typed", "goals", "words"), QUESTION_CASES)
def test_an_unreadable_reply_gets_a_question_with_an_example(
    typed: str, goals: list[GoalRef], words: str
) -> None:
    reply = parse_reply(typed, goals)

    assert isinstance(reply, ParseError)
    assert words in reply.message
    assert reply.example


GOALS = [
    REACH,
    ENGAGEMENT,
    SIGNUPS,
    GoalRef(6, "Reach 20k on TikTok", "reach", platform="tiktok", number=6),
]

# (typed, goal id or "?" for asked back, value, note)
COMMAND_CASES = [
    ("#3 412 great week", 3, "412", "great week"),
    ("3 412", 3, "412", ""),
    ("sign-ups 412", 3, "412", ""),
    ("instagram reach 41.2k the reel did well", 1, "41200", "the reel did well"),
    ("Reach 60k on Instagram 61k", 1, "61000", ""),
    ("engagement 3.4% at risk", 2, "3.4", ""),
    ("reach 41k", "?", None, ""),
]


@pytest.mark.parametrize(("typed", "goal", "value", "note"), COMMAND_CASES)
def test_the_checkin_command_finds_the_goal_then_the_value(
    typed: str, goal: int | str, value: str | None, note: str
) -> None:
    result = parse_checkin_command(typed, GOALS)

    if goal == "?":
        assert isinstance(result, Lookup) and result.ambiguous
        return
    assert isinstance(result, Values), result
    assert result.values[0].goal.id == goal
    assert result.values[0].quantity.value == Decimal(str(value))
    assert result.note == note


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("41k", ParseError),  # several goals: which one?
        ("pizza 41k", Lookup),  # no goal called pizza
        ("nothing here", ParseError),
        ("", ParseError),
    ],
)
def test_the_checkin_command_asks_back_when_the_goal_is_unclear(typed: str, expected: type) -> None:
    result = parse_checkin_command(typed, GOALS)

    assert isinstance(result, expected)
    if isinstance(result, Lookup):
        assert result.missing and result.query == "pizza"


def test_with_one_goal_the_command_needs_no_goal_name() -> None:
    result = parse_checkin_command("41k", [REACH])

    assert isinstance(result, Values) and result.values[0].goal == REACH


def test_confidence_is_taken_out_of_the_text() -> None:
    assert take_confidence("41k, at risk") == (Confidence.AT_RISK, "41k,")
    assert take_confidence("41k") == (None, "41k")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.integers(min_value=0, max_value=3))
def test_any_reply_is_read_or_answered_with_a_question(typed: str, how_many: int) -> None:
    goals = [REACH, ENGAGEMENT, RESPONSE][:how_many]

    reply = parse_reply(typed, goals)
    command = parse_checkin_command(typed, goals)

    assert isinstance(reply, Skip | Snooze | Values | ParseError)
    assert isinstance(command, Values | Lookup | ParseError)
    for result in (reply, command):
        if isinstance(result, ParseError):
            assert result.message and result.example
        if isinstance(result, Values):
            assert result.values and all(v.goal in goals for v in result.values)
