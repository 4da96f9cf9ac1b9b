"""/goals typed as a person types it (`manager @bogdan`, a bare link, `R&D`), reaching the bot
as Slack sends it with the manifest's `should_escape` (mentions and links escaped, `&` as
`&amp;`), and the same command failing as in Slack when escaping is off."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import select

from storage.models import CheckIn, DigestSubscription
from tests.factories import make_reminded_goal
from tests.harness import BotHarness


def say(harness: BotHarness, user: str, text: str) -> str:
    harness.driver.command(user, "/goals", text)
    reply = harness.last_reply(user)
    return str(reply.text) + str(reply.blocks)


def test_the_manager_typed_with_an_at_sign_is_understood(harness: BotHarness) -> None:
    assert "<@U2> hears" in say(harness, "U1", "manager @bogdan")


def test_without_escaping_slack_sends_the_typed_name_and_the_manager_is_not_understood(
    harness: BotHarness,
) -> None:
    # The manifest's `should_escape: false`: Slack sends "@bogdan", not <@U2|bogdan>.
    harness.sandbox.should_escape["/goals"] = False

    assert "<@U2> hears" not in say(harness, "U1", "manager @bogdan")


def test_a_note_typed_with_an_ampersand_is_stored_as_typed(harness: BotHarness) -> None:
    make_reminded_goal(harness)

    say(harness, "U1", "checkin #1 41k R&D <launch> note")

    with harness.services.session() as session:
        [checkin] = session.exec(select(CheckIn)).all()
    assert checkin.value == Decimal(41000)
    assert checkin.note == "R&D <launch> note"


def test_a_digest_filtered_by_an_owner_typed_with_an_at_sign(harness: BotHarness) -> None:
    typed = "digest here weekly mon 09:00 owner @bogdan"
    harness.driver.command("U1", "/goals", typed, channel="C1")

    with harness.services.session() as session:
        [subscription] = session.exec(select(DigestSubscription)).all()
    assert subscription.filter_owner == "U2"
