"""Chaos benchmark: a day of reminders and digests sent by two replicas that keep being
killed (kill -9) while Slack has stretches of 5xx, 429 and slowness; nothing may be lost
or posted twice, and every reply in a reminder's thread is one check-in.

    .venv/bin/python -m bench.chaos --db sqlite --kills 200   # from the checkout (imports tests)
    .venv/bin/python -m bench.chaos --db postgres --kills 200 [--postgres-url URL]

The harness holds the database, the Slack sandbox and a frozen clock. At each step it sets
the clock, and each of the two replicas runs one real `checkin-bot tick` process at that
time (they race for the same deliveries). Kills are planted at random: a crash hook
(`CHECKIN_BOT_CRASH_AT`: after the claim commits, after the post, after marking it sent)
or a kill -9 at a random instant; the killed replica's next tick is its restart. The
clock then moves to the next due time, or past the claim lease when something is left
to take over. Each reminder's owner answers "41k" in its thread (the event, then Slack's
retry of it) as soon as the reminder is in Slack. At the end the sandbox says what was
posted, by the delivery key in each message's metadata.

    .venv/bin/python -m bench.chaos --front --kills 50 [--events 400 --wave 40]

`--front` (PostgreSQL) kills the ack front instead: people write to the bot in waves of
DMs, a real `checkin-bot run --http` front takes all that Slack owes it at once (16 at a
time) and is killed (kill -9) at a random instant of that traffic, often in the middle of
a group INSERT; Slack resends every event not acknowledged with 200 to the next front
(X-Slack-Retry-Num), and one `checkin-bot worker` runs the jobs. Each event must be
answered exactly once. (Slack itself resends an event 3 times at most; here it is resent
until acknowledged, so a storm of kills cannot lose what the bot would not have.)
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from datetime import time as clock_time
from http import HTTPStatus
from pathlib import Path
from typing import Any

import psycopg
from sqlmodel import col, func, select

from bot.core.digest_request import Subscribe, parse_digest_request
from bot.jobs.postgres_queue import libpq_url
from bot.sandbox import SlackDriver
from bot.sandbox.state import Message
from bot.scheduling.sources import all_sources
from bot.services.digests import subscribe
from bot.slack.delivery_marks import key_of
from storage.models import CheckIn, DeliveryKind, DigestSubscription, ReminderSchedule
from tests.factories import make_reminded_goal
from tests.harness import TEAM, BotHarness, fresh_database, migrated_engine
from tests.jobs.test_front import dm_event
from tests.jobs.test_job_crashes import JOBS, deliver, jobs_in_queue
from tests.scenarios.bot_processes import bot_process, posts_by_key, start_tick, worker_process

SUNDAY = datetime(2026, 11, 22, 20, 0, tzinfo=UTC)  # the goals are made the evening before
START = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # Monday
OWNERS = {  # user -> time zone: the day's reminders come at local times in six zones
    "U1": "Europe/Bucharest", "U2": "Asia/Tehran", "U3": "America/Los_Angeles",
    "U4": "UTC", "U5": "America/New_York", "U6": "Asia/Kolkata",
}  # fmt: skip
DIGESTS = {"C1": "09:00", "C2": "12:30", "C3": "17:00"}  # Bucharest time, Mondays
AFTER_LEASE = timedelta(minutes=3)  # past the 120 s lease: a dead sender's claim is free
CRASH_STEPS = ("after_claim", "after_post", "after_mark", "instant")
# Chances that Slack is unwell during a step, cumulative: 5xx then 429 on posts, then
# 429/5xx on history lookups, then slow posts, then one post slower than the client's timeout.
POST_ERRORS, HISTORY_ERRORS, SLOW_POSTS, TIMED_OUT_POST = 0.08, 0.14, 0.20, 0.23
SENDERS = 16  # Slack's concurrent deliveries to a front in --front
TICK_TIMEOUT = 120  # seconds; a tick facing Slack slower than its client timeout takes ~16


@dataclass
class Tally:
    kills: Counter[str] = field(default_factory=Counter)
    faults: Counter[str] = field(default_factory=Counter)
    ticks: int = 0
    steps: int = 0
    durations: list[float] = field(default_factory=list)
    replies: list[Message] = field(default_factory=list)

    @property
    def killed(self) -> int:
        return sum(self.kills.values())


def seed(harness: BotHarness, rng: random.Random, goals: int) -> dict[str, int]:
    """`goals` weekly reminders at varied Monday times and three digests; returns the
    deliveries the day owes (key text -> 0 posts so far)."""
    harness.clock.set(SUNDAY)
    for user, tz in OWNERS.items():
        harness.sandbox.add_user(user, name=user.lower(), tz=tz)
    for number in range(goals):
        owner = rng.choice(list(OWNERS))
        # Inside the default sending hours (08:00-20:00): one outside would wait for 08:00,
        # a delivery of its own, and the day's plan below would count it lost.
        at = clock_time(rng.randrange(8, 20), rng.randrange(0, 60, 10))
        make_reminded_goal(harness, owner=owner, tz=OWNERS[owner], at=at,
                           title=f"Reach {number}k on Instagram")  # fmt: skip
    for channel, local in DIGESTS.items():
        if channel not in harness.sandbox.channels:
            harness.sandbox.add_channel(channel, f"team-{channel.lower()}")
        harness.sandbox.invite(channel, harness.sandbox.bot_user_id)  # as people do first
        request = parse_digest_request(f"weekly mon {local}", tz="Europe/Bucharest")
        assert isinstance(request, Subscribe)
        subscribe(harness.services, team_id=TEAM, channel_id=channel, user_id="U1",
                  request=request)  # fmt: skip
    end = START + timedelta(days=1, hours=6)
    with harness.services.session() as session:
        owed = [due for s in all_sources(harness.services) for due in s.due(session, end, 10_000)]
    return {due.key.text: 0 for due in owed}


def next_time(harness: BotHarness, now: datetime) -> datetime | None:
    """When something is next due, or just past the lease while something is still due
    (only a delivery's outcome moves its schedule on, so an open claim keeps it due)."""
    with harness.services.session() as session:
        nexts = [
            session.exec(select(func.min(model.next_run_at)).where(col(model.active))).one()
            for model in (ReminderSchedule, DigestSubscription)
        ]
    upcoming = [n if n.tzinfo else n.replace(tzinfo=UTC) for n in nexts if n is not None]
    if any(n <= now for n in upcoming):
        return now + AFTER_LEASE
    later = [n for n in upcoming if n < START + timedelta(days=2)]
    return min(later) if later else None


def fault_stretch(harness: BotHarness, rng: random.Random, tally: Tally, slow_left: int) -> int:
    """Sometimes Slack is unwell for this step: 5xx, then 429, or slow answers."""
    sandbox, roll = harness.sandbox, rng.random()
    if roll < POST_ERRORS:
        sandbox.server_error("chat.postMessage", status=rng.choice([500, 503]),
                             times=rng.randint(1, 4))  # fmt: skip
        sandbox.rate_limit("chat.postMessage", retry_after=2, times=rng.randint(1, 3))
        tally.faults["5xx then 429"] += 1
    elif roll < HISTORY_ERRORS:
        sandbox.rate_limit("conversations.history", retry_after=1, times=rng.randint(1, 3))
        sandbox.server_error("conversations.history", times=rng.randint(1, 2))
        tally.faults["history 429/5xx"] += 1
    elif roll < SLOW_POSTS:
        sandbox.slow("chat.postMessage", seconds=rng.uniform(0.5, 2.0), times=rng.randint(1, 4))
        tally.faults["slow (under the timeout)"] += 1
    elif roll < TIMED_OUT_POST and slow_left:
        sandbox.slow("chat.postMessage", seconds=16, times=1)  # past the client's 15 s
        tally.faults["slower than the timeout"] += 1
        return slow_left - 1
    return slow_left


def run_replica(
    harness: BotHarness, workdir: Path, crash: str | None, tally: Tally, rng: random.Random
) -> None:
    """One replica's tick at the harness's time, killed as planned."""
    started = time.monotonic()
    process = start_tick(harness, workdir, None if crash == "instant" else crash)
    timer = None
    if crash == "instant":  # somewhere in a typical tick, import time included
        typical = statistics.median(tally.durations) if tally.durations else 2.0
        timer = threading.Timer(rng.uniform(0.5, 1.1) * typical, process.send_signal,
                                (signal.SIGKILL,))  # fmt: skip
        timer.start()
    _, errors = process.communicate(timeout=TICK_TIMEOUT)
    if timer is not None:
        timer.cancel()
    if process.returncode == -signal.SIGKILL:
        tally.kills[crash or "?"] += 1
    elif process.returncode != 0:
        raise SystemExit(f"a tick failed ({process.returncode}): {errors.decode()[-3000:]}")
    else:
        tally.durations.append(time.monotonic() - started)
    tally.ticks += 1


def answer_reminders(harness: BotHarness, replied: set[str], tally: Tally) -> None:
    """Each owner answers "41k" in every new reminder's thread; Slack retries the event."""
    sandbox = harness.sandbox
    for message in list(sandbox.messages):
        key = key_of({"metadata": message.metadata})
        if key is None or key.kind is not DeliveryKind.REMINDER or message.ts in replied:
            continue
        replied.add(message.ts)
        owner = "U" + message.channel.removeprefix("D")
        reply = sandbox.record_user_message(message.channel, owner, "41k", message.ts)
        event = {"type": "message", "user": owner, "text": "41k", "ts": reply.ts,
                 "channel": reply.channel, "thread_ts": message.ts, "channel_type": "im",
                 "team": TEAM}  # fmt: skip
        event_id = f"EvCHAOS{len(tally.replies):05d}"
        harness.driver.event(event, event_id=event_id)
        harness.driver.event(event, event_id=event_id, retry_num=1)
        tally.replies.append(reply)


def run_day(harness: BotHarness, args: argparse.Namespace, workdir: Path) -> dict[str, object]:
    rng = random.Random(args.seed)
    owed = seed(harness, rng, args.goals)
    tally, replied, slow_left = Tally(), set[str](), args.timeouts
    at: datetime | None = START
    while at is not None:
        harness.clock.set(at)
        slow_left = fault_stretch(harness, rng, tally, slow_left)
        crashes = [rng.choice(CRASH_STEPS) if rng.random() < args.kill_rate else None
                   for _ in range(2)]  # fmt: skip
        replicas = [
            threading.Thread(target=run_replica, args=(harness, workdir, crash, tally, rng))
            for crash in crashes
        ]
        for replica in replicas:
            replica.start()
        for replica in replicas:
            replica.join()
        harness.sandbox.clear_faults()  # Slack is well again by the time people answer
        answer_reminders(harness, replied, tally)
        tally.steps += 1
        at = next_time(harness, at)
        if args.verbose:
            print(at, dict(tally.kills), tally.ticks, file=sys.stderr)
    return count(harness, owed, tally)


def count(harness: BotHarness, owed: dict[str, int], tally: Tally) -> dict[str, object]:
    """What the sandbox holds (each delivery's posts, by the key in their metadata) and
    what the database recorded for the replies."""
    posted = posts_by_key(harness.sandbox)
    with harness.services.session() as session:
        check_ins = Counter(session.exec(select(CheckIn.message_ts)).all())
    reply_ts = [r.ts for r in tally.replies]
    return {
        "deliveries owed": len(owed),
        "sent once": sum(1 for k in owed if posted[k] == 1),
        "lost": sum(1 for k in owed if posted[k] == 0),
        "doubled": sum(1 for k in owed if posted[k] > 1),
        "posted for no owed key": sum(1 for k in posted if k not in owed),
        "replies": len(reply_ts),
        "replies recorded once": sum(1 for ts in reply_ts if check_ins[ts] == 1),
        "replies not recorded": sum(1 for ts in reply_ts if check_ins[ts] == 0),
        "replies recorded twice+": sum(1 for ts in reply_ts if check_ins[ts] > 1),
        "kills": tally.killed,
        "kills by step": dict(sorted(tally.kills.items())),
        "Slack stretches": dict(sorted(tally.faults.items())),
        "ticks (processes)": tally.ticks,
        "clock steps": tally.steps,
    }


@dataclass
class FrontTally:
    tries: Counter[str] = field(default_factory=Counter)  # deliveries of each event
    statuses: Counter[int] = field(default_factory=Counter)  # their HTTP statuses (0: none)
    kills: int = 0
    cut_off: int = 0  # kills while deliveries were still unanswered
    traffic: list[float] = field(default_factory=list)  # seconds a front's deliveries took


def send_round(
    harness: BotHarness, workdir: Path, owed: dict[str, dict[str, Any]], tally: FrontTally,
    kill_at: float | None,
) -> list[int]:  # fmt: skip
    """One front's life: every delivery Slack still owes sent at once (a retry after the
    first try), the front killed after `kill_at` of its usual traffic time; the HTTP status
    of each delivery (0: none)."""
    with bot_process(harness, workdir, settings=JOBS) as front:
        driver = SlackDriver(harness.sandbox, bot_url=front.url)
        usual = statistics.median(tally.traffic) if tally.traffic else 0.5
        timer = threading.Timer((kill_at or 0) * usual, front.process.kill)
        started = time.monotonic()
        if kill_at is not None:
            timer.start()
        with ThreadPoolExecutor(SENDERS) as slack:
            tries = tally.tries
            sends = [slack.submit(deliver, driver, owed[e], e, tries[e] or None) for e in owed]
            statuses = [send.result() for send in sends]
        timer.cancel()
        if front.process.poll() == -signal.SIGKILL:
            tally.kills += 1
            tally.cut_off += statuses.count(0) > 0
        elif kill_at is None:
            tally.traffic.append(time.monotonic() - started)
    tally.tries.update(owed.keys())
    tally.statuses.update(statuses)
    return statuses


def run_fronts(harness: BotHarness, args: argparse.Namespace, workdir: Path) -> dict[str, object]:
    """--front: people write to the bot in waves while the ack front keeps being killed
    (kill -9 at a random instant of its traffic); Slack resends what was not acknowledged
    to the next front; one worker runs the jobs. Each event must be answered once."""
    rng = random.Random(args.seed)
    users = [f"UC{n:05d}" for n in range(args.events)]
    for user in users:
        harness.sandbox.add_user(user, name=user.lower())
    events = {f"EvFC{n:05d}": dm_event(harness, u, "hello") for n, u in enumerate(users)}
    unsent, owed, tally = list(events), list[str](), FrontTally()
    dsn = libpq_url(harness.engine.url.render_as_string(hide_password=False))
    with worker_process(harness, workdir, settings=JOBS):
        while unsent or owed:
            owed, unsent = owed + unsent[: args.wave], unsent[args.wave :]
            killing = tally.traffic and rng.random() < args.kill_rate  # first: how long it takes
            kill_at = rng.uniform(0, 1) if killing else None
            answers = send_round(harness, workdir, {e: events[e] for e in owed}, tally, kill_at)
            owed = [e for e, status in zip(owed, answers, strict=True) if status != HTTPStatus.OK]
            if args.verbose:
                print(f"{len(unsent)} unsent, {len(owed)} owed, {tally.kills} kills",
                      file=sys.stderr)  # fmt: skip
        while jobs_in_queue(dsn):  # the last jobs still running
            time.sleep(0.1)
        with psycopg.connect(dsn) as connection:  # a resend of a job committed unacknowledged
            row = connection.execute(  # runs again (and @once stops it)
                "SELECT count(*) FROM pgqueuer_log WHERE status IN ('successful', 'exception')"
            ).fetchone()
    answered = Counter({user: len(harness.dm(user)) for user in users})
    return {
        "events": len(events),
        "answered once": sum(1 for user in users if answered[user] == 1),
        "lost": sum(1 for user in users if answered[user] == 0),
        "doubled": sum(1 for user in users if answered[user] > 1),
        "kills": tally.kills,
        "kills cutting deliveries off": tally.cut_off,
        "deliveries by HTTP status (0: cut off)": dict(sorted(tally.statuses.items())),
        "jobs run": int(row[0]) if row else 0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--postgres-url", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--kills", type=int, default=200, help="kill -9s to plant (at least)")
    parser.add_argument("--kill-rate", type=float, default=0.7, help="chance a tick is killed")
    parser.add_argument("--goals", type=int, default=100)
    parser.add_argument("--timeouts", type=int, default=3, help="posts slower than the timeout")
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--front", action="store_true", help="kill the ack front (PostgreSQL)")
    parser.add_argument("--events", type=int, default=400, help="with --front: events to send")
    parser.add_argument("--wave", type=int, default=40, help="with --front: new events a front")
    args = parser.parse_args()
    args.db = "postgres" if args.front else args.db
    if args.db == "postgres":
        os.environ["DATABASE_URL"] = args.postgres_url
    else:
        os.environ.pop("DATABASE_URL", None)
    started = time.monotonic()
    rounds: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as workdir:
        while not rounds or sum(int(str(r["kills"])) for r in rounds) < args.kills:
            with fresh_database() as url:  # a new day on a new database until enough kills
                engine = migrated_engine(url)
                with BotHarness(engine, now=SUNDAY) as harness:
                    run = run_fronts if args.front else run_day
                    rounds.append(run(harness, args, Path(workdir)))
                engine.dispose()
            print(f"day {len(rounds)}: {rounds[-1]}", flush=True)  # a long run shows its way
            args.seed += 1
    print(f"chaos on {args.db}: {len(rounds)} day(s), {time.monotonic() - started:.0f} s")
    for name in rounds[0]:
        values = [r[name] for r in rounds]
        if all(isinstance(v, int) for v in values):
            print(f"  {name:<24} {sum(int(str(v)) for v in values)}")
        else:  # counts by kind, added up over the days
            added = sum((Counter(v) for v in values if isinstance(v, dict)), Counter[str]())
            print(f"  {name:<24} {dict(sorted(added.items()))}")
    lost = sum(int(str(r["lost"])) for r in rounds)
    doubled = sum(int(str(r["doubled"])) for r in rounds)
    return 1 if lost or doubled else 0


if __name__ == "__main__":
    sys.exit(main())
