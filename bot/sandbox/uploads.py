"""File uploads in the sandbox, in Slack's three steps: `files.getUploadURLExternal`, a POST
of the bytes to the returned URL, then `files.completeUploadExternal` to share them."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from bot.sandbox.state import Message, SandboxState


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
