"""OAuth in the sandbox: installing the app (`oauth.v2.access` with a code) and rotating
tokens (with a refresh token, when `token_lifetime` is set)."""

from __future__ import annotations

import base64
from typing import Any

from bot.sandbox.state import SandboxState


class OAuthServer(SandboxState):
    """Hands out authorization codes and bot tokens, and checks the app's client credentials."""

    def __init__(self, *, team_id: str, team_name: str) -> None:
        super().__init__(team_id=team_id, team_name=team_name)
        self.client_id, self.client_secret = "sandbox.client", "sandbox-client-secret"
        self.token_lifetime: int | None = None  # seconds; set to turn on token rotation
        self._oauth_codes: dict[str, str] = {}
        self._refresh_tokens: dict[str, str] = {}

    def authorization_code(self) -> str:
        """What Slack hands the redirect URL after a person approves the install."""
        code = f"code-{next(self._ids)}"
        self._oauth_codes[code] = self.team_id
        return code

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
