"""`checkin-bot console`: chat with the bot in a terminal, through the local Slack sandbox.

Each line is a direct message to the bot; a line starting with `/` is a slash
command; `!2` presses button 2 of the bot's last answer; `> text` replies in the
thread of the bot's last message; `!wait 3d` moves the console's clock on and
delivers the reminders and digests that fall due meanwhile. The bot is the same
Bolt app as in Slack: the console only plays the part of Slack, of time and of
the person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import datetime, timedelta
from typing import Any, Protocol, TextIO

from bot.clock import FrozenClock, ShiftedClock
from bot.core.numbers.read import parse_quantity
from bot.core.parse_error import ParseError
from bot.core.values import Unit
from bot.render.text import blocks_to_text
from bot.sandbox import SlackDriver, SlackSandbox
from bot.sandbox.state import Message
from bot.scheduling.deliveries import DeliveryRunner
from bot.scheduling.sources import all_sources
from bot.services import Services
from bot.slack.app import create_app
from bot.slack.client import make_client
from bot.slack.http import BackgroundServer, make_wsgi_app

WELCOME = (
    "checkin-bot console. Type a message to the bot, or a command such as /goals help.\n"
    "Press a button with !1, !2, ...; reply in the bot's last thread with > your reply;\n"
    "!wait 1d skips ahead a day and delivers the reminders due; quit with Ctrl-D or 'quit'."
)

NO_ANSWER = "(no answer)"
WAIT_HELP = "(say how long to wait, e.g. !wait 2h or !wait 3d)"
MAX_WAIT = timedelta(days=400)


class Advancing(Protocol):
    """A clock the console can move on (frozen by --now, or real time plus an offset)."""

    def now(self) -> datetime: ...

    def advance(self, delta: timedelta) -> datetime: ...


class Console:
    """One person's conversation with the bot, line by line."""

    def __init__(
        self,
        sandbox: SlackSandbox,
        driver: SlackDriver,
        user_id: str,
        *,
        clock: Advancing,
        deliver: Callable[[], object],
    ) -> None:
        self.sandbox = sandbox
        self.driver = driver
        self.user_id = user_id
        self.clock = clock
        self.deliver = deliver  # one tick of the delivery runner (reminders, digests)
        self.channel = sandbox.im_channel(user_id)
        self._buttons: list[tuple[Message, dict[str, Any]]] = []
        self._last_thread: str | None = None
        self._seen_messages = 0
        self._seen_views = 0
        self._home: dict[str, Any] | None = None

    def handle_line(self, line: str) -> str:
        """Act on one typed line and return what the bot answered, as text."""
        line = line.strip()
        if not line:
            return ""
        if line.startswith("!") and line[1:].isdigit():
            return self._press(int(line[1:]))
        if line.split()[0] == "!wait":
            return self._wait(line.removeprefix("!wait"))
        if line.startswith("/"):
            command, _, text = line.partition(" ")
            if command != "/goals":
                return "(only /goals is a command here; try /goals help)"
            self.driver.command(self.user_id, command, text)
        elif line.startswith(">") and self._last_thread:
            self.driver.message(self.user_id, line[1:].strip(), thread_ts=self._last_thread)
        else:
            self.driver.message(self.user_id, line.lstrip(">").strip())
        return self._collect()

    def _wait(self, how_long: str) -> str:
        """Skip ahead, one hour at a time, delivering whatever falls due on the way."""
        parsed = parse_quantity(how_long, unit_hint=Unit.DURATION)
        if isinstance(parsed, ParseError) or parsed.quantity.unit is not Unit.DURATION:
            return WAIT_HELP
        remaining = timedelta(seconds=float(parsed.quantity.value))
        if not timedelta(0) < remaining <= MAX_WAIT:
            return WAIT_HELP
        while remaining > timedelta(0):
            step = min(remaining, timedelta(hours=1))
            self.clock.advance(step)
            remaining -= step
            self.deliver()
        shown = self._collect()
        moment = self.clock.now().strftime("%a %d %b %Y %H:%M UTC")
        return f"(it is now {moment})" + ("" if shown == NO_ANSWER else "\n\n" + shown)

    def _press(self, number: int) -> str:
        if not 1 <= number <= len(self._buttons):
            return f"(there is no button {number})"
        message, element = self._buttons[number - 1]
        block_id = next(
            (
                b.get("block_id", "")
                for b in message.blocks
                if element in (b.get("elements") or [b.get("accessory")])
            ),
            "",
        )
        self.driver.block_action(self.user_id, element, block_id, message)
        return self._collect()

    def _visible(self, message: Message) -> bool:
        if message.user == self.user_id or message.deleted:
            return False
        return message.channel == self.channel or message.ephemeral_to == self.user_id

    def _collect(self) -> str:
        """Everything the bot showed this person since the last line, as text."""
        new = self.sandbox.messages[self._seen_messages :]
        self._seen_messages = len(self.sandbox.messages)
        parts: list[str] = []
        buttons: list[tuple[Message, dict[str, Any]]] = []
        for message in new:
            if not self._visible(message):
                continue
            text, found = blocks_to_text(message.blocks, fallback=message.text)
            numbered = _renumber(text, len(buttons))
            buttons.extend((message, b) for b in found)
            for upload in message.files:
                numbered += f"\n[file: {upload.get('title') or upload.get('name')}]"
            parts.append(numbered)
            self._last_thread = message.thread_ts or message.ts
        views = list(self.sandbox.views.values())[self._seen_views :]
        self._seen_views = len(self.sandbox.views)
        for view in views:
            text, _ = blocks_to_text(view.get("blocks", []))
            title = (view.get("title") or {}).get("text", "form")
            parts.append(f"[form: {title}]\n{text}")
        home = self.sandbox.home_views.get(self.user_id)
        if home is not None and home is not self._home:
            self._home = home
            text, _ = blocks_to_text(home.get("blocks", []))
            parts.append(f"[App Home]\n{text}")
        if buttons:
            self._buttons = buttons
            parts.append(
                "(press a button with !1" + (f" to !{len(buttons)})" if len(buttons) > 1 else ")")
            )
        return "\n\n".join(parts) if parts else NO_ANSWER


def _renumber(text: str, offset: int) -> str:
    """Shift the [1], [2] button numbers of one message after those of earlier messages."""
    if not offset:
        return text
    return re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + offset}]", text)


@contextmanager
def open_console(services: Services, *, user_id: str, team_id: str) -> Iterator[Console]:
    """Start a sandbox and the bot behind it; yield a console for `user_id`."""
    with ExitStack() as stack:
        sandbox = stack.enter_context(SlackSandbox(team_id=team_id))
        sandbox.add_user(user_id, name="you", tz=services.settings.DEFAULT_TIMEZONE, is_admin=True)
        services.settings = services.settings.model_copy(
            update={
                "SLACK_BOT_TOKEN": sandbox.bot_token,
                "SLACK_SIGNING_SECRET": sandbox.signing_secret,
                "SLACK_API_URL": sandbox.api_url,
            }
        )
        clock = services.clock if isinstance(services.clock, FrozenClock) else ShiftedClock()
        services.clock = clock
        app = create_app(services, process_before_response=True)
        server = stack.enter_context(BackgroundServer(make_wsgi_app(app, services)))
        driver = SlackDriver(sandbox, bot_url=server.url)
        client = make_client(services)
        runner = DeliveryRunner(services, lambda _team: client, all_sources(services))
        yield Console(sandbox, driver, user_id, clock=clock, deliver=runner.tick)


def run_console(
    services: Services, *, user_id: str, team_id: str, stdin: TextIO, stdout: TextIO
) -> int:
    """Read lines until end of input, printing the bot's answers."""
    interactive = stdin.isatty()
    with open_console(services, user_id=user_id, team_id=team_id) as console:
        if interactive:
            print(WELCOME, file=stdout)
        while True:
            if interactive:
                print("you> ", end="", file=stdout, flush=True)
            line = stdin.readline()
            if not line or line.strip() in ("quit", "exit"):
                break
            answer = console.handle_line(line)
            if answer:
                print(_indent(answer), file=stdout, flush=True)
    return 0


def _indent(text: str) -> str:
    lines = text.splitlines() or [""]
    return "bot> " + "\n     ".join(lines)
