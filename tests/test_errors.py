"""Every exception checkin-bot defines has the one base, so a caller can catch them all."""

from __future__ import annotations

import ast
import builtins
from pathlib import Path

from bot.cli_common import UsageError
from bot.config import ConfigError
from bot.errors import CheckinBotError
from bot.services.transfer import ImportRejected
from bot.slack.workspaces import WorkspaceNotInstalled
from storage.db import DatabaseUnavailable
from storage.repo import MissingWorkspace
from storage.tokens import TokenKeyError

ROOT = Path(__file__).parent.parent
BUILTIN_EXCEPTIONS = {
    name
    for name, value in vars(builtins).items()
    if isinstance(value, type) and issubclass(value, BaseException)
}


def test_each_exception_has_the_base() -> None:
    for error in (UsageError, ConfigError, ImportRejected, WorkspaceNotInstalled,
                  DatabaseUnavailable, MissingWorkspace, TokenKeyError):  # fmt: skip
        assert issubclass(error, CheckinBotError), error


def test_exceptions_that_were_builtin_kinds_still_are() -> None:
    assert issubclass(MissingWorkspace, ValueError)
    assert issubclass(WorkspaceNotInstalled, LookupError)


def test_no_exception_class_in_the_tree_skips_the_base() -> None:
    skipping = []
    for source in sorted([*ROOT.glob("bot/**/*.py"), *ROOT.glob("storage/**/*.py")]):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef) or node.name == CheckinBotError.__name__:
                continue
            bases = {base.id for base in node.bases if isinstance(base, ast.Name)}
            if bases & BUILTIN_EXCEPTIONS and CheckinBotError.__name__ not in bases:
                skipping.append(f"{source.relative_to(ROOT)}: {node.name}")

    assert skipping == []
