"""Answers, goal lists and goal cards rendered in the pseudo-locale show no English word,
and in a real language they show that language's words, digits and dates, with only the
stored figures."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from bot.clock import FrozenClock
from bot.core.kpis import PLATFORMS, catalogue
from bot.core.period import Period
from bot.core.questions import understand
from bot.core.trend import Change
from bot.core.values import Unit
from bot.i18n.bidi import without_isolates
from bot.i18n.catalogue import translator
from bot.render.answers import answer_blocks, answer_headline, answer_text
from bot.render.errors import not_in_channel_text, not_in_picked_channel, sorry_text
from bot.render.figures import IN_ANSWER, IN_DIGEST, change_since, okr_score_text
from bot.render.goals import (
    KEPT,
    NEEDS_TITLE,
    PICK_DEADLINE,
    archive_confirm_blocks,
    archived_text,
    list_blocks,
    not_found_text,
    saved_text,
    show_blocks,
)
from bot.render.refusals import refused_text
from bot.services.goal_admin import NotFound, get_goal, latest_checkins, list_goals
from bot.services.permissions import Refusal, Refused
from bot.services.questions.answer import EXAMPLES, answer_question
from bot.services.transfer import import_file
from tests.harness import make_services
from tests.i18n.pseudo import PSEUDO, english_left_in, shown_texts

DATASET = Path(__file__).parents[1] / "data" / "questions_dataset.json"
NOW = datetime(2026, 11, 22, 8, 0, tzinfo=UTC)
TEAM = "T0SANDBOX"
QUESTIONS = (
    "reach on instagram?",  # one goal's card
    "how's revenue",  # a card without check-ins
    "how is reach",  # several goals match: choose one
    "which goals are at risk?",
    "show my instagram reach goals",
    "show goals achieved",
    "who owns the followers goal?",
    "who owns instagram goals?",
    "how did reach change since last week?",
    "how did my goals change this month?",
    "what's due this month?",
    "what's due before christmas?",
    "what's the score of our Q4 objective?",
    "what are the OKR scores?",
    "score of the zzz objective",
    "how are we doing on podcast downloads?",
    "what can you answer?",
    "zzz qqq?",
)
# The pseudo-locale writes dates and durations as English does ("31 Dec", "1h 30 min"),
# a person's own words come back in quotation marks, and Slack's `/invite` is typed as is
# (a modal's plain-text error cannot mark it as code).
NOT_THE_BOTS = re.compile(r"\b\d{1,2} [A-Z][a-z]{2}( \d{4})?\b|\d\s?min\b|“[^”]*”|/invite\b")


@pytest.fixture
def services(db: Engine) -> Any:
    made = make_services(db, FrozenClock(NOW), DEFAULT_TIMEZONE="Europe/Bucharest")
    import_file(made, team_id=TEAM, text=DATASET.read_text(encoding="utf-8"))
    return made


def _names(services: Any) -> list[str]:
    """What the data names, not the bot: goal titles, the KPI catalogue's and platforms'."""
    rows = list_goals(services, team_id=TEAM)
    titles = [row.title for row in rows]
    whys = [get_goal(services, team_id=TEAM, goal_id=row.goal_id).why or "" for row in rows]
    metrics = [entry.name for entry in catalogue()]
    names = [*titles, *whys, *metrics, *(p.name for p in PLATFORMS)]
    return sorted((name for name in names if name), key=len, reverse=True)


def _bot_words(texts: list[str], names: list[str]) -> list[str]:
    cleaned = []
    for text in texts:
        for name in names:
            text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
        cleaned.append(NOT_THE_BOTS.sub(" ", text))
    return cleaned


def _answer(services: Any, text: str) -> Any:
    return answer_question(services, team_id=TEAM, user_id="U1", text=text)


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_answer_in_the_pseudo_locale_shows_no_english(services: Any, question: str) -> None:
    answer = _answer(services, question)
    texts = [answer_headline(answer, PSEUDO), *shown_texts(answer_blocks(answer, PSEUDO))]

    assert english_left_in(_bot_words(texts, _names(services))) == set()


def test_the_goal_list_and_a_goal_card_in_the_pseudo_locale_show_no_english(
    services: Any,
) -> None:
    rows = list_goals(services, team_id=TEAM)
    text, blocks = list_blocks(rows, PSEUDO)
    texts = [text, *shown_texts(blocks), not_found_text(NotFound("zzz"), PSEUDO)]
    for row in rows:
        goal = get_goal(services, team_id=TEAM, goal_id=row.goal_id)
        assert goal is not None
        latest = latest_checkins(services, team_id=TEAM, goal_id=row.goal_id)
        _, card = show_blocks(row, goal, latest, ZoneInfo("Europe/Bucharest"), PSEUDO)
        texts += shown_texts(card)
    texts += [refused_text(Refused(why), PSEUDO) for why in Refusal]
    confirm, blocks = archive_confirm_blocks(rows[0], PSEUDO)
    texts += [confirm, *shown_texts(blocks), archived_text("x", PSEUDO), saved_text("x", PSEUDO)]
    texts += [PSEUDO._(KEPT), PSEUDO._(NEEDS_TITLE), PSEUDO._(PICK_DEADLINE)]
    texts += [sorry_text(PSEUDO), not_in_channel_text("C1", PSEUDO), not_in_picked_channel(PSEUDO)]

    assert english_left_in(_bot_words(texts, _names(services))) == set()


def test_a_card_in_each_language_has_its_words_digits_and_dates(services: Any) -> None:
    answer = _answer(services, "reach on instagram?")
    shown = {
        lang: without_isolates(answer_text(answer, translator(lang)))
        for lang in ("fa", "ro", "tr", "vi")
    }

    # The stored figures only: 46,000 of 60,000, +2,000 since 15 Nov (was 44,000).
    assert "*۴۶٬۰۰۰* از ۶۰٬۰۰۰ تا ۱۰ دی ۱۴۰۵" in shown["fa"]
    assert "+۲٬۰۰۰ (+۴٫۵۵٪) از ۲۴ آبان ۱۴۰۵ (قبلاً ۴۴٬۰۰۰)" in shown["fa"]
    assert "وضعیت: *در مسیر*" in shown["fa"]
    assert "*46.000* din 60.000 până la 31 dec. 2026" in shown["ro"]
    assert "Stadiu: *pe drumul cel bun*" in shown["ro"]
    assert "Son check-in: dün" in shown["tr"] and "(önceki 44.000)" in shown["tr"]
    assert "*46.000* trên 60.000 trước 31 thg 12, 2026" in shown["vi"]
    for text in shown.values():
        assert "Expected by today" not in text and "46,000" not in text


def test_persian_answers_isolate_mentions_numbers_and_code(services: Any) -> None:
    listed = _answer(services, "show instagram goals")
    headline = answer_headline(listed, translator("fa"))
    card = shown_texts(answer_blocks(_answer(services, "reach on instagram?"), translator("fa")))

    assert headline.startswith("۳ هدف") and "\u2066Instagram\u2069" in headline
    assert any("\u2066<@U1>\u2069" in text for text in card)  # the card's context line
    assert any("\u2066`▓▓▓▓▓░░░░░ ۵۳٪`\u2069" in text for text in card)  # in its digits


@pytest.mark.parametrize("lang", ["fa", "ro", "tr", "vi"])
def test_each_help_example_is_understood_in_its_own_language(lang: str) -> None:
    tr = translator(lang)
    for intent, example in EXAMPLES:
        said = tr._(example)
        assert said != example or lang == "en"
        asked = understand(said, now=NOW, tz=ZoneInfo("UTC"))
        assert asked.intent is intent, (lang, said, asked)


def test_changes_read_in_each_language() -> None:
    moved = Change(NOW, Decimal(41000), NOW, Decimal(42000), Decimal(1000), Decimal("2.44"))
    written = {
        lang: without_isolates(
            change_since(moved, Unit.COUNT, None, Period.WEEKLY, IN_DIGEST, tr=translator(lang))
        )
        for lang in ("fa", "ro", "tr", "vi")
    }

    assert written == {
        "fa": "+۱\xa0هزار (+۲٫۴۴٪) نسبت به هفته‌ی پیش",
        "ro": "+1\xa0K (+2,44\xa0%) față de săptămâna trecută",
        "tr": "geçen haftadan beri +1\xa0B (+%2,44)",
        "vi": "+1\xa0N (+2,44%) so với tuần trước",
    }
    points = Change(NOW, Decimal("2.5"), NOW, Decimal("3"), Decimal("0.5"), None)
    assert change_since(points, Unit.PERCENT, None, NOW.date(), IN_ANSWER) == (
        "+0.5 points since 22 Nov 2026 (was 2.5%)"
    )
    assert okr_score_text(Decimal("0.65"), translator("tr")) == "OKR puanı 0,65 (başarılı)"
    assert okr_score_text(Decimal("0.65"), translator("fa")) == "امتیاز OKR ۰٫۶۵ (موفق)"


NOW_TZ = ZoneInfo("UTC")
FILTERS = [
    # (question, intent, metric, platform, status, period, mine)
    ("which of my goals are at risk?", "list", None, None, "at_risk", None, True),
    ("benim hedeflerim riskte mi?", "list", None, None, "at_risk", None, True),
    ("riskte olan hedeflerim hangileri?", "list", None, None, "at_risk", None, True),
    ("care obiective ale mele sunt în pericol?", "list", None, None, "at_risk", None, True),
    ("mục tiêu của tôi nào có nguy cơ?", "list", None, None, "at_risk", None, True),
    ("کدام هدف‌های مال من در خطر است؟", "list", None, None, "at_risk", None, True),
    ("هدف‌های من در خطرند؟", "list", None, None, "at_risk", None, True),
    ("what's off track?", "list", None, None, "off_track", None, False),
    ("hangi hedefler geride?", "list", None, None, "off_track", None, False),
    ("care obiective sunt în urmă?", "list", None, None, "off_track", None, False),
    ("mục tiêu nào chậm tiến độ?", "list", None, None, "off_track", None, False),
    ("کدوم هدف‌ها عقب افتاده‌اند؟", "list", None, None, "off_track", None, False),
    ("show my instagram goals", "list", None, "instagram", None, None, True),
    ("instagram hedeflerim", "list", None, "instagram", None, None, True),
    ("obiectivele mele de pe instagram", "list", None, "instagram", None, None, True),
    ("mục tiêu instagram của tôi", "list", None, "instagram", None, None, True),
    ("هدف‌های من در اینستاگرام", "list", None, "instagram", None, None, True),
    ("how are we doing on reach?", "status", "reach", None, None, None, False),
    ("erişim nasıl?", "status", "reach", None, None, None, False),
    ("acoperirea pe instagram?", "status", "reach", "instagram", None, None, False),
    ("tiếp cận instagram thế nào?", "status", "reach", "instagram", None, None, False),
    ("ریچ چطوره؟", "status", "reach", None, None, None, False),
    ("دسترسی اینستاگرام چطوره؟", "status", "reach", "instagram", None, None, False),
    ("how did reach change this month?", "change", "reach", None, None, "monthly", False),
    ("erişim geçen haftaya göre nasıl değişti?", "change", "reach", None, None, "weekly", False),
    ("cum a evoluat acoperirea luna asta?", "change", "reach", None, None, "monthly", False),
    (
        "tiếp cận thay đổi thế nào so với tuần trước?",
        "change",
        "reach",
        None,
        None,
        "weekly",
        False,
    ),
    ("ریچ نسبت به هفته پیش چقدر تغییر کرد؟", "change", "reach", None, None, "weekly", False),
    ("kimin takipçi hedefi var?", "owner", "followers", None, None, None, False),
    ("مسئول فالوور کیه؟", "owner", "followers", None, None, None, False),
]


@pytest.mark.parametrize("case", FILTERS, ids=[case[0] for case in FILTERS])
def test_questions_and_their_filters_are_read_in_five_languages(case: tuple[Any, ...]) -> None:
    text, intent, metric, platform, status, period, mine = case
    asked = understand(text, now=NOW, tz=NOW_TZ)

    read = (
        asked.intent.value,
        asked.metrics[0].value if asked.metrics else None,
        asked.platform,
        asked.status.value if asked.status else None,
        asked.period.value if asked.period else None,
        asked.mine,
    )
    assert read == (intent, metric, platform, status, period, mine)
