"""Understanding a question about the team's goals: what is asked, and about what.

"how are we doing on reach?", "which goals are at risk?", "erişim geçen haftaya göre
nasıl değişti?", "ریچ اینستاگرام چطوره؟": each becomes a `Question` with one intent and
its slots (metric keys, platform, status filter, period, due date, leftover words).
Which goals a question is about is decided later, against the stored goals, by
`bot.services.questions`; this module only reads the words.

The intent is decided by the first rule that applies:

| intent  | rule |
| ------- | ---- |
| help    | empty text, or a help cue ("what can you answer?") |
| owner   | an owner cue ("who owns", "kimin", "ai phụ trách") |
| score   | a score cue ("score", "puan"), unless it names a scored metric ("NPS score") |
|         | and no objective cue ("objective", "OKR") is there |
| change  | a change cue ("change", "since", "değişti", "so với") |
| due     | a due cue ("due", "ends", "deadline", "hạn") |
| list    | a list cue ("which", "show") with a status word or no metric; or, without |
|         | a metric, a status word ("at risk"), a platform, "my goals", a person, or |
|         | "how are we doing?" alone |
| status  | a metric, a status cue ("how is", "nasıl", "چطوره") or leftover words to look up |
| unknown | none of the above |
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from importlib import resources
from zoneinfo import ZoneInfo

from bot.core.dates import end_of_day, parse_deadline
from bot.core.kpis import catalogue, detect_platform, match_metric, metric_spans
from bot.core.period import Period
from bot.core.progress import Status
from bot.core.wording import (
    MAX_INPUT_CHARS,
    SUFFIXING_LANGUAGES,
    PhraseHit,
    PhraseIndex,
    normalise,
)
from bot.core.yaml_data import read_yaml

DUE_DEFAULT_DAYS = 30
"""A due-date question without a date ("what's due?") looks this many days ahead."""


class Intent(StrEnum):
    """What a question asks for; the values are what `checkin-bot ask --json` prints."""

    STATUS = "status"
    LIST = "list"
    OWNER = "owner"
    CHANGE = "change"
    DUE = "due"
    SCORE = "score"
    HELP = "help"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Question:
    """A question read from free text.

    `metrics` are KPI catalogue keys, best match first; `platform` a platform key;
    `status` the status a list is filtered by; `due_by` the end of a due-date window
    (aware UTC); `subject` the normalised words left once cue, filler, metric-free
    platform and date words are taken out ("q4", "podcast downloads"); `owners` the
    Slack users mentioned; `mine` whether the asker means their own goals.
    """

    text: str
    intent: Intent
    metrics: tuple[str, ...] = ()
    platform: str | None = None
    status: Status | None = None
    period: Period | None = None
    due_by: datetime | None = None
    subject: str = ""
    owners: tuple[str, ...] = ()
    mine: bool = False


_STATUS_CUES: dict[str, Status] = {
    "at_risk": Status.AT_RISK,
    "off_track": Status.OFF_TRACK,
    "on_track": Status.ON_TRACK,
    "achieved": Status.ACHIEVED,
    "missed": Status.MISSED,
    "no_data": Status.NO_DATA,
}

_CUE_TYPO_THRESHOLD = 85.0
"""How close (0-100) a word must be to a cue to count as its typo: one letter missing
from a short word ("wek" 86, "wich" 89), one letter off in a longer phrase ("of track")."""

_MIN_TYPO_CHARS = 3
"""Cue words this short or longer may be typos of a cue one letter longer ("wek")."""

_MIN_FILLER_STEM = 4
"""Filler words this long still read as filler with a suffix on."""

_METRIC_TYPO_THRESHOLD = 80.0
"""Words left over in a question may name a metric one letter off ("reech" 80): a
question already says it is about something, so a looser match than on write paths."""

_MENTION = re.compile(r"<@(?P<user>[UW][A-Z0-9]+)(?:\|[^>]*)?>")


@dataclass(frozen=True, slots=True)
class _Vocabulary:
    cues: PhraseIndex[str]
    holidays: PhraseIndex[tuple[int, int]]
    filler: frozenset[str]


@functools.cache
def _vocabulary() -> _Vocabulary:
    text = resources.files("bot.core").joinpath("data/questions.yml").read_text(encoding="utf-8")
    raw = read_yaml(text)
    plain: list[tuple[str, str]] = []
    suffixed: list[tuple[str, str]] = []
    for kind, by_language in raw["cues"].items():
        for lang, phrases in by_language.items():
            target = suffixed if lang in SUFFIXING_LANGUAGES else plain
            target.extend((str(phrase), kind) for phrase in phrases)
    holidays = [
        (str(phrase), (int(day[:2]), int(day[3:])))
        for day, phrases in raw["holidays"].items()
        for phrase in phrases
    ]
    filler = frozenset(
        word
        for words in raw["filler"].values()
        for phrase in words
        for word in normalise(phrase).split()
    )
    # "offtrack", "ontrack", "atrisk": people glue short phrases together.
    glued = [(phrase.replace(" ", ""), kind) for phrase, kind in plain if " " in phrase]
    return _Vocabulary(
        PhraseIndex(plain + glued, suffix_phrases=suffixed, fuzzy_min_chars=_MIN_TYPO_CHARS),
        PhraseIndex([], suffix_phrases=holidays),
        filler,
    )


@functools.cache
def _scored_metrics() -> frozenset[str]:
    """Metrics whose own name says "score" (NPS, CSAT): "NPS score" asks for the metric."""
    return frozenset(
        entry.key
        for entry in catalogue()
        if any("score" in normalise(name).split() for name in (entry.name, *entry.synonyms["en"]))
    )


def understand(text: str, *, now: datetime, tz: ZoneInfo) -> Question:
    """Read a question; never raises, always returns a `Question` (maybe `Intent.UNKNOWN`).

    `now` (aware) and `tz` (the asker's zone) resolve due dates such as "this month".

    Example:
        >>> from datetime import UTC
        >>> q = understand("how are we doing on reach?", now=datetime(2026, 11, 22, tzinfo=UTC),
        ...                tz=ZoneInfo("UTC"))
        >>> q.intent, q.metrics
        (<Intent.STATUS: 'status'>, (<MetricKey.REACH: 'reach'>,))
    """
    text = text[:MAX_INPUT_CHARS]
    owners = tuple(dict.fromkeys(m["user"] for m in _MENTION.finditer(text)))
    plain = _MENTION.sub(" ", text)
    vocabulary = _vocabulary()
    words = normalise(plain).split()
    hits = vocabulary.cues.find(plain)
    hits += _cue_typos(plain, words, hits, vocabulary)
    # A cue inside a metric's name is that name: "süresi" of "yanıt süresi" asks no due date.
    named = metric_spans(plain)
    hits = [h for h in hits if not any(s <= h.start and h.end <= e for s, e in named)]
    cues: dict[str, int] = defaultdict(lambda: len(words))
    for hit in hits:
        cues[hit.value] = min(cues[hit.value], hit.start)
    metrics = tuple(m.kpi.key for m in match_metric(plain))
    platform = detect_platform(plain)
    status = next(
        (_STATUS_CUES[kind] for kind in sorted(cues, key=cues.__getitem__) if kind in _STATUS_CUES),
        None,
    )
    holiday_hits = vocabulary.holidays.find(plain)
    spans = [(h.start, h.end) for h in hits] + [(h.start, h.end) for h in holiday_hits]
    covered = {i for start, end in spans for i in range(start, end)}
    subject = " ".join(
        word
        for i, word in enumerate(words)
        if i not in covered and word not in vocabulary.filler and detect_platform(word) is None
    )
    if not metrics and subject:
        typo = match_metric(subject, typo_threshold=_METRIC_TYPO_THRESHOLD)
        metrics = tuple(m.kpi.key for m in typo)
    intent = _intent(
        _Evidence(
            cues=set(cues),
            has_metric=bool(metrics),
            has_scored_metric=any(key in _scored_metrics() for key in metrics),
            has_platform=platform is not None,
            has_status=status is not None,
            has_subject=bool(subject),
            has_people=bool(owners) or "mine" in cues,
            empty=not text.strip(),
        )
    )
    return Question(
        text=text,
        intent=intent,
        metrics=metrics,
        platform=platform.key if platform else None,
        status=status if intent in (Intent.LIST, Intent.STATUS, Intent.DUE) else None,
        period=_period(cues) if intent is Intent.CHANGE else None,
        due_by=_due_by(plain, holiday_hits, cues, now=now, tz=tz) if intent is Intent.DUE else None,
        subject=subject,
        owners=owners,
        mine="mine" in cues,
    )


def _cue_typos(
    plain: str, words: list[str], exact: list[PhraseHit[str]], vocabulary: _Vocabulary
) -> list[PhraseHit[str]]:
    """Cues typed with a typo ("wich", "of track", "wek"), where no cue, filler, metric
    or platform word already explains the words."""
    taken = {i for hit in exact for i in range(hit.start, hit.end)}
    found = []
    for hit in vocabulary.cues.find_fuzzy(plain, threshold=_CUE_TYPO_THRESHOLD):
        span = words[hit.start : hit.end]
        if (
            taken.isdisjoint(range(hit.start, hit.end))
            and not all(_is_filler(word, vocabulary.filler) for word in span)
            # A word of a metric's name ("rata" of "rata de implicare") is no cue's typo.
            and not any(
                word in _metric_words()
                and word not in vocabulary.filler
                and word not in hit.phrase.split()
                for word in span
            )
            and detect_platform(" ".join(span)) is None
        ):
            found.append(hit)
    return found


@functools.cache
def _metric_words() -> frozenset[str]:
    """Every word of every metric's name and synonyms, in all languages."""
    return frozenset(
        word
        for entry in catalogue()
        for phrase in (entry.name, *(s for names in entry.synonyms.values() for s in names))
        for word in normalise(phrase).split()
    )


def _is_filler(word: str, filler: frozenset[str]) -> bool:
    """A filler word, also with an ending glued on ("hedeflerini" from "hedefler")."""
    return word in filler or any(
        word.startswith(stem) for stem in filler if len(stem) >= _MIN_FILLER_STEM
    )


@dataclass(frozen=True, slots=True)
class _Evidence:
    """What a question mentions, as far as telling what it asks goes."""

    cues: set[str]
    has_metric: bool
    has_scored_metric: bool
    has_platform: bool
    has_status: bool
    has_subject: bool
    has_people: bool
    empty: bool


def _intent(evidence: _Evidence) -> Intent:
    if evidence.empty or "help" in evidence.cues:
        return Intent.HELP
    if "owner" in evidence.cues:
        return Intent.OWNER
    if "score" in evidence.cues and (
        "objective" in evidence.cues or not evidence.has_scored_metric
    ):
        return Intent.SCORE
    if "change" in evidence.cues:
        return Intent.CHANGE
    if "due" in evidence.cues:
        return Intent.DUE
    if "list" in evidence.cues and (evidence.has_status or not evidence.has_metric):
        return Intent.LIST
    if not evidence.has_metric and (
        evidence.has_status or evidence.has_platform or evidence.has_people
    ):
        return Intent.LIST
    if not evidence.has_metric and "status" in evidence.cues and not evidence.has_subject:
        return Intent.LIST
    if (
        evidence.has_metric
        or "status" in evidence.cues
        or (evidence.has_subject and evidence.has_status)
    ):
        return Intent.STATUS
    return Intent.UNKNOWN


def _period(cues: dict[str, int]) -> Period | None:
    found = [
        (cues[kind], period)
        for kind, period in (("week", Period.WEEKLY), ("month", Period.MONTHLY))
        if kind in cues
    ]
    return min(found)[1] if found else None


def _due_by(
    plain: str,
    holiday_hits: list[PhraseHit[tuple[int, int]]],
    cues: dict[str, int],
    *,
    now: datetime,
    tz: ZoneInfo,
) -> datetime:
    today = now.astimezone(tz).date()
    if holiday_hits:
        month, day = holiday_hits[0].value
        this_year = date(today.year, month, day)
        # "Before Christmas" ends the evening before the day itself.
        holiday = this_year if this_year >= today else date(today.year + 1, month, day)
        return end_of_day(holiday - timedelta(days=1), tz)
    found = parse_deadline(plain, now=now, tz=tz)
    if isinstance(found, date):
        return end_of_day(found, tz)
    # "luna asta", "tháng này": the date reader knows fewer phrases than the period cues.
    period = _period(cues)
    if period is Period.MONTHLY:
        next_month = (today.replace(day=28) + timedelta(days=4)).replace(day=1)
        return end_of_day(next_month - timedelta(days=1), tz)
    if period is Period.WEEKLY:
        return end_of_day(today + timedelta(days=6 - today.weekday()), tz)
    return end_of_day(today + timedelta(days=DUE_DEFAULT_DAYS), tz)


def start_of_day(day: date, tz: ZoneInfo) -> datetime:
    """The first moment of `day` in `tz`, as an aware datetime.

    Example:
        >>> start_of_day(date(2026, 12, 1), ZoneInfo("UTC")).isoformat()
        '2026-12-01T00:00:00+00:00'
    """
    return datetime.combine(day, time(0, 0), tzinfo=tz)
