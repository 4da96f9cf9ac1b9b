"""The issue's property: a goal made by any path (the DM interview, the form, an import
written with names) is found by a question naming its metric, or its platform, in any
of the five languages, with the catalogue's own names for them."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import resources
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from bot.clock import FrozenClock
from bot.core.interview.form import FormAnswers
from bot.core.kpis import LANGUAGES, kpi
from bot.services.interview import Interviewee, answer, submit_form
from bot.services.questions.answer import answer_question
from bot.services.questions.assess import goal_ref
from storage import repo
from storage.models import Goal
from tests.harness import make_services
from tests.question_data import load

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
TZ = "Europe/Bucharest"
FORM_TEAM = "T0FORM"

# (why, metric key, where, baseline, target) of goals made with the form.
_FORMS = (
    ("more people should watch our videos", "video_views", "YouTube", "100", "200 a week"),
    ("more people should see us", "reach", "tiktok", "100", "200 a month"),
    ("grow our audience", "followers", "insta", "100", "200"),
    ("more newsletter sign ups", "sign_ups", "website", "100", "200 in total"),
    ("answer customers faster", "response_time", "all channels", "4h", "1h"),
)

# How people ask about a metric / about a platform's goals, per language.
ABOUT_METRIC = {
    "en": "how are we doing on {}?",
    "fa": "{} چطوره؟",
    "ro": "cum stăm cu {}?",
    "tr": "{} nasıl?",
    "vi": "{} thế nào?",
}
ABOUT_PLATFORM = {
    "en": "show {} goals",
    "fa": "لیست اهداف {}",
    "ro": "arată obiectivele de pe {}",
    "tr": "{} hedeflerini göster",
    "vi": "liệt kê mục tiêu trên {}",
}


def _made_by_form(services: Any) -> None:
    who = Interviewee(FORM_TEAM, "U1", TZ)
    for why, metric, where, baseline, target in _FORMS:
        form = FormAnswers(why=why, category="awareness", where=where, metric=metric,
                           baseline=baseline, target=target, deadline="2026-12-31")  # fmt: skip
        assert submit_form(services, who, answers=form, channel_id="D1").view is not None
        answer(services, who, "save", timezone_of=lambda _user: TZ)


@pytest.fixture
def made(db: Engine) -> Iterator[tuple[Any, list[Goal]]]:
    """Goals made each way, once for all the examples: the questions only read them."""
    services = make_services(db, FrozenClock(NOW), DEFAULT_TIMEZONE=TZ)
    teams = [load(services, "imported with names"), load(services, "made by the interview")]
    _made_by_form(services)
    with services.session() as session:
        goals = [
            g
            for team in (*teams, FORM_TEAM)
            for g in repo.list_goals(session=session, team_id=team)
            if g.kind != "objective"
        ]
        session.expunge_all()
    yield services, goals


def metric_names(key: str, language: str) -> list[str]:
    entry = kpi(key)
    return [*([entry.name] if language == "en" else []), *entry.synonyms.get(language, ())]


@functools.cache
def platform_names(key: str) -> list[str]:
    """The platform's name and its aliases in every language (platforms.yml)."""
    text = resources.files("bot.core").joinpath("data/platforms.yml").read_text(encoding="utf-8")
    [entry] = [e for e in yaml.safe_load(text)["platforms"] if e["key"] == key]
    return [entry["name"], *entry["aliases"]]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(data=st.data(), language=st.sampled_from(LANGUAGES), by_metric=st.booleans())
def test_a_goal_made_any_way_is_found_by_its_metric_or_platform_in_any_language(
    made: tuple[Any, list[Goal]], data: st.DataObject, language: str, by_metric: bool
) -> None:
    services, goals = made
    goal = data.draw(st.sampled_from([g for g in goals if by_metric or g.platform]))
    if by_metric:
        names = metric_names(str(goal.metric), language)
        text = ABOUT_METRIC[language].format(data.draw(st.sampled_from(names)))
    else:
        name = data.draw(st.sampled_from(platform_names(str(goal.platform))))
        text = ABOUT_PLATFORM[language].format(name)

    said = answer_question(services, team_id=goal.team_id, user_id="U1", text=text)

    assert goal_ref(goal) in said.refs, (text, said.intent, said.said, said.refs)
