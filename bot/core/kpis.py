"""The KPI catalogue and the matcher from what people type to a metric.

The catalogue lives in `data/kpis.yml`: one entry per metric with its unit, its
direction, the goal categories it serves and the words people use for it in
English, Persian, Romanian, Turkish and Vietnamese. This module loads it once and
answers "which metric did they mean?" for the goal interview and for questions
("how are we doing on reach?", "erişim nasıl?", "ریچ اینستاگرام چطوره؟").

The objective classifier and the platform detector are re-exported here so that
callers reading a goal find all three readers in one place.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from types import MappingProxyType
from typing import Any, Literal

from bot.core.objectives import CategoryMatch, classify_why
from bot.core.platforms import PLATFORMS, Platform, detect_platform
from bot.core.values import Category, Direction, Unit
from bot.core.wording import (
    MAX_INPUT_CHARS,
    SUFFIXING_LANGUAGES,
    PhraseHit,
    PhraseIndex,
    normalise,
)
from bot.core.yaml_data import read_yaml

__all__ = [
    "KPI",
    "LANGUAGES",
    "PLATFORMS",
    "CategoryMatch",
    "MetricKey",
    "MetricMatch",
    "Platform",
    "catalogue",
    "classify_why",
    "detect_platform",
    "is_flow",
    "kpi",
    "match_metric",
    "metric_spans",
    "normalise",
    "suggest_for_category",
]

LANGUAGES = ("en", "fa", "ro", "tr", "vi")
"""Languages the catalogue carries synonyms for."""

# Spelling similarity (0-100) a typo needs to count as a metric. 88 accepts
# "folowers" (94) and "engagment rate" (97) but not "flowers" (87.5) or "pizza".
_FUZZY_THRESHOLD = 88.0


class MetricKey(StrEnum):
    """A metric of the catalogue (`data/kpis.yml`), as goals store it.

    `CUSTOM` marks a metric the catalogue does not have; its name is the goal's
    `metric_name`. The catalogue loader checks these keys against the data file.
    """

    REACH = "reach"
    IMPRESSIONS = "impressions"
    FOLLOWERS = "followers"
    AUDIENCE_GROWTH_RATE = "audience_growth_rate"
    ENGAGEMENT_RATE = "engagement_rate"
    LIKES = "likes"
    COMMENTS = "comments"
    SHARES = "shares"
    MENTIONS = "mentions"
    STORY_VIEWS = "story_views"
    STORY_RETENTION = "story_retention"
    VIDEO_VIEWS = "video_views"
    WATCH_TIME = "watch_time"
    VIRALITY_RATE = "virality_rate"
    AMPLIFICATION_RATE = "amplification_rate"
    APPLAUSE_RATE = "applause_rate"
    CONVERSATION_RATE = "conversation_rate"
    SHARE_OF_VOICE = "share_of_voice"
    SENTIMENT = "sentiment"
    CSAT = "csat"
    NPS = "nps"
    CTR = "ctr"
    LINK_CLICKS = "link_clicks"
    SHOPPING_POST_CLICKS = "shopping_post_clicks"
    BOUNCE_RATE = "bounce_rate"
    CONVERSION_RATE = "conversion_rate"
    SALES_REVENUE = "sales_revenue"
    CPC = "cpc"
    CPM = "cpm"
    SESSIONS = "sessions"
    SIGN_UPS = "sign_ups"
    LEADS = "leads"
    LEAD_CONVERSION_RATE = "lead_conversion_rate"
    DMS_HANDLED = "dms_handled"
    RESPONSE_RATE = "response_rate"
    RESPONSE_TIME = "response_time"
    REQUESTS_PER_AGENT = "requests_per_agent"
    APPLICATIONS = "applications"
    SAVES = "saves"
    PROFILE_VISITS = "profile_visits"
    MILESTONE = "milestone"
    CUSTOM = "custom"


@dataclass(frozen=True, slots=True)
class KPI:
    """One metric a goal can track.

    `synonyms` maps a language code ("en", "fa", "ro", "tr", "vi") to the words
    people use for the metric in that language (the English display `name` aside).
    `flow` marks a metric counted over a span (reach, sign-ups, revenue): its target
    has a period (a week, a month, or in total); a level (followers) or a rate has none.
    """

    key: MetricKey
    name: str
    unit: Unit
    direction: Direction
    categories: tuple[Category, ...]
    description: str
    synonyms: Mapping[str, tuple[str, ...]] = field(hash=False, compare=False)
    flow: bool = False

    def name_in(self, lang: str) -> str:
        """The metric as `lang` names it: the catalogue's first word there ("ریچ",
        "erişim", "acoperire", "tiếp cận"); the English display name otherwise."""
        words = self.synonyms.get(lang, ()) if lang != "en" else ()
        return words[0] if words else self.name


@dataclass(frozen=True, slots=True)
class MetricMatch:
    """A metric read from free text.

    `how` says what matched: the display name (or key), a listed synonym, or a
    spelling close to one (a typo). `language` is the language of the matched
    words ("en" for names), or None when unknown.
    """

    kpi: KPI
    score: float
    how: Literal["name", "synonym", "fuzzy"]
    language: str | None


@dataclass(frozen=True, slots=True)
class _Source:
    """What a phrase in the index stands for: which metric, and through which word."""

    kpi: KPI
    how: Literal["name", "synonym"]
    language: str


@dataclass(frozen=True, slots=True)
class _Catalogue:
    kpis: tuple[KPI, ...]
    by_key: Mapping[str, KPI]
    suggestions: Mapping[Category, tuple[KPI, ...]]


@functools.cache
def _load() -> _Catalogue:
    text = resources.files("bot.core").joinpath("data/kpis.yml").read_text(encoding="utf-8")
    raw = read_yaml(text)
    kpis = tuple(_kpi_from(entry) for entry in raw["kpis"])
    by_key: dict[str, KPI] = {k.key: k for k in kpis}
    if len(by_key) != len(kpis):
        raise ValueError("kpis.yml: duplicate KPI keys")
    if set(by_key) != set(MetricKey) - {MetricKey.CUSTOM}:
        raise ValueError("kpis.yml: its keys and MetricKey differ")
    suggestions = {
        Category(category): tuple(by_key[key] for key in keys)
        for category, keys in raw["suggestions"].items()
    }
    for category in Category:
        listed = {k.key for k in suggestions.get(category, ())}
        tagged = {k.key for k in kpis if category in k.categories}
        if listed != tagged:
            raise ValueError(
                f"kpis.yml: suggestions for {category} list {sorted(listed ^ tagged)} "
                "differently from the KPIs' categories"
            )
    return _Catalogue(kpis, MappingProxyType(by_key), MappingProxyType(suggestions))


def _kpi_from(entry: Mapping[str, Any]) -> KPI:
    synonyms = {lang: tuple(entry["synonyms"].get(lang, ())) for lang in LANGUAGES}
    return KPI(
        key=MetricKey(entry["key"]),
        name=entry["name"],
        unit=Unit(entry["unit"]),
        direction=Direction(entry["direction"]),
        categories=tuple(Category(c) for c in entry["categories"]),
        description=entry["description"],
        synonyms=MappingProxyType(synonyms),
        flow=bool(entry.get("flow", False)),
    )


def catalogue() -> tuple[KPI, ...]:
    """Every KPI, in catalogue order.

    Example:
        >>> catalogue()[0].key
        <MetricKey.REACH: 'reach'>
    """
    return _load().kpis


def kpi(key: str) -> KPI:
    """The KPI with this key; raises KeyError for an unknown key (a programming error).

    Example:
        >>> kpi("response_time").direction
        <Direction.DECREASE: 'decrease'>
    """
    return _load().by_key[key]


def is_flow(key: str | None) -> bool:
    """Whether the metric `key` names is counted over a span (a week, a month, in total).

    A custom metric or none is not known to be one, so nobody is asked for its period.

    Example:
        >>> is_flow("reach"), is_flow("followers"), is_flow("custom"), is_flow(None)
        (True, False, False, False)
    """
    found = _load().by_key.get(key) if key else None
    return found is not None and found.flow


def suggest_for_category(category: Category, *, limit: int = 5) -> list[KPI]:
    """The metrics to offer for an objective, most useful first.

    Example:
        >>> [k.key.value for k in suggest_for_category(Category.CUSTOMER_SERVICE, limit=2)]
        ['response_time', 'response_rate']
    """
    return list(_load().suggestions.get(category, ())[: max(limit, 0)])


@functools.cache
def _index() -> PhraseIndex[_Source]:
    plain: list[tuple[str, _Source]] = []
    suffixed: list[tuple[str, _Source]] = []
    for entry in catalogue():
        plain.append((entry.name, _Source(entry, "name", "en")))
        plain.append((entry.key.replace("_", " "), _Source(entry, "name", "en")))
        for lang, phrases in entry.synonyms.items():
            target = suffixed if lang in SUFFIXING_LANGUAGES else plain
            target.extend((phrase, _Source(entry, "synonym", lang)) for phrase in phrases)
    return PhraseIndex(plain, suffix_phrases=suffixed)


def metric_spans(text: str) -> list[tuple[int, int]]:
    """Where metric names and synonyms stand in `text`: (first, past-last) indexes of its
    normalised words.

    Example:
        >>> metric_spans("yanıt süresi nasıl?")
        [(0, 2)]
    """
    return [(hit.start, hit.end) for hit in _index().find(text)]


def match_metric(
    text: str, *, limit: int = 3, whole: bool = False, typo_threshold: float = _FUZZY_THRESHOLD
) -> list[MetricMatch]:
    """The metrics `text` most likely names, best first; empty when none fits.

    Known names and synonyms are looked for first, also inside a longer sentence,
    where the longest phrase wins ("engagement rate" over "engagement"). Only when
    none is found are typos considered, as close as `typo_threshold` (0-100) says. With
    `whole`, only a phrase that is the whole text counts, so a custom name such as
    "followers gained" is not read as Followers.

    Example:
        >>> [m.kpi.key.value for m in match_metric("how are we doing on reach?")]
        ['reach']
        >>> match_metric("etkileşim oranı")[0].kpi.key.value
        'engagement_rate'
        >>> match_metric("pizza")
        []
        >>> match_metric("followers gained", whole=True)
        []
    """
    index = _index()
    words = len(normalise(text[:MAX_INPUT_CHARS]).split())

    def found(hits: list[PhraseHit[_Source]]) -> list[PhraseHit[_Source]]:
        return [h for h in hits if h.start == 0 and h.end == words] if whole else hits

    hits = found(index.find(text))
    fuzzy = not hits
    if fuzzy:
        hits = found(index.find_fuzzy(text, threshold=typo_threshold))
    matches: dict[str, MetricMatch] = {}
    for hit in sorted(hits, key=_rank):
        source = hit.value
        if source.kpi.key not in matches:
            how: Literal["name", "synonym", "fuzzy"] = "fuzzy" if fuzzy else source.how
            matches[source.kpi.key] = MetricMatch(source.kpi, hit.score, how, source.language)
    return list(matches.values())[: max(limit, 0)]


def _rank(hit: PhraseHit[_Source]) -> tuple[float, int, int, int]:
    # Better score, then longer phrase, then earlier in the text; names before
    # synonyms so an English name is reported as such.
    return (-hit.score, -(hit.end - hit.start), hit.start, hit.value.how != "name")
