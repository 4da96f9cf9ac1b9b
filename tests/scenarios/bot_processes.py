"""Real `checkin-bot` processes for tests: the bot as it runs in production, on the
harness's database and sandbox, with its clock frozen at the harness's time."""

from __future__ import annotations

import itertools
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.sandbox import SlackSandbox
from bot.scheduling.deliveries import CRASH_AT
from bot.slack.delivery_marks import key_of
from tests.harness import BotHarness

READY_ATTEMPTS = 300  # x 0.1 s at most, while the process imports and connects
_WORKERS = itertools.count(1)  # names the workers' logs


def bot_env(harness: BotHarness, **settings: str) -> dict[str, str]:
    """The environment of a bot process on the harness's database and sandbox, plus
    `settings` (`JOB_QUEUE="postgres"`, ...)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CHECKIN_"))}
    env.update(
        DATABASE_URL=harness.engine.url.render_as_string(hide_password=False),
        SLACK_BOT_TOKEN=harness.sandbox.bot_token,
        SLACK_SIGNING_SECRET=harness.sandbox.signing_secret,
        SLACK_API_URL=harness.sandbox.api_url,
        DEFAULT_TIMEZONE="Europe/Bucharest",
        CHECKIN_BOT_NOW=harness.clock.now().isoformat(),
        LOG_LEVEL="INFO",
    )
    return env | settings


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class BotProcess:
    """One running `checkin-bot run --http`: where it listens, and the process itself."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def is_healthy(self) -> bool:
        try:
            with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:
                return bool(response.status == 200)
        except (urllib.error.URLError, ConnectionError):
            return False


def wait_until_healthy(bot: BotProcess) -> None:
    """Poll /healthz; the short wait between polls also notices a process that died."""
    for _ in range(READY_ATTEMPTS):
        if bot.is_healthy():
            return
        try:
            code = bot.process.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            continue
        pytest.fail(f"the bot process ended early ({code}): {bot.log.read_text()[-2000:]}")
    pytest.fail(f"the bot process never became healthy: {bot.log.read_text()[-2000:]}")


@contextmanager
def bot_process(
    harness: BotHarness,
    tmp_path: Path,
    *,
    wait: bool = True,
    settings: Mapping[str, str] | None = None,
) -> Iterator[BotProcess]:
    """`checkin-bot run --http` in its own process, its log in a file; yields it once healthy
    (or at once with `wait=False`, to start several together). `settings` go in its
    environment (see `bot_env`)."""
    port = free_port()
    with _started(harness, tmp_path, f"bot-{port}", settings, "run", "--http", "--host",
                  "127.0.0.1", "--port", str(port)) as (process, log):  # fmt: skip
        bot = BotProcess(f"http://127.0.0.1:{port}", process, log)
        if wait:
            wait_until_healthy(bot)
        yield bot


@contextmanager
def worker_process(
    harness: BotHarness, tmp_path: Path, settings: Mapping[str, str]
) -> Iterator[subprocess.Popen[bytes]]:
    """`checkin-bot worker` in its own process (`settings` give it `JOB_QUEUE="postgres"`),
    its log in a file beside the bots'."""
    name = f"worker-{next(_WORKERS)}"
    with _started(harness, tmp_path, name, settings, "worker") as (process, _):
        yield process


@contextmanager
def _started(
    harness: BotHarness,
    tmp_path: Path,
    name: str,
    settings: Mapping[str, str] | None,
    *args: str,
) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    log, env = tmp_path / f"{name}.log", bot_env(harness, **(settings or {}))
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", *args], env=env, cwd=tmp_path, stdout=sink,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        yield process, log
    finally:
        process.terminate()
        process.wait(10)


def start_tick(harness: BotHarness, cwd: Path, crash: str | None = None) -> subprocess.Popen[bytes]:
    """`checkin-bot tick` at the harness's time, killed at `crash` (`CHECKIN_BOT_CRASH_AT`)
    if it gets there; its stderr is piped, for the failure message."""
    env = bot_env(harness)
    if crash:
        env[CRASH_AT] = crash
    command = [sys.executable, "-m", "bot", "tick"]
    return subprocess.Popen(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)  # fmt: skip


def run_ticks(harness: BotHarness, tmp_path: Path, crashes: Sequence[str | None]) -> int:
    """One tick per replica at the harness's time, all at once, each killed at its crash
    point if it reaches it; returns how many were."""
    ticks = [start_tick(harness, tmp_path, crash) for crash in crashes]
    killed = 0
    for tick in ticks:
        _, errors = tick.communicate(timeout=60)
        killed += tick.returncode == -signal.SIGKILL
        assert tick.returncode in (0, -signal.SIGKILL), errors.decode()[-2000:]
    return killed


def posts_by_key(sandbox: SlackSandbox) -> Counter[str]:
    """How many times each scheduled message is in Slack, by the delivery key in its
    metadata (top-level messages only: a digest's thread carries no key)."""
    posted = Counter[str]()
    for message in sandbox.messages:
        key = key_of({"metadata": message.metadata})
        if key is not None and not message.deleted and message.thread_ts in (None, message.ts):
            posted[key.text] += 1
    return posted
