"""How the bot reads a question: intent and slots, in five languages and many phrasings."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.period import Period
from bot.core.progress import Status
from bot.core.questions import Intent, Question, understand
from tests.question_cases import CASES, Case

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
BUCHAREST = ZoneInfo("Europe/Bucharest")


def read(text: str) -> Question:
    return understand(text, now=NOW, tz=BUCHAREST)


def test_the_table_is_big_enough_and_covers_every_intent() -> None:
    assert len(CASES) > 250
    assert {case.intent for case in CASES} == {intent.value for intent in Intent}


@pytest.mark.parametrize("case", CASES, ids=[c.text or "<empty>" for c in CASES])
def test_each_question_is_read_as_its_intent(case: Case) -> None:
    assert read(case.text).intent == case.intent


SLOT_CASES = [
    # text, metrics, platform, status, period
    ("how are we doing on reach?", ("reach",), None, None, None),
    ("reach on instagram?", ("reach",), "instagram", None, None),
    ("are we on track for YouTube views?", ("video_views",), "youtube", Status.ON_TRACK, None),
    ("which goals are at risk?", (), None, Status.AT_RISK, None),
    ("hangi hedefler yolunda değil?", (), None, Status.OFF_TRACK, None),
    ("hangi hedefler yolunda?", (), None, Status.ON_TRACK, None),
    ("what did we miss", (), None, Status.MISSED, None),
    ("how did reach change since last week?", ("reach",), None, None, Period.WEEKLY),
    ("how did reach change this month?", ("reach",), None, None, Period.MONTHLY),
    ("how did reach change?", ("reach",), None, None, None),
    ("erişim geçen haftaya göre nasıl değişti?", ("reach",), None, None, Period.WEEKLY),
    ("người theo dõi tháng này thay đổi ra sao", ("followers",), None, None, Period.MONTHLY),
    ("ریچ اینستاگرام چطوره؟", ("reach",), "instagram", None, None),
    ("cum stam cu acoperirea pe instagram?", ("reach",), "instagram", None, None),
]


@pytest.mark.parametrize(("text", "metrics", "platform", "status", "period"), SLOT_CASES)
def test_slots_say_what_the_question_is_about(
    text: str,
    metrics: tuple[str, ...],
    platform: str | None,
    status: Status | None,
    period: Period | None,
) -> None:
    question = read(text)

    assert (question.metrics, question.platform, question.status, question.period) == (
        metrics,
        platform,
        status,
        period,
    )


DUE_CASES = [
    ("what's due this month?", "2026-11-30"),
    ("what ends before Christmas?", "2026-12-24"),
    ("ce obiective expiră înainte de Crăciun?", "2026-12-24"),
    ("what's due next week?", "2026-12-04"),
    ("what's due by the end of Q1", "2027-03-31"),
    ("what's due?", "2026-12-22"),  # no date: the next 30 days
    ("bu ay hangi hedefler bitiyor?", "2026-11-30"),
]


@pytest.mark.parametrize(("text", "last_day"), DUE_CASES)
def test_due_questions_end_their_window_on_the_right_local_day(text: str, last_day: str) -> None:
    due_by = read(text).due_by

    assert due_by is not None
    assert due_by.astimezone(BUCHAREST).date().isoformat() == last_day
    assert due_by.astimezone(BUCHAREST).hour == 23


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("what's the score of our Q4 objective?", "q4"),
        ("how are we doing on podcast downloads?", "podcast downloads"),
        ("show Instagram goals", ""),
    ],
)
def test_leftover_words_name_what_no_cue_explains(text: str, subject: str) -> None:
    assert read(text).subject == subject


def test_mentions_and_my_name_whose_goals() -> None:
    assert read("goals of <@U1> and <@U2|bogdan>").owners == ("U1", "U2")
    assert read("show my goals").mine


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_a_question_back(text: str) -> None:
    question = read(text)

    assert isinstance(question.intent, Intent)
    assert question.text == text[:500]
