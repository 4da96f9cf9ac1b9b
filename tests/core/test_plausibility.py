"""The plausibility rule: impossible for the unit, or far off the goal's last value."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.plausibility import FAR_OFF, FarOff, Impossible, plausible
from bot.core.values import Unit

CASES = [
    ("a negative count", "-5", Unit.COUNT, "13705", Impossible.NEGATIVE),
    ("a negative amount", "-1", Unit.CURRENCY, None, Impossible.NEGATIVE),
    ("a negative NPS", "-20", Unit.SCORE, None, None),
    ("a rate over 100%", "140", Unit.PERCENT, "4.5", Impossible.OVER_100_PERCENT),
    ("a milestone half done", "0.5", Unit.MILESTONE, "0", Impossible.NOT_A_MILESTONE),
    ("a typical next value", "14100", Unit.COUNT, "13705", None),
    ("the first value of all", "14", Unit.COUNT, None, None),
    ("from zero anything goes", "500", Unit.COUNT, "0", None),
    ("zero is never far off", "0", Unit.COUNT, "13705", None),
    ("exactly ten times", "137050", Unit.COUNT, "13705", None),
    ("thousands dropped", "14", Unit.COUNT, "13705", FarOff(D("13705"), D("14000"))),
    ("a zero too many", "1400000", Unit.COUNT, "13705", FarOff(D("13705"), D("14000"))),
    ("a rate as a fraction", "0.045", Unit.PERCENT, "4.5", FarOff(D("4.5"), D("4.5"))),
]


@pytest.mark.parametrize(
    ("value", "unit", "last", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_plausibility_follows_the_documented_rules(
    value: str, unit: Unit, last: str | None, expected: object
) -> None:
    assert plausible(D(value), unit, D(last) if last else None) == expected


values = st.decimals(min_value=D("0.01"), max_value=D("1e9"), places=2)


@given(value=values, last=values)
def test_a_value_is_asked_about_exactly_when_over_ten_times_or_under_a_tenth(
    value: D, last: D
) -> None:
    found = plausible(value, Unit.COUNT, last)
    far = value > last * FAR_OFF or value < last / FAR_OFF
    assert isinstance(found, FarOff) == far
    if isinstance(found, FarOff) and found.suggestion is not None:
        # The correction is the typed digits, shifted, and itself believable.
        assert last / FAR_OFF <= found.suggestion <= last * FAR_OFF
        ratio = found.suggestion / value
        assert ratio == D(10) ** ratio.adjusted()


negatives = st.decimals(max_value=D("-0.01"), places=2, allow_nan=False, allow_infinity=False)


@given(value=negatives, unit=st.sampled_from([u for u in Unit if u is not Unit.SCORE]))
def test_no_negative_value_is_stored_but_a_score(value: D, unit: Unit) -> None:
    assert plausible(value, unit, None) is Impossible.NEGATIVE
    assert plausible(value, Unit.SCORE, None) is None
