"""Choosing a language through the sandbox: a person's, Slack's locale, and a channel's digest."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.i18n.bidi import without_isolates
from bot.services.languages import digest_language
from tests.harness import TEAM, BotHarness


def _help_text(harness: BotHarness, user: str) -> str:
    harness.driver.command(user, "/goals", "help")
    reply = harness.last_reply(user)
    return without_isolates(reply.text + str(reply.blocks))


def test_a_person_chooses_persian_and_help_answers_in_persian(harness: BotHarness) -> None:
    harness.driver.command("U1", "/goals", "language fa")
    assert "از این به بعد به فارسی جوابتان را می‌دهم." in without_isolates(
        harness.last_reply("U1").text
    )

    shown = _help_text(harness, "U1")
    assert "شروع کار" in shown and "`/goals new`" in shown
    assert "Getting started" not in shown


def test_each_language_answers_its_own_help(harness: BotHarness) -> None:
    for code, heading in (("ro", "Primii pași"), ("tr", "Başlarken"), ("vi", "Bắt đầu")):
        harness.driver.command("U1", "/goals", f"language {code}")
        assert heading in _help_text(harness, "U1")


def test_the_language_is_shown_and_forgotten(harness: BotHarness) -> None:
    harness.driver.command("U1", "/goals", "language")
    assert "You haven't chosen a language" in harness.last_reply("U1").text

    harness.driver.command("U1", "/goals", "language Türkçe")
    harness.driver.command("U1", "/goals", "language")
    assert "Seçtiğin gibi" in harness.last_reply("U1").text

    harness.driver.command("U1", "/goals", "language auto")
    assert "Getting started" in _help_text(harness, "U1")


def test_a_language_the_bot_lacks_gets_the_list_in_the_persons_language(
    harness: BotHarness,
) -> None:
    harness.driver.command("U1", "/goals", "language ro")
    harness.driver.command("U1", "/goals", "language klingon")

    reply = harness.last_reply("U1").text
    assert "Încă nu vorbesc „klingon”" in reply and "`fa` فارسی" in reply


def test_slack_locale_decides_when_nothing_was_chosen(harness: BotHarness) -> None:
    harness.sandbox.add_user("U3", name="sara", tz="Asia/Tehran")["locale"] = "fa-IR"
    harness.sandbox.add_channel("C3", "tehran", members=["U3"])

    assert "شروع کار" in _help_text(harness, "U3")
    asked = harness.sandbox.calls_to("users.info")[-1]
    assert str(asked.args.get("include_locale")) in ("1", "true", "True")


def test_what_a_person_writes_beats_slack_locale(harness: BotHarness) -> None:
    harness.sandbox.add_user("U3", name="sara", tz="Asia/Tehran")["locale"] = "fa-IR"

    harness.driver.message("U3", "xyzzy ăș")  # Romanian letters, nothing the bot reads

    assert "N-am prins" in harness.dm("U3")[-1].text


def test_the_sandbox_shows_the_locale_only_when_asked(harness: BotHarness) -> None:
    client = WebClient(token=harness.sandbox.bot_token, base_url=harness.sandbox.api_url)

    assert "locale" not in client.users_info(user="U1")["user"]
    assert client.users_info(user="U1", include_locale=True)["user"]["locale"] == "en-US"


def test_a_channel_chooses_its_digest_language(harness: BotHarness) -> None:
    harness.driver.command("U1", "/goals", "digest here language tr", channel="C1")
    assert "has no digest yet" in harness.last_reply("U1").text

    harness.driver.command("U1", "/goals", "digest here weekly mon 09:00", channel="C1")
    harness.driver.command("U1", "/goals", "digest here language türkçe", channel="C1")

    # "türkçe" is itself Turkish writing, so the answer is in Turkish too.
    assert "özeti artık şu dilde yazılıyor: Türkçe" in harness.last_reply("U1").text
    assert digest_language(harness.services, team_id=TEAM, channel_id="C1") == "tr"

    harness.driver.command("U1", "/goals", "digest here language auto", channel="C1")
    assert digest_language(harness.services, team_id=TEAM, channel_id="C1") == "en"


def test_a_digest_language_nobody_speaks_is_explained(harness: BotHarness) -> None:
    harness.driver.command("U1", "/goals", "digest here language klingon", channel="C1")

    assert "not a language I write in" in harness.last_reply("U1").text


def test_a_language_typed_as_markup_is_shown_not_obeyed(harness: BotHarness) -> None:
    harness.driver.command("U1", "/goals", "language <!channel> `x`")
    assert "<!channel>" not in harness.last_reply("U1").text

    harness.driver.command("U1", "/goals", "digest here language <!here>", channel="C1")
    assert "<!here>" not in harness.last_reply("U1").text
