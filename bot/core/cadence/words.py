"""Schedules typed in Persian, Romanian, Turkish or Vietnamese, rewritten in the English words
`bot.core.cadence.parse` reads.

| typed                     | read as                 |
| ------------------------- | ----------------------- |
| `her cuma saat 10'da`     | `every fri at at 10`    |
| `în fiecare luni la 9`    | `every mon at 9`        |
| `mỗi thứ sáu lúc 10 giờ`  | `every fri at 10:00`    |
| `جمعه‌ها ساعت ۱۶:۳۰`       | `fri at 16:30`          |

The text is first brought to one plain form (lower case, no diacritics, ASCII digits, no
ZWNJ), so "Perşembe", "persembe" and "PERŞEMBE" are one word; then whole phrases are
replaced, longest first, so "thứ hai" (Monday) is read before a lone "thu" (English
Thursday) and "in fiecare lună" (monthly) before "luni" (Monday). English passes unchanged.
"""

from __future__ import annotations

import re
import unicodedata

from bot.core.digits import to_ascii_digits

_ZWNJ = "\u200c"
_LETTERS = str.maketrans({"ı": "i", "ك": "ک", "ي": "ی", _ZWNJ: ""})
_B, _E = r"(?<!\w)", r"(?!\w)"  # whole words only, in any script

# (phrases, English); each phrase is in the plain form, a regex, matched as whole words.
_WORDS: tuple[tuple[tuple[str, ...], str], ...] = (
    # Times of day first: the clock words and suffixes around a number.
    ((r"(\d{1,2}(?:[:.]\d{2})?)'?(?:da|de|ta|te)",), r"at \1"),  # tr: 10'da, 16:30'da
    ((r"(\d{1,2})\s*(?:gio|h)\s*(\d{2})",), r"\1:\2"),  # vi: 9 giờ 30, 9h30
    ((r"(\d{1,2})\s*(?:gio|h)",), r"\1:00"),  # vi: 9 giờ, 9h
    ((r"(\d{1,2}(?::\d{2})?)\s*(?:sang|صبح)",), r"\1 am"),
    ((r"(\d{1,2}(?::\d{2})?)\s*(?:chieu|toi|عصر|بعدازظهر|بعد از ظهر|شب)",), r"\1 pm"),
    # Rhythms.
    (("iki haftada bir", "la doua saptamani", "o data la doua saptamani", "2 tuan mot lan",
      "hai tuan mot lan", "هر دو هفته", "دو هفته یک بار", "هر دو هفته یک بار"), "biweekly"),
    (("her gun", "gunluk", "in fiecare zi", "zilnic", "hang ngay", "moi ngay", "هر روز",
      "روزانه"), "daily"),
    (("her hafta", "haftalik", "in fiecare saptamana", "saptamanal", "hang tuan", "moi tuan",
      "هر هفته", "هفتگی"), "weekly"),
    (("her ay", "aylik", "in fiecare luna", "lunar", "hang thang", "moi thang", "هر ماه",
      "ماهانه"), "monthly"),
    (("hafta ici", "in zilele lucratoare", "zilele lucratoare", "ngay thuong",
      "cac ngay trong tuan", "روزهای کاری", "روزهای کاری"), "weekdays"),
    (("hafta sonu", "hafta sonlari", "in weekend", "cuoi tuan", "اخر هفته", "اخر هفتهها"),
     "weekends"),
    # Weekdays (Turkish and Persian also with their plural or "days of" endings).
    ((r"pazartesi(?:leri| gunleri| gunu)?", "lunea", "luni", "thu hai", "t2", r"دوشنبه(?:ها)?"),
     "mon"),
    ((r"sali(?:lari| gunleri| gunu)?", "martea", "marti", "thu ba", "t3",
      r"سه ?شنبه(?:ها)?"), "tue"),
    ((r"carsamba(?:lari| gunleri| gunu)?", "miercurea", "miercuri", "thu tu", "t4",
      r"چهار ?شنبه(?:ها)?"), "wed"),
    ((r"persembe(?:leri| gunleri| gunu)?", "joia", "joi", "thu nam", "t5",
      r"پنج ?شنبه(?:ها)?"), "thu"),
    ((r"cumartesi(?:leri| gunleri| gunu)?", "sambata", "thu bay", "t7"), "sat"),
    ((r"cuma(?:lari| gunleri| gunu)?", "vinerea", "vineri", "thu sau", "t6", r"جمعه(?:ها)?"),
     "fri"),
    ((r"pazar(?:lari| gunleri| gunu)?", "duminica", "chu nhat", "cn", r"یک ?شنبه(?:ها)?"),
     "sun"),
    ((r"شنبه(?:ها)?",), "sat"),  # after the weekdays that end in شنبه
    # Filler and joining words.
    (("her", "in fiecare", "fiecare", "moi", "hang", "هر"), "every"),
    (("saat", "la ora", "ora", "la", "luc", "vao luc", "ساعت"), "at"),
    (("vao", "pe"), "on"),
    (("ve", "si", "va", "و"), "and"),
)  # fmt: skip
_REWRITES = tuple(
    (re.compile(_B + "(?:" + "|".join(phrases) + ")" + _E), english) for phrases, english in _WORDS
)


def plain(text: str) -> str:
    """Lower case, no diacritics or ZWNJ, ASCII digits: the form the phrases are written in.

    Example:
        >>> plain("Perşembe İÇİN ۱۶:۳۰"), plain("Thứ Sáu"), plain("جمعه‌ها")
        ('persembe icin 16:30', 'thu sau', 'جمعهها')
    """
    lowered = to_ascii_digits(text).translate(_LETTERS).lower().translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", lowered)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", kept.replace("đ", "d"))


def in_english_words(text: str) -> str:
    """A schedule in any of the five languages, in the English words the parser reads.

    Example:
        >>> in_english_words("her cuma 10'da"), in_english_words("în fiecare luni la 9")
        ('every fri at 10', 'every mon at 9')
        >>> in_english_words("mỗi thứ sáu lúc 10 giờ"), in_english_words("هر دوشنبه ساعت ۱۰")
        ('every fri at 10:00', 'every mon at 10')
    """
    written = plain(text)
    for pattern, english in _REWRITES:
        written = pattern.sub(english, written)
    return written
