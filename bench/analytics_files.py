"""Benchmark: reading an analytics export, and saving a year of daily values from one.

    python bench/analytics_files.py                       # SQLite in a temporary file
    python bench/analytics_files.py --postgres postgresql://postgres@127.0.0.1:5432/postgres

Reports the best of five reads of a 5,000-row export with two value columns (the
largest file read), and the time to save 365 daily values into one goal through
`save_file` (what Save does once the file is downloaded), then to save the same file
again (every day already stored: nothing written).
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, date, datetime, timedelta

from bot.clock import FrozenClock
from bot.config import Settings
from bot.core.analytics_files import AnalyticsFile, read_analytics_file
from bot.services import Services
from bot.services.analytics_checkins import FileSaved, save_file
from bot.services.permissions import Requester
from bot.services.transfer import import_file
from storage.db import make_engine, upgrade
from storage.scratch import scratch_database

NOW = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
TEAM = "TBENCH"
GOAL = """{"goals": [{"title": "Instagram reach 1M", "metric": "reach", "platform": "instagram",
 "target": "1000000", "deadline": "2026-12-31", "owner": "UBENCH"}]}"""


def export(rows: int, columns: str) -> bytes:
    start = date(2025, 1, 1)
    lines = [f"{start + timedelta(days=i)},{30000 + 10 * i},{i % 97}" for i in range(rows)]
    return (f"Date,{columns}\n" + "\n".join(lines) + "\n").encode()


def read(data: bytes) -> AnalyticsFile:
    found = read_analytics_file(data, "bench.csv")
    assert isinstance(found, AnalyticsFile)
    return found


def bench_read() -> None:
    data = export(5000, "Reach,Followers")
    read(export(2, "Reach,Followers"))  # the metric catalogue loads once
    best = min(_timed(lambda: read(data)) for _ in range(5))
    print(f"read 5,000 rows x 2 columns ({len(data):,} bytes): best of 5 {best * 1000:.0f} ms")


def bench_save(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    services = Services(engine, FrozenClock(NOW), Settings(DATABASE_URL=url))
    import_file(services, team_id=TEAM, text=GOAL)
    found = read(export(365, "Instagram reach,Other"))
    by = Requester(TEAM, "UBENCH", ask_is_admin=lambda: False)
    for label in ("save 365 daily values", "save the same file again"):
        start = time.perf_counter()
        done = save_file(services, by, found, None)
        took = time.perf_counter() - start
        assert isinstance(done, FileSaved)
        print(f"{label}: {took * 1000:.0f} ms ({done.stored[0][2]} stored, {done.skipped} skipped)")
    engine.dispose()


def _timed(work: object) -> float:
    assert callable(work)
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="a PostgreSQL server URL whose user may create DBs")
    args = parser.parse_args()
    bench_read()
    server = Settings(DATABASE_URL=args.postgres).DATABASE_URL if args.postgres else None
    with scratch_database(server, label="checkin_bench") as url:
        bench_save(url)


if __name__ == "__main__":
    main()
