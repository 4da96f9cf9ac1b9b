"""What the fake workspace holds (people, channels, messages, views, files, every API call)
and where its server listens; the part of the sandbox tests assert on.

Reading is thread-safe enough: appends are atomic, and tests read after `wait_for`.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from importlib.resources import files
from typing import Any

from bot.core.yaml_data import read_yaml
from bot.sandbox.scopes import KIND_PREFIX, missing_scope

BOT_TOKEN = "xoxb-sandbox-bot-token"
APP_TOKEN = "xapp-sandbox-app-token"
SIGNING_SECRET = "sandbox-signing-secret"
# What an install grants and subscribes to: manifest.yml's bot scopes and bot events, and
# whether Slack escapes each slash command's text.
_MANIFEST = files("bot").joinpath("data/manifest_scopes.yml")


@dataclass
class ApiCall:
    """One Web API request the bot made, with the arguments as Slack would read them."""

    method: str
    args: dict[str, Any]
    response: dict[str, Any]
    status: int = 200


@dataclass
class Message:
    """A message as the workspace holds it (sent by the bot, a person or a response URL)."""

    channel: str
    ts: str
    text: str
    user: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    thread_ts: str | None = None
    files: list[dict[str, Any]] = field(default_factory=list)
    ephemeral_to: str | None = None
    deleted: bool = False
    reactions: list[str] = field(default_factory=list)
    metadata: dict[str, Any] | None = None  # an app's event_type and event_payload


class SandboxState:
    """The workspace's contents and the address it serves on, shared by every part of the
    sandbox (Web API, OAuth, uploads, Socket Mode, faults)."""

    def __init__(self, *, team_id: str, team_name: str) -> None:
        self.team_id = team_id
        self.team_name = team_name
        self.bot_user_id = "UBOT"
        self.bot_id = "BBOT"
        self.app_id = "A0SANDBOX"
        self.bot_token = BOT_TOKEN
        self.bot_tokens: dict[str, str] = {BOT_TOKEN: team_id}  # token -> workspace
        self.app_token = APP_TOKEN
        self.signing_secret = SIGNING_SECRET
        self.calls: list[ApiCall] = []
        self.messages: list[Message] = []
        self.problems: list[str] = []
        self.users: dict[str, dict[str, Any]] = {}
        self.channels: dict[str, dict[str, Any]] = {}
        self.views: dict[str, dict[str, Any]] = {}
        self.home_views: dict[str, dict[str, Any]] = {}
        self.files: dict[str, dict[str, Any]] = {}
        self._ids = itertools.count(1)
        self._last_ts = 1_790_000_000
        self._ts_lock = threading.Lock()
        # Slack's clock: message timestamps follow it (tests give it their frozen clock).
        self.clock: Callable[[], datetime] | None = None
        granted = read_yaml(_MANIFEST.read_text())
        self.bot_scopes: set[str] = set(granted["bot"])
        self.bot_events: set[str] = set(granted["bot_events"])
        # Per slash command: does Slack escape mentions and links in its text?
        self.should_escape: dict[str, bool] = dict(granted["should_escape"])
        self._changed = threading.Condition()
        # The loop the server thread runs; Socket Mode acks wait on futures of it.
        self._loop = asyncio.new_event_loop()
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        """What SLACK_API_URL should be to point a bot at this sandbox."""
        return f"{self.base_url}/api/"

    # --- workspace setup -----------------------------------------------------------------

    def add_user(
        self,
        user_id: str,
        *,
        name: str | None = None,
        tz: str = "UTC",
        is_admin: bool = False,
        deleted: bool = False,
    ) -> dict[str, Any]:
        """A person in the workspace, with the time zone (and, when asked, the locale)
        users.info will report."""
        name = name or user_id.lower()
        user = {
            "id": user_id,
            "team_id": self.team_id,
            "name": name,
            "real_name": name.title(),
            "tz": tz,
            "tz_label": tz,
            "is_admin": is_admin,
            "is_owner": False,
            "is_bot": False,
            "deleted": deleted,
            "locale": "en-US",  # users.info shows it only with include_locale
            "profile": {"display_name": name, "real_name": name.title()},
        }
        self.users[user_id] = user
        return user

    def set_status(
        self, user_id: str, *, text: str = "", emoji: str = "", expires: int = 0
    ) -> None:
        """A person sets their Slack status (empty text and emoji clear it); `expires` is a
        Unix time, 0 for none, as `users.profile.get` reports `status_expiration`."""
        self.users[user_id]["status"] = {
            "status_text": text,
            "status_emoji": emoji,
            "status_expiration": expires,
        }

    def add_channel(
        self,
        channel_id: str,
        name: str,
        *,
        members: list[str] | tuple[str, ...] = (),
        private: bool = False,
    ) -> None:
        """A public (or private) channel and its members. The bot is in it only when listed,
        as in Slack, where someone has to invite it; a `G…` private channel is one from
        before 2021, reported as a group rather than a channel."""
        legacy_group = private and channel_id.startswith("G")
        self.channels[channel_id] = {
            "id": channel_id,
            "name": name,
            "is_channel": not legacy_group,
            "is_group": legacy_group,
            "is_private": private,
            "is_im": False,
            "is_mpim": False,
            "members": list(members),
        }

    def add_group_dm(self, channel_id: str, members: list[str]) -> None:
        """A multi-person DM (mpim): private, among `members` only."""
        self.channels[channel_id] = {
            "id": channel_id,
            "name": "mpdm-" + "--".join(m.lower() for m in members) + "-1",
            "is_channel": False,
            "is_group": False,
            "is_private": True,
            "is_im": False,
            "is_mpim": True,
            "members": list(members),
        }

    def invite(self, channel_id: str, user_id: str) -> None:
        """Someone adds `user_id` (the bot: `bot_user_id`) to a channel, as `/invite` does."""
        members = self.channels[channel_id]["members"]
        if user_id not in members:
            members.append(user_id)

    def im_channel(self, user_id: str) -> str:
        """The id of the direct-message channel between the bot and a person."""
        return self._im(user_id, "D" + user_id.removeprefix("U"))

    def dm_between(self, user_id: str, other_id: str) -> str:
        """A DM between two people: the bot is not in it and cannot see it."""
        return self._im(user_id, f"D{user_id.removeprefix('U')}X{other_id.removeprefix('U')}")

    def _im(self, user_id: str, channel_id: str) -> str:
        if user_id not in self.users:
            raise KeyError(f"no person {user_id} in the sandbox to have a DM with")
        with_bot = channel_id == "D" + user_id.removeprefix("U")
        other = self.bot_user_id if with_bot else "U" + channel_id.rpartition("X")[2]
        self.channels.setdefault(
            channel_id,
            {
                "id": channel_id,
                "is_channel": False,
                "is_group": False,
                "is_private": True,
                "is_im": True,
                "is_mpim": False,
                "user": user_id,
                "members": [user_id, other],
            },
        )
        return channel_id

    def kind(self, channel_id: str) -> str:
        """The conversation's type as events name it: channel, group, im or mpim."""
        channel = self.channels[channel_id]
        if channel["is_im"]:
            return "im"
        if channel["is_mpim"]:
            return "mpim"
        return "group" if channel["is_private"] else "channel"

    def is_member(self, channel_id: str, user_id: str) -> bool:
        channel = self.channels.get(channel_id)
        return channel is not None and user_id in channel["members"]

    def bot_hears(self, channel_id: str, event: str = "message") -> bool:
        """Whether Slack sends the bot `event` from a conversation: only if the bot is in it
        and subscribed (`message.groups` for a private channel's messages, `app_mention`)."""
        if event == "message":
            event = "message." + KIND_PREFIX[self.kind(channel_id)]
        return self.is_member(channel_id, self.bot_user_id) and event in self.bot_events

    # --- reading state (thread-safe enough: appends are atomic, tests read after waits) ---

    def calls_to(self, method: str) -> list[ApiCall]:
        return [call for call in self.calls if call.method == method]

    def channel_messages(self, channel: str, *, include_threads: bool = False) -> list[Message]:
        """Visible messages of a channel, oldest first (thread replies only if asked)."""
        return [
            m
            for m in self.messages
            if m.channel == channel
            and not m.deleted
            and m.ephemeral_to is None
            and (include_threads or m.thread_ts is None or m.thread_ts == m.ts)
        ]

    def thread(self, channel: str, thread_ts: str) -> list[Message]:
        """The replies of a thread, oldest first (without the parent)."""
        return [
            m
            for m in self.messages
            if m.channel == channel
            and m.thread_ts == thread_ts
            and m.ts != thread_ts
            and not m.deleted
        ]

    def ephemerals(self, user: str) -> list[Message]:
        return [m for m in self.messages if m.ephemeral_to == user]

    def find_message(self, channel: str, ts: str) -> Message | None:
        return next((m for m in self.messages if m.channel == channel and m.ts == ts), None)

    def wait_for(self, predicate: Callable[[], Any], *, timeout: float = 10.0) -> Any:
        """Block until `predicate()` is truthy (re-checked on every API call); return its value.

        Used when the bot works after acknowledging; raises TimeoutError if it never happens.
        """
        with self._changed:
            result = predicate()
            if result:
                return result
            if not self._changed.wait_for(predicate, timeout):
                raise TimeoutError("the sandbox never saw the expected Slack call")
            return predicate()

    def next_ts(self) -> str:
        """A fresh message timestamp, increasing like Slack's, at or after `clock`'s time."""
        with self._ts_lock:
            now = int(self.clock().timestamp()) if self.clock else 0
            self._last_ts = max(self._last_ts + 1, now)
            return f"{self._last_ts}.000100"

    def record_user_message(
        self, channel: str, user: str, text: str, thread_ts: str | None
    ) -> Message:
        """Store a message a person typed (the driver calls this before sending the event).

        A person writes only where they are a member: a test doing otherwise is wrong."""
        if not self.is_member(channel, user):
            raise ValueError(f"{user} is not in {channel}; add them to it first")
        message = Message(
            channel=channel, ts=self.next_ts(), text=text, user=user, thread_ts=thread_ts
        )
        self._store(message)
        return message

    def _store(self, message: Message) -> None:
        with self._changed:
            self.messages.append(message)
            self._changed.notify_all()

    def _record(self, call: ApiCall) -> None:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def _check(self, problems: list[str], where: str) -> dict[str, Any] | None:
        if not problems:
            return None
        self.problems.extend(f"{where}: {p}" for p in problems)
        return {"ok": False, "error": "invalid_blocks", "errors": problems}

    def _channel_or_error(self, channel: str | None) -> dict[str, Any] | None:
        """Slack's answer when the bot cannot use a conversation: a public channel it is not
        in is `not_in_channel`; private channels and DMs it is not in do not exist for it."""
        if not channel or channel not in self.channels:
            return {"ok": False, "error": "channel_not_found"}
        if self.is_member(channel, self.bot_user_id):
            return None
        public = self.kind(channel) == "channel"
        return {"ok": False, "error": "not_in_channel" if public else "channel_not_found"}

    def _scope_error(self, needed: str | None) -> dict[str, Any] | None:
        return missing_scope(needed, self.bot_scopes)
