"""The bot's Web API client: metered, and patient with Slack's 429s, 5xx and timeouts."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.observability import API_ERROR_CODES, API_ERRORS, bounded
from bot.services import Services
from bot.slack.retries import retry_handlers


class MeteredWebClient(WebClient):
    """A Web API client that counts Slack's errors by method."""

    def api_call(self, api_method: str, **kwargs: Any) -> Any:
        try:
            return super().api_call(api_method, **kwargs)
        except SlackApiError as exc:
            error = str(exc.response.get("error") or "")
            API_ERRORS.labels(api_method, bounded(error, API_ERROR_CODES)).inc()
            raise


def make_client(
    services: Services, *, token: str | None = None, timeout: int = 15
) -> MeteredWebClient:
    """A Web API client that waits out 429s and retries 5xx, dropped connections and timeouts.

    Waits go through `services.clock`, so a frozen clock moves on instead of sleeping.
    """
    settings = services.settings
    return MeteredWebClient(
        token=token or settings.SLACK_BOT_TOKEN,
        base_url=settings.SLACK_API_URL,
        timeout=timeout,
        retry_handlers=retry_handlers(services.clock),
    )
