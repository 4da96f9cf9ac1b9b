"""Resident memory of the processes the bot really runs: idle, after a chart, after Homes.

The parent imports a workspace of `--goals` goals (10 check-ins each, every goal
owned by U0) with `checkin-bot import`'s code, serves the Slack sandbox, and starts
the bot as it is deployed:

- one: `checkin-bot run --http`, the one-process default (in-process queue);
- front + worker (PostgreSQL only): `run` with JOB_QUEUE=postgres and one
  `checkin-bot worker`, which does the work.

Then U0 asks `/goals chart #1` (drawn in a short-lived child process), opens the App
Home (1,000 goals of their own) and checks in `--checkins` times (each republishes that
Home). Each process's VmRSS is read from /proc after each step, with its peak (VmHWM)
and the CPU it used. `--env NAME=VALUE` adds a setting to the bot's environment (e.g.
MALLOC_ARENA_MAX=2), to measure a tunable. Run it beside the main checkout with
bench/side_by_side.py:

    .venv/bin/python bench/memory.py [--goals 1000] [--checkins 5] [--database-url URL]
    .venv/bin/python bench/side_by_side.py --baseline /work/main --baseline-url sqlite:// \\
        --url sqlite:// -- bench/memory.py --goals 1000
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from load import free_port, wait_listening  # bench/load.py, beside this script
from questions import build_file  # bench/questions.py

import bot
from bot.clock import FrozenClock
from bot.config import Settings
from bot.sandbox import SlackDriver, SlackSandbox
from bot.services import Services
from bot.services.transfer import import_file
from storage.db import make_engine, upgrade
from storage.scratch import scratch_database

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
TEAM = "TMEMORY"
OWNER = "U0"
TICKS = os.sysconf("SC_CLK_TCK")
# The checkout whose code this process imported (bench/side_by_side.py's PYTHONPATH): the
# bot runs from there, as `python -m bot` puts its working directory first on the path.
CODE = Path(bot.__file__).resolve().parent.parent


def status(pid: int) -> dict[str, float]:
    """A process's VmRSS and VmHWM in MB and its CPU seconds (user + system)."""
    figures = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            figures[name] = int(value.split()[0]) / 1024
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    figures["cpu"] = (int(fields[11]) + int(fields[12])) / TICKS
    return figures


def seed(url: str, goals: int) -> None:
    engine = make_engine(url)
    upgrade(engine)
    services = Services(engine, FrozenClock(NOW), Settings(DATABASE_URL=url))
    import_file(services, team_id=TEAM, text=build_file(goals, goals * 10, owners=1))
    engine.dispose()


@contextmanager
def bot_processes(shape: str, port: int, env: dict[str, str]) -> Iterator[dict[str, int]]:
    """The shape's processes serving on `port`: {role: pid} until the block ends."""
    command = [sys.executable, "-m", "bot"]
    queue = "postgres" if shape != "one" else "in-process"
    env = {**env, "JOB_QUEUE": queue}
    serve = ["run", "--http", "--host", "127.0.0.1", "--port", str(port)]
    front = subprocess.Popen([*command, *serve], env=env, cwd=CODE)
    processes = {"run": front}
    try:
        wait_listening(port)
        if shape != "one":
            processes["worker"] = subprocess.Popen([*command, "worker"], env=env, cwd=CODE)
        time.sleep(2)  # started and settled
        yield {role: process.pid for role, process in processes.items()}
    finally:
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            process.wait(30)


def measure(shape: str, sandbox: SlackSandbox, env: dict[str, str], checkins: int) -> None:
    port = free_port()
    driver = SlackDriver(sandbox, bot_url=f"http://127.0.0.1:{port}")

    def after(method: str, action: Callable[[], object]) -> None:
        before = len(sandbox.calls_to(method))
        action()
        sandbox.wait_for(lambda: len(sandbox.calls_to(method)) > before, timeout=120)
        time.sleep(0.5)  # the listener's last lines after its call

    with bot_processes(shape, port, env) as pids:
        steps = {"idle": {role: status(pid) for role, pid in pids.items()}}
        after("files.completeUploadExternal", lambda: driver.command(OWNER, "/goals", "chart #1"))
        steps["chart"] = {role: status(pid) for role, pid in pids.items()}
        after("views.publish", lambda: driver.open_home(OWNER))
        for n in range(checkins):
            text = f"checkin #{1 + n} {2500 + n}"
            after("views.publish", lambda t=text: driver.command(OWNER, "/goals", t))
        steps["homes"] = {role: status(pid) for role, pid in pids.items()}
        for role in pids:
            idle, chart, homes = (steps[step][role] for step in ("idle", "chart", "homes"))
            print(f"{shape:>6} {role:>6}: RSS idle {idle['VmRSS']:5.0f}, after a chart "
                  f"{chart['VmRSS']:5.0f}, after the Homes {homes['VmRSS']:5.0f} MB; "
                  f"peak {homes['VmHWM']:5.0f} MB; CPU {homes['cpu']:5.1f} s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--goals", type=int, default=1000)
    parser.add_argument("--checkins", type=int, default=5, help="Homes republished after them")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the bot")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    args = parser.parse_args()
    server = args.database_url if args.database_url.startswith("postgres") else None
    with (
        scratch_database(server, label="checkin_memory") as url,
        SlackSandbox(team_id=TEAM) as sandbox,
    ):
        seed(url, args.goals)
        sandbox.add_user(OWNER, tz="Europe/Bucharest")
        env = {**os.environ, "DATABASE_URL": url, "LOG_LEVEL": "WARNING",
               "SLACK_BOT_TOKEN": sandbox.bot_token, "SLACK_SIGNING_SECRET": sandbox.signing_secret,
               "SLACK_API_URL": sandbox.api_url, "CHECKIN_BOT_NOW": NOW.isoformat()}  # fmt: skip
        env.pop("SLACK_APP_TOKEN", None)
        env.update(setting.split("=", 1) for setting in args.env)
        print(f"RSS of each process in MB, {args.goals} goals of {OWNER}, {args.checkins} "
              f"check-ins; code of {CODE}, {url.split(':')[0]} {' '.join(args.env)}")  # fmt: skip
        for shape in ["one"] + (["front+worker"] if server else []):
            measure(shape, sandbox, env, args.checkins)


if __name__ == "__main__":
    main()
