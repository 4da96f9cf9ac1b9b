"""How fast the bot answers a status question in a big workspace.

Builds a workspace of `--goals` goals and `--checkins` check-ins (10,000 and
1,000,000 by default), imports it with `checkin-bot import`'s code, then asks
status questions and reports the import time, the median and 95th percentile
answer time, and the SQL statements one answer issues.

    .venv/bin/python bench/questions.py                       # full size, SQLite
    .venv/bin/python bench/questions.py --goals 1000 --checkins 100000
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench .venv/bin/python bench/questions.py
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import event

from bot.clock import FrozenClock
from bot.config import Settings
from bot.core.kpis import PLATFORMS, catalogue
from bot.services import Services
from bot.services.questions import answer_goal_status, answer_question
from bot.services.transfer import import_file
from storage.db import make_engine, upgrade

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
TEAM = "TBENCH"


def build_file(goals: int, checkins: int) -> str:
    """A workspace as import JSON: goals spread over metrics and platforms, check-ins even."""
    metrics = [k for k in catalogue() if k.unit.value == "count"]
    platforms = [p for p in PLATFORMS if p.key != "all"]
    rows = []
    for i in range(goals):
        metric, platform = (
            metrics[i % len(metrics)],
            platforms[(i // len(metrics)) % len(platforms)],
        )
        rows.append({
            "id": f"g{i}", "title": f"{metric.name} on {platform.name} #{i}", "metric": metric.key,
            "platform": platform.key, "unit": "count", "baseline": "1000", "target": "5000",
            "start": "2026-06-01", "deadline": "2027-01-31", "owner": f"U{i % 40}",
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--goals", type=int, default=10_000)
    parser.add_argument("--checkins", type=int, default=1_000_000)
    parser.add_argument("--questions", type=int, default=300)
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL") or f"sqlite:///{tempfile.mkdtemp()}/bench.db"
    engine = make_engine(url)
    upgrade(engine)
    services = Services(
        engine, FrozenClock(NOW), Settings(DATABASE_URL=url, DEFAULT_TIMEZONE="UTC")
    )

    started = time.perf_counter()
    text = build_file(args.goals, args.checkins)
    built = time.perf_counter() - started
    started = time.perf_counter()
    result = import_file(services, team_id=TEAM, text=text)
    imported = time.perf_counter() - started
    del text
    print(f"database: {engine.url.get_backend_name()}")
    print(f"built the file in {built:.1f} s; imported {result.goals} goals and "
          f"{result.checkins} check-ins in {imported:.1f} s")  # fmt: skip

    statements: list[str] = []

    def count(*call: Any) -> None:
        statements.append(call[2])

    event.listen(engine, "before_cursor_execute", count)
    metrics = [k for k in catalogue() if k.unit.value == "count"]
    platforms = [p for p in PLATFORMS if p.key != "all"]
    for label, ask in (
        ("status question, e.g. 'how is reach on instagram?'", lambda i: answer_question(
            services, team_id=TEAM, user_id="U1",
            text=f"how is {metrics[i % len(metrics)].name} on {platforms[i % 10].name}?",
        )),
        ("status of one goal (a button)", lambda i: answer_goal_status(
            services, team_id=TEAM, user_id="U1", goal_id=1 + (i * 7919) % args.goals)),
    ):  # fmt: skip
        timings, per_answer = [], []
        for i in range(args.questions):
            statements.clear()
            started = time.perf_counter()
            ask(i)
            timings.append(time.perf_counter() - started)
            per_answer.append(len(statements))
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(f"{label}: median {statistics.median(timings) * 1000:.1f} ms, "
              f"p95 {p95 * 1000:.1f} ms, "
              f"SQL statements per answer {min(per_answer)}-{max(per_answer)}")  # fmt: skip


if __name__ == "__main__":
    main()
