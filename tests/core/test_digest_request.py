"""`/goals digest ...` as people type it: schedules, filters, time zones, and mistakes."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.cadence import CadenceKind
from bot.core.digest_request import (
    SetDigestLanguage,
    ShowSubscription,
    Subscribe,
    Unsubscribe,
    parse_digest_request,
)
from bot.core.parse_error import ParseError
from bot.core.period import Period
from bot.core.values import Category

TZ = "Europe/Bucharest"


@pytest.mark.parametrize(
    ("typed", "period", "weekdays", "day", "at", "tz"),
    [
        ("here weekly mon 09:00", Period.WEEKLY, (0,), None, time(9), TZ),
        ("weekly fri 16:00", Period.WEEKLY, (4,), None, time(16), TZ),
        ("here", Period.WEEKLY, (0,), None, time(9), TZ),
        ("weekly", Period.WEEKLY, (0,), None, time(9), TZ),
        ("here monthly 1st 9am", Period.MONTHLY, (), 1, time(9), TZ),
        ("monthly on the last day at 17:30", Period.MONTHLY, (), "last", time(17, 30), TZ),
        ("weekly mon 08:00 Asia/Tehran", Period.WEEKLY, (0,), None, time(8), "Asia/Tehran"),
        ("HERE Weekly Tuesday 10am UTC", Period.WEEKLY, (1,), None, time(10), "UTC"),
    ],
)
def test_schedules_people_type(
    typed: str, period: Period, weekdays: tuple[int, ...], day: object, at: time, tz: str
) -> None:
    request = parse_digest_request(typed, tz=TZ)

    assert isinstance(request, Subscribe), request
    assert (request.period, request.cadence.weekdays, request.cadence.day_of_month) == (
        period,
        weekdays,
        day,
    )
    assert (request.cadence.at, request.cadence.tz) == (at, tz)


@pytest.mark.parametrize(
    ("typed", "category", "platform", "owner"),
    [
        ("weekly category awareness", Category.AWARENESS, None, None),
        ("weekly category Leads", Category.LEADS, None, None),
        ("weekly platform instagram", None, "instagram", None),
        ("weekly platform insta owner <@U2>", None, "instagram", "U2"),
        ("here weekly mon 09:00 owner <@U2|bogdan>", None, None, "U2"),
    ],
)
def test_filters(
    typed: str, category: Category | None, platform: str | None, owner: str | None
) -> None:
    request = parse_digest_request(typed, tz=TZ)

    assert isinstance(request, Subscribe), request
    assert (request.filters.category, request.filters.platform, request.filters.owner_id) == (
        category,
        platform,
        owner,
    )


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("off", Unsubscribe()),
        ("stop", Unsubscribe()),
        ("", ShowSubscription()),
        ("status", ShowSubscription()),
    ],
)
def test_off_and_status(typed: str, expected: object) -> None:
    assert parse_digest_request(typed, tz=TZ) == expected


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("daily", "weekly or monthly"),
        ("every 2 weeks", "weekly or monthly"),
        ("weekly mon and thu", "one day"),
        ("weekly category pizza", '"pizza" is not a category'),
        ("weekly platform myspace-ish", "not a platform"),
        ("weekly owner ana", "@mention"),
        ("weekly Mars/Olympus", "not a time zone"),
        ("weekly sometimes", "sometimes"),
    ],
)
def test_mistakes_get_a_clear_answer_with_an_example(typed: str, says: str) -> None:
    request = parse_digest_request(typed, tz=TZ)

    assert isinstance(request, ParseError)
    assert says in request.message
    assert request.example


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_any_text_gives_a_result_never_an_exception(typed: str) -> None:
    request = parse_digest_request(typed, tz=TZ)

    assert isinstance(request, Subscribe | Unsubscribe | ShowSubscription | ParseError)
    if isinstance(request, Subscribe):
        assert request.cadence.kind in (CadenceKind.WEEKLY, CadenceKind.MONTHLY)


def test_a_digest_language_is_read_by_code_or_name() -> None:
    assert parse_digest_request("here language tr", tz="UTC") == SetDigestLanguage("tr")
    assert parse_digest_request("language فارسی", tz="UTC") == SetDigestLanguage("fa")
    assert parse_digest_request("here language auto", tz="UTC") == SetDigestLanguage(None)
    assert isinstance(parse_digest_request("language xx", tz="UTC"), ParseError)
