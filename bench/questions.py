"""How fast the bot answers questions, and writes digests and Homes, in a big workspace.

Builds a workspace of `--goals` goals and `--checkins` check-ins (10,000 and
1,000,000 by default) as an import file with names, imports it with `checkin-bot
import`'s code, then times each kind of question from the text to the answer's Slack
blocks (in this process: Slack's wire and the HTTP ack are `bench/load.py`'s), alone
and with `--concurrency` people asking at once, with the SQL statements one answer
issues. `--digest-goals` times a digest composed and a Home rebuilt after a check-in
in a second workspace of that many goals (100 check-ins each).

    .venv/bin/python bench/questions.py                       # full size, SQLite
    .venv/bin/python bench/questions.py --goals 1000 --checkins 100000
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench .venv/bin/python bench/questions.py
    .venv/bin/python bench/questions.py --only at-risk due     # those questions alone
    .venv/bin/python bench/questions.py --skip questions --profile 25  # where a digest's time goes

For a baseline, run this same file against another checkout's code:
    PYTHONPATH=/path/to/main-checkout .venv/bin/python bench/questions.py
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import hashlib
import json
import os
import pstats
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, event

from bot.charts import chart_panels, draw_chart
from bot.clock import FrozenClock
from bot.config import Settings
from bot.core.kpis import PLATFORMS, catalogue
from bot.jobs.deploy import settle_heap
from bot.render.answers import answer_blocks
from bot.render.digest import digest_message
from bot.render.home import home_blocks
from bot.services import Services
from bot.services.digests import build_digest
from bot.services.home import views_to_refresh
from bot.services.questions.answer import answer_goal_status, answer_question
from bot.services.transfer import import_file
from storage.db import make_engine, upgrade
from storage.questions import GoalFilter, find_goals

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
TEAM, DIGEST_TEAM = "TBENCH", "TDIGEST"
METRICS = [k for k in catalogue() if k.unit.value == "count"]
PLATFORM_LIST = [p for p in PLATFORMS if p.key != "all"]


def build_file(goals: int, checkins: int, *, owners: int = 40) -> str:
    """A workspace as import JSON: goals spread over metrics, platforms and `owners` people,
    check-ins even over the last 170 days."""
    rows = []
    for i in range(goals):
        metric = METRICS[i % len(METRICS)]
        platform = PLATFORM_LIST[(i // len(METRICS)) % len(PLATFORM_LIST)]
        rows.append({
            "id": f"g{i}", "title": f"{metric.name} on {platform.name} #{i}", "metric": metric.key,
            "platform": platform.key, "unit": "count", "baseline": "1000",
            "target": str(5000 - 1400 * (i % 3)),  # some on track, some at risk, some off
            "start": "2026-06-01", "deadline": "2027-01-31", "owner": f"U{i % owners}",
        })  # fmt: skip
    each, extra = divmod(checkins, goals)
    points = []
    for i in range(goals):
        n = each + (1 if i < extra else 0)
        for j in range(n):
            at = NOW - timedelta(days=170) + timedelta(days=170 * (j + 1) / (n + 1))
            points.append(
                {"goal": f"g{i}", "value": str(1000 + 15 * j + i % 7), "at": at.isoformat()}
            )
    return json.dumps({"goals": rows, "checkins": points})


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * share) - 1)]


def timed(
    ask: Callable[[int], Any], count: int, concurrency: int, cpu: list[float] | None = None
) -> list[float]:
    """Seconds per call of `ask(i)` for i in range(count), `concurrency` calls at a time;
    `cpu` gets each call's CPU seconds in its thread (the database's too, on SQLite): on a
    busy machine the figure that other processes do not inflate."""
    timings: list[float] = []
    todo = list(range(count))
    lock = threading.Lock()

    def worker() -> None:
        while True:
            with lock:
                if not todo:
                    return
                i = todo.pop()
            started, thread_cpu = time.perf_counter(), time.thread_time()
            ask(i)
            took = time.perf_counter() - started
            with lock:
                timings.append(took)
                if cpu is not None:
                    cpu.append(time.thread_time() - thread_cpu)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings


def statements_of(engine: Engine, call: Callable[[], Any]) -> int:
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        call()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(seen)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def imported(services: Services, team_id: str, goals: int, checkins: int, owners: int) -> None:
    """The workspace, imported unless a database given in DATABASE_URL has it already."""
    with services.session() as session:
        if find_goals(session=session, team_id=team_id, where=GoalFilter(limit=1)):
            print(f"{team_id}: reusing the workspace already in the database")
            return
    text = build_file(goals, checkins, owners=owners)
    started = time.perf_counter()
    result = import_file(services, team_id=team_id, text=text)
    print(f"imported {result.goals} goals and {result.checkins} check-ins "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip


def questions(services: Services, engine: Engine, args: argparse.Namespace) -> None:
    def ask(text: str) -> Callable[[int], Any]:
        return lambda i: answer_blocks(
            answer_question(services, team_id=TEAM, user_id=f"U{i % 40}", text=text)
        )

    def broad(i: int) -> Any:
        metric, platform = METRICS[i % len(METRICS)], PLATFORM_LIST[i % len(PLATFORM_LIST)]
        return ask(f"how is {metric.name} on {platform.name}?")(i)

    def wide(i: int) -> Any:
        return ask(f"how are we doing on {METRICS[i % len(METRICS)].name}?")(i)

    def listed(i: int) -> Any:
        return ask(f"show {PLATFORM_LIST[i % len(PLATFORM_LIST)].name} goals")(i)

    def one_goal(i: int) -> Any:
        goal_id = 1 + (i * 7919) % args.goals
        return answer_blocks(
            answer_goal_status(services, team_id=TEAM, user_id="U1", goal_id=goal_id)
        )

    kinds: list[tuple[str, str, Callable[[int], Any], int]] = [
        ("broad", "broad: 'how is <metric> on <platform>?'", broad, args.questions),
        ("wide", "wide: 'how are we doing on <metric>?' (500 goals)", wide, args.questions),
        ("narrow", "narrow: one goal's status (a button)", one_goal, args.questions),
        ("list", "list: 'show <platform> goals'", listed, args.questions),
        ("at-risk", "'which goals are at risk?'", ask("which goals are at risk?"), args.at_risk),
        ("due", "'what's due this month?'", ask("what's due this month?"), args.at_risk),
    ]
    for _, label, call, count in (k for k in kinds if not args.only or k[0] in args.only):
        call(0)  # warm caches once, as a running bot would be
        statements = statements_of(engine, lambda c=call: c(1))  # type: ignore[misc]
        print(f"{label} ({statements} SQL statements)")
        for concurrency in (1, args.concurrency):
            cpu: list[float] = []
            timings = timed(call, count, concurrency, cpu)
            print(f"    {concurrency} asking: median {statistics.median(timings) * 1000:.1f} ms, "
                  f"p95 {percentile(timings, 0.95) * 1000:.1f} ms; CPU per answer median "
                  f"{statistics.median(cpu) * 1000:.1f} ms, "
                  f"p95 {percentile(cpu, 0.95) * 1000:.1f} ms")  # fmt: skip
        print(f"    composed answers md5 {composed_md5(call, count)} over {count} asked")


def composed_md5(call: Callable[[int], Any], count: int) -> str:
    """The md5 of the blocks of `call(i)` for i in range(count), in turn: a speed change
    must leave it as it was, on SQLite and PostgreSQL alike."""
    digest = hashlib.md5()
    for i in range(count):
        digest.update(json.dumps(call(i), sort_keys=True, default=str).encode())
    return digest.hexdigest()


def digest_and_home(services: Services, engine: Engine, args: argparse.Namespace) -> None:
    def digest(_i: int) -> Any:
        view = build_digest(services, team_id=DIGEST_TEAM, channel_id=None, now=NOW)
        return digest_message(view)

    def home(_i: int) -> Any:
        views = views_to_refresh(services, team_id=DIGEST_TEAM, actor="U0", goal_ids=[1])
        return [home_blocks(view) for view in views]

    for label, call in (
        (f"digest of {args.digest_goals} goals composed", digest),
        (f"Home of an owner of {args.digest_goals} goals rebuilt after a check-in", home),
    ):
        call(0)
        statements = statements_of(engine, lambda c=call: c(1))  # type: ignore[misc]
        cpu: list[float] = []
        timings = timed(call, args.digest_rounds, 1, cpu)
        print(f"{label}: median {statistics.median(timings) * 1000:.0f} ms, "
              f"max {max(timings) * 1000:.0f} ms, "
              f"CPU median {statistics.median(cpu) * 1000:.0f} ms "
              f"({statements} SQL statements)")  # fmt: skip
    if args.profile:
        profiled(lambda: digest(0), args.profile)
    view = build_digest(services, team_id=DIGEST_TEAM, channel_id=None, now=NOW)
    draw_chart(chart_panels(view.goals, NOW), title="Weekly digest")
    gc.collect()
    print(f"resident memory after the digests, Homes and a chart: {rss_mb():.0f} MB")


def profiled(call: Callable[[], Any], lines: int) -> None:
    """`call` once under cProfile: its `lines` costliest functions, by time spent inside them
    and by time under them."""
    profile = cProfile.Profile()
    profile.runcall(call)
    stats = pstats.Stats(profile)
    stats.sort_stats("tottime").print_stats(lines)
    stats.sort_stats("cumulative").print_stats(lines)


def settled(args: argparse.Namespace) -> None:
    """The heap as a serving bot's: what was made so far frozen, as `run` and `worker` do
    once started (bot.jobs.deploy.settle_heap), unless --no-freeze."""
    if not args.no_freeze:
        settle_heap()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--goals", type=int, default=10_000)
    parser.add_argument("--checkins", type=int, default=1_000_000)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--at-risk", type=int, default=20, help="'at risk' questions timed")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--digest-goals", type=int, default=1000)
    parser.add_argument("--digest-rounds", type=int, default=10)
    parser.add_argument(
        "--profile", type=int, default=0, help="profile one digest: its N costliest functions"
    )
    parser.add_argument("--skip", choices=("questions", "digests"), default=None)
    parser.add_argument(
        "--no-freeze", action="store_true", help="no gc.freeze(), which `run` makes once started"
    )
    parser.add_argument(
        "--only",
        nargs="*",
        choices=("broad", "wide", "narrow", "list", "at-risk", "due"),
        help="questions timed",
    )
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    engine = make_engine(url)
    upgrade(engine)
    settings = Settings(DATABASE_URL=url, DEFAULT_TIMEZONE="UTC")
    services = Services(engine, FrozenClock(NOW), settings)
    print(f"database: {engine.url.get_backend_name()}")
    if args.skip != "questions":
        imported(services, TEAM, args.goals, args.checkins, owners=40)
        settled(args)
        questions(services, engine, args)
    if args.skip != "digests":
        digest_checkins = args.digest_goals * 100
        imported(services, DIGEST_TEAM, args.digest_goals, digest_checkins, owners=1)
        settled(args)
        digest_and_home(services, engine, args)


if __name__ == "__main__":
    main()
