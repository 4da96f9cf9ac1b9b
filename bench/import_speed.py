"""How long `checkin-bot import` takes for 100,000 and 1,000,000 check-ins, before and after.

Builds an import file with names (1,000 goals, check-ins spread evenly, as
`bench/questions.py` does) and times `checkin-bot import`'s code on a fresh database,
on SQLite and (with `--postgres URL`, a server where it may create databases)
PostgreSQL. Each figure is one fresh process: wall seconds, CPU seconds of the
importing process and of the PostgreSQL server processes serving it (read from /proc,
so only for a server on this machine), and the load average beside it, since a busy
machine stretches wall time but hardly CPU time. With `--baseline REV` the same
import runs first with the code of that git revision (its `bot` and `storage`
exported to a temporary folder), so both sides are measured in the same run.

    .venv/bin/python bench/import_speed.py
    .venv/bin/python bench/import_speed.py --sizes 1000000 --baseline main \\
        --postgres postgresql://postgres@127.0.0.1:5432/postgres
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from questions import build_file  # bench/questions.py, beside this script
from sqlalchemy import Engine, create_engine, text

from bot.clock import FrozenClock
from bot.config import Settings
from bot.services import Services, transfer
from storage.db import make_engine, upgrade
from storage.scratch import scratch_database

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
GOALS = 1_000
CHECKOUT = Path(__file__).resolve().parents[1]


def server_cpu(admin: Engine | None, database: str) -> dict[int, float]:
    """CPU seconds so far of each server process connected to `database`, by pid."""
    if admin is None:
        return {}
    with admin.connect() as connection:
        pids = connection.execute(
            text("SELECT pid FROM pg_stat_activity WHERE datname = :name"), {"name": database}
        ).scalars()
        return {pid: _process_cpu(pid) for pid in pids}


def _process_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # a server on another machine: its CPU is not ours to read
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(server: str | None, size: int) -> dict[str, float]:
    """One import of `size` check-ins on a fresh database, in this process."""
    file_text = build_file(GOALS, size)
    with scratch_database(server, label="checkin_bench") as url:
        engine = make_engine(url)
        upgrade(engine)
        services = Services(
            engine=engine, clock=FrozenClock(NOW), settings=Settings(DATABASE_URL=url)
        )
        admin = create_engine(server) if server else None
        database = engine.url.database or ""
        load, server_before = os.getloadavg()[0], server_cpu(admin, database)
        wall, cpu = time.perf_counter(), time.process_time()
        result = transfer.import_file(services, team_id="TBENCH", text=file_text)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        server_after = server_cpu(admin, database)
        engine.dispose()
        if admin is not None:
            admin.dispose()
    served = sum(seconds - server_before.get(pid, 0.0) for pid, seconds in server_after.items())
    if server is None:
        served = float("nan")  # SQLite works inside the importing process
    return {"wall": wall, "cpu": cpu, "server_cpu": served, "checkins": result.checkins,
            "load": load, "load_after": os.getloadavg()[0]}  # fmt: skip


def run_child(code: Path, server: str | None, size: int) -> dict[str, float]:
    """`measure` in a fresh interpreter importing `bot` and `storage` from `code`."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    command = [sys.executable, __file__, "--measure", str(size), "--server", server or ""]
    out = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return dict(json.loads(out.stdout.splitlines()[-1]))


def export_revision(revision: str, folder: Path) -> Path:
    """`bot` and `storage` as they were at `revision`, written under `folder`."""
    archive = subprocess.run(
        ["git", "-C", str(CHECKOUT), "archive", revision, "bot", "storage"],
        check=True, capture_output=True,
    ).stdout  # fmt: skip
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def _seconds(value: float) -> str:
    return "      -" if math.isnan(value) else f"{value:6.1f}s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="check-in counts, with commas")
    parser.add_argument("--postgres", help="a PostgreSQL server URL to also measure")
    parser.add_argument("--baseline", help="a git revision to measure first, e.g. main")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)  # one child's run
    parser.add_argument("--server", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.server or None, args.measure)))
        return
    servers: list[tuple[str, str | None]] = [("sqlite", None)]
    if args.postgres:
        servers.append(("postgresql", Settings(DATABASE_URL=args.postgres).DATABASE_URL))
    with tempfile.TemporaryDirectory() as folder:
        codes = [("this", CHECKOUT)]
        if args.baseline:
            codes.insert(0, (args.baseline, export_revision(args.baseline, Path(folder))))
        print(f"{'database':10} {'check-ins':>9} {'code':>8} {'wall':>7} {'cpu':>7} "
              f"{'server':>7} {'load':>9}")  # fmt: skip
        for size in (int(s) for s in args.sizes.split(",")):
            for name, server in servers:
                for label, code in codes:
                    f = run_child(code, server, size)
                    assert f["checkins"] == size, f  # the same work on both sides
                    print(f"{name:10} {size:>9,} {label[:8]:>8} {f['wall']:6.1f}s "
                          f"{f['cpu']:6.1f}s {_seconds(f['server_cpu'])} "
                          f"{f['load']:4.1f}-{f['load_after']:<4.1f}", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
