"""HTTP mode: Slack's `/slack/events` endpoint, health checks and the REST API (`/api/v1`),
served by waitress."""

from __future__ import annotations

import hmac
import io
import json
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.api.wsgi import make_api_app
from bot.observability import metrics_text
from bot.services import Services
from bot.slack.shapes import shape_problem
from storage.db import DatabaseUnavailable, check_connection, schema_is_current, takes_writes

MAX_BODY_BYTES = 1024 * 1024  # Slack's payloads are far smaller; anything bigger is refused

# The server's limits, chosen so that slow or idle clients cannot crowd Slack out. waitress
# reads requests in its event loop and hands only complete ones to the threads, so a slow
# client costs a connection, not a thread: the connection limit is what they could exhaust
# (waitress's default, 100, fell to 101 clients sending a header byte a second). poll()
# instead of select(), which stops at 1024 file descriptors. Behind a reverse proxy, the
# proxy's own header and body timeouts stop slow clients before they get here.
SERVER_LIMITS: dict[str, Any] = {
    "connection_limit": 1000,  # open connections at once (keep `ulimit -n` above it)
    "channel_timeout": 30,  # seconds a connection may sit idle; Slack's requests take ms
    "cleanup_interval": 10,  # how often idle connections are looked for
    "max_request_header_size": 64 * 1024,  # Slack's headers are a few hundred bytes
    "max_request_body_size": MAX_BODY_BYTES,
    "asyncore_use_poll": True,
}

THREADS = 8  # waitress's threads for requests (its event loop reads and writes)

StartResponse = Callable[..., Any]


def unheeded() -> None:
    """What hears of Slack's requests arriving when nothing needs to (see `make_wsgi_app`)."""


def is_well_formed(body: bytes, content_type: str) -> bool:
    """True when Bolt can read the body: a JSON object, or a form whose `payload` is one,
    with the shape Slack gives its payloads."""
    try:
        text = body.decode("utf-8")
        if "json" in content_type:
            payload = json.loads(text)
        else:
            form = parse_qs(text, keep_blank_values=True, strict_parsing=bool(text))
            # A slash command is the form itself, read as Bolt reads it (first values).
            payload = (
                json.loads(form["payload"][0])
                if "payload" in form
                else {k: v[0] for k, v in form.items()}
            )
    except (UnicodeDecodeError, ValueError):
        return False
    return shape_problem(payload) is None


def readiness(services: Services) -> tuple[str, str]:
    """The /readyz answer: ready only when the database is reachable, migrated and writable."""
    unavailable = "503 Service Unavailable"
    try:
        check_connection(services.engine)
    except DatabaseUnavailable:
        return unavailable, "database unreachable\n"
    if not schema_is_current(services.engine):
        return unavailable, "migrations pending\n"
    if not takes_writes(services.engine):
        return unavailable, "database refuses writes\n"
    return "200 OK", "ready\n"


def may_read_metrics(environ: dict[str, Any], token: str | None) -> bool:
    """Anyone may when no METRICS_TOKEN is set; else only a request bearing it."""
    if not token:
        return True
    given = str(environ.get("HTTP_AUTHORIZATION", "")).removeprefix("Bearer ")
    return hmac.compare_digest(given.encode(), token.encode())


def make_wsgi_app(
    app: App,
    services: Services,
    *,
    arrived: Callable[[], None] = unheeded,
) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """The WSGI application: Bolt for Slack's requests, plain answers for health checks,
    the REST API under /api/. `arrived`, when given, is told of each of Slack's requests
    before any work on it (the in-process job threads step aside under a flood)."""
    slack = SlackRequestHandler(app, path="/slack/events")
    api = make_api_app(services)

    def plain(start_response: StartResponse, status: str, text: str) -> list[bytes]:
        start_response(status, [("Content-Type", "text/plain; charset=utf-8")])
        return [text.encode()]

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path == "/healthz":
            return plain(start_response, "200 OK", "ok\n")
        if path == "/readyz":
            return plain(start_response, *readiness(services))
        if path == "/metrics":
            if not may_read_metrics(environ, services.settings.METRICS_TOKEN):
                return plain(start_response, "401 Unauthorized", "metrics token required\n")
            start_response("200 OK", [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")])
            return [metrics_text()]
        if path.startswith("/api/"):
            return api(environ, start_response)
        if path == "/slack/events" and environ.get("REQUEST_METHOD") == "POST":
            arrived()
            length = int(environ.get("CONTENT_LENGTH") or 0)
            if length > MAX_BODY_BYTES:
                return plain(start_response, "413 Payload Too Large", "payload too large\n")
            body = environ["wsgi.input"].read(length)
            if not is_well_formed(body, environ.get("CONTENT_TYPE", "")):
                return plain(start_response, "400 Bad Request", "malformed body\n")
            environ["wsgi.input"] = io.BytesIO(body)
        return slack(environ, start_response)

    return application


def serve(
    app: App,
    services: Services,
    *,
    host: str,
    port: int,
    arrived: Callable[[], None] = unheeded,
) -> None:
    """Serve until interrupted (blocking)."""
    from waitress import serve as waitress_serve

    waitress_serve(
        make_wsgi_app(app, services, arrived=arrived),
        host=host,
        port=port,
        threads=THREADS,
        ident="checkin-bot",
        **SERVER_LIMITS,
    )


class BackgroundServer:
    """The HTTP endpoint on 127.0.0.1 at a free port, in a thread (console and tests).

    Example:
        >>> with BackgroundServer(make_wsgi_app(app, services)) as server:
        ...     driver = SlackDriver(sandbox, bot_url=server.url)
    """

    def __init__(
        self, wsgi_app: Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
    ) -> None:
        import threading

        from waitress.server import create_server

        self._server: Any = create_server(
            wsgi_app, host="127.0.0.1", port=0, threads=4, **SERVER_LIMITS
        )
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="bot-http", daemon=True)

    def _serve(self) -> None:
        # waitress's own run() loops until its socket is closed under it, which races with
        # the select() in flight (EBADF); a short loop that checks a flag ends cleanly.
        from waitress import wasyncore

        while not self._stopping.is_set():
            wasyncore.loop(timeout=0.05, use_poll=True, map=self._server._map, count=1)
        self._server.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.effective_port}"

    def __enter__(self) -> BackgroundServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stopping.set()
        self._thread.join(5)
