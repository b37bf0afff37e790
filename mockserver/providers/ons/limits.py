"""The per-certificate limits, as pure ASGI middleware in front of the Ons routes.

seeds/ons-api-properties.txt: "4 requests in parallel per certificate" (enforced),
"100 requests per second" and "10.000 seconds of request time per day" (documented,
"currently not enforced"; here behind the enforce_rate_limit / enforce_daily_budget switches).
A request counts from the moment it arrives until its response is completely sent.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from mockserver.core.context import context_of
from mockserver.core.limits import InFlightLimiter, WindowLimiter
from mockserver.providers.ons.auth import limit_key
from mockserver.providers.ons.errors import TooManyRequests

if TYPE_CHECKING:
    from mockserver.providers.ons.auth import OnsApp

DAY = 86_400.0


class DailyBudget:
    """Seconds of request time per key per virtual day.

    The clock decides which day it is; the time a request takes is measured (monotonic), since
    a frozen clock would make every request free.
    """

    def __init__(self) -> None:
        self._used: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    def exhausted(self, key: str, day: int, budget: float) -> bool:
        with self._lock:
            used_day, used = self._used.get(key, (day, 0.0))
            return used_day == day and used >= budget

    def add(self, key: str, day: int, seconds: float) -> None:
        with self._lock:
            used_day, used = self._used.get(key, (day, 0.0))
            self._used[key] = (day, (used if used_day == day else 0.0) + seconds)

    def reset(self) -> None:
        with self._lock:
            self._used.clear()


def in_flight_of(handle: OnsApp) -> InFlightLimiter:
    """The per-certificate in-flight counter: provider-wide, kept across resets (requests may be running)."""
    limit = handle.config.options.in_flight_limit
    return handle.shared("in_flight", lambda: InFlightLimiter(limit), survives_reset=True).get()


class OnsLimitMiddleware:
    """429 at once for the 5th concurrent request of one certificate (and the optional budgets).

    Mounted in front of the Ons prefix (and port) only; the windows and budgets reset with the rest.
    """

    def __init__(self, app: ASGIApp, handle: OnsApp) -> None:
        self.app = app
        self.handle = handle
        self.in_flight = in_flight_of(handle)
        clock = handle.clock
        self._per_second = handle.shared(
            "per_second", lambda: WindowLimiter(clock, handle.config.options.rate_limit_per_second, 1.0)
        )
        self._daily = handle.shared("daily_budget", DailyBudget)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        config = self.handle.config
        options = config.options
        key = limit_key(scope, config)
        if not self.in_flight.try_acquire(key):
            await self._refuse(
                scope, receive, send, key, f"more than {self.in_flight.limit} requests in flight for certificate {key}"
            )
            return
        started = time.perf_counter()
        # Only known certificates have budgets (unknown ones get 403 anyway), so memory stays bounded.
        known = (options.enforce_rate_limit or options.enforce_daily_budget) and config.connector(key) is not None
        rated = known and options.enforce_rate_limit
        daily = known and options.enforce_daily_budget
        day = int(self.handle.clock.timestamp() // DAY) if daily else 0
        try:
            if rated and self._per_second.get().hit(key) is not None:
                await self._refuse(
                    scope, receive, send, key, f"more than {options.rate_limit_per_second} requests per second"
                )
                return
            if daily and self._daily.get().exhausted(key, day, options.daily_budget_seconds):
                await self._refuse(
                    scope, receive, send, key, f"more than {options.daily_budget_seconds:g} s of request time today"
                )
                return
            await self.app(scope, receive, send)
        finally:
            self.in_flight.release(key)
            if daily:
                self._daily.get().add(key, day, time.perf_counter() - started)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, key: str, why: str) -> None:
        ctx = context_of(scope)
        connector = self.handle.config.connector(key)
        self.handle.bind(scope, connector.tenant if connector is not None else None, key)
        if ctx is not None:
            ctx.notes.append(f"429: {why}")
        response = self.handle.render_error(Request(scope), TooManyRequests(f"Too many requests: {why}"))
        await response(scope, receive, send)
