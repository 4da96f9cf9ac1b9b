"""How many questions of the question table the bot answers right, per way of making goals.

Asks every case of `tests/question_cases.py` (intent and the goals it is about) against
the known dataset made each way of `tests/question_data.py`, in a scratch database
(an SQLite file, or a new database on the PostgreSQL server DATABASE_URL names, dropped
afterwards) with the clock frozen where the table expects it, and prints the accuracy
of each way and the cases it gets wrong; exit status 1 when any case is wrong.

    .venv/bin/python bench/question_accuracy.py
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/bench \
        .venv/bin/python bench/question_accuracy.py
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/ holds the table

from bot.clock import FrozenClock
from bot.config import Settings
from bot.services import Services
from storage.db import make_engine, upgrade
from storage.scratch import scratch_database
from tests.question_cases import CASES
from tests.question_data import WAYS, answered_about, load

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)


def main() -> int:
    server = os.environ.get("DATABASE_URL") or None
    with scratch_database(server, label="checkin_accuracy") as url:
        engine = make_engine(url)
        upgrade(engine)
        services = Services(
            engine=engine,
            clock=FrozenClock(NOW),
            settings=Settings(DATABASE_URL=url, DEFAULT_TIMEZONE="Europe/Bucharest"),
        )
        worst = 1.0
        try:
            for way in WAYS:
                team = load(services, way)
                wrong = [
                    (case, got)
                    for case in CASES
                    if (got := answered_about(services, team, case)) != (case.intent, case.goals)
                ]
                right = len(CASES) - len(wrong)
                worst = min(worst, right / len(CASES))
                print(f"{way}: {right}/{len(CASES)} = {right / len(CASES):.1%}")
                for case, (intent, goals) in wrong:
                    print(f"  wrong: {case.text!r} -> {intent} {sorted(goals)}")
        finally:
            engine.dispose()
    return 0 if worst == 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
