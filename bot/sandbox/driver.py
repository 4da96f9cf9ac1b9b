"""The sandbox's user side: what a person does in Slack, delivered to the bot as Slack would.

`SlackDriver` builds the same payloads Slack sends (slash commands form-encoded,
Events API JSON, interactivity as `payload=`) and delivers them either as signed
HTTP requests to the bot's `/slack/events` or as Socket Mode envelopes.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from bot.sandbox.command_text import as_sent, message_text
from bot.sandbox.server import SlackSandbox
from bot.sandbox.state import Message


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """Slack's request signature: `v0=` + HMAC-SHA256 over `v0:{timestamp}:{body}`."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Signing:
    """How a request is signed: as Slack signs it, unless a test forges, ages or drops it."""

    signed: bool = True
    secret: str | None = None  # None: the sandbox's own signing secret
    timestamp: str | None = None  # None: now


@dataclass
class Delivery:
    """What the bot answered to one delivered request (HTTP status and body, or the ack)."""

    status: int
    body: str

    def json(self) -> Any:
        return json.loads(self.body) if self.body else None


class SlackDriver:
    """Acts as Slack toward the bot: a person's commands, messages, clicks and form posts.

    Example:
        >>> driver = SlackDriver(sandbox, bot_url="http://127.0.0.1:8123")
        >>> driver.command("U1", "/goals", "help")
    """

    def __init__(
        self, sandbox: SlackSandbox, *, bot_url: str | None = None, socket_mode: bool = False
    ) -> None:
        if not bot_url and not socket_mode:
            raise ValueError("give the bot's URL, or use socket_mode=True")
        self.sandbox = sandbox
        self.bot_url = (bot_url or "").rstrip("/")
        self.socket_mode = socket_mode
        self._ids = itertools.count(1)

    # --- transport --------------------------------------------------------------------------

    def post_signed(
        self,
        body: bytes,
        content_type: str,
        *,
        path: str = "/slack/events",
        signing: Signing | None = None,
        headers: dict[str, str] | None = None,
    ) -> Delivery:
        """POST a body to the bot, signed as Slack signs (or, by `signing`, deliberately not)."""
        signing = signing or Signing()
        timestamp = signing.timestamp or str(int(time.time()))
        all_headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": timestamp}
        if signing.signed:
            all_headers["X-Slack-Signature"] = sign(
                signing.secret or self.sandbox.signing_secret, timestamp, body
            )
        all_headers.update(headers or {})
        request = urllib.request.Request(self.bot_url + path, data=body, headers=all_headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return Delivery(response.status, response.read().decode())
        except urllib.error.HTTPError as exc:
            return Delivery(exc.code, exc.read().decode())

    def _deliver(
        self, kind: str, payload: dict[str, Any], headers: dict[str, str] | None
    ) -> Delivery:
        if self.socket_mode:
            envelope_type = {"command": "slash_commands", "event": "events_api"}.get(
                kind, "interactive"
            )
            ack = self.sandbox.send_envelope(envelope_type, payload)
            return Delivery(200, json.dumps(ack.get("payload") or {}))
        if kind == "command":
            body, content_type = urlencode(payload).encode(), "application/x-www-form-urlencoded"
        elif kind == "event":
            body, content_type = json.dumps(payload).encode(), "application/json"
        else:
            body = urlencode({"payload": json.dumps(payload)}).encode()
            content_type = "application/x-www-form-urlencoded"
        return self.post_signed(body, content_type, headers=headers)

    # --- a person's actions --------------------------------------------------------------

    def _trigger_id(self) -> str:
        return f"{next(self._ids)}.{int(time.time())}.trigger"

    def command(
        self,
        user: str,
        command: str,
        text: str = "",
        *,
        channel: str | None = None,
        trigger_id: str | None = None,
    ) -> Delivery:
        """Type a slash command (`/goals manager @ana`) in a channel (the user's DM by default);
        Slack escapes the text by the manifest's `should_escape` (bot/sandbox/command_text.py).

        Passing the `trigger_id` of an earlier command replays that request, as a proxy's
        retry or a replay within the signature's five minutes would.
        """
        channel = channel or self.sandbox.im_channel(user)
        payload = {
            "token": "sandbox-verification-token",
            "team_id": self.sandbox.team_id,
            "team_domain": "sandbox",
            "channel_id": channel,
            "channel_name": self.sandbox.channels.get(channel, {}).get("name", "directmessage"),
            "user_id": user,
            "user_name": self.sandbox.users.get(user, {}).get("name", user.lower()),
            "command": command,
            "text": as_sent(self.sandbox, command, text),
            "api_app_id": self.sandbox.app_id,
            "is_enterprise_install": "false",
            "response_url": self.sandbox.response_url(channel, user),
            "trigger_id": trigger_id or self._trigger_id(),
        }
        return self._deliver("command", payload, None)

    def event(
        self, event: dict[str, Any], *, event_id: str | None = None, retry_num: int | None = None
    ) -> Delivery:
        """Deliver one Events API callback (a retry when `retry_num` is given)."""
        body = {
            "token": "sandbox-verification-token",
            "team_id": self.sandbox.team_id,
            "api_app_id": self.sandbox.app_id,
            "event": event,
            "type": "event_callback",
            "event_id": event_id or f"Ev{uuid.uuid4().hex[:16].upper()}",
            "event_time": int(time.time()),
            "authorizations": [
                {
                    "enterprise_id": None,
                    "team_id": self.sandbox.team_id,
                    "user_id": self.sandbox.bot_user_id,
                    "is_bot": True,
                    "is_enterprise_install": False,
                }
            ],
            "is_ext_shared_channel": False,
        }
        headers = None
        if retry_num is not None:
            headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        return self._deliver("event", body, headers)

    def message(
        self, user: str, text: str, *, channel: str | None = None, thread_ts: str | None = None,
        event_id: str | None = None,
    ) -> Message:  # fmt: skip
        """Type a message (a DM to the bot by default); returns the message as Slack stores it."""
        said, channel = message_text(self.sandbox, text), channel or self.sandbox.im_channel(user)
        stored = self.sandbox.record_user_message(channel, user, said, thread_ts)
        return self.send_message(stored, event_id=event_id)

    def send_message(self, stored: Message, *, event_id: str | None = None) -> Message:
        """Tell the bot of a person's stored message (a `file_share` when it has files).

        The bot hears it only as Slack would tell it: when it is in the conversation and
        subscribed to that kind's `message.*` event."""
        event: dict[str, Any] = {
            "type": "message",
            "client_msg_id": f"msg-{next(self._ids)}",
            "user": stored.user,
            "text": stored.text,
            "ts": stored.ts,
            "team": self.sandbox.team_id,
            "channel": stored.channel,
            "event_ts": stored.ts,
            "channel_type": self.sandbox.kind(stored.channel),
        }
        if stored.thread_ts:
            event["thread_ts"] = stored.thread_ts
        if stored.files:
            event.update(subtype="file_share", files=stored.files, upload=True)
        if self.sandbox.bot_hears(stored.channel):
            self.event(event, event_id=event_id)
        return stored

    def mention(
        self, user: str, text: str, *, channel: str, thread_ts: str | None = None
    ) -> Message:
        """Mention the bot in a channel: `@checkin-bot how are we doing on reach?`."""
        full = f"<@{self.sandbox.bot_user_id}> {message_text(self.sandbox, text)}"
        stored = self.sandbox.record_user_message(channel, user, full, thread_ts)
        event: dict[str, Any] = {
            "type": "app_mention",
            "user": user,
            "text": full,
            "ts": stored.ts,
            "team": self.sandbox.team_id,
            "channel": channel,
            "event_ts": stored.ts,
        }
        if thread_ts:
            event["thread_ts"] = thread_ts
        # Mentioning a bot that is not in the channel makes Slack offer to invite it; the
        # bot hears nothing.
        if self.sandbox.bot_hears(channel, "app_mention"):
            self.event(event)
        return stored

    def edit(self, message: Message, new_text: str) -> Delivery:
        """Edit a message the person sent (Slack's `message_changed`)."""
        text, ts = message_text(self.sandbox, new_text), self.sandbox.next_ts()
        edited = {"text": text, "edited": {"user": message.user, "ts": ts}}
        return self._changed(message, edited)

    def unfurl(self, message: Message, url: str = "https://example.com/report") -> Delivery:
        """Slack unfurls a link in a message: `message_changed` with the same text, an
        attachment added and no `edited` mark (the person changed nothing)."""
        return self._changed(message, {"attachments": [{"from_url": url, "title": url, "id": 1}]})

    def _changed(self, message: Message, change: dict[str, Any]) -> Delivery:
        previous = {"type": "message", "user": message.user, "text": message.text, "ts": message.ts}
        if message.thread_ts:
            previous["thread_ts"] = message.thread_ts
        message.text = change.get("text", message.text)
        return self.event(
            {
                "type": "message",
                "subtype": "message_changed",
                "hidden": True,
                "channel": message.channel,
                "message": {**previous, **change},
                "previous_message": previous,
                "event_ts": self.sandbox.next_ts(),
                "ts": self.sandbox.next_ts(),
                "channel_type": self.sandbox.kind(message.channel),
            }
        )

    def delete(self, message: Message) -> Delivery:
        """Delete a message the person sent (Slack's `message_deleted`)."""
        message.deleted = True
        previous = {"type": "message", "user": message.user, "text": message.text, "ts": message.ts}
        if message.thread_ts:
            previous["thread_ts"] = message.thread_ts
        return self.event(
            {
                "type": "message",
                "subtype": "message_deleted",
                "hidden": True,
                "channel": message.channel,
                "ts": self.sandbox.next_ts(),
                "deleted_ts": message.ts,
                "previous_message": previous,
                "event_ts": self.sandbox.next_ts(),
                "channel_type": self.sandbox.kind(message.channel),
            }
        )

    def uninstall(self, event: str = "app_uninstalled") -> Delivery:
        """The workspace removes the app (or revokes its tokens): Slack revokes the bot's
        tokens first, then sends the event."""
        team = self.sandbox.team_id
        self.sandbox.bot_tokens = {t: w for t, w in self.sandbox.bot_tokens.items() if w != team}
        return self.event({"type": event, "event_ts": self.sandbox.next_ts()})

    def reinstall(self) -> None:
        """The workspace adds the app again: the bot's token works again."""
        self.sandbox.bot_tokens[self.sandbox.bot_token] = self.sandbox.team_id

    def open_home(self, user: str) -> Delivery:
        """Open the bot's App Home tab."""
        return self.event(
            {
                "type": "app_home_opened",
                "user": user,
                "channel": self.sandbox.im_channel(user),
                "tab": "home",
                "event_ts": self.sandbox.next_ts(),
            }
        )

    def click(self, user: str, message: Message, button: str) -> Delivery:
        """Press a button in a message, found by its label, action_id or value."""
        for block in message.blocks:
            elements = list(block.get("elements") or [])
            if isinstance(block.get("accessory"), dict):
                elements.append(block["accessory"])
            for element in elements:
                if element.get("type") != "button":
                    continue
                label = element.get("text", {}).get("text", "")
                if button in (label, element.get("action_id"), element.get("value")):
                    return self.block_action(user, element, block.get("block_id", ""), message)
        raise LookupError(f"no button {button!r} in the message")

    def block_action(
        self, user: str, element: dict[str, Any], block_id: str, message: Message | None
    ) -> Delivery:
        """Deliver a `block_actions` payload for one element (a button or a select)."""
        channel = message.channel if message else self.sandbox.im_channel(user)
        action = {
            "action_id": element.get("action_id"),
            "block_id": block_id,
            "text": element.get("text"),
            "value": element.get("value"),
            "type": element.get("type", "button"),
            "action_ts": self.sandbox.next_ts(),
        }
        if "selected_option" in element:
            action["selected_option"] = element["selected_option"]
        payload: dict[str, Any] = {
            "type": "block_actions",
            "user": {
                "id": user,
                "username": user.lower(),
                "name": user.lower(),
                "team_id": self.sandbox.team_id,
            },
            "api_app_id": self.sandbox.app_id,
            "token": "sandbox-verification-token",
            "trigger_id": self._trigger_id(),
            "team": {"id": self.sandbox.team_id, "domain": "sandbox"},
            "enterprise": None,
            "is_enterprise_install": False,
            "response_url": self.sandbox.response_url(channel, user),
            "actions": [action],
            "state": {"values": {}},
        }
        if message is not None:
            payload["container"] = {
                "type": "message",
                "message_ts": message.ts,
                "channel_id": message.channel,
                "is_ephemeral": message.ephemeral_to is not None,
            }
            payload["channel"] = {"id": message.channel, "name": message.channel}
            payload["message"] = {
                "type": "message",
                "ts": message.ts,
                "text": message.text,
                "blocks": message.blocks,
            }
            if message.thread_ts:
                payload["container"]["thread_ts"] = message.thread_ts
                payload["message"]["thread_ts"] = message.thread_ts
        else:
            payload["container"] = {"type": "view", "view_id": "VHOME"}
            payload["view"] = {"id": "VHOME", "type": "home"}
        return self._deliver("interactive", payload, None)

    def submit_view(
        self, user: str, view: dict[str, Any], values: dict[str, dict[str, Any]]
    ) -> Delivery:
        """Submit a modal; `values` maps block_id -> action_id -> the input's state value."""
        payload = {
            "type": "view_submission",
            "team": {"id": self.sandbox.team_id, "domain": "sandbox"},
            "user": {
                "id": user,
                "username": user.lower(),
                "name": user.lower(),
                "team_id": self.sandbox.team_id,
            },
            "api_app_id": self.sandbox.app_id,
            "token": "sandbox-verification-token",
            "trigger_id": self._trigger_id(),
            "view": {**view, "state": {"values": values}, "hash": f"h{next(self._ids)}"},
            "response_urls": [],
            "is_enterprise_install": False,
        }
        return self._deliver("interactive", payload, None)
