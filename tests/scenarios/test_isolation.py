"""Two workspaces with look-alike goals: nothing one of them reads ever shows the other.

Workspace B copies workspace A's goal titles, metrics, platforms, owners (U1, U2) and
channel (C1), so a query that forgets its workspace would find B's goals by the same
words. What tells them apart: B's figures are A's times a million plus 3 (no figure of
A reaches a million), and every note, reason and external id of B says "B-only".
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import col, func, select

from bot import cli
from bot.render.answers import answer_blocks, answer_text
from bot.render.digest import digest_message
from bot.render.home import home_blocks
from bot.render.text import blocks_to_text
from bot.services.digests import build_digest
from bot.services.export import export_records, write_csv, write_json
from bot.services.home import home_view
from bot.services.questions.answer import answer_goal_status, answer_question
from bot.services.transfer import import_file
from storage.models import CheckIn, Goal
from tests.harness import NOW, TEAM, BotHarness, empty_all_tables

TEAM_A, TEAM_B = TEAM, "T0BLOOKALIKE"  # the sandbox speaks for A; B exists only in the database
B_MARKER = "b-only"
LEAK_FLOOR = Decimal(1_000_000)  # A's figures stay far below; B's start above 700 million

# Look-alike goals both workspaces have: (title, metric, platform). No digits in titles,
# so "#<number>" only ever names a goal by its number.
TEMPLATES = (
    ("Reach on Instagram", "reach", "instagram"),
    ("Instagram followers", "followers", "instagram"),
    ("TikTok reach", "reach", "tiktok"),
    ("YouTube views", "video_views", "youtube"),
)
CHECKIN_DAYS = ("2026-10-15T09:00:00Z", "2026-11-02T09:00:00Z", "2026-11-16T09:00:00Z")
QUESTIONS = (
    "how are we doing on reach?",
    "how are we doing on instagram followers?",
    "which goals are at risk?",
    "what are my goals?",
    "who owns the reach goal?",
    "how did reach change this month?",
    "what's due before Christmas?",
    "what's the score of our Q4 push objective?",
)


@dataclass(frozen=True)
class GoalSpec:
    """One look-alike goal: what both workspaces share, and A's figures (multiples of 7)."""

    template: int
    owner: str
    channel: str
    in_objective: bool
    baseline: int
    target: int
    values: tuple[int, ...]


@st.composite
def goal_specs(draw: st.DrawFn, template: int) -> GoalSpec:
    baseline = 7 * draw(st.integers(100, 1_000))
    target = baseline + 7 * draw(st.integers(100, 3_000))
    values = draw(st.lists(st.integers(baseline // 7, target // 7 + 100), min_size=1, max_size=3))
    return GoalSpec(
        template=template,
        owner=draw(st.sampled_from(["U1", "U2"])),
        channel=draw(st.sampled_from(["C1", ""])),
        in_objective=draw(st.booleans()),
        baseline=baseline,
        target=target,
        values=tuple(7 * v for v in values),
    )


@st.composite
def datasets(draw: st.DrawFn) -> tuple[list[GoalSpec], bool]:
    """The shared goals, and whether B is imported first (so ids interleave both ways)."""
    chosen = draw(st.lists(st.sampled_from(range(len(TEMPLATES))), min_size=1, unique=True))
    return [draw(goal_specs(t)) for t in chosen], draw(st.booleans())


def workspace_file(specs: list[GoalSpec], marker: str, scale: int, plus: int) -> str:
    """The import file of one workspace: same words, figures `x * scale + plus`."""

    def figure(value: int) -> str:
        return str(value * scale + plus)

    goals, checkins = [], []
    for spec in specs:
        title, metric, platform = TEMPLATES[spec.template]
        ref = f"{marker}-{spec.template}"
        goals.append({
            "id": ref, "title": title, "metric": metric, "platform": platform,
            "objective": "Q4 push" if spec.in_objective else "", "category": "awareness",
            "unit": "count", "baseline": figure(spec.baseline), "target": figure(spec.target),
            "start": "2026-10-01", "deadline": "2026-12-31", "owner": spec.owner,
            "channel": spec.channel, "why": f"{marker} reason",
        })  # fmt: skip
        checkins += [
            {"goal": ref, "value": figure(v), "at": day, "author": spec.owner, "note": marker}
            for v, day in zip(spec.values, CHECKIN_DAYS, strict=False)
        ]
    return json.dumps({"goals": goals, "checkins": checkins})


def load_workspaces(harness: BotHarness, specs: list[GoalSpec], b_first: bool) -> None:
    files = {
        TEAM_A: workspace_file(specs, "A-only", 1, 0),
        TEAM_B: workspace_file(specs, "B-only", 1_000_000, 3),
    }
    for team in (TEAM_B, TEAM_A) if b_first else (TEAM_A, TEAM_B):
        import_file(harness.services, team_id=team, text=files[team])


def goal_ids(harness: BotHarness, team: str) -> set[int]:
    with harness.services.session() as session:
        return {int(i) for i in session.exec(select(Goal.id).where(Goal.team_id == team))}


def checkin_count(harness: BotHarness, team: str) -> int:
    with harness.services.session() as session:
        query = select(func.count()).select_from(CheckIn).where(col(CheckIn.team_id) == team)
        return int(session.exec(query).one())


_FIGURE = re.compile(r"(?<![\w.])(\d[\d,]*(?:\.\d+)?)\s?([kKmMbB])?(?![\w])")
FIGURE_COLUMNS = ("baseline", "target", "value")
_SCALE = {"k": 1_000, "m": 1_000_000, "b": 1_000_000_000}


def figures_in(text: str) -> Iterator[Decimal]:
    """Every number a reader sees, with 41.2k read as 41200."""
    for digits, suffix in _FIGURE.findall(text):
        yield Decimal(digits.replace(",", "")) * _SCALE.get(suffix.lower(), 1)


def assert_nothing_of_b(surface: str, shown: Any, visible: str, b_ids: set[int]) -> None:
    """No B marker or external id anywhere, no B-sized figure in what a person reads,
    and no goal id of B in any button or file name. (A's `#N` may equal a number of B:
    numbers count per workspace.)"""
    raw = json.dumps(shown, default=str) if not isinstance(shown, str) else shown
    assert B_MARKER not in raw.casefold(), f"{surface} shows B's notes or ids: {raw[:500]}"
    big = [f for f in figures_in(visible) if f >= LEAK_FLOOR]
    assert not big, f"{surface} shows B's figures {big}: {visible[:500]}"
    named = {int(found) for found in re.findall(r"goal-(\d+)-", raw)}
    named |= set(goal_buttons(shown))
    assert not named & b_ids, f"{surface} names B's goals {named & b_ids}: {raw[:500]}"


def goal_buttons(shown: Any) -> Iterator[int]:
    """The goal numbers that buttons carry (paging buttons carry page numbers instead)."""
    if isinstance(shown, dict):
        value, action = str(shown.get("value", "")), str(shown.get("action_id", ""))
        if shown.get("type") == "button" and value.isdigit() and "page" not in action:
            yield int(value)
        shown = list(shown.values())
    if isinstance(shown, list | tuple):
        for item in shown:
            yield from goal_buttons(item)


def figures_of(rows: list[dict[str, str]]) -> str:
    """The figures of exported rows, one a line, for the same check as shown text."""
    return "\n".join(row.get(name) or "" for row in rows for name in FIGURE_COLUMNS)


def visible_text(blocks: list[dict[str, Any]], fallback: str = "") -> str:
    return blocks_to_text(blocks, fallback=fallback)[0]


def new_messages(harness: BotHarness, since: int) -> list[Any]:
    return harness.sandbox.messages[since:]


def read_every_surface_of_a(harness: BotHarness, b_ids: set[int]) -> None:
    services, driver = harness.services, harness.driver
    a_ids = goal_ids(harness, TEAM_A)

    for question in QUESTIONS:
        answer = answer_question(services, team_id=TEAM_A, user_id="U1", text=question)
        shown = {"blocks": answer_blocks(answer), "refs": answer.refs, "answer": repr(answer)}
        assert_nothing_of_b(f"question {question!r}", shown, answer_text(answer), b_ids)
        assert all(B_MARKER not in ref.casefold() for ref in answer.refs)
    for goal_id in sorted(b_ids):
        status = answer_goal_status(services, team_id=TEAM_A, user_id="U1", goal_id=goal_id)
        shown = {"blocks": answer_blocks(status), "answer": repr(status)}
        assert_nothing_of_b("a card by B's goal number", shown, answer_text(status), b_ids)

    digest = digest_message(build_digest(services, team_id=TEAM_A, channel_id="C1", now=NOW))
    assert_nothing_of_b("the digest", digest, visible_text(digest.blocks, digest.text), b_ids)
    replies = " ".join(visible_text(reply) for reply in digest.replies)
    assert_nothing_of_b("the digest's thread", digest.replies, replies, b_ids)

    home = home_blocks(home_view(services, team_id=TEAM_A, user_id="U1"))
    assert_nothing_of_b("App Home", home, visible_text(home), b_ids)

    for write in (write_json, write_csv):
        out = io.StringIO()
        write(export_records(services, team_id=TEAM_A), out)
        assert_nothing_of_b(f"the {write.__name__} export", out.getvalue(), "", b_ids)
    records = [fields for _section, fields in export_records(services, team_id=TEAM_A)]
    assert_nothing_of_b("the exported figures", records, figures_of(records), b_ids)

    since = len(harness.sandbox.messages)
    files_before = set(harness.sandbox.files)
    b_checkins = checkin_count(harness, TEAM_B)
    some_a = min(a_ids)
    for text in (
        "list",
        f"show #{some_a}",
        f"chart #{some_a}",
        "chart reach",
        "show reach",
        "export",
        "ask how are we doing on reach?",
        "checkin instagram followers 7007 A-only",
        "checkin reach 7014",
        *(f"show #{goal_id}" for goal_id in sorted(b_ids)),
        *(f"chart #{goal_id}" for goal_id in sorted(b_ids)),
        *(f"checkin #{goal_id} 7021" for goal_id in sorted(b_ids)),
    ):
        driver.command("U1", "/goals", text, channel="C1")
    question = driver.message("U1", "how are we doing on reach?")
    driver.open_home("U1")

    for message in new_messages(harness, since):
        shown = {"text": message.text, "blocks": message.blocks}
        assert_nothing_of_b(
            "a Slack message", shown, visible_text(message.blocks, message.text), b_ids
        )
    assert harness.dm("U1")[-1].ts > question.ts, "the DM question got no answer"
    for file_id in set(harness.sandbox.files) - files_before:
        upload = harness.sandbox.files[file_id]
        described = {k: v for k, v in upload.items() if k != "content"}
        assert_nothing_of_b(
            "an uploaded file", described, json.dumps(described, default=str), b_ids
        )
        if str(upload["name"]).endswith(".csv"):
            rows = list(csv.DictReader(io.StringIO(bytes(upload["content"]).decode("utf-8"))))
            assert_nothing_of_b("the /goals export CSV", rows, figures_of(rows), b_ids)
    home_view_shown = harness.sandbox.home_views["U1"]
    assert_nothing_of_b(
        "the published App Home",
        home_view_shown,
        visible_text(home_view_shown.get("blocks", [])),
        b_ids,
    )

    assert checkin_count(harness, TEAM_B) == b_checkins, "a check-in in A landed on B's goal"


def test_no_surface_of_one_workspace_shows_the_other(harness: BotHarness) -> None:
    @settings(max_examples=20, deadline=None)
    @given(data=datasets())
    def check(data: tuple[list[GoalSpec], bool]) -> None:
        empty_all_tables(harness.engine)
        specs, b_first = data
        load_workspaces(harness, specs, b_first)
        read_every_surface_of_a(harness, goal_ids(harness, TEAM_B))

    check()


def test_ask_on_the_command_line_answers_for_the_team_given(
    harness: BotHarness, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    specs = [GoalSpec(t, "U1", "C1", t % 2 == 0, 7_000, 14_000, (7_700, 9_100)) for t in range(4)]
    load_workspaces(harness, specs, b_first=True)
    b_ids = goal_ids(harness, TEAM_B)
    with harness.services.session() as session:
        a_goals = session.exec(select(Goal).where(Goal.team_id == TEAM_A))
        a_refs = {goal.external_id or str(goal.number) for goal in a_goals}
    monkeypatch.setenv("DATABASE_URL", harness.engine.url.render_as_string(hide_password=False))

    for question in QUESTIONS:
        argv = ["ask", question, "--team", TEAM_A, "--json", "--now", NOW.isoformat()]
        assert cli.main(argv) == 0
        printed = json.loads(capsys.readouterr().out)
        assert_nothing_of_b(f"`checkin-bot ask {question!r}`", printed, printed["text"], b_ids)
        assert set(printed["goals"]) <= a_refs
