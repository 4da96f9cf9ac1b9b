"""The interview's control words and deadlines in every language, as tables."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.core.dates import parse_deadline
from bot.core.interview import Interview, Step, start, step
from bot.core.interview.words import START
from bot.core.persian_calendar import read_solar_hijri
from bot.core.wording import normalise

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)  # 1 Azar 1405
TEHRAN = ZoneInfo("Asia/Tehran")
TO_REVIEW = ["sell more on Instagram", "followers", "400", "480", "in 30 days"]


def run(answers: list[str], interview: Interview | None = None) -> tuple[Interview, str]:
    state = interview or start("U1")
    prompt = None
    for answer in answers:
        state, prompt = step(state, answer, now=NOW, tz=TEHRAN)
    assert prompt is not None
    return state, " ".join((prompt.question, *prompt.echo, prompt.help or ""))


@pytest.mark.parametrize(
    ("said", "okr"),
    [("new goal", False), ("yeni hedef", False), ("Yeni Hedef", False), ("هدف جدید", False),
     ("obiectiv nou", False), ("mục tiêu mới", False), ("Muc tieu moi", False),
     ("new okr", True), ("yeni OKR", True), ("OKR جدید", True), ("OKR nou", True),
     ("OKR mới", True)],
)  # fmt: skip
def test_start_words(said: str, okr: bool) -> None:
    assert START[normalise(said)] is okr


@pytest.mark.parametrize("word", ["cancel", "anulează", "iptal", "vazgeç", "hủy", "لغو", "انصراف"])
def test_cancel_words(word: str) -> None:
    state, _said = run(["sell more", word])
    assert state.step is Step.CANCELLED


@pytest.mark.parametrize("word", ["help", "ajutor", "yardım", "giúp", "trợ giúp", "راهنما", "کمک"])
def test_help_words(word: str) -> None:
    state, said = run([word])
    assert state.step is Step.WHY and "Every goal serves a business objective" in said


@pytest.mark.parametrize("word", ["back", "înapoi", "geri", "quay lại", "برگشت", "بازگشت"])
def test_back_words(word: str) -> None:
    _state, said = run(["sell more on Instagram", "followers", word])
    assert "Back to: the metric." in said


@pytest.mark.parametrize("word", ["skip", "sari peste", "atla", "geç", "bỏ qua", "رد", "بگذر"])
def test_skip_words(word: str) -> None:
    state, _said = run(["sell more", word])
    assert state.where_answered and state.scope is None


@pytest.mark.parametrize("word", ["me", "eu", "ben", "tôi", "خودم", "من"])
def test_me_words(word: str) -> None:
    at_owner = replace(run(TO_REVIEW)[0], owner=None, step=Step.OWNER)
    state, _said = run([word], at_owner)
    assert state.owner == "U1"


@pytest.mark.parametrize("word", ["save", "yes", "da", "salvează", "evet", "kaydet", "tamam",
                                  "có", "lưu", "ذخیره", "بله", "آره"])  # fmt: skip
def test_yes_and_save_words_at_the_review(word: str) -> None:
    state, _said = run([*TO_REVIEW, word])
    assert state.step is Step.SAVED


@pytest.mark.parametrize(
    ("more", "done"),
    [("add", "done"), ("adaugă", "gata"), ("ekle", "yeter"), ("thêm", "xong"),
     ("اضافه کن", "کافیه"), ("evet", "hayır"), ("có", "không"), ("بله", "نه")],
)  # fmt: skip
def test_more_key_results_yes_and_no(more: str, done: str) -> None:
    okr = start("U1", okr=True)
    answers = ["sell more on Instagram", "be known", "followers", "400", "480"]
    state, _said = run([*answers, more], okr)
    assert len(state.measures) == 2 and state.step is Step.METRIC
    state, _said = run(["reach", "1000", "2000", "a month", done], state)
    assert state.measures_done and state.step is Step.DEADLINE


@pytest.mark.parametrize(
    ("said", "deadline"),
    [
        ("۲۹ اسفند", date(2027, 3, 20)),  # 29 Esfand 1405
        ("تا پایان سال شمسی", date(2027, 3, 20)),
        ("نوروز", date(2027, 3, 21)),  # 1 Farvardin 1406
        ("پایان فصل اول", date(2027, 6, 21)),  # 31 Khordad 1406: Q1 of 1405 has passed
        ("سه‌ماهه دوم", date(2027, 9, 22)),  # 31 Shahrivar 1406
        ("سه ماهه سوم", date(2026, 12, 21)),  # 30 Azar 1405, this quarter's end
        ("پایان فصل چهارم", date(2027, 3, 20)),  # 29 Esfand 1405
        ("پایان فصل", date(2026, 12, 21)),  # the current quarter: Azar is its last month
        ("۱۰ دی ۱۴۰۵", date(2026, 12, 31)),
    ],
)
def test_persian_calendar_deadlines(said: str, deadline: date) -> None:
    assert parse_deadline(said, now=NOW, tz=TEHRAN) == deadline


@pytest.mark.parametrize("said", ["پایان سال شمسی 1403", "آخر فصل 4 1403", "سه ماهه چهارم 1403"])
def test_the_end_of_a_leap_year_is_30_esfand(said: str) -> None:
    found = read_solar_hijri(said, date(2024, 11, 22))
    assert found is not None and found[0] == date(2025, 3, 20)  # 30 Esfand 1403


def test_a_persian_deadline_is_shown_back_in_the_persian_calendar() -> None:
    persian = replace(start("U1"), lang="fa")
    _state, said = run(["آگاهی از برند در اینستاگرام", "فالوور", "۴۰۰", "۴۸۰", "پایان فصل"],
                       persian)  # fmt: skip
    assert "۳۰ آذر ۱۴۰۵" in said and "2026" not in said
