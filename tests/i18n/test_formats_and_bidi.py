"""Numbers per locale, and left-to-right runs isolated inside Persian text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.values import Quantity, Unit
from bot.i18n.bidi import LRI, PDI, isolate_ltr, rtl, without_isolates
from bot.i18n.formats import day_month, number, percent, quantity


@pytest.mark.parametrize(
    ("lang", "twelve_thousand_four_hundred", "three_point_two_percent"),
    [
        ("en", "12,400", "3.2%"),
        ("fa", "۱۲٬۴۰۰", "۳٫۲٪"),
        ("ro", "12.400", "3,2\xa0%"),
        ("tr", "12.400", "%3,2"),
        ("vi", "12.400", "3,2%"),
    ],
)
def test_numbers_are_written_the_way_each_language_writes_them(
    lang: str, twelve_thousand_four_hundred: str, three_point_two_percent: str
) -> None:
    assert number(Decimal("12400"), lang) == twelve_thousand_four_hundred
    assert percent(Decimal("3.2"), lang) == three_point_two_percent


def test_decimals_are_kept_to_two() -> None:
    assert number(Decimal("1234.567"), "fa") == "۱٬۲۳۴٫۵۷"
    assert number(Decimal("1234.5"), "tr") == "1.234,5"


def _shown(text: str) -> str:
    return text.replace(LRI, "[").replace(PDI, "]")


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<@U123> هدف #3 را به 41.2k رساند", "[<@U123>] هدف [#3] را به [41.2k] رساند"),
        ("برای راهنما `/goals help` را بزنید.", "برای راهنما [`/goals help`] را بزنید."),
        ("از این به بعد به فارسی", "از این به بعد به فارسی"),
        ("خلاصهٔ <#C1> از حالا", "خلاصهٔ [<#C1>] از حالا"),
        ("۱۲٬۴۰۰ دنبال‌کننده", "۱۲٬۴۰۰ دنبال‌کننده"),  # Persian digits need no isolate
        ("هدف SMART و OKR", "هدف [SMART] و [OKR]"),
    ],
)
def test_left_to_right_runs_are_isolated_in_persian(text: str, shown: str) -> None:
    assert _shown(rtl(text, "fa")) == shown


def test_left_to_right_languages_are_left_alone() -> None:
    assert rtl("goal #3 for <@U1>", "tr") == "goal #3 for <@U1>"


@given(st.text(max_size=200))
def test_isolating_loses_nothing_and_is_done_once(text: str) -> None:
    once = isolate_ltr(text)
    assert without_isolates(once) == without_isolates(text)
    assert isolate_ltr(once) == once
    assert once.count(LRI) == once.count(PDI)


QUANTITIES = [  # (quantity, compact, language, as written)
    (Quantity(Decimal(41200)), True, "en", "41.2k"),
    (Quantity(Decimal(41200)), True, "fa", "۴۱٫۲\xa0هزار"),
    (Quantity(Decimal(41200)), True, "tr", "41,2\xa0B"),
    (Quantity(Decimal(41200)), False, "ro", "41.200"),
    (Quantity(Decimal(9000), Unit.DURATION), False, "en", "2h 30m"),
    (Quantity(Decimal(9000), Unit.DURATION), False, "vi", "2 tiếng 30 phút"),
    (Quantity(Decimal("3.2"), Unit.PERCENT), False, "tr", "%3,2"),
    (Quantity(Decimal(1500), Unit.CURRENCY, "USD"), False, "ro", "1.500\xa0USD"),
    (Quantity(Decimal(1), Unit.MILESTONE), False, "vi", "đã xong"),
    (Quantity(Decimal(0), Unit.MILESTONE), False, "fa", "انجام نشده"),
]


@pytest.mark.parametrize(("q", "compact", "lang", "written"), QUANTITIES)
def test_quantities_are_written_as_each_language_writes_them(
    q: Quantity, compact: bool, lang: str, written: str
) -> None:
    assert quantity(q, lang, compact=compact) == written


@pytest.mark.parametrize(
    ("lang", "written"),
    [("en", "31 Dec"), ("fa", "۱۰ دی"), ("ro", "31 dec."), ("tr", "31 Ara"), ("vi", "31 thg 12")],
)
def test_a_day_and_month_without_the_year(lang: str, written: str) -> None:
    assert day_month(date(2026, 12, 31), lang) == written


@pytest.mark.parametrize(
    "quoted", ["Instagram takipçilerimizi artırmak", "creștem urmăritorii", "người theo dõi"]
)
def test_a_latin_quote_in_persian_is_one_isolated_run(quoted: str) -> None:
    shown = isolate_ltr(f"چرا: “{quoted}”")
    assert f"{LRI}{quoted}{PDI}" in shown
