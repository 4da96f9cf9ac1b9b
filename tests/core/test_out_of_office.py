"""Which Slack statuses say out of office (bot.core.out_of_office), in the five languages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.out_of_office import says_out_of_office

AWAY = [
    ("Out of office until Monday", "en"),
    ("OOO", "en"),
    ("Vacationing", "en"),
    ("On leave", "en"),
    ("Taking a sick day", "en"),
    ("در مرخصی", "fa"),
    ("تعطیلات نوروز", "fa"),
    ("بیمارم", "fa"),
    ("În concediu", "ro"),
    ("În vacanță", "ro"),
    ("Bolnavă", "ro"),
    ("İzindeyim", "tr"),
    ("Tatildeyim", "tr"),
    ("Hastayım", "tr"),
    ("Nghỉ phép", "vi"),
    ("Đang nghỉ ốm", "vi"),
]
IN = ["In a meeting", "Commuting", "Working remotely", "Focus time", "Ședință", "Toplantıda", ""]


@pytest.mark.parametrize(("text", "language"), AWAY)
def test_words_that_say_away(text: str, language: str) -> None:
    assert says_out_of_office("", text), language


@pytest.mark.parametrize("text", IN)
def test_words_that_do_not(text: str) -> None:
    assert not says_out_of_office("", text)


@pytest.mark.parametrize("emoji", [":palm_tree:", "face_with_thermometer", ":airplane:"])
def test_emoji_alone_says_away(emoji: str) -> None:
    assert says_out_of_office(emoji, "")
    assert not says_out_of_office(":spiral_calendar_pad:", "")


@given(st.text(max_size=100), st.text(max_size=30))
def test_any_status_reads_as_in_or_out(text: str, emoji: str) -> None:
    assert says_out_of_office(emoji, text) in {True, False}
