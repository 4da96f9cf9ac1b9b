"""A reminder, a check-in reply and undo through the sandbox in each language: the reminder in
its owner's language, the value as that language writes it read back, the answer and undo in it."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from bot.i18n.bidi import without_isolates
from bot.sandbox.state import Message
from bot.scheduling.deliveries import DeliveryRunner
from bot.scheduling.sources import all_sources
from bot.slack.client import make_client
from tests.factories import make_reminded_goal
from tests.harness import BotHarness
from tests.reminder_helpers import MONDAY_10_BUCHAREST, tick
from tests.scenarios.test_checkins import checkins


def seen(message: Message) -> str:
    return without_isolates(f"{message.text} {message.blocks}")


def reminder_in_dm(harness: BotHarness, user: str) -> Message:
    [reminder] = [
        m for m in harness.dm(user) if m.thread_ts is None and "reminder:" in str(m.blocks)
    ]
    return reminder


# (language, the reminder says, reply, the answer says, its value, undo, the offer says, removed)
CASES = [
    ("fa", "وقت ثبت گزارش", "۴۱٫۲ هزار", "ثبت شد", "۴۱٬۲۰۰",
     "برگردان", "برگردانده شود؟", "حذف شد"),
    ("ro", "E timpul să raportezi", "41,2 mii", "Am notat", "41.200",
     "anulează", "Anulezi", "Am șters"),
    ("tr", "ilerleme bildirme zamanı", "41,2 bin", "Kaydettim", "41.200",
     "geri al", "geri alalım mı", "bildirimi sildim"),
    ("vi", "Đến lúc cập nhật", "41,2 nghìn", "Đã ghi nhận", "41.200",
     "hoàn tác", "Hoàn tác lần", "Đã xóa"),
    ("tr", "ilerleme bildirme zamanı", "41.200", "Kaydettim", "41.200",
     "Geri al!", "geri alalım mı", "bildirimi sildim"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "reminds", "reply", "got", "value", "undo", "offers", "removed"), CASES
)
def test_a_reminder_reply_and_undo_in_the_owners_language(
    harness: BotHarness,
    lang: str,
    reminds: str,
    reply: str,
    got: str,
    value: str,
    undo: str,
    offers: str,
    removed: str,
) -> None:
    harness.driver.command("U1", "/goals", f"language {lang}")
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    assert tick(harness).sent == 1
    reminder = reminder_in_dm(harness, "U1")
    assert reminds in seen(reminder) and "Time to check in" not in seen(reminder)

    harness.driver.message("U1", reply, thread_ts=reminder.ts)

    assert [c.value for c in checkins(harness)] == [Decimal(41200)]
    [answer] = harness.sandbox.thread(reminder.channel, reminder.ts)[1:]
    assert got in seen(answer) and value in seen(answer)

    harness.driver.message("U1", undo, thread_ts=reminder.ts)
    offer = harness.last_reply("U1")
    assert offers in seen(offer) and value in seen(offer)
    harness.driver.click("U1", offer, "checkin.undo_confirm")

    assert checkins(harness) == []
    assert removed in seen(harness.last_reply("U1"))


def test_skip_and_snooze_answer_in_the_language_they_are_written_in(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)
    reminder = reminder_in_dm(harness, "U1")

    harness.driver.message("U1", "pas geç", thread_ts=reminder.ts)
    skipped = harness.sandbox.thread(reminder.channel, reminder.ts)[-1]
    assert "Tamam, bu sefer yok. Sonraki hatırlatma: 30 Kas 2026 Pazartesi saat 10:00" in seen(
        skipped
    )

    harness.driver.message("U1", "để sau 3 ngày", thread_ts=reminder.ts)
    snoozed = harness.sandbox.thread(reminder.channel, reminder.ts)[-1]
    assert "Đã hoãn. Mình sẽ hỏi lại vào" in seen(snoozed)
    assert checkins(harness) == []


def test_slack_locale_decides_the_reminder_when_nothing_was_chosen(harness: BotHarness) -> None:
    harness.sandbox.add_user("U3", name="sara", tz="Asia/Tehran")["locale"] = "fa-IR"
    make_reminded_goal(harness, owner="U3", tz="Asia/Tehran")
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)

    reminder = reminder_in_dm(harness, "U3")
    assert "وقت ثبت گزارش" in seen(reminder) and "رد کن" in seen(reminder)


def say(harness: BotHarness, user: str, text: str) -> str:
    harness.driver.command(user, "/goals", text)
    return without_isolates(harness.last_reply(user).text)


def run_all(harness: BotHarness) -> None:
    """One pass of the runner over every source: reminders, follow-ups and escalations too."""
    client = make_client(harness.services)
    DeliveryRunner(harness.services, lambda _t: client, all_sources(harness.services)).tick()


@pytest.mark.parametrize(
    ("lang", "typed", "answered"),
    [
        ("tr", "pazartesi 10:00 ve perşembe 16:00",
         "her pazartesi saat 10:00 (Europe/Bucharest) ve her perşembe saat 16:00"),
        ("ro", "în fiecare luni la 9", "în fiecare luni la 09:00 (Europe/Bucharest)"),
        ("vi", "mỗi thứ sáu lúc 10 giờ", "mỗi Thứ Sáu lúc 10:00 (Europe/Bucharest)"),
        ("fa", "هر دوشنبه ساعت ۱۰", "هر دوشنبه ساعت ۱۰:۰۰ (Europe/Bucharest)"),
    ],
)  # fmt: skip
def test_reminder_times_typed_and_answered_in_each_language(
    harness: BotHarness, lang: str, typed: str, answered: str
) -> None:
    harness.sandbox.add_user("U1", name="ana", tz="Europe/Bucharest")
    say(harness, "U1", f"language {lang}")
    make_reminded_goal(harness)

    assert answered in say(harness, "U1", f"remind {typed}")


def test_a_follow_up_in_the_owners_language_and_a_note_in_the_managers(
    harness: BotHarness,
) -> None:
    say(harness, "U1", "language fa")
    say(harness, "U2", "language ro")
    say(harness, "U1", "manager <@U2>")
    say(harness, "UADMIN", "remind follow-up 2h")
    say(harness, "UADMIN", "remind escalate 1")
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    run_all(harness)
    harness.clock.set(MONDAY_10_BUCHAREST + timedelta(hours=2))
    run_all(harness)

    nudge = [m for m in harness.dm("U1") if "هنوز منتظر گزارش" in seen(m)]
    assert len(nudge) == 1 and "یک یادآوری کوچک" in seen(nudge[0])
    harness.clock.set(MONDAY_10_BUCHAREST + timedelta(days=7))
    run_all(harness)
    [note] = [m for m in harness.dm("U2") if "Raportări ratate la rând" in seen(m)]
    assert "Raportări ratate la rând de <@U1> pentru *Reach 60k on Instagram*: 1." in seen(note)
