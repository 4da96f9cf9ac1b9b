"""How long the REST API takes to store a check-in, against the bot on a real socket.

Starts the bot over HTTP with the Slack sandbox (as the tests do), makes a reach goal and
API tokens with `/goals token new`, then sends `--requests` check-ins one after another
(each with its own Idempotency-Key, named by metric and platform) and one retry, and
prints the median and 99th percentile time per request and the retry's time.

    .venv/bin/python -m bench.api
    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test .venv/bin/python -m bench.api
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from http import HTTPStatus

import httpx

from tests.factories import REACH_GOAL, make_goal
from tests.harness import BotHarness, database_kind, fresh_database, migrated_engine

PER_TOKEN = 50  # under the default 60 a minute each token may send on the frozen clock


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    count = parser.parse_args().requests
    with fresh_database() as url:
        engine = migrated_engine(url)
        with BotHarness(engine) as bot:
            with bot.services.session() as session:
                make_goal(session, **{**REACH_GOAL, "owner_id": "U1", "created_by": "U1"})
            tokens = [_token(bot, f"bench{i}") for i in range(count // PER_TOKEN + 1)]
            times, replay = _send(bot.url, tokens, count)
        engine.dispose()
    times.sort()
    print(
        f"{database_kind()}: {count} POST /api/v1/checkins, p50 "
        f"{statistics.median(times) * 1000:.1f} ms, p99 "
        f"{times[max(0, int(len(times) * 0.99) - 1)] * 1000:.1f} ms; a retry {replay * 1000:.1f} ms"
    )


def _token(bot: BotHarness, label: str) -> str:
    bot.driver.command("U1", "/goals", f"token new {label}")
    found = re.search(r"cib_[\w-]{43}", bot.dm("U1")[-1].text)
    assert found is not None
    return found.group(0)


def _send(url: str, tokens: list[str], count: int) -> tuple[list[float], float]:
    def post(http: httpx.Client, i: int) -> float:
        headers = {"Authorization": f"Bearer {tokens[i // PER_TOKEN]}", "Idempotency-Key": f"k{i}"}
        body = {"metric": "reach", "platform": "instagram", "value": 41000 + i, "confirm": True}
        started = time.perf_counter()
        answer = http.post("/checkins", json=body, headers=headers)
        assert answer.status_code == HTTPStatus.CREATED, answer.text
        return time.perf_counter() - started

    with httpx.Client(base_url=f"{url}/api/v1") as http:
        times = [post(http, i) for i in range(count)]
        return times, post(http, 0)


if __name__ == "__main__":
    main()
