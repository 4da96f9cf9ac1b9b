"""What a listener hands to the code behind one slash subcommand or message."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_bolt import Respond
from slack_sdk import WebClient

from bot.services import Services
from bot.slack.actor import Actor


@dataclass
class CommandContext:
    """One `/goals <subcommand> <args>` invocation."""

    services: Services
    client: WebClient
    respond: Respond
    actor: Actor
    channel_id: str
    args: str
    trigger_id: str

    @property
    def team_id(self) -> str:
        return self.actor.team_id

    @property
    def user_id(self) -> str:
        return self.actor.user_id

    def reply(self, text: str, blocks: list[dict[str, Any]] | None = None) -> None:
        """Answer only the person who typed the command."""
        self.respond(text=text, blocks=blocks, response_type="ephemeral")


@dataclass
class MessageContext:
    """A message a person wrote where the bot can read it (a DM, a thread, a mention)."""

    services: Services
    client: WebClient
    actor: Actor
    channel_id: str
    channel_type: str
    text: str
    ts: str
    thread_ts: str | None
    is_mention: bool
    files: tuple[dict[str, Any], ...] = ()  # files shared with the message (a `file_share`)

    @property
    def team_id(self) -> str:
        return self.actor.team_id

    @property
    def user_id(self) -> str:
        return self.actor.user_id

    @property
    def is_direct(self) -> bool:
        return self.channel_type == "im"

    def say(
        self, text: str, blocks: list[dict[str, Any]] | None = None, *, in_thread: bool = False
    ) -> dict[str, Any]:
        """Answer where the person wrote: in the thread if they wrote in one (or if asked)."""
        thread = self.thread_ts or (self.ts if in_thread else None)
        response = self.client.chat_postMessage(
            channel=self.channel_id, text=text, blocks=blocks, thread_ts=thread
        )
        return dict(response.data) if isinstance(response.data, dict) else {}
