"""The sandbox's server side: Slack's Web API, response URLs, uploads and Socket Mode.

One aiohttp server on 127.0.0.1 (a random port) runs in a background thread. The
state it keeps (users, channels, messages, threads, views, files) is what tests
assert on; every API call is recorded, and every Block Kit payload is checked
against Slack's limits (`problems` collects violations; the pytest fixture fails
a test that produced any).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import WSMsgType, web

from bot.sandbox.limits import message_problems, view_problems

BOT_TOKEN = "xoxb-sandbox-bot-token"
APP_TOKEN = "xapp-sandbox-app-token"
SIGNING_SECRET = "sandbox-signing-secret"


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


@dataclass
class Fault:
    """A failure the sandbox will answer with instead of the real thing."""

    error: str | None = None  # a Slack error code such as channel_not_found
    status: int = 200  # 429, 500, 503...
    retry_after: int | None = None
    delay: float = 0.0  # seconds before answering, to provoke client timeouts


class SlackSandbox:
    """A fake Slack workspace reachable over real sockets.

    Example:
        >>> with SlackSandbox() as slack:
        ...     slack.add_user("U1", tz="Europe/Bucharest")
        ...     client = WebClient(token=BOT_TOKEN, base_url=slack.api_url)
    """

    def __init__(self, *, team_id: str = "T0SANDBOX", team_name: str = "Sandbox") -> None:
        self.team_id = team_id
        self.team_name = team_name
        self.bot_user_id = "UBOT"
        self.bot_id = "BBOT"
        self.app_id = "A0SANDBOX"
        self.bot_token = BOT_TOKEN
        self.bot_tokens: dict[str, str] = {BOT_TOKEN: team_id}  # token -> workspace
        self.client_id, self.client_secret = "sandbox.client", "sandbox-client-secret"
        self.token_lifetime: int | None = None  # seconds; set to turn on token rotation
        self._oauth_codes: dict[str, str] = {}
        self._refresh_tokens: dict[str, str] = {}
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
        self._faults: dict[str, deque[Fault]] = defaultdict(deque)
        self._ids = itertools.count(1)
        self._ts = itertools.count(1)
        self._changed = threading.Condition()
        self._sockets: list[web.WebSocketResponse] = []
        self._acks: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._thread: threading.Thread | None = None
        self.port = 0

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
        """A person in the workspace, with the time zone users.info will report."""
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
            "profile": {"display_name": name, "real_name": name.title()},
        }
        self.users[user_id] = user
        return user

    def add_channel(self, channel_id: str, name: str, *, members: list[str] | None = None) -> None:
        """A public channel; the bot is a member unless `members` says otherwise."""
        self.channels[channel_id] = {
            "id": channel_id,
            "name": name,
            "is_channel": True,
            "is_im": False,
            "is_member": members is None or self.bot_user_id in members,
            "members": members or [],
        }

    def im_channel(self, user_id: str) -> str:
        """The id of the direct-message channel between the bot and a person."""
        channel_id = "D" + user_id.removeprefix("U")
        self.channels.setdefault(
            channel_id,
            {
                "id": channel_id,
                "is_im": True,
                "is_channel": False,
                "user": user_id,
                "is_member": True,
            },
        )
        return channel_id

    def fail(self, method: str, error: str, *, times: int = 1) -> None:
        """Answer the next `times` calls of `method` with `{"ok": false, "error": error}`."""
        self._faults[method].extend(Fault(error=error) for _ in range(times))

    def rate_limit(self, method: str, *, retry_after: int = 1, times: int = 1) -> None:
        """Answer the next calls of `method` with HTTP 429 and a Retry-After header."""
        fault = Fault(error="ratelimited", status=429, retry_after=retry_after)
        self._faults[method].extend(fault for _ in range(times))

    def server_error(self, method: str, *, status: int = 503, times: int = 1) -> None:
        """Answer the next calls of `method` with an HTTP 5xx."""
        self._faults[method].extend(Fault(error="fatal_error", status=status) for _ in range(times))

    def slow(self, method: str, *, seconds: float, times: int = 1) -> None:
        """Delay the next answers of `method`, so that the client times out."""
        self._faults[method].extend(Fault(delay=seconds) for _ in range(times))

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
        """A fresh message timestamp, increasing like Slack's."""
        return f"{1_790_000_000 + next(self._ts)}.000100"

    def record_user_message(
        self, channel: str, user: str, text: str, thread_ts: str | None
    ) -> Message:
        """Store a message a person typed (the driver calls this before sending the event)."""
        message = Message(
            channel=channel, ts=self.next_ts(), text=text, user=user, thread_ts=thread_ts
        )
        self._store(message)
        return message

    def _store(self, message: Message) -> None:
        with self._changed:
            self.messages.append(message)
            self._changed.notify_all()

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
        for key in ("blocks", "view", "files", "attachments"):
            if isinstance(args.get(key), str) and args[key][:1] in "[{":
                args[key] = json.loads(args[key])
        return args

    async def _handle_api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await self._read_args(request)
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or args.get(
            "token"
        )
        fault = self._faults[method].popleft() if self._faults[method] else None
        if fault and fault.delay:
            await asyncio.sleep(fault.delay)
            fault = None
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
        else:
            handler = getattr(self, "_api_" + method.replace(".", "_"), None)
            body = handler(args) if handler else {"ok": False, "error": "unknown_method"}
        self._record(ApiCall(method, args, body))
        return web.json_response(body)

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
        if not channel or (channel not in self.channels and not channel.startswith("D")):
            return {"ok": False, "error": "channel_not_found"}
        if channel in self.channels and not self.channels[channel].get("is_member", True):
            return {"ok": False, "error": "not_in_channel"}
        return None

    # --- OAuth (installing the app, rotating tokens) ----------------------------------

    def authorization_code(self) -> str:
        """What Slack hands the redirect URL after a person approves the install."""
        code = f"code-{next(self._ids)}"
        self._oauth_codes[code] = self.team_id
        return code

    def revoke(self, token: str) -> None:
        self.bot_tokens.pop(token, None)

    def _issue_token(self, team_id: str) -> dict[str, Any]:
        serial = next(self._ids)
        token = f"xoxb-{team_id}-{serial}"
        self.bot_tokens[token] = team_id
        issued: dict[str, Any] = {"access_token": token, "token_type": "bot"}
        if self.token_lifetime is not None:
            refresh = f"xoxe-1-{team_id}-{serial}"
            self._refresh_tokens[refresh] = team_id
            issued.update(refresh_token=refresh, expires_in=self.token_lifetime)
        return issued

    def _oauth_access(self, args: dict[str, Any], authorization: str) -> dict[str, Any]:
        import base64

        client_id, client_secret = args.get("client_id"), args.get("client_secret")
        if authorization.startswith("Basic "):
            decoded = base64.b64decode(authorization.removeprefix("Basic ")).decode()
            client_id, _, client_secret = decoded.partition(":")
        if (client_id, client_secret) != (self.client_id, self.client_secret):
            return {"ok": False, "error": "invalid_client_id"}
        if args.get("grant_type") == "refresh_token":
            team_id = self._refresh_tokens.pop(str(args.get("refresh_token")), None)
            if team_id is None:
                return {"ok": False, "error": "invalid_refresh_token"}
            return {
                "ok": True,
                "team": {"id": team_id, "name": self.team_name},
                **self._issue_token(team_id),
            }
        team_id = self._oauth_codes.pop(str(args.get("code")), None)
        if team_id is None:
            return {"ok": False, "error": "invalid_code"}
        return {
            "ok": True,
            "app_id": self.app_id,
            "authed_user": {"id": "UINSTALLER"},
            "scope": "chat:write,commands",
            "bot_user_id": self.bot_user_id,
            "team": {"id": team_id, "name": self.team_name},
            "enterprise": None,
            "is_enterprise_install": False,
            **self._issue_token(team_id),
        }

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

    def _api_apps_connections_open(self, _args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket?ticket={next(self._ids)}"}

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

    # --- response URLs ---------------------------------------------------------------------

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

    # --- Socket Mode ---------------------------------------------------------------------

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

    @staticmethod
    def _as_json(message: Message) -> dict[str, Any]:
        data: dict[str, Any] = {"type": "message", "text": message.text, "ts": message.ts}
        data.update(user=message.user, blocks=message.blocks)
        if message.thread_ts:
            data["thread_ts"] = message.thread_ts
        return data
