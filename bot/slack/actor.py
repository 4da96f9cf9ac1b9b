"""Who a Slack request comes from: the workspace and person, and what Slack says about them."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from slack_sdk import WebClient

from bot.i18n.catalogue import Translator, translator
from bot.services import Services
from bot.services.permissions import Requester
from bot.slack.people import member_info, member_language, member_timezone, user_timezone
from storage.models import Member


@dataclass(eq=False)
class Actor:
    """The person behind a request; admin, time zone and language are asked of Slack only
    when read.

    Reading `actor.timezone` calls `users.info` at most once per request (and the
    answer is cached in the database for a day); a request that never reads it
    costs nothing.
    """

    team_id: str
    user_id: str
    services: Services = field(repr=False)
    client: WebClient = field(repr=False)
    written: str = ""  # what the person wrote in this request: its language may decide ours

    @cached_property
    def member(self) -> Member:
        """The person's cached member row, read (or asked of Slack) once per request."""
        return member_info(self.services, self.client, self.team_id, self.user_id)

    @cached_property
    def is_admin(self) -> bool:
        return self.member.is_admin

    @cached_property
    def timezone(self) -> str:
        """The person's IANA time zone, else the workspace default."""
        return member_timezone(self.services, self.member)

    @cached_property
    def language(self) -> str:
        """The language to answer in: chosen, else written, else Slack's locale, else default."""
        return member_language(self.services, self.member, written=self.written)

    @property
    def tr(self) -> Translator:
        """The person's message catalogue."""
        return translator(self.language)

    def requester(self) -> Requester:
        """The person as the services see them; Slack is asked about admin only if needed."""
        return Requester(self.team_id, self.user_id, lambda: self.is_admin)

    def timezone_of(self, user_id: str) -> str:
        """Another person's time zone in the same workspace (an owner named in an interview)."""
        return user_timezone(self.services, self.client, self.team_id, user_id)


def team_of(body: dict[str, Any], found_by_bolt: str | None) -> str:
    """The workspace a payload belongs to, also on Enterprise Grid, where `team` is null.

    Bolt's own reading comes first; then the person's `team_id` and the event's
    `authorizations`, which Grid payloads carry when `team` is null.

    Example:
        >>> team_of({"team": None, "user": {"id": "U1", "team_id": "T9"}}, None)
        'T9'
    """
    if found_by_bolt:
        return found_by_bolt
    user = body.get("user")
    if isinstance(user, dict) and user.get("team_id"):
        return str(user["team_id"])
    authorizations = body.get("authorizations")
    first = authorizations[0] if isinstance(authorizations, list) and authorizations else None
    if isinstance(first, dict) and first.get("team_id"):
        return str(first["team_id"])
    return str(body.get("team_id") or "")
