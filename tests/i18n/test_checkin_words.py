"""Skip, snooze, undo and schedules as people write them in all five languages; free text never
crashes."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.cadence import Cadence, CadenceKind
from bot.core.cadence.parse import parse_cadence
from bot.core.cadence.several import parse_times
from bot.core.checkin_reply import Skip, Snooze, Values, is_undo, parse_reply
from bot.core.goal_lookup import GoalRef
from bot.core.parse_error import ParseError

REACH = [GoalRef(1, "Reach 60k", "reach", number=1)]

SKIPS = ["skip", "Skip this time.", "atla", "Bu sefer atla", "sări", "Sări peste!", "bỏ qua",
         "Lần này bỏ qua", "رد کن", "این بار رد کن"]  # fmt: skip


@pytest.mark.parametrize("typed", SKIPS)
def test_skip_in_every_language(typed: str) -> None:
    assert parse_reply(typed, REACH) == Skip()


SNOOZES = [
    ("snooze", 1), ("snooze 2d", 2), ("snooze for 1 week", 7),
    ("ertele", 1), ("2 gün ertele", 2), ("bir hafta ertele", 7),
    ("amână", 1), ("amână 2 zile", 2), ("amână o săptămână", 7),
    ("hoãn", 1), ("hoãn 3 ngày", 3), ("hoãn 1 tuần", 7), ("để sau 3 ngày", 3),
    ("عقب بنداز", 1), ("۲ روز عقب بنداز", 2), ("عقب بنداز ۱ هفته", 7),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "days"), SNOOZES)
def test_snooze_in_every_language(typed: str, days: int) -> None:
    assert parse_reply(typed, REACH) == Snooze(days)


@pytest.mark.parametrize("typed", ["snooze 40d", "5 hafta ertele", "amână 31 zile"])
def test_a_snooze_too_long_is_refused(typed: str) -> None:
    assert isinstance(parse_reply(typed, REACH), ParseError)


UNDOS = ["undo", "Undo that!", "geri al", "Son kaydı geri al", "anulează", "Anulează asta.",
         "hoàn tác", "Hủy cập nhật", "برگردان", "لغوش کن"]  # fmt: skip


@pytest.mark.parametrize("typed", UNDOS)
def test_undo_in_every_language(typed: str) -> None:
    assert is_undo(typed)


@pytest.mark.parametrize("typed", ["undo 41k", "geri al 5", "anulează obiectivul", "41k"])
def test_a_value_or_more_words_is_not_an_undo(typed: str) -> None:
    assert not is_undo(typed)


@pytest.mark.parametrize("typed", ["۴۱٫۲ هزار", "41,2 bin", "41.200", "41,2 nghìn", "41.2k"])
def test_the_values_each_language_writes_are_read(typed: str) -> None:
    reply = parse_reply(typed, REACH)
    assert isinstance(reply, Values) and reply.values[0].quantity.value == 41200


@given(st.text(max_size=60))
def test_free_text_is_always_an_answer(text: str) -> None:
    reply = parse_reply(text, REACH)
    assert isinstance(reply, Skip | Snooze | Values | ParseError)
    if isinstance(reply, ParseError):
        assert reply.message and reply.example


# (typed, weekdays, time of day)
CADENCES = [
    ("her cuma saat 10'da", (4,), time(10)),
    ("her pazartesi 9:00", (0,), time(9)),
    ("Perşembe günleri 16:30'da", (3,), time(16, 30)),
    ("în fiecare luni la 9", (0,), time(9)),
    ("vineri la 16:30", (4,), time(16, 30)),
    ("marțea la ora 11", (1,), time(11)),
    ("thứ hai lúc 9 giờ", (0,), time(9)),
    ("mỗi thứ sáu lúc 10 giờ", (4,), time(10)),
    ("thứ tư lúc 4 giờ chiều", (2,), time(16)),
    ("هر دوشنبه ساعت ۱۰", (0,), time(10)),
    ("جمعه‌ها ساعت ۱۶:۳۰", (4,), time(16, 30)),
    ("سه‌شنبه و پنج‌شنبه ساعت ۹", (1, 3), time(9)),
    ("mon and thu at 09:30", (0, 3), time(9, 30)),
]


@pytest.mark.parametrize(("typed", "weekdays", "at"), CADENCES)
def test_a_weekly_schedule_in_every_language(
    typed: str, weekdays: tuple[int, ...], at: time
) -> None:
    cadence = parse_cadence(typed, tz="Europe/Bucharest")
    assert isinstance(cadence, Cadence), cadence
    assert (cadence.kind, cadence.weekdays, cadence.at) == (CadenceKind.WEEKLY, weekdays, at)


@pytest.mark.parametrize(
    ("typed", "kind"),
    [("her gün 9'da", CadenceKind.DAILY), ("zilnic la 9", CadenceKind.DAILY),
     ("hàng ngày lúc 9 giờ", CadenceKind.DAILY), ("هر روز ساعت ۹", CadenceKind.DAILY),
     ("iki haftada bir cuma", CadenceKind.EVERY_N_WEEKS), ("lunar", CadenceKind.MONTHLY)],
)  # fmt: skip
def test_rhythms_in_every_language(typed: str, kind: CadenceKind) -> None:
    cadence = parse_cadence(typed, tz="UTC")
    assert isinstance(cadence, Cadence) and cadence.kind is kind


SEVERAL = [
    "mon 10:00 and thu 16:00",
    "pazartesi 10:00 ve perşembe 16:00",
    "luni 10:00 și joi 16:00",
    "thứ hai 10:00 và thứ năm 16:00",
    "دوشنبه ۱۰:۰۰ و پنج‌شنبه ۱۶:۰۰",
]


@pytest.mark.parametrize("typed", SEVERAL)
def test_several_times_in_every_language(typed: str) -> None:
    cadences = parse_times(typed, tz="UTC")
    assert not isinstance(cadences, ParseError), cadences
    assert [(c.weekdays, c.at) for c in cadences] == [((0,), time(10)), ((3,), time(16))]


@given(st.text(max_size=80))
def test_any_schedule_text_is_a_schedule_or_a_clear_answer(text: str) -> None:
    read = parse_times(text, tz="UTC")
    assert isinstance(read, tuple | ParseError)
    if isinstance(read, ParseError):
        assert read.message and read.example
