"""Skip, snooze and undo as people write them in all five languages, and free text never crashes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
