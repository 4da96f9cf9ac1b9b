"""Slack tokens at rest: sealed in the database, opened by any key, resealed by rotation."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import Engine, select

from storage.oauth import BOTS, INSTALLATIONS, TOKEN_TABLES, InstallationStore
from storage.tokens import (
    TokenKeyError,
    rotate_tokens,
    seal_tokens,
    token_cipher,
    token_columns,
)
from tests.harness import TOKEN_KEY

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
# Fixed keys: with random ones, xdist's workers would collect different test ids.
OLD_KEY, NEW_KEY = TOKEN_KEY, "YS1zZWNvbmQta2V5LWZvci1yb3RhdGlvbi10ZXN0cyE="
BOT_TOKEN = "xoxe.xoxb-1-" + "MS0yLTEyMzQ1Njc4OTAxMi0" * 6  # a rotating token: 150 characters
REFRESH_TOKEN = "xoxe-1-" + "My0xLTEyMzQ1Njc4OTAxMi0" * 6


def store(engine: Engine, keys: str) -> InstallationStore:
    return InstallationStore(client_id="111.222", engine=engine, now=lambda: NOW,
                             cipher=token_cipher(keys))  # fmt: skip


def installation(team_id: str = "T1") -> Installation:
    return Installation(
        app_id="A1",
        enterprise_id=None,
        team_id=team_id,
        team_name="Acme",
        bot_token=BOT_TOKEN,
        bot_id="B1",
        bot_user_id="UBOT",
        bot_scopes="chat:write,commands",
        bot_refresh_token=REFRESH_TOKEN,
        bot_token_expires_in=43200,
        user_id="UINSTALLER",
        installed_at=NOW.timestamp(),
    )


def raw_tokens(engine: Engine) -> list[str]:
    """Every token value as the database holds it (no store in between)."""
    with engine.connect() as connection:
        return [
            value
            for table in TOKEN_TABLES
            for row in connection.execute(select(*token_columns(table)))
            for value in row
            if value is not None
        ]


def test_a_stored_token_reads_back_but_the_database_holds_only_ciphertext(db: Engine) -> None:
    store(db, OLD_KEY).save(installation())

    bot = store(db, OLD_KEY).find_bot(enterprise_id=None, team_id="T1")
    found = store(db, OLD_KEY).find_installation(enterprise_id=None, team_id="T1")

    assert bot is not None and found is not None
    assert (bot.bot_token, bot.bot_refresh_token) == (BOT_TOKEN, REFRESH_TOKEN)
    assert (found.bot_token, found.bot_refresh_token) == (BOT_TOKEN, REFRESH_TOKEN)
    stored = raw_tokens(db)
    assert len(stored) == 4  # bot and refresh token, in the installation row and the bot row
    assert all(value.startswith("gAAAAA") for value in stored)  # Fernet, version 0x80
    assert not any(BOT_TOKEN in value or REFRESH_TOKEN in value for value in stored)
    assert not any("xox" in value for value in stored)


def test_rotation_reseals_every_token_so_the_old_key_can_go(db: Engine) -> None:
    store(db, OLD_KEY).save(installation("T1"))
    store(db, OLD_KEY).save(installation("T2"))
    before = raw_tokens(db)

    done = rotate_tokens(db, TOKEN_TABLES, token_cipher(f"{NEW_KEY},{OLD_KEY}"))

    assert (done.rotated, done.sealed) == (8, 0)
    assert set(raw_tokens(db)).isdisjoint(before)
    for team_id in ("T1", "T2"):
        bot = store(db, NEW_KEY).find_bot(enterprise_id=None, team_id=team_id)
        assert bot is not None and bot.bot_token == BOT_TOKEN
    with pytest.raises(TokenKeyError):
        store(db, OLD_KEY).find_bot(enterprise_id=None, team_id="T1")


def test_with_a_new_key_in_front_old_tokens_still_open_and_new_ones_use_it(db: Engine) -> None:
    store(db, OLD_KEY).save(installation("T1"))

    both = store(db, f"{NEW_KEY},{OLD_KEY}")
    both.save(installation("T2"))

    old = both.find_bot(enterprise_id=None, team_id="T1")
    assert old is not None and old.bot_token == BOT_TOKEN
    new = store(db, NEW_KEY).find_bot(enterprise_id=None, team_id="T2")
    assert new is not None and new.bot_token == BOT_TOKEN


def test_a_wrong_key_is_one_clear_error_and_changes_nothing(db: Engine) -> None:
    store(db, OLD_KEY).save(installation())
    before = raw_tokens(db)

    for attempt in (
        lambda: seal_tokens(db, TOKEN_TABLES, token_cipher(NEW_KEY)),
        lambda: rotate_tokens(db, TOKEN_TABLES, token_cipher(NEW_KEY)),
        lambda: store(db, NEW_KEY).find_bot(enterprise_id=None, team_id="T1"),
    ):
        with pytest.raises(TokenKeyError) as caught:
            attempt()
        assert "cannot be decrypted with any key in TOKEN_ENCRYPTION_KEY" in str(caught.value)
        assert "\n" not in str(caught.value)

    assert raw_tokens(db) == before


def test_plain_tokens_an_older_version_stored_are_sealed_at_the_next_start(db: Engine) -> None:
    older = SQLAlchemyInstallationStore(
        client_id="111.222", engine=db, installations_table_name=INSTALLATIONS,
        bots_table_name=BOTS,
    )  # fmt: skip
    older.save(installation())
    assert BOT_TOKEN in raw_tokens(db)
    plain_read = store(db, OLD_KEY).find_bot(enterprise_id=None, team_id="T1")
    assert plain_read is not None and plain_read.bot_token == BOT_TOKEN  # a rolling upgrade

    first = seal_tokens(db, TOKEN_TABLES, token_cipher(OLD_KEY))
    again = seal_tokens(db, TOKEN_TABLES, token_cipher(OLD_KEY))

    assert (first.sealed, again.sealed, again.kept) == (4, 0, 4)
    assert not any("xox" in value for value in raw_tokens(db))
    bot = store(db, OLD_KEY).find_bot(enterprise_id=None, team_id="T1")
    assert bot is not None and bot.bot_token == BOT_TOKEN


@pytest.mark.parametrize("keys", ["not-a-key", f"{NEW_KEY},short", ","])
def test_a_malformed_key_list_says_which_key(keys: str) -> None:
    with pytest.raises(ValueError, match=r"key \d is not a Fernet key|no key"):
        token_cipher(keys)
