"""The `checkin-bot` command line (also `python -m bot`).

checkin-bot                 run in Slack when tokens are set, else the console
checkin-bot run [--http --port N]
checkin-bot console [--user U] [--team T] [--now ISO-TIME]
checkin-bot tick [--now ISO-TIME]
checkin-bot migrate

`CHECKIN_BOT_NOW` (an ISO time) freezes the clock of `run` and `tick` the way
`--now` does for the console; it exists for tests and demos, never for production.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bot.clock import Clock, FrozenClock, SystemClock, parse_now
from bot.config import ConfigError, Settings, load_settings, require
from bot.services import Services
from storage.db import (
    DatabaseUnavailable,
    check_connection,
    make_engine,
    schema_is_current,
    upgrade,
)

if TYPE_CHECKING:
    from bot.scheduling.deliveries import DeliveryRunner

CONSOLE_TEAM = "T0CONSOLE"
CONSOLE_USER = "U0CONSOLE"

log = logging.getLogger("checkin_bot")


class UsageError(Exception):
    """A command-line mistake; printed as one line, exit status 2."""


def build_services(settings: Settings, clock: Clock | None = None, *, migrate: bool) -> Services:
    """Connect to the database (upgrading it first when asked) and bundle the services."""
    engine = make_engine(settings.DATABASE_URL)
    check_connection(engine)
    if migrate:
        upgrade(engine)
    elif not schema_is_current(engine):
        raise ConfigError(
            "DATABASE_URL points at a database whose schema is not current: "
            "run `checkin-bot migrate`."
        )
    return Services(engine=engine, clock=clock or SystemClock(), settings=settings)


NOW_VARIABLE = "CHECKIN_BOT_NOW"


def _clock(args: argparse.Namespace) -> Clock:
    """The real clock, or one frozen by `--now` or (for tests and demos) CHECKIN_BOT_NOW."""
    frozen_at = getattr(args, "now", None) or os.environ.get(NOW_VARIABLE)
    if frozen_at:
        try:
            return FrozenClock(parse_now(frozen_at))
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    return SystemClock()


def delivery_runner(services: Services) -> DeliveryRunner:
    """The runner of every scheduled message (reminders, digests) with one Slack client."""
    from bot.app import make_client
    from bot.scheduling import all_sources
    from bot.scheduling.deliveries import DeliveryRunner

    client = make_client(services)
    return DeliveryRunner(services, lambda _team: client, all_sources(services))


def start_deliveries(services: Services) -> None:
    """Reminders and digests tick in the background while the bot serves Slack."""
    from bot.scheduling.scheduler import start_scheduler

    start_scheduler(delivery_runner(services))


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app import create_app

    require(settings, "SLACK_BOT_TOKEN")
    is_sqlite = settings.DATABASE_URL.startswith("sqlite")
    services = build_services(settings, _clock(args), migrate=is_sqlite)
    start_deliveries(services)
    if args.http:
        from bot.http import serve

        require(settings, "SLACK_SIGNING_SECRET")
        app = create_app(services)
        log.info("serving Slack's HTTP endpoint on %s:%d/slack/events", args.host, args.port)
        serve(app, services, host=args.host, port=args.port)
        return 0
    require(settings, "SLACK_APP_TOKEN")
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    app = create_app(services)
    log.info("connecting to Slack in Socket Mode")
    SocketModeHandler(app, app_token=settings.SLACK_APP_TOKEN).start()
    return 0


def cmd_console(args: argparse.Namespace, settings: Settings) -> int:
    from bot.console import run_console

    services = build_services(settings, _clock(args), migrate=True)
    return run_console(
        services, user_id=args.user, team_id=args.team, stdin=sys.stdin, stdout=sys.stdout
    )


def cmd_tick(args: argparse.Namespace, settings: Settings) -> int:
    """Send what is due once and exit (for cron, or a replica that only sends reminders)."""
    require(settings, "SLACK_BOT_TOKEN")
    services = build_services(settings, _clock(args), migrate=False)
    report = delivery_runner(services).tick()
    print(
        f"sent {report.sent} ({report.late} late), skipped {report.skipped}, "
        f"failed {report.failed}, already sent elsewhere {report.already_claimed}"
    )
    return 0


def cmd_migrate(_args: argparse.Namespace, settings: Settings) -> int:
    engine = make_engine(settings.DATABASE_URL)
    check_connection(engine)
    upgrade(engine)
    print("The database schema is up to date.")
    return 0


def cmd_default(args: argparse.Namespace, settings: Settings) -> int:
    """No subcommand: the bot's main job for this machine's settings."""
    if settings.has_slack_tokens:
        args.http = not settings.SLACK_APP_TOKEN
        args.host, args.port = "0.0.0.0", 3000
        return cmd_run(args, settings)
    args.user, args.team, args.now = CONSOLE_USER, CONSOLE_TEAM, None
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

    console = sub.add_parser("console", help="chat with the bot in this terminal, no Slack needed")
    console.add_argument("--user", default=CONSOLE_USER, help="your Slack user id in the console")
    console.add_argument("--team", default=CONSOLE_TEAM, help="the workspace id in the console")
    console.add_argument("--now", help="pretend it is this time (ISO 8601)")
    console.set_defaults(handler=cmd_console)

    tick = sub.add_parser("tick", help="send the reminders and digests that are due, once")
    tick.add_argument("--now", help="pretend it is this time (ISO 8601)")
    tick.set_defaults(handler=cmd_tick)

    migrate = sub.add_parser("migrate", help="bring the database schema up to date")
    migrate.set_defaults(handler=cmd_migrate)
    return parser


def configure_logging(level: str, *, quiet: bool) -> None:
    """Log to stderr; the console keeps to warnings so the chat stays readable."""
    chosen = max(logging.getLevelName(level), logging.WARNING) if quiet else level
    logging.basicConfig(level=chosen, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if logging.getLogger().level > logging.DEBUG:
        logging.getLogger("alembic").setLevel(logging.WARNING)


Handler = Callable[[argparse.Namespace, Settings], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point: one clear line and a non-zero exit for any mistake, never a traceback."""
    args = build_parser().parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(settings.LOG_LEVEL, quiet=args.handler is cmd_console)
        handler: Handler = args.handler
        return handler(args, settings)
    except (ConfigError, DatabaseUnavailable) as exc:
        print(f"checkin-bot: {exc}", file=sys.stderr)
        return 1
    except UsageError as exc:
        print(f"checkin-bot: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
