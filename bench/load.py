"""Load and latency of the bot in HTTP mode, side by side with a bare Bolt app.

Seeds one workspace with goals and check-ins, starts the bot (`checkin-bot run
--http`) and a Bolt app that only acks, both against the local Slack sandbox,
then sends the same signed slash commands and events to each from a load
generator on 127.0.0.1. Prints throughput, p50/p99 time to the HTTP ack, their
ratio, p50/p99 time from a status question in a DM to the bot's posted answer, and
the bot's resident memory idle and under load.

    .venv/bin/python bench/load.py [--goals 1000] [--checkins 100000] [--requests 2000]
        [--questions 200] [--concurrency 8] [--database-url URL]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import insert

from bot.sandbox import SlackSandbox
from bot.sandbox.driver import sign
from storage.db import make_engine, upgrade
from storage.models import CheckIn, Goal

ROOT = Path(__file__).resolve().parent.parent
TEAM = "T0LOAD"


def seed(url: str, goals: int, checkins: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(
            insert(Goal),
            [
                {
                    "team_id": TEAM,
                    "title": f"Goal {i}",
                    "metric": "reach",
                    "metric_name": "Reach",
                    "unit": "count",
                    "direction": "increase",
                    "baseline": Decimal(1000),
                    "target": Decimal(5000 + i),
                    "start_at": start,
                    "deadline": start + timedelta(days=365),
                    "owner_id": f"U{i % 50}",
                    "kind": "goal",
                    "state": "active",
                    "contributors": [],
                    "why": "",
                    "created_at": start,
                    "updated_at": start,
                }
                for i in range(goals)
            ],
        )
        ids = [
            row[0]
            for row in connection.exec_driver_sql(
                "SELECT id FROM goal WHERE team_id = 'T0LOAD' ORDER BY id"
            )
        ]
        for offset in range(0, checkins, 10_000):
            connection.execute(
                insert(CheckIn),
                [
                    {
                        "team_id": TEAM,
                        "goal_id": ids[n % len(ids)],
                        "value": Decimal(1000 + n % 4000),
                        "at": start + timedelta(hours=n % 7000),
                        "note": "",
                        "source": "import",
                        "created_at": start,
                        "updated_at": start,
                    }
                    for n in range(offset, min(offset + 10_000, checkins))
                ],
            )
    engine.dispose()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(port: int, path: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET" if path == "/healthz" else "POST", path)
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing answered on port {port}")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def requests_for(sandbox: SlackSandbox, count: int) -> list[tuple[bytes, str]]:
    """Half slash commands, half DM events, like a busy morning."""
    bodies: list[tuple[bytes, str]] = []
    for n in range(count):
        user = f"U{n % 50}"
        if n % 2:
            form = {
                "team_id": TEAM,
                "user_id": user,
                "channel_id": f"D{n % 50}",
                "command": "/goals",
                "text": "help",
                "trigger_id": f"{n}.1.t",
                "response_url": sandbox.response_url(f"D{n % 50}", user),
            }
            bodies.append((urlencode(form).encode(), "application/x-www-form-urlencoded"))
        else:
            event = {
                "type": "message",
                "user": user,
                "text": "hello",
                "ts": f"{1790000000 + n}.0001",
                "channel": f"D{n % 50}",
                "channel_type": "im",
                "event_ts": f"{1790000000 + n}.0001",
            }
            body = {
                "type": "event_callback",
                "team_id": TEAM,
                "api_app_id": "A0SANDBOX",
                "event": event,
                "event_id": f"EvLoad{n}-{random.random()}",
                "event_time": int(time.time()),
                "authorizations": [{"team_id": TEAM, "user_id": "UBOT", "is_bot": True}],
            }
            bodies.append((json.dumps(body).encode(), "application/json"))
    return bodies


QUESTION = "how are we doing on reach?"  # every seeded goal tracks reach


def question_event(n: int) -> tuple[str, bytes]:
    """A DM event asking for a status, in a channel of its own so its answer is easy to tell."""
    channel, ts = f"DQ{n}", f"{1800000000 + n}.0001"
    event = {"type": "message", "user": f"U{n % 50}", "text": QUESTION, "ts": ts,
             "channel": channel, "channel_type": "im", "event_ts": ts}  # fmt: skip
    body = {"type": "event_callback", "team_id": TEAM, "api_app_id": "A0SANDBOX",
            "event": event, "event_id": f"EvAsk{n}-{random.random()}",
            "event_time": int(time.time()),
            "authorizations": [{"team_id": TEAM, "user_id": "UBOT", "is_bot": True}]}  # fmt: skip
    return channel, json.dumps(body).encode()


def time_to_answer(port: int, sandbox: SlackSandbox, count: int, concurrency: int) -> list[float]:
    """Seconds from sending each question to the sandbox recording the bot's answer in
    that DM (`concurrency` questions in flight at once)."""
    latencies: list[float] = []
    lock = threading.Lock()
    numbers = list(range(count))

    def answered(channel: str, since: int) -> bool:
        return any(
            m.channel == channel and m.user == sandbox.bot_user_id for m in sandbox.messages[since:]
        )

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if not numbers:
                    return
                n = numbers.pop()
            channel, body = question_event(n)
            timestamp = str(int(time.time()))
            headers = {
                "Content-Type": "application/json",
                "X-Slack-Request-Timestamp": timestamp,
                "X-Slack-Signature": sign(sandbox.signing_secret, timestamp, body),
            }
            since = len(sandbox.messages)
            started = time.perf_counter()
            connection.request("POST", "/slack/events", body=body, headers=headers)
            connection.getresponse().read()
            sandbox.wait_for(lambda c=channel, i=since: answered(c, i), timeout=30)
            with lock:
                latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def hammer(
    port: int,
    secret: str,
    bodies: list[tuple[bytes, str]],
    concurrency: int,
    rate: float | None = None,
) -> tuple[list[float], float]:
    """Send every body once, `concurrency` at a time; latencies (s) and wall time.

    Without `rate` each worker sends as fast as answers come back (the most the app
    can take); with it, request i leaves at i / rate seconds (a steady, open load).
    """
    latencies: list[float] = []
    lock = threading.Lock()
    queue = list(enumerate(bodies))
    begin = time.perf_counter()

    def worker() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if not queue:
                    return
                index, (body, content_type) = queue.pop(0)
            if rate is not None:
                time.sleep(max(0.0, begin + index / rate - time.perf_counter()))
            timestamp = str(int(time.time()))
            headers = {
                "Content-Type": content_type,
                "X-Slack-Request-Timestamp": timestamp,
                "X-Slack-Signature": sign(secret, timestamp, body),
            }
            started = time.perf_counter()
            connection.request("POST", "/slack/events", body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            elapsed = time.perf_counter() - started
            if response.status != HTTPStatus.OK:
                raise RuntimeError(f"HTTP {response.status}")
            with lock:
                latencies.append(elapsed)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    wall = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, time.perf_counter() - wall


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


@dataclass(frozen=True)
class Endpoint:
    """One app under load: its name in the report, its port, the secret requests are signed with."""

    name: str
    port: int
    secret: str


def measure(
    endpoint: Endpoint,
    bodies: list[tuple[bytes, str]],
    *,
    concurrency: int,
    on_load: Callable[[], None] = lambda: None,
    rate: float | None = None,
) -> dict[str, float]:
    port, secret = endpoint.port, endpoint.secret
    hammer(port, secret, bodies[: len(bodies) // 10], concurrency)  # warm up
    latencies, wall = hammer(port, secret, bodies, concurrency, rate)
    on_load()
    figures = {
        "rps": len(latencies) / wall,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
    }
    print(
        f"{endpoint.name:>10}: {figures['rps']:7.0f} req/s   p50 {figures['p50_ms']:6.1f} ms   "
        f"p99 {figures['p99_ms']:6.1f} ms"
    )
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goals", type=int, default=1000)
    parser.add_argument("--checkins", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument(
        "--rate", type=float, default=50, help="requests a second in the steady-load round"
    )
    parser.add_argument("--database-url", default=None, help="default: a fresh SQLite file")
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="checkin-load-")
    url = args.database_url or f"sqlite:///{workdir}/load.db"
    started = time.perf_counter()
    seed(url, args.goals, args.checkins)
    took = time.perf_counter() - started
    kind = url.split(":")[0]
    print(f"seeded {args.goals} goals, {args.checkins} check-ins in {took:.1f} s ({kind})")

    with SlackSandbox(team_id=TEAM) as sandbox:
        for n in range(50):
            sandbox.add_user(f"U{n}", tz="Europe/Bucharest")
        env = {
            **os.environ,
            "DATABASE_URL": url,
            "SLACK_BOT_TOKEN": sandbox.bot_token,
            "SLACK_SIGNING_SECRET": sandbox.signing_secret,
            "SLACK_API_URL": sandbox.api_url,
            "LOG_LEVEL": "WARNING",
        }
        env.pop("SLACK_APP_TOKEN", None)
        bot_port, bare_port = free_port(), free_port()
        bot = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bot",
                "run",
                "--http",
                "--host",
                "127.0.0.1",
                "--port",
                str(bot_port),
            ],
            env=env,
            cwd=ROOT,
        )
        bare = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "bench" / "bare_bolt.py"),
                str(bare_port),
                sandbox.signing_secret,
                sandbox.api_url,
                sandbox.bot_token,
            ],
            env=env,
            cwd=ROOT,
        )
        try:
            wait_ready(bot_port, "/healthz")
            wait_ready(bare_port, "/slack/events")
            time.sleep(2)  # let start-up work settle before reading idle memory
            idle = rss_mb(bot.pid)
            bodies = requests_for(sandbox, args.requests)
            loaded: list[float] = []
            print(f"as fast as each app answers, {args.concurrency} at a time:")
            bare_bolt = Endpoint("bare Bolt", bare_port, sandbox.signing_secret)
            checkin_bot = Endpoint("checkin-bot", bot_port, sandbox.signing_secret)
            bare_figures = measure(bare_bolt, bodies, concurrency=args.concurrency)
            bot_figures = measure(
                checkin_bot,
                requests_for(sandbox, args.requests),
                concurrency=args.concurrency,
                on_load=lambda: loaded.append(rss_mb(bot.pid)),
            )
            print(
                f"p99 ratio (bot / bare): {bot_figures['p99_ms'] / bare_figures['p99_ms']:.2f}x   "
                f"p50 ratio: {bot_figures['p50_ms'] / bare_figures['p50_ms']:.2f}x"
            )
            print(f"steady load, {args.rate:.0f} requests a second:")
            steady = [
                measure(
                    endpoint,
                    requests_for(sandbox, args.requests // 2),
                    concurrency=args.concurrency,
                    rate=args.rate,
                )
                for endpoint in (bare_bolt, checkin_bot)
            ]
            print(
                f"p99 ratio (bot / bare): {steady[1]['p99_ms'] / steady[0]['p99_ms']:.2f}x   "
                f"p50 ratio: {steady[1]['p50_ms'] / steady[0]['p50_ms']:.2f}x"
            )
            time_to_answer(bot_port, sandbox, max(1, args.questions // 10), args.concurrency)
            answers = time_to_answer(bot_port, sandbox, args.questions, args.concurrency)
            print(
                f"question to answer ({len(answers)} x “{QUESTION}”): "
                f"p50 {statistics.median(answers) * 1000:.0f} ms   "
                f"p99 {percentile(answers, 0.99) * 1000:.0f} ms"
            )
            print(f"bot resident memory: idle {idle:.0f} MB, after load {loaded[0]:.0f} MB")
        finally:
            for process in (bot, bare):
                process.terminate()
                process.wait(10)


if __name__ == "__main__":
    main()
