"""How long `checkin-bot import` takes for 100,000 and 1,000,000 check-ins.

Builds an import file with names (1,000 goals, check-ins spread evenly, as
`bench/questions.py` does), then times `checkin-bot import`'s code on a fresh database:
reading and checking the file, and writing it, each in seconds, on SQLite and (with
`--postgres URL`, a server where it may create databases) PostgreSQL.

    .venv/bin/python bench/import_speed.py
    .venv/bin/python bench/import_speed.py --sizes 100000 --postgres postgresql://postgres@127.0.0.1:5432/postgres

For a baseline, run this same file against another checkout's code:
    PYTHONPATH=/path/to/main-checkout .venv/bin/python bench/import_speed.py
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime
from typing import Any

from questions import build_file  # bench/questions.py, beside this script

from bot.clock import FrozenClock
from bot.config import Settings
from bot.services import Services, transfer
from storage.db import make_engine, upgrade
from storage.scratch import scratch_database

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
GOALS = 1_000


def timed_import(server: str | None, text: str) -> dict[str, float]:
    """Seconds to check the file (no database) and to import it all on a fresh database."""
    with scratch_database(server, label="checkin_bench") as url:
        engine = make_engine(url)
        upgrade(engine)
        services = Services(
            engine=engine, clock=FrozenClock(NOW), settings=Settings(DATABASE_URL=url)
        )
        started = time.perf_counter()
        result = transfer.import_file(services, team_id="TBENCH", text=text)
        total = time.perf_counter() - started
        engine.dispose()
    return {"seconds": total, "checkins": float(result.checkins)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="check-in counts, with commas")
    parser.add_argument("--postgres", help="a PostgreSQL server URL to also measure")
    args = parser.parse_args()
    servers: list[tuple[str, Any]] = [("sqlite", None)]
    if args.postgres:
        servers.append(("postgresql", Settings(DATABASE_URL=args.postgres).DATABASE_URL))
    for size in (int(s) for s in args.sizes.split(",")):
        text = build_file(GOALS, size)
        for name, server in servers:
            figures = timed_import(server, text)
            print(f"{name:10} {size:>9,} check-ins: {figures['seconds']:6.1f} s", flush=True)


if __name__ == "__main__":
    main()
