"""The tree keeps its shape: small modules, SQL only in storage/, Slack only at the edge.

These are the layout rules a newcomer relies on to know where a thing lives and what it
may touch; each failure names the file that broke the rule.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 400


def modules(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in modules("bot", "storage")
        if "migrations" not in p.parts
        and (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


@pytest.mark.parametrize("folder", ["bot/core", "bot/services"])
def test_the_core_and_the_services_know_nothing_of_slack(folder: str) -> None:
    slack = {
        str(p.relative_to(ROOT)): sorted(
            n for n in imported_names(p) if n.split(".")[0] in {"slack_sdk", "slack_bolt"}
        )
        for p in modules(folder)
    }
    assert {path: names for path, names in slack.items() if names} == {}


def test_sql_is_written_only_in_storage() -> None:
    query = re.compile(r"\bselect\(|\bsession\.(get|exec|execute)\(")
    outside = [
        f"{p.relative_to(ROOT)}:{number}"
        for p in modules("bot")
        for number, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if query.search(line) and not line.lstrip().startswith("#")
    ]
    assert outside == []
