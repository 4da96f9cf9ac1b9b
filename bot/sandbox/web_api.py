"""The sandbox's Web API methods: messages, reactions, conversations, users and views.

Each `_api_<method>` takes the arguments as Slack reads them and returns Slack's JSON
answer; the server dispatches to them by name, after checking the token and faults.
"""

from __future__ import annotations

from typing import Any

from bot.sandbox.limits import message_problems, view_problems
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
        blocks = args.get("blocks") or []
        if error := self._check(message_problems(args.get("text"), blocks), method):
            return error
        message = Message(
            channel=channel,
            ts=self.next_ts(),
            text=str(args.get("text") or ""),
            user=self.bot_user_id,
            blocks=blocks,
            thread_ts=args.get("thread_ts") or None,
            ephemeral_to=ephemeral_to,
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
        channel = self.channels.get(str(args.get("channel")))
        if channel is None:
            return {"ok": False, "error": "channel_not_found"}
        return {"ok": True, "channel": {k: v for k, v in channel.items() if k != "members"}}

    def _api_users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(args.get("user")))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": user}

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
