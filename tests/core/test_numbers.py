"""What users type as baselines, targets and check-in values, and what the bot reads."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.numbers.read import ParsedQuantity, parse_quantity
from bot.core.numbers.targets import ParsedTarget, parse_target
from bot.core.numbers.write import format_quantity, round_estimate
from bot.core.parse_error import ParseError
from bot.core.values import Direction, Quantity, Unit

D = Decimal
C, P, T, M, S, MS = (Unit.COUNT, Unit.PERCENT, Unit.DURATION, Unit.CURRENCY, Unit.SCORE,
                     Unit.MILESTONE)  # fmt: skip

# (typed, unit_hint, value, unit, currency)
QUANTITY_CASES = [
    # plain counts and thousands separators
    ("12400", None, "12400", C, None),
    ("12,400", None, "12400", C, None),
    ("12.400", None, "12400", C, None),
    ("12 400", None, "12400", C, None),
    ("12\u00a0400", None, "12400", C, None),
    ("1,234,567", None, "1234567", C, None),
    ("1.234.567,5", None, "1234567.5", C, None),
    ("1,234.5", None, "1234.5", C, None),
    ("12'400", None, "12400", C, None),
    ("0.125", None, "0.125", C, None),
    ("1.5", None, "1.5", C, None),
    # scale words
    ("about 12k", None, "12000", C, None),
    ("41.2k", None, "41200", C, None),
    ("1.5m", None, "1500000", C, None),
    ("1,2 mln", None, "1200000", C, None),
    ("2 mil", None, "2000000", C, None),
    ("1.2 million", None, "1200000", C, None),
    ("3 bin", None, "3000", C, None),
    ("1,5 milyon", None, "1500000", C, None),
    ("12 nghìn", None, "12000", C, None),
    ("12 ngàn", None, "12000", C, None),
    ("1,2 triệu", None, "1200000", C, None),
    ("2 tỷ", None, "2000000000", C, None),
    ("3 mii", None, "3000", C, None),
    # Persian and Arabic-Indic digits
    ("۱۲٬۴۰۰", None, "12400", C, None),
    ("۱۲ هزار", None, "12000", C, None),
    ("۱.۵ میلیون", None, "1500000", C, None),
    ("١٢٣٤", None, "1234", C, None),
    # percentages
    ("3.2%", None, "3.2", P, None),
    ("3,2 %", None, "3.2", P, None),
    ("%3,2", None, "3.2", P, None),
    ("yüzde 12", None, "12", P, None),
    ("۳٫۲٪", None, "3.2", P, None),
    ("4.5", P, "4.5", P, None),
    ("12 percent", None, "12", P, None),
    # durations, in seconds
    ("2h 30m", None, "9000", T, None),
    ("2h30", None, "9000", T, None),
    ("90 min", None, "5400", T, None),
    ("1.5 hours", None, "5400", T, None),
    ("45s", None, "45", T, None),
    ("1 day", None, "86400", T, None),
    ("1 hour and 15 minutes", None, "4500", T, None),
    ("2 ore", None, "7200", T, None),
    ("30 dakika", None, "1800", T, None),
    ("2 saat", None, "7200", T, None),
    ("30 phút", None, "1800", T, None),
    ("2 giờ", None, "7200", T, None),
    ("۲ ساعت", None, "7200", T, None),
    ("5m", T, "300", T, None),
    # money
    ("$1.5k", None, "1500", M, "USD"),
    ("€200", None, "200", M, "EUR"),
    ("£3", None, "3", M, "GBP"),
    ("1500 USD", None, "1500", M, "USD"),
    ("200 lei", None, "200", M, "RON"),
    ("200 RON", None, "200", M, "RON"),
    ("₺500", None, "500", M, "TRY"),
    ("500 TL", None, "500", M, "TRY"),
    ("50.000 ₫", None, "50000", M, "VND"),
    ("50.000 VND", None, "50000", M, "VND"),
    ("50.000 đồng", None, "50000", M, "VND"),
    ("۵۰۰ هزار تومان", None, "500000", M, "IRT"),
    ("۱۰۰۰ ریال", None, "1000", M, "IRR"),
    ("1500", M, "1500", M, None),
    # scores, signs and milestones
    ("NPS 42", S, "42", S, None),
    ("-5", S, "-5", S, None),
    ("−5", None, "-5", C, None),
    ("+5000", None, "5000", C, None),
    ("done", MS, "1", MS, None),
    ("yes!", MS, "1", MS, None),
    ("not done", MS, "0", MS, None),
    ("✅ personas shipped", MS, "1", MS, None),
    ("chưa xong", MS, "0", MS, None),
    ("gata", MS, "1", MS, None),
    ("bitti", MS, "1", MS, None),
    ("انجام شد", MS, "1", MS, None),
    ("1", MS, "1", MS, None),
    # the number among other text
    ("in 2025 500 followers", None, "2025", C, None),
    ("<!channel> 12", None, "12", C, None),
    ("🎉 12 🎉", None, "12", C, None),
]


@pytest.mark.parametrize(("typed", "hint", "value", "unit", "currency"), QUANTITY_CASES)
def test_parse_quantity_reads_what_people_type(
    typed: str, hint: Unit | None, value: str, unit: Unit, currency: str | None
) -> None:
    parsed = parse_quantity(typed, unit_hint=hint)
    assert isinstance(parsed, ParsedQuantity), parsed
    assert parsed.quantity == Quantity(D(value), unit, currency)


@pytest.mark.parametrize(
    ("typed", "approximate", "consumed", "rest"),
    [
        ("41.2k, the reel did well", False, "41.2k", "the reel did well"),
        ("about 12k - slow week", True, "about 12k", "slow week"),
        ("~12k: meh", True, "~12k", "meh"),
        ("around 3.2% after the campaign", True, "around 3.2%", "after the campaign"),
        ("khoảng 12 nghìn, tốt", True, "khoảng 12 nghìn", "tốt"),
        ("حدود ۱۲ هزار", True, "حدود ۱۲ هزار", ""),
        ("12k-ish", True, "12k-ish", ""),
        ("12k or so, guessing", True, "12k or so", "guessing"),
        ("reach was 12,400 this week", False, "12,400", "this week"),
    ],
)
def test_parse_quantity_keeps_the_rest_as_a_note(
    typed: str, approximate: bool, consumed: str, rest: str
) -> None:
    parsed = parse_quantity(typed)
    assert isinstance(parsed, ParsedQuantity), parsed
    assert (parsed.approximate, parsed.consumed, parsed.rest) == (approximate, consumed, rest)


@pytest.mark.parametrize(
    ("typed", "hint", "example_part"),
    [
        ("", None, "41.2k"),
        ("   ", Unit.PERCENT, "3.2%"),
        ("no idea yet", None, "41.2k"),
        ("1,2,3", None, "41.2k"),
        ("90", Unit.DURATION, "90 min"),
        ("5", Unit.MILESTONE, "done"),
        ("maybe", Unit.MILESTONE, "done"),
        ("9" * 40, None, "41.2k"),
    ],
)
def test_parse_quantity_explains_what_it_cannot_read(
    typed: str, hint: Unit | None, example_part: str
) -> None:
    error = parse_quantity(typed, unit_hint=hint)
    assert isinstance(error, ParseError)
    assert error.message and example_part in error.example


@pytest.mark.parametrize(
    ("quantity", "plain", "compact"),
    [
        (Quantity(D(60000)), "60,000", "60k"),
        (Quantity(D(41200)), "41,200", "41.2k"),
        (Quantity(D(999999)), "999,999", "1M"),
        (Quantity(D(1234567)), "1,234,567", "1.23M"),
        (Quantity(D("0.125")), "0.13", "0.13"),
        (Quantity(D("3.20"), P), "3.2%", "3.2%"),
        (Quantity(D(9000), T), "2h 30m", "2h 30m"),
        (Quantity(D(2700), T), "45 min", "45 min"),
        (Quantity(D(45), T), "45s", "45s"),
        (Quantity(D(90000), T), "1d 1h", "1d 1h"),
        (Quantity(D(0), T), "0s", "0s"),
        (Quantity(D(1500), M, "USD"), "$1,500", "$1.5k"),
        (Quantity(D(1500), M, "RON"), "1,500 RON", "1.5k RON"),
        (Quantity(D(200), M, "EUR"), "€200", "€200"),
        (Quantity(D(-5), M, "GBP"), "-£5", "-£5"),
        (Quantity(D(42), S), "42", "42"),
        (Quantity(D(-5), S), "-5", "-5"),
        (Quantity(D(1), MS), "done", "done"),
        (Quantity(D(0), MS), "not done", "not done"),
    ],
)
def test_format_quantity_writes_numbers_as_people_read_them(
    quantity: Quantity, plain: str, compact: str
) -> None:
    assert format_quantity(quantity) == plain
    assert format_quantity(quantity, compact=True) == compact


FOLLOWERS = Quantity(D(400))
RESPONSE_TIME = Quantity(D(7200), T)
ENGAGEMENT = Quantity(D("3.2"), P)
NPS = Quantity(D(-20), S)
REVENUE = Quantity(D(1500), M, "RON")
UP, DOWN = Direction.INCREASE, Direction.DECREASE

# (typed, baseline, target value, relative, direction)
TARGET_CASES = [
    ("60k", FOLLOWERS, "60000", None, UP),
    ("300", FOLLOWERS, "300", None, DOWN),
    ("400", FOLLOWERS, "400", None, None),
    ("+20%", FOLLOWERS, "480", "+20%", UP),
    ("20% more", FOLLOWERS, "480", "+20%", UP),
    ("grow by 20%", FOLLOWERS, "480", "+20%", UP),
    ("increase by 5k", FOLLOWERS, "5400", "+5,000", UP),
    ("+5000", FOLLOWERS, "5400", "+5,000", UP),
    ("500 more followers", FOLLOWERS, "900", "+500", UP),
    ("double it", FOLLOWERS, "800", "×2", UP),
    ("2x", FOLLOWERS, "800", "×2", UP),
    ("x3", FOLLOWERS, "1200", "×3", UP),
    ("triple", FOLLOWERS, "1200", "×3", UP),
    ("halve it", FOLLOWERS, "200", "×0.5", DOWN),
    ("cut by 30%", FOLLOWERS, "280", "-30%", DOWN),
    ("-15%", FOLLOWERS, "340", "-15%", DOWN),
    ("dublu", FOLLOWERS, "800", "×2", UP),
    ("iki katına", FOLLOWERS, "800", "×2", UP),
    ("دو برابر", FOLLOWERS, "800", "×2", UP),
    ("gấp đôi", FOLLOWERS, "800", "×2", UP),
    ("crește cu 20%", FOLLOWERS, "480", "+20%", UP),
    ("%20 artış", FOLLOWERS, "480", "+20%", UP),
    ("tăng 20%", FOLLOWERS, "480", "+20%", UP),
    ("۲۰٪ افزایش", FOLLOWERS, "480", "+20%", UP),
    ("under 1h", RESPONSE_TIME, "3600", None, DOWN),
    ("cut to under 1h", RESPONSE_TIME, "3600", None, DOWN),
    ("reduce to 2h", RESPONSE_TIME, "7200", None, DOWN),
    ("cut by 30 min", RESPONSE_TIME, "5400", "-30 min", DOWN),
    ("-15%", RESPONSE_TIME, "6120", "-15%", DOWN),
    ("1 saatin altında", RESPONSE_TIME, "3600", None, DOWN),
    ("giảm xuống 1 giờ", RESPONSE_TIME, "3600", None, DOWN),
    ("کاهش به ۱ ساعت", RESPONSE_TIME, "3600", None, DOWN),
    ("at least 5%", ENGAGEMENT, "5", None, UP),
    ("+1pp", ENGAGEMENT, "4.2", "+1pp", UP),
    ("+20%", ENGAGEMENT, "3.84", "+20%", UP),
    ("4.5", ENGAGEMENT, "4.5", None, UP),
    ("-5", NPS, "-5", None, UP),
    ("+10", NPS, "-10", "+10", UP),
    ("+500", REVENUE, "2000", "+500 RON", UP),
]


@pytest.mark.parametrize(("typed", "baseline", "value", "relative", "direction"), TARGET_CASES)
def test_parse_target_resolves_to_an_absolute_target(
    typed: str,
    baseline: Quantity,
    value: str,
    relative: str | None,
    direction: Direction | None,
) -> None:
    target = parse_target(typed, baseline=baseline)
    assert isinstance(target, ParsedTarget), target
    assert target.quantity == Quantity(D(value), baseline.unit, baseline.currency)
    assert (target.relative, target.direction) == (relative, direction)


def test_parse_target_typed_in_money_keeps_the_baseline_currency() -> None:
    target = parse_target("2000", baseline=REVENUE)
    assert isinstance(target, ParsedTarget)
    assert target.quantity == Quantity(D(2000), M, "RON")


@pytest.mark.parametrize("typed", ["+20%", "double it", "grow by 500", "2x"])
def test_parse_target_asks_for_a_number_when_there_is_no_baseline(typed: str) -> None:
    error = parse_target(typed, baseline=None)
    assert isinstance(error, ParseError)
    assert "number" in error.message


def test_parse_target_without_baseline_accepts_an_absolute_number() -> None:
    target = parse_target("under 1h", baseline=None)
    assert target == ParsedTarget(Quantity(D(3600), T), None, DOWN)


@pytest.mark.parametrize(
    "typed",
    ["x" * 10_000, "1," * 5_000, "1 " * 5_000, "1h" * 5_000, "<!channel> " * 1_000, "😀" * 5_000],
)
def test_parsers_answer_long_input_quickly(typed: str) -> None:
    started = time.perf_counter()
    parse_quantity(typed)
    parse_target(typed, baseline=FOLLOWERS)
    assert time.perf_counter() - started < 1


@settings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from([None, *Unit]))
def test_parse_quantity_never_raises(text: str, hint: Unit | None) -> None:
    assert isinstance(parse_quantity(text, unit_hint=hint), ParsedQuantity | ParseError)


@settings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from([None, FOLLOWERS, RESPONSE_TIME, ENGAGEMENT, NPS, REVENUE]))
def test_parse_target_never_raises(text: str, baseline: Quantity | None) -> None:
    assert isinstance(parse_target(text, baseline=baseline), ParsedTarget | ParseError)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([Unit.COUNT, Unit.PERCENT, Unit.SCORE]),
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False),
    st.booleans(),
)
def test_formatted_numbers_read_back_the_same(unit: Unit, value: Decimal, compact: bool) -> None:
    if unit is Unit.COUNT and value < 0:
        value = -value  # a negative count is not something anyone types
    written = format_quantity(Quantity(value, unit), compact=compact and unit is Unit.COUNT)
    parsed = parse_quantity(written, unit_hint=unit)
    assert isinstance(parsed, ParsedQuantity), (written, parsed)
    expected = D(written.rstrip("%kMB").replace(",", "")) if compact else value
    if compact and written[-1] in "kMB":
        expected *= {"k": 10**3, "M": 10**6, "B": 10**9}[written[-1]]
    assert parsed.quantity.value == expected
    assert parsed.rest == ""


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=400 * 86_400))
def test_formatted_durations_read_back_the_same(seconds: int) -> None:
    written = format_quantity(Quantity(D(seconds), Unit.DURATION))
    parsed = parse_quantity(written, unit_hint=Unit.DURATION)
    assert isinstance(parsed, ParsedQuantity), (written, parsed)
    assert parsed.quantity == Quantity(D(seconds), Unit.DURATION)
    assert parsed.rest == ""


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        ("402.93", Unit.COUNT, "403"),
        ("99.555", Unit.COUNT, "99.56"),  # small counts (per agent, per day) keep decimals
        ("3.256", Unit.PERCENT, "3.26"),
        ("5400.4", Unit.DURATION, "5400"),
        ("1234.567", Unit.CURRENCY, "1234.57"),
        ("-120.5", Unit.COUNT, "-121"),
    ],
)
def test_estimates_are_rounded_to_what_their_unit_counts_in(
    value: str, unit: Unit, shown: str
) -> None:
    assert round_estimate(D(value), unit) == D(shown)
