"""manifest.yml is valid for Slack and agrees with what the code listens to."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT.parent / "shared" / "slack" / "manifest.schema.1.0.0.json"
MESSAGE_EVENTS = {"message.im", "message.channels", "message.groups", "message.mpim"}


def manifest() -> dict:
    return yaml.safe_load((ROOT / "manifest.yml").read_text())


def code_listeners(kind: str) -> set[str]:
    # `app.event("message")` and `app.event({"type": "message", "subtype": ...})`
    pattern = re.compile(rf"app\.{kind}\(\s*(?:\{{\s*[\"']type[\"']:\s*)?[\"']([^\"']+)[\"']")
    found: set[str] = set()
    for path in (ROOT / "bot").rglob("*.py"):
        found.update(pattern.findall(path.read_text()))
    found.update(
        re.findall(
            rf"{kind.upper()} = [\"']([^\"']+)[\"']",
            "".join(p.read_text() for p in (ROOT / "bot" / "listeners").rglob("*.py")),
        )
    )
    return found


def test_manifest_matches_slacks_schema() -> None:
    jsonschema.validate(manifest(), json.loads(SCHEMA.read_text()))


def test_every_event_the_code_listens_to_is_subscribed_and_back() -> None:
    subscribed = set(manifest()["settings"]["event_subscriptions"]["bot_events"])
    listened = code_listeners("event")
    expected = {e for e in listened if e != "message"} | (
        MESSAGE_EVENTS & subscribed if "message" in listened else set()
    )

    assert "message" in listened
    assert subscribed == expected
    assert {"message.im", "message.channels", "message.groups"} <= subscribed


def test_the_sandbox_grants_and_delivers_what_the_manifest_says() -> None:
    from bot.sandbox.state import SandboxState

    sandbox = SandboxState(team_id="T1", team_name="t")
    assert sandbox.bot_scopes == set(manifest()["oauth_config"]["scopes"]["bot"])
    assert sandbox.bot_events == set(manifest()["settings"]["event_subscriptions"]["bot_events"])
    commands = manifest()["features"]["slash_commands"]
    assert sandbox.should_escape == {c["command"]: c.get("should_escape", False) for c in commands}


def test_slack_escapes_mentions_and_links_in_goals_text() -> None:
    # The command readers take owners, channels and links as Slack escapes them.
    [goals] = manifest()["features"]["slash_commands"]
    assert goals["should_escape"] is True


def test_every_slash_command_is_declared_and_back() -> None:
    declared = {c["command"] for c in manifest()["features"]["slash_commands"]}

    assert declared == code_listeners("command")


def test_the_manifest_asks_for_no_scope_the_bot_does_not_use() -> None:
    scopes = set(manifest()["oauth_config"]["scopes"]["bot"])

    assert scopes == {
        "app_mentions:read",
        "channels:history",
        "chat:write",
        "files:read",
        "commands",
        "files:write",
        "groups:history",
        "im:history",
        "im:write",
        "users:read",
        "users.profile:read",
    }
    assert manifest()["settings"]["socket_mode_enabled"] is True
    assert manifest()["settings"]["interactivity"]["is_enabled"] is True
    assert manifest()["features"]["app_home"]["home_tab_enabled"] is True


def test_the_oauth_install_asks_for_the_manifest_scopes() -> None:
    from bot.slack.workspaces import manifest_scopes

    assert manifest_scopes() == manifest()["oauth_config"]["scopes"]["bot"]
