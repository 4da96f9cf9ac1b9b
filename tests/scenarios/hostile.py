"""Shared pieces of the hostile-input tests: what people might type, and what must hold after.

Each test drives the real bot through the sandbox with many generated inputs; `Watch`
marks where the workspace and the database stood before one input, so the checks
afterwards look only at what that input caused.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, text

from bot.render.errors import SORRY
from bot.sandbox.state import ApiCall
from tests.factories import make_checkin, make_reminded_goal
from tests.harness import BotHarness
from tests.reminder_helpers import MONDAY_10_BUCHAREST, reminders_to, tick

# Slack's broadcast mentions: the bot must never send one, whatever a person typed.
BROADCASTS = ("<!channel", "<!here", "<!everyone", "<!subteam^")

MARKUP = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<!here|here>",
    "<!channel|@channel>",
    "<!subteam^S123|@team>",
    "<!subteam^S123>",
    "<@U1>",
    "<@U2|bogdan>",
    "<#C1|marketing>",
    "<#C1>",
    "<http://x.example|y>",
    "<mailto:a@b.c|mail>",
    "<!date^1700000000^{date}|x>",
    "&lt;!channel&gt;",
    "&amp;",
    "@channel",
    "@here",
    "*bold*",
    "_it_",
    "`code`",
    "```block```",
    "~strike~",
    "> quote",
    "<",
    ">",
    "&",
]

ODD_NUMBERS = [
    "41.2k",
    "1,234.5",
    "1.234,5",
    "1 234 567",
    "1'234",
    "۴۱٬۲۰۰",
    "٤١٫٢",
    "१२३",
    "1e308",
    "-0",
    "NaN",
    "Infinity",
    "9" * 60,
    "0." + "0" * 40 + "1",
    "12%",
    "$1,000,000",
    "1_000",
    "½",
    "²³",
    "1\u00a0000",
    "1\u202f000",
    "−5",
    "+-3",
    "3..4",
    ",,,",
]

WORDS = [
    "reach",
    "followers",
    "instagram",
    "goal",
    "new goal",
    "skip",
    "snooze",
    "pause",
    "how are we doing",
    "status",
    "score",
    "by friday",
    "until",
    "weekly mon 09:00",
    "off",
    "here",
    "help",
    "okr",
    "team",
    "#1",
    "#999999999999999999999",
]

# Right-to-left marks, zero-width characters, emoji with joiners, C0/C1 controls and
# combining marks: the kinds of characters that trip up parsers and splitters.
STRANGE_CHARS = (
    "\u200f\u200e\u202e\u2066\u2069\u200b\u200c\u200d\ufeff\u2028\u2029"
    "\x00\x01\x07\x08\x1b\x7f\x85\x9f\t\r\n\u0301\u0670"
    "🎉👩‍👩‍👧🏳️‍🌈🇷🇴سلامăşţ€£¥"
)

fragments = st.one_of(
    st.sampled_from(MARKUP),
    st.sampled_from(ODD_NUMBERS),
    st.sampled_from(WORDS),
    st.text(alphabet=STRANGE_CHARS, max_size=6),
    st.text(max_size=12),
    st.just(" "),
)

hostile_text = st.one_of(
    st.lists(fragments, max_size=10).map(" ".join),
    st.lists(fragments, max_size=10).map("".join),
    st.text(max_size=80),
    st.builds(
        lambda chunk, n: (chunk * n)[:10_000], st.sampled_from(MARKUP + WORDS), st.just(10_000)
    ),
    st.text(min_size=1, max_size=5).map(lambda s: (s * 10_000)[:10_000]),
)


def fuzz_settings(examples: int) -> Any:
    """Hypothesis settings for tests that run many examples against one running bot."""
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        derandomize=True,
    )


# --- what the bot sent --------------------------------------------------------------------


def mrkdwn_texts(value: Any) -> Iterator[str]:
    """Every text Slack reads as mrkdwn in a call's arguments (plain_text never pings)."""
    if isinstance(value, dict):
        if value.get("type") == "plain_text":
            return
        for key, item in value.items():
            if key in ("text", "initial_comment") and isinstance(item, str):
                yield item
            else:
                yield from mrkdwn_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from mrkdwn_texts(item)


SENDING = {
    "chat.postMessage",
    "chat.postEphemeral",
    "chat.update",
    "response_url",
    "views.open",
    "views.update",
    "views.publish",
    "files.completeUploadExternal",
}


class Tracebacks(logging.Handler):
    """Every log record that carries a traceback or is an error, from any thread: what an
    operator would find in the logs after an input (a one-line warning is not one)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def since(self, start: int) -> list[str]:
        return [f"{r.name}: {r.getMessage()[:200]}" for r in self.records[start:]]


TRACEBACKS = Tracebacks()
logging.getLogger().addHandler(TRACEBACKS)


@dataclass
class Watch:
    """Where the workspace stood before one input; the checks look at what came after."""

    harness: BotHarness
    calls: int = 0
    checksum: str = ""
    sent: list[ApiCall] = field(default_factory=list)
    logged: int = 0

    def __post_init__(self) -> None:
        self.logged = len(TRACEBACKS.records)
        self.calls = len(self.harness.sandbox.calls)
        self.checksum = table_checksum(self.harness.engine)

    def new_calls(self) -> list[ApiCall]:
        return [c for c in self.harness.sandbox.calls[self.calls :] if c.method in SENDING]

    def texts(self) -> list[str]:
        return [t for call in self.new_calls() for t in mrkdwn_texts(call.args)]

    def check(self, *, answered: str | None = None, rejected: bool = False) -> None:
        """The properties every input must keep.

        `answered`: the person who spoke to the bot and must get a reply.
        `rejected`: the input is one the bot must refuse, so no row may change.
        """
        sandbox = self.harness.sandbox
        assert sandbox.problems == [], sandbox.problems
        assert TRACEBACKS.since(self.logged) == [], "a traceback or error in the logs"
        texts = self.texts()
        assert not any(SORRY in t for t in texts), "a listener failed and the error handler spoke"
        pinged = [t for t in texts if any(b in t for b in BROADCASTS)]
        assert pinged == [], f"the bot would ping everyone: {pinged[:1]!r}"
        if answered is not None:
            assert self.new_calls(), f"the bot said nothing to {answered}"
        if rejected:
            assert table_checksum(self.harness.engine) == self.checksum, (
                "a rejected input changed data"
            )


def table_checksum(engine: Engine) -> str:
    """A digest of the rows people care about: goals, check-ins, schedules, subscriptions."""
    digest = hashlib.sha256()
    with engine.connect() as connection:
        for table in ("goal", "checkin", "reminderschedule", "digestsubscription"):
            rows = connection.execute(text(f"SELECT * FROM {table} ORDER BY id")).all()
            digest.update(repr(rows).encode())
    return digest.hexdigest()


# --- a workspace worth attacking ------------------------------------------------------------

HOSTILE_TITLE = "Reach <!channel> & <!subteam^S123|@team> on <@U2>"


@dataclass(frozen=True)
class World:
    goal_id: int
    hostile_goal_id: int
    reminder: Any


def seed_world(harness: BotHarness) -> World:
    """Two goals of U1 (one titled with mention markup, as an import could give it), a check-in,
    and a reminder sent to U1 whose thread takes replies."""
    goal_id, _ = make_reminded_goal(harness)
    hostile_id, _ = make_reminded_goal(
        harness, title=HOSTILE_TITLE, metric="followers", metric_name="followers"
    )
    with harness.services.session() as session:
        make_checkin(
            session,
            goal_id,
            41000,
            author_id="U1",
            at=datetime.fromisoformat("2026-11-15T10:00:00+02:00"),
            now=harness.clock.now(),
            note="<!here> the reel did well",
        )
    harness.clock.set(MONDAY_10_BUCHAREST)
    assert tick(harness).sent >= 1
    return World(goal_id, hostile_id, reminders_to(harness, "U1")[-1])
