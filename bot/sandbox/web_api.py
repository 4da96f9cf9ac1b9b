"""The sandbox's Web API methods: messages, reactions, conversations, users and views.

Each `_api_<method>` takes the arguments as Slack reads them and returns Slack's JSON
answer; the server dispatches to them by name, after checking the token and faults.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from bot.sandbox.limits import message_problems, view_problems
from bot.sandbox.scopes import conversation_scope
from bot.sandbox.state import Message, SandboxState


class WebApiMethods(SandboxState):
    """Slack's Web API as the bot uses it, as strict as Slack about channels and blocks."""

    def _api_auth_test(self, _args: dict[str, Any]) -> dict[str, Any]:
        return {
            "ok": True,
            "url": f"{self.base_url}/",
            "team": self.team_name,
            "user": "checkin-bot",
            "team_id": self.team_id,
            "user_id": self.bot_user_id,
            "bot_id": self.bot_id,
            "is_enterprise_install": False,
        }

    def _post(
        self, args: dict[str, Any], method: str, *, ephemeral_to: str | None
    ) -> Message | dict[str, Any]:
        """Store a message the bot posts (or Slack's error for it), as one code path for
        `chat.postMessage` and `chat.postEphemeral`."""
        channel = str(args.get("channel", ""))
        if ephemeral_to is None and channel in self.users:
            channel = self.im_channel(channel)  # posting to a user id opens the DM, as Slack does
        if error := self._channel_or_error(channel):
            return error
        if ephemeral_to is not None and not self.is_member(channel, ephemeral_to):
            return {"ok": False, "error": "user_not_in_channel"}
        blocks = args.get("blocks") or []
        if error := self._check(message_problems(args.get("text"), blocks), method):
            return error
        metadata = args.get("metadata")
        if metadata is not None and not _is_metadata(metadata):
            return {"ok": False, "error": "invalid_metadata_format"}
        message = Message(
            channel=channel,
            ts=self.next_ts(),
            text=str(args.get("text") or ""),
            user=self.bot_user_id,
            blocks=blocks,
            thread_ts=args.get("thread_ts") or None,
            ephemeral_to=ephemeral_to,
            metadata=metadata,
        )
        self._store(message)
        return message

    def _api_chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        posted = self._post(args, "chat.postMessage", ephemeral_to=None)
        if isinstance(posted, dict):
            return posted
        return {
            "ok": True,
            "channel": posted.channel,
            "ts": posted.ts,
            "message": self._as_json(posted),
        }

    def _api_chat_postEphemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        posted = self._post(args, "chat.postEphemeral", ephemeral_to=str(args.get("user", "")))
        return posted if isinstance(posted, dict) else {"ok": True, "message_ts": posted.ts}

    def _api_chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        if error := self._channel_or_error(str(args.get("channel"))):
            return error
        message = self.find_message(str(args.get("channel")), str(args.get("ts")))
        if message is None or message.deleted:
            return {"ok": False, "error": "message_not_found"}
        blocks = args.get("blocks")
        if error := self._check(
            message_problems(args.get("text") or message.text, blocks), "chat.update"
        ):
            return error
        message.text = str(args.get("text") or message.text)
        if blocks is not None:
            message.blocks = blocks
        return {"ok": True, "channel": message.channel, "ts": message.ts, "text": message.text}

    def _api_chat_delete(self, args: dict[str, Any]) -> dict[str, Any]:
        if error := self._channel_or_error(str(args.get("channel"))):
            return error
        message = self.find_message(str(args.get("channel")), str(args.get("ts")))
        if message is None or message.deleted:
            return {"ok": False, "error": "message_not_found"}
        message.deleted = True
        return {"ok": True, "channel": message.channel, "ts": message.ts}

    def _api_reactions_add(self, args: dict[str, Any]) -> dict[str, Any]:
        message = self.find_message(str(args.get("channel")), str(args.get("timestamp")))
        if message is None:
            return {"ok": False, "error": "message_not_found"}
        message.reactions.append(str(args.get("name")))
        return {"ok": True}

    def _api_conversations_open(self, args: dict[str, Any]) -> dict[str, Any]:
        users = str(args.get("users", "")).split(",")
        if len(users) != 1 or users[0] not in self.users:
            return {"ok": False, "error": "user_not_found"}
        if self.users[users[0]]["deleted"]:
            return {"ok": False, "error": "account_inactive"}
        return {"ok": True, "channel": {"id": self.im_channel(users[0])}}

    def _api_conversations_info(self, args: dict[str, Any]) -> dict[str, Any]:
        """A conversation's type and whether the bot is in it (`is_member`); private ones the
        bot is not in do not exist for it."""
        channel_id = str(args.get("channel") or "")
        error = self._channel_or_error(channel_id)
        if error is not None and error["error"] == "channel_not_found":
            return error
        if error := self._scope_error(conversation_scope(self.kind(channel_id), "read")):
            return error
        channel = {k: v for k, v in self.channels[channel_id].items() if k != "members"}
        channel["is_member"] = self.is_member(channel_id, self.bot_user_id)
        return {"ok": True, "channel": channel}

    def _api_conversations_history(self, args: dict[str, Any]) -> dict[str, Any]:
        """A channel's messages (not thread replies), newest first, between `oldest` and
        `latest`; metadata only with `include_all_metadata`, as Slack answers."""
        channel_id = str(args.get("channel") or "")
        if error := self._channel_or_error(channel_id):
            return error
        if error := self._scope_error(conversation_scope(self.kind(channel_id), "history")):
            return error
        try:
            window = _HistoryWindow.of(args)
        except ValueError as exc:
            return {"ok": False, "error": str(exc)}
        found = [
            m for m in reversed(self.channel_messages(channel_id)) if window.holds(float(m.ts))
        ]
        page = found[window.offset : window.offset + window.limit]
        more = len(found) > window.offset + window.limit
        with_metadata = _truthy(args.get("include_all_metadata"))
        messages = []
        for message in page:
            data = self._as_json(message)
            if with_metadata and message.metadata is not None:
                data["metadata"] = message.metadata
            messages.append(data)
        next_cursor = _cursor(window.offset + window.limit) if more else ""
        return {
            "ok": True,
            "messages": messages,
            "has_more": more,
            "pin_count": 0,
            "response_metadata": {"next_cursor": next_cursor},
        }

    def _api_users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(args.get("user")))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        if str(args.get("include_locale", "")).casefold() in ("1", "true"):
            return {"ok": True, "user": user}
        # Slack's locale is opt-in: without include_locale the user object has none.
        return {"ok": True, "user": {k: v for k, v in user.items() if k != "locale"}}

    def _api_users_profile_get(self, args: dict[str, Any]) -> dict[str, Any]:
        """A person's profile with their custom status; without `user`, the caller's own (the
        bot's), as Slack answers a bot token."""
        user = self.users.get(str(args.get("user") or self.bot_user_id))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        profile = {**user["profile"], "status_text": "", "status_emoji": "", "status_expiration": 0}
        profile.update(user.get("status", {}))
        return {"ok": True, "profile": profile}

    def _open_view(self, view: Any, *, view_id: str | None = None) -> dict[str, Any]:
        if error := self._check(view_problems(view), "views"):
            return error
        view_id = view_id or f"V{next(self._ids):08d}"
        stored = {**view, "id": view_id, "team_id": self.team_id, "state": {"values": {}}}
        self.views[view_id] = stored
        return {"ok": True, "view": stored}

    def _api_views_open(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("trigger_id"):
            return {"ok": False, "error": "invalid_trigger_id"}
        return self._open_view(args.get("view"))

    _api_views_push = _api_views_open

    def _api_views_update(self, args: dict[str, Any]) -> dict[str, Any]:
        view_id = args.get("view_id")
        if not view_id and args.get("external_id"):
            view_id = next(
                (k for k, v in self.views.items() if v.get("external_id") == args["external_id"]),
                None,
            )
        if view_id not in self.views:
            return {"ok": False, "error": "not_found"}
        return self._open_view(args.get("view"), view_id=str(view_id))

    def _api_views_publish(self, args: dict[str, Any]) -> dict[str, Any]:
        user = str(args.get("user_id", ""))
        if user not in self.users:
            return {"ok": False, "error": "user_not_found"}
        view = args.get("view")
        if error := self._check(view_problems(view), "views.publish"):
            return error
        self.home_views[user] = dict(view or {})
        return {"ok": True, "view": {**(view or {}), "id": f"VH{user}"}}

    @staticmethod
    def _as_json(message: Message) -> dict[str, Any]:
        data: dict[str, Any] = {"type": "message", "text": message.text, "ts": message.ts}
        data.update(user=message.user, blocks=message.blocks)
        if message.thread_ts:
            data["thread_ts"] = message.thread_ts
        return data


def _truthy(value: Any) -> bool:
    """A boolean argument as Slack reads it: true, 1 (JSON or form-encoded)."""
    return str(value).lower() in {"true", "1"}


def _is_metadata(metadata: Any) -> bool:
    """Slack's shape of message metadata: a string event_type and an object event_payload."""
    return (
        isinstance(metadata, dict)
        and isinstance(metadata.get("event_type"), str)
        and bool(metadata["event_type"])
        and isinstance(metadata.get("event_payload"), dict)
    )


def _cursor(offset: int) -> str:
    return base64.b64encode(f"offset:{offset}".encode()).decode()


@dataclass(frozen=True)
class _HistoryWindow:
    """Which of a channel's messages conversations.history returns, read from its arguments."""

    oldest: float
    latest: float
    inclusive: bool
    limit: int
    offset: int

    @classmethod
    def of(cls, args: dict[str, Any]) -> _HistoryWindow:
        try:
            oldest = float(args.get("oldest") or 0)
        except ValueError:
            raise ValueError("invalid_ts_oldest") from None
        try:
            latest = float(args.get("latest") or "inf")
        except ValueError:
            raise ValueError("invalid_ts_latest") from None
        try:
            limit = min(max(int(args.get("limit") or 100), 1), 999)
        except ValueError:
            raise ValueError("invalid_limit") from None
        cursor = str(args.get("cursor") or "")
        try:
            offset = int(base64.b64decode(cursor).decode().removeprefix("offset:")) if cursor else 0
        except ValueError:
            raise ValueError("invalid_cursor") from None
        return cls(oldest, latest, _truthy(args.get("inclusive")), limit, offset)

    def holds(self, ts: float) -> bool:
        if self.inclusive:
            return self.oldest <= ts <= self.latest
        return self.oldest < ts < self.latest
