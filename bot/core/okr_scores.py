"""OKR scores: a key result's score, an objective's average, and how to read a score.

OKR scores follow the usual stretch-goal reading, where 0.6-0.7 is success:

| score       | verdict |
| ----------- | ------- |
| below 0.40  | behind |
| 0.40 - 0.59 | progressing |
| 0.60 - 0.70 | success |
| 0.71 - 0.99 | ahead |
| 1.00        | fully met (the target may have been too easy) |
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

SCORE_PLACES = Decimal("0.01")
"""OKR scores are read to 2 places, as in "0.65"."""

_ZERO = Decimal(0)
_ONE = Decimal(1)


class ScoreVerdict(StrEnum):
    """How to read an OKR score, where 0.6-0.7 on a stretch target is success."""

    BEHIND = "behind"
    PROGRESSING = "progressing"
    SUCCESS = "success"
    AHEAD = "ahead"
    FULLY_MET = "fully met"


SCORE_VERDICT_RULES: tuple[tuple[ScoreVerdict, str], ...] = (
    (ScoreVerdict.BEHIND, "below 0.40"),
    (ScoreVerdict.PROGRESSING, "0.40 to 0.59"),
    (ScoreVerdict.SUCCESS, "0.60 to 0.70: a stretch target reached as intended"),
    (ScoreVerdict.AHEAD, "0.71 to 0.99"),
    (ScoreVerdict.FULLY_MET, "1.00: the target may have been too easy"),
)
"""The OKR score bands in plain words (for README and help)."""


def kr_score(progress: Decimal | None) -> Decimal:
    """An OKR key result's score: its progress clamped to 0.0-1.0, to 2 places.

    A key result with no check-in yet scores 0.

    Example:
        >>> kr_score(Decimal("0.6547"))
        Decimal('0.65')
    """
    if progress is None:
        return _ZERO.quantize(SCORE_PLACES)
    return min(max(progress, _ZERO), _ONE).quantize(SCORE_PLACES, ROUND_HALF_UP)


def objective_score(kr_scores: Sequence[Decimal]) -> Decimal | None:
    """An objective's score: the average of its key results' scores, to 2 places.

    None when the objective has no key results.

    Example:
        >>> objective_score([Decimal("0.5"), Decimal("0.7"), Decimal("1.0")])
        Decimal('0.73')
    """
    if not kr_scores:
        return None
    average = sum(kr_scores, _ZERO) / len(kr_scores)
    return average.quantize(SCORE_PLACES, ROUND_HALF_UP)


def score_verdict(score: Decimal) -> ScoreVerdict:
    """How to read an OKR score (see `SCORE_VERDICT_RULES`).

    Example:
        >>> score_verdict(Decimal("0.65"))
        <ScoreVerdict.SUCCESS: 'success'>
    """
    rounded = score.quantize(SCORE_PLACES, ROUND_HALF_UP)
    if rounded >= _ONE:
        return ScoreVerdict.FULLY_MET
    if rounded > Decimal("0.70"):
        return ScoreVerdict.AHEAD
    if rounded >= Decimal("0.60"):
        return ScoreVerdict.SUCCESS
    if rounded >= Decimal("0.40"):
        return ScoreVerdict.PROGRESSING
    return ScoreVerdict.BEHIND
