"""Reading whole sentences: what each one gives, and that no text breaks the reader."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.interview import Step, start, step
from bot.core.interview.sentence import parts_of, reads_like_a_wish

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
TZ = ZoneInfo("Europe/Bucharest")

SENTENCES = [
    # (what was typed, the parts read from it)
    ("grow followers to 480", {Step.METRIC: "followers", Step.TARGET: "grow followers to 480"}),
    ("currently 400 followers, +20% by end of Q1",
     {Step.METRIC: "followers", Step.BASELINE: "400", Step.TARGET: "+20% by end of",
      Step.DEADLINE: "q1"}),
    ("double our reach in 6 weeks",
     {Step.METRIC: "reach", Step.TARGET: "double our reach", Step.DEADLINE: "in 6 weeks"}),
    ("every friday at 9, owner <@U2>, digest in <#C1|marketing>",
     {Step.CADENCE: "every friday at 9", Step.OWNER: "<@U2>", Step.CHANNEL: "<#C1|marketing>"}),
    ("<@U99> wants more pizzas", {}),  # a person named without "owner" is not the owner
    ("build an engaged community of fans", {}),  # a synonym alone is no metric in a why
    ("400", {}),
    ("in 30 days", {Step.DEADLINE: "in 30 days"}),
]  # fmt: skip


@pytest.mark.parametrize(("text", "parts"), SENTENCES)
def test_a_sentence_gives_each_step_its_words(text: str, parts: dict[Step, str]) -> None:
    read = dict(parts_of(text, now=NOW, tz=TZ))
    assert {at: said.lower() for at, said in read.items()} == {
        at: said.lower() for at, said in parts.items()
    }


def test_a_goal_stated_whole_goes_to_the_review_in_one_answer() -> None:
    state, prompt = step(start("U1"), "get website sessions from 100 to 200 a month by 31 Dec",
                         now=NOW, tz=TZ)  # fmt: skip
    assert prompt.step is Step.REVIEW
    assert (state.category, state.platform) == ("conversions", "website")
    assert "Why: Conversions / sales (going by the metric)." in prompt.echo


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=200))
def test_any_text_is_read_without_failing(text: str) -> None:
    parts = parts_of(text, now=NOW, tz=TZ)
    assert all(isinstance(said, str) for _, said in parts)
    reads_like_a_wish(text)
    _state, prompt = step(start("U1"), f"new goal {text}", now=NOW, tz=TZ)
    assert prompt.question


@settings(max_examples=60, deadline=None)
@given(kr=st.lists(st.text(min_size=1, max_size=40), min_size=2, max_size=6))
def test_any_okr_stated_at_once_is_read_without_failing(kr: list[str]) -> None:
    text = "objective: x; " + "; ".join(f"KR{n + 1} {said}" for n, said in enumerate(kr))
    state, prompt = step(start("U1", okr=True), text, now=NOW, tz=TZ)
    assert prompt.question and len(state.measures) <= 5


def test_a_key_result_with_its_own_metric_asks_only_its_kind_of_number() -> None:
    okr = ("objective: Be the pizzeria everyone in Cluj knows; KR1 Instagram followers from "
           "400 to 800; KR2 Google reviews from 50 to 100; by end of Q1")  # fmt: skip
    state, prompt = step(start("U1", okr=True), okr, now=NOW, tz=TZ)
    assert (prompt.step, state.current) == (Step.UNIT, 1)

    for said in ("count", "higher"):
        state, prompt = step(state, said, now=NOW, tz=TZ)

    assert prompt.step is Step.REVIEW
    reviews = state.measures[1]
    assert (reviews.metric_name, reviews.baseline, reviews.target) == ("Google reviews", 50, 100)


WISHES = [
    ("I want more people to know about our pizzeria on Instagram", True),
    ("Vreau mai mulți urmăritori pe Instagram", True),
    ("Instagram'da daha çok takipçi istiyoruz", True),
    ("Chúng tôi muốn nhiều người theo dõi Instagram hơn", True),
    ("می‌خواهیم دنبال کنندگان اینستاگرام بیشتر شوند", True),
    ("how are we doing on instagram?", False),
    ("we want to know who owns the followers goal?", False),
    ("I need help", False),
    ("show instagram goals", False),
]


@pytest.mark.parametrize(("text", "wish"), WISHES)
def test_a_wish_is_told_from_a_question(text: str, wish: bool) -> None:
    assert reads_like_a_wish(text) is wish


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("grow Instagram reach from 20k to 50k a month by 31 Mar", "monthly"),
        ("website sessions from 1k to 2k per week by end of Q1", "weekly"),
        ("800 sign-ups in total by 31 Dec, from 100", None),
    ],
)
def test_a_span_stated_anywhere_goes_with_the_target_and_is_kept(
    text: str, period: str | None
) -> None:
    """A flow metric's period read from the same sentence is not asked again."""
    state, prompt = step(start("U1"), f"new goal: {text}", now=NOW, tz=TZ)
    assert prompt.step is not Step.PERIOD
    assert (state.measure.period or None) in (period, "total" if period is None else period)
