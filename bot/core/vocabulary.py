"""One vocabulary for every path that writes a goal: words in, catalogue keys out.

The interview (DM and form), the edit and the import all call these resolvers, so a
goal made from "video views" on "YouTube" for "müşteri hizmetleri" stores the same
keys (`video_views`, `youtube`, `customer_service`) whichever way it was made, and
every reader can rely on keys. Each resolver accepts a key, a name, a synonym in
English, Persian, Romanian, Turkish or Vietnamese, and a typo of one; a metric the
catalogue does not have keeps the name it was given (a custom metric).

Import files and form fields hold a name alone, so by default the whole text must be
the name ("followers gained" stays a custom metric); the DM interview reads
sentences ("we count followers on insta"), and asks for `in_sentence`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from bot.core.kpis import KPI, MetricKey, kpi, match_metric
from bot.core.objectives import classify_why
from bot.core.platforms import PLATFORMS, Platform, detect_platform
from bot.core.values import CATEGORY_LABELS, Category, Unit
from bot.core.wording import PhraseIndex, normalise

__all__ = [
    "CATEGORY_CHOICES",
    "PLATFORM_CHOICES",
    "MetricWord",
    "custom_metrics_named",
    "is_date_column",
    "resolve_category",
    "resolve_metric",
    "resolve_platform",
    "resolve_unit",
]

CATEGORY_CHOICES = ", ".join(c.value for c in Category)
"""The category keys, as a refusal lists them."""

PLATFORM_CHOICES = ", ".join(p.key.value for p in PLATFORMS)
"""The platform keys, as a refusal lists them."""

# Same threshold as the metric matcher's: one typo in a word of five letters or more.
_FUZZY_THRESHOLD = 88.0


@dataclass(frozen=True, slots=True)
class MetricWord:
    """A metric as a goal stores it: its key and its name.

    `kpi` is the catalogue entry, None for a custom metric (key `custom`, `name` as
    written). `typo` is True when the words were read as a misspelling of a name.
    """

    key: MetricKey
    name: str
    kpi: KPI | None
    typo: bool = False


def resolve_metric(text: str, *, in_sentence: bool = False) -> MetricWord | None:
    """The metric `text` names: a catalogue metric, or a custom one under its own name.

    None when `text` is no name at all: empty, or without a single letter ("12000").

    Example:
        >>> resolve_metric("Video views").key
        <MetricKey.VIDEO_VIEWS: 'video_views'>
        >>> resolve_metric("engagment rate").typo
        True
        >>> resolve_metric("Pizzas sold")
        MetricWord(key=<MetricKey.CUSTOM: 'custom'>, name='Pizzas sold', kpi=None, typo=False)
        >>> resolve_metric("12000") is None
        True
    """
    name = " ".join(text.split())
    if not any(ch.isalpha() for ch in name):
        return None
    keyed = _catalogue_key(name)
    if keyed is not None:
        return MetricWord(keyed.key, keyed.name, keyed)
    found = match_metric(name, limit=1, whole=not in_sentence)
    if found:
        best = found[0].kpi
        return MetricWord(best.key, best.name, best, typo=found[0].how == "fuzzy")
    return MetricWord(MetricKey.CUSTOM, name, None)


def custom_metrics_named(text: str, names: Iterable[str]) -> list[str]:
    """Which of the custom metric `names` `text` mentions, best first, typos allowed.

    For readers of goals (questions, lookup): a custom metric is found by the name it
    was given, also with an ending glued on or one letter wrong.

    Example:
        >>> custom_metrics_named("how are pizza ordres doing?", ["Pizza orders", "Reviews"])
        ['Pizza orders']
        >>> custom_metrics_named("pizza siparişlerimiz?", ["pizza sipariş"])
        ['pizza sipariş']
    """
    named = [(name, name) for name in dict.fromkeys(names) if normalise(name)]
    index = PhraseIndex(named, suffix_phrases=named)
    hits = index.find(text) or index.find_fuzzy(text, threshold=_FUZZY_THRESHOLD)
    return list(dict.fromkeys(hit.value for hit in hits))


def _catalogue_key(text: str) -> KPI | None:
    key = text.strip().lower()
    try:
        return kpi(key) if key != MetricKey.CUSTOM.value else None
    except KeyError:
        return None


def resolve_platform(text: str) -> Platform | None:
    """The platform `text` names (key, name, alias in five languages, or a typo), or None.

    Example:
        >>> resolve_platform("insta").key
        <PlatformKey.INSTAGRAM: 'instagram'>
        >>> resolve_platform("all").name
        'All channels'
        >>> resolve_platform("myspace") is None
        True
    """
    key = text.strip().lower()
    keyed = next((p for p in PLATFORMS if p.key == key), None)
    return keyed or detect_platform(text, typos=True)


@functools.cache
def _category_names() -> PhraseIndex[Category]:
    # Keys ("customer_service" reads as "customer service") and English labels;
    # names in the other languages come with the objective cues of objectives.yml.
    names = [(c.value, c) for c in Category] + [(label, c) for c, label in CATEGORY_LABELS.items()]
    return PhraseIndex(names)


def resolve_category(text: str) -> Category | None:
    """The goal category `text` names, or None.

    A key or a label ("Customer service"), the words people use for the objective
    in any of the five languages ("brand awareness", "خدمات مشتری", "müşteri
    hizmetleri"), or a typo of a key or label.

    Example:
        >>> resolve_category("customer service")
        <Category.CUSTOMER_SERVICE: 'customer_service'>
        >>> resolve_category("marka bilinirliği")
        <Category.AWARENESS: 'awareness'>
        >>> resolve_category("custmer service")
        <Category.CUSTOMER_SERVICE: 'customer_service'>
        >>> resolve_category("pizza") is None
        True
    """
    names = _category_names()
    words = len(normalise(text).split())
    whole = [h for h in names.find(text) if h.start == 0 and h.end == words]
    if whole:
        return whole[0].value
    cues = classify_why(text)
    if cues:
        return cues[0].category
    typos = names.find_fuzzy(text, threshold=_FUZZY_THRESHOLD)
    whole = [h for h in typos if h.start == 0 and h.end == words]
    return whole[0].value if whole else None


# The kinds of number, in the words people use for them in the five languages.
_UNIT_WORDS: dict[Unit, tuple[str, ...]] = {
    Unit.COUNT: ("number", "a number", "count", "amount of", "عدد", "تعداد", "număr", "numar",
                 "sayı", "adet", "số", "số lượng"),
    Unit.PERCENT: ("percent", "percentage", "rate", "%", "درصد", "نرخ", "procent", "procentaj",
                   "rată", "yüzde", "oran", "phần trăm", "tỷ lệ"),
    Unit.CURRENCY: ("currency", "money", "amount", "پول", "مبلغ", "bani", "sumă", "para",
                    "tutar", "tiền", "số tiền"),
    Unit.DURATION: ("duration", "time", "زمان", "مدت", "timp", "durată", "süre", "zaman",
                    "thời gian"),
    Unit.SCORE: ("score", "rating", "امتیاز", "scor", "puan", "skor", "điểm"),
    Unit.MILESTONE: ("milestone", "done or not done", "yes no", "yes or no", "انجام شد یا نه",
                     "gata sau nu", "bitti mi", "xong hay chưa"),
}  # fmt: skip


@functools.cache
def _units() -> dict[str, Unit]:
    return {normalise(word) or word: unit for unit, words in _UNIT_WORDS.items() for word in words}


def resolve_unit(text: str) -> Unit | None:
    """The kind of number `text` names, or None.

    Example:
        >>> resolve_unit("Percentage")
        <Unit.PERCENT: 'percent'>
        >>> resolve_unit("yüzde")
        <Unit.PERCENT: 'percent'>
        >>> resolve_unit("%")
        <Unit.PERCENT: 'percent'>
    """
    words = normalise(text) or text.strip()
    return _units().get(words)


# What analytics exports and spreadsheets call their date column, in the five languages.
_DATE_COLUMN_WORDS = ("date", "day", "week", "month", "period", "time", "تاریخ", "روز", "هفته",
                      "ماه", "dată", "data", "zi", "ziua", "săptămână", "luna", "tarih", "gün",
                      "hafta", "ay", "ngày", "tuần", "tháng")  # fmt: skip


@functools.cache
def _date_column_words() -> frozenset[str]:
    return frozenset(normalise(word) for word in _DATE_COLUMN_WORDS)


def is_date_column(header: str) -> bool:
    """Whether a column header names the day of each row ("Date", "Tarih", "Ngày", "Day").

    Example:
        >>> is_date_column("Date"), is_date_column("Tarih"), is_date_column("Reach")
        (True, True, False)
    """
    return normalise(header) in _date_column_words()
