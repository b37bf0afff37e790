"""The per-certificate limits, as pure ASGI middleware in front of the Ons routes.

seeds/ons-api-properties.txt: "4 requests in parallel per certificate" (enforced),
"100 requests per second" and "10.000 seconds of request time per day" (documented,
"currently not enforced"; here behind the enforce_rate_limit / enforce_daily_budget switches).
A request counts from the moment it arrives until its response is completely sent.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from mockserver.core.context import context_of
from mockserver.core.limits import InFlightLimiter, WindowLimiter
from mockserver.core.state import MockState
from mockserver.providers.ons.auth import limit_key
from mockserver.providers.ons.config import OnsConfig
from mockserver.providers.ons.errors import OnsError, TooManyRequests

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


class OnsLimitMiddleware:
    """429 at once for the 5th concurrent request of one certificate (and the optional budgets)."""

    def __init__(
        self,
        app: ASGIApp,
        state: MockState,
        prefix: str,
        in_flight: InFlightLimiter,
        render: Callable[[Request, OnsError], Response],
    ) -> None:
        self.app = app
        self.state = state
        self.prefix = prefix
        self.in_flight = in_flight
        self.render = render
        config: OnsConfig = state.configs["ons"]
        self.per_second = WindowLimiter(state.clock, config.options.rate_limit_per_second, 1.0)
        self.daily = DailyBudget()
        state.on_reset(self._on_reset)

    def _on_reset(self, provider: str | None, tenant: str | None) -> None:
        if provider in (None, "ons"):
            self.per_second.reset()
            self.daily.reset()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] != "http" or not (path == self.prefix or path.startswith(self.prefix + "/")):
            await self.app(scope, receive, send)
            return
        config: OnsConfig = self.state.configs["ons"]
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
        day = int(self.state.clock.timestamp() // DAY) if daily else 0
        try:
            if rated and self.per_second.hit(key) is not None:
                await self._refuse(
                    scope, receive, send, key, f"more than {options.rate_limit_per_second} requests per second"
                )
                return
            if daily and self.daily.exhausted(key, day, options.daily_budget_seconds):
                await self._refuse(
                    scope, receive, send, key, f"more than {options.daily_budget_seconds:g} s of request time today"
                )
                return
            await self.app(scope, receive, send)
        finally:
            self.in_flight.release(key)
            if daily:
                self.daily.add(key, day, time.perf_counter() - started)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, key: str, why: str) -> None:
        ctx = context_of(scope)
        if ctx is not None:
            config: OnsConfig = self.state.configs["ons"]
            connector = config.connector(key)
            ctx.credential = key
            ctx.tenant = connector.tenant if connector is not None else None
            ctx.notes.append(f"429: {why}")
        response = self.render(Request(scope), TooManyRequests(f"Too many requests: {why}"))
        await response(scope, receive, send)
