"""What the review reads as a change of one field, in every language the bot speaks.

| typed                            | field    | value      |
| -------------------------------- | -------- | ---------- |
| `change target to 50k`           | target   | `50k`      |
| `hedefi 50 bin yap`              | target   | `50 bin`   |
| `schimbă ținta la 50k`           | target   | `50k`      |
| `đổi mục tiêu thành 50 nghìn`    | target   | `50 nghìn` |
| `هدف را ۵۰ هزار کن`               | target   | `۵۰ هزار`   |
| `son tarih 31 Mart`              | deadline | `31 Mart`  |

The words are matched on a folded copy of the text (lower case, no diacritics, ASCII
digits) that keeps every character's place, so "tinta" and "ținta" are one word and the
value is cut from what the person typed: the step's own reader reads "31 Mart" or "۲۹ اسفند".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.core.interview.state import Step
from bot.core.wording import normalise

_FIELD_WORDS: dict[Step, tuple[str, ...]] = {
    Step.WHY: ("why", "reason", "category", "motiv", "motivul", "de ce", "neden", "sebep",
               "lý do", "vì sao", "tại sao", "چرا", "دلیل"),
    Step.WHERE: ("where", "platform", "scope", "platforma", "unde", "platformu", "platformunu",
                 "nerede", "nền tảng", "ở đâu", "پلتفرم", "کجا"),
    Step.OBJECTIVE: ("objective", "amaç", "amacı"),
    Step.METRIC: ("metric", "kpi", "metrica", "metrică", "indicator", "indicatorul", "metrik",
                  "metriği", "ölçüt", "chỉ số", "شاخص", "معیار"),
    Step.BASELINE: ("baseline", "start", "today", "punct de plecare", "punctul de plecare",
                    "valoarea de azi", "başlangıç", "başlangıç değeri", "bugünkü değer",
                    "hiện tại", "giá trị hiện tại", "điểm xuất phát", "مقدار فعلی",
                    "نقطه شروع"),
    Step.TARGET: ("target", "goal", "ținta", "țintă", "hedef", "hedefi", "hedefini",
                  "hedef değer", "hedef değeri", "mục tiêu", "mục tiêu số", "chỉ tiêu", "هدف",
                  "هدف عددی"),
    Step.PERIOD: ("period", "perioada", "perioadă", "dönem", "dönemi", "chu kỳ", "دوره"),
    Step.DEADLINE: ("deadline", "date", "termen", "termenul", "termen limită",
                    "termenul limită", "data limită", "son tarih", "son tarihi", "bitiş tarihi",
                    "hạn chót", "hạn", "thời hạn", "مهلت", "ددلاین", "تاریخ"),
    Step.OWNER: ("owner", "responsabil", "responsabilul", "sorumlu", "sorumluyu",
                 "người phụ trách", "مسئول"),
    Step.CADENCE: ("cadence", "schedule", "check-ins", "checkins", "reminders", "check-in-uri",
                   "check-in-urile", "programul", "frecvența", "durum bildirimleri", "takvim",
                   "sıklık", "sıklığı", "cập nhật tiến độ", "lịch", "tần suất",
                   "گزارش پیشرفت", "زمان‌بندی", "یادآوری"),
    Step.CHANNEL: ("channel", "digest", "canal", "canalul", "rezumat", "rezumatul", "kanal",
                   "kanalı", "özet", "kênh", "bản tóm tắt", "کانال", "خلاصه گزارش"),
}  # fmt: skip
"""Each field's names, as the review's summary shows them in each language and as people
say them; Turkish and Persian also name it as an object ("hedefi", "son tarihi")."""

_VERBS = ("change", "set", "edit", "make", "update", "fix", "schimbă", "modifică", "setează",
          "pune", "fă", "actualizează", "đổi", "sửa", "đặt", "chỉnh", "cập nhật",
          "değiştir")  # fmt: skip
"""Words that open a change: English, Romanian and Vietnamese say the verb first."""
_TO = ("to", "as", "is", "la", "să fie", "thành", "là", "lên", "xuống", "را به", "را",
       "به")  # fmt: skip
"""Words between the field and its new value ("to", "la", "thành", Persian "را")."""
_DONE = ("yap", "olsun", "olarak değiştir", "olarak ayarla", "değiştir", "ayarla", "کن", "بکن",
         "باشد", "باشه", "بشه", "تغییر بده", "قرار بده", "برسان", "بگذار", "بذار")  # fmt: skip
"""Words that close a change: Turkish and Persian say the verb last ("hedefi 50 bin yap")."""


def _fold(text: str) -> str:
    """`text` in the form the words are matched in, one character for each character."""
    return "".join(_fold_char(ch) for ch in text)


def _fold_char(ch: str) -> str:
    folded = normalise(ch)
    if folded:
        return folded[0]
    return " " if ch == "\u200c" or ch.isspace() else ch  # ZWNJ: "زمان‌بندی" is two words


def _words(words: Iterable[str]) -> str:
    """An alternation of whole phrases, folded, longest first, spaces read as any space."""
    phrases = {_fold(w) for w in words}
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in ordered)


_FIELDS: dict[str, Step] = {
    " ".join(_fold(word).split()): at for at, words in _FIELD_WORDS.items() for word in words
}
"""Every field name, folded, to the step that asks for it."""

_KR = r"(?:kr|key\s*result)\s*#?"
_CHANGE = re.compile(
    rf"^\s*(?:(?:{_words(_VERBS)})\s+)?(?:the\s+)?"
    rf"(?:{_KR}(?P<number>[1-5])\s*(?:'s\s+)?)?"
    rf"(?P<field>{_words(_FIELDS)})(?![\w-])"
    rf"(?:\s*{_KR}(?P<number_after>[1-5])(?!\w))?"
    rf"\s*(?:(?:{_words(_TO)})(?!\w)|=|:)?\s*"
    rf"(?P<value>.*?)(?:\s+(?:{_words(_DONE)}))?[\s.!]*$",
    re.DOTALL,
)


@dataclass(frozen=True, slots=True)
class Edit:
    """One field named at the review: which, of which key result (from 1), to what."""

    field: Step
    number: int | None
    value: str


def read_edit(text: str) -> Edit | None:
    """The field `text` changes and the new value as typed, or None if it names no field.

    Example:
        >>> read_edit("hedefi 50 bin yap")
        Edit(field=<Step.TARGET: 'target'>, number=None, value='50 bin')
        >>> read_edit("đổi mục tiêu KR2 thành 50 nghìn")
        Edit(field=<Step.TARGET: 'target'>, number=2, value='50 nghìn')
        >>> read_edit("thanks") is None
        True
    """
    found = _CHANGE.match(_fold(text))
    if found is None:
        return None
    field = _FIELDS[" ".join(found["field"].split())]
    number = found["number"] or found["number_after"]
    value = text[found.start("value") : found.end("value")]
    return Edit(field, int(number) if number else None, value.strip())
