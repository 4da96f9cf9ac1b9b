"""Failures the sandbox answers with instead of the real thing: Slack errors, 429s, 5xx,
slow answers; each queued for the next calls of one Web API method."""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass

from bot.sandbox.state import SandboxState


@dataclass
class Fault:
    """A failure the sandbox will answer with instead of the real thing."""

    error: str | None = None  # a Slack error code such as channel_not_found
    status: int = 200  # 429, 500, 503...
    retry_after: int | None = None
    delay: float = 0.0  # seconds between doing the work and answering: client timeouts


class FaultInjection(SandboxState):
    """Queue faults per Web API method; the server takes the next one before answering."""

    def __init__(self, *, team_id: str, team_name: str) -> None:
        super().__init__(team_id=team_id, team_name=team_name)
        self._faults: dict[str, deque[Fault]] = defaultdict(deque)

    def fail(self, method: str, error: str, *, times: int = 1) -> None:
        """Answer the next `times` calls of `method` with `{"ok": false, "error": error}`."""
        self._faults[method].extend(Fault(error=error) for _ in range(times))

    def rate_limit(self, method: str, *, retry_after: int = 1, times: int = 1) -> None:
        """Answer the next calls of `method` with HTTP 429 and a Retry-After header."""
        fault = Fault(error="ratelimited", status=429, retry_after=retry_after)
        self._faults[method].extend(fault for _ in range(times))

    def server_error(self, method: str, *, status: int = 503, times: int = 1) -> None:
        """Answer the next calls of `method` with an HTTP 5xx."""
        self._faults[method].extend(Fault(error="fatal_error", status=status) for _ in range(times))

    def slow(self, method: str, *, seconds: float, times: int = 1) -> None:
        """Do the next calls of `method` at once but answer `seconds` late, so that the
        client times out on a request Slack carried out."""
        self._faults[method].extend(Fault(delay=seconds) for _ in range(times))

    def clear_faults(self) -> None:
        """Forget the faults not yet answered with: Slack is well again."""
        self._faults.clear()

    def _next_fault(self, method: str) -> Fault | None:
        return self._faults[method].popleft() if self._faults[method] else None
