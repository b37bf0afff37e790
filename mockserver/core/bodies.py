"""Request bodies read whole, but never past a size limit."""

from __future__ import annotations

from collections.abc import AsyncIterator

from starlette.requests import ClientDisconnect
from starlette.types import Receive, Scope


class BodyTooLarge(ValueError):
    """The body is (or says it is) larger than the limit; ``declared`` is its Content-Length."""

    def __init__(self, limit: int, declared: int | None = None) -> None:
        self.limit = limit
        self.declared = declared
        super().__init__(f"the body is larger than {limit} bytes")


async def read_limited(chunks: AsyncIterator[bytes], content_length: str | None, limit: int) -> bytes:
    """Join the body's chunks, refusing a declared or actual size over ``limit`` before reading it all."""
    refuse_declared(content_length, limit)
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        parts.append(chunk)
    return b"".join(parts)


async def read_received(scope: Scope, receive: Receive, limit: int) -> bytes:
    """``read_limited`` over the request's own messages, read as Starlette's ``request.stream()`` reads them
    (the first Content-Length counts; a disconnect raises ClientDisconnect) without its async generator and
    header table, which cost about as much as a small handler's whole work."""
    refuse_declared(_content_length(scope["headers"]), limit)
    parts: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        parts.append(chunk)
        if not message.get("more_body", False):
            return b"".join(parts)


def refuse_declared(content_length: str | None, limit: int) -> None:
    """BodyTooLarge when the Content-Length says more than ``limit``."""
    if content_length and content_length.isdigit() and int(content_length) > limit:
        raise BodyTooLarge(limit, int(content_length))


def _content_length(headers: list[tuple[bytes, bytes]]) -> str | None:
    for name, value in headers:
        if name == b"content-length":
            return value.decode("latin-1")
    return None
