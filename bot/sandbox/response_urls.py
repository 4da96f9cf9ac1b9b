"""Response URLs in the sandbox: where Bolt's `respond()` posts for a command or an action."""

from __future__ import annotations

import json

from aiohttp import web

from bot.sandbox.limits import message_problems
from bot.sandbox.state import ApiCall, Message, SandboxState


class ResponseUrls(SandboxState):
    """Posts, replaces or deletes messages as Slack does for a response URL."""

    def response_url(self, channel: str, user: str) -> str:
        """Where Bolt's `respond()` posts for a command or action in `channel` by `user`."""
        return f"{self.base_url}/respond/{channel}/{user}"

    async def _handle_response_url(self, request: web.Request) -> web.Response:
        channel, user = request.match_info["channel"], request.match_info["user"]
        args = json.loads(await request.read() or b"{}")
        problems = message_problems(args.get("text"), args.get("blocks"))
        self._record(ApiCall("response_url", args, {"ok": not problems}))
        if self._check(problems, "response_url"):
            return web.json_response({"ok": False, "error": "invalid_blocks"}, status=400)
        if args.get("delete_original") or args.get("replace_original"):
            originals = [m for m in self.messages if m.channel == channel and not m.deleted]
            if originals:
                originals[-1].deleted = bool(args.get("delete_original"))
        if not args.get("delete_original"):
            in_channel = args.get("response_type") == "in_channel"
            message = Message(
                channel=channel,
                ts=self.next_ts(),
                text=str(args.get("text") or ""),
                user=self.bot_user_id,
                blocks=args.get("blocks") or [],
                thread_ts=args.get("thread_ts"),
                ephemeral_to=None if in_channel else user,
            )
            self._store(message)
        return web.Response(text="ok")
