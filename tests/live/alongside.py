"""Time other requests while one slow request is under way: proof that it does not hold up the event loop."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx


@dataclass
class Alongside:
    """The slow request's response and duration, and how long each health check made meanwhile took."""

    response: httpx.Response | None = None
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)

    def assert_not_held_up(self) -> None:
        # Held up by the slow request, a health check would wait for all of it, and only a handful would be
        # made. Under a loaded machine one check may still wait for a share of the interpreter lock, so the
        # slowest is held to less than most of the slow request, not to a fixed fraction of it.
        assert len(self.latencies) >= 5, (self.latencies, self.seconds)
        assert max(self.latencies) < min(5.0, self.seconds * 0.8), (max(self.latencies), self.seconds)


def alongside(base: str, slow: Callable[[], httpx.Response], most: int = 500) -> Alongside:
    """Send ``slow()`` in a thread; meanwhile GET ``base``/__admin/health again and again (at most ``most``)."""
    outcome = Alongside()

    def run() -> None:
        started = time.monotonic()
        outcome.response = slow()
        outcome.seconds = time.monotonic() - started

    worker = threading.Thread(target=run)
    with httpx.Client(base_url=base, timeout=60) as other:
        # The client made and connected first (that takes a while on a loaded machine): checks begin at once.
        assert other.get("/__admin/health").status_code == 200
        worker.start()
        while worker.is_alive() and len(outcome.latencies) < most:
            started = time.monotonic()
            assert other.get("/__admin/health").status_code == 200
            outcome.latencies.append(time.monotonic() - started)
    worker.join(timeout=120)
    return outcome
