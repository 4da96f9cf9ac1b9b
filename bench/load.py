"""Acks, answers and backlog of the bot in HTTP mode, side by side with a bare Bolt app.

Imports a workspace (`checkin-bot import`'s code), starts the Slack stand-in in its own
process, then for each shape of the bot, and a bare Bolt app served the same way
(waitress, 8 threads) as the yardstick, sends the same realistic mix of signed requests:
check-ins saved with `/goals checkin`, "undo" and status questions matching every goal in
DMs, `/goals help`. Each shape is measured twice per run:

- saturated: `--concurrency` requests in flight, each sent when the last was answered
  (the most the app can acknowledge); ack throughput and p50/p99, the CPU the app's
  process used per request during the round (the one-process default's includes the
  work its threads did meanwhile) and, for front+N, the workers' CPU per request until
  every answer was posted (the machine's load moves wall figures, much less these);
- open loop: request i leaves at i / `--rate` seconds whatever came back (no
  coordinated omission: a request's time counts from when it was due); ack p50/p99,
  answers posted per second, and the backlog drain: from the last request to the last
  answer the stand-in records.

Shapes: `bare` (only acks), `one` (the one-process default: `checkin-bot run --http`,
in-process queue) and, on PostgreSQL, `front+N` (`run` with JOB_QUEUE=postgres and N
`checkin-bot worker` processes).

    .venv/bin/python bench/load.py [--runs 3] [--requests 2000] [--rate 150] [--seconds 10]
        [--goals 200] [--checkins 20000] [--workers 1 2 4] [--database-url URL]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import urlencode

import bot
from bot.clock import FrozenClock
from bot.config import Settings
from bot.sandbox.driver import sign
from bot.services import Services
from bot.services.transfer import import_file
from storage.db import make_engine, upgrade
from storage.scratch import scratch_database

ROOT = Path(__file__).resolve().parent.parent
# The checkout whose `bot` this script imported (PYTHONPATH's, under bench/side_by_side.py):
# the bot's processes start there, as `python -m bot` looks in its working directory first.
CODE = Path(bot.__file__).resolve().parent.parent
TEAM = "T0LOAD"
PEOPLE = 50
NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
QUESTION = "how are we doing on reach?"  # every imported goal tracks reach


def seed(url: str, goals: int, checkins: int) -> None:
    """The workspace as a person brings it: an import file with names, people and dates."""
    engine = make_engine(url)
    upgrade(engine)
    services = Services(engine, FrozenClock(NOW), Settings(DATABASE_URL=url))
    rows = [
        {"id": f"g{i}", "title": f"Reach of campaign {i}", "metric": "reach", "unit": "count",
         "baseline": "1000", "target": str(5000 + i), "start": "2026-06-01",
         "deadline": "2027-01-31", "owner": f"U{i % PEOPLE}"}
        for i in range(goals)
    ]  # fmt: skip
    points = [
        {"goal": f"g{n % goals}", "value": str(1000 + n % 4000),
         "at": (NOW - timedelta(hours=1 + n % 4000)).isoformat()}
        for n in range(checkins)
    ]  # fmt: skip
    import_file(services, team_id=TEAM, text=json.dumps({"goals": rows, "checkins": points}))
    engine.dispose()


@dataclass(frozen=True)
class StandIn:
    """The Slack stand-in process and what the apps need to reach it."""

    process: subprocess.Popen[str]
    config: dict[str, Any]

    def posted(self) -> int:
        """How many messages the bot has posted so far."""
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        stdin.write("?\n")
        stdin.flush()
        return int(stdout.readline())


def mix(standin: StandIn, count: int, goals: int, salt: str) -> list[tuple[bytes, str]]:
    """A busy morning: 3 in 10 save a check-in, 3 ask a broad question, 2 undo, 2 ask help."""
    bodies: list[tuple[bytes, str]] = []
    for n in range(count):
        user = f"U{n % PEOPLE}"
        im = standin.config["ims"][user]
        kind = n % 10
        if kind in (0, 3, 6, 8, 9):
            text = "help" if kind in (8, 9) else f"checkin #{1 + n % goals} {2000 + n % 3000}"
            form = {"team_id": TEAM, "user_id": user, "channel_id": im, "command": "/goals",
                    "text": text, "trigger_id": f"{n}.{salt}.t",
                    "response_url": f"{standin.config['response_base']}/{im}/{user}"}  # fmt: skip
            bodies.append((urlencode(form).encode(), "application/x-www-form-urlencoded"))
            continue
        ts = f"{1790000000 + n}.{salt[-6:]:0>6}"
        said = QUESTION if kind in (1, 4, 7) else "undo"
        event = {"type": "message", "user": user, "text": said, "ts": ts, "channel": im,
                 "channel_type": "im", "event_ts": ts}  # fmt: skip
        body = {"type": "event_callback", "team_id": TEAM, "api_app_id": "A0SANDBOX",
                "event": event, "event_id": f"Ev{salt}x{n}", "event_time": int(time.time()),
                "authorizations": [{"team_id": TEAM, "user_id": "UBOT", "is_bot": True}],
                }  # fmt: skip
        bodies.append((json.dumps(body).encode(), "application/json"))
    return bodies


def post(connection: http.client.HTTPConnection, secret: str, body: bytes, kind: str) -> int:
    timestamp = str(int(time.time()))
    headers = {"Content-Type": kind, "X-Slack-Request-Timestamp": timestamp,
               "X-Slack-Signature": sign(secret, timestamp, body)}  # fmt: skip
    connection.request("POST", "/slack/events", body=body, headers=headers)
    response = connection.getresponse()
    response.read()
    return response.status


def send_all(
    port: int, secret: str, bodies: list[tuple[bytes, str]], threads: int, rate: float | None
) -> tuple[list[float], int, float]:
    """Send every body once; (ack latencies, refusals, wall time). With `rate`, request i is
    due at i / rate s and its latency counts from then (open loop; `threads` only needs to
    exceed rate x latency); without, `threads` at a time as fast as answers come (closed)."""
    latencies: list[float] = []
    refused = 0
    lock = threading.Lock()
    pending = iter(enumerate(bodies))
    begin = time.perf_counter()

    def worker() -> None:
        nonlocal refused
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                index, (body, kind) = next(pending, (-1, (b"", "")))
            if index < 0:
                return
            due = time.perf_counter()
            if rate is not None:
                due = begin + index / rate
                time.sleep(max(0.0, due - time.perf_counter()))
            status = post(connection, secret, body, kind)
            with lock:
                latencies.append(time.perf_counter() - due)
                refused += status != http.client.OK

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return latencies, refused, time.perf_counter() - begin


def wait_answers(standin: StandIn, expected: int, *, quiet_for: float = 5.0) -> tuple[int, float]:
    """Poll the stand-in until `expected` answers are in, or none came for `quiet_for` s;
    (answers, when the last one was seen, in perf_counter seconds)."""
    seen, last_change = standin.posted(), time.perf_counter()
    while seen < expected and time.perf_counter() - last_change < quiet_for:
        time.sleep(0.02)
        now = standin.posted()
        if now != seen:
            seen, last_change = now, time.perf_counter()
    return seen, last_change


def ms(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_listening(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port}")


NOISE = "Task queue depth is"  # waitress.queue's warning: a line per request when saturated


def quiet(command: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    """Start a process whose stderr reaches ours without waitress's queue-depth warnings."""
    process = subprocess.Popen(command, env=env, cwd=CODE, stderr=subprocess.PIPE, text=True)

    def copy() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            if NOISE not in line:
                sys.stderr.write(line)

    threading.Thread(target=copy, daemon=True).start()
    return process


def cpu_seconds(processes: list[subprocess.Popen[str]]) -> float:
    """User + system CPU the processes have used so far (Linux /proc)."""
    total = 0
    for process in processes:
        fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return total / os.sysconf("SC_CLK_TCK")


@contextmanager
def shape(name: str, port: int, env: dict[str, str]) -> Iterator[list[subprocess.Popen[str]]]:
    """The processes of one shape (the app first, then any workers), serving on `port`."""
    bot = [sys.executable, "-m", "bot"]
    if name == "bare":
        config = json.loads(env["LOAD_STANDIN"])
        commands = [[sys.executable, str(ROOT / "bench" / "bare_bolt.py"), str(port),
                     config["signing_secret"], config["api_url"], config["bot_token"]]]  # fmt: skip
    else:
        commands = [[*bot, "run", "--http", "--host", "127.0.0.1", "--port", str(port)]]
    workers = int(name.removeprefix("front+")) if name.startswith("front+") else 0
    env = {**env, "JOB_QUEUE": "postgres" if workers else "in-process"}
    processes = [quiet(command, env) for command in commands]
    try:
        wait_listening(port)
        processes += [quiet([*bot, "worker"], env) for _ in range(workers)]
        yield processes
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(30)


def measure(
    name: str, standin: StandIn, env: dict[str, str], args: argparse.Namespace, run: int
) -> dict[str, float]:
    port = free_port()
    with shape(name, port, env) as processes:
        secret, goals = standin.config["signing_secret"], args.goals
        answers = name != "bare"
        warm = standin.posted()
        send_all(port, secret, mix(standin, 200, goals, f"w{run}{name}"), 8, None)  # warm up
        if answers:  # every warm-up answer in: the workers are up, nothing left behind
            wait_answers(standin, warm + 200, quiet_for=30.0)
        before = standin.posted()
        bodies = mix(standin, args.requests, goals, f"s{run}{name}")
        cpu = cpu_seconds(processes[:1]), cpu_seconds(processes[1:])
        acks, refused, wall = send_all(port, secret, bodies, args.concurrency, None)
        figures = {"sat_rps": len(acks) / wall, "sat_p50": ms(acks, 0.5), "sat_p99": ms(acks, 0.99)}
        figures["ack_cpu"] = (cpu_seconds(processes[:1]) - cpu[0]) / len(acks) * 1000
        figures["refused"] = refused
        if answers:
            wait_answers(standin, before + args.requests - refused)
            figures["job_cpu"] = (cpu_seconds(processes[1:]) - cpu[1]) / len(acks) * 1000
        before = standin.posted()
        bodies = mix(standin, int(args.rate * args.seconds), goals, f"o{run}{name}")
        started = time.perf_counter()
        acks, refused, wall = send_all(port, secret, bodies, 64, args.rate)
        figures.update(open_p50=ms(acks, 0.5), open_p99=ms(acks, 0.99))
        figures["refused"] += refused
        if answers:
            done, last = wait_answers(standin, before + len(bodies) - refused)
            figures["answered_rps"] = (done - before) / (last - started)
            figures["drain_s"] = max(0.0, last - (started + wall))
            figures["answered"] = (done - before) / len(bodies)
    return figures


ROW = (
    "{name:>8} run {run}: saturated {sat_rps:6.0f} acks/s p50 {sat_p50:6.1f} p99 {sat_p99:6.1f}"
    " ms, app CPU {ack_cpu:4.2f} ms/request{job}"
    " | open {rate:.0f}/s: ack p50 {open_p50:5.1f} p99 {open_p99:6.1f} ms{extra}"
)


def report(name: str, run: int, figures: dict[str, float], rate: float) -> None:
    extra = ""
    if "answered_rps" in figures:
        extra = (
            f", answered {figures['answered_rps']:4.0f}/s ({figures['answered']:.0%}),"
            f" drain {figures['drain_s']:4.1f} s, refused {figures['refused']:.0f}"
        )
    job = f" + workers {figures['job_cpu']:4.2f}" if figures.get("job_cpu") else ""
    print(ROW.format(name=name, run=run, rate=rate, extra=extra, job=job, **figures), flush=True)


def summary(results: dict[str, list[dict[str, float]]]) -> None:
    bare = results["bare"]
    for name, runs in results.items():
        if name == "bare":
            continue
        ratios = [
            (b["sat_p99"] and r["sat_p99"] / b["sat_p99"], r["sat_rps"] / b["sat_rps"])
            for r, b in zip(runs, bare, strict=True)
        ]
        p99 = ", ".join(f"{p:.2f}x" for p, _ in ratios)
        rps = ", ".join(f"{t:.2f}x" for _, t in ratios)
        answered = ", ".join(f"{r['answered_rps']:.0f}" for r in runs)
        print(f"{name:>8} / bare: saturated ack p99 {p99}; ack throughput {rps}; "
              f"answered/s {answered}")  # fmt: skip


def start_standin(env: dict[str, str]) -> StandIn:
    command = [sys.executable, str(ROOT / "bench" / "slack_standin.py"), TEAM, str(PEOPLE)]
    process = subprocess.Popen(
        command, env=env, cwd=ROOT, text=True, stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    stdout: TextIO | None = process.stdout
    assert stdout is not None
    return StandIn(process, json.loads(stdout.readline()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goals", type=int, default=200)
    parser.add_argument("--checkins", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=2000, help="per saturated round")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--rate", type=float, default=150, help="open-loop requests a second")
    parser.add_argument("--seconds", type=float, default=10, help="open-loop round length")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2, 4])
    parser.add_argument("--shapes", nargs="*", help="measure only these (bare is always in)")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    args = parser.parse_args()

    server = args.database_url if args.database_url.startswith("postgres") else None
    with scratch_database(server, label="checkin_load") as url:
        started = time.perf_counter()
        seed(url, args.goals, args.checkins)
        kind = url.split(":")[0]
        took = time.perf_counter() - started
        print(f"imported {args.goals} goals, {args.checkins} check-ins in {took:.1f} s ({kind})")
        env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING"}
        env.pop("SLACK_APP_TOKEN", None)
        standin = start_standin(env)
        env.update(
            SLACK_BOT_TOKEN=standin.config["bot_token"],
            SLACK_SIGNING_SECRET=standin.config["signing_secret"],
            SLACK_API_URL=standin.config["api_url"],
            LOAD_STANDIN=json.dumps(standin.config),
            JOB_QUEUE_LIMIT="5000",
        )
        shapes = ["bare", "one"] + ([f"front+{n}" for n in args.workers] if server else [])
        shapes = [name for name in shapes if name == "bare" or name in (args.shapes or shapes)]
        results: dict[str, list[dict[str, float]]] = {name: [] for name in shapes}
        try:
            for run in range(1, args.runs + 1):
                for name in shapes:
                    results[name].append(measure(name, standin, env, args, run))
                    report(name, run, results[name][-1], args.rate)
            summary(results)
        finally:
            assert standin.process.stdin is not None
            standin.process.stdin.close()
            standin.process.wait(10)


if __name__ == "__main__":
    main()
