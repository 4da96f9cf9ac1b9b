"""Digests and the App Home in each language, through the sandbox.

A channel set to a language gets its digest in it (title dates on that language's
calendar, its digits, its status words) with a chart in its thread; a person sees the
Home in their language and can change it there, with the select the Home carries.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.i18n.bidi import without_isolates
from bot.render.home import LANGUAGE_ACTION
from bot.services.languages import chosen_language
from tests.harness import TEAM, BotHarness
from tests.i18n.pseudo import shown_texts
from tests.scenarios.test_digests import MONDAY_0900_BUCHAREST, png_size, runner, seed

# Per language: the digest's title for the week to Monday 23 Nov 2026, a headline count
# in that language's digits and words, and the Home's heading.
EXPECTED = {
    "fa": ("خلاصهٔ هفتگی • ۲۵ آبان–۲ آذر ۱۴۰۵", "۲ طبق برنامه", "هدف‌های شما در یک نگاه"),
    "ro": (
        "Rezumat săptămânal · 16 nov.–23 nov. 2026",
        "2 pe drumul cel bun",
        "Obiectivele tale dintr-o privire",
    ),
    "tr": ("Haftalık özet · 16 Kas–23 Kas 2026", "2 yolunda", "Hedeflerin tek bakışta"),
    "vi": (
        "Bản tin tuần · 16 thg 11–23 thg 11, 2026",
        "2 đúng tiến độ",
        "Mục tiêu của bạn trong nháy mắt",
    ),
}
NOT_CHECKED_IN = {
    "fa": "*این هفته گزارش نداده‌اند:* <@U2>",
    "ro": "*N-au raportat săptămâna aceasta:* <@U2>",
    "tr": "*Bu hafta bildirim yapmayanlar:* <@U2>",
    "vi": "*Tuần này chưa cập nhật:* <@U2>",
}


def seen(blocks: object) -> str:
    """What a person reads in `blocks`, as typed (isolates removed)."""
    return without_isolates("\n".join(shown_texts(blocks)))


def home_shown(harness: BotHarness, user: str = "U1") -> str:
    return seen(harness.sandbox.home_views[user]["blocks"])


def language_select(harness: BotHarness, user: str) -> tuple[dict[str, Any], str]:
    for block in harness.sandbox.home_views[user]["blocks"]:
        accessory = block.get("accessory") or {}
        if accessory.get("action_id") == LANGUAGE_ACTION:
            return accessory, block.get("block_id", "")
    raise LookupError("no language choice on the Home")


@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_a_channel_gets_its_digest_in_its_language(harness: BotHarness, lang: str) -> None:
    title, headline, _ = EXPECTED[lang]
    seed(harness)
    harness.driver.command("U1", "/goals", "digest here weekly mon 09:00", channel="C1")
    harness.driver.command("U1", "/goals", f"digest here language {lang}", channel="C1")
    harness.clock.set(MONDAY_0900_BUCHAREST)

    assert runner(harness, []).tick().sent == 1

    [digest] = [m for m in harness.sandbox.channel_messages("C1") if m.blocks]
    shown = seen(digest.blocks)
    assert without_isolates(digest.text).startswith(f"{title}: {headline}")
    assert NOT_CHECKED_IN[lang] in shown
    assert "on track" not in shown and "Wins" not in shown
    [chart] = harness.sandbox.files.values()
    assert png_size(chart["content"]) == (1200, 750)
    assert without_isolates(chart["title"]) == title


@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_the_home_is_in_the_persons_language(harness: BotHarness, lang: str) -> None:
    harness.driver.command("U1", "/goals", f"language {lang}")
    harness.driver.open_home("U1")

    shown = home_shown(harness)
    assert EXPECTED[lang][2] in shown
    assert "Your goals at a glance" not in shown
    select, _ = language_select(harness, "U1")
    assert select["initial_option"]["value"] == lang


@pytest.mark.parametrize("lang", sorted(EXPECTED))
def test_the_language_chosen_on_the_home_is_remembered(harness: BotHarness, lang: str) -> None:
    harness.driver.open_home("U1")
    assert "Your goals at a glance" in home_shown(harness)
    select, block_id = language_select(harness, "U1")
    [option] = [o for o in select["options"] if o["value"] == lang]

    harness.driver.block_action("U1", {**select, "selected_option": option}, block_id, None)

    assert chosen_language(harness.services, team_id=TEAM, user_id="U1") == lang
    assert EXPECTED[lang][2] in home_shown(harness)


SUBSCRIBED = {"fa": "ثبت شد.", "ro": "Abonat.", "tr": "Abone olundu.", "vi": "Đã đăng ký."}


@pytest.mark.parametrize("lang", sorted(SUBSCRIBED))
def test_a_person_subscribes_a_channel_in_their_language(harness: BotHarness, lang: str) -> None:
    harness.driver.command("U1", "/goals", f"language {lang}")
    harness.driver.command("U1", "/goals", "digest here weekly mon 09:00", channel="C1")

    reply = without_isolates(harness.last_reply("U1").text)
    assert reply.startswith(f"{SUBSCRIBED[lang]} <#C1>")
    assert "Subscribed" not in reply and "gets the digest" not in reply
