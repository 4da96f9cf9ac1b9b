"""An OAuth install keeps its secrets: none in the logs (DEBUG included), none in plain text
in the database, and a start without the key that opens them says so in one line."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.cli import configure_logging
from storage.tokens import new_key
from tests.harness import TOKEN_KEY, BotHarness
from tests.slack.test_oauth import get, install
from tests.storage.test_tokens import raw_tokens
from tests.test_cli import run_cli


@pytest.fixture
def debug_logs(db: Engine) -> Iterator[tuple[BotHarness, io.StringIO]]:
    """The OAuth bot with the production logging at DEBUG, written to a string."""
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    stream = io.StringIO()
    try:
        with BotHarness(db, oauth=True) as running:
            running.sandbox.token_lifetime = 12 * 3600  # refresh tokens too
            configure_logging(
                running.services.settings.model_copy(update={"LOG_LEVEL": "DEBUG"}), quiet=False
            )
            root.handlers[0].setStream(stream)  # type: ignore[attr-defined]
            yield running, stream
    finally:
        root.handlers[:] = saved_handlers
        root.setLevel(saved_level)


def test_an_install_logs_no_code_state_token_or_key(
    debug_logs: tuple[BotHarness, io.StringIO],
) -> None:
    harness, logs = debug_logs
    _, page, headers = get(harness.url + "/slack/install")
    state = re.search(r"state=([\w-]+)", page).group(1)  # type: ignore[union-attr]
    code = harness.sandbox.authorization_code()
    cookie = headers["Set-Cookie"].split(";")[0]
    status, _, _ = get(
        f"{harness.url}/slack/oauth_redirect?code={code}&state={state}", {"Cookie": cookie}
    )
    harness.driver.command("U1", "/goals", "help")

    assert status == 200
    output = logs.getvalue()
    issued = [c.response for c in harness.sandbox.calls_to("oauth.v2.access")][-1]
    assert "oauth.v2.access" in output and "Handling an OAuth callback" in output  # logged...
    secrets = [code, state, issued["access_token"], issued["refresh_token"], TOKEN_KEY,
               harness.services.settings.SLACK_CLIENT_SECRET or "-"]  # fmt: skip
    for secret in secrets:
        assert secret not in output  # ...masked
    assert "'code': '[redacted]'" in output
    assert not any(token in value for value in raw_tokens(harness.engine) for token in secrets)


def oauth_env(engine: Engine, **more: str) -> dict[str, str]:
    return {
        "DATABASE_URL": engine.url.render_as_string(hide_password=False),
        "SLACK_CLIENT_ID": "111.222",
        "SLACK_CLIENT_SECRET": "client-secret",
        **more,
    }


@pytest.fixture
def installed(db: Engine) -> Iterator[BotHarness]:
    """A workspace installed through OAuth, its refreshing bot token stored."""
    with BotHarness(db, oauth=True) as running:
        running.sandbox.token_lifetime = 12 * 3600
        install(running)
        yield running


def test_tokens_stored_and_no_key_set_stop_the_start_with_one_line(
    installed: BotHarness, tmp_path: Path
) -> None:
    harness = installed

    missing = run_cli("tick", env=oauth_env(harness.engine), cwd=tmp_path)
    wrong = run_cli("tick", env=oauth_env(harness.engine, TOKEN_ENCRYPTION_KEY=new_key()),
                    cwd=tmp_path)  # fmt: skip

    assert missing.returncode == wrong.returncode == 1
    assert missing.stderr.splitlines() == [
        "checkin-bot: TOKEN_ENCRYPTION_KEY is not set and the database holds 4 Slack tokens: "
        "OAuth installs keep their tokens encrypted; make a key with `checkin-bot new-key` "
        "and set it (keep it safe, and the same on every replica)."
    ]
    assert wrong.stderr.startswith(
        "checkin-bot: a Slack token stored in the database cannot be decrypted with any key"
    )
    assert "Traceback" not in missing.stderr + wrong.stderr


def test_new_key_then_rotate_key_from_the_command_line(
    installed: BotHarness, tmp_path: Path
) -> None:
    harness = installed

    made = run_cli("new-key", cwd=tmp_path)
    key = made.stdout.strip()
    rotated = run_cli("rotate-key", env=oauth_env(harness.engine,
                      TOKEN_ENCRYPTION_KEY=f"{key},{TOKEN_KEY}"), cwd=tmp_path)  # fmt: skip
    ticked = run_cli("tick", env=oauth_env(harness.engine, TOKEN_ENCRYPTION_KEY=key,
                     SLACK_API_URL=harness.sandbox.api_url), cwd=tmp_path)  # fmt: skip

    assert made.returncode == 0 and len(key) == 44
    assert rotated.stdout.splitlines() == [
        "Encrypted 4 stored tokens with the first key (0 were plain text); "
        "the other keys can now be removed."
    ]
    assert ticked.returncode == 0, ticked.stderr  # the new key alone opens them all
