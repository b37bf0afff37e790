"""A small closed-loop HTTP/1.1 load generator on raw asyncio sockets (keep-alive, bounded in time and count)."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Result:
    """What one run measured: completed requests, statuses and per-request latencies."""

    requests: int = 0
    seconds: float = 0.0
    statuses: dict[int, int] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    errors: int = 0

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        """Latency in milliseconds at ``share`` (0..1), nearest rank."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
        return ordered[index] * 1000


class _Connection(asyncio.Protocol):
    """One keep-alive connection sending the same request again as soon as the answer is complete."""

    def __init__(self, request: bytes, result: Result, stop_at: float, budget: list[int], done: asyncio.Future) -> None:
        self.request = request
        self.result = result
        self.stop_at = stop_at
        self.budget = budget
        self.done = done
        self.buffer = bytearray()
        self.sent_at = 0.0
        self.transport: Any = None

    def connection_made(self, transport: Any) -> None:
        # uvloop's transports are not asyncio.Transport subclasses; only write() and close() are used.
        self.transport = transport
        self._send()

    def _send(self) -> None:
        if self.budget[0] <= 0 or time.perf_counter() >= self.stop_at:
            self.transport.close()
            return
        self.budget[0] -= 1
        self.sent_at = time.perf_counter()
        self.transport.write(self.request)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            consumed = self._complete_response()
            if consumed is None:
                return
            status, size = consumed
            del self.buffer[:size]
            now = time.perf_counter()
            self.result.requests += 1
            self.result.statuses[status] = self.result.statuses.get(status, 0) + 1
            self.result.latencies.append(now - self.sent_at)
            self._send()

    def _complete_response(self) -> tuple[int, int] | None:
        """(status, bytes used) when the buffer holds a whole response, else None."""
        head_end = self.buffer.find(b"\r\n\r\n")
        if head_end < 0:
            return None
        head = bytes(self.buffer[:head_end]).decode("latin-1")
        lines = head.split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length = 0
        chunked = False
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value.strip())
            elif name == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
        body_start = head_end + 4
        if not chunked:
            end = body_start + length
            return (status, end) if len(self.buffer) >= end else None
        position = body_start
        while True:
            line_end = self.buffer.find(b"\r\n", position)
            if line_end < 0:
                return None
            size = int(bytes(self.buffer[position:line_end]).split(b";")[0], 16)
            position = line_end + 2 + size + 2
            if len(self.buffer) < position:
                return None
            if size == 0:
                return status, position

    def connection_lost(self, exc: Exception | None) -> None:
        if exc is not None:
            self.result.errors += 1
        if not self.done.done():
            self.done.set_result(None)


async def run(
    host: str,
    port: int,
    path: str,
    *,
    concurrency: int,
    duration: float,
    max_requests: int = 1_000_000,
    headers: dict[str, str] | None = None,
    method: str = "GET",
    body: bytes = b"",
) -> Result:
    """Keep ``concurrency`` connections busy on ``method path`` for ``duration`` seconds (or ``max_requests``)."""
    fields = {"Accept": "application/json", **(headers or {})}
    if body:
        fields["Content-Length"] = str(len(body))
    extra = "".join(f"{k}: {v}\r\n" for k, v in fields.items())
    request = f"{method} {path} HTTP/1.1\r\nHost: {host}:{port}\r\n{extra}\r\n".encode() + body
    loop = asyncio.get_running_loop()
    result = Result()
    budget = [max_requests]
    started = time.perf_counter()
    stop_at = started + duration
    waits = []
    for _ in range(concurrency):
        done: asyncio.Future[None] = loop.create_future()
        waits.append(done)
        await loop.create_connection(lambda d=done: _Connection(request, result, stop_at, budget, d), host, port)
    # Each connection stops itself at stop_at; the extra margin only guards against a hung server.
    await asyncio.wait_for(asyncio.gather(*waits), timeout=duration + 10)
    result.seconds = time.perf_counter() - started
    return result
