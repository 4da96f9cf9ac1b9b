"""Changes at the interview's review, and the schedule said back, in each language.

A person reviewing a goal changes one field as they would say it in their language
("hedefi 50 bin yap", "هدف را ۵۰ هزار کن"); the review's hint shows their language's own
example, and that example works. A schedule they type is said back in their words.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bot.core.interview import Interview, Prompt, Step, start, step
from bot.core.interview.edits import Edit, read_edit
from bot.i18n.bidi import without_isolates
from bot.i18n.catalogue import translator
from tests.harness import BotHarness
from tests.scenarios.test_interview_flow import shown

NOW = datetime(2026, 11, 22, 8, tzinfo=UTC)
TZ = ZoneInfo("UTC")
GOAL = "we want instagram followers from 400 to 480 by 31 december"
LANGS = ["fa", "ro", "tr", "vi"]

# (typed at the review, field, key result number, the value handed to that field's reader)
EDITS = {
    "en": [("change target to 50k", Step.TARGET, None, "50k"),
           ("target 50k", Step.TARGET, None, "50k"),
           ("deadline 31 Mar", Step.DEADLINE, None, "31 Mar"),
           ("change the deadline to in 6 weeks", Step.DEADLINE, None, "in 6 weeks"),
           ("change kr2 target to 50k", Step.TARGET, 2, "50k")],
    "tr": [("hedefi 50 bin yap", Step.TARGET, None, "50 bin"),
           ("hedef 50 bin", Step.TARGET, None, "50 bin"),
           ("son tarih 31 Mart", Step.DEADLINE, None, "31 Mart"),
           ("son tarihi 31 Mart olarak değiştir", Step.DEADLINE, None, "31 Mart"),
           ("KR2 hedefini 50 bin yap", Step.TARGET, 2, "50 bin"),
           ("sorumlu <@U2>", Step.OWNER, None, "<@U2>")],
    "ro": [("schimbă ținta la 50k", Step.TARGET, None, "50k"),
           ("ținta 50 mii", Step.TARGET, None, "50 mii"),
           ("termen 31 martie", Step.DEADLINE, None, "31 martie"),
           ("schimba tinta la 50k", Step.TARGET, None, "50k"),  # typed without diacritics
           ("schimbă ținta KR2 la 50k", Step.TARGET, 2, "50k"),
           ("canalul <#C1>", Step.CHANNEL, None, "<#C1>")],
    "vi": [("đổi mục tiêu thành 50 nghìn", Step.TARGET, None, "50 nghìn"),
           ("mục tiêu 50 nghìn", Step.TARGET, None, "50 nghìn"),
           ("hạn chót 31/3", Step.DEADLINE, None, "31/3"),
           ("đổi mục tiêu KR2 thành 50 nghìn", Step.TARGET, 2, "50 nghìn"),
           ("lịch mỗi thứ sáu lúc 9 giờ", Step.CADENCE, None, "mỗi thứ sáu lúc 9 giờ")],
    "fa": [("هدف را ۵۰ هزار کن", Step.TARGET, None, "۵۰ هزار"),
           ("هدف ۵۰ هزار", Step.TARGET, None, "۵۰ هزار"),
           ("مهلت ۲۹ اسفند", Step.DEADLINE, None, "۲۹ اسفند"),
           ("هدف KR۲ را به ۵۰ هزار برسان", Step.TARGET, 2, "۵۰ هزار"),
           ("زمان‌بندی را جمعه‌ها ساعت ۹ کن", Step.CADENCE, None, "جمعه‌ها ساعت ۹")],
}  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "field", "number", "value"),
    [edit for edits in EDITS.values() for edit in edits],
    ids=[f"{lang}:{edit[0]}" for lang, edits in EDITS.items() for edit in edits],
)
def test_a_change_is_read_as_people_say_it(
    typed: str, field: Step, number: int | None, value: str
) -> None:
    assert read_edit(typed) == Edit(field, number, value)


@pytest.mark.parametrize("typed", ["thanks", "looks great to me", "خیلی خوب است", "harika"])
def test_words_that_name_no_field_are_no_change(typed: str) -> None:
    assert read_edit(typed) is None


def review(lang: str) -> tuple[Interview, Prompt]:
    interview, prompt = step(replace(start("U1"), lang=lang), GOAL, now=NOW, tz=TZ)
    assert prompt.step is Step.REVIEW
    return interview, prompt


def answer(interview: Interview, text: str) -> tuple[Interview, Prompt]:
    return step(interview, text, now=NOW, tz=TZ)


@pytest.mark.parametrize("lang", ["en", *LANGS])
def test_each_languages_changes_reach_the_goal(lang: str) -> None:
    for typed, field, _, _ in EDITS[lang]:
        if field is not Step.TARGET or "2" in typed or "۲" in typed:
            continue
        changed, prompt = answer(review(lang)[0], typed)
        assert prompt.step is Step.REVIEW and prompt.problem is None, (typed, prompt)
        assert changed.measures[0].target == Decimal(50000), typed


@pytest.mark.parametrize(
    ("lang", "typed", "deadline"),
    [("tr", "son tarih 31 Mart", "31 Mar 2027"), ("ro", "termen 31 martie", "31 mar. 2027"),
     ("vi", "hạn chót 31/3", "31 thg 3, 2027"), ("fa", "مهلت ۲۹ اسفند", "۲۹ اسفند ۱۴۰۵")],
)  # fmt: skip
def test_a_deadline_changed_in_each_language(lang: str, typed: str, deadline: str) -> None:
    changed, prompt = answer(review(lang)[0], typed)
    assert changed.deadline is not None and changed.deadline.month == 3
    assert any(deadline in line for line in prompt.summary), prompt.summary


@pytest.mark.parametrize("lang", LANGS)
def test_the_hint_is_the_persons_own_example_and_it_works(lang: str) -> None:
    interview, _ = review(lang)
    _, puzzled = answer(interview, "qwerty")
    example = translator(lang)._("change target to 50k")
    assert puzzled.problem and puzzled.example == example and "change" not in example
    changed, prompt = answer(interview, example)
    assert prompt.problem is None and changed.measures[0].target == Decimal(50000)


@pytest.mark.parametrize("lang", LANGS)
def test_the_help_at_the_review_names_the_fields_in_the_persons_words(lang: str) -> None:
    _, helped = answer(review(lang)[0], "help")
    example = translator(lang)._("change target to 50k")
    assert helped.help and example in helped.help
    assert "baseline" not in helped.help and "change" not in helped.help


@pytest.mark.parametrize("lang", LANGS)
def test_a_key_results_example_changes_that_key_result(lang: str) -> None:
    okr, prompt = answer(review(lang)[0], "okr")
    while prompt.step is not Step.REVIEW:  # the objective, then no more key results
        okr, prompt = answer(okr, "done" if prompt.step is Step.MORE else "Be known in Cluj")
    changed, prompt = answer(okr, translator(lang)._("change kr1 target to 50k"))
    assert prompt.problem is None and changed.measures[0].target == Decimal(50000)


# (language, the schedule as typed, how the review says it back)
SCHEDULES = [
    ("tr", "her cuma saat 9", "her cuma saat 09:00"),
    ("ro", "în fiecare vineri la 9", "în fiecare vineri la 09:00"),
    ("vi", "mỗi thứ sáu lúc 9 giờ", "mỗi Thứ Sáu lúc 09:00"),
    ("fa", "جمعه‌ها ساعت ۹", "هر جمعه ساعت ۰۹:۰۰"),
]


@pytest.mark.parametrize(("lang", "typed", "said"), SCHEDULES)
def test_a_typed_schedule_is_said_back_in_the_persons_language(
    lang: str, typed: str, said: str
) -> None:
    interview, _ = review(lang)
    asked, prompt = answer(interview, "cadence")  # named without a value: asked again
    assert prompt.step is Step.CADENCE
    changed, prompt = answer(asked, typed)
    assert prompt.step is Step.REVIEW and changed.cadence is not None
    assert any(said in line for line in prompt.echo), prompt.echo
    assert any(said in line for line in prompt.summary), prompt.summary
    assert not any("every" in line or "Friday" in line for line in prompt.summary)


@pytest.mark.parametrize("lang", LANGS)
def test_the_default_schedule_is_said_the_same_way(lang: str) -> None:
    _, prompt = review(lang)
    monday = {"tr": "her pazartesi saat 10:00", "ro": "în fiecare luni la 10:00",
              "vi": "mỗi Thứ Hai lúc 10:00", "fa": "هر دوشنبه ساعت ۱۰:۰۰"}[lang]  # fmt: skip
    assert any(monday in line for line in prompt.summary), prompt.summary


def test_english_says_a_schedule_as_before() -> None:
    _, prompt = review("en")
    assert "*Check-ins:* every Monday at 10:00, in the owner's time zone" in prompt.summary


# Through the sandbox: the person's language chosen, a goal stated, one field changed.
START = {"tr": "yeni hedef", "ro": "obiectiv nou", "vi": "mục tiêu mới", "fa": "هدف جدید"}
SPOKEN = [
    ("tr", "Instagram takipçilerimizi 31 Aralık'a kadar 400'den 480'e çıkarmak istiyoruz",
     "hedefi 50 bin yap", "50.000", "her cuma saat 9", "her cuma saat 09:00"),
    ("ro", "vrem să creștem urmăritorii pe Instagram de la 400 la 480 până la 31 decembrie",
     "schimbă ținta la 50k", "50.000", "check-in-urile în fiecare vineri la 9",
     "în fiecare vineri la 09:00"),
    ("vi", "chúng tôi muốn tăng người theo dõi Instagram từ 400 lên 480 trước 31/12",
     "đổi mục tiêu thành 50 nghìn", "50.000", "lịch mỗi thứ sáu lúc 9 giờ",
     "mỗi Thứ Sáu lúc 09:00"),
    ("fa", "می‌خواهیم فالوورهای اینستاگرام را از ۴۰۰ به ۴۸۰ برسانیم تا ۲۹ اسفند",
     "هدف را ۵۰ هزار کن", "۵۰٬۰۰۰", "زمان‌بندی را جمعه‌ها ساعت ۹ کن", "هر جمعه ساعت ۰۹:۰۰"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "sentence", "edit", "target", "schedule", "said"), SPOKEN, ids=[s[0] for s in SPOKEN]
)
def test_changes_at_the_review_in_a_dm(
    harness: BotHarness, lang: str, sentence: str, edit: str, target: str, schedule: str, said: str
) -> None:
    harness.driver.command("U1", "/goals", f"language {lang}")
    harness.driver.message("U1", START[lang])
    harness.driver.message("U1", sentence)
    harness.driver.message("U1", edit)
    changed = without_isolates(shown(harness.dm("U1")[-1]))
    assert target in changed and "Target" not in changed, changed
    harness.driver.message("U1", schedule)
    rescheduled = without_isolates(shown(harness.dm("U1")[-1]))
    assert said in rescheduled and "every" not in rescheduled, rescheduled


@pytest.mark.parametrize(("lang", "typed", "said"), SCHEDULES)
def test_a_schedule_said_alone_at_the_review_changes_the_check_ins(
    lang: str, typed: str, said: str
) -> None:
    interview, _ = review(lang)
    changed, prompt = answer(interview, typed)
    assert changed.cadence == " ".join(typed.lower().split()) and changed.deadline == (
        interview.deadline
    )
    assert any(said in line for line in prompt.summary), prompt.summary


def test_a_weekday_alone_at_the_review_is_still_a_deadline() -> None:
    interview, _ = review("tr")
    changed, _ = answer(interview, "cuma")
    assert changed.cadence == interview.cadence and changed.deadline != interview.deadline
