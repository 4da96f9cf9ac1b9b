"""Word matching shared by every free-text reader: one normal form, one phrase finder.

People type in English, Persian, Romanian, Turkish and Vietnamese, often mixed, with
or without diacritics, on phones whose keyboards emit Arabic letter variants or
Persian digits. Everything is compared in one normal form so that "Etkileşim oranı",
"etkilesim orani" and "ETKİLEŞİM ORANI" are the same words.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rapidfuzz import fuzz

MAX_INPUT_CHARS = 500
"""Free text is cut to this length before matching: goals and questions are short,
and the cut keeps a pasted essay from costing seconds."""

SUFFIXING_LANGUAGES = frozenset({"fa", "ro", "tr"})
"""Languages that glue endings onto nouns ("takipçilerimiz", "بازدیدها", "urmăritorii");
their phrases should go to `PhraseIndex(suffix_phrases=...)`."""

# Letters that look alike but have different code points, plus letters that do not
# decompose into base + mark (so NFKD alone would keep them).
_LETTER_VARIANTS = str.maketrans(
    {
        "ي": "ی",  # Arabic yeh -> Persian yeh
        "ى": "ی",  # alef maksura
        "ك": "ک",  # Arabic kaf -> Persian keheh
        "ة": "ه",
        "ـ": None,  # tatweel (kashida) is only decoration
        "\u200c": " ",  # ZWNJ: users type it, a space, or nothing; see _glue_variants
        "\u200d": None,
        "\u200f": None,
        "\u200e": None,
        "\ufeff": None,
        "đ": "d",
        "Đ": "d",
        "ı": "i",  # Turkish dotless i
        "ł": "l",
        "ø": "o",
        "ß": "ss",
        "٫": ".",  # Arabic decimal separator
        "٬": ",",  # Arabic thousands separator
    }
)

# Two spellings of one word, after diacritics are gone: Vietnamese writes "tỷ lệ"
# and "tỉ lệ" (rate) interchangeably.
_WORD_VARIANTS = ((re.compile(r"(?<!\S)ti le(?!\S)"), "ty le"),)

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def normalise(text: str) -> str:
    """Reduce text to the form all word matching compares.

    Casefolds; strips diacritics (Latin and Arabic-script marks alike); unifies
    Arabic/Persian letter variants; turns Persian and Arabic-Indic digits into ASCII;
    treats ZWNJ and punctuation as spaces; collapses whitespace.

    Example:
        >>> normalise("Tỷ lệ  TƯƠNG TÁC!")
        'ty le tuong tac'
        >>> normalise("نرخ‌ تعامل ۲۰٪")
        'نرخ تعامل 20'
    """
    text = text.translate(_LETTER_VARIANTS).translate(_DIGITS)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # casefold may reintroduce letters handled above (e.g. "İ" -> "i" + dot), so
    # translate again after decomposition.
    kept = [
        ch if ch.isalnum() else " "
        for ch in decomposed.translate(_LETTER_VARIANTS)
        if not unicodedata.combining(ch)
    ]
    words = " ".join("".join(kept).split())
    for variant, canonical in _WORD_VARIANTS:
        words = variant.sub(canonical, words)
    return words


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class PhraseHit(Generic[T]):
    """One phrase found in a text: what it stands for and how well it fits.

    `exact` is False when a suffix was allowed on the last word ("takipçilerimiz")
    or the words were matched by spelling similarity.
    """

    value: T
    phrase: str
    start: int
    end: int
    score: float
    exact: bool


@dataclass(frozen=True, slots=True)
class _Entry(Generic[T]):
    words: tuple[str, ...]
    value: T
    allow_suffix: bool


_MIN_STEM = 4  # shorter words are too ambiguous to accept with a suffix attached
_MIN_FUZZY_CHARS = 5  # below this one typo already turns a word into another word
_MAX_SUFFIX = 7  # "takipçi" + "lerimizin" is as long as suffix chains usually get


class PhraseIndex(Generic[T]):
    """Finds known phrases inside free text; the longest phrase wins an overlap.

    Each phrase carries a value (a KPI, a category...). A phrase may also accept
    a suffix on its last word, for languages that glue endings onto nouns
    (Turkish "erişimimiz", Romanian "urmăritorii", Persian "بازدیدها").

    Example:
        >>> idx = PhraseIndex([("engagement", 1), ("engagement rate", 2)])
        >>> [h.value for h in idx.find("our engagement rate on IG")]
        [2]
    """

    def __init__(
        self,
        phrases: Iterable[tuple[str, T]],
        *,
        suffix_phrases: Iterable[tuple[str, T]] = (),
        fuzzy_min_chars: int = _MIN_FUZZY_CHARS,
    ) -> None:
        self._fuzzy_min_chars = fuzzy_min_chars
        self._by_first: dict[str, list[_Entry[T]]] = defaultdict(list)
        self._suffixable_single: dict[str, list[_Entry[T]]] = defaultdict(list)
        self._fuzzy_groups: dict[tuple[int, str], list[tuple[str, _Entry[T]]]] = defaultdict(list)
        seen: set[tuple[tuple[str, ...], bool, int]] = set()
        tagged = [(p, v, False) for p, v in phrases] + [(p, v, True) for p, v in suffix_phrases]
        for phrase, value, allow_suffix in tagged:
            words = tuple(normalise(phrase).split())
            key = (words, allow_suffix, id(value))
            if not words or key in seen:
                continue
            seen.add(key)
            entry = _Entry(words, value, allow_suffix)
            self._by_first[words[0]].append(entry)
            phrase_text = " ".join(words)
            if len(phrase_text) >= fuzzy_min_chars:
                self._fuzzy_groups[(len(words), phrase_text[0])].append((phrase_text, entry))
            if allow_suffix and len(words) == 1 and len(words[0]) >= _MIN_STEM:
                self._suffixable_single[words[0]].append(entry)
        self._fuzzy_sizes = sorted({size for size, _ in self._fuzzy_groups})

    def find(self, text: str) -> list[PhraseHit[T]]:
        """Exact phrase hits in `text`, longest first, overlaps resolved.

        Example:
            >>> PhraseIndex([("reach", "R")]).find("How is reach?")[0].value
            'R'
        """
        words = normalise(text[:MAX_INPUT_CHARS]).split()
        hits: list[PhraseHit[T]] = []
        for start, word in enumerate(words):
            for entry in self._by_first.get(word, ()):
                if self._fits(entry, words, start):
                    hits.append(self._hit(entry, words, start, exact=True))
            for cut in range(_MIN_STEM, len(word)):
                if len(word) - cut > _MAX_SUFFIX:
                    continue
                for entry in self._suffixable_single.get(word[:cut], ()):
                    hits.append(self._hit(entry, words, start, exact=False))
        return _resolve_overlaps(hits)

    def find_fuzzy(self, text: str, *, threshold: float) -> list[PhraseHit[T]]:
        """Hits by spelling similarity ("folowers", "engagment rate"), best first.

        A window of words is compared with phrases of the same word count. Words
        under five letters (or the index's `fuzzy_min_chars`) never match fuzzily, and
        the first letter must agree:
        typos rarely hit the first letter, while unrelated words that happen to
        share most letters ("moments" / "comments") usually differ there.

        Example:
            >>> PhraseIndex([("followers", 1)]).find_fuzzy("folowers?", threshold=85)[0].value
            1
        """
        words = normalise(text[:MAX_INPUT_CHARS]).split()
        hits: list[PhraseHit[T]] = []
        for size in self._fuzzy_sizes:
            for start in range(len(words) - size + 1):
                candidate = " ".join(words[start : start + size])
                if len(candidate) < self._fuzzy_min_chars:
                    continue
                for phrase, entry in self._fuzzy_groups.get((size, candidate[0]), ()):
                    score = fuzz.ratio(candidate, phrase, score_cutoff=threshold)
                    if score:
                        end = start + size
                        hits.append(PhraseHit(entry.value, phrase, start, end, score / 100, False))
        return _resolve_overlaps(hits, _closest_spelling)

    @staticmethod
    def _fits(entry: _Entry[T], words: Sequence[str], start: int) -> bool:
        end = start + len(entry.words)
        if end > len(words):
            return False
        *head, last = entry.words
        if list(words[start : end - 1]) != head:
            return False
        typed = words[end - 1]
        if typed == last:
            return True
        return (
            entry.allow_suffix
            and len(entry.words) > 1
            and len(last) >= _MIN_STEM
            and typed.startswith(last)
            and len(typed) - len(last) <= _MAX_SUFFIX
        )

    @staticmethod
    def _hit(entry: _Entry[T], words: Sequence[str], start: int, *, exact: bool) -> PhraseHit[T]:
        end = start + len(entry.words)
        exact = exact and words[end - 1] == entry.words[-1]
        whole = start == 0 and end == len(words)
        score = 1.0 if whole and exact else 0.95 if exact else 0.9
        return PhraseHit(entry.value, " ".join(entry.words), start, end, score, exact)


def _longest_phrase(hit: PhraseHit[T]) -> tuple[float, ...]:
    return (-(hit.end - hit.start), -len(hit.phrase), -hit.score, hit.start)


def _closest_spelling(hit: PhraseHit[T]) -> tuple[float, ...]:
    # Among typo readings of the same words, the nearest spelling is the likeliest.
    return (-(hit.end - hit.start), -hit.score, -len(hit.phrase), hit.start)


def _resolve_overlaps(
    hits: list[PhraseHit[T]],
    rank: Callable[[PhraseHit[T]], tuple[float, ...]] = _longest_phrase,
) -> list[PhraseHit[T]]:
    """Keep the best-ranked hit wherever hits overlap (by default the longest phrase).

    Several values may share one phrase (an intentionally ambiguous word); all of
    them are kept. A different reading of the same words is dropped.
    """
    ranked = sorted(hits, key=rank)
    taken: dict[tuple[int, int], str] = {}
    kept: list[PhraseHit[T]] = []
    for hit in ranked:
        span = (hit.start, hit.end)
        if span in taken:
            if taken[span] != hit.phrase:
                continue
        elif any(s < hit.end and hit.start < e for s, e in taken):
            continue
        taken.setdefault(span, hit.phrase)
        kept.append(hit)
    return kept
