"""The goal interview in Persian, Romanian, Turkish and Vietnamese, through the sandbox DM.

Each person starts with their language's own words ("هدف جدید", "obiectiv nou", "yeni
hedef", "mục tiêu mới"), states the goal in one sentence, and saves it with the button
in their language; the deadline comes back in their calendar and digits. The form is
asked in their language too.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlmodel import Session, select

from bot.i18n.bidi import without_isolates
from storage.models import Goal, InterviewState
from tests.harness import BotHarness
from tests.scenarios.test_interview_flow import goals, shown
from tests.scenarios.test_interview_form import submit


@dataclass(frozen=True)
class Spoken:
    lang: str
    start: str  # the words that start a goal
    first_question: str  # a phrase of the first question
    sentence: str  # the whole goal in one sentence
    deadline: str  # the deadline as the review shows it back
    save: str  # the Save button's label
    saved: str  # the saved card's header
    title: str  # the saved goal's title
    form_title: str


PEOPLE = [
    Spoken("fa", "هدف جدید", "تیم این هدف را می‌خواهد",
           "می‌خواهیم فالوورهای اینستاگرام را از ۴۰۰ به ۴۸۰ برسانیم تا ۲۹ اسفند",
           "۲۹ اسفند ۱۴۰۵", "ذخیره", "هدف ذخیره شد",
           "فالوور تا ۴۸۰ در اینستاگرام تا ۲۹ اسفند ۱۴۰۵", "هدف جدید"),
    Spoken("ro", "obiectiv nou", "De ce* își dorește echipa",
           "vrem să creștem urmăritorii pe Instagram de la 400 la 480 până la 31 decembrie",
           "31 dec. 2026", "Salvează", "Obiectiv salvat",
           "urmăritori la 480 pe Instagram până la 31 dec. 2026", "Obiectiv nou"),
    Spoken("tr", "yeni hedef", "Ekip bu hedefi *neden* istiyor",
           "Instagram takipçilerimizi 31 Aralık'a kadar 400'den 480'e çıkarmak istiyoruz",
           "31 Ara 2026", "Kaydet", "Hedef kaydedildi",
           "takipçi 480 olacak (Instagram), son tarih 31 Ara 2026", "Yeni hedef"),
    Spoken("vi", "mục tiêu mới", "nhóm muốn mục tiêu này",
           "chúng tôi muốn tăng người theo dõi Instagram từ 400 lên 480 trước 31/12",
           "31 thg 12, 2026", "Lưu", "Đã lưu mục tiêu",
           "người theo dõi đạt 480 trên Instagram trước 31 thg 12, 2026", "Mục tiêu mới"),
]  # fmt: skip


def said(harness: BotHarness, user: str, text: str) -> str:
    harness.driver.message(user, text)
    return without_isolates(shown(harness.dm(user)[-1]))


@pytest.mark.parametrize("person", PEOPLE, ids=[p.lang for p in PEOPLE])
def test_a_whole_interview_in_the_persons_language(harness: BotHarness, person: Spoken) -> None:
    harness.driver.command("U1", "/goals", f"language {person.lang}")

    first = said(harness, "U1", person.start)
    assert person.first_question in first and "Why" not in first

    review = said(harness, "U1", person.sentence)
    assert person.deadline in review, review
    assert "SMART" in review and "Here is the goal" not in review

    harness.driver.click("U1", harness.dm("U1")[-1], person.save)

    card = without_isolates(shown(harness.dm("U1")[-1]))
    assert person.saved in card and "Goal saved" not in card
    [goal] = goals(harness.engine)
    assert (goal.metric, goal.target, goal.platform) == ("followers", 480, "instagram")
    assert goal.title == person.title


@pytest.mark.parametrize("person", PEOPLE, ids=[p.lang for p in PEOPLE])
def test_the_form_in_the_persons_language(harness: BotHarness, person: Spoken) -> None:
    harness.driver.command("U1", "/goals", f"language {person.lang}")

    answer = submit(harness, {"why": person.sentence, "category": "awareness",
                              "metric": "followers", "baseline": "400", "target": "480",
                              "deadline": "2027-03-20"})  # fmt: skip

    assert answer == {}
    view = list(harness.sandbox.views.values())[-1]
    assert view["title"]["text"] == person.form_title
    review = without_isolates(shown(harness.dm("U1")[-1]))
    assert "SMART" in review and "Here is the goal" not in review


def test_the_forms_problems_are_in_the_persons_language(harness: BotHarness) -> None:
    harness.driver.command("U1", "/goals", "language fa")

    answer = submit(harness, {"why": "فروش بیشتر", "target": "abc", "deadline": "2027-03-20"})

    assert answer["response_action"] == "errors"
    assert "یک شاخص انتخاب کنید" in answer["errors"]["metric"]


def test_persian_written_without_a_choice_starts_the_interview_in_persian(
    harness: BotHarness,
) -> None:
    first = said(harness, "U1", "هدف جدید")

    assert "تیم این هدف را می‌خواهد" in first and "didn't catch" not in first


@pytest.mark.parametrize(
    ("lang", "words"),
    [("fa", "OKR جدید"), ("ro", "OKR nou"), ("tr", "yeni OKR"), ("vi", "OKR mới")],
)
def test_an_okr_starts_in_each_language(harness: BotHarness, lang: str, words: str) -> None:
    harness.driver.command("U1", "/goals", f"language {lang}")
    harness.driver.message("U1", words)

    with Session(harness.engine) as session:
        [state] = session.exec(select(InterviewState)).all()
    assert state.data["mode"] == "okr"


def test_a_stated_goal_after_the_start_words_goes_straight_to_the_review(
    harness: BotHarness,
) -> None:
    harness.driver.command("U1", "/goals", "language tr")

    review = said(harness, "U1", "yeni hedef: Instagram takipçilerini 400'den 480'e çıkar, "
                                 "31 Aralık'a kadar")  # fmt: skip

    assert "İşte hedefiniz" in review and "31 Ara 2026" in review


def test_persian_control_words_and_the_persian_year(harness: BotHarness) -> None:
    harness.driver.command("U1", "/goals", "language fa")
    said(harness, "U1", "هدف جدید")
    said(harness, "U1", "می‌خواهیم آگاهی از برند در اینستاگرام بیشتر شود")
    said(harness, "U1", "فالوور")
    said(harness, "U1", "۴۰۰")
    target = said(harness, "U1", "۴۸۰")
    assert "تا *کی*؟" in target

    back = said(harness, "U1", "برگشت")
    assert "برگشتیم به" in back
    said(harness, "U1", "۴۸۰")
    review = said(harness, "U1", "پایان فصل اول")
    # Q1 of 1406 ends on 31 Khordad 1406 (21 June 2027).
    assert "۳۱ خرداد ۱۴۰۶" in review

    assert "لغو شد" in said(harness, "U1", "لغو")
    with Session(harness.engine) as session:
        assert session.exec(select(Goal)).all() == []
