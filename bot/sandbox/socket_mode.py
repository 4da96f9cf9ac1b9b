"""Socket Mode in the sandbox: the WebSocket the bot connects to, and envelopes pushed
to it that wait for the bot's acknowledgement."""

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
            data = json.loads(frame.data)
            future = self._acks.pop(str(data.get("envelope_id")), None)
            if future is not None and not future.done():
                future.set_result(data)
        if socket in self._sockets:
            self._sockets.remove(socket)
        return socket

    @property
    def socket_connections(self) -> int:
        return len(self._sockets)

    async def _send_envelope(self, envelope: dict[str, Any]) -> dict[str, Any]:
        future: asyncio.Future[dict[str, Any]] = self._loop.create_future()
        self._acks[envelope["envelope_id"]] = future
        await self._sockets[-1].send_json(envelope)
        return await asyncio.wait_for(future, 10)

    def send_envelope(self, kind: str, payload: dict[str, Any]) -> dict[str, Any]:
        """Push one Socket Mode envelope to the connected bot and wait for its ack."""
        if not self._sockets:
            raise RuntimeError("no Socket Mode connection to the sandbox")
        envelope = {
            "envelope_id": f"env-{next(self._ids)}",
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": 0,
            "retry_reason": "",
        }
        future = asyncio.run_coroutine_threadsafe(self._send_envelope(envelope), self._loop)
        return future.result(15)
