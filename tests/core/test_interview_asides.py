"""Telling a question about the goals from an answer to the interview's step, per language."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.interview.asides import asks_about_goals
from bot.core.interview.state import Step

WHEN = {"now": datetime(2026, 11, 22, 8, tzinfo=UTC), "tz": ZoneInfo("Europe/Bucharest")}
ASKING_STEPS = [s for s in Step if s not in (Step.SAVED, Step.CANCELLED)]

QUESTIONS = [  # asked at any step
    "which goals are at risk?", "how are we doing on reach?", "who owns reach?",
    "what's due this month?", "is reach on track?", "are we on track?",
    "کدام اهداف در خطرند؟", "ریچ اینستاگرام چطوره؟", "اهداف من چطورن؟",
    "care obiective sunt în pericol?", "cum stăm cu reach?", "ce obiective sunt la risc?",
    "riskteki hedefler hangileri?", "erişim nasıl?", "hedeflerim ne durumda?",
    "erişim hedefimiz var mı?",
    "mục tiêu nào đang có nguy cơ?", "reach trên instagram thế nào?",
    "các mục tiêu có nguy cơ không?",
]  # fmt: skip

UNMARKED_QUESTIONS = [  # no question mark: a question where the answer is no free text
    "how are we doing on reach", "riskteki hedefler hangileri", "cum stăm cu reach",
    "ریچ اینستاگرام چطوره", "reach trên instagram thế nào", "show me goals at risk",
]  # fmt: skip

ANSWERS = [  # answers at any step: a metric, a number, a date, with or without "?"
    "reach", "followers on instagram", "reach 40k by March?", "40k?", "by March?",
    "instagram?", "save", "yes", "I don't know?", "change target to 50k",
    "urmăritori pe instagram?", "takipçi sayısı?", "erişim?", "فالوور اینستاگرام؟", "ریچ؟",
    "người theo dõi trên instagram?", "lượt tiếp cận?", "which?", "hangileri?", "چطوره؟",
]  # fmt: skip

METRIC_ANSWERS = [  # a number asked for names a metric at the metric step
    "how many sign-ups?", "how many people visit the website?", "kaç takipçi?",
    "câte vizualizări?", "bao nhiêu lượt xem?", "customer care tickets?",
]  # fmt: skip

FREE_TEXT_ANSWERS = [  # a sentence that opens like a question answers why, objective, metric
    "how to grow our reach", "what people say about us on instagram",
    "how many people find us on instagram", "care tickets on the website",
]  # fmt: skip


@pytest.mark.parametrize("step", ASKING_STEPS, ids=str)
@pytest.mark.parametrize("text", QUESTIONS)
def test_a_question_about_the_goals_reads_as_one_at_every_step(step: Step, text: str) -> None:
    assert asks_about_goals(step, text, **WHEN)


@pytest.mark.parametrize("step", ASKING_STEPS, ids=str)
@pytest.mark.parametrize("text", ANSWERS)
def test_a_metric_number_or_date_with_a_question_mark_stays_an_answer(
    step: Step, text: str
) -> None:
    assert not asks_about_goals(step, text, **WHEN)


@pytest.mark.parametrize("text", METRIC_ANSWERS)
def test_how_many_names_a_metric_at_the_metric_step(text: str) -> None:
    assert not asks_about_goals(Step.METRIC, text, **WHEN)


@pytest.mark.parametrize("text", UNMARKED_QUESTIONS)
def test_without_a_question_mark_only_steps_with_no_free_text_answer_see_a_question(
    text: str,
) -> None:
    assert asks_about_goals(Step.BASELINE, text, **WHEN)
    assert asks_about_goals(Step.REVIEW, text, **WHEN)
    for step in (Step.WHY, Step.OBJECTIVE, Step.METRIC):
        assert not asks_about_goals(step, text, **WHEN)


@pytest.mark.parametrize("step", [Step.WHY, Step.OBJECTIVE, Step.METRIC], ids=str)
@pytest.mark.parametrize("text", FREE_TEXT_ANSWERS)
def test_a_sentence_opening_like_a_question_answers_a_free_text_step(step: Step, text: str) -> None:
    assert not asks_about_goals(step, text, **WHEN)


@given(step=st.sampled_from(list(Step)), text=st.text(max_size=200))
def test_any_text_at_any_step_is_read_without_raising(step: Step, text: str) -> None:
    assert asks_about_goals(step, text, **WHEN) in (True, False)


ABOUT_THE_STEP = [  # questions about the step itself: read as its answer, as before
    (Step.DEADLINE, "is end of March ok?"),
    (Step.DEADLINE, "when is the end of Q1?"),
    (Step.CHANNEL, "which channel should the digest go to?"),
    (Step.OWNER, "who should own it?"),
    (Step.UNIT, "what kind of number?"),
    (Step.TARGET, "how much is realistic?"),
    (Step.TARGET, "is 50k realistic for reach?"),
    (Step.BASELINE, "how many followers? about 400"),
    (Step.TARGET, "bao nhiêu là hợp lý?"),
    (Step.REVIEW, "can you make the target 500 followers?"),
    (Step.REVIEW, "what if the followers target is 500?"),
    (Step.DEADLINE, "which goals end on 31 March?"),
]


@pytest.mark.parametrize(("step", "text"), ABOUT_THE_STEP, ids=[t for _, t in ABOUT_THE_STEP])
def test_a_question_about_the_step_is_left_to_the_step(step: Step, text: str) -> None:
    assert not asks_about_goals(step, text, **WHEN)
