"""A question about the goals typed in the middle of a goal interview, in each language.

Each person has saved one goal the way people do (a sentence in their language and the
Save button), starts a second, and at the metric step asks about their goals. The bot
answers as it answers that question in a DM, then asks the metric again, and the
interview is as it was. An answer that only names a metric ("followers on instagram",
even with a question mark) is still the step's answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session, select

from bot.core.interview.words import ACCEPT, CANCEL
from bot.core.wording import normalise
from bot.i18n.bidi import without_isolates
from bot.i18n.catalogue import translator
from bot.render.interview import QUESTION_NOTE
from storage.models import InterviewState
from tests.harness import BotHarness
from tests.scenarios.hostile import Watch, fuzz_settings
from tests.scenarios.test_interview_flow import PIZZERIA, goals, shown
from tests.scenarios.test_interview_languages import PEOPLE


@dataclass(frozen=True)
class Person:
    lang: str
    start: str  # the words that start a goal
    sentence: str  # a whole goal in one sentence (the first, saved goal)
    save: str  # the Save button's label
    why: str  # the second goal's why, which leaves the metric step to ask
    back: str  # a phrase of "I took that as a question… Back to your goal:"


PERSONS = [
    Person("en", "new goal", "grow our Instagram followers from 400 to 480 by 31 Dec", "Save",
           "we want more people to see our Instagram", "Back to your goal"),
    *(Person(p.lang, p.start, p.sentence, p.save, why, back) for p, why, back in zip(PEOPLE, [
        "می‌خواهیم آگاهی از برند در اینستاگرام بیشتر شود",
        "vrem ca mai mulți oameni să ne vadă pe Instagram",
        "Instagramda daha çok kişiye ulaşmak istiyoruz",
        "chúng tôi muốn nhiều người biết đến Instagram của mình hơn",
    ], ["برگردیم سراغ هدفتان", "Înapoi la obiectivul tău", "Hedefinize dönelim",
        "Quay lại mục tiêu của bạn"], strict=True)),
]  # fmt: skip
BY_LANG = {person.lang: person for person in PERSONS}

QUESTIONS = [
    ("en", "which goals are at risk?"),
    ("en", "how are we doing on followers?"),
    ("fa", "فالوور اینستاگرام چطوره؟"),
    ("fa", "کدام اهداف در خطرند؟"),
    ("ro", "cum stăm cu urmăritorii pe instagram?"),
    ("ro", "care obiective sunt în pericol?"),
    ("tr", "riskteki hedefler hangileri?"),
    ("tr", "instagram takipçi nasıl?"),
    ("vi", "người theo dõi instagram thế nào?"),
    ("vi", "mục tiêu nào đang có nguy cơ?"),
]

ANSWERS = [
    ("en", "reach"),
    ("en", "followers on instagram"),
    ("en", "reach 40k by March?"),
    ("en", "how many sign-ups?"),
    ("fa", "فالوور اینستاگرام؟"),
    ("ro", "urmăritori pe instagram?"),
    ("tr", "takipçi"),
    ("tr", "erişim?"),
    ("vi", "người theo dõi trên instagram?"),
]


def text_of(message: object) -> str:
    return without_isolates(shown(message))


def stored(harness: BotHarness) -> tuple[str, dict[str, Any], object] | None:
    """The interview in progress as the database holds it: step, data, expiry."""
    with Session(harness.engine) as session:
        state = session.exec(select(InterviewState)).first()
        return None if state is None else (state.step, dict(state.data), state.expires_at)


def at_the_metric_step(harness: BotHarness, person: Person) -> None:
    """One goal saved from a sentence; a second interview waiting for its metric."""
    harness.driver.command("U1", "/goals", f"language {person.lang}")
    harness.driver.message("U1", person.start)
    harness.driver.message("U1", person.sentence)
    harness.driver.click("U1", harness.dm("U1")[-1], person.save)
    assert len(goals(harness.engine)) == 1
    harness.driver.message("U1", person.start)
    harness.driver.message("U1", person.why)
    state = stored(harness)
    assert state is not None and state[0] == "metric", state


@pytest.mark.parametrize(("lang", "question"), QUESTIONS, ids=[q for _, q in QUESTIONS])
def test_a_question_mid_interview_is_answered_and_the_step_asked_again(
    harness: BotHarness, lang: str, question: str
) -> None:
    person = BY_LANG[lang]
    at_the_metric_step(harness, person)
    metric_question = without_isolates(harness.dm("U1")[-1].text)
    before = stored(harness)
    shown_before = len(harness.dm("U1"))

    harness.driver.message("U1", question)

    answer, again = harness.dm("U1")[shown_before:]
    assert stored(harness) == before
    assert person.back in text_of(again)
    assert without_isolates(again.text).endswith(metric_question)
    # The answer is the one the same question gets in a DM without an interview.
    harness.driver.message("U1", "cancel")
    assert stored(harness) is None
    harness.driver.message("U1", question)
    assert text_of(harness.dm("U1")[-1]) == text_of(answer)
    assert len(goals(harness.engine)) == 1


@pytest.mark.parametrize(("lang", "said"), ANSWERS, ids=[a for _, a in ANSWERS])
def test_an_answer_naming_a_metric_is_taken_as_the_answer(
    harness: BotHarness, lang: str, said: str
) -> None:
    person = BY_LANG[lang]
    at_the_metric_step(harness, person)
    shown_before = len(harness.dm("U1"))

    harness.driver.message("U1", said)

    [next_question] = harness.dm("U1")[shown_before:]
    assert person.back not in text_of(next_question)
    state = stored(harness)
    assert state is not None and state[0] != "metric" and state[1]["measures"][0]["metric_name"]


def test_a_question_at_the_why_step_leaves_the_interview_at_its_start(
    harness: BotHarness,
) -> None:
    harness.driver.message("U1", "new goal")
    before = stored(harness)

    harness.driver.message("U1", "how are we doing on reach?")

    assert stored(harness) == before
    assert "Back to your goal" in text_of(harness.dm("U1")[-1])
    assert "*Why* does the team want this goal?" in text_of(harness.dm("U1")[-1])


BACK_NOTES = tuple(without_isolates(translator(lang)._(QUESTION_NOTE)) for lang in ("en", *BY_LANG))
_CONTROL = CANCEL | ACCEPT | {"new goal", "new okr"}
free_text = st.one_of(
    st.sampled_from([q for _, q in QUESTIONS] + [a for _, a in ANSWERS]),
    st.text(min_size=1, max_size=40),
    st.lists(st.sampled_from(["which", "how", "hangi", "nasıl", "care", "چطوره", "nào", "?",
                              "goals", "reach", "40k", "at risk", "by March", "instagram", "؟"]),
             min_size=1, max_size=6).map(" ".join),
).filter(lambda text: text.strip() and normalise(text) not in _CONTROL)  # fmt: skip


def test_free_text_at_any_step_never_loses_the_interview(harness: BotHarness) -> None:
    """Whatever is typed at whichever step, the bot answers and the interview is still there;
    where it took the text as a question, the interview is exactly as it was."""

    @fuzz_settings(40)
    @given(answered=st.integers(0, len(PIZZERIA)), text=free_text)
    def run(answered: int, text: str) -> None:
        harness.driver.message("U1", "cancel")
        for answer in ("new goal", *PIZZERIA[:answered]):
            harness.driver.message("U1", answer)
        before = stored(harness)
        watch = Watch(harness)

        harness.driver.message("U1", text)

        watch.check(answered="U1")
        after = stored(harness)
        assert after is not None, (text, before)
        if text_of(harness.dm("U1")[-1]).startswith(BACK_NOTES):
            assert after == before

    run()


def test_a_question_in_a_team_goals_thread_is_answered_in_that_thread(
    harness: BotHarness,
) -> None:
    mention = harness.driver.mention("U1", "new team goal", channel="C1")
    harness.driver.message("U1", PIZZERIA[0], channel="C1", thread_ts=mention.ts)
    before = stored(harness)

    harness.driver.message("U1", "which goals are at risk?", channel="C1", thread_ts=mention.ts)

    *_, answer, again = harness.sandbox.thread("C1", mention.ts)
    assert "at risk" in text_of(answer)
    assert "Back to your goal" in text_of(again) and "*metric*" in text_of(again)
    assert stored(harness) == before
    assert harness.sandbox.channel_messages(harness.sandbox.im_channel("U1")) == []
