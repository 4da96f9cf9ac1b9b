"""Hostile payloads: tampered button values, garbled modal submissions, junk HTTP bodies.

Slack sends back what the bot put in its own messages, but a stale message, a
replayed request or a bug can make any of it odd. Whatever arrives, over HTTP or
over Socket Mode, the answer is never a 5xx, no traceback reaches the logs, the
error handler never has to speak, and a refused input changes no data.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine

from bot.render.digest_subscriptions import subscribe_modal
from bot.render.goals import EDIT_CALLBACK
from bot.render.reminders import UPDATE_CALLBACK
from storage.models import Goal
from tests.harness import BotHarness
from tests.scenarios.hostile import Watch, World, fuzz_settings, hostile_text, seed_world

ACTION_IDS = [
    "interview.answer.0",
    "interview.start",
    "question.status.0",
    "home.new_goal",
    "home.checkin",
    "home.pause_reminders",
    "home.resume_reminders",
    "home.page_prev",
    "home.page_next",
    "digest.subscribe",
    "goal.edit",
    "goal.edit_3",
    "goal.chart",
    "goal.archive",
    "goal.archive_confirm",
    "goal.archive_cancel",
    "reminder.update",
    "reminder.skip",
    "reminder.snooze",
    "reminder.pause",
]

# What only the owner (U1) or an admin may do to U1's goals and reminders.
OWNER_ONLY = {"goal.archive_confirm", "reminder.skip", "reminder.snooze", "reminder.pause"}

json_junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@pytest.fixture(params=["http", "socket"])
def either(db: Engine, request: pytest.FixtureRequest) -> Iterator[BotHarness]:
    """The bot over HTTP, then over Socket Mode: both must hold."""
    with BotHarness(db, socket_mode=request.param == "socket") as running:
        yield running


def button_values(world: World) -> st.SearchStrategy[Any]:
    ids = [world.goal_id, world.hostile_goal_id]
    return st.one_of(
        st.sampled_from([str(i) for i in ids]),
        st.sampled_from(["0", "-1", "²", "١٢", "1.5", "9" * 30, "", " 1", "1e3", "NaN"]),
        hostile_text,
        json_junk.map(json.dumps),
        json_junk,  # not even a string: Slack never sends this, a replay might
    )


def test_tampered_buttons_never_break_the_bot(either: BotHarness) -> None:
    world = seed_world(either)

    @fuzz_settings(120)
    @given(
        action_id=st.sampled_from(ACTION_IDS),
        value=button_values(world),
        user=st.sampled_from(["U1", "U2"]),
        on_reminder=st.booleans(),
    )
    def run(action_id: str, value: Any, user: str, on_reminder: bool) -> None:
        element = {
            "type": "button",
            "action_id": action_id,
            "value": value,
            "text": {"type": "plain_text", "text": "x"},
        }
        watch = Watch(either)
        message = world.reminder if on_reminder else None
        answer = either.driver.block_action(user, element, "b", message)
        assert answer.status < 500
        watch.check(rejected=user == "U2" and action_id in OWNER_ONLY)

    run()


def _state_value() -> st.SearchStrategy[Any]:
    text_value = st.one_of(st.none(), hostile_text, json_junk)
    return st.one_of(
        st.fixed_dictionaries({"type": st.just("plain_text_input"), "value": text_value}),
        st.fixed_dictionaries(
            {
                "selected_option": st.one_of(
                    st.none(), json_junk, st.fixed_dictionaries({"value": text_value})
                )
            }
        ),
        st.fixed_dictionaries(
            {
                "selected_date": st.one_of(
                    st.sampled_from(
                        ["2026-12-31", "2026-02-30", "0001-01-01", "9999-12-31", "31/12/2026"]
                    ),
                    text_value,
                )
            }
        ),
        st.fixed_dictionaries(
            {"selected_user": st.one_of(st.sampled_from(["U1", "U2"]), text_value)}
        ),
        st.fixed_dictionaries(
            {"selected_conversation": st.one_of(st.sampled_from(["C1", "D1", ""]), text_value)}
        ),
        json_junk,
    )


def _state(block_ids: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """Modal state: each known input present or not, with a right or wrong kind of value,
    under its own action id or another, plus unknown extra blocks."""
    entry = st.dictionaries(
        st.sampled_from(["value", "note", "confidence", "other"]), _state_value(), max_size=2
    )
    known = st.fixed_dictionaries({}, optional={b: entry for b in block_ids})
    extra = st.dictionaries(st.text(max_size=10), entry, max_size=2)
    return st.builds(lambda k, e: {**e, **k}, known, extra)


def _rejected(answer: Any) -> bool:
    body = answer.json() if answer.body.strip().startswith("{") else {}
    return isinstance(body, dict) and body.get("response_action") == "errors"


def _check_submission(watch: Watch, answer: Any) -> None:
    assert answer.status < 500
    if _rejected(answer):
        errors = answer.json()["errors"]
        # The global error handler answers `errors: {}`: that means a listener failed.
        assert errors and all(isinstance(m, str) and m for m in errors.values()), errors
    watch.check(rejected=_rejected(answer))


def test_garbled_update_forms_never_break_the_bot(either: BotHarness) -> None:
    world = seed_world(either)
    either.driver.click("U1", world.reminder, "Update")
    [view] = [v for v in either.sandbox.views.values() if v.get("callback_id") == UPDATE_CALLBACK]
    value_blocks = [b["block_id"] for b in view["blocks"]]
    metadata = st.one_of(
        st.just(view["private_metadata"]),
        st.sampled_from(["", "{", "[]", "null", '{"channel": 5, "thread": []}', '"x"']),
        json_junk.map(json.dumps),
    )

    @fuzz_settings(80)
    @given(values=_state([*value_blocks, "value:999999", "value:x"]), private=metadata)
    def run(values: dict[str, Any], private: str) -> None:
        watch = Watch(either)
        answer = either.driver.submit_view("U1", {**view, "private_metadata": private}, values)
        _check_submission(watch, answer)

    run()


def test_garbled_edit_forms_never_break_the_bot(either: BotHarness) -> None:
    world = seed_world(either)
    with either.services.session() as session:
        hostile = session.get(Goal, world.hostile_goal_id)
        assert hostile is not None
        number = hostile.number
    either.driver.command("U1", "/goals", f"edit #{number}")
    [view] = [v for v in either.sandbox.views.values() if v.get("callback_id") == EDIT_CALLBACK]
    block_ids = [b["block_id"] for b in view["blocks"]]
    metadata = st.one_of(
        st.sampled_from([view["private_metadata"], str(world.goal_id)]),
        st.sampled_from(["", "x", "-1", "²", "9" * 30, "0"]),
        hostile_text,
    )

    @fuzz_settings(80)
    @given(values=_state(block_ids), private=metadata, user=st.sampled_from(["U1", "U2"]))
    def run(values: dict[str, Any], private: str, user: str) -> None:
        watch = Watch(either)
        answer = either.driver.submit_view(user, {**view, "private_metadata": private}, values)
        _check_submission(watch, answer)

    run()


def test_garbled_digest_forms_never_break_the_bot(either: BotHarness) -> None:
    seed_world(either)
    view = subscribe_modal()

    @fuzz_settings(60)
    @given(values=_state(["channel", "schedule"]))
    def run(values: dict[str, Any]) -> None:
        watch = Watch(either)
        answer = either.driver.submit_view("U1", view, values)
        _check_submission(watch, answer)

    run()


FORM = "application/x-www-form-urlencoded"

bodies = st.one_of(
    st.tuples(
        st.binary(max_size=300), st.sampled_from([FORM, "application/json", "text/plain", ""])
    ),
    st.tuples(json_junk.map(lambda j: json.dumps(j).encode()), st.just("application/json")),
    st.tuples(
        st.dictionaries(st.text(max_size=10), st.text(max_size=30), max_size=5).map(
            lambda d: "&".join(f"{k}={v}" for k, v in d.items()).encode()
        ),
        st.just(FORM),
    ),
    st.tuples(
        st.one_of(json_junk, st.text(max_size=40)).map(
            lambda j: (
                b"payload=" + json.dumps(j).encode()
                if not isinstance(j, str)
                else b"payload=" + j.encode()
            )
        ),
        st.just(FORM),
    ),
    st.tuples(
        st.fixed_dictionaries(
            {
                "type": st.sampled_from(
                    [
                        "event_callback",
                        "block_actions",
                        "view_submission",
                        "url_verification",
                        "shortcut",
                    ]
                )
            },
            optional={
                "event": json_junk,
                "team_id": json_junk,
                "actions": json_junk,
                "view": json_junk,
                "user": json_junk,
                "challenge": json_junk,
            },
        ).map(lambda d: json.dumps(d).encode()),
        st.just("application/json"),
    ),
)


def test_junk_bodies_at_the_events_endpoint_get_4xx_or_200_and_do_nothing(
    harness: BotHarness,
) -> None:
    seed_world(harness)

    @fuzz_settings(120)
    @given(body=bodies)
    def run(body: tuple[bytes, str]) -> None:
        raw, content_type = body
        watch = Watch(harness)
        answer = harness.driver.post_signed(raw, content_type)
        assert answer.status == 200 or 400 <= answer.status < 500, (answer.status, answer.body)
        watch.check(rejected=True)

    run()
