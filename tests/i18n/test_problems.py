"""A reader's problem in each language, with the date or number it quotes written that
language's way: what a person sees after typing a deadline or a value the bot can't take."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.core.dates import parse_deadline
from bot.core.parse_error import ParseError
from bot.i18n.catalogue import translator
from bot.i18n.problems import problem_text
from tests.i18n.pseudo import PSEUDO, english_left_in

NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)

CASES = [  # (typed deadline, language, the problem as shown)
    ("5 Jan 2026", "en", "5 Jan 2026 has already passed."),
    ("5 Jan 2026", "fa", "۱۵ دی ۱۴۰۴ گذشته است."),
    ("5 Jan 2026", "tr", "5 Oca 2026 çoktan geçti."),
    ("31 Feb", "ro", "Nu există ziua 31 feb."),
    ("31 Feb", "vi", "Không có ngày 31 thg 2."),
    ("1 Jan 2040", "tr", "1 Oca 2040 5 yıldan daha uzakta; lütfen daha yakın bir son tarih seç."),
    ("۳۱ اسفند ۱۴۰۵", "fa", "سال ۱۴۰۵ روز ۳۱ اسفند ندارد."),
]


@pytest.mark.parametrize(("typed", "lang", "shown"), CASES)
def test_a_deadline_problem_quotes_its_date_in_the_persons_language(
    typed: str, lang: str, shown: str
) -> None:
    problem = parse_deadline(typed, now=NOW, tz=ZoneInfo("UTC"))
    assert isinstance(problem, ParseError)
    assert problem_text(problem, translator(lang)) == shown


def test_every_quoting_problem_is_in_the_catalogue() -> None:
    for typed in ("5 Jan 2026", "31 Feb", "1 Jan 2040"):
        problem = parse_deadline(typed, now=NOW, tz=ZoneInfo("UTC"))
        assert isinstance(problem, ParseError)
        assert english_left_in([problem_text(problem, PSEUDO)]) <= {"Jan", "Feb"}
