"""Benchmark: how long the reminder scheduler takes to start, and what one tick costs.

    python bench/reminders.py                       # SQLite in a temporary file
    python bench/reminders.py --postgres postgresql://postgres@127.0.0.1:5432/postgres

For 1,000 and 10,000 goals with weekly schedules in one workspace it reports the
start (engine, schema check, sources, APScheduler started with its job, and the
catch-up tick with nothing due) and one tick with 10, 100 and 500 reminders due
(`--due`), with the SQL statements and CPU seconds each ran. Slack is a stub
answering at once, so the figures are the bot's own work. A tick's cost should
follow the reminders due, not all schedules: compare the per-reminder columns.
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from slack_sdk import WebClient
from slack_sdk.web import SlackResponse
from sqlalchemy import Engine, event

from bot.clock import FrozenClock
from bot.config import Settings
from bot.scheduling.deliveries import DeliveryRunner
from bot.scheduling.scheduler import start_scheduler
from bot.scheduling.sources import all_sources
from bot.services import Services
from bot.services import reminders as _warm_imports  # noqa: F401  (imported before timing)
from storage.db import make_engine, schema_is_current, upgrade
from storage.models import Goal, Member, ReminderSchedule
from storage.scratch import scratch_database

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # Monday 10:00 in Bucharest
TEAM = "TBENCH"


class InstantSlack(WebClient):
    """Answers every Web API call at once, so the bench measures the bot and the database."""

    def __init__(self) -> None:
        super().__init__(token="xoxb-bench")
        self.posted = 0

    def api_call(self, api_method: str, **kwargs: Any) -> SlackResponse:  # type: ignore[override]
        self.posted += api_method == "chat.postMessage"
        data: dict[str, Any] = {"ok": True, "channel": "DBENCH", "ts": f"{self.posted}.000100"}
        if api_method == "users.info":
            data["user"] = {"tz": "Europe/Bucharest", "is_admin": False}
        return SlackResponse(
            client=self, http_verb="POST", api_url=api_method, req_args={}, data=data,
            headers={}, status_code=200,
        )  # fmt: skip


class StatementCounter:
    def __init__(self, engine: Engine) -> None:
        self.count = 0
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, *_args: Any) -> None:
        self.count += 1


def fill(engine: Engine, goals: int, due: int) -> None:
    """`goals` goals with weekly Monday 10:00 schedules; `due` of them due a minute ago."""
    later = NOW + timedelta(days=7)
    with engine.begin() as connection:
        connection.execute(
            Member.__table__.insert(),  # type: ignore[attr-defined]
            [{"team_id": TEAM, "user_id": f"U{i}", "timezone": "Europe/Bucharest",
              "is_admin": False, "updated_at": NOW} for i in range(100)],
        )  # fmt: skip
        connection.execute(
            Goal.__table__.insert(),  # type: ignore[attr-defined]
            [{"id": i + 1, "number": i + 1, "team_id": TEAM, "title": f"Reach {i}k", "kind": "goal",
              "metric": "reach", "metric_name": "reach", "unit": "count",
              "direction": "increase", "baseline": Decimal(1000), "target": Decimal(2000),
              "start_at": NOW - timedelta(days=30), "deadline": NOW + timedelta(days=90),
              "owner_id": f"U{i % 100}", "contributors": [], "state": "active",
              "created_at": NOW, "updated_at": NOW} for i in range(goals)],
        )  # fmt: skip
        connection.execute(
            ReminderSchedule.__table__.insert(),  # type: ignore[attr-defined]
            [{"team_id": TEAM, "goal_id": i + 1, "owner_id": f"U{i % 100}",
              "frequency": "weekly", "weekdays": "0", "interval_weeks": 1,
              "local_time": "10:00", "timezone": "Europe/Bucharest",
              "next_run_at": NOW - timedelta(minutes=1) if i < due else later,
              "active": True, "created_at": NOW, "updated_at": NOW} for i in range(goals)],
        )  # fmt: skip


def measure(url: str, goals: int, due: int) -> dict[str, float]:
    engine = make_engine(url)
    upgrade(engine)
    fill(engine, goals, due)
    engine.dispose()

    clock = FrozenClock(NOW - timedelta(minutes=30))  # first: start with nothing due
    started = time.perf_counter()
    engine = make_engine(url)
    assert schema_is_current(engine)
    services = Services(engine, clock, Settings(DATABASE_URL=url, SLACK_BOT_TOKEN="xoxb-bench"))
    slack = InstantSlack()
    runner = DeliveryRunner(services, lambda _team: slack, all_sources(services))
    scheduler = start_scheduler(runner, tick=timedelta(hours=1))
    scheduler.pause()  # the bench ticks by hand from here
    counter = StatementCounter(engine)
    idle = runner.tick()
    start_seconds = time.perf_counter() - started
    idle_statements = counter.count
    scheduler.shutdown(wait=True)

    clock.set(NOW)
    counter.count = 0
    ticked, cpu = time.perf_counter(), time.process_time()
    report = runner.tick()
    tick_seconds, tick_cpu = time.perf_counter() - ticked, time.process_time() - cpu
    assert report.sent == due and idle.sent == 0, (report, idle)
    engine.dispose()
    return {
        "start_s": start_seconds,
        "idle_statements": idle_statements,
        "tick_s": tick_seconds,
        "tick_cpu_s": tick_cpu,
        "tick_statements": counter.count,
        "posted": slack.posted,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", help="a PostgreSQL URL whose server may create databases")
    parser.add_argument(
        "--due", default="10,100,500", help="reminders due per tick (at most 500, a tick's batch)"
    )
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    kind = "PostgreSQL" if args.postgres else "SQLite"
    print(f"{kind}: one tick with some of the goals' reminders due")
    print(
        f"{'goals':>7} {'due':>6} {'start':>9} {'idle SQL':>9} {'tick':>9} {'tick CPU':>9} "
        f"{'tick SQL':>9} {'ms/due':>7} {'SQL/due':>8}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        for due in (int(d) for d in args.due.split(",") if int(d) <= size):
            server = Settings(DATABASE_URL=args.postgres).DATABASE_URL if args.postgres else None
            with scratch_database(server, label="checkin_bench") as url:
                r = measure(url, size, due)
            print(f"{size:>7} {due:>6} {r['start_s']:>8.3f}s {r['idle_statements']:>9} "
                  f"{r['tick_s']:>8.3f}s {r['tick_cpu_s']:>8.3f}s {r['tick_statements']:>9} "
                  f"{r['tick_s'] * 1000 / due:>7.1f} "
                  f"{r['tick_statements'] / due:>8.1f}")  # fmt: skip


if __name__ == "__main__":
    main()
