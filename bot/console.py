"""`checkin-bot console`: chat with the bot in a terminal, through the local Slack sandbox.

Each line is a direct message to the bot; a line starting with `/` is a slash
command; `!2` presses button 2 of the bot's last answer; `> text` replies in the
thread of the bot's last message; `!wait 3d` moves the console's clock on and
delivers the reminders and digests that fall due meanwhile; a form the bot opens is
filled in field by field; `@ana` and `#marketing` are mentions (`!people`,
`!channels`); `!home` shows the App Home; files the bot sends are written to a folder.
The bot is the same Bolt app as in Slack: the console only plays the part of Slack,
of time and of the person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol, TextIO
from zoneinfo import ZoneInfo, available_timezones

from bot.clock import FrozenClock, ShiftedClock, zone_of
from bot.console_forms import CANCEL, FormFill
from bot.console_workspace import furnish, listing, named, to_slack
from bot.core.numbers.read import parse_quantity
from bot.core.parse_error import ParseError
from bot.core.values import Unit
from bot.i18n.bidi import rtl
from bot.i18n.catalogue import N_, SOURCE_LANGUAGE, Translator, translator
from bot.i18n.formats import day, persian_digits
from bot.i18n.formats import number as written_number
from bot.render.text import blocks_to_text
from bot.sandbox import SlackDriver, SlackSandbox
from bot.sandbox.state import Message
from bot.scheduling.deliveries import DeliveryRunner
from bot.scheduling.sources import all_sources
from bot.services import Services
from bot.slack.app import create_app
from bot.slack.client import make_client
from bot.slack.http import BackgroundServer, make_wsgi_app
from bot.slack.people import user_language

WELCOME = N_(
    "checkin-bot console. Type a message to the bot, or a command such as /goals help.\n"
    "!help lists what the console itself understands; quit with Ctrl-D or 'quit'."
)

HELP = N_("""The console plays Slack for you. Besides messages to the bot, it understands:
  /goals ...        a slash command (/goals help lists the bot's own commands)
  !1, !2, ...       press a numbered button of the bot's last answer
  > text            reply in the thread of the bot's last message (a check-in)
  @ana, #marketing  mentions of a person or a channel (!people, !channels list them)
  !home             show your App Home tab
  !wait 2d          move the clock on, delivering the reminders and digests due
  !help             this help; the bot's own help is "help" or /goals help
In a form the bot opens, each field is asked in turn: type the value, "." keeps
what it holds, !cancel closes the form. Charts and exports the bot sends are
written to the files folder, and their paths printed. Quit with Ctrl-D or "quit".""")

NO_ANSWER = N_("(no answer)")
WAIT_HELP = N_("(say how long to wait, e.g. !wait 2h or !wait 3d)")
MAX_WAIT = timedelta(days=400)
FILES_DIR = Path("checkin-bot-files")


@dataclass(frozen=True, slots=True)
class Seat:
    """Who sits at the console: their user id and workspace, their time zone (None: the
    settings' default), and the folder the files the bot sends them are written to."""

    user_id: str
    team_id: str
    tz: str | None = None
    files_dir: Path = FILES_DIR

    @classmethod
    def typed(
        cls, user_id: str, team_id: str, *, now: str | None, tz: str | None, files: str | None
    ) -> Seat:
        """The seat the command line describes: `--tz`, else the zone `--now` is written in.

        Raises:
            ValueError: when `--tz` names no time zone.
        """
        zone = tz or (zone_of(now) if now else None)
        if zone is not None and zone not in available_timezones():
            raise ValueError(f"--tz {zone!r} is not a time zone; use e.g. Europe/Bucharest")
        return cls(user_id, team_id, zone, Path(files) if files else FILES_DIR)


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
        # The person's language as the bot answers them (chosen, else Slack's locale);
        # open_console asks the bot's own rule.
        self.language: Callable[[], str] = lambda: SOURCE_LANGUAGE
        self.tz = ZoneInfo(sandbox.users[user_id]["tz"])  # the person's, as Slack knows it
        self.files_dir = FILES_DIR  # where files the bot sends are written
        self.channel = sandbox.im_channel(user_id)
        self._buttons: list[tuple[Message, dict[str, Any]]] = []
        self._last_thread: str | None = None
        self._seen_messages = 0
        self._seen_views: dict[str, dict[str, Any]] = {}
        self._form: FormFill | None = None

    @property
    def tr(self) -> Translator:
        """The console's own words in the person's language, read anew for every line so
        `/goals language fa` switches the console too."""
        return translator(self.language())

    def say(self, message: str, **values: object) -> str:
        """One of the console's own notices, translated, its `{placeholders}` filled."""
        tr = self.tr
        return rtl(tr._(message).format(**values), tr.lang)

    def handle_line(self, line: str) -> str:
        """Act on one typed line and return what the bot answered, as text."""
        line = to_slack(line.strip(), self.sandbox)
        if not line:
            return ""
        if self._form is not None:
            return named(self._fill(line), self.sandbox)
        if line.startswith("!") and line[1:].isdigit():
            return self._press(int(line[1:]))
        word = line.split()[0]
        if word in _SAYINGS:
            return _SAYINGS[word](self)
        if word == "!wait":
            return self._wait(line.removeprefix("!wait"))
        if line.startswith("/"):
            command, _, text = line.partition(" ")
            if command != "/goals":
                return self.say(N_("(only /goals is a command here; try /goals help)"))
            self.driver.command(self.user_id, command, text)
        elif line.startswith(">") and self._last_thread:
            self.driver.message(self.user_id, line[1:].strip(), thread_ts=self._last_thread)
        elif line.startswith("!"):
            return self.say(
                N_("(the console has no {word}; !help lists what it understands)"), word=word
            )
        else:
            self.driver.message(self.user_id, line.lstrip(">").strip())
        return self._collect()

    def home(self) -> str:
        """The App Home tab as it looks now (opening it, as clicking the tab does)."""
        self.driver.open_home(self.user_id)
        shown = self._collect()
        home = self.sandbox.home_views.get(self.user_id)
        if home is None:
            return shown
        text, _ = blocks_to_text(home.get("blocks", []))
        heading = self.say(N_("[App Home]"))
        page = named(f"{heading}\n{text}", self.sandbox)
        return page if shown == self.say(NO_ANSWER) else f"{shown}\n\n{page}"

    def _fill(self, line: str) -> str:
        form = self._form
        assert form is not None
        if line == CANCEL:
            self._form = None
            return self.say(N_("(closed the form “{title}” without sending it)"), title=form.title)
        problem = form.answer(line)
        if problem is not None:
            return problem + "\n" + form.question()
        if not form.done:
            return form.question()
        self._form = None
        result = self.driver.submit_view(self.user_id, form.view, form.values).json() or {}
        errors = result.get("errors") if result.get("response_action") == "errors" else None
        if errors:
            form.back_to(set(errors))
            self._form = form
            said = "\n".join(f"{name}: {text}" for name, text in errors.items())
            refused = self.say(N_("(the form was not accepted)"))
            return f"{refused}\n{said}\n{form.question()}"
        return self._collect()

    def _wait(self, how_long: str) -> str:
        """Skip ahead, one hour at a time, delivering whatever falls due on the way."""
        parsed = parse_quantity(how_long, unit_hint=Unit.DURATION)
        if isinstance(parsed, ParseError) or parsed.quantity.unit is not Unit.DURATION:
            return self.say(WAIT_HELP)
        remaining = timedelta(seconds=float(parsed.quantity.value))
        if not timedelta(0) < remaining <= MAX_WAIT:
            return self.say(WAIT_HELP)
        while remaining > timedelta(0):
            step = min(remaining, timedelta(hours=1))
            self.clock.advance(step)
            remaining -= step
            self.deliver()
        shown = self._collect()
        now = self.say(N_("(it is now {moment})"), moment=self._moment())
        return now + ("" if shown == self.say(NO_ANSWER) else "\n\n" + shown)

    def _moment(self) -> str:
        """The console's time in the person's zone: "Mon 23 Nov 2026 10:00 EET" in English,
        the language's own date (the Solar Hijri one in Persian) and digits otherwise."""
        moment = self.clock.now().astimezone(self.tz)
        lang = self.tr.lang
        if lang == "en":
            return moment.strftime("%a %d %b %Y %H:%M %Z")
        hour = moment.strftime("%H:%M")
        return f"{day(moment.date(), lang)} {persian_digits(hour) if lang == 'fa' else hour}"

    def _press(self, number: int) -> str:
        if not 1 <= number <= len(self._buttons):
            shown = written_number(number, self.tr.lang)
            return self.say(N_("(there is no button {number})"), number=shown)
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
        if message.ephemeral_to is not None:
            return message.ephemeral_to == self.user_id
        return message.channel == self.channel or self.sandbox.is_member(
            message.channel, self.user_id
        )

    def _saved_files(self, message: Message) -> str:
        """Write the files of a message to the files folder; their paths, one a line."""
        lines = []
        for upload in message.files:
            stored = self.sandbox.files.get(str(upload.get("id")), {})
            content = stored.get("content")
            name = Path(str(upload.get("name") or upload.get("title") or "file")).name
            if not isinstance(content, bytes):
                lines.append(self.say(N_("[file: {name}]"), name=name))
                continue
            self.files_dir.mkdir(parents=True, exist_ok=True)
            path = _free_path(self.files_dir / name)
            path.write_bytes(content)
            title = upload.get("title") or name
            lines.append(self.say(N_("[file: {title} saved to {path}]"), title=title, path=path))
        return "\n".join(lines)

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
            if message.files:
                numbered += "\n" + self._saved_files(message)
            if message.channel != self.channel and message.ephemeral_to is None:
                numbered = f"[#{message.channel}] {numbered}"
            parts.append(numbered)
            if message.channel == self.channel:
                self._last_thread = message.thread_ts or message.ts
        for view_id, view in self.sandbox.views.items():
            if self._seen_views.get(view_id) is view:
                continue
            self._seen_views[view_id] = view
            self._form = FormFill(view, self.tr)
            text, _ = blocks_to_text(view.get("blocks", []))
            heading = self.say(N_("[form: {title}]"), title=self._form.title)
            parts.append(f"{heading}\n{text}")
        if self._form is not None and not self._form.done:
            parts.append(self._form.question())
        if buttons:
            self._buttons = buttons
            if len(buttons) > 1:
                press = self.say(N_("(press a button with !1 to !{last})"), last=len(buttons))
            else:
                press = self.say(N_("(press a button with !1)"))
            parts.append(press)
        return named("\n\n".join(parts), self.sandbox) if parts else self.say(NO_ANSWER)


_SAYINGS: dict[str, Callable[[Console], str]] = {
    "!help": lambda c: c.say(HELP),
    "!home": Console.home,
    "!people": lambda c: listing(c.sandbox, c.user_id, people=True),
    "!channels": lambda c: listing(c.sandbox, c.user_id, people=False),
}


def _free_path(path: Path) -> Path:
    """`path`, or `name-2.csv`, `name-3.csv`... when a file of that name is there already."""
    number = 1
    found = path
    while found.exists():
        number += 1
        found = path.with_name(f"{path.stem}-{number}{path.suffix}")
    return found


def _renumber(text: str, offset: int) -> str:
    """Shift the [1], [2] button numbers of one message after those of earlier messages."""
    if not offset:
        return text
    return re.sub(r"\[(\d+)\]", lambda m: f"[{int(m.group(1)) + offset}]", text)


@contextmanager
def open_console(services: Services, seat: Seat) -> Iterator[Console]:
    """Start a sandbox and the bot behind it; yield a console for the person in `seat`."""
    zone = seat.tz or services.settings.DEFAULT_TIMEZONE
    user_id = seat.user_id
    with ExitStack() as stack:
        sandbox = stack.enter_context(SlackSandbox(team_id=seat.team_id))
        sandbox.add_user(user_id, name="you", tz=zone, is_admin=True)
        furnish(sandbox, user_id, tz=zone)
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
        console = Console(sandbox, driver, user_id, clock=clock, deliver=runner.tick)
        console.language = lambda: user_language(services, client, seat.team_id, user_id)
        console.files_dir = seat.files_dir
        yield console


def run_console(services: Services, seat: Seat, *, stdin: TextIO, stdout: TextIO) -> int:
    """Read lines until end of input, printing the bot's answers."""
    interactive = stdin.isatty()
    with open_console(services, seat) as console:
        if interactive:
            print(console.say(WELCOME), file=stdout)
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
