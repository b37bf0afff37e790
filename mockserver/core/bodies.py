"""Request bodies read whole, but never past a size limit."""

from __future__ import annotations

from collections.abc import AsyncIterator


class BodyTooLarge(ValueError):
    """The body is (or says it is) larger than the limit; ``declared`` is its Content-Length."""

    def __init__(self, limit: int, declared: int | None = None) -> None:
        self.limit = limit
        self.declared = declared
        super().__init__(f"the body is larger than {limit} bytes")


async def read_limited(chunks: AsyncIterator[bytes], content_length: str | None, limit: int) -> bytes:
    """Join the body's chunks, refusing a declared or actual size over ``limit`` before reading it all."""
    if content_length and content_length.isdigit() and int(content_length) > limit:
        raise BodyTooLarge(limit, int(content_length))
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        parts.append(chunk)
    return b"".join(parts)
