"""A week of the bot in Persian, Romanian, Turkish and Vietnamese, as one person lives it.

Each person chooses their language, states a goal in one sentence in the DM and saves it,
gets Monday's reminder and answers it in the thread with a number written their way, asks
how the goal is doing, then reads the channel's digest and the App Home: every step in
their language, with its digits and calendar. The same goal asked about in English by a
colleague is still found.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from bot.i18n.bidi import without_isolates
from tests.harness import BotHarness
from tests.i18n.pseudo import shown_texts
from tests.reminder_helpers import MONDAY_10_BUCHAREST, tick
from tests.scenarios.test_digests import runner
from tests.scenarios.test_interview_flow import goals, shown
from tests.scenarios.test_interview_languages import PEOPLE


@dataclass(frozen=True)
class Week:
    lang: str
    reminds: str  # a phrase of the reminder
    reply: str  # the check-in, written as the language writes 430
    recorded: str  # the answer to it
    question: str  # "how are our Instagram followers?"
    answer: tuple[str, ...]  # what the answer's card says
    digest: str  # the digest's title, for the week to Monday 23 Nov 2026
    home: str  # the Home's heading


WEEKS = [
    Week("fa", "وقت ثبت گزارش", "۴۳۰", "ثبت شد", "فالوور اینستاگرام چطوره؟",
         ("*۴۳۰* از ۴۸۰", "وضعیت:"), "خلاصهٔ هفتگی • ۲۵ آبان–۲ آذر ۱۴۰۵",
         "هدف‌های شما در یک نگاه"),
    Week("ro", "E timpul să raportezi", "430", "Am notat", "cum stăm cu urmăritorii pe instagram?",
         ("*430* din 480", "Stadiu:"), "Rezumat săptămânal · 16 nov.–23 nov. 2026",
         "Obiectivele tale dintr-o privire"),
    Week("tr", "ilerleme bildirme zamanı", "430", "Kaydettim", "instagram takipçi nasıl?",
         ("*430* / 480", "Durum:"), "Haftalık özet · 16 Kas–23 Kas 2026",
         "Hedeflerin tek bakışta"),
    Week("vi", "Đến lúc cập nhật", "430", "Đã ghi nhận", "người theo dõi instagram thế nào?",
         ("*430* trên 480", "Tình trạng:"), "Bản tin tuần · 16 thg 11–23 thg 11, 2026",
         "Mục tiêu của bạn trong nháy mắt"),
]  # fmt: skip
SPOKEN = {person.lang: person for person in PEOPLE}


def text_of(message: object) -> str:
    blocks = getattr(message, "blocks", None) or []
    return without_isolates("\n".join([getattr(message, "text", ""), *shown_texts(blocks)]))


@pytest.mark.parametrize("week", WEEKS, ids=[w.lang for w in WEEKS])
def test_a_week_of_the_bot_in_one_language(harness: BotHarness, week: Week) -> None:
    person = SPOKEN[week.lang]
    harness.driver.command("U1", "/goals", f"language {week.lang}")
    harness.driver.command("U1", "/goals", "digest here weekly mon 11:00", channel="C1")
    harness.driver.command("U1", "/goals", f"digest here language {week.lang}", channel="C1")

    # The goal, stated whole in the DM and saved with the button in this language.
    harness.driver.message("U1", person.start)
    harness.driver.message("U1", person.sentence)
    harness.driver.click("U1", harness.dm("U1")[-1], person.save)
    assert person.saved in without_isolates(shown(harness.dm("U1")[-1]))
    [goal] = goals(harness.engine)

    # Monday's reminder, in this language; the reply as this language writes the number.
    harness.clock.set(MONDAY_10_BUCHAREST)
    assert tick(harness).sent == 1
    [reminder] = [m for m in harness.dm("U1") if m.thread_ts is None and "reminder:" in str(m)]
    assert week.reminds in text_of(reminder)
    harness.driver.message("U1", week.reply, thread_ts=reminder.ts)
    answer = text_of(harness.sandbox.thread(reminder.channel, reminder.ts)[-1])
    assert week.recorded in answer and "Got it" not in answer

    # A question in this language, answered from the stored figure.
    harness.driver.message("U1", week.question)
    card = text_of(harness.dm("U1")[-1])
    assert all(phrase in card for phrase in week.answer), card
    assert "Status" not in card

    # A colleague asking in English finds the same goal.
    harness.driver.message("U2", "how are our instagram followers?")
    assert "430" in text_of(harness.dm("U2")[-1]) and goal.title[:8] in text_of(
        harness.dm("U2")[-1]
    )

    # The channel's digest that Monday at 11:00, and the App Home.
    harness.clock.set(MONDAY_10_BUCHAREST + timedelta(hours=1))
    assert runner(harness, []).tick().sent == 1
    [digest] = [m for m in harness.sandbox.channel_messages("C1") if m.blocks]
    assert without_isolates(digest.text).startswith(week.digest), digest.text
    harness.driver.open_home("U1")
    home = without_isolates("\n".join(shown_texts(harness.sandbox.home_views["U1"]["blocks"])))
    assert week.home in home and "Your goals" not in home and "on track" not in home
