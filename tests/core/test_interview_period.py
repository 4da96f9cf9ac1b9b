"""A flow metric's period in the interview: read with the number, asked when missing."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.core.interview import Interview, Prompt, Step, from_json, start, step, to_json
from bot.core.period import IN_TOTAL, Period

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
TZ = ZoneInfo("Europe/Bucharest")
AFTER_TARGET = ["in 30 days", "me", "skip", "skip"]


def run(answers: list[str]) -> tuple[Interview, Prompt]:
    state, prompt = start("U1"), None
    for answer in answers:
        state, prompt = step(state, answer, now=NOW, tz=TZ)
        assert from_json(to_json(state)) == state
    assert prompt is not None
    return state, prompt


@pytest.mark.parametrize(
    ("target", "period"),
    [("50k a month", Period.MONTHLY), ("50 bin/ay", Period.MONTHLY),
     ("50 nghìn mỗi tuần", Period.WEEKLY), ("۵۰ هزار در ماه", Period.MONTHLY),
     ("50k pe lună", Period.MONTHLY), ("50k in total", IN_TOTAL)],
)  # fmt: skip
def test_a_target_with_its_period_is_not_asked_again(target: str, period: object) -> None:
    state, prompt = run(["more people should see our Instagram", "reach", "30k", target])

    assert prompt.step is Step.DEADLINE
    assert state.measure.period == period


def test_a_flow_target_without_a_period_asks_for_it() -> None:
    state, prompt = run(["more people should see our Instagram", "reach", "30k", "50k"])

    assert prompt.step is Step.PERIOD
    assert "50,000 reach *a week*, *a month*, or *in total*" in prompt.question
    assert [c.label for c in prompt.choices] == ["A week", "A month", "In total"]

    state, prompt = step(state, prompt.choices[1].value, now=NOW, tz=TZ)

    assert state.measure.period is Period.MONTHLY
    assert prompt.echo == ("Target: 50,000 reach a month.",)


def test_a_period_answer_it_cannot_read_is_asked_again() -> None:
    state, _ = run(["more people should see our Instagram", "reach", "30k", "50k"])

    state, prompt = step(state, "whenever", now=NOW, tz=TZ)

    assert prompt.step is Step.PERIOD
    assert prompt.problem is not None and "a month's" in prompt.problem


def test_a_level_such_as_followers_has_no_period_to_ask() -> None:
    state, prompt = run(["more people should see our Instagram", "followers", "400", "480",
                         *AFTER_TARGET])  # fmt: skip

    assert prompt.step is Step.REVIEW
    assert state.measure.period is None


def test_the_review_shows_the_period_and_can_change_it() -> None:
    state, prompt = run(["more people should see our Instagram", "reach", "30k a month", "50k",
                         *AFTER_TARGET])  # fmt: skip

    assert any("Reach from 30,000 to 50,000 a month" in line for line in prompt.summary)
    assert "Reach to 50,000 a month on Instagram." in prompt.reviews[0][1].letters[0].reason

    state, prompt = step(state, "change period to a week", now=NOW, tz=TZ)

    assert prompt.step is Step.REVIEW
    assert state.measure.period is Period.WEEKLY
    assert any("to 50,000 a week" in line for line in prompt.summary)
