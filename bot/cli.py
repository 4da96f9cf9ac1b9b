"""The `checkin-bot` command line (also `python -m bot`).

checkin-bot                 run in Slack when tokens are set, else the console
checkin-bot run [--http --port N]
checkin-bot worker          with JOB_QUEUE=postgres: run the jobs `run` puts on the queue
checkin-bot console [--user U] [--team T] [--now ISO-TIME] [--tz ZONE] [--files DIR]
checkin-bot digest [--channel C] [--team T] [--now ISO-TIME] [--post]
checkin-bot tick [--now ISO-TIME]
checkin-bot migrate
checkin-bot ask "QUESTION" [--team T] [--now ISO-TIME] [--json]
checkin-bot import FILE [--team T]
checkin-bot export [--team T] [--format json|csv] [--output FILE]
checkin-bot purge --team T [--yes]
checkin-bot new-key
checkin-bot rotate-key

`CHECKIN_BOT_NOW` (an ISO time) freezes the clock of `run` and `tick` the way
`--now` does for the console; it exists for tests and demos, never for production.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bot.cli_admin import add_admin_commands
from bot.cli_common import UsageError, build_services

# `--help` and a usage mistake answer before any of these load (tests/test_cli.py checks):
# each command imports what it needs, the settings are read after the arguments.
if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.config import Settings
    from bot.scheduling.deliveries import DeliveryRunner
    from bot.services import Services

CONSOLE_TEAM = "T0CONSOLE"
CONSOLE_USER = "U0CONSOLE"

DELIVERY_WORKERS = 4  # channels served at once; each channel still gets one message a second

log = logging.getLogger("checkin_bot")


NOW_VARIABLE = "CHECKIN_BOT_NOW"


def _clock(args: argparse.Namespace) -> Clock:
    """The real clock, or one frozen by `--now` or (for tests and demos) CHECKIN_BOT_NOW."""
    from bot.clock import FrozenClock, SystemClock, parse_now

    frozen_at = getattr(args, "now", None) or os.environ.get(NOW_VARIABLE)
    if frozen_at:
        try:
            return FrozenClock(parse_now(frozen_at))
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    return SystemClock()


def delivery_runner(services: Services) -> DeliveryRunner:
    """The runner of every scheduled message (reminders, digests), a client per workspace."""
    from bot.scheduling.deliveries import DeliveryRunner
    from bot.scheduling.sources import all_sources
    from bot.slack.workspaces import ClientsByWorkspace

    return DeliveryRunner(
        services, ClientsByWorkspace(services), all_sources(services), workers=DELIVERY_WORKERS
    )


def start_deliveries(services: Services) -> None:
    """Reminders and digests tick in the background while the bot serves Slack."""
    from bot.scheduling.scheduler import start_scheduler

    start_scheduler(delivery_runner(services))


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.config import require
    from bot.jobs.deploy import serve_front

    if settings.distributed:
        require(settings, "SLACK_CLIENT_SECRET", "SLACK_SIGNING_SECRET")
        args.http = True  # installs arrive at /slack/oauth_redirect, an HTTP endpoint
    else:
        require(settings, "SLACK_BOT_TOKEN")
    require(settings, "SLACK_SIGNING_SECRET" if args.http else "SLACK_APP_TOKEN")
    is_sqlite = settings.DATABASE_URL.startswith("sqlite")
    services = build_services(settings, _clock(args), migrate=is_sqlite)
    start_deliveries(services)
    serve_front(services, http=args.http, host=args.host, port=args.port)
    return 0


def cmd_worker(args: argparse.Namespace, settings: Settings) -> int:
    from bot.config import require
    from bot.jobs.deploy import run_worker

    require(settings, "SLACK_CLIENT_SECRET" if settings.distributed else "SLACK_BOT_TOKEN")
    run_worker(build_services(settings, _clock(args), migrate=False))
    return 0


def cmd_console(args: argparse.Namespace, settings: Settings) -> int:
    from bot.console import Seat, run_console

    try:
        seat = Seat.typed(args.user, args.team, now=args.now, tz=args.tz, files=args.files)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    services = build_services(settings, _clock(args), migrate=True)
    return run_console(services, seat, stdin=sys.stdin, stdout=sys.stdout)


def cmd_digest(args: argparse.Namespace, settings: Settings) -> int:
    """Print a channel's digest as text; with --post, post it (and its chart) to Slack."""
    from bot.config import require
    from bot.render.digest import digest_message
    from bot.render.text import blocks_to_text
    from bot.services.digests import build_digest

    if args.post and not args.channel:
        raise UsageError("--post needs --channel: say which channel gets the digest")
    services = build_services(
        settings, _clock(args), migrate=settings.DATABASE_URL.startswith("sqlite")
    )
    view = build_digest(services, team_id=args.team, channel_id=args.channel, now=services.now())
    message = digest_message(view)
    for blocks in (message.blocks, *message.replies):
        print(blocks_to_text(blocks, fallback=message.text)[0])
        print()
    if args.post:
        from bot.scheduling.digests import post_digest
        from bot.scheduling.pacing import ChannelPacer
        from bot.slack.client import make_client

        require(settings, "SLACK_BOT_TOKEN")
        sent = post_digest(make_client(services), view, args.channel, pacer=ChannelPacer())
        print(f"Posted to {sent.channel_id} (ts {sent.ts}).")
    return 0


def cmd_tick(args: argparse.Namespace, settings: Settings) -> int:
    """Send what is due once and exit (for cron, or a replica that only sends reminders)."""
    from bot.config import require

    if not settings.distributed:
        require(settings, "SLACK_BOT_TOKEN")
    services = build_services(settings, _clock(args), migrate=False)
    report = delivery_runner(services).tick()
    print(
        f"sent {report.sent} ({report.late} late), skipped {report.skipped}, "
        f"failed {report.failed}, already sent elsewhere {report.already_claimed}"
    )
    return 0


def cmd_migrate(_args: argparse.Namespace, settings: Settings) -> int:
    from storage.db import check_connection, make_engine, upgrade

    engine = make_engine(settings.DATABASE_URL)
    check_connection(engine)
    upgrade(engine)
    print("The database schema is up to date.")
    return 0


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from bot.render.answers import answer_text
    from bot.services.questions.answer import answer_question

    services = build_services(settings, _clock(args), migrate=True)
    answer = answer_question(services, team_id=args.team, user_id="", text=args.question)
    text = answer_text(answer)
    if args.json:
        print(json.dumps({"intent": answer.intent.value, "goals": list(answer.refs), "text": text},
                         ensure_ascii=False))  # fmt: skip
    else:
        print(text)
    return 0


def cmd_import(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.transfer import ImportRejected, import_file

    try:
        with open(args.file, encoding="utf-8-sig") as handle:
            text = handle.read()
    except OSError as exc:
        raise UsageError(f"cannot read {args.file}: {exc.strerror}") from None
    except UnicodeDecodeError:
        print(f"checkin-bot: {args.file}: not a text file; expected JSON or CSV", file=sys.stderr)
        return 1
    services = build_services(settings, migrate=True)
    try:
        result = import_file(services, team_id=args.team, text=text)
    except ImportRejected as exc:
        print(f"checkin-bot: {args.file}: {exc}", file=sys.stderr)
        return 1
    print(
        f"Imported {result.goals} goals ({result.objectives} under OKR objectives) "
        f"and {result.checkins} check-ins into {args.team}."
    )
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services.export import export_records, write_csv, write_json

    services = build_services(settings, migrate=True)
    write = write_csv if args.format == "csv" else write_json
    records = export_records(services, team_id=args.team)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8", newline="") as handle:
                write(records, handle)
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror}") from None
    else:
        write(records, sys.stdout)
    return 0


def cmd_default(args: argparse.Namespace, settings: Settings) -> int:
    """No subcommand: the bot's main job for this machine's settings."""
    if settings.has_slack_tokens:
        args.http = not settings.SLACK_APP_TOKEN
        args.host, args.port = "0.0.0.0", 3000
        return cmd_run(args, settings)
    args.user, args.team, args.now, args.tz, args.files = CONSOLE_USER, CONSOLE_TEAM, *[None] * 3
    return cmd_console(args, settings)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="checkin-bot",
        description="SMART goals and OKRs for social-media teams, in Slack or in a terminal.",
    )
    parser.set_defaults(handler=cmd_default)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    run = sub.add_parser("run", help="connect to Slack (Socket Mode, or HTTP with --http)")
    run.add_argument("--http", action="store_true", help="serve /slack/events over HTTP")
    run.add_argument("--host", default="0.0.0.0", help="address to listen on (HTTP mode)")
    run.add_argument("--port", type=int, default=3000, help="port to listen on (HTTP mode)")
    run.set_defaults(handler=cmd_run)
    worker = sub.add_parser(
        "worker", help="run Slack's requests from the queue (JOB_QUEUE=postgres)"
    )
    worker.set_defaults(handler=cmd_worker)

    console = sub.add_parser("console", help="chat with the bot in this terminal, no Slack needed")
    console.add_argument("--user", default=CONSOLE_USER, help="your Slack user id in the console")
    console.add_argument("--team", default=CONSOLE_TEAM, help="the workspace id in the console")
    console.add_argument("--now", help="pretend it is this time (ISO 8601), in its time zone")
    console.add_argument("--tz", help="your time zone (default: --now's, else DEFAULT_TIMEZONE)")
    console.add_argument("--files", help="where charts and exports go (./checkin-bot-files)")
    console.set_defaults(handler=cmd_console)

    digest = sub.add_parser("digest", help="print a channel's digest (post it with --post)")
    digest.add_argument("--channel", help="the channel whose subscription (filters) to use")
    digest.add_argument("--team", default=CONSOLE_TEAM, help="the workspace id")
    digest.add_argument("--now", help="the digest as of this time (ISO 8601)")
    digest.add_argument("--post", action="store_true", help="post it to the channel in Slack")
    digest.set_defaults(handler=cmd_digest)

    tick = sub.add_parser("tick", help="send the reminders and digests that are due, once")
    tick.add_argument("--now", help="pretend it is this time (ISO 8601)")
    tick.set_defaults(handler=cmd_tick)

    migrate = sub.add_parser("migrate", help="bring the database schema up to date")
    migrate.set_defaults(handler=cmd_migrate)

    ask = sub.add_parser("ask", help="answer a question about the goals, as the bot would")
    ask.add_argument("question", help='e.g. "how are we doing on reach?"')
    ask.add_argument("--team", default=CONSOLE_TEAM, help="the workspace id (default: console's)")
    ask.add_argument("--now", help="pretend it is this time (ISO 8601)")
    ask.add_argument("--json", action="store_true", help="print {intent, goals, text} as JSON")
    ask.set_defaults(handler=cmd_ask)

    imports = sub.add_parser("import", help="add goals and check-ins from a JSON or CSV file")
    imports.add_argument("file", help="the file to import (all of it, or nothing)")
    imports.add_argument("--team", default=CONSOLE_TEAM, help="the workspace id")
    imports.set_defaults(handler=cmd_import)

    export = sub.add_parser("export", help="write every goal and check-in as JSON or CSV")
    export.add_argument("--team", default=CONSOLE_TEAM, help="the workspace id")
    export.add_argument("--format", choices=("json", "csv"), default="json")
    export.add_argument("--output", help="write to this file instead of standard output")
    export.set_defaults(handler=cmd_export)
    add_admin_commands(sub)
    return parser


def configure_logging(settings: Settings, *, quiet: bool) -> None:
    """Redacted logs on stderr: JSON lines when serving Slack, plain and terse in the console."""
    from bot import observability

    level = settings.LOG_LEVEL
    if quiet:
        level = logging.getLevelName(max(logging.getLevelName(level), logging.WARNING))
    secrets = [
        settings.SLACK_SIGNING_SECRET or "",
        settings.SLACK_BOT_TOKEN or "",
        settings.SLACK_APP_TOKEN or "",
        settings.SLACK_CLIENT_SECRET or "",
        *(settings.TOKEN_ENCRYPTION_KEY or "").split(","),
    ]
    observability.configure_logging(level, secrets=secrets, json_lines=not quiet)


Handler = Callable[[argparse.Namespace, "Settings"], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: one clear line and a non-zero exit for any mistake, never a traceback."""
    args = build_parser().parse_args(argv)
    from bot.config import ConfigError, load_settings  # after --help, which needs neither
    from storage.db import DatabaseUnavailable
    from storage.tokens import TokenKeyError

    try:
        settings = load_settings()
        console = args.handler is cmd_console or (
            args.handler is cmd_default and not settings.has_slack_tokens
        )
        configure_logging(settings, quiet=console)
        handler: Handler = args.handler
        return handler(args, settings)
    except (ConfigError, DatabaseUnavailable, TokenKeyError) as exc:
        print(f"checkin-bot: {exc}", file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"checkin-bot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
