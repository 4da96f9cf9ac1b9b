"""Files in the sandbox: the bot's uploads, in Slack's three steps (`files.getUploadURLExternal`,
a POST of the bytes to the returned URL, then `files.completeUploadExternal`); a person's
file shared in a conversation; `files.info`; and the private download.

As on Slack, a file's `url_private_download` gives its bytes only to a request with
`Authorization: Bearer <token>` of a token with `files:read` that can see the file;
any other request is redirected to the sign-in page (an HTML page, not the file).
A file is visible to the bot when it is shared in a conversation the bot is in.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.sandbox.scopes import missing_scope
from bot.sandbox.state import Message, SandboxState

SIGN_IN_PAGE = "<!DOCTYPE html><html><head><title>Sign in | Slack</title></head></html>"
_HIDDEN = ("content", "shares")


class Uploads(SandboxState):
    """Keeps uploaded files and posts them in a channel once completed."""

    def _api_files_getUploadURLExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("filename") or not str(args.get("length", "")).isdigit():
            return {"ok": False, "error": "invalid_arguments"}
        file_id = f"F{next(self._ids):08d}"
        self.files[file_id] = {
            "id": file_id,
            "name": args["filename"],
            "length": int(args["length"]),
            "content": None,
            "alt_txt": args.get("alt_txt") or args.get("alt_text"),
            "user": self.bot_user_id,
        }
        return {"ok": True, "upload_url": f"{self.base_url}/upload/{file_id}", "file_id": file_id}

    async def _handle_upload(self, request: web.Request) -> web.Response:
        file_id = request.match_info["file_id"]
        if file_id not in self.files:
            return web.Response(status=404, text="unknown upload")
        self.files[file_id]["content"] = await request.read()
        return web.Response(text=f"OK - {len(self.files[file_id]['content'])}")

    def _api_files_completeUploadExternal(self, args: dict[str, Any]) -> dict[str, Any]:
        entries = args.get("files") or []
        done = []
        for entry in entries:
            stored = self.files.get(entry.get("id"))
            if stored is None or stored["content"] is None:
                return {"ok": False, "error": "file_not_found"}
            stored["title"] = entry.get("title") or stored["name"]
            done.append({k: v for k, v in stored.items() if k != "content"})
        channel = args.get("channel_id") or args.get("channels")
        if channel:
            if error := self._channel_or_error(str(channel)):
                return error
            message = Message(
                channel=str(channel),
                ts=self.next_ts(),
                text=str(args.get("initial_comment") or ""),
                user=self.bot_user_id,
                thread_ts=args.get("thread_ts") or None,
                files=done,
            )
            self._store(message)
        return {"ok": True, "files": done}

    # --- people's files --------------------------------------------------------------------

    def share_file(
        self, *, user: str, channel: str, name: str, content: bytes, filetype: str
    ) -> dict[str, Any]:
        """Keep a file a person shares in `channel`; returns it as Slack's events show it."""
        file_id = f"F{next(self._ids):08d}"
        path = f"{self.base_url}/files-pri/{self.team_id}-{file_id}"
        self.files[file_id] = {
            "id": file_id,
            "created": int(float(self.next_ts())),
            "name": name,
            "title": name,
            "mimetype": "text/csv" if filetype == "csv" else "application/octet-stream",
            "filetype": filetype,
            "user": user,
            "size": len(content),
            "mode": "hosted",
            "is_external": False,
            "url_private": f"{path}/{name}",
            "url_private_download": f"{path}/download/{name}",
            "content": content,
            "shares": {channel},
        }
        return self._file_json(file_id)

    def _file_json(self, file_id: str) -> dict[str, Any]:
        return {k: v for k, v in self.files[file_id].items() if k not in _HIDDEN}

    def _bot_sees(self, file_id: str) -> bool:
        stored = self.files.get(file_id, {})
        if stored.get("user") == self.bot_user_id:
            return True
        shares = stored.get("shares") or set()
        return any(self.is_member(channel, self.bot_user_id) for channel in shares)

    def _api_files_info(self, args: dict[str, Any]) -> dict[str, Any]:
        file_id = str(args.get("file") or "")
        if not file_id:
            return {"ok": False, "error": "invalid_arguments"}
        if not self._bot_sees(file_id):
            return {"ok": False, "error": "file_not_found"}
        return {"ok": True, "file": self._file_json(file_id), "comments": []}

    async def _handle_private_file(self, request: web.Request) -> web.Response:
        """`url_private(_download)`: the bytes for a bot token with files:read that sees the
        file; Slack's sign-in page (by a redirect) for anything else."""
        file_id = request.match_info["team_file"].rpartition("-")[2]
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else ""
        allowed = (
            token in self.bot_tokens
            and missing_scope("files:read", self.bot_scopes) is None
            and self._bot_sees(file_id)
        )
        if not allowed:
            raise web.HTTPFound(f"{self.base_url}/signin?redir={request.path}")
        stored = self.files[file_id]
        return web.Response(body=stored["content"], content_type=stored["mimetype"])

    async def _handle_sign_in(self, _request: web.Request) -> web.Response:
        return web.Response(text=SIGN_IN_PAGE, content_type="text/html")
