"""The shapes deadlines are written in, as regular expressions over lower-case ASCII digits.

Built from the word tables of `bot.core.date_words` and `bot.core.number_words`;
`bot.core.dates` reads them in order.
"""

from __future__ import annotations

import re

from bot.core.date_words import (
    ANCHOR_PHRASES,
    IRANIAN_YEAR_END_PHRASES,
    MONTH_NAMES,
    SPAN_AFTER,
    SPAN_BEFORE,
    SPAN_DAYS,
    SPAN_MONTHS,
    SPAN_ONE,
    SPAN_WEEKS,
    SPAN_YEARS,
    WEEKDAY_NAMES,
)
from bot.core.number_words import (
    CURRENCY_BEFORE,
    CURRENCY_WORDS,
    NOT_LETTER_AFTER,
    NOT_LETTER_BEFORE,
    PERCENT_SUFFIXES,
    SCALE_WORDS,
    alternation,
)

DIGITS_ALONE_BEFORE = r"(?<![\d.,/-])"
DIGITS_ALONE_AFTER = r"(?![\d.,/-]?\d)"
MONTH = "(?P<month>" + NOT_LETTER_BEFORE + alternation(MONTH_NAMES) + r")\.?" + NOT_LETTER_AFTER
YEAR_AFTER = r"(?:\s*,?\s*(?P<year>\d{4})(?!\d))?"

ISO = re.compile(
    DIGITS_ALONE_BEFORE + r"(?P<year>\d{4})([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?!\d)"
)
NUMERIC = re.compile(
    DIGITS_ALONE_BEFORE
    + r"(?P<first>\d{1,2})(?P<sep>[./-])(?P<second>\d{1,2})"
    + r"(?:(?P=sep)(?P<year>\d{4}|\d{2}))?"
    + DIGITS_ALONE_AFTER
)
# "$1.5k", "2.5 mln", "3.2%": amounts, which a dotted day.month must not swallow.
AMOUNT_BEFORE = re.compile(NOT_LETTER_BEFORE + alternation(CURRENCY_BEFORE) + r"\s*$")
AMOUNT_AFTER = re.compile(
    r"\s*" + alternation([*SCALE_WORDS, *PERCENT_SUFFIXES, *CURRENCY_WORDS]) + NOT_LETTER_AFTER
)
AMOUNT = re.compile(
    r"(?:"
    + NOT_LETTER_BEFORE
    + alternation(CURRENCY_BEFORE)
    + r"\s*\d|\d"
    + AMOUNT_AFTER.pattern
    + ")"
)
VIETNAMESE = re.compile(
    r"(?:ngày\s*)?(?<!\d)(?P<day>\d{1,2})\s*tháng\s*(?P<month>\d{1,2})(?!\d)"
    + r"(?:\s*(?:năm\s*)?(?P<year>\d{4}))?"
)
DAY_MONTH = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th|\.)?\s*(?:of\s+|de\s+)?" + MONTH + YEAR_AFTER
)
MONTH_DAY = re.compile(MONTH + r"\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)" + YEAR_AFTER)
QUARTER = re.compile(
    NOT_LETTER_BEFORE + r"(?P<half>[qh]|quý\s*)(?P<number>[1-4])(?!\d)(?:\s*(?P<year>\d{4}))?"
)
SPAN_COUNT = r"(?P<count>\d{1,4}|" + NOT_LETTER_BEFORE + alternation(SPAN_ONE) + ")"
SPAN_UNIT = (
    r"\s*(?P<unit>"
    + NOT_LETTER_BEFORE
    + alternation([*SPAN_DAYS, *SPAN_WEEKS, *SPAN_MONTHS, *SPAN_YEARS])
    + ")"
    + NOT_LETTER_AFTER
)
SPANS = (
    re.compile(NOT_LETTER_BEFORE + alternation(SPAN_BEFORE) + r"\s+" + SPAN_COUNT + SPAN_UNIT),
    re.compile(SPAN_COUNT + SPAN_UNIT + r"\s*" + alternation(SPAN_AFTER) + NOT_LETTER_AFTER),
)
# "cuối tháng 12" is the end of December, not the end of this month.
ANCHOR = re.compile(
    NOT_LETTER_BEFORE + alternation(ANCHOR_PHRASES) + NOT_LETTER_AFTER + r"(?!\s*\d)"
)
IRANIAN_YEAR_END = re.compile(alternation(IRANIAN_YEAR_END_PHRASES))
WEEKDAY = re.compile(NOT_LETTER_BEFORE + alternation(WEEKDAY_NAMES) + NOT_LETTER_AFTER)
VIETNAMESE_MONTH = re.compile(r"tháng\s*(?P<month>\d{1,2})(?!\d)(?:\s*(?:năm\s*)?(?P<year>\d{4}))?")
MONTH_ALONE = re.compile(
    r"(?P<lead>end\s+of\s+|by\s+|until\s+|sfârșitul\s+lui\s+|până\s+în\s+|cuối\s+)?"
    + MONTH
    + YEAR_AFTER
    + r"(?P<trail>\s+sonu)?"
)
