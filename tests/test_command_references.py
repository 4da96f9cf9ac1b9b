"""Every `/goals` command the bot's words point people to exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.listeners.commands.goals import SUBCOMMANDS

ROOT = Path(__file__).parent.parent
# A command as the bot writes it: in code (`/goals new`) or opening a string ("/goals back").
NAMED = re.compile(r"""[`"“']/goals ([a-z]+)""")
SOURCES = [*sorted(ROOT.glob("bot/**/*.py")), ROOT / "README.md"]


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_goals_command_named_is_one_the_bot_has(source: Path) -> None:
    named = set(NAMED.findall(source.read_text(encoding="utf-8")))

    assert named <= set(SUBCOMMANDS), f"no such subcommand: {sorted(named - set(SUBCOMMANDS))}"


def test_the_scan_finds_the_commands_the_help_names() -> None:
    help_text = (ROOT / "bot" / "render" / "help.py").read_text(encoding="utf-8")

    assert {"new", "checkin", "away", "back", "export"} <= set(NAMED.findall(help_text))
