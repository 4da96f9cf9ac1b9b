"""Enterprise Grid payloads: `team` is null, and the workspace is the person's `team_id`.

Listeners read the workspace from the Actor the middleware puts in the context, so
a button press or a slash command from an org-wide install reaches the right goals.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from sqlmodel import select

from bot.sandbox.state import Message
from storage.models import CheckIn
from tests.factories import make_reminded_goal
from tests.harness import TEAM, BotHarness
from tests.reminder_helpers import MONDAY_10_BUCHAREST, reminders_to, tick

ENTERPRISE = "E0GRID"
FORM = "application/x-www-form-urlencoded"


def grid_button_press(harness: BotHarness, user: str, message: Message, action_id: str) -> int:
    """Press a button of `message` as Slack sends it from an org-wide install: `team` null."""
    [button] = [
        element
        for block in message.blocks
        for element in block.get("elements") or []
        if element.get("action_id") == action_id
    ]
    payload: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": user, "username": user.lower(), "name": user.lower(), "team_id": TEAM},
        "api_app_id": harness.sandbox.app_id,
        "token": "sandbox-verification-token",
        "trigger_id": "1.2.grid",
        "team": None,
        "enterprise": {"id": ENTERPRISE, "name": "Grid"},
        "is_enterprise_install": True,
        "container": {"type": "message", "message_ts": message.ts, "channel_id": message.channel},
        "channel": {"id": message.channel, "name": message.channel},
        "response_url": harness.sandbox.response_url(message.channel, user),
        "actions": [
            {
                "action_id": action_id,
                "block_id": "b",
                "value": button.get("value"),
                "type": "button",
                "action_ts": harness.sandbox.next_ts(),
            }
        ],
        "state": {"values": {}},
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()
    return harness.driver.post_signed(body, FORM).status


def test_a_button_press_with_a_null_team_finds_its_workspace(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)
    [reminder] = reminders_to(harness, "U1")

    assert grid_button_press(harness, "U1", reminder, "reminder.skip") == 200

    [answer] = [
        m
        for m in harness.sandbox.thread(reminder.channel, reminder.ts)
        if m.user == harness.sandbox.bot_user_id and m.ts != reminder.ts
    ]
    assert answer.text.startswith("OK, nothing this time.")


def test_a_slash_command_from_an_org_wide_install_checks_in(harness: BotHarness) -> None:
    make_reminded_goal(harness)
    payload = {
        "token": "sandbox-verification-token",
        "team_id": TEAM,
        "team_domain": "sandbox",
        "enterprise_id": ENTERPRISE,
        "enterprise_name": "Grid",
        "is_enterprise_install": "true",
        "channel_id": harness.sandbox.im_channel("U1"),
        "channel_name": "directmessage",
        "user_id": "U1",
        "user_name": "ana",
        "command": "/goals",
        "text": "checkin reach 41.2k",
        "api_app_id": harness.sandbox.app_id,
        "response_url": harness.sandbox.response_url(harness.sandbox.im_channel("U1"), "U1"),
        "trigger_id": "3.4.grid",
    }

    assert harness.driver.post_signed(urlencode(payload).encode(), FORM).status == 200

    with harness.services.session() as session:
        [stored] = session.exec(select(CheckIn)).all()
    assert stored.team_id == TEAM


def test_the_update_form_from_an_org_wide_install_records_the_check_in(
    harness: BotHarness,
) -> None:
    make_reminded_goal(harness)
    harness.clock.set(MONDAY_10_BUCHAREST)
    tick(harness)
    [reminder] = reminders_to(harness, "U1")
    assert grid_button_press(harness, "U1", reminder, "reminder.update") == 200
    [form] = harness.sandbox.views.values()
    value_block = next(b["block_id"] for b in form["blocks"] if b["block_id"].startswith("value:"))
    payload = {
        "type": "view_submission",
        "team": None,
        "enterprise": {"id": ENTERPRISE, "name": "Grid"},
        "is_enterprise_install": True,
        "user": {"id": "U1", "username": "ana", "name": "ana", "team_id": TEAM},
        "api_app_id": harness.sandbox.app_id,
        "token": "sandbox-verification-token",
        "trigger_id": "5.6.grid",
        "view": {
            **form,
            "team_id": TEAM,
            "state": {
                "values": {value_block: {"value": {"type": "plain_text_input", "value": "43k"}}}
            },
        },
        "response_urls": [],
    }
    body = urlencode({"payload": json.dumps(payload)}).encode()

    assert harness.driver.post_signed(body, FORM).status == 200

    with harness.services.session() as session:
        [stored] = session.exec(select(CheckIn)).all()
    assert (stored.team_id, stored.value) == (TEAM, 43000)
