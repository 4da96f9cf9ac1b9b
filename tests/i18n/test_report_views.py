"""Digests and the App Home through the catalogues: nothing left in English under the
pseudo-locale, each language's dates and digits, and a Home Slack accepts in every language."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from slack_sdk.models.views import View

from bot.core.digest import compose_digest
from bot.core.digest_request import DigestFilters
from bot.core.period import Period
from bot.core.values import GoalState
from bot.i18n.bidi import without_isolates
from bot.i18n.catalogue import Translator, translator
from bot.render.digest import digest_message, digest_title, headline
from bot.render.digest_subscriptions import (
    PICK_CHANNEL,
    SAY_WHEN,
    START_HINT,
    describe_subscription,
    digest_stopped_text,
    no_subscription_text,
    subscribe_modal,
    subscribed_text,
    unsubscribed_text,
)
from bot.render.home import home_blocks
from bot.services.digests import DigestView, SubscriptionView
from bot.services.goal_admin import GoalRow
from bot.services.home import HomeView
from tests.digest_data import NOW, TEAM_GOALS, tracked
from tests.i18n.pseudo import PSEUDO, english_left_in, shown_texts

GOALS = tuple(tracked())
TITLES = [spec.title for spec in TEAM_GOALS] + ["Grow the brand"]  # typed by people


def digest_view(
    *, period: Period = Period.WEEKLY, goals: bool = True, filters: DigestFilters | None = None
) -> DigestView:
    chosen = GOALS if goals else ()
    return DigestView(
        team_id="T1",
        channel_id="C1",
        filters=filters or DigestFilters(),
        timezone="Europe/Bucharest",
        digest=compose_digest(chosen, period=period, now=NOW),
        goals=chosen,
        objectives=(("Grow the brand", None),),
    )


# What bot.i18n.formats writes per language (dates, units: tested there), the time zone's
# name and a platform's.
NOT_WRITTEN_HERE = re.compile(r"\b\d+ [A-Z][a-z]{2}\b|\d+ min\b|Europe/Bucharest|(?i:instagram)")


def written(texts: list[str]) -> list[str]:
    """The texts without what stays as typed: goals' titles, dates and the zone's name."""
    plain = [without_isolates(text) for text in texts]
    for title in TITLES:
        plain = [text.replace(title, " ") for text in plain]
    return [NOT_WRITTEN_HERE.sub(" ", text) for text in plain]


def pseudo_digest(view: DigestView) -> list[str]:
    """Everything a digest shows (main message, thread, chart text) under the pseudo-locale."""
    message = digest_message(view, late=True, tr=PSEUDO)
    replies = [text for reply in message.replies for text in shown_texts(reply)]
    return [
        message.text,
        message.chart_alt_text,
        message.details_text,
        *shown_texts(message.blocks),
        *replies,
    ]


VIEWS = {
    "weekly": digest_view(),
    "monthly": digest_view(period=Period.MONTHLY),
    "empty": digest_view(goals=False),
    "filtered": digest_view(filters=DigestFilters(None, "instagram", "U2")),
}


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_the_pseudo_locale_leaves_no_english_in_a_digest(name: str) -> None:
    assert english_left_in(written(pseudo_digest(VIEWS[name]))) == set()


def test_the_check_sees_english_in_an_english_digest() -> None:
    message = digest_message(VIEWS["weekly"], late=True)
    left = english_left_in(written(shown_texts(message.blocks)))
    assert {"Wins", "track", "week"} <= left


@pytest.mark.parametrize(
    ("lang", "title", "counted"),
    [
        ("en", "Weekly digest · 16–23 Nov 2026", "2 on track"),
        ("fa", "خلاصهٔ هفتگی · ۲۵ آبان–۲ آذر ۱۴۰۵", "۲ طبق برنامه"),
        ("ro", "Rezumat săptămânal · 16 nov.–23 nov. 2026", "2 pe drumul cel bun"),
        ("tr", "Haftalık özet · 16 Kas–23 Kas 2026", "2 yolunda"),
        ("vi", "Bản tin tuần · 16 thg 11–23 thg 11, 2026", "2 đúng tiến độ"),
    ],
)
def test_a_digest_title_and_headline_in_each_language(lang: str, title: str, counted: str) -> None:
    tr = translator(lang)
    view = VIEWS["weekly"]
    assert digest_title(view, tr) == title
    assert headline(view.digest, tr).startswith(counted)


def test_a_persian_digest_is_right_to_left_with_persian_figures() -> None:
    message = digest_message(replace(VIEWS["weekly"], language="fa"))
    shown = "\n".join(shown_texts(message.blocks))
    assert "\u2066<@U2>\u2069" in shown  # the mention isolated inside the Persian sentence
    plain = without_isolates(shown)
    assert "+۳\xa0هزار (+۶٫۸۲٪) از هفتهٔ پیش" in plain
    assert "عقب از برنامه (۱۱٪ انجام شده، طبق برنامه ۳۷٪)" in plain


def home_view(*, paused: bool = False, pages: int = 3) -> HomeView:
    due = GoalRow(
        goal_id=7,
        number=3,
        title="Grow the brand",
        owner_id="U1",
        state=GoalState.ACTIVE,
        line=None,
    )
    return HomeView(
        user_id="U1",
        mine=(),
        mine_total=0,
        due=(due,),
        team=(),
        team_total=0,
        page=1,
        pages=pages,
        reminders_paused=paused,
        digest_channels=("C1", "C2"),
    )


@pytest.mark.parametrize("paused", [False, True])
def test_the_pseudo_locale_leaves_no_english_on_the_home(paused: bool) -> None:
    texts = shown_texts(home_blocks(home_view(paused=paused), PSEUDO))
    assert english_left_in(written(texts)) == set()


@pytest.mark.parametrize("lang", ["en", "fa", "ro", "tr", "vi"])
def test_the_home_is_a_valid_home_tab_in_every_language(lang: str) -> None:
    blocks = home_blocks(home_view(), translator(lang))
    View(type="home", blocks=blocks).validate_json()  # raises on anything Slack refuses
    [select] = [b["accessory"] for b in blocks if b.get("accessory", {}).get("options")]
    assert [without_isolates(o["text"]["text"]) for o in select["options"]] == [
        "English",
        "فارسی",
        "Română",
        "Türkçe",
        "Tiếng Việt",
    ]
    assert select["initial_option"]["value"] == lang


# The schedule is written by bot/core/cadence (its own catalogue); here it stands as given.
ACTIVE = SubscriptionView(
    "C1", True, "·", DigestFilters(None, "instagram", "U2"), datetime(2026, 11, 30, tzinfo=UTC)
)


def subscription_texts(tr: Translator) -> list[str]:
    active = ACTIVE
    stopped = replace(active, active=False, next_run_at=None)
    return [
        *shown_texts(subscribe_modal(tr)),
        describe_subscription(active, tr),
        describe_subscription(stopped, tr),
        subscribed_text(active, tr),
        no_subscription_text("C1", tr),
        unsubscribed_text("C1", stopped=True, tr=tr),
        unsubscribed_text("C1", stopped=False, tr=tr),
        digest_stopped_text("C1", "channel_not_found", tr),
        *(tr._(text) for text in (PICK_CHANNEL, SAY_WHEN, START_HINT)),
    ]


def test_the_pseudo_locale_leaves_no_english_in_the_subscription_answers() -> None:
    assert english_left_in(written(subscription_texts(PSEUDO))) == set()


def test_the_subscription_answers_read_in_english_as_before() -> None:
    describe = describe_subscription(ACTIVE)
    assert subscribed_text(ACTIVE) == f"Subscribed. {describe}"
    assert describe.startswith("<#C1> gets the digest ·, instagram goals of <@U2>. Next one: ")
    assert "{date_short_pretty} at {time}" in describe
