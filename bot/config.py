"""Settings from the environment or a `.env` file, with one clear line per mistake.

Every setting is documented in the README. A missing or malformed value raises
`ConfigError` whose message names the setting and says how to fix it; the CLI
prints that line and exits non-zero instead of showing a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from cryptography.fernet import MultiFernet
from pydantic import PositiveInt, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from slack_sdk import WebClient

from bot.errors import CheckinBotError
from storage.tokens import token_cipher

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]

# What to tell a person for each setting when its value is wrong.
_FIXES: dict[str, str] = {
    "SLACK_BOT_TOKEN": (
        "set it to the Bot User OAuth Token (xoxb-...) from your app's OAuth & Permissions page"
    ),
    "SLACK_APP_TOKEN": "set it to an App-Level Token (xapp-...) with the connections:write scope",
    "SLACK_SIGNING_SECRET": "set it to the Signing Secret from your app's Basic Information page",
    "SLACK_CLIENT_ID": "set it to the Client ID from your app's Basic Information page",
    "SLACK_CLIENT_SECRET": "set it to the Client Secret from your app's Basic Information page",
    "DATABASE_URL": "use e.g. sqlite:///path/to/checkin.db or postgresql+psycopg://user@host:5432/db",
    "SLACK_API_URL": "use an http(s) URL ending in /api/, e.g. GovSlack's https://slack-gov.com/api/",
    "DEFAULT_TIMEZONE": "use an IANA time zone name such as Europe/Bucharest or UTC",
    "DEFAULT_LANGUAGE": "use one of en, fa, ro, tr, vi",
    "LOG_LEVEL": "use one of DEBUG, INFO, WARNING, ERROR, CRITICAL",
    "DELIVERY_LEASE_SECONDS": "use a whole number of seconds, at least 1 (default 120)",
    "FEED_INTERVAL_MINUTES": "use a whole number of minutes, at least 1 (default 60)",
    "FEED_ALLOW_PRIVATE": "use 1 to allow feeds on private and loopback addresses, else 0",
    "JOB_QUEUE": "use in-process (the default, no extra service) or postgres",
    "JOB_QUEUE_LIMIT": "use a whole number of waiting jobs, at least 1 (default 1000)",
    "JOB_WORKERS": "use a whole number of threads, at least 1 (default 2)",
    "JOB_HEARTBEAT_SECONDS": "use a whole number of seconds, at least 1 (default 30)",
    "TOKEN_ENCRYPTION_KEY": (
        "make a key with `checkin-bot new-key` and keep it safe; to rotate, put a new key "
        "first, comma-separated, and run `checkin-bot rotate-key`"
    ),
}


class ConfigError(CheckinBotError):
    """A setting is missing or malformed; the message is one line fit for a person."""


def default_database_url() -> str:
    """An SQLite file in the per-user data directory (created on first use)."""
    data_dir = Path(platformdirs.user_data_dir("checkin-bot", appauthor=False))
    return f"sqlite:///{data_dir / 'checkin.db'}"


class Settings(BaseSettings):
    """The bot's configuration. Field names are the environment variable names."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=True
    )

    SLACK_BOT_TOKEN: str | None = None
    SLACK_APP_TOKEN: str | None = None
    SLACK_SIGNING_SECRET: str | None = None
    SLACK_CLIENT_ID: str | None = None
    SLACK_CLIENT_SECRET: str | None = None
    DATABASE_URL: str = ""
    # Unset means Slack's own Web API (slack_sdk's default address).
    SLACK_API_URL: str = WebClient.BASE_URL
    DEFAULT_TIMEZONE: str = "UTC"
    # The language of replies when a person has not chosen one, writes in none we can tell
    # and Slack gives no locale we speak; also a digest's without `language`.
    DEFAULT_LANGUAGE: Literal["en", "fa", "ro", "tr", "vi"] = "en"
    LOG_LEVEL: LogLevel = "INFO"
    # How long a replica's claim on a scheduled message holds before another may take it
    # over: longer than one send takes (the client's retries included).
    DELIVERY_LEASE_SECONDS: PositiveInt = 120
    # CSV feeds (`/goals feed`): how often each is fetched, and whether private and loopback
    # addresses (a server on your own network) may be followed.
    FEED_INTERVAL_MINUTES: PositiveInt = 60
    FEED_ALLOW_PRIVATE: bool = False
    # Where the front puts Slack's requests for workers: threads in this process, or a
    # PostgreSQL queue that `checkin-bot worker` processes (any number) take jobs from.
    JOB_QUEUE: Literal["in-process", "postgres"] = "in-process"
    JOB_QUEUE_LIMIT: PositiveInt = 1000  # jobs waiting before the front answers "busy"
    JOB_WORKERS: PositiveInt = 2  # threads running jobs, in `run` (in-process) or each worker
    # A dead worker's jobs are taken again once its heartbeat is this old.
    JOB_HEARTBEAT_SECONDS: PositiveInt = 30
    # Fernet keys, comma-separated, sealing the tokens OAuth installs store; the first
    # seals, any opens (for rotation). Unused with a single SLACK_BOT_TOKEN.
    TOKEN_ENCRYPTION_KEY: str | None = None
    # When set, GET /metrics needs `Authorization: Bearer <token>` (the endpoint is public
    # otherwise, on the same port as Slack's).
    METRICS_TOKEN: str | None = None
    # Requests a minute each REST API token may make (per process), in bursts of as many.
    API_RATE_PER_MINUTE: PositiveInt = 60

    @field_validator("SLACK_BOT_TOKEN")
    @classmethod
    def _bot_token_shape(cls, value: str | None) -> str | None:
        if value and not value.startswith("xoxb-"):
            raise ValueError("must start with xoxb-")
        return value or None

    @field_validator("SLACK_APP_TOKEN")
    @classmethod
    def _app_token_shape(cls, value: str | None) -> str | None:
        if value and not value.startswith("xapp-"):
            raise ValueError("must start with xapp-")
        return value or None

    @field_validator("TOKEN_ENCRYPTION_KEY")
    @classmethod
    def _encryption_keys_shape(cls, value: str | None) -> str | None:
        if value:
            token_cipher(value)
        return value or None

    @field_validator("DATABASE_URL")
    @classmethod
    def _database_url_shape(cls, value: str) -> str:
        if not value:
            return default_database_url()
        if value.startswith("postgres://") or value.startswith("postgresql://"):
            # psycopg 3 is the driver we ship; plain URLs would ask for psycopg2.
            return "postgresql+psycopg://" + value.split("://", 1)[1]
        if not (value.startswith("sqlite") or value.startswith("postgresql+psycopg")):
            raise ValueError("must be an sqlite:// or postgresql:// URL")
        return value

    @field_validator("SLACK_API_URL")
    @classmethod
    def _api_url_shape(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        return value if value.endswith("/") else value + "/"

    @field_validator("DEFAULT_TIMEZONE")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"{value!r} is not a known time zone") from exc
        return value

    @field_validator("LOG_LEVEL", mode="before")
    @classmethod
    def _upper_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @property
    def distributed(self) -> bool:
        """True when workspaces install the app through OAuth (many workspaces)."""
        return bool(self.SLACK_CLIENT_ID)

    @property
    def has_slack_tokens(self) -> bool:
        """True when the bot can talk to a real workspace."""
        return bool(self.SLACK_BOT_TOKEN) or self.distributed

    @property
    def token_cipher(self) -> MultiFernet | None:
        """What seals and opens stored tokens, or None without TOKEN_ENCRYPTION_KEY."""
        return token_cipher(self.TOKEN_ENCRYPTION_KEY) if self.TOKEN_ENCRYPTION_KEY else None

    @property
    def slack_web_url(self) -> str:
        """Slack's web address beside the API (for the OAuth authorize page)."""
        return self.SLACK_API_URL.removesuffix("api/")


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning validation errors into one `ConfigError` line.

    Example:
        >>> load_settings(DEFAULT_TIMEZONE="Europe/Bucharest").DEFAULT_TIMEZONE
        'Europe/Bucharest'
    """
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]) if first["loc"] else "configuration"
        reason = str(first["msg"]).removeprefix("Value error, ")
        fix = _FIXES.get(name, "check its value")
        raise ConfigError(f"{name} is invalid ({reason}): {fix}.") from None


def require(settings: Settings, *names: str) -> None:
    """Fail with a clear line when a mode needs settings that are not set."""
    for name in names:
        if not getattr(settings, name):
            raise ConfigError(f"{name} is not set: {_FIXES[name]}.")
