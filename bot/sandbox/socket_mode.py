"""Socket Mode in the sandbox: the WebSocket the bot connects to, and envelopes pushed
to it that wait for the bot's acknowledgement.

Slack redelivers an envelope that is not acknowledged (`{"envelope_id": ...}`) in time,
whatever it held; `send_frame` pushes any text, well formed or not, and says whether
the bot acknowledged it.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import WSMsgType, web

from bot.sandbox.state import SandboxState


class SocketMode(SandboxState):
    """Accepts the bot's Socket Mode connections and delivers envelopes over the latest one."""

    def __init__(self, *, team_id: str, team_name: str) -> None:
        super().__init__(team_id=team_id, team_name=team_name)
        self._sockets: list[web.WebSocketResponse] = []
        self._acks: dict[str, asyncio.Future[dict[str, Any]]] = {}

    def _api_apps_connections_open(self, _args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket?ticket={next(self._ids)}"}

    async def _handle_socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse(autoping=True)
        await socket.prepare(request)
        self._sockets.append(socket)
        await socket.send_json(
            {
                "type": "hello",
                "num_connections": len(self._sockets),
                "connection_info": {"app_id": self.app_id},
                "debug_info": {"host": "sandbox", "approximate_connection_time": 3600},
            }
        )
        with self._changed:
            self._changed.notify_all()
        async for frame in socket:
            if frame.type != WSMsgType.TEXT:
                continue
            try:
                data = json.loads(frame.data)
            except ValueError:
                self.problems.append(
                    f"Socket Mode: the bot sent a frame that is not JSON: {frame.data[:80]!r}"
                )
                continue
            if not isinstance(data, dict) or not isinstance(data.get("envelope_id"), str):
                self.problems.append(
                    f"Socket Mode: the bot sent a frame without envelope_id: {frame.data[:80]!r}"
                )
                continue
            future = self._acks.pop(data["envelope_id"], None)
            if future is not None and not future.done():
                future.set_result(data)
        if socket in self._sockets:
            self._sockets.remove(socket)
        return socket

    @property
    def socket_connections(self) -> int:
        return len(self._sockets)

    async def _send_frame(
        self, frame: str, envelope_id: str | None, timeout: float
    ) -> dict[str, Any] | None:
        future: asyncio.Future[dict[str, Any]] = self._loop.create_future()
        if envelope_id is not None:
            self._acks[envelope_id] = future
        await self._sockets[-1].send_str(frame)
        if envelope_id is None:
            return None
        try:
            return await asyncio.wait_for(future, timeout)
        finally:
            self._acks.pop(envelope_id, None)

    def send_frame(
        self, frame: str, *, envelope_id: str | None, timeout: float = 10
    ) -> dict[str, Any] | None:
        """Push one raw text frame; the bot's ack for `envelope_id`, or None when none came
        within `timeout` seconds (or there was no id to acknowledge)."""
        if not self._sockets:
            raise RuntimeError("no Socket Mode connection to the sandbox")
        future = asyncio.run_coroutine_threadsafe(
            self._send_frame(frame, envelope_id, timeout), self._loop
        )
        try:
            return future.result(timeout + 5)
        except TimeoutError:
            return None

    def send_envelope(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Push one Socket Mode envelope to the connected bot and wait for its ack."""
        if not self._sockets:
            raise RuntimeError("no Socket Mode connection to the sandbox")
        envelope_id = f"env-{next(self._ids)}"
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": 0,
            "retry_reason": "",
        }
        ack = self.send_frame(json.dumps(envelope), envelope_id=envelope_id)
        if ack is None:
            raise TimeoutError(f"the bot did not acknowledge {envelope_id}")
        return ack
