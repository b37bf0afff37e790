"""A header-read timeout for uvicorn's HTTP protocols: a client that has not sent a whole request head in time
is disconnected, so slow or idle connections cannot hold the server's sockets ("slowloris")."""

from __future__ import annotations

import asyncio
from typing import Any, ClassVar


class HeaderTimeoutMixin:
    """Counts from the connection's start, and again from the end of each response, until the next request's
    head is complete (uvicorn then starts a new request cycle). A request being answered is never cut.

    uvicorn's own ``timeout_keep_alive`` closes a connection that sends nothing after a response; this also
    covers the first request and a head that arrives a byte at a time.
    """

    header_timeout: ClassVar[float] = 10.0
    loop: asyncio.AbstractEventLoop
    transport: asyncio.Transport
    cycle: Any

    def connection_made(self, transport: asyncio.Transport) -> None:
        self._header_timer: asyncio.TimerHandle | None = None
        self._header_deadline = 0.0
        self._waiting_after: Any = None
        super().connection_made(transport)  # type: ignore[misc]
        self._arm_header_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()  # type: ignore[misc]
        self._arm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None
        super().connection_lost(exc)  # type: ignore[misc]

    def _arm_header_timer(self) -> None:
        # One timer per connection at a time: a response moves the deadline on, and a timer that fires before
        # the deadline schedules itself again for the rest (cheaper than a new timer after every response).
        if self.transport.is_closing():
            return
        self._header_deadline = self.loop.time() + self.header_timeout
        self._waiting_after = self.cycle
        if self._header_timer is None:
            self._header_timer = self.loop.call_at(self._header_deadline, self._header_time_up)

    def _header_time_up(self) -> None:
        self._header_timer = None
        if self.transport.is_closing():
            return
        if self.loop.time() < self._header_deadline:
            self._header_timer = self.loop.call_at(self._header_deadline, self._header_time_up)
            return
        # Still the cycle the deadline was set after, and that one is done: no new request head has come.
        waiting_after = self._waiting_after
        if self.cycle is waiting_after and (waiting_after is None or waiting_after.response_complete):
            self.transport.close()


def with_header_timeout(protocol: type[asyncio.Protocol], seconds: float) -> type[asyncio.Protocol]:
    """``protocol`` with a header-read timeout of ``seconds``."""
    return type(protocol.__name__, (HeaderTimeoutMixin, protocol), {"header_timeout": seconds})
