"""The goals the question table (`tests/question_cases.py`) is asked against, made the
ways people make them, each in its own workspace.

- keys: the import file as written by the export (catalogue keys: "video_views").
- names: the same goals in an import written by a person, with names ("Video views",
  "YouTube", "All channels") where the file had keys.
- interview: each goal told to the goal interview by its owner, answer by answer, as
  in a DM (so titles are the interview's, "Sign-ups to 500 on Website by 31 Dec 2026").
  What an interview cannot say is then set as the dataset has it: the start, a deadline
  already past, the objective a goal belongs to, and the dataset's id (so answers can
  be compared by it); the check-ins are imported.

`bench/question_accuracy.py` prints the table's accuracy for each way; the service
tests require every case to hold for every way.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.core.dates import end_of_day
from bot.core.interview.state import Step
from bot.core.kpis import PLATFORMS, catalogue
from bot.core.questions import Intent
from bot.core.values import GoalKind
from bot.services import Services
from bot.services.interview import Interviewee, InterviewPlace, answer, begin
from bot.services.questions.answer import answer_question
from bot.services.transfer import import_file
from storage import repo
from storage.schemas import GoalCreate
from tests.question_cases import Case

DATASET = Path(__file__).parent / "data" / "questions_dataset.json"
OBJECTIVE = GoalKind.OBJECTIVE
SAVE = "save"  # the review's Save button
_MAX_STEPS = 20

WAYS = {
    "imported with keys": "T0SANDBOX",
    "imported with names": "T0NAMES",
    "made by the interview": "T0INTERVIEW",
}
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
    """Make the goals of `way` in its workspace; returns the workspace's team id."""
    team = WAYS[way]
    if way == "made by the interview":
        _interview_all(services, team)
    else:
        import_file(services, team_id=team, text=dataset_text(way))
    return team


# Each dataset goal as its owner (the dataset's) answers the interview, step by step.
_TOLD: dict[str, dict[str, str]] = {
    "reach-ig": {"why": "more people should see our Instagram", "metric": "reach",
                 "baseline": "30000", "target": "60000"},
    "followers-ig": {"why": "grow our Instagram audience", "category": "awareness",
                     "metric": "followers", "baseline": "10000", "target": "12000"},
    "views-yt": {"why": "more people should watch our YouTube videos", "category": "awareness",
                 "metric": "video views", "baseline": "20000", "target": "100000"},
    "eng-ig": {"why": "build an engaged community of fans on Instagram",
               "metric": "engagement rate", "baseline": "2.5", "target": "4",
               "deadline": "31 March 2027"},
    "reach-tt": {"why": "more people should see us on TikTok", "category": "awareness",
                 "metric": "reach", "baseline": "50000", "target": "200000",
                 "deadline": "30 November 2026"},
    "resp-time": {"why": "answer customers faster", "where": "all channels",
                  "metric": "response time", "baseline": "4 hours", "target": "1 hour",
                  "deadline": "31 January 2027"},
    "revenue": {"why": "sell more pizzas online", "metric": "sales revenue",
                "baseline": "don't know yet", "target": "5000 EUR", "deadline": "20 December 2026"},
    "signups": {"why": "more newsletter sign ups", "where": "website", "metric": "sign-ups",
                "baseline": "100", "target": "500"},
}  # fmt: skip
_ALWAYS = {"deadline": "31 December 2026", "owner": "me", "more": "no", "period": "in total"}


def _interview_all(services: Services, team: str) -> None:
    zone = services.settings.DEFAULT_TIMEZONE
    data = json.loads(DATASET.read_text(encoding="utf-8"))
    for row in data["goals"]:
        who = Interviewee(team, row["owner"], zone)
        goal_id = _interview(services, who, {**_ALWAYS, **_TOLD[row["id"]]})
        _as_in_dataset(services, team, goal_id, row)
    import_file(
        services, team_id=team, text=json.dumps({"goals": [], "checkins": data["checkins"]})
    )


def _interview(services: Services, who: Interviewee, told: dict[str, str]) -> int:
    """One whole interview; steps not in `told` are skipped. Returns the goal's id."""
    view = begin(services, who, InterviewPlace("D1"))
    text: str | None = told["why"]
    token = None
    for _ in range(_MAX_STEPS):
        view = answer(services, who, text or "skip", timezone_of=lambda _u: who.tz, token=token)
        if view is not None and view.saved is not None:
            return view.saved.goal_id
        assert view is not None and view.prompt is not None, view
        step = view.prompt.step
        text, token = (SAVE, view.token) if step is Step.REVIEW else (told.get(step.value), None)
    raise AssertionError(f"the interview of {told['why']!r} did not end")


def _objective(services: Services, team: str, title: str) -> int:
    """The id of the objective titled `title`, made on first use."""
    with services.session() as session:
        for objective in repo.list_goals(session=session, team_id=team, kinds=[OBJECTIVE]):
            if objective.title == title:
                return objective.id or 0
        made = GoalCreate(title=title, kind=OBJECTIVE)
        return (
            repo.create_goal(session=session, team_id=team, now=services.now(), goal=made).id or 0
        )


def _as_in_dataset(services: Services, team: str, goal_id: int, row: dict[str, str]) -> None:
    """Set what an interview cannot say: id, start, a past deadline, the objective."""
    zone = ZoneInfo(services.settings.DEFAULT_TIMEZONE)
    with services.session() as session:
        goal = repo.get_goal(session=session, team_id=team, goal_id=goal_id)
        assert goal is not None
        goal.external_id = row["id"]
        goal.start_at = datetime.combine(date.fromisoformat(row["start"]), time(), zone)
        goal.deadline = end_of_day(date.fromisoformat(row["deadline"]), zone)
        if row["objective"]:
            objective = _objective(services, team, row["objective"])
            goal.kind, goal.objective_id = GoalKind.KEY_RESULT, objective


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
