"""The API's HTTP edge: routes, the bearer token, the rate limit, body and header checks.

`make_api_app` is mounted by `bot.slack.http` under /api/, beside /slack/events and the
health checks, so the API is served wherever those are, on the same port.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs

from pydantic import ValidationError

from bot.api import schemas
from bot.api.answers import Answer, checkin_answer, checkin_out, error, goal_out, no_goal
from bot.api.openapi import openapi_document
from bot.api.ratelimit import RateLimiter
from bot.core.values import GoalKind, GoalState
from bot.services import Services
from bot.services.api_checkins import (
    GoalFilter,
    GoalNamed,
    NoGoal,
    Sent,
    goal_checkins,
    list_goals,
    request_hash,
    send_checkin,
)
from bot.services.api_tokens import authenticate
from storage.models import ApiToken

PREFIX = "/api/v1"
MAX_BODY_BYTES = 64 * 1024  # a check-in is a few hundred bytes
_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")  # visible ASCII, as the Idempotency-Key draft says
_CLOCK_SKEW = timedelta(minutes=5)  # how far ahead a client's clock may run
_CHECKINS_OF = re.compile(r"^/goals/(\d{1,9})/checkins$")
_FILTERS = ("platform", "metric", "status", "kind", "owner")
_STATES = {
    "all": None,
    "active": (GoalState.ACTIVE,),
    "achieved": (GoalState.ACHIEVED,),
    "archived": (GoalState.ARCHIVED,),
}

StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]
_Handler = Callable[[dict[str, Any], ApiToken, Services], Answer]


def make_api_app(services: Services) -> WsgiApp:
    """The WSGI application for every path under /api/."""
    limiter = RateLimiter(services.settings.API_RATE_PER_MINUTE, services.now)

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO", "")).removeprefix(PREFIX)
        method = str(environ.get("REQUEST_METHOD", "GET"))
        if path == "/openapi.json" and method in ("GET", "HEAD"):
            return _send(start_response, (200, openapi_document()))
        handler, allowed = _route(path, method)
        if handler is None:
            if allowed:
                headers = (("Allow", allowed),)
                answer = error(405, "method_not_allowed", f"Use {allowed} here.")
                return _send(start_response, answer, headers)
            return _send(start_response, error(404, "not_found", "No such endpoint."))
        token = authenticate(services, _bearer(environ))
        if token is None:
            answer = error(401, "unauthorized",
                           "Send a valid token as `Authorization: Bearer <token>` "
                           "(make one in Slack with `/goals token new`).")  # fmt: skip
            return _send(start_response, answer, (("WWW-Authenticate", "Bearer"),))
        wait = limiter.take(str(token.id))
        if wait:
            answer = error(429, "rate_limited", f"Too many requests: try again in {wait} s.")
            return _send(start_response, answer, (("Retry-After", str(wait)),))
        return _send(start_response, handler(environ, token, services))

    return application


def _route(path: str, method: str) -> tuple[_Handler | None, str]:
    """The handler for the path and method; else None and the methods the path allows."""
    if path == "/checkins":
        return (_post_checkin if method == "POST" else None), "POST"
    if path == "/goals":
        return (_get_goals if method == "GET" else None), "GET"
    if _CHECKINS_OF.match(path):
        return (_get_checkins if method == "GET" else None), "GET"
    return None, ""


def _bearer(environ: dict[str, Any]) -> str:
    scheme, _, token = str(environ.get("HTTP_AUTHORIZATION", "")).partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def _send(
    start_response: StartResponse, answer: Answer, headers: tuple[tuple[str, str], ...] = ()
) -> list[bytes]:
    status, body = answer
    data = json.dumps(body, ensure_ascii=False).encode("utf-8")
    start_response(
        f"{status} {_REASONS.get(status, 'Error')}",
        [("Content-Type", "application/json"), ("Content-Length", str(len(data))),
         ("Cache-Control", "no-store"), *headers],
    )  # fmt: skip
    return [data]


_REASONS = {
    200: "OK", 201: "Created", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden",
    404: "Not Found", 405: "Method Not Allowed", 413: "Payload Too Large",
    422: "Unprocessable Content", 429: "Too Many Requests",
}  # fmt: skip


def _post_checkin(environ: dict[str, Any], token: ApiToken, services: Services) -> Answer:
    key = environ.get("HTTP_IDEMPOTENCY_KEY")
    if key is not None and not _KEY.match(str(key)):
        return error(400, "invalid_idempotency_key",
                     "An Idempotency-Key is 1 to 255 visible ASCII characters.")  # fmt: skip
    read = _read_json(environ)
    if not isinstance(read, dict):
        return read
    try:
        request = schemas.CheckInRequest.model_validate(read)
    except ValidationError as exc:
        return error(400, "invalid_request", _first_problem(exc))
    if request.at is not None and request.at > services.now() + _CLOCK_SKEW:
        return error(422, "future_time", "`at` is in the future: a check-in says what was true.")
    canonical = json.dumps(read, sort_keys=True, default=str).encode()
    keyed = None if key is None else (str(key), request_hash("POST", "/checkins", canonical))
    return send_checkin(services, token, _sent(request), checkin_answer, keyed)


def _sent(request: schemas.CheckInRequest) -> Sent:
    goal = request.goal
    number = int(goal.strip().lstrip("#")) if isinstance(goal, str) else goal
    named = GoalNamed(number, request.external_id, request.metric, request.platform)
    value = request.value
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    return Sent(named, text, request.at, request.note, request.confirm)


def _read_json(environ: dict[str, Any]) -> dict[str, Any] | Answer:
    """The body as a JSON object, or the answer refusing it."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = -1
    if length > MAX_BODY_BYTES:
        return error(413, "too_large", f"The body is over {MAX_BODY_BYTES // 1024} KiB.")
    try:
        body = json.loads(environ["wsgi.input"].read(max(length, 0)), parse_float=Decimal)
    except (ValueError, RecursionError):
        body = None
    if not isinstance(body, dict):
        return error(400, "malformed_json", "The body must be a JSON object.")
    return body


def _first_problem(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])


def _get_goals(environ: dict[str, Any], token: ApiToken, services: Services) -> Answer:
    query = _query(environ)
    if isinstance(query, tuple):
        return query
    status, kind = query.get("status", ""), query.get("kind")
    if status and status not in _STATES:
        return error(400, "invalid_request", f"status is one of: {', '.join(_STATES)}.")
    if kind is not None and kind not in {k.value for k in GoalKind}:
        return error(400, "invalid_request", "kind is one of: goal, objective, key_result.")
    wanted = GoalFilter(
        metric=query.get("metric") or None, platform=query.get("platform") or None,
        states=_STATES[status] if status else (GoalState.ACTIVE, GoalState.ACHIEVED),
        kind=GoalKind(kind) if kind else None, owner_id=query.get("owner") or None,
    )  # fmt: skip
    listing = list_goals(services, token.team_id, wanted)
    if isinstance(listing, NoGoal):
        return no_goal(listing)
    goals = [goal_out(g, listing.numbers) for g in listing.goals]
    return 200, schemas.dumped(schemas.GoalList(goals=goals))


def _query(environ: dict[str, Any]) -> dict[str, str] | Answer:
    try:
        pairs = parse_qs(str(environ.get("QUERY_STRING", "")), keep_blank_values=True)
    except ValueError:
        return error(400, "invalid_request", "The query string could not be read.")
    unknown = sorted(set(pairs) - set(_FILTERS))
    if unknown:
        return error(400, "invalid_request",
                     f"Unknown filter {unknown[0]!r}; filters: {', '.join(_FILTERS)}.")  # fmt: skip
    if any(len(values) > 1 for values in pairs.values()):
        return error(400, "invalid_request", "Give each filter once.")
    return {name: values[0].strip() for name, values in pairs.items()}


def _get_checkins(environ: dict[str, Any], token: ApiToken, services: Services) -> Answer:
    matched = _CHECKINS_OF.match(str(environ.get("PATH_INFO", "")).removeprefix(PREFIX))
    number = int(matched.group(1)) if matched else 0
    found = goal_checkins(services, token.team_id, number)
    if found is None:
        return error(404, "not_found", f"No goal #{number} in this workspace.")
    goal, checkins = found
    listed = schemas.CheckInList(
        goal=goal.number, checkins=[checkin_out(c, goal.number) for c in checkins]
    )
    return 200, schemas.dumped(listed)
