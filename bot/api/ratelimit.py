"""A token bucket per API token: `per_minute` requests a minute, in bursts of as many.

Kept in the process's memory: each replica counts its own requests, so N replicas
behind a load balancer allow up to N times the rate (say so when choosing it). Time
comes from the bot's clock, so tests advance it instead of sleeping.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

MAX_TRACKED = 10_000  # buckets kept before the full ones are forgotten


@dataclass
class _Bucket:
    level: float
    at: datetime


class RateLimiter:
    """`take(key)` is 0 when a request may go, else the seconds until one may.

    Example:
        >>> from datetime import UTC
        >>> limiter = RateLimiter(2, lambda: datetime(2026, 1, 1, tzinfo=UTC))
        >>> [limiter.take("t") for _ in range(3)]
        [0, 0, 30]
    """

    def __init__(self, per_minute: int, now: Callable[[], datetime]) -> None:
        self._capacity = float(per_minute)
        self._per_second = per_minute / 60
        self._now = now
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> int:
        now = self._now()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                if len(self._buckets) >= MAX_TRACKED:
                    self._forget_full(now)
                bucket = _Bucket(self._capacity, now)
            elapsed = max((now - bucket.at).total_seconds(), 0.0)
            bucket.level = min(self._capacity, bucket.level + elapsed * self._per_second)
            bucket.at = now
            self._buckets[key] = bucket
            if bucket.level >= 1:
                bucket.level -= 1
                return 0
            return max(1, math.ceil((1 - bucket.level) / self._per_second))

    def _forget_full(self, now: datetime) -> None:
        """Drop the buckets full by now: forgetting them changes nothing."""
        for key, bucket in list(self._buckets.items()):
            refilled = bucket.level + (now - bucket.at).total_seconds() * self._per_second
            if refilled >= self._capacity:
                del self._buckets[key]
