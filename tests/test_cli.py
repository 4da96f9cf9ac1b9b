"""The command line as a newcomer meets it: one-line errors, a console that works in a pipe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.harness import database_kind


def run_cli(
    *args: str,
    stdin: str = "",
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    importtime: bool = False,
) -> subprocess.CompletedProcess[str]:
    """`checkin-bot ARGS`; with `importtime`, every module it imported is listed on stderr."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    full_env.update(env or {})
    flags = ["-X", "importtime"] if importtime else []
    return subprocess.run(
        [sys.executable, *flags, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
        cwd=cwd,
    )


@pytest.mark.parametrize(
    ("setting", "value", "named"),
    [
        ("DEFAULT_TIMEZONE", "Mars/Olympus", "DEFAULT_TIMEZONE"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL"),
        ("DATABASE_URL", "mysql://nope", "DATABASE_URL"),
        ("SLACK_BOT_TOKEN", "xoxp-user-token", "SLACK_BOT_TOKEN"),
        ("SLACK_APP_TOKEN", "xoxb-wrong-kind", "SLACK_APP_TOKEN"),
        ("SLACK_API_URL", "ftp://example", "SLACK_API_URL"),
        ("TOKEN_ENCRYPTION_KEY", "hunter2", "TOKEN_ENCRYPTION_KEY"),
    ],
)
def test_a_malformed_setting_gives_one_clear_line(
    tmp_path: Path, setting: str, value: str, named: str
) -> None:
    result = run_cli("migrate", env={setting: value}, cwd=tmp_path)

    assert result.returncode == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert named in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreachable_database_gives_one_clear_line(tmp_path: Path) -> None:
    result = run_cli(
        "migrate", env={"DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"}, cwd=tmp_path
    )

    assert result.returncode == 1
    assert "DATABASE_URL cannot be reached" in result.stderr
    assert "Traceback" not in result.stderr


def test_run_without_tokens_says_which_token_is_missing(tmp_path: Path) -> None:
    result = run_cli("run", env={"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}, cwd=tmp_path)

    assert result.returncode == 1
    assert "SLACK_BOT_TOKEN is not set" in result.stderr


def test_run_http_needs_the_signing_secret(tmp_path: Path) -> None:
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/x.db", "SLACK_BOT_TOKEN": "xoxb-1"}
    result = run_cli("run", "--http", env=env, cwd=tmp_path)

    assert result.returncode == 1
    assert "SLACK_SIGNING_SECRET is not set" in result.stderr


def test_a_bad_now_is_a_usage_error(tmp_path: Path) -> None:
    result = run_cli(
        "console",
        "--now",
        "yesterday-ish",
        env={"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"},
        cwd=tmp_path,
    )

    assert result.returncode == 2
    assert "--now" in result.stderr


@pytest.mark.skipif(database_kind() != "sqlite", reason="the console's default store is SQLite")
def test_console_in_a_pipe_answers_help_on_the_default_sqlite_store(tmp_path: Path) -> None:
    # No DATABASE_URL: the console must create its SQLite file in the per-user data dir.
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    env_without_db = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env_without_db.update(env)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        input="/goals help\nhello there\n",
        capture_output=True,
        text=True,
        env={k: v for k, v in env_without_db.items() if not k.startswith("SLACK_")},
        timeout=120,
        cwd=tmp_path,
    )

    assert result.returncode == 0, result.stderr
    assert "/goals help" in result.stdout
    assert "I didn't catch that" in result.stdout
    assert list((tmp_path / "data").rglob("checkin.db"))


def test_checkin_bot_without_tokens_starts_the_console(tmp_path: Path) -> None:
    result = run_cli(
        stdin="/goals help\n", env={"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}, cwd=tmp_path
    )

    assert result.returncode == 0, result.stderr
    assert "== checkin-bot ==" in result.stdout


def test_migrate_brings_the_schema_up_to_date(tmp_path: Path) -> None:
    result = run_cli("migrate", env={"DATABASE_URL": f"sqlite:///{tmp_path}/m.db"}, cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout


HEAVY_MODULES = ("sqlalchemy", "sqlmodel", "pydantic", "slack_bolt", "slack_sdk", "matplotlib")


def imported_packages(result: subprocess.CompletedProcess[str], *, surely: str) -> set[str]:
    """The top-level packages a process run with `-X importtime` imported; `surely` is one
    it must have imported (so the listing is real, and a test on it can fail)."""
    imported = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert surely in imported
    return imported


@pytest.mark.parametrize("args", [("--help",), ("import", "--help"), ("nonsense",)])
def test_help_and_usage_mistakes_load_no_heavy_library(args: tuple[str, ...]) -> None:
    imported = imported_packages(run_cli(*args, importtime=True), surely="argparse")

    assert imported.isdisjoint(HEAVY_MODULES), sorted(imported & set(HEAVY_MODULES))


def test_commands_on_a_migrated_database_leave_alembic_unloaded(tmp_path: Path) -> None:
    """Alembic and the migration scripts would stay in a serving process (9 MB resident)."""
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/m.db"}
    first = run_cli("ask", "which goals are at risk?", env=env, cwd=tmp_path, importtime=True)
    again = run_cli("ask", "which goals are at risk?", env=env, cwd=tmp_path, importtime=True)

    assert (first.returncode, again.returncode) == (0, 0), again.stderr
    assert "alembic" in imported_packages(first, surely="argparse")  # a new one is migrated
    assert "alembic" not in imported_packages(again, surely="argparse")


def test_the_slack_listeners_and_the_in_process_queue_load_no_postgresql_driver() -> None:
    """psycopg costs a SQLite bot 9 MB resident; only PostgreSQL's paths import it."""
    serving = "import bot.slack.app, bot.jobs.deploy, bot.jobs.queues"
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", serving],
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert "psycopg" not in imported_packages(result, surely="slack_bolt")
