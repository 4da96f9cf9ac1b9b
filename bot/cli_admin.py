"""The administrator's commands: deleting a workspace's data, and the keys that seal
stored Slack tokens (`new-key`, `rotate-key`)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from bot.cli_common import UsageError, build_services

if TYPE_CHECKING:
    from bot.config import Settings


def add_admin_commands(sub: Any) -> None:
    """Add `purge`, `new-key` and `rotate-key` to the command line's subcommands."""
    purge = sub.add_parser("purge", help="delete all data of one workspace")
    purge.add_argument("--team", required=True, help="the workspace id (T...)")
    purge.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    purge.set_defaults(handler=cmd_purge)

    new_key = sub.add_parser("new-key", help="print a new key for TOKEN_ENCRYPTION_KEY")
    new_key.set_defaults(handler=cmd_new_key)
    rotate_key = sub.add_parser("rotate-key", help="re-encrypt stored tokens with the first key")
    rotate_key.set_defaults(handler=cmd_rotate_key)


def cmd_purge(args: argparse.Namespace, settings: Settings) -> int:
    """Delete one workspace's data now (it is deleted 30 days after an uninstall anyway)."""
    from storage.purge import purge_workspace

    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError("purge deletes every goal and check-in of the workspace: add --yes")
        typed = input(f"Type {args.team} to delete all its goals, check-ins and schedules: ")
        if typed.strip() != args.team:
            print("Nothing was deleted.")
            return 1
    services = build_services(settings, migrate=False)
    with services.session() as session:
        deleted = purge_workspace(session=session, team_id=args.team)
    print(f"Deleted {sum(deleted.values())} rows of workspace {args.team}.")
    return 0


def cmd_new_key(_args: argparse.Namespace, _settings: Settings) -> int:
    from storage.tokens import new_key

    print(new_key())
    return 0


def cmd_rotate_key(_args: argparse.Namespace, settings: Settings) -> int:
    """Reseal every stored token with the first key of TOKEN_ENCRYPTION_KEY."""
    from bot.config import require
    from storage.oauth import TOKEN_TABLES
    from storage.tokens import rotate_tokens

    require(settings, "TOKEN_ENCRYPTION_KEY")
    assert settings.token_cipher is not None
    services = build_services(settings, migrate=False)
    done = rotate_tokens(services.engine, TOKEN_TABLES, settings.token_cipher)
    print(
        f"Encrypted {done.rotated + done.sealed} stored tokens with the first key "
        f"({done.sealed} were plain text); the other keys can now be removed."
    )
    return 0
