"""In-flight limits and windowed rate limits, keyed by credential, on the virtual clock."""

from __future__ import annotations

import threading
from collections import defaultdict, deque

from mockserver.core.clock import Clock


class InFlightLimiter:
    """At most ``limit`` requests in flight per key; the next one is refused at once."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._counts: defaultdict[str, int] = defaultdict(int)
        self._lock = threading.Lock()

    def try_acquire(self, key: str) -> bool:
        with self._lock:
            if self._counts[key] >= self.limit:
                return False
            self._counts[key] += 1
            return True

    def release(self, key: str) -> None:
        with self._lock:
            remaining = self._counts[key] - 1
            if remaining <= 0:
                self._counts.pop(key, None)
            else:
                self._counts[key] = remaining

    def in_flight(self, key: str) -> int:
        return self._counts.get(key, 0)


class WindowLimiter:
    """At most ``limit`` requests per ``window`` seconds of virtual time per key (sliding log).

    Memory per key is bounded by ``limit`` timestamps.
    """

    def __init__(self, clock: Clock, limit: int, window: float) -> None:
        self.clock = clock
        self.limit = limit
        self.window = window
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key: str) -> float | None:
        """Count one request; None when allowed, else the seconds until one is allowed again."""
        now = self.clock.timestamp()
        with self._lock:
            hits = self._hits.setdefault(key, deque(maxlen=self.limit))
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.limit:
                return max(hits[0] + self.window - now, 0.0)
            hits.append(now)
            return None

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()
