"""Find the goal a person means by what they type: "#3", "3", a title, a metric or a platform.

Used wherever a command names a goal (`/goals checkin reach 41k`, `/goals show 3`).
The rules are tried in order of how surely they name a goal; the first that finds
anything decides, so a person is asked "which one?" only between equally good matches:

| rule            | what matches                                                           |
| --------------- | ---------------------------------------------------------------------- |
| number          | "#3" or "3" is the goal numbered 3 in this workspace, and only that:    |
|                 | a number that is no goal finds nothing, never a title with "3" in it   |
| metric/platform | a metric name or synonym in any language ("ریچ", "engagement"), a      |
|                 | platform, or both ("instagram followers")                              |
| title           | the whole title, ignoring case, accents and punctuation                |
| title words     | every word typed appears in the title ("pizzeria launch")              |

Within a rule, goals still running beat finished ones (achieved, archived), which are
found only when nothing running matches: a late correction to an achieved goal works.
One match is the goal; several are asked back ("which one?"); none says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.core.digits import to_ascii_digits
from bot.core.kpis import match_metric
from bot.core.platforms import detect_platform
from bot.core.values import GoalKind, GoalState, Unit
from bot.core.wording import normalise

_NUMBER = re.compile(r"^\s*#?\s*(\d{1,9})\s*$")


@dataclass(frozen=True, slots=True)
class GoalRef:
    """What a lookup needs to know of a goal; `metric` is a KPI key such as "reach".

    `id` is the stored row's (internal, in buttons); `number` is what people see as "#3".
    """

    id: int
    title: str
    metric: str = ""
    metric_name: str = ""
    platform: str | None = None
    kind: GoalKind = GoalKind.GOAL
    unit: Unit = Unit.COUNT
    number: int = 0
    state: GoalState = GoalState.ACTIVE


@dataclass(frozen=True, slots=True)
class Lookup:
    """The goals a query matched: exactly one is an answer, several need asking back."""

    query: str
    matches: tuple[GoalRef, ...]

    @property
    def one(self) -> GoalRef | None:
        """The goal, when exactly one matched."""
        return self.matches[0] if len(self.matches) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.matches) > 1

    @property
    def missing(self) -> bool:
        return not self.matches


def find_goals(query: str, goals: Sequence[GoalRef]) -> Lookup:
    """The goals among `goals` that `query` names (see the module table for the rules).

    Example:
        >>> goals = [GoalRef(11, "Reach 60k on Instagram", "reach", platform="instagram", number=1),
        ...          GoalRef(12, "More sign-ups", "sign_ups", number=2)]
        >>> find_goals("#2", goals).one.title
        'More sign-ups'
        >>> find_goals("ریچ", goals).one.number
        1
        >>> find_goals("#12", goals).missing
        True
    """
    typed = normalise(to_ascii_digits(query))
    if not typed:
        return Lookup(query, ())
    number = _NUMBER.match(to_ascii_digits(query))
    if number is not None:
        return Lookup(query, tuple(g for g in goals if g.number == int(number.group(1))))
    for rule in _RULES:
        found = rule(query, typed, goals)
        running = [g for g in found if g.state is GoalState.ACTIVE]
        if found:
            return Lookup(query, tuple(running or found))
    return Lookup(query, ())


def describe_choices(lookup: Lookup, *, limit: int = 10) -> str:
    """The ambiguous goals as a short list a person can pick from.

    Example:
        >>> describe_choices(Lookup("reach", (GoalRef(7, "Reach 60k", number=1),
        ...                                   GoalRef(9, "Reach 5k", number=4))))
        '#1 Reach 60k, #4 Reach 5k'
    """
    return ", ".join(f"#{g.number} {g.title}" for g in lookup.matches[:limit])


_Rule = Callable[[str, str, Sequence[GoalRef]], list[GoalRef]]


def _by_title(_query: str, typed: str, goals: Sequence[GoalRef]) -> list[GoalRef]:
    return [g for g in goals if normalise(g.title) == typed]


def _by_title_words(_query: str, typed: str, goals: Sequence[GoalRef]) -> list[GoalRef]:
    words = typed.split()
    return [g for g in goals if all(w in normalise(g.title).split() for w in words)]


def _by_metric_and_platform(query: str, typed: str, goals: Sequence[GoalRef]) -> list[GoalRef]:
    metrics: set[str] = {m.kpi.key for m in match_metric(query) if m.how != "fuzzy"}
    metrics |= {g.metric for g in goals if g.metric_name and normalise(g.metric_name) in typed}
    platform = detect_platform(query)
    found = list(goals)
    if metrics:
        found = [g for g in found if g.metric in metrics]
    if platform is not None:
        found = [g for g in found if g.platform == platform.key]
    return found if (metrics or platform is not None) else []


_RULES: tuple[_Rule, ...] = (_by_metric_and_platform, _by_title, _by_title_words)
