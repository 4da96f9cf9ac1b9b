"""Reading the business objective ("why?") behind a goal from free text.

The method in DOMAIN.md starts every goal from the objective it serves. People
answer "why?" in their own words ("sell more pizzas", "erişimimizi artırmak",
"می‌خواهیم بیشتر دیده شویم"); this module maps those words to `Category` values
using the cue lists in `data/objectives.yml`.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources

from bot.core.values import Category
from bot.core.wording import SUFFIXING_LANGUAGES, PhraseIndex
from bot.core.yaml_data import read_yaml


@dataclass(frozen=True, slots=True)
class CategoryMatch:
    """An objective read from free text; `matched` is the cue that gave it away.

    `score` grows with the number of words that point at the category: one cue
    word gives 0.5, two give 0.75, and so on towards 1.
    """

    category: Category
    score: float
    matched: str


@functools.cache
def _index() -> PhraseIndex[Category]:
    text = resources.files("bot.core").joinpath("data/objectives.yml").read_text(encoding="utf-8")
    raw = read_yaml(text)
    plain: list[tuple[str, Category]] = []
    suffixed: list[tuple[str, Category]] = []
    for category_name, by_language in raw.items():
        category = Category(category_name)
        for lang, cues in by_language.items():
            target = suffixed if lang in SUFFIXING_LANGUAGES else plain
            target.extend((cue, category) for cue in cues)
    return PhraseIndex(plain, suffix_phrases=suffixed)


def classify_why(text: str) -> list[CategoryMatch]:
    """The objectives `text` points at, strongest first; empty when none is recognised.

    Example:
        >>> classify_why("sell more pizzas")[0].category
        <Category.CONVERSIONS: 'conversions'>
        >>> classify_why("what a nice day")
        []
    """
    words: dict[Category, int] = defaultdict(int)
    longest_cue: dict[Category, str] = {}
    first_seen: dict[Category, int] = {}
    for hit in _index().find(text):
        words[hit.value] += hit.end - hit.start
        longest_cue.setdefault(hit.value, hit.phrase)
        first_seen[hit.value] = min(hit.start, first_seen.get(hit.value, hit.start))
    # Equal evidence: the objective mentioned first is usually the subject.
    ranked = sorted(words, key=lambda c: (-words[c], first_seen[c]))
    return [CategoryMatch(c, round(1 - 0.5 ** words[c], 4), longest_cue[c]) for c in ranked]
