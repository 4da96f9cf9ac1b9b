"""Read a check-in as people write it: a reply in a reminder's thread or `/goals checkin`.

| typed                                  | read as                                      |
| -------------------------------------- | -------------------------------------------- |
| `41.2k`, `۴۱٬۲۰۰`                      | the goal's new value                         |
| `41200, the reel did well`             | the value, and the rest kept as a note       |
| `reach 41k, engagement 3.4%`           | one value per goal, told apart by metric     |
| `41k at risk`, `🟢 41k`                | the value and a confidence (🟢 🟡 🔴)          |
| `skip`, `atla`, `sări`, `bỏ qua`, `رد کن` | nothing this time                         |
| `snooze 2d`, `2 gün ertele`, `hoãn 1 tuần` | ask again later (1 day unless said)       |
| `undo`, `geri al`, `anulează`, `hoàn tác`  | take back the last check-in (`is_undo`)   |

Skip, snooze and undo are read in all five languages, compared after `normalise` (no
case, no diacritics, Persian digits as ASCII), so "Sări!" and "sari" are the same word.

Nothing here raises on user text: an unreadable reply is a `ParseError` that says
what went wrong and shows an example that works.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.core.goal_lookup import GoalRef, Lookup, find_goals
from bot.core.numbers.read import EXAMPLES, ParsedQuantity, parse_quantity
from bot.core.parse_error import ParseError
from bot.core.values import Quantity
from bot.core.wording import normalise
from bot.i18n.catalogue import N_

MAX_SNOOZE_DAYS = 30
COMMAND_EXAMPLE = "/goals checkin reach 41.2k the reel did well"


class Confidence(StrEnum):
    """How the person feels about reaching the goal, said alongside a value."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


CONFIDENCE_LABELS: dict[Confidence, str] = {
    Confidence.ON_TRACK: "on track",
    Confidence.AT_RISK: "at risk",
    Confidence.OFF_TRACK: "off track",
}

# In every language, the words the reminder suggests ("41k riskte", "41k در خطر").
_CONFIDENCE_WORDS: tuple[tuple[Confidence, str], ...] = (
    (Confidence.ON_TRACK, r"on[ -]track|🟢|yolunda|pe drumul cel bun|đúng tiến độ|طبق برنامه"),
    (Confidence.AT_RISK, r"at[ -]risk|🟡|riskte|[îi]n pericol|có nguy cơ|در خطر"),
    (Confidence.OFF_TRACK, r"off[ -]track|🔴|geride|[îi]n urm[ăa]|chậm tiến độ|عقب افتاده"),
)
_CONFIDENCE = [
    (confidence, re.compile(r"(?:confidence\s*:?\s*)?(?<!\w)(?:" + words + r")(?!\w)", re.I))
    for confidence, words in _CONFIDENCE_WORDS
]
_SKIP_WORDS = frozenset(
    normalise(words)
    for words in (
        *("skip", "skip this time", "skip this week", "skip this one", "pass"),
        *("atla", "bu sefer atla", "bu hafta atla", "bunu atla", "pas geç"),
        *("sări", "sar peste", "sări peste", "sari de data asta", "de data asta nu"),
        *("bỏ qua", "bỏ qua lần này", "lần này bỏ qua", "bỏ qua tuần này"),
        *("رد کن", "رد", "این بار رد کن", "این هفته رد کن", "بگذر"),
    )
)
_UNDO_WORDS = frozenset(
    normalise(words)
    for words in (
        *("undo", "undo that", "undo it", "undo my check-in", "undo last"),
        *("geri al", "bunu geri al", "son kaydı geri al", "son girişi geri al"),
        *("anulează", "anulează asta", "anulează ultima", "anulează ultima actualizare"),
        *("hoàn tác", "hoàn tác lần cuối", "hủy cập nhật", "hủy lần cập nhật cuối"),
        *("برگردان", "برگردون", "لغوش کن", "آخری را برگردان", "ثبت آخر را برگردان"),
    )
)


@dataclass(frozen=True, slots=True)
class HowToSay:
    """What a reminder suggests typing, in one language: words this module reads."""

    value: str  # a value and a note
    skip: str
    snooze: str


HOW_TO_SAY = {
    "en": HowToSay("41.2k, the reel did well", "skip", "snooze 2d"),
    "fa": HowToSay("۴۱٫۲ هزار، ریل خوب دیده شد", "رد کن", "۲ روز عقب بنداز"),
    "ro": HowToSay("41,2 mii, reel-ul a mers bine", "sări", "amână 2 zile"),
    "tr": HowToSay("41,2 bin, reel çok iyi gitti", "atla", "2 gün ertele"),
    "vi": HowToSay("41,2 nghìn, reel chạy tốt", "bỏ qua", "hoãn 2 ngày"),
}
"""The examples a reminder shows each language (tests check that they read back)."""

# "snooze 2d" / "hoãn 2 ngày" put the verb first; "2 gün ertele" / "۲ روز عقب بنداز" last.
_SNOOZE_VERB = (
    r"(?:snooze|remind me later|ertele|sonra hatirlat|amana|aminare|hoan|nhac lai sau|de sau"
    r"|عقب بنداز|به تعویق بنداز|به تعویق بینداز|بعدا یاداوری کن|بعدا)"
)
_SNOOZE_SPAN = (
    r"(?:(?:for|pentru|cu|trong|برای)\s+)?(?P<n>\d+|o|un|bir|mot|یک)?\s*"
    r"(?P<unit>d|days?|w|weeks?|gun|hafta|zi|zile|saptamana|saptamani|ngay|tuan|روز|هفته)?"
)
_SNOOZE = (
    re.compile(rf"^{_SNOOZE_VERB}(?:\s+{_SNOOZE_SPAN})?$"),
    re.compile(rf"^{_SNOOZE_SPAN}\s*(?:sonra\s+)?{_SNOOZE_VERB}$"),
)
_WEEK_UNITS = frozenset({"w", "week", "weeks", "hafta", "saptamana", "saptamani", "tuan", "هفته"})
# Between the parts of "reach 41k, engagement 3.4%": a comma only when a space follows,
# so "41,200" stays one number.
_PARTS = re.compile(r";|؛|\n|,(?=\s)|،|\s+(?:and|și|ve|và|و)\s+", re.I)
_GAP = re.compile(r"\s{2,}")
_NOTE_EDGES = " \t\r\n,;:.-–—|،؛"


@dataclass(frozen=True, slots=True)
class Skip:
    """Nothing to report this time."""


@dataclass(frozen=True, slots=True)
class Snooze:
    """Ask again in `days` days."""

    days: int


@dataclass(frozen=True, slots=True)
class ReplyValue:
    """One goal's new value."""

    goal: GoalRef
    quantity: Quantity
    approximate: bool = False


@dataclass(frozen=True, slots=True)
class Values:
    """A check-in: values for one or more goals, an optional confidence and a note."""

    values: tuple[ReplyValue, ...]
    confidence: Confidence | None = None
    note: str = ""


Reply = Skip | Snooze | Values | ParseError

_NUMBERED = re.compile(r"^\s*(?P<ref>#\d+)\s+(?P<rest>.+)$", re.DOTALL)
"""A part of a reply that names its goal by number first: "#2 41k"."""


def parse_reply(text: str, goals: Sequence[GoalRef]) -> Reply:
    """Read a reply in a reminder's thread; `goals` are those the reminder asked about.

    Example:
        >>> reach = GoalRef(1, "Reach 60k", "reach", number=1)
        >>> parse_reply("41200, the reel did well", [reach]).note
        'the reel did well'
        >>> parse_reply("snooze 2d", [reach])
        Snooze(days=2)
    """
    if not goals:
        return ParseError("There is no goal to check in on here.", "/goals checkin reach 41.2k")
    said = normalise(text or "")
    if said in _SKIP_WORDS:
        return Skip()
    snooze = next((m for pattern in _SNOOZE if (m := pattern.match(said))), None)
    if snooze:
        return _snooze(snooze)
    confidence, rest = take_confidence(text or "")
    if len(goals) == 1:
        return _single(rest, goals[0], confidence)
    return _several(rest, goals, confidence)


def parse_checkin_command(text: str, goals: Sequence[GoalRef]) -> Values | Lookup | ParseError:
    """Read `/goals checkin <goal> <value> [note]`; a `Lookup` when the goal is not clear.

    The longest leading words that name exactly one goal are the goal; the value
    must follow them. With a single goal to choose from, the goal may be left out.

    Example:
        >>> goals = [GoalRef(3, "Reach 60k", "reach", number=3),
        ...          GoalRef(4, "Sign-ups", "sign_ups", number=4)]
        >>> parse_checkin_command("#3 41.2k great week", goals).values[0].goal.id
        3
    """
    confidence, rest = take_confidence(text or "")
    words = rest.split()
    unclear: Lookup | None = None
    for cut in range(len(words) - 1, 0, -1):
        query, value_text = " ".join(words[:cut]), " ".join(words[cut:])
        if not _starts_with_number(value_text):
            continue
        lookup = find_goals(query, goals)
        if lookup.one is not None:
            return _single(value_text, lookup.one, confidence)
        if lookup.ambiguous and (unclear is None or len(lookup.matches) < len(unclear.matches)):
            unclear = lookup
    if unclear is not None:
        return unclear
    if _starts_with_number(rest):
        if len(goals) == 1:
            return _single(rest, goals[0], confidence)
        return ParseError("Which goal is that for? Put its name or number first.", COMMAND_EXAMPLE)
    cut = next((i for i in range(1, len(words)) if _starts_with_number(" ".join(words[i:]))), 0)
    if not cut:
        return ParseError("Tell me the goal and its new value.", COMMAND_EXAMPLE)
    return Lookup(" ".join(words[:cut]), ())


def take_confidence(text: str) -> tuple[Confidence | None, str]:
    """The confidence said in `text` (the first one), and the text without it.

    Example:
        >>> take_confidence("41k at risk")
        (<Confidence.AT_RISK: 'at_risk'>, '41k')
    """
    found: tuple[int, Confidence, re.Match[str]] | None = None
    for confidence, pattern in _CONFIDENCE:
        match = pattern.search(text)
        if match and (found is None or match.start() < found[0]):
            found = (match.start(), confidence, match)
    if found is None:
        return None, text
    _, confidence, match = found
    without = text[: match.start()] + text[match.end() :]
    return confidence, _GAP.sub(" ", without).strip()


def is_undo(text: str) -> bool:
    """Whether `text` asks to take back the last check-in, in any of the five languages.

    Example:
        >>> [is_undo(t) for t in ("Undo!", "geri al", "Anulează.", "hoàn tác", "undo 41k")]
        [True, True, True, True, False]
    """
    return normalise(text) in _UNDO_WORDS


def _snooze(match: re.Match[str]) -> Snooze | ParseError:
    count = int(match["n"]) if match["n"] and match["n"].isdigit() else 1
    days = count * 7 if match["unit"] in _WEEK_UNITS else count
    if not 1 <= days <= MAX_SNOOZE_DAYS:
        return ParseError(
            f"I can snooze for 1 to {MAX_SNOOZE_DAYS} days.", "snooze 2d or snooze 1 week"
        )
    return Snooze(days)


def _single(text: str, goal: GoalRef, confidence: Confidence | None) -> Values | ParseError:
    parsed = parse_quantity(text, unit_hint=goal.unit)
    if isinstance(parsed, ParseError):
        return _ask_again(parsed, goal)
    return Values((_value(goal, parsed),), confidence, _tidy_note(parsed.rest))


def _several(text: str, goals: Sequence[GoalRef], confidence: Confidence | None) -> Reply:
    values: dict[int, ReplyValue] = {}
    notes: list[str] = []
    for part in _PARTS.split(text):
        numbered = _NUMBERED.match(part)
        goal = find_goals(numbered["ref"], goals).one if numbered else None
        if numbered and goal is not None:  # "#2 41k": the number names the goal, not a value
            part = numbered["rest"]
        probe = parse_quantity(part)
        if isinstance(probe, ParseError):
            notes.append(part)
            continue
        if goal is None:
            goal = find_goals(part.replace(probe.consumed, " ", 1), goals).one
        if goal is None:
            return ParseError(
                f"Which goal is “{probe.consumed.strip()}” for? Name each one with its value.",
                _several_example(goals),
            )
        if goal.id in values:
            return ParseError.quoting(
                N_("You gave two values for “{title}”."), _several_example(goals), title=goal.title
            )
        parsed = parse_quantity(part, unit_hint=goal.unit)
        if isinstance(parsed, ParseError):
            return _ask_again(parsed, goal)
        values[goal.id] = _value(goal, parsed)
        notes.append(parsed.rest)
    if not values:
        return ParseError("I couldn't find a number in that.", _several_example(goals))
    note = _tidy_note(", ".join(_tidy_note(n) for n in notes if _tidy_note(n)))
    return Values(tuple(values.values()), confidence, note)


def _value(goal: GoalRef, parsed: ParsedQuantity) -> ReplyValue:
    return ReplyValue(goal, parsed.quantity, parsed.approximate)


def _ask_again(error: ParseError, goal: GoalRef) -> ParseError:
    return ParseError.quoting(
        N_("{problem} What is “{title}” now?"), EXAMPLES[goal.unit], problem=error, title=goal.title
    )


def _several_example(goals: Sequence[GoalRef]) -> str:
    names = [g.metric_name or g.metric.replace("_", " ") or g.title for g in goals[:2]]
    samples = ("41.2k", "3.4%")
    return ", ".join(f"{name} {sample}" for name, sample in zip(names, samples, strict=False))


def _starts_with_number(text: str) -> bool:
    text = text.strip()
    parsed = parse_quantity(text)
    return not isinstance(parsed, ParseError) and text.startswith(parsed.consumed)


def _tidy_note(text: str) -> str:
    return _GAP.sub(" ", text).strip(_NOTE_EDGES)
