"""Slack takes about one message per second per channel: a pacer keeps to it, per channel.

Different channels never wait for each other, so digests for many channels can go
out at once from several threads while each channel still gets one message a second.
The clock and the sleep are injected, so tests check the pacing without waiting.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

ONE_PER_SECOND = 1.0


class ChannelPacer:
    """Waits before a post until the channel's last post is `interval` seconds old.

    Example:
        >>> pacer = ChannelPacer()
        >>> pacer.wait("C1")  # first post: no wait
        0.0
    """

    def __init__(
        self,
        interval: float = ONE_PER_SECOND,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._next_free: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, channel: str) -> float:
        """Block until `channel` may take another message; returns the seconds waited."""
        with self._lock:
            now = self._clock()
            slot = max(now, self._next_free.get(channel, now))
            # The slot is taken before sleeping, so a second thread queues behind it.
            self._next_free[channel] = slot + self.interval
        delay = slot - now
        if delay > 0:
            self._sleep(delay)
        return delay
