"""Month, weekday and deadline words in the team's languages, all lower case.

Persian entries are the Persian spellings of Gregorian months ("دسامبر"); the
Iranian calendar itself is not handled yet. Vietnamese writes months as numbers
("tháng 12"), so it has no month names here.
"""

from __future__ import annotations

from enum import StrEnum


class Anchor(StrEnum):
    """A deadline named by a phrase rather than a date ("end of month", "tomorrow")."""

    TODAY = "today"
    TOMORROW = "tomorrow"
    END_OF_WEEK = "end_of_week"
    END_OF_NEXT_WEEK = "end_of_next_week"
    END_OF_MONTH = "end_of_month"
    END_OF_NEXT_MONTH = "end_of_next_month"
    END_OF_QUARTER = "end_of_quarter"
    END_OF_NEXT_QUARTER = "end_of_next_quarter"
    END_OF_YEAR = "end_of_year"
    END_OF_NEXT_YEAR = "end_of_next_year"


# fmt: off
MONTH_NAMES: dict[str, int] = {
    **dict.fromkeys(["january", "jan", "ianuarie", "ian", "ocak", "ژانویه"], 1),
    **dict.fromkeys(["february", "feb", "februarie", "şubat", "subat", "فوریه"], 2),
    **dict.fromkeys(["march", "mar", "martie", "mart", "مارس"], 3),
    **dict.fromkeys(["april", "apr", "aprilie", "nisan", "آوریل"], 4),
    **dict.fromkeys(["may", "mai", "mayıs", "mayis", "مه", "می"], 5),
    **dict.fromkeys(["june", "jun", "iunie", "iun", "haziran", "ژوئن"], 6),
    **dict.fromkeys(["july", "jul", "iulie", "iul", "temmuz", "ژوئیه", "جولای"], 7),
    **dict.fromkeys(["august", "aug", "ağustos", "agustos", "اوت", "آگوست"], 8),
    **dict.fromkeys(["september", "sep", "sept", "septembrie", "eylül", "eylul", "سپتامبر"], 9),
    **dict.fromkeys(["october", "oct", "octombrie", "ekim", "اکتبر"], 10),
    **dict.fromkeys(["november", "nov", "noiembrie", "kasım", "kasim", "نوامبر"], 11),
    **dict.fromkeys(["december", "dec", "decembrie", "aralık", "aralik", "دسامبر"], 12),
}
# Month names that are also everyday words ("I may", Romanian "mai" = more, Persian
# "می" = a verb prefix): alone they are not read as a month.
EVERYDAY_MONTH_WORDS = frozenset({"may", "mai", "mar", "mart", "مه", "می"})

# Monday is 0, as in `date.weekday()`.
WEEKDAY_NAMES: dict[str, int] = {
    **dict.fromkeys(["monday", "mon", "luni", "pazartesi", "thứ hai", "thứ 2", "دوشنبه"], 0),
    **dict.fromkeys(["tuesday", "tue", "tues", "marți", "marti", "salı", "sali", "thứ ba",
                     "thứ 3", "سه‌شنبه", "سه شنبه", "سهشنبه"], 1),
    **dict.fromkeys(["wednesday", "wed", "miercuri", "çarşamba", "carsamba", "thứ tư",
                     "thứ 4", "چهارشنبه", "چهار شنبه"], 2),
    **dict.fromkeys(["thursday", "thu", "thur", "thurs", "joi", "perşembe", "persembe",
                     "thứ năm", "thứ 5", "پنجشنبه", "پنج‌شنبه", "پنج شنبه"], 3),
    **dict.fromkeys(["friday", "fri", "vineri", "cuma", "thứ sáu", "thứ 6", "جمعه"], 4),
    **dict.fromkeys(["saturday", "sat", "sâmbătă", "sambata", "cumartesi", "thứ bảy",
                     "thứ 7", "شنبه"], 5),
    **dict.fromkeys(["sunday", "sun", "duminică", "duminica", "pazar", "chủ nhật",
                     "یکشنبه", "یک‌شنبه", "یک شنبه"], 6),
}

ANCHOR_PHRASES: dict[str, Anchor] = {
    **dict.fromkeys(["today", "azi", "astăzi", "bugün", "hôm nay", "امروز"], Anchor.TODAY),
    **dict.fromkeys(["tomorrow", "mâine", "maine", "yarın", "yarin", "ngày mai", "فردا"],
                    Anchor.TOMORROW),
    **dict.fromkeys(["end of the week", "end of week", "end of this week", "eow",
                     "this week", "sfârșitul săptămânii", "sfarsitul saptamanii"],
                    Anchor.END_OF_WEEK),
    **dict.fromkeys(["next week", "end of next week", "săptămâna viitoare",
                     "gelecek hafta", "haftaya", "tuần sau", "tuần tới", "هفته بعد",
                     "هفته آینده"], Anchor.END_OF_NEXT_WEEK),
    **dict.fromkeys(["end of the month", "end of month", "end of this month", "eom",
                     "this month", "month end", "sfârșitul lunii", "sfarsitul lunii",
                     "finalul lunii", "ay sonu", "bu ay", "cuối tháng", "cuối tháng này",
                     "پایان ماه", "آخر ماه"], Anchor.END_OF_MONTH),
    **dict.fromkeys(["next month", "end of next month", "luna viitoare", "gelecek ay",
                     "önümüzdeki ay", "tháng sau", "tháng tới", "ماه بعد", "ماه آینده"],
                    Anchor.END_OF_NEXT_MONTH),
    **dict.fromkeys(["end of the quarter", "end of quarter", "end of this quarter", "eoq",
                     "this quarter", "quarter end", "sfârșitul trimestrului",
                     "sfarsitul trimestrului", "çeyrek sonu", "ceyrek sonu", "cuối quý"],
                    Anchor.END_OF_QUARTER),
    **dict.fromkeys(["next quarter", "end of next quarter", "trimestrul viitor",
                     "gelecek çeyrek", "quý sau", "quý tới"], Anchor.END_OF_NEXT_QUARTER),
    **dict.fromkeys(["end of the year", "end of year", "end of this year", "eoy",
                     "this year", "year end", "year-end", "sfârșitul anului",
                     "sfarsitul anului", "finalul anului", "yıl sonu", "yılsonu",
                     "yil sonu", "cuối năm", "cuối năm nay", "پایان سال میلادی",
                     "آخر سال میلادی"], Anchor.END_OF_YEAR),
    **dict.fromkeys(["next year", "end of next year", "anul viitor", "gelecek yıl",
                     "seneye", "năm sau", "năm tới", "سال بعد", "سال آینده"],
                    Anchor.END_OF_NEXT_YEAR),
}
# "End of the year" said in Persian usually means the Iranian year (ending about 20
# March); we ask rather than guess.
IRANIAN_YEAR_END_PHRASES = ["پایان سال", "آخر سال"]

# Units for "in 6 weeks", "peste 3 luni", "6 hafta sonra", "trong 10 ngày", "۶ هفته دیگر".
SPAN_DAYS = ["day", "days", "zi", "zile", "gün", "gun", "ngày", "روز"]
SPAN_WEEKS = ["week", "weeks", "săptămână", "săptămâni", "saptamana", "saptamani", "hafta",
              "tuần", "هفته"]
SPAN_MONTHS = ["month", "months", "lună", "luna", "luni", "ay", "tháng", "ماه"]
SPAN_YEARS = ["year", "years", "an", "ani", "yıl", "yil", "sene", "năm", "سال"]
SPAN_BEFORE = ["in", "within", "peste", "în", "trong", "sau"]
SPAN_AFTER = ["from now", "later", "sonra", "içinde", "nữa", "دیگر", "بعد"]
SPAN_ONE = ["a", "an", "one", "o", "un", "bir", "một", "یک"]
# fmt: on
