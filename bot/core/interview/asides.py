"""A question about the goals typed in the middle of an interview, told from an answer.

"which goals are at risk?", "riskteki hedefler hangileri?", "ریچ اینستاگرام چطوره؟"
typed at the metric step ask something of the bot; "reach", "followers on instagram"
and "reach 40k by March?" answer the step. A message is taken as a question, and
the interview left where it was, only when all of these hold:

1. the question parser (`bot.core.questions.understand`) reads what it asks (not
   `UNKNOWN`, nor its own `HELP`: "help" is the interview's word), and it is about
   the goals: it names a metric, a platform, a status ("at risk"), people ("my
   goals", @ana) or the goals themselves ("goals", "what's due"). "which channel?",
   "who should own it?", "is end of March ok?" ask about the step, and answer it
   as well as they can;
2. an interrogative word of one of the five languages is there ("which", "hangi",
   "care", "کدام", "nào"), so a metric, number or date with a question mark
   ("reach 40k by March?") stays an answer. A word that is also a common word of
   another language counts only where that language puts it: Romanian "care" first
   ("care obiective…", not "customer care"), Vietnamese "không" (a yes/no question's
   closing particle, also "no") last;
3. it is marked as a question: it ends with "?" or "؟", or, without the mark, its
   first or last word is the interrogative ("how are we doing on reach",
   "hedeflerim ne durumda"). Steps whose answer is free text (why, objective,
   metric) may get a sentence that opens with "how" or "what" as their answer, so
   there only the mark counts;
4. at the metric step, "how many" and its kin don't count: "how many sign-ups?"
   names a metric as well as it asks a number;
5. something besides interrogatives is said: "which?" alone asks about nothing;
6. at the steps whose answer holds a number or a date (today's value, the target,
   its period, the deadline, a change at the review), a digit makes it an answer:
   "is 50k realistic for reach?" gives the target while it asks, "can you make the
   target 500 followers?" asks for a change.

False "that's a question" costs more than a missed one (the question is then taken
as the answer, as before), so every rule leans towards the answer.
"""

from __future__ import annotations

import functools
import re
from datetime import datetime
from enum import Enum
from zoneinfo import ZoneInfo

from bot.core.interview.state import Step
from bot.core.questions import Intent, understand
from bot.core.wording import SUFFIXING_LANGUAGES, PhraseHit, PhraseIndex, normalise


class _Asks(Enum):
    """Where an interrogative counts: anywhere, only first, only last, or not at the metric."""

    ANYWHERE = "anywhere"
    FIRST = "first"
    LAST = "last"
    AMOUNT = "amount"


# The words people ask with (Turkish, Persian and Vietnamese often close a question
# with them), as they type them; compared after `normalise`, Persian, Romanian and
# Turkish ones also with an ending glued on ("hangileri", "obiectivele").
_INTERROGATIVES: dict[str, dict[_Asks, tuple[str, ...]]] = {
    "en": {
        _Asks.ANYWHERE: ("how", "what", "whats", "which", "who", "whose", "where", "when",
                         "show me"),
        _Asks.FIRST: ("is", "are", "do", "does", "did", "can", "could", "has", "have", "will"),
        _Asks.AMOUNT: ("how many", "how much"),
    },
    "fa": {
        _Asks.ANYWHERE: ("چه", "چی", "کدام", "کدوم", "کدوما", "چطور", "چطوره", "چطورن", "کجا",
                         "آیا", "نشان بده", "نشون بده", "در چه حاله", "در چه وضعیتی"),
        _Asks.LAST: ("کی",),
        _Asks.AMOUNT: ("چند", "چنده", "چقدر", "چقدره"),
    },
    "ro": {
        _Asks.ANYWHERE: ("cum", "cine", "unde", "când", "oare", "care sunt"),
        _Asks.FIRST: ("care", "ce", "arată"),
        _Asks.AMOUNT: ("cât", "câte", "câți", "câtă"),
    },
    "tr": {
        _Asks.ANYWHERE: ("hangi", "nasıl", "ne durumda", "neler",
                         "nedir", "kimin", "kim", "nerede", "mi", "mı", "mu", "mü", "göster"),
        _Asks.AMOUNT: ("kaç", "ne kadar"),
    },
    "vi": {
        _Asks.ANYWHERE: ("nào", "gì", "ra sao", "thế nào", "như thế nào", "sao", "đến đâu",
                         "ai phụ trách", "cho xem"),
        _Asks.LAST: ("không", "chưa", "đâu"),
        _Asks.AMOUNT: ("bao nhiêu",),
    },
}  # fmt: skip

# Words that say a question is about the goals themselves, not one step of the interview.
_GOAL_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("goal", "goals", "okr", "okrs", "kpi", "kpis", "objectives", "due", "overdue"),
    "fa": ("هدف", "اهداف", "هدفها", "هدفام", "سررسید"),
    "ro": ("obiectiv", "obiective", "ținte", "scadent", "scadente"),
    "tr": ("hedef", "okr"),
    "vi": ("mục tiêu", "okr", "đến hạn", "hết hạn"),
}  # fmt: skip

_NUMBER_STEPS = frozenset({Step.BASELINE, Step.TARGET, Step.PERIOD, Step.DEADLINE, Step.REVIEW})
_DIGIT = re.compile(r"\d")

_FREE_TEXT_STEPS = frozenset({Step.WHY, Step.OBJECTIVE, Step.METRIC})
"""Steps answered in the person's own words: only a question mark makes a question there."""

_QUESTION_MARKS = ("?", "؟", "？")  # Latin, Arabic script, full width
_NOT_ASKING = frozenset({Intent.UNKNOWN, Intent.HELP})


@functools.cache
def _index() -> PhraseIndex[_Asks]:
    plain: list[tuple[str, _Asks]] = []
    suffixed: list[tuple[str, _Asks]] = []
    for lang, by_kind in _INTERROGATIVES.items():
        target = suffixed if lang in SUFFIXING_LANGUAGES else plain
        target.extend((phrase, kind) for kind, phrases in by_kind.items() for phrase in phrases)
    return PhraseIndex(plain, suffix_phrases=suffixed)


@functools.cache
def _goal_words() -> PhraseIndex[bool]:
    plain = [(w, True) for lang, ws in _GOAL_WORDS.items() if lang not in SUFFIXING_LANGUAGES
             for w in ws]  # fmt: skip
    suffixed = [(w, True) for lang in SUFFIXING_LANGUAGES for w in _GOAL_WORDS[lang]]
    return PhraseIndex(plain, suffix_phrases=suffixed)


def asks_about_goals(step: Step, text: str, *, now: datetime, tz: ZoneInfo) -> bool:
    """Whether `text`, typed at `step`, is a question about the goals rather than its answer.

    Never raises. `now` and `tz` are the asker's, as the question parser wants them.

    Example:
        >>> from datetime import UTC
        >>> when = dict(now=datetime(2026, 11, 22, tzinfo=UTC), tz=ZoneInfo("UTC"))
        >>> asks_about_goals(Step.METRIC, "which goals are at risk?", **when)
        True
        >>> asks_about_goals(Step.METRIC, "reach 40k by March?", **when)
        False
    """
    marked = text.rstrip().endswith(_QUESTION_MARKS)
    if (not marked and step in _FREE_TEXT_STEPS) or (step in _NUMBER_STEPS and _DIGIT.search(text)):
        return False
    words = len(normalise(text).split())
    hits = _index().find(text)
    if sum(hit.end - hit.start for hit in hits) >= words:  # "which?" alone asks about nothing
        return False
    if not any(_counts(hit, step, words, marked=marked) for hit in hits):
        return False
    question = understand(text, now=now, tz=tz)
    if question.intent in _NOT_ASKING:
        return False
    return bool(
        question.metrics
        or question.platform
        or question.status
        or question.mine
        or question.owners
        or _goal_words().find(text)
    )


def _counts(hit: PhraseHit[_Asks], step: Step, words: int, *, marked: bool) -> bool:
    """Whether one interrogative found makes the text read as a question."""
    first, last = hit.start == 0, hit.end == words
    match hit.value:
        case _Asks.FIRST:
            return first
        case _Asks.LAST:
            return last
        case _Asks.AMOUNT if step is Step.METRIC:
            return False
        case _:
            return marked or first or last
