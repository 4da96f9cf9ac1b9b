"""The goals the question table (`tests/question_cases.py`) is asked against, made the
ways people make them, each in its own workspace.

- keys: the import file as written by the export (catalogue keys: "video_views").
- names: the same goals in an import written by a person, with names ("Video views",
  "YouTube", "All channels") where the file had keys.

`bench/question_accuracy.py` prints the table's accuracy for each way; the service
tests require every case to hold for every way.
"""

from __future__ import annotations

import json
from pathlib import Path

from bot.core.kpis import PLATFORMS, catalogue
from bot.core.questions import Intent
from bot.services import Services
from bot.services.questions.answer import answer_question
from bot.services.transfer import import_file
from tests.question_cases import Case

DATASET = Path(__file__).parent / "data" / "questions_dataset.json"

WAYS = {"imported with keys": "T0SANDBOX", "imported with names": "T0NAMES"}
"""Each way of making the goals and the workspace that holds them."""


def dataset_text(way: str) -> str:
    """The import file for `way`."""
    text = DATASET.read_text(encoding="utf-8")
    if way == "imported with keys":
        return text
    metric_names = {entry.key.value: entry.name for entry in catalogue()}
    platform_names = {str(p.key): p.name for p in PLATFORMS}
    data = json.loads(text)
    for goal in data["goals"]:
        goal["metric"] = metric_names.get(goal["metric"], goal["metric"])
        goal["platform"] = platform_names.get(goal["platform"], goal["platform"])
    return json.dumps(data)


def load(services: Services, way: str) -> str:
    """Import the goals of `way` into its workspace; returns the workspace's team id."""
    team = WAYS[way]
    import_file(services, team_id=team, text=dataset_text(way))
    return team


def answered_about(services: Services, team: str, case: Case) -> tuple[str, frozenset[str]]:
    """What the bot made of `case`: the intent and the goals (objectives, for scores)."""
    answer = answer_question(services, team_id=team, user_id="U1", text=case.text)
    # Objectives are created from titles on import, so score answers are checked by title.
    about = (
        frozenset(o.title for o in answer.objectives)
        if answer.intent is Intent.SCORE
        else frozenset(answer.refs)
    )
    return answer.intent.value, about
