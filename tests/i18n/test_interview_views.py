"""Every view of the goal interview, rendered in the pseudo-locale, shows no English word.

The interview is spoken in the language it carries (`Interview.lang`), looked up with
`translator`; here every lookup answers with PSEUDO, so an English word left in a
question, an echo, a problem, a button, the SMART review, the saved card, a note or the
form is a message nobody marked for translation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

import bot.core.interview.state as interview_state
import bot.render.interview as render
from bot.core import smart
from bot.core.interview import Interview, Prompt, Step, start, step
from bot.core.interview.questions import QUESTIONS
from bot.core.kpis import catalogue
from bot.i18n.catalogue import translator
from bot.render.interview import (
    INTERVIEW_BY_DM,
    interview_message,
    note_text,
    start_button,
    team_interview_opening,
    wish_blocks,
)
from bot.render.interview_form import form_view
from bot.services.interview import InterviewNote, InterviewView, Note
from bot.services.interview_saving import SavedGoal
from tests.i18n.pseudo import ENGLISH_WORD, PSEUDO, english_left_in, shown_texts

NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
TZ = ZoneInfo("Europe/Bucharest")
# Names that stay as they are in every language: platforms, and what the person typed
# (a custom metric's name and the why are typed in the pseudo-locale's letters here).
NAMES = {"Instagram", "TikTok", "Facebook", "LinkedIn", "YouTube", "Website", "KR"}
WHY = "ẇḗ ẇȧƞŧ ḿǿřḗ ƥḗǿƥŀḗ"
METRIC = "ƥīẑẑȧş şǿŀḓ"
SMART_ANSWERS = [WHY, "awareness", "Instagram", METRIC, "count", "higher", "400", "+300%",
                 "in 30 days", "<@U2>", "daily at 10:00", "<#C1>"]  # fmt: skip
"""A custom metric, so every question is asked; +300% in a month is not realistic."""


@pytest.fixture(autouse=True)
def pseudo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for module in (interview_state, smart, render):
        monkeypatch.setattr(module, "translator", lambda lang: PSEUDO)
    yield


# The KPI catalogue's names are data translated in bot/core/data/kpis.yml (each language's
# own words); PSEUDO speaks "English", so it shows their English names.
KPI_WORDS = {w for k in catalogue() for word in ENGLISH_WORD.findall(k.name) for w in
             (word, word.lower())}  # fmt: skip
# PSEUDO writes dates as English does ("22 Dec 2026", "Mon 23 Nov 2026"): values, not words.
DAY = re.compile(r"(?:[A-Z][a-z]{2} )?\d{1,2} [A-Z][a-z]{2} \d{4}")


# ... and a schedule's weekday as CLDR names it in English ("every Monday at 10:00").
WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}


def english(texts: list[str]) -> set[str]:
    return english_left_in([DAY.sub("", text) for text in texts]) - NAMES - KPI_WORDS - WEEKDAYS


def shown(prompt: Prompt, interview: Interview | None = None) -> list[str]:
    view = InterviewView("t", "D1", None, prompt=prompt, lang="en")
    text, blocks = interview_message(view)
    return [text, *shown_texts(blocks)]


def walk(answers: list[str], interview: Interview) -> Iterator[tuple[Interview, Prompt]]:
    state = interview
    for answer in answers:
        state, prompt = step(state, answer, now=NOW, tz=TZ)
        yield state, prompt


def fresh(*, okr: bool = False, here: str | None = None, team: bool = False) -> Interview:
    return replace(start("U1", okr=okr, here_channel=here, team=team), lang="en")


def test_every_question_echo_and_button_of_a_goal_is_translated() -> None:
    interview = replace(fresh(here="C9"), owner=None, cadence=None, channel_answered=False)
    seen: set[Step] = set()
    for state, prompt in walk(SMART_ANSWERS, interview):
        seen.add(prompt.step)
        assert english(shown(prompt)) == set(), prompt.step
        helped = step(state, "help", now=NOW, tz=TZ)[1]
        assert english(shown(helped)) == set(), f"help at {prompt.step}"
    assert {Step.UNIT, Step.DIRECTION, Step.OWNER, Step.CADENCE, Step.CHANNEL, Step.REVIEW} <= seen


def test_the_review_with_a_realistic_target_offered_is_translated() -> None:
    *_, (_state, review) = walk(SMART_ANSWERS[:9], fresh())
    assert review.step is Step.REVIEW
    assert any(choice.value.startswith("change target to") for choice in review.choices)
    assert english(shown(review)) == set()


def test_an_okr_and_its_key_results_are_translated() -> None:
    answers = [WHY, "awareness", "All channels", "ǿƀĵḗƈŧīṽḗ", "followers", "400", "480",
               "add", "reach", "1000", "5000", "a month", "done", "end of the quarter"]  # fmt: skip
    steps = set()
    for _state, prompt in walk(answers, fresh(okr=True)):
        steps.add(prompt.step)
        assert english(shown(prompt)) == set(), prompt.step
    assert {Step.OBJECTIVE, Step.PERIOD, Step.MORE, Step.REVIEW} <= steps


def test_problems_back_skip_and_cancel_are_translated() -> None:
    interview = fresh()
    answers = ["back", WHY, "skip", "awareness", "Instagram", "400", "followers", "abc", "400",
               "400", "200", "480", "yesterday", "in 30 days", "frobnicate",
               "change kr3 target to 5", "okr", "cancel"]  # fmt: skip
    for _state, prompt in walk(answers, interview):
        assert english(shown(prompt)) == set(), prompt.step


def test_a_team_goal_asks_for_its_channel_in_translation() -> None:
    interview = replace(fresh(here="C1", team=True), channel_answered=False, channel=None)
    state = replace(interview, step=Step.CHANNEL)
    question, _example, choices = QUESTIONS[Step.CHANNEL](state)
    assert english([question, *(c.label for c in choices)]) == set()
    assert english([team_interview_opening("U1", PSEUDO), PSEUDO._(INTERVIEW_BY_DM)]) == set()


def test_notes_saved_card_wish_and_buttons_are_translated() -> None:
    texts: list[str] = []
    for note in Note:
        view = InterviewView("t", "D1", None, note=InterviewNote(note, date(2026, 11, 20)),
                             lang="en", offer_form=True)  # fmt: skip
        text, blocks = interview_message(view)
        texts += [text, *shown_texts(blocks)]
    first = datetime(2026, 11, 23, 10, tzinfo=TZ)
    saved = SavedGoal(1, METRIC, ("ƚīƞḗ",), first)
    text, blocks = interview_message(InterviewView("t", "D1", None, saved=saved, lang="en"))
    texts += [text, *shown_texts(blocks)]
    texts += shown_texts(wish_blocks("I want more followers", PSEUDO)[:1])
    texts += shown_texts(wish_blocks("x", PSEUDO)[1]) + shown_texts(start_button(PSEUDO))
    assert english(texts) == set()


def test_the_form_is_translated() -> None:
    view = form_view("U1", PSEUDO)
    buttons = [view[key]["text"] for key in ("title", "submit", "close")]
    texts = [*shown_texts(view["blocks"]), *buttons]
    metric_menu = next(b for b in view["blocks"] if b.get("block_id") == "metric")
    assert metric_menu["element"]["options"]
    assert english(texts) == set()


def test_the_check_fails_on_english() -> None:
    """Without the pseudo-locale, the same views are full of English words."""
    text = note_text(InterviewNote(Note.RESUMED), translator("en"))
    assert {"goal", "interview"} <= english_left_in([text])
