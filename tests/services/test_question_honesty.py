""" "No goal tracks X" is said only when it is true: whatever goals an import made (with
names, as people write it) and however a question names a metric and a platform, in
any of the five languages, the metrics listed as tracked never include what was asked."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine

from bot.clock import FrozenClock
from bot.core.kpis import PLATFORMS, catalogue, kpi
from bot.render.answers import answer_text
from bot.services.questions.answer import Said, answer_question
from bot.services.transfer import import_file
from tests.harness import empty_all_tables, make_services

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
TEAM = "T0HONEST"
METRICS = [entry for entry in catalogue() if entry.key.value != "custom"]
PLACES = [p for p in PLATFORMS if p.key != "all"]
ASKING = {
    "en": "how are we doing on {metric}{on}?",
    "fa": "{metric} {platform} چطوره؟",
    "ro": "cum stăm cu {metric}{on}?",
    "tr": "{platform} {metric} nasıl?",
    "vi": "{metric} {platform} thế nào?",
}


@st.composite
def goals(draw: st.DrawFn) -> list[dict[str, str]]:
    made = draw(st.lists(st.tuples(st.sampled_from(METRICS), st.sampled_from(PLACES)), max_size=4))
    return [
        {"id": f"g{i}", "title": f"Goal {i}", "metric": entry.name, "platform": place.name,
         "unit": entry.unit.value if entry.unit.value != "currency" else "currency:EUR",
         "baseline": "10", "target": "20", "start": "2026-10-01", "deadline": "2027-03-31"}
        for i, (entry, place) in enumerate(made)
    ]  # fmt: skip


@st.composite
def questions(draw: st.DrawFn) -> str:
    language = draw(st.sampled_from(sorted(ASKING)))
    entry = draw(st.sampled_from(METRICS))
    metric = draw(st.sampled_from([entry.name, *entry.synonyms.get(language, ())]))
    place = draw(st.none() | st.sampled_from(PLACES))
    platform = place.name if place else ""
    return ASKING[language].format(
        metric=metric, platform=platform, on=f" pe {platform}" if place else ""
    )


def test_no_goal_tracks_x_never_lists_x_as_tracked(db: Engine) -> None:
    services = make_services(db, FrozenClock(NOW), DEFAULT_TIMEZONE="UTC")

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(goals(), questions())
    def check(made: list[dict[str, str]], text: str) -> None:
        empty_all_tables(db)
        import_file(services, team_id=TEAM, text=json.dumps({"goals": made, "checkins": []}))

        answer = answer_question(services, team_id=TEAM, user_id="U1", text=text)

        if answer.said is not Said.UNTRACKED:
            return
        assert answer.question is not None
        listed = answer_text(answer).split("Goals here track: ", 1)[1]
        names = {p.key: p.name for p in PLATFORMS}
        for key in answer.question.metrics:
            asked = kpi(key).name
            if answer.question.platform:
                asked += f" on {names[answer.question.platform]}"
            assert asked not in [item.strip(" .") for item in listed.split(", ")], text

    check()
