"""How the bot's Slack client waits and retries: 429 after `Retry-After`, 5xx and timeouts
with backoff. Waiting goes through the injected clock, so tests move time instead of sleeping.

A request that posts a message is never repeated blindly: after a timeout, a dropped
connection or a 5xx, Slack may have posted it already. Only a 429 (Slack refused it)
is repeated; the other failures reach the caller, and a scheduled message looks for
itself in the channel before it is sent again (`bot.slack.delivery_marks`).
"""

from __future__ import annotations

import socket
from http import HTTPStatus
from http.client import RemoteDisconnected
from urllib.error import URLError
from urllib.parse import urlsplit

from slack_sdk.http_retry import RetryHandler, RetryIntervalCalculator, RetryState
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse

from bot.clock import Clock

ATTEMPTS = 3
RETRIED_STATUSES = frozenset({500, 502, 503, 504})
NOT_REPEATABLE = frozenset({"chat.postMessage"})  # a second try may post a second message
CONNECTION_ERRORS: tuple[type[Exception], ...] = (
    URLError,
    ConnectionError,
    RemoteDisconnected,
    TimeoutError,
    socket.timeout,
)


class _ClockedRetry(RetryHandler):
    """A retry handler that waits on the bot's clock."""

    def __init__(self, clock: Clock, interval: RetryIntervalCalculator | None = None) -> None:
        super().__init__(max_retry_count=ATTEMPTS, interval_calculator=interval or _BACKOFF)
        self.clock = clock

    def retries(
        self, request: HttpRequest, response: HttpResponse | None, error: Exception | None
    ) -> bool:
        """Whether this answer (or this error, when there is no answer) is worth another try."""
        raise NotImplementedError

    def wait_for(self, state: RetryState, response: HttpResponse | None) -> float:
        return float(self.interval_calculator.calculate_sleep_duration(state.current_attempt))

    # The SDK's two hooks, with its keyword-only signature; subclasses override
    # `retries` and `wait_for` instead.
    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return self.retries(request, response, error)

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        state.next_attempt_requested = True
        self.clock.sleep(self.wait_for(state, response))
        state.increment_current_attempt()


class RateLimited(_ClockedRetry):
    """HTTP 429: wait exactly as long as Slack's `Retry-After` says, then send once more."""

    def retries(
        self, request: HttpRequest, response: HttpResponse | None, error: Exception | None
    ) -> bool:
        return response is not None and response.status_code == HTTPStatus.TOO_MANY_REQUESTS

    def wait_for(self, state: RetryState, response: HttpResponse | None) -> float:
        headers = {k.lower(): v for k, v in (response.headers if response else {}).items()}
        values = headers.get("retry-after") or ["1"]
        try:
            return max(float(values[0]), 0.0)
        except ValueError:
            return 1.0


class ServerTrouble(_ClockedRetry):
    """Slack's 5xx answers, dropped connections and timeouts: retried with growing waits,
    except for a request that may have done its work (`NOT_REPEATABLE`)."""

    def retries(
        self, request: HttpRequest, response: HttpResponse | None, error: Exception | None
    ) -> bool:
        if api_method(request.url) in NOT_REPEATABLE:
            return False
        if response is not None:
            return response.status_code in RETRIED_STATUSES
        return isinstance(error, CONNECTION_ERRORS)


def api_method(url: str) -> str:
    """The Web API method a request calls.

    Example:
        >>> api_method("http://127.0.0.1:8765/api/chat.postMessage?x=1")  # SLACK_API_URL
        'chat.postMessage'
    """
    return urlsplit(url).path.rstrip("/").rpartition("/")[2]


_BACKOFF = BackoffRetryIntervalCalculator(backoff_factor=0.5)


def retry_handlers(clock: Clock) -> list[RetryHandler]:
    """The handlers every Web API client of the bot uses."""
    return [RateLimited(clock), ServerTrouble(clock)]
