"""Which OAuth scope each Web API method the sandbox serves needs, as Slack's reference lists
them; a token without it gets Slack's `missing_scope` answer instead of the work."""

from __future__ import annotations

from typing import Any

# Methods whose scope does not depend on the conversation (views.*, auth.test need none).
METHOD_SCOPES = {
    "chat.postMessage": "chat:write",
    "chat.postEphemeral": "chat:write",
    "chat.update": "chat:write",
    "chat.delete": "chat:write",
    "conversations.open": "im:write",
    "files.info": "files:read",
    "files.getUploadURLExternal": "files:write",
    "files.completeUploadExternal": "files:write",
    "reactions.add": "reactions:write",
    "users.info": "users:read",
    "users.profile.get": "users.profile:read",
}

# The Conversations API asks for the scope of the conversation's kind: channels:history for
# a public channel, groups:history for a private one, im:… and mpim:… for DMs.
KIND_PREFIX = {"channel": "channels", "group": "groups", "im": "im", "mpim": "mpim"}


def conversation_scope(kind: str, action: str) -> str:
    """E.g. `conversation_scope("group", "history")` -> `"groups:history"`."""
    return f"{KIND_PREFIX[kind]}:{action}"


def missing_scope(needed: str | None, granted: set[str]) -> dict[str, Any] | None:
    """Slack's answer when the token lacks `needed` (None: nothing is needed)."""
    if needed is None or needed in granted:
        return None
    return {
        "ok": False,
        "error": "missing_scope",
        "needed": needed,
        "provided": ",".join(sorted(granted)),
    }
