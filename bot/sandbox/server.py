"""The sandbox's server side: Slack's Web API, response URLs, uploads and Socket Mode.

One aiohttp server on 127.0.0.1 (a random port) runs in a background thread. The
state it keeps (users, channels, messages, threads, views, files) is what tests
assert on; every API call is recorded, and every Block Kit payload is checked
against Slack's limits (`problems` collects violations; the pytest fixture fails
a test that produced any).

The server is assembled from one part per idea: the workspace's state (`state`), the
Web API methods (`web_api`), OAuth (`oauth`), uploads (`uploads`), response URLs
(`response_urls`), Socket Mode (`socket_mode`) and fault injection (`faults`). This
module runs them: the server thread, the routes and the Web API's dispatch.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

from bot.sandbox.faults import FaultInjection
from bot.sandbox.oauth import OAuthServer
from bot.sandbox.response_urls import ResponseUrls
from bot.sandbox.scopes import METHOD_SCOPES
from bot.sandbox.socket_mode import SocketMode
from bot.sandbox.state import ApiCall
from bot.sandbox.uploads import Uploads
from bot.sandbox.web_api import WebApiMethods


class SlackSandbox(WebApiMethods, OAuthServer, Uploads, ResponseUrls, SocketMode, FaultInjection):
    """A fake Slack workspace reachable over real sockets.

    Example:
        >>> with SlackSandbox() as slack:
        ...     slack.add_user("U1", tz="Europe/Bucharest")
        ...     client = WebClient(token=slack.bot_token, base_url=slack.api_url)
    """

    def __init__(
        self,
        *,
        team_id: str = "T0SANDBOX",
        team_name: str = "Sandbox",
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        super().__init__(team_id=team_id, team_name=team_name)
        self.clock = clock
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle -----------------------------------------------------------------------

    def start(self) -> SlackSandbox:
        """Start serving on 127.0.0.1 at a free port."""
        ready = threading.Event()

        def serve() -> None:
            asyncio.set_event_loop(self._loop)
            self._loop.run_until_complete(self._start_server())
            ready.set()
            self._loop.run_forever()

        self._thread = threading.Thread(target=serve, name="slack-sandbox", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the Slack sandbox did not start")
        return self

    def stop(self) -> None:
        """Close every socket and stop the server thread."""
        if self._thread is None:
            return
        asyncio.run_coroutine_threadsafe(self._stop_server(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._thread = None

    def __enter__(self) -> SlackSandbox:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    async def _start_server(self) -> None:
        app = web.Application(client_max_size=20 * 1024 * 1024)
        app.router.add_post("/api/{method}", self._handle_api)
        app.router.add_get("/api/{method}", self._handle_api)
        app.router.add_post("/respond/{channel}/{user}", self._handle_response_url)
        app.router.add_post("/upload/{file_id}", self._handle_upload)
        app.router.add_get("/files-pri/{team_file}/{name:.+}", self._handle_private_file)
        app.router.add_get("/signin", self._handle_sign_in)
        app.router.add_get("/socket", self._handle_socket)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]

    async def _stop_server(self) -> None:
        for socket in list(self._sockets):
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # --- the Web API ---------------------------------------------------------------------

    async def _read_args(self, request: web.Request) -> dict[str, Any]:
        args: dict[str, Any] = dict(request.query)
        if request.method != "POST" or not request.can_read_body:
            return args
        raw = await request.read()
        content_type = request.headers.get("Content-Type", "")
        if "json" in content_type:
            args.update(json.loads(raw or b"{}"))
        elif "multipart" in content_type:
            form = await request.post()
            args.update({k: v for k, v in form.items() if isinstance(v, str)})
        else:
            args.update(dict(parse_qsl(raw.decode("utf-8"), keep_blank_values=True)))
        for key in ("blocks", "view", "files", "attachments", "metadata"):
            if isinstance(args.get(key), str) and args[key][:1] in "[{":
                args[key] = json.loads(args[key])
        return args

    async def _handle_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await self._read_args(request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or args.get(
            "token"
        )
        fault = self._next_fault(method)
        # A slow answer: Slack did the work at once, and its answer comes late (after the
        # client may have given up), which is what makes a blind retry post twice.
        delay, fault = (fault.delay, None) if fault and fault.delay else (0.0, fault)
        if fault is not None:
            body = {"ok": False, "error": fault.error}
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after else {}
            self._record(ApiCall(method, args, body, fault.status))
            return web.json_response(body, status=fault.status, headers=headers)
        if method == "oauth.v2.access":
            body = self._oauth_access(args, request.headers.get("Authorization", ""))
        elif method == "apps.connections.open" and token != self.app_token:
            body = {"ok": False, "error": "invalid_auth"}
        elif method != "apps.connections.open" and token not in self.bot_tokens:
            body = {"ok": False, "error": "invalid_auth" if token else "not_authed"}
        elif scope_error := self._scope_error(METHOD_SCOPES.get(method)):
            body = scope_error
        else:
            handler = getattr(self, "_api_" + method.replace(".", "_"), None)
            body = handler(args) if handler else {"ok": False, "error": "unknown_method"}
        self._record(ApiCall(method, args, body))
        await asyncio.sleep(delay)
        return web.json_response(body)
