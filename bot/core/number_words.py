"""The words and symbols people type around numbers, in the team's languages.

English, Romanian, Turkish, Vietnamese and Persian (the languages of the source
articles). Each table maps what is typed (matched case-insensitively) to what it
means; `alternation` turns a table into a regex that prefers the longest match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import TypeVar

T = TypeVar("T")

# A letter may not follow a word we recognise, so "k" never matches inside "kids".
NOT_LETTER_AFTER = r"(?![^\W\d_])"
NOT_LETTER_BEFORE = r"(?<![^\W\d_])"

# Word tables are laid out by hand so that each language stays readable.
# fmt: off
SCALE_WORDS: dict[str, Decimal] = {
    **dict.fromkeys(
        ["k", "thousand", "thousands", "mii", "mie", "bin", "nghìn", "ngàn", "هزار"],
        Decimal(1_000),
    ),
    **dict.fromkeys(
        ["m", "mm", "mn", "mln", "mil", "million", "millions", "milion", "milioane",
         "milyon", "triệu", "میلیون"],
        Decimal(1_000_000),
    ),
    **dict.fromkeys(
        ["b", "bn", "billion", "miliard", "miliarde", "milyar", "tỷ", "tỉ", "میلیارد"],
        Decimal(1_000_000_000),
    ),
}

PERCENT_SUFFIXES = ["%", "percent", "per cent", "pct", "procent", "procente", "la sută",
                    "phần trăm", "درصد"]
PERCENT_PREFIXES = ["%", "yüzde"]  # Turkish writes "%3,2" and "yüzde 3,2"

# Typed currency marks and their ISO 4217 codes. Toman has no ISO code; "IRT" is
# the code Iranian payment services use for it, and converting to rials (x10)
# would echo back a number ten times what the user typed.
CURRENCY_WORDS: dict[str, str] = {
    **dict.fromkeys(["$", "us$", "usd", "dollar", "dollars"], "USD"),
    **dict.fromkeys(["€", "eur", "euro", "euros"], "EUR"),
    **dict.fromkeys(["£", "gbp", "pound", "pounds"], "GBP"),
    **dict.fromkeys(["ron", "lei", "leu"], "RON"),
    **dict.fromkeys(["₺", "try", "tl", "lira"], "TRY"),
    **dict.fromkeys(["₫", "vnd", "đồng", "dong", "đ"], "VND"),
    **dict.fromkeys(["irr", "rial", "rials", "ریال"], "IRR"),
    **dict.fromkeys(["irt", "toman", "tomans", "تومان"], "IRT"),
}

# Marks that may come before the amount; words like "try" or "lira" may not.
CURRENCY_BEFORE = ["$", "us$", "€", "£", "₺", "₫", "usd", "eur", "gbp", "ron", "vnd", "irr"]

_MINUTE = Decimal(60)
_HOUR = Decimal(3_600)
_DAY = Decimal(86_400)

# "m" is left out on purpose: alone it means million ("1.5m"); see MINUTE_LETTER.
DURATION_WORDS: dict[str, Decimal] = {
    **dict.fromkeys(
        ["s", "sec", "secs", "second", "seconds", "secundă", "secunde", "sn", "saniye",
         "giây", "ثانیه"],
        Decimal(1),
    ),
    **dict.fromkeys(
        ["min", "mins", "minute", "minutes", "minut", "dk", "dakika", "dakikanın",
         "dakikaya", "phút", "دقیقه"],
        _MINUTE,
    ),
    **dict.fromkeys(
        ["h", "hr", "hrs", "hour", "hours", "oră", "ora", "ore", "sa", "saat", "saatin",
         "saate", "giờ", "tiếng", "ساعت"],
        _HOUR,
    ),
    **dict.fromkeys(
        ["d", "day", "days", "zi", "zile", "gün", "ngày", "روز"],
        _DAY,
    ),
    **dict.fromkeys(
        ["w", "wk", "wks", "week", "weeks", "săptămână", "săptămâni", "hafta", "tuần",
         "هفته"],
        _DAY * 7,
    ),
}
MINUTE_LETTER = "m"
MINUTE = _MINUTE
HOUR = _HOUR
DAY = _DAY

APPROXIMATE_BEFORE = [
    "~", "≈", "about", "around", "approx", "approx.", "approximately", "roughly",
    "circa", "ca.", "nearly", "almost", "some", "aproximativ", "aprox", "aprox.",
    "cam", "în jur de", "yaklaşık", "yaklasik", "khoảng", "tầm", "chừng", "gần",
    "حدود", "حدودا", "حدوداً", "تقریبا", "تقریباً", "نزدیک به",
]
APPROXIMATE_AFTER = ["ish", "-ish", "or so", "civarı", "civarında"]

MILESTONE_WORDS: dict[str, Decimal] = {
    **dict.fromkeys(
        ["not done", "not yet", "no", "nope", "❌", "nu", "nu e gata", "încă nu",
         "hayır", "yok", "bitmedi", "yapılmadı", "chưa xong", "chưa", "không",
         "انجام نشد", "نه", "خیر", "هنوز نه"],
        Decimal(0),
    ),
    **dict.fromkeys(
        ["done", "yes", "yep", "finished", "complete", "completed", "shipped", "✅",
         "gata", "da", "făcut", "terminat", "bitti", "tamam", "evet", "yapıldı",
         "tamamlandı", "xong", "rồi", "hoàn thành", "có", "انجام شد", "بله", "آره",
         "تمام شد"],
        Decimal(1),
    ),
}

# fmt: on


def alternation(words: Iterable[str]) -> str:
    """A regex group matching any of `words`, longest first, spaces matching any run.

    Example:
        >>> alternation(["k", "kg"])
        '(?:kg|k)'
    """
    ordered = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"


def lookup(table: dict[str, T], typed: str) -> T:
    """Find a matched word in a table, forgiving case and repeated spaces.

    Example:
        >>> lookup(SCALE_WORDS, "K")
        Decimal('1000')
    """
    return table[" ".join(typed.lower().split())]


# --- words that turn a number into a target --------------------------------------------

# fmt: off
# Stems take any ending ("increase", "increasing"; Turkish "artırmak", "artışı").
CHANGE_UP_STEMS = ["grow", "increas", "rais", "boost", "gain", "creșt", "crest", "mări",
                   "artır", "arttır", "artış", "yüksel", "tăng", "افزایش", "رشد"]
CHANGE_UP_WORDS = ["up", "more", "higher", "plus", "add", "extra", "mai mult", "mai multe",
                   "fazla", "thêm", "بیشتر"]
CHANGE_DOWN_STEMS = ["decreas", "reduc", "drop", "shrink", "trim", "scad", "scăd", "micșor",
                     "azal", "düşür", "kısalt", "giảm", "کاهش"]
CHANGE_DOWN_WORDS = ["cut", "lower", "down", "less", "fewer", "minus", "mai puțin",
                     "mai puține", "eksi", "bớt", "کمتر"]
# After a change verb these say "to" (an absolute target), not "by" (a change).
AIM_TO_WORDS = ["to", "la", "până la", "xuống", "lên", "còn", "به"]

UNDER_WORDS = ["under", "below", "less than", "at most", "max", "max.", "maximum",
               "no more than", "sub", "maxim", "mai puțin de", "cel mult", "en fazla",
               "en çok", "dưới", "tối đa", "không quá", "کمتر از", "زیر", "حداکثر"]
OVER_WORDS = ["over", "above", "more than", "at least", "min", "min.", "minimum", "peste",
              "cel puțin", "minim", "mai mult de", "en az", "trên", "ít nhất", "tối thiểu",
              "بیش از", "بیشتر از", "حداقل", "بالای"]
# Turkish puts the bound after the number: "1 saatin altında", "60 binin üzerinde".
UNDER_AFTER_WORDS = ["altında", "altına", "altı"]
OVER_AFTER_WORDS = ["üzerinde", "üzerine", "üstünde", "üstüne"]

PERCENTAGE_POINT_WORDS = ["pp", "p.p.", "percentage point", "percentage points", "points",
                          "pts", "puncte procentuale", "puncte", "puan", "điểm phần trăm",
                          "điểm", "واحد درصد"]

MULTIPLIER_WORDS: dict[str, Decimal] = {
    **dict.fromkeys(
        ["double", "twice", "dublu", "dubla", "dublează", "dublăm", "iki katı", "iki katına",
         "ikiye katla", "دو برابر", "gấp đôi", "nhân đôi"],
        Decimal(2),
    ),
    **dict.fromkeys(
        ["triple", "thrice", "triplu", "tripla", "triplează", "üç katı", "üç katına",
         "سه برابر", "gấp ba"],
        Decimal(3),
    ),
    **dict.fromkeys(
        ["halve", "half", "jumătate", "înjumătățește", "yarıya", "yarısı", "نصف",
         "một nửa", "giảm một nửa"],
        Decimal("0.5"),
    ),
}
# "2x", "3 times", "de 2 ori", "2 katı", "gấp 3 lần", "۳ برابر"
MULTIPLIER_AFTER_NUMBER = ["x", "×", "times", "de ori", "ori", "kat", "katı", "katına", "lần",
                           "برابر"]
# fmt: on
