"""Everything one message says, cut into answers to the interview's steps.

"for brand awareness, grow our Instagram followers from 400 to 480 by 31 Dec" holds
the why, the platform, the metric, the baseline, the target and the deadline. This
module finds each piece with the parsers the steps already use (dates, metrics,
platforms, cadences, mentions) and hands it back as `(step, text)`: the text is
what a person would have typed at that step, so the step's own reader judges it
and nothing is read two ways. Amounts count only with a cue ("from 400 to 480",
"to 480", "+20%", "by 20%", "double", "currently 400"): a bare number in an
answer says nothing about the goal.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.core.cadence.parse import parse_cadence
from bot.core.dates import find_deadline
from bot.core.interview.follow_up import CHANNEL_MENTION
from bot.core.interview.state import Step
from bot.core.kpis import match_metric
from bot.core.number_words import (
    AIM_TO_WORDS,
    CHANGE_DOWN_STEMS,
    CHANGE_DOWN_WORDS,
    CHANGE_UP_STEMS,
    CHANGE_UP_WORDS,
    MULTIPLIER_WORDS,
    NOT_LETTER_AFTER,
    NOT_LETTER_BEFORE,
    alternation,
)
from bot.core.parse_error import ParseError
from bot.core.period import IN_TOTAL, Period, PeriodSaid, read_period
from bot.core.platforms import detect_platform

Part = tuple[Step, str]

_FLAGS = re.IGNORECASE
_N = r"[-+]?[^\s'’,;:()]*\d(?:[^\s'’;:()]*[^\s'’,;:().!?])?"  # one amount: 400, $1.5k, 3.2%
_FROM_TO = [
    re.compile(p.format(n=_N), _FLAGS)
    for p in (
        r"(?<!\w)from\s+(?P<a>{n})\s+(?:up\s+|down\s+)?to\s+(?P<b>{n})",
        r"(?<!\w)de\s+la\s+(?P<a>{n})\s+(?:până\s+)?la\s+(?P<b>{n})",
        r"(?P<a>{n})\s*['’]?\s*(?:den|dan|ten|tan)\s+(?P<b>{n})",
        r"(?<!\w)từ\s+(?P<a>{n})\s+(?:lên|xuống|đến|tới|thành)\s+(?P<b>{n})",
        r"(?<!\w)از\s+(?P<a>{n})\s+(?:به|تا)\s+(?P<b>{n})",
        r"(?P<a>{n})\s*(?:->|→|=>)\s*(?P<b>{n})",
    )
]
_NOW_WORDS = ["currently", "now", "today", "we have", "we are at", "at the moment", "acum",
              "avem", "azi", "astăzi", "şu an", "şu anda", "şimdi", "bugün", "hiện tại",
              "hiện có", "hôm nay", "الان", "اکنون", "فعلا", "فعلاً", "امروز"]  # fmt: skip
_BASELINE = [
    re.compile(NOT_LETTER_BEFORE + alternation(_NOW_WORDS) + r"\s*:?\s*(?P<a>" + _N + ")", _FLAGS),
    re.compile(r"(?P<a>" + _N + r")\s+(?:\w+\s+)?(?:today|now|right now)" + NOT_LETTER_AFTER),
]
_AIM = [*AIM_TO_WORDS, "reach", "hit", "get to", "up to", "grow to", "aiming for", "aim for",
        "target", "target of", "ulaş", "ulaşmak"]  # fmt: skip
_CUE = re.compile(
    NOT_LETTER_BEFORE
    + alternation([*_AIM, "by", "cu", "với", *CHANGE_UP_WORDS, *CHANGE_DOWN_WORDS])
    + NOT_LETTER_AFTER
    + "|"
    + NOT_LETTER_BEFORE
    + alternation([*CHANGE_UP_STEMS, *CHANGE_DOWN_STEMS])
    + r"|[+%]|(?<!\w)-\s*\d",
    _FLAGS,
)
_AMOUNT = re.compile(_N)
_MULTIPLIER = re.compile(NOT_LETTER_BEFORE + alternation(MULTIPLIER_WORDS) + NOT_LETTER_AFTER)
_MENTION = re.compile(r"<@[UW][A-Z0-9]{1,30}(?:\|[^>]*)?>")
_OWNER_WORDS = ["owner", "owned by", "owner is", "proprietar", "responsabil", "sahibi",
                "sorumlu", "phụ trách", "người phụ trách", "مالک", "مسئول"]  # fmt: skip
_OWNER = re.compile(alternation(_OWNER_WORDS) + r"\s*:?\s*(?P<who>" + _MENTION.pattern + ")",
                    _FLAGS)  # fmt: skip
_CADENCE_START = re.compile(
    r"(?<!\w)(?:every|each|daily|weekly|monthly|biweekly|fortnightly)(?!\w)", _FLAGS
)
# A whole answer that starts so is a schedule in any language ("her cuma saat 9", "în fiecare
# vineri", "mỗi thứ sáu", "هر جمعه", "جمعه‌ها"); within a sentence only English's words are taken, as
# "her ay" or "în fiecare lună" there says what a target is counted over.
_SCHEDULE_ANSWER = re.compile(
    r"^\s*(?:every|each|daily|weekly|monthly|biweekly|fortnightly"
    r"|her|în fiecare|in fiecare|zilnic|săptămânal|mỗi|hằng|هر"
    r"|(?:pazartesi|salı|çarşamba|perşembe|cuma|cumartesi|pazar)(?:ları|leri)"  # "on Fridays"
    r"|(?:یک|دو|سه\u200c?|چهار|پنج\u200c?)?شنبه\u200c?ها|جمعه\u200c?ها)(?!\w)",
    _FLAGS,
)
# How a span read anywhere in a sentence is handed to the target's reader.
_SPAN_WORDS: dict[PeriodSaid, str] = {
    Period.WEEKLY: "a week",
    Period.MONTHLY: "a month",
    IN_TOTAL: "in total",
}
_CLAUSES = re.compile(r"[;\n]|,\s|\.\s")
_MAX_CADENCE_WORDS = 8


def parts_of(
    text: str, *, now: datetime, tz: ZoneInfo, skip: Step | None = None, named: bool = False
) -> list[Part]:
    """The answers `text` holds, one per step, in the interview's order; `skip` is the
    step `text` already answered (its own reader took it). With `named` (a key result
    stated on its own), words left beside the amounts name a custom metric.

    Example:
        >>> from datetime import UTC
        >>> now = datetime(2026, 12, 7, 10, tzinfo=UTC)
        >>> parts_of("for brand awareness, grow our Instagram followers from 400 to 480 "
        ...          "by 31 Dec", now=now, tz=ZoneInfo("UTC"))  # doctest: +NORMALIZE_WHITESPACE
        [(<Step.WHERE: 'where'>, 'instagram'), (<Step.METRIC: 'metric'>, 'followers'),
         (<Step.BASELINE: 'baseline'>, '400'), (<Step.TARGET: 'target'>, '480'),
         (<Step.DEADLINE: 'deadline'>, '31 Dec')]
    """
    found: dict[Step, str] = {}
    rest = text
    owner = _OWNER.search(rest)  # a person named without "owner" may be anyone
    if owner is not None:
        found[Step.OWNER] = owner["who"]
    channel = CHANNEL_MENTION.search(rest)
    if channel is not None:
        found[Step.CHANNEL] = channel.group()
    rest = CHANNEL_MENTION.sub(" , ", _MENTION.sub(" , ", rest))
    cadence = _cadence(rest, tz)  # before dates: "every monday" is no deadline
    if cadence is not None:
        found[Step.CADENCE], (start, end) = cadence
        rest = f"{rest[:start]} , {rest[end:]}"
    deadline = find_deadline(rest, now=now, tz=tz)
    if deadline is not None:
        start, end = deadline[1]
        found[Step.DEADLINE] = rest[start:end]
        rest = f"{rest[:start]} , {rest[end:]}"
    if skip not in (Step.BASELINE, Step.TARGET):
        said = read_period(rest)  # "from 1k to 2k a month": the span goes with the target
        amounts, rest = _amounts(rest)
        found.update(amounts)
        if Step.TARGET in found and said is not None and read_period(found[Step.TARGET]) is None:
            found[Step.TARGET] = f"{found[Step.TARGET]} {_SPAN_WORDS[said]}"
    platform = detect_platform(rest)
    if platform is not None:
        found[Step.WHERE] = str(platform.key)
    # A synonym ("fans", "audience") names the metric only in a goal stated with its
    # amounts; in a why alone it may mean something else ("a community of fans").
    stated = Step.BASELINE in found or Step.TARGET in found
    metric = next((m for m in match_metric(rest, limit=1) if m.how != "fuzzy"), None)
    if metric is not None and (metric.how == "name" or stated):
        found[Step.METRIC] = str(metric.kpi.key)
    elif named and stated:  # "Google reviews from 50 to 100": what is left is its name
        name = " ".join(re.sub(r"[,;.:!]", " ", rest).split())[:100]
        if any(c.isalpha() for c in name):
            found[Step.METRIC] = name
    order = list(Step)
    return sorted(((s, t) for s, t in found.items() if s is not skip),
                  key=lambda part: order.index(part[0]))  # fmt: skip


def is_schedule(text: str, tz: ZoneInfo) -> bool:
    """Whether a whole answer is a check-in schedule, in any language.

    Example:
        >>> is_schedule("her cuma saat 9", ZoneInfo("UTC")), is_schedule("cuma", ZoneInfo("UTC"))
        (True, False)
    """
    said = _SCHEDULE_ANSWER.match(text) is not None
    return said and not isinstance(parse_cadence(text, tz=tz.key), ParseError)


def _cadence(text: str, tz: ZoneInfo) -> tuple[str, tuple[int, int]] | None:
    """The longest schedule ("every friday at 9") starting at a schedule word, and its span."""
    for cue in _CADENCE_START.finditer(text):
        words = list(re.finditer(r"[^\s,;.]+", text[cue.start() :]))[:_MAX_CADENCE_WORDS]
        for count in range(len(words), 0, -1):
            end = cue.start() + words[count - 1].end()
            phrase = text[cue.start() : end]
            if not isinstance(parse_cadence(phrase, tz=tz.key), ParseError):
                return phrase, (cue.start(), end)
    return None


def _amounts(text: str) -> tuple[dict[Step, str], str]:
    """The baseline and the target an answer states, and the text without them."""
    found: dict[Step, str] = {}
    for pattern in _FROM_TO:
        match = pattern.search(text)
        if match is not None:
            found[Step.BASELINE], found[Step.TARGET] = match["a"], match["b"]
            return found, f"{text[: match.start()]} , {text[match.end() :]}"
    for pattern in _BASELINE:
        match = pattern.search(text)
        if match is not None:
            found[Step.BASELINE] = match["a"]
            text = f"{text[: match.start()]} , {text[match.end() :]}"
            break
    for clause in _CLAUSES.split(text):
        amount = _AMOUNT.search(clause)
        if _MULTIPLIER.search(clause) or (amount is not None and _CUE.search(clause)):
            found[Step.TARGET] = " ".join(clause.split())
            text = text.replace(clause, " , " + _without_amount(clause, amount), 1)
            break
    return found, text


def _without_amount(clause: str, amount: re.Match[str] | None) -> str:
    """The clause without its target ("reach 480 followers" keeps "followers" only)."""
    if amount is None:
        return _MULTIPLIER.sub(" ", clause)
    before = re.sub(alternation(_AIM) + r"\s*$", " ", clause[: amount.start()], flags=_FLAGS)
    return f"{before} {clause[amount.end() :]}"


_WISH = re.compile(
    r"^\s*(?:(?:i|we)\s+(?:really\s+)?(?:want|would\s+like|['’]d\s+like|wish)"
    r"|(?:our|my)\s+goal\s+is|vreau|vrem|ne\s+dorim|aș\s+vrea|as\s+vrea|ne-am\s+dori"
    r"|(?:tôi|chúng\s+tôi|chúng\s+ta|mình)\s+muốn"
    r"|(?:ما\s+|من\s+)?(?:می[\u200c ]?خواهم|می[\u200c ]?خواهیم|میخوام|میخوایم))(?!\w)"
    r"|(?<!\w)(?:istiyorum|istiyoruz)\s*[.!]?\s*$",
    re.IGNORECASE,
)


def reads_like_a_wish(text: str) -> bool:
    """Whether a message states a wish for a goal ("I want more people to know about our
    pizzeria on Instagram"), as opposed to asking about goals.

    Example:
        >>> reads_like_a_wish("I want more people to know about our pizzeria on Instagram")
        True
        >>> reads_like_a_wish("how are we doing on instagram?"), reads_like_a_wish("we want?")
        (False, False)
    """
    return not text.rstrip().endswith("?") and _WISH.search(text) is not None
