"""The goal interview state machine, answer by answer, on a frozen clock."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.interview import (
    Interview,
    Mode,
    Prompt,
    Step,
    from_json,
    start,
    step,
    to_json,
)
from bot.core.smart import Verdict
from bot.core.values import Category, Direction, Unit

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)  # Sunday, 10:00 in Bucharest
TZ = ZoneInfo("Europe/Bucharest")

PIZZERIA = ["we want more people to see our Instagram", "followers", "400", "+20%",
            "in 30 days"]  # fmt: skip
"""Owner, check-ins and digest channel are not asked: their defaults show at the review."""


def run(answers: list[str], interview: Interview | None = None) -> tuple[Interview, Prompt]:
    state = interview or start("U1")
    prompt = None
    for answer in answers:
        state, prompt = step(state, answer, now=NOW, tz=TZ)
        assert from_json(to_json(state)) == state  # every state survives a restart
    assert prompt is not None
    return state, prompt


def test_a_vague_wish_becomes_a_reviewed_goal() -> None:
    state, prompt = run(PIZZERIA)

    assert prompt.step is Step.REVIEW
    assert state.category is Category.AWARENESS
    assert state.platform == "instagram"
    measure = state.measure
    assert (measure.metric_key, measure.baseline, measure.target) == ("followers", 400, 480)
    assert state.deadline == date(2026, 12, 22)
    assert state.owner == "U1"
    [(_, review)] = prompt.reviews
    assert [letter.verdict for letter in review.letters] == [Verdict.PASS] * 5
    assert any("Followers from 400 to 480 by 22 Dec 2026" in line for line in prompt.summary)


def test_save_at_the_review_finishes_the_interview() -> None:
    state, _prompt = run([*PIZZERIA, "save"])
    assert state.step is Step.SAVED and state.finished


ECHOES = [
    # (answers up to the step, the answer, words echoed back)
    (PIZZERIA[:2], "about 12k", "Baseline: about 12,000 followers today."),
    (PIZZERIA[:2], "۱۲٬۴۰۰", "Baseline: 12,400 followers today."),
    (PIZZERIA[:2], "1,2 mln", "Baseline: 1,200,000 followers today."),
    (PIZZERIA[:2], "I don't know", "Baseline: not known yet. Your first check-in"),
    (PIZZERIA[:2], "not sure yet", "Baseline: not known yet. Your first check-in"),
    (PIZZERIA[:3], "60k", "Target: 60,000 followers."),
    (PIZZERIA[:3], "double it", "Target: 800 followers (×2 from 400)."),
    (PIZZERIA[:4], "by Dec 31", "Target: 480 followers by 31 Dec 2026 (in 5 weeks)."),
    (PIZZERIA[:4], "end of Q1", "by 31 Mar 2027"),
    (PIZZERIA[:4], "end of the year", "by 31 Dec 2026"),
    (PIZZERIA[:4], "in 6 weeks", "by 3 Jan 2027"),
    (PIZZERIA[:4], "next month", "by 31 Dec 2026"),
    (PIZZERIA[:4], "31/12", "by 31 Dec 2026"),
    (PIZZERIA[:1], "etkileşim oranı", "Metric: Engagement rate, a percent"),
    (PIZZERIA[:1], "ریچ", "Metric: Reach"),
    (PIZZERIA[:1], "urmăritori", "Metric: Followers"),
    (PIZZERIA[:1], "người theo dõi", "Metric: Followers"),
    (PIZZERIA[:1], "engagment rate", "I read “engagment rate” as Engagement rate"),
    (["customer service"], "skip", "Where: not given."),
    (["customer service"], "Cluj-Napoca", "Where: Cluj-Napoca."),
    (PIZZERIA, "change owner to <@U2>", "Owner: <@U2>."),
    (PIZZERIA, "change cadence to mon and thu 9:30", "every Monday and Thursday at 09:30"),
    (PIZZERIA, "change channel to <#C1|marketing>", "Digest: <#C1>."),
]


@pytest.mark.parametrize(("before", "answer", "echo"), ECHOES)
def test_every_answer_is_echoed_in_plain_words(before: list[str], answer: str, echo: str) -> None:
    _, prompt = run([*before, answer])
    assert prompt.problem is None, prompt.problem
    assert echo in " ".join(prompt.echo)


SPECIAL_BASELINES = [
    ("response time", "2h 30m", "9000", Unit.DURATION),
    ("engagement rate", "3.2%", "3.2", Unit.PERCENT),
    ("revenue", "$1.5k", "1500", Unit.CURRENCY),
]


@pytest.mark.parametrize(("metric", "typed", "value", "unit"), SPECIAL_BASELINES)
def test_baselines_are_read_in_the_metric_s_unit(
    metric: str, typed: str, value: str, unit: Unit
) -> None:
    state, _ = run(["customer service", "skip", metric, typed])
    assert state.measure.unit is unit
    assert state.measure.baseline == Decimal(value)


def test_cut_to_under_an_hour_is_a_lower_target_for_response_time() -> None:
    state, prompt = run(["customer service", "skip", "response time", "2h 30m", "cut to under 1h"])
    assert state.measure.target == 3600
    assert state.measure.direction is Direction.DECREASE
    assert "Target: 1h response time." in prompt.echo


PROBLEMS = [
    # (answers before, the answer, words of the problem, the step asked again)
    (PIZZERIA[:2], "lots", "couldn't find a number", Step.BASELINE),
    (PIZZERIA[:2], "3.2%", "is a count, but that reads as a percent", Step.BASELINE),
    (PIZZERIA[:3], "300", "goes the other way", Step.TARGET),
    (PIZZERIA[:3], "400", "today's value", Step.TARGET),
    (PIZZERIA[:4], "2025-01-01", "already passed", Step.DEADLINE),
    (PIZZERIA[:4], "05/06", "Did you mean 5 Jun 2027 or 6 May 2027?", Step.DEADLINE),
    (PIZZERIA[:4], "someday", "couldn't find a date", Step.DEADLINE),
    (PIZZERIA[:4], "$1.5k", "an amount, not a date", Step.DEADLINE),
    (PIZZERIA, "change owner to ana", "mention the owner", Step.OWNER),
    (PIZZERIA, "change cadence to every 3 days", "in a schedule", Step.CADENCE),
    (PIZZERIA, "change channel to marketing", "Mention the channel", Step.CHANNEL),
    ([], "", "Tell me in a few words", Step.WHY),
    (PIZZERIA[:1], "12000", "That is a number; name the metric", Step.METRIC),
    (PIZZERIA[:1], "12,000 %", "That is a number; name the metric", Step.METRIC),
    (PIZZERIA[:1], "", "Name the metric you will count", Step.METRIC),
    (PIZZERIA[:1], "?!", "Name the metric you will count", Step.METRIC),
    ([], "skip", "can't be skipped", Step.WHY),
    (["brand awareness"], "400", "Name a platform or a scope", Step.WHERE),
    (PIZZERIA, "maybe", "say “save”", Step.REVIEW),
]


@pytest.mark.parametrize(("before", "answer", "problem", "asked"), PROBLEMS)
def test_an_unreadable_answer_gets_the_question_again_with_an_example(
    before: list[str], answer: str, problem: str, asked: Step
) -> None:
    _, prompt = run([*before, answer])
    assert prompt.step is asked
    assert problem in (prompt.problem or "")
    assert prompt.example


def test_an_ambiguous_date_offers_both_readings_as_buttons() -> None:
    state, prompt = run([*PIZZERIA[:4], "05/06"])
    assert [c.value for c in prompt.choices] == ["2027-06-05", "2027-05-06"]
    state, _ = run(["2027-05-06"], state)
    assert state.deadline == date(2027, 5, 6)


def test_unknown_category_is_asked_with_buttons() -> None:
    state, prompt = run(["because the boss said so"])
    assert prompt.step is Step.CATEGORY
    assert len(prompt.choices) == 10
    state, prompt = run(["leads"], state)
    assert state.category is Category.LEADS
    assert state.why == "because the boss said so"


def test_a_custom_metric_asks_for_its_unit_and_direction() -> None:
    state, prompt = run(["sell more pizzas", "website", "pizza orders by phone"])
    assert prompt.step is Step.UNIT
    state, prompt = run(["count", "higher", "120", "150"], state)
    assert prompt.step is Step.DEADLINE
    assert state.measure.metric_key is None
    assert (state.measure.unit, state.measure.direction) == (Unit.COUNT, Direction.INCREASE)


def test_a_milestone_needs_no_baseline_or_target() -> None:
    state, prompt = run(["crisis", "all channels", "crisis plan", "milestone"])
    assert prompt.step is Step.DEADLINE
    assert (state.measure.baseline, state.measure.target) == (0, 1)


def test_back_returns_to_the_previous_question_and_forgets_its_answer() -> None:
    state, prompt = run([*PIZZERIA[:4], "back"])
    assert prompt.step is Step.TARGET
    assert state.measure.target is None
    state, prompt = run(["back", "back"], state)
    assert prompt.step is Step.METRIC
    assert state.measure.metric_name is None


def test_back_at_the_first_question_says_so() -> None:
    _, prompt = run(["back"])
    assert prompt.step is Step.WHY
    assert "first question" in (prompt.problem or "")


def test_cancel_at_any_step_ends_without_saving() -> None:
    state, prompt = run([*PIZZERIA[:3], "cancel"])
    assert state.step is Step.CANCELLED
    assert "Nothing was saved" in prompt.question


def test_help_explains_the_step_and_keeps_it() -> None:
    _state, prompt = run([*PIZZERIA[:2], "help"])
    assert prompt.step is Step.BASELINE
    assert "back" in (prompt.help or "")


CHANGES = [
    ("change target to 500", "target", Decimal(500)),
    ("target 450", "target", Decimal(450)),
    ("set baseline to 380", "baseline", Decimal(380)),
]


@pytest.mark.parametrize(("answer", "field", "value"), CHANGES)
def test_a_field_is_changed_by_name_at_the_review(answer: str, field: str, value: Decimal) -> None:
    state, prompt = run([*PIZZERIA, answer])
    assert prompt.step is Step.REVIEW
    assert getattr(state.measure, field) == value


def test_changing_a_field_without_a_value_asks_for_it_then_returns_to_the_review() -> None:
    state, prompt = run([*PIZZERIA, "change deadline"])
    assert prompt.step is Step.DEADLINE
    state, prompt = run(["end of Q1"], state)
    assert prompt.step is Step.REVIEW
    assert state.deadline == date(2027, 3, 31)


def test_an_unrealistic_target_is_flagged_with_a_button_for_a_realistic_one() -> None:
    unrealistic = [*PIZZERIA[:3], "+10000", *PIZZERIA[4:]]
    _, prompt = run(unrealistic)
    achievable = prompt.reviews[0][1].letters[2]
    assert achievable.verdict is Verdict.FAIL
    assert "A realistic target is 500" in achievable.reason
    use = next(c for c in prompt.choices if c.label == "Use 500 instead")
    state, prompt = run([*unrealistic, use.value])
    assert state.measure.target == 500
    assert prompt.reviews[0][1].passes


def test_okr_mode_builds_an_objective_with_key_results() -> None:
    state, prompt = run([*PIZZERIA, "okr", "Be the pizzeria Cluj knows", "add", "reach", "2000",
                         "+10000 a month", "add", "engagement rate", "2%", "5%",
                         "done"])  # fmt: skip
    assert prompt.step is Step.REVIEW
    assert state.mode is Mode.OKR
    assert state.objective == "Be the pizzeria Cluj knows"
    assert [m.metric_key for m in state.measures] == ["followers", "reach", "engagement_rate"]
    # Stretch targets are welcome in an OKR: Achievable never fails.
    assert all(r.letters[2].verdict is not Verdict.FAIL for _, r in prompt.reviews)
    assert "Make it an OKR" not in [c.label for c in prompt.choices]


def test_an_okr_stops_asking_at_five_key_results() -> None:
    answers = ["sales", "website", "Sell out every night"]
    for metric in ["reach", "followers", "likes", "comments"]:
        answers += [metric, "100", "200 a week", "add"]  # the period of a flow said with it
    answers += ["shares", "100", "200 a week"]
    state, prompt = run(answers, start("U1", okr=True))
    assert len(state.measures) == 5
    assert prompt.step is Step.DEADLINE


def test_markup_typed_by_a_person_is_echoed_harmlessly() -> None:
    # "more sales" names the metric, which "back" takes back to name a custom one.
    _state, prompt = run(["<!channel> wants <@U99> & more sales", "skip", "back", "<!here> orders"])
    shown = " ".join((*prompt.echo, prompt.question))
    assert "<!" not in shown
    assert "&lt;!here&gt;" in shown


# --- whatever is typed, at whatever step, the conversation goes on -----------------------

STEPS_REACHED = [
    [],
    ["because"],
    ["sales"],
    ["sales", "website"],
    ["sales", "website", "my metric"],
    ["sales", "website", "my metric", "count"],
    PIZZERIA[:2],
    PIZZERIA[:3],
    PIZZERIA[:4],
    PIZZERIA[:5],
    PIZZERIA[:6],
    PIZZERIA[:7],
    PIZZERIA,
    [*PIZZERIA, "okr"],
    [*PIZZERIA, "okr", "An objective"],
]
_STATES = [run(answers)[0] if answers else start("U1") for answers in STEPS_REACHED]
_ODD_TEXT = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "<!channel>",
            "<!everyone> 12k",
            "🤷‍♀️" * 50,
            "x" * 10_000,
            "نمی‌دانم",
            "‏שלום‏",
            "*bold* _it_ `code`",
            "change",
            "change kr9 target to 1",
            "change target to",
            "back",
            "skip",
            "help",
            "\x00\n\t",
        ]
    ),
)


@settings(max_examples=200, deadline=None)
@given(index=st.integers(0, len(_STATES) - 1), answer=_ODD_TEXT)
def test_any_text_at_any_step_gets_an_answer_and_never_pings(index: int, answer: str) -> None:
    state, prompt = step(_STATES[index], answer, now=NOW, tz=TZ)

    assert isinstance(prompt, Prompt) and prompt.question
    assert from_json(to_json(state)) == state
    shown = " ".join((*prompt.echo, prompt.problem or "", *prompt.summary))
    assert "<!" not in shown
    assert len(shown) < 5000


def test_unreadable_stored_data_is_reported_as_none() -> None:
    assert from_json({"measures": "nonsense"}) is None
    assert from_json({}) is None
