"""The REST API against the running bot, with a real HTTP client: check-ins by number,
external id or metric and platform, stored like any other, once per Idempotency-Key."""

from __future__ import annotations

import json
import threading
import uuid
from datetime import timedelta
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import select

from bot.scheduling.scheduler import forget_old_events
from bot.services.transfer import import_file
from storage.models import CheckIn
from tests.api.helpers import client, interview_goal, new_token
from tests.harness import TEAM, BotHarness
from tests.scenarios.hostile import fuzz_settings, hostile_text


def stored(harness: BotHarness) -> list[CheckIn]:
    with harness.services.session() as session:
        return list(session.exec(select(CheckIn).order_by(CheckIn.id)))  # type: ignore[arg-type]


@pytest.fixture
def api(harness: BotHarness) -> httpx.Client:
    interview_goal(harness)
    with client(harness, new_token(harness)) as http:
        yield http  # type: ignore[misc]


def test_a_goal_made_in_the_interview_is_found_by_metric_and_platform(
    harness: BotHarness, api: httpx.Client
) -> None:
    answer = api.post("/checkins", json={"metric": "followers", "platform": "insta",
                                         "value": "412", "note": "reel day"})  # fmt: skip

    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["checkin"]["value"] == "412" and body["checkin"]["note"] == "reel day"
    assert body["goal"]["number"] == 1 and body["goal"]["title"].startswith("Followers to 480")
    [checkin] = stored(harness)
    assert (checkin.value, checkin.author_id, checkin.note) == (412, "U1", "reel day")


@pytest.mark.parametrize(
    ("named", "value"),
    [({"goal": 1}, 410), ({"goal": "#1"}, "410"), ({"metric": "urmăritori"}, "0.41k")],
)
def test_the_goal_is_named_by_number_or_metric_in_any_language(
    api: httpx.Client, named: dict[str, Any], value: Any
) -> None:
    answer = api.post("/checkins", json={**named, "value": value})

    assert answer.status_code == 201, answer.text
    assert answer.json()["checkin"]["value"] == "410"


def test_a_check_in_by_api_shows_in_the_goals_history(
    harness: BotHarness, api: httpx.Client
) -> None:
    api.post("/checkins", json={"goal": 1, "value": 430, "at": "2026-11-21T09:00:00+02:00"})

    history = api.get("/goals/1/checkins").json()
    assert [(c["value"], c["at"]) for c in history["checkins"]] == [("430", "2026-11-21T07:00:00Z")]
    harness.driver.command("U1", "/goals", "show #1")
    assert "430" in str(harness.last_reply("U1").blocks)


def test_a_retry_with_the_same_key_stores_once_and_gets_the_first_answer(
    harness: BotHarness, api: httpx.Client
) -> None:
    key = {"Idempotency-Key": str(uuid.uuid4())}
    first = api.post("/checkins", json={"goal": 1, "value": 410}, headers=key)
    again = api.post("/checkins", json={"value": 410, "goal": 1}, headers=key)

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert len(stored(harness)) == 1
    other = api.post("/checkins", json={"goal": 1, "value": 420}, headers=key)
    assert other.status_code == 422
    assert other.json()["error"]["code"] == "idempotency_key_reused"
    assert len(stored(harness)) == 1


def test_two_requests_racing_with_the_same_key_store_once(
    harness: BotHarness, api: httpx.Client
) -> None:
    key = {"Idempotency-Key": "race-1"}
    start = threading.Barrier(2)
    answers: list[httpx.Response] = []

    def send() -> None:
        start.wait()
        answers.append(api.post("/checkins", json={"goal": 1, "value": 415}, headers=key))

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].json() == answers[1].json()
    assert len(stored(harness)) == 1


def test_a_refused_request_keeps_nothing_so_its_key_can_be_sent_again(
    harness: BotHarness, api: httpx.Client
) -> None:
    key = {"Idempotency-Key": "fix-and-retry"}
    far = api.post("/checkins", json={"goal": 1, "value": 41000}, headers=key)

    assert far.status_code == 422 and far.json()["error"]["code"] == "implausible_value"
    assert "far from the last value" in far.json()["error"]["message"]
    assert stored(harness) == []
    fixed = api.post("/checkins", json={"goal": 1, "value": 410}, headers=key)
    assert fixed.status_code == 201
    confirmed = api.post("/checkins", json={"goal": 1, "value": 41000, "confirm": True})
    assert confirmed.status_code == 201
    assert [c.value for c in stored(harness)] == [410, 41000]


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"goal": 1, "value": "lots"}, 422, "unreadable_value"),
        ({"goal": 1, "value": -5}, 422, "implausible_value"),
        ({"goal": 7, "value": 410}, 404, "not_found"),
        ({"metric": "reach", "value": 410}, 404, "not_found"),
        ({"platform": "myspace", "value": 410}, 422, "unknown_platform"),
        ({"value": 410}, 400, "invalid_request"),
        ({"goal": 1, "external_id": "x", "value": 410}, 400, "invalid_request"),
        ({"goal": 1, "value": 410, "at": "2026-11-21 09:00"}, 400, "invalid_request"),
        ({"goal": 1, "value": True}, 400, "invalid_request"),
        ({"goal": 1, "value": 410, "extra": 1}, 400, "invalid_request"),
    ],
)
def test_bad_requests_get_a_json_error_and_store_nothing(
    harness: BotHarness, api: httpx.Client, body: dict[str, Any], status: int, code: str
) -> None:
    answer = api.post("/checkins", json=body)

    assert (answer.status_code, answer.json()["error"]["code"]) == (status, code), answer.text
    assert answer.json()["error"]["message"]
    assert stored(harness) == []


def test_a_body_that_is_not_json_or_too_big_is_refused(api: httpx.Client) -> None:
    assert api.post("/checkins", content=b"{value: 1").json()["error"]["code"] == "malformed_json"
    big = api.post("/checkins", json={"goal": 1, "value": 410, "note": "x" * 70_000})
    assert (big.status_code, big.json()["error"]["code"]) == (413, "too_large")


def test_any_text_as_value_or_note_gets_an_answer_not_a_crash(
    harness: BotHarness, api: httpx.Client
) -> None:
    @fuzz_settings(60)
    @given(value=st.one_of(hostile_text, st.text(max_size=100)), note=hostile_text)
    def run(value: str, note: str) -> None:
        answer = api.post("/checkins", json={"goal": 1, "value": value, "note": note})

        assert answer.status_code in (201, 400, 422), answer.text
        assert answer.json()["error" if answer.status_code != 201 else "checkin"]

    run()


def test_an_imported_goal_is_found_by_its_external_id(harness: BotHarness) -> None:
    import_file(harness.services, team_id=TEAM, text=json.dumps({"goals": [
        {"id": "yt-views", "title": "Video views to 50,000 on YouTube", "metric": "video views",
         "platform": "YouTube", "baseline": "12000", "target": "50000", "deadline": "2026-12-31",
         "owner": "U1"},
    ]}))  # fmt: skip

    with client(harness, new_token(harness)) as http:
        answer = http.post("/checkins", json={"external_id": "yt-views", "value": "13.5k"})
        later = http.post("/checkins", json={"external_id": "yt-views", "value": 14000,
                                             "at": "2026-11-22T09:00:00Z"})  # fmt: skip

    assert answer.status_code == 201 and answer.json()["checkin"]["value"] == "13500"
    assert (later.status_code, later.json()["error"]["code"]) == (422, "future_time")


def test_an_uninstalled_workspaces_tokens_stop_working(harness: BotHarness) -> None:
    token = new_token(harness)

    harness.driver.uninstall()

    with client(harness, token) as http:
        assert http.get("/goals").status_code == 401


def test_idempotency_keys_are_kept_a_day(harness: BotHarness, api: httpx.Client) -> None:
    key = {"Idempotency-Key": "daily-export"}
    api.post("/checkins", json={"goal": 1, "value": 410}, headers=key)
    harness.clock.advance(timedelta(days=1, minutes=1))

    forget_old_events(harness.services)  # the interview's event ids go too
    again = api.post("/checkins", json={"goal": 1, "value": 412}, headers=key)
    assert again.status_code == 201
    assert [c.value for c in stored(harness)] == [410, 412]
