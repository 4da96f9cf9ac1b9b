"""Goals made the ways people make them (the interview, the form, an import written with
names) store the same keys, so questions find them and show them alike."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlmodel import Session

from bot.clock import FrozenClock
from bot.core.interview.form import FormAnswers
from bot.render.answers import answer_text
from bot.services.interview import Interviewee, InterviewPlace, answer, begin, submit_form
from bot.services.questions.answer import answer_question
from bot.services.transfer import ImportRejected, import_file
from storage.models import Goal
from tests.harness import make_services

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
TZ = "Europe/Bucharest"


@pytest.fixture
def services(db: Engine) -> Any:
    return make_services(db, FrozenClock(NOW), DEFAULT_TIMEZONE=TZ)


def interview(services: Any, team: str, answers: list[str]) -> None:
    who = Interviewee(team, "U1", TZ)
    begin(services, who, InterviewPlace("D1"))
    for said in [*answers, "save"]:
        view = answer(services, who, said, timezone_of=lambda _user: TZ)
        assert view is not None and (view.prompt is None or not view.prompt.problem), said


def stored(db: Engine, team: str) -> list[tuple[Any, ...]]:
    with Session(db) as session:
        goals = session.scalars(select(Goal).where(Goal.team_id == team).order_by(Goal.id))
        return [(g.metric, g.metric_name, g.platform, g.category, g.unit, g.period) for g in goals]


def ask(services: Any, team: str, text: str) -> str:
    return answer_text(answer_question(services, team_id=team, user_id="U1", text=text))


YOUTUBE_INTERVIEW = ["we want more people to see our YouTube channel", "video views", "12000",
                     "50000 a month", "2026-12-31"]  # fmt: skip
YOUTUBE_IMPORT = {
    "title": "Video views to 50,000 a month on YouTube by 31 Dec 2026",
    "category": "brand awareness", "metric": "video views", "platform": "YouTube",
    "baseline": "12000", "target": "50000", "period": "a month",
    "deadline": "2026-12-31", "owner": "U1",
}  # fmt: skip


def test_an_import_written_with_names_stores_what_the_interview_stores(
    services: Any, db: Engine
) -> None:
    interview(services, "TINTERVIEW", YOUTUBE_INTERVIEW)
    import_file(services, team_id="TIMPORT", text=json.dumps({"goals": [YOUTUBE_IMPORT]}))

    made = stored(db, "TINTERVIEW")
    assert made == [("video_views", "Video views", "youtube", "awareness", "count", "monthly")]
    assert stored(db, "TIMPORT") == made


@pytest.mark.parametrize(
    "question", ["youtube views?", "how are we doing on video views?", "video views on yt"]
)
def test_an_imported_goal_answers_as_the_interview_made_one(services: Any, question: str) -> None:
    interview(services, "TINTERVIEW", YOUTUBE_INTERVIEW)
    import_file(services, team_id="TIMPORT", text=json.dumps({"goals": [YOUTUBE_IMPORT]}))

    said = ask(services, "TIMPORT", question)

    assert "No goal tracks" not in said
    assert "Video views to 50,000 a month on YouTube" in said
    # Goal numbers are still global (a workspace's own numbers are another change).
    number = re.compile(r"`\d+`")
    assert number.sub("#", said) == number.sub("#", ask(services, "TINTERVIEW", question))


def test_an_engagement_rate_written_as_a_name_is_found_by_its_name(services: Any) -> None:
    goal = {"title": "Engagement on Instagram", "metric": "engagement rate", "unit": "percent",
            "platform": "insta", "category": "community", "target": "4.5",
            "deadline": "2026-12-31"}  # fmt: skip
    import_file(services, team_id="T1", text=json.dumps([goal]))

    said = ask(services, "T1", "how are we doing on engagement rate?")

    assert "Engagement on Instagram" in said and "No goal tracks" not in said


def test_the_form_stores_what_the_interview_stores(services: Any, db: Engine) -> None:
    who = Interviewee("TFORM", "U1", TZ)
    form = FormAnswers(why="we want more people to see our YouTube channel", metric="video_views",
                       baseline="12000", target="50000 a month", deadline="2026-12-31")  # fmt: skip
    outcome = submit_form(services, who, answers=form, channel_id="D1")
    assert outcome.view is not None
    answer(services, who, "save", timezone_of=lambda _user: TZ)

    interview(services, "TINTERVIEW", YOUTUBE_INTERVIEW)
    assert stored(db, "TFORM") == stored(db, "TINTERVIEW")


@pytest.mark.parametrize(
    ("category", "key"),
    [
        ("customer service", "customer_service"),
        ("Customer service", "customer_service"),
        ("brand awareness", "awareness"),
        ("خدمات مشتری", "customer_service"),
        ("müşteri hizmetleri", "customer_service"),
        ("marka bilinirliği", "awareness"),
        ("dịch vụ khách hàng", "customer_service"),
        ("serviciu clienți", "customer_service"),
        ("conversions", "conversions"),
    ],
)
def test_a_category_is_imported_by_key_or_by_name_in_any_language(
    services: Any, db: Engine, category: str, key: str
) -> None:
    goal = {"title": "Answer faster", "category": category, "metric": "Response time",
            "target": "3600", "unit": "duration", "deadline": "2026-12-31"}  # fmt: skip
    import_file(services, team_id="T1", text=json.dumps({"goals": [goal]}))

    assert stored(db, "T1")[0][3] == key


def test_a_refused_category_lists_the_real_choices(services: Any) -> None:
    goal = {"title": "A", "category": "pizza", "target": "1", "deadline": "2026-12-31"}

    with pytest.raises(ImportRejected) as refused:
        import_file(services, team_id="T1", text=json.dumps({"goals": [goal]}))

    said = str(refused.value)
    assert "'pizza' is not one of awareness, reputation, community" in said
    assert "of ," not in said
