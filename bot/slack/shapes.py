"""The shape filter: whether a payload has the types Slack always gives its parts.

Bolt and the listeners read a payload's parts before any listener can check them (the
workspace, the person, the channel, a message's `ts`); a part of another type makes
them fail with a traceback. Slack itself never sends such a payload, so one that has
it is refused at the edge, the same way over HTTP and over Socket Mode.
"""

from __future__ import annotations

from typing import Any

_ABSENT = object()

# Parts that are text when present (a dotted path names a part of a part).
_TEXT = (
    "type", "team_id", "user_id", "channel_id", "enterprise_id", "api_app_id", "event_id",
    "trigger_id", "command", "text", "response_url",
    "event.type", "event.subtype", "event.user", "event.channel", "event.channel_type",
    "event.ts", "event.thread_ts", "event.event_ts", "event.deleted_ts", "event.text",
    "event.tab", "event.bot_id", "event.team",
    "event.message.ts", "event.message.thread_ts", "event.message.text", "event.message.user",
    "event.message.bot_id", "event.previous_message.ts", "event.previous_message.thread_ts",
    "event.previous_message.text", "event.previous_message.user",
    "event.message.edited.ts", "user.id", "user.team_id", "team.id", "enterprise.id",
    "channel.id", "container.type", "container.message_ts", "container.channel_id",
    "container.thread_ts", "container.view_id", "message.ts", "message.thread_ts",
    "message.text", "view.id", "view.type", "view.callback_id", "view.private_metadata",
    "view.hash", "view.team_id",
)  # fmt: skip
_OBJECTS = (
    "event", "view", "user", "channel", "container", "message", "state", "view.state",
    "event.message", "event.previous_message", "event.message.edited",
)  # fmt: skip
_OBJECTS_OR_NULL = ("team", "enterprise")  # null in org-wide (Enterprise Grid) payloads
_LISTS_OF_OBJECTS = ("authorizations", "response_urls", "actions", "view.blocks")
# What a person does in Slack comes with a trigger id (to open a modal with).
_TRIGGERED = ("block_actions", "view_submission", "shortcut", "message_action")


def _part(payload: dict[str, Any], path: str) -> Any:
    found: Any = payload
    for key in path.split("."):
        if not isinstance(found, dict) or key not in found:
            return _ABSENT
        found = found[key]
    return found


def _names_a_workspace(payload: dict[str, Any]) -> bool:
    """Slack names the workspace in every payload: `team_id`, `team.id`, or on Enterprise
    Grid (where `team` is null) the person's or the authorization's `team_id`."""
    authorizations = payload.get("authorizations") or [{}]
    places = (
        payload.get("team_id"),
        (payload.get("team") or {}).get("id"),
        (payload.get("user") or {}).get("team_id"),
        (payload.get("view") or {}).get("team_id"),
        authorizations[0].get("team_id"),
    )
    return any(isinstance(place, str) and place for place in places)


def shape_problem(payload: object) -> str | None:
    """What makes `payload` unlike anything Slack sends, or None when it is Slack-shaped.

    Example:
        >>> shape_problem({"type": "event_callback", "team_id": "T1", "event": None})
        'event is not an object'
        >>> shape_problem({"type": "event_callback", "team_id": "T1",
        ...                "event": {"type": "message", "ts": {"x": 1}}})
        'event.ts is not text'
    """
    if not isinstance(payload, dict):
        return "not an object"
    for path in _OBJECTS:
        if _part(payload, path) is not _ABSENT and not isinstance(_part(payload, path), dict):
            return f"{path} is not an object"
    for path in _OBJECTS_OR_NULL:
        if payload.get(path) is not None and not isinstance(payload[path], dict):
            return f"{path} is neither an object nor null"
    for path in _LISTS_OF_OBJECTS:
        found = _part(payload, path)
        if found is not _ABSENT and not (
            isinstance(found, list) and all(isinstance(item, dict) for item in found)
        ):
            return f"{path} is not a list of objects"
    for path in _TEXT:
        found = _part(payload, path)
        if found is not _ABSENT and found is not None and not isinstance(found, str):
            return f"{path} is not text"
    return _kind_problem(payload)


def _kind_problem(payload: dict[str, Any]) -> str | None:
    if "event" in payload and not payload["event"].get("type"):
        return "the event has no type"
    if "view" in payload and not payload["view"].get("type"):
        return "the view has no type"
    triggered = payload.get("command") or payload.get("type") in _TRIGGERED
    if triggered and not payload.get("trigger_id"):
        return "no trigger id"
    if payload.get("type") == "block_actions":
        actions = payload.get("actions") or []
        if not actions or not all(isinstance(a.get("action_id"), str) for a in actions):
            return "block_actions without action ids"
    # Slack's own checks of the endpoint (a URL challenge, a certificate check) name no workspace.
    checks = payload.get("type") == "url_verification" or "ssl_check" in payload
    if not checks and not _names_a_workspace(payload):
        return "no workspace"
    return None
