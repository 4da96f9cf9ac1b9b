"""Questions in each language through the sandbox: a goal made through the interview in a
DM, a check-in, then a question in that language, answered in it with its own digits and
dates and only the stored figures; and a goal made in one language found by a question
in another."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from bot.i18n.bidi import without_isolates
from storage.models import Goal
from tests.harness import BotHarness
from tests.i18n.pseudo import shown_texts


@dataclass(frozen=True)
class Language:
    code: str
    interview: tuple[str, ...]  # why, metric, baseline, target, (period,) deadline
    question: str
    card: tuple[str, ...]  # what the answer's card says, in this language
    listed: str  # a list question
    list_says: str


LANGUAGES = [
    Language(
        "fa",
        ("می‌خواهیم در اینستاگرام بیشتر دیده شویم", "فالوور", "۴۰۰", "۴۸۰", "2026-12-31"),
        "فالوور اینستاگرام چطوره؟",
        ("*۴۳۰* از ۴۸۰ تا ۱۰ دی ۱۴۰۵", "وضعیت: *در مسیر*", "گزارش قبلی‌ای برای مقایسه نیست"),
        "کدام هدف‌های من در خطر است؟",
        "هدف",
    ),
    Language(
        "ro",
        ("vrem mai mulți oameni să ne vadă pe Instagram", "urmăritori", "400", "480", "2026-12-31"),
        "cum stăm cu urmăritorii pe instagram?",
        (
            "*430* din 480 până la 31 dec. 2026",
            "Stadiu: *pe drumul cel bun*",
            "Ultima raportare: chiar acum",
        ),
        "care obiective ale mele sunt în pericol?",
        "obiectiv",
    ),
    Language(
        "tr",
        ("Instagram'da daha çok kişiye ulaşmak istiyoruz", "takipçi", "400", "480", "2026-12-31"),
        "instagram takipçi nasıl?",
        ("*430* / 480, son tarih 31 Ara 2026", "Durum: *yolunda*", "Son check-in: az önce"),
        "hangi hedeflerim riskte?",
        "hedef",
    ),
    Language(
        "vi",
        (
            "muốn nhiều người biết đến chúng tôi trên Instagram",
            "người theo dõi",
            "400",
            "480",
            "2026-12-31",
        ),
        "người theo dõi instagram thế nào?",
        ("*430* trên 480 trước 31 thg 12, 2026", "Tình trạng: *đúng tiến độ*", "vừa xong"),
        "mục tiêu nào của tôi có nguy cơ?",
        "mục tiêu",
    ),
]


def goals(engine: Engine) -> list[Goal]:
    with Session(engine) as session:
        return list(session.exec(select(Goal).order_by(Goal.id)))  # type: ignore[arg-type]


def make_goal(harness: BotHarness, language: Language) -> Goal:
    harness.driver.command("U1", "/goals", f"language {language.code}")
    harness.driver.command("U1", "/goals", "new")
    for said in language.interview:
        harness.driver.message("U1", said)
    harness.driver.message("U1", "save")
    [goal] = goals(harness.engine)
    return goal


def reply_to(harness: BotHarness, text: str, user: str = "U1") -> str:
    harness.driver.message(user, text)
    reply = harness.dm(user)[-1]
    return without_isolates("\n".join([reply.text, *shown_texts(reply.blocks)]))


@pytest.mark.parametrize("language", LANGUAGES, ids=[lang.code for lang in LANGUAGES])
def test_a_goal_asked_about_in_a_language_is_answered_in_it(
    harness: BotHarness, language: Language
) -> None:
    goal = make_goal(harness, language)
    assert (goal.metric, goal.platform) == ("followers", "instagram")
    harness.driver.command("U1", "/goals", f"checkin #{goal.number} 430")

    answer = reply_to(harness, language.question)

    for phrase in language.card:
        assert phrase in answer, (phrase, answer)
    assert "Expected by today" not in answer and "Status" not in answer
    listed = reply_to(harness, language.listed)
    assert language.list_says in listed and "goals" not in listed


def test_a_goal_made_in_turkish_is_found_by_a_question_in_persian(harness: BotHarness) -> None:
    turkish = LANGUAGES[2]
    reach = (turkish.interview[0], "erişim", "30000", "60000", "toplamda", "2026-12-31")
    goal = make_goal(harness, Language("tr", reach, "", (), "", ""))
    assert (goal.metric, goal.platform) == ("reach", "instagram")
    harness.driver.command("U1", "/goals", f"checkin #{goal.number} 41200")

    # U2 chose no language: the Persian they write decides the answer's. (The deadline's
    # day, 10 or 11 Dey, depends on whether U2's Tehran time zone is known yet.)
    for question in ("دسترسی اینستاگرام چطوره؟", "ریچ ما چطوره؟"):
        answer = reply_to(harness, question, user="U2")
        assert "*۴۱٬۲۰۰* از ۶۰٬۰۰۰ تا ۱" in answer and " دی ۱۴۰۵" in answer, answer
        assert "وضعیت:" in answer

    # And the Romanian word for it, asked in Romanian, finds the same goal.
    answer = reply_to(harness, "cum stăm cu acoperirea pe instagram?", user="U2")
    assert "*41.200* din 60.000 până la " in answer, answer


def test_the_goal_list_and_a_goal_card_are_in_the_persons_language(harness: BotHarness) -> None:
    goal = make_goal(harness, LANGUAGES[0])
    harness.driver.command("U1", "/goals", f"checkin #{goal.number} 430")

    harness.driver.command("U1", "/goals", "list")
    listed = harness.last_reply("U1")
    shown = without_isolates("\n".join(shown_texts(listed.blocks)))
    assert "هدف‌ها (۱)" in shown and "_در مسیر_" in shown, shown

    harness.driver.command("U1", "/goals", "language tr")
    harness.driver.command("U1", "/goals", f"show #{goal.number}")
    card = "\n".join(shown_texts(harness.last_reply("U1").blocks))
    assert "*Son tarih:* 31 Ara 2026" in card and "*Son check-in'ler:* 22 Kas 430 (komut)" in card
    assert "Düzenle" in card and "Deadline" not in card
