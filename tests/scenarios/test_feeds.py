"""A goal follows a CSV address (`/goals feed`): fetched from a real local HTTP server,
its new rows stored once, with validators, limits and address checks as in production."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from sqlmodel import select

from bot.services.feed_fetch import MAX_FEED_BYTES
from bot.services.feeds import run_due_feeds
from bot.services.transfer import import_file
from storage import feeds as feed_store
from storage.models import CheckIn, GoalFeed
from tests.harness import TEAM, BotHarness

GOALS = """{"goals": [{"id": "reach", "title": "Instagram reach 60k", "metric": "reach",
  "platform": "instagram", "target": "60000", "deadline": "2026-12-31", "owner": "U1"}]}"""
SHEET = "Date,Reach,Followers\n2026-11-16,52100,900\n2026-11-23,53400,950\n"


class Files:
    """What the local server serves, and the requests it got."""

    def __init__(self) -> None:
        self.body: bytes = SHEET.encode()
        self.etag = '"v1"'
        self.status = 200
        self.requests: list[dict[str, str]] = []


@pytest.fixture
def server() -> Iterator[tuple[str, Files]]:
    files = Files()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            files.requests.append(dict(self.headers))
            if self.headers.get("If-None-Match") == files.etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(files.status)
            self.send_header("Content-Type", "text/csv")
            self.send_header("ETag", files.etag)
            if files.status == 302:
                self.send_header("Location", "http://127.0.0.1:1/elsewhere.csv")
            self.end_headers()
            self.wfile.write(files.body)

        def log_message(self, *_args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/reach.csv", files
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def team(harness: BotHarness) -> BotHarness:
    import_file(harness.services, team_id=TEAM, text=GOALS)
    harness.services.settings.FEED_ALLOW_PRIVATE = True  # the test server is on loopback
    return harness


def values(harness: BotHarness) -> list[tuple[Decimal, str]]:
    with harness.services.session() as session:
        rows = session.exec(select(CheckIn).order_by(CheckIn.at))
        return [(c.value, c.source) for c in rows]


def feed_row(harness: BotHarness) -> GoalFeed:
    with harness.services.session() as session:
        feed = session.exec(select(GoalFeed)).one()
        session.expunge(feed)
        return feed


def an_hour_later(harness: BotHarness) -> None:
    harness.clock.set(harness.clock.now() + timedelta(minutes=61))


def test_a_followed_feed_stores_its_goals_column_once(
    team: BotHarness, server: tuple[str, Files]
) -> None:
    url, files = server
    team.driver.command("U1", "/goals", f"feed #1 {url}")
    assert "`#1` Instagram reach 60k now follows" in team.last_reply("U1").text

    report = run_due_feeds(team.services)

    assert (report.fetched, report.stored, report.failed) == (1, 2, [])
    assert values(team) == [(Decimal(52100), "feed"), (Decimal(53400), "feed")]

    an_hour_later(team)
    again = run_due_feeds(team.services)

    assert (again.unchanged, again.stored) == (1, 0)
    assert files.requests[-1]["If-None-Match"] == '"v1"'
    assert len(values(team)) == 2


def test_a_feed_that_grows_stores_only_its_new_rows(
    team: BotHarness, server: tuple[str, Files]
) -> None:
    url, files = server
    team.driver.command("U1", "/goals", f"feed #1 {url}")
    run_due_feeds(team.services)
    files.body, files.etag = (SHEET + "2026-11-30,55000,990\n").encode(), '"v2"'

    an_hour_later(team)
    report = run_due_feeds(team.services)

    assert report.stored == 1
    assert values(team)[-1] == (Decimal(55000), "feed")


def test_a_feed_is_not_fetched_before_its_time(team: BotHarness, server: tuple[str, Files]) -> None:
    url, files = server
    team.driver.command("U1", "/goals", f"feed #1 {url}")
    run_due_feeds(team.services)

    run_due_feeds(team.services)

    assert len(files.requests) == 1


def test_a_feed_claimed_by_one_replica_is_not_fetched_by_another(
    team: BotHarness, server: tuple[str, Files]
) -> None:
    url, files = server
    team.driver.command("U1", "/goals", f"feed #1 {url}")
    now, lease = team.clock.now(), timedelta(minutes=2)
    with team.services.session() as session:
        first = feed_store.claim_due_feeds(session=session, now=now, lease=lease, limit=10)
    with team.services.session() as session:
        second = feed_store.claim_due_feeds(session=session, now=now, lease=lease, limit=10)

    assert (len(first), len(second)) == (1, 0)
    assert run_due_feeds(team.services).fetched == 0  # the other replica holds it
    assert files.requests == []


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"body": b"x" * (MAX_FEED_BYTES + 1)}, "the file is over 2 MB"),
        ({"status": 500}, "the server answered 500"),
        ({"status": 302}, "the file moved to http://127.0.0.1:1/elsewhere.csv"),
        ({"body": b"Date,Reach\n2026-11-31,5\n"}, "line 2: '2026-11-31' is not a date"),
        ({"body": b"Date,Pizza,Likes\n2026-11-23,5,6\n"}, "no column of the file measures Reach"),
    ],
)
def test_a_feed_that_goes_wrong_keeps_its_problem_and_stores_nothing(
    team: BotHarness, server: tuple[str, Files], change: dict[str, Any], problem: str
) -> None:
    url, files = server
    for name, value in change.items():
        setattr(files, name, value)
    files.body = change.get("body", b"Date,Reach,Other\n2026-11-23,5,6\n")
    team.driver.command("U1", "/goals", f"feed #1 {url}")

    report = run_due_feeds(team.services)
    team.driver.command("U1", "/goals", "feed #1")

    assert values(team) == []
    assert problem in feed_row(team).last_problem
    assert report.failed and problem in report.failed[0]
    assert f"The last fetch stored nothing: {problem}" in team.last_reply("U1").text


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("ftp://example.com/reach.csv", "only http:// and https:// addresses"),
        ("http://127.0.0.1:8000/reach.csv", "127.0.0.1 is a private or local address"),
        ("http://[::1]/reach.csv", "::1 is a private or local address"),
        ("http://10.0.0.7/reach.csv", "10.0.0.7 is a private or local address"),
        ("http://169.254.169.254/latest/meta-data", "169.254.169.254 is a private or local"),
    ],
)
def test_addresses_that_cannot_be_followed_are_refused(
    harness: BotHarness, url: str, reason: str
) -> None:
    import_file(harness.services, team_id=TEAM, text=GOALS)

    harness.driver.command("U1", "/goals", f"feed #1 {url}")

    assert reason in harness.last_reply("U1").text
    with harness.services.session() as session:
        assert session.exec(select(GoalFeed)).first() is None


def test_someone_else_may_not_point_a_persons_goal_at_a_feed(
    team: BotHarness, server: tuple[str, Files]
) -> None:
    team.driver.command("U2", "/goals", f"feed #1 {server[0]}")

    with team.services.session() as session:
        assert session.exec(select(GoalFeed)).first() is None


def test_off_stops_the_feed(team: BotHarness, server: tuple[str, Files]) -> None:
    team.driver.command("U1", "/goals", f"feed #1 {server[0]}")

    team.driver.command("U1", "/goals", "feed #1 off")

    assert "follows no feed now" in team.last_reply("U1").text
    an_hour_later(team)
    assert run_due_feeds(team.services).fetched == 0


@pytest.mark.parametrize("typed", ["{url}?sheet=1&range=A1", "<{url}?sheet=1&range=A1|reach.csv>"])
def test_a_feed_address_arrives_as_slack_escapes_it_and_is_kept_as_typed(
    team: BotHarness, server: tuple[str, Files], typed: str
) -> None:
    # Slack wraps the link in <…> (with the label a pasted link shows) and sends & as &amp;.
    url, _ = server
    team.driver.command("U1", "/goals", "feed #1 " + typed.format(url=url))

    assert "now follows" in team.last_reply("U1").text
    assert feed_row(team).url == f"{url}?sheet=1&range=A1"
