"""How each fault is applied at the ASGI level: delays, error answers, dropped, cut, spoiled and slow bodies.

ASGI has no "reset the socket" message, and uvicorn answers 500 when an app raises or returns before
starting a response. So a dropped connection aborts the server's transport directly: the running
task is uvicorn's ``RequestResponseCycle.run_asgi``, which holds it. Where no transport can be found
(the in-process TestClient), ``ConnectionDropped`` is raised instead, which such clients surface as
an error.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

if TYPE_CHECKING:
    from mockserver.core.faults import DribbleFault, HangFault, TruncateFault

Sleeper = Callable[[float], Awaitable[None]]
RenderEffect = Callable[[Any, Scope, Receive], Response]

#: What a malformed body gets: half of the real one, then bytes no JSON, XML or UTF-8 parser takes.
GARBAGE = b'\x00\xff\xfe<{"\x8f'


class ConnectionDropped(ConnectionError):
    """Raised where the connection cannot really be closed (in-process test clients)."""


@dataclass
class Captured:
    """The handler's whole answer, held back so a fault can spoil it."""

    status: int = 500
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: bytearray = field(default_factory=bytearray)

    def headers_with_length(self, length: int) -> list[tuple[bytes, bytes]]:
        kept = [(k, v) for k, v in self.headers if k.lower() not in (b"content-length", b"transfer-encoding")]
        return [*kept, (b"content-length", str(length).encode())]


async def run_captured(app: ASGIApp, scope: Scope, receive: Receive) -> Captured:
    """Run the handler (its store change is made) and keep its answer instead of sending it."""
    captured = Captured()

    async def capture(message: Message) -> None:
        if message["type"] == "http.response.start":
            captured.status = message["status"]
            captured.headers = list(message.get("headers", []))
        elif message["type"] == "http.response.body":
            captured.body.extend(message.get("body", b""))

    await app(scope, receive, capture)
    return captured


async def send_captured(captured: Captured, send: Send, body: bytes | None = None) -> None:
    data = bytes(captured.body if body is None else body)
    await send(
        {"type": "http.response.start", "status": captured.status, "headers": captured.headers_with_length(len(data))}
    )
    await send({"type": "http.response.body", "body": data, "more_body": False})


def _transport() -> Any:
    task = asyncio.current_task()
    frame = getattr(task.get_coro(), "cr_frame", None) if task is not None else None
    owner = frame.f_locals.get("self") if frame is not None else None
    transport = getattr(owner, "transport", None)
    # uvloop's transports are not asyncio.BaseTransport subclasses: go by what they can do.
    return transport if callable(getattr(transport, "abort", None)) else None


async def drop_connection() -> None:
    """Close the client's connection at once, whatever was sent so far."""
    transport = _transport()
    if transport is None:
        raise ConnectionDropped("connection dropped by a scenario fault")
    transport.abort()
    # Let the protocol notice (connection_lost) before the app returns, so uvicorn sends nothing more.
    for _ in range(3):
        await asyncio.sleep(0)


async def drain_request(receive: Receive) -> None:
    """Read the request body the handler never read, so the next receive() reports a disconnect."""
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return


async def hang(fault: HangFault, receive: Receive) -> None:
    """Answer nothing until the client disconnects, or for at most ``max_seconds``, then close."""

    async def until_disconnect() -> None:
        while (await receive())["type"] != "http.disconnect":
            pass

    try:
        await asyncio.wait_for(until_disconnect(), timeout=fault.max_seconds)
    except TimeoutError:
        await drop_connection()


async def truncate(fault: TruncateFault, captured: Captured, send: Send) -> None:
    """Announce the whole body's length, send only part of it, then close."""
    body = bytes(captured.body)
    cut = int(len(body) * fault.fraction)
    if cut >= len(body):
        cut = max(len(body) - 1, 0)
    headers = captured.headers_with_length(max(len(body), 1))
    await send({"type": "http.response.start", "status": captured.status, "headers": headers})
    await send({"type": "http.response.body", "body": body[:cut], "more_body": True})
    await drop_connection()


def malformed(body: bytes) -> bytes:
    return body[: len(body) // 2] + GARBAGE


async def dribble(fault: DribbleFault, captured: Captured, send: Send, sleep: Sleeper) -> None:
    """The real body in ``chunks`` pieces, spread evenly over ``over_ms``."""
    body = bytes(captured.body)
    size = max(1, -(-len(body) // fault.chunks))
    pieces = [body[i : i + size] for i in range(0, len(body), size)] or [b""]
    gap = fault.over_ms / 1000 / max(len(pieces) - 1, 1)
    await send(
        {"type": "http.response.start", "status": captured.status, "headers": captured.headers_with_length(len(body))}
    )
    for number, piece in enumerate(pieces):
        last = number == len(pieces) - 1
        await send({"type": "http.response.body", "body": piece, "more_body": not last})
        if not last:
            await sleep(gap)
