"""Bodies are read whole but refused past the limit, declared or actual."""

import asyncio
from collections.abc import AsyncIterator

import pytest

from mockserver.core.bodies import BodyTooLarge, read_limited


async def chunks(*parts: bytes) -> AsyncIterator[bytes]:
    for part in parts:
        yield part


def read(content_length: str | None, limit: int, *parts: bytes) -> bytes:
    return asyncio.run(read_limited(chunks(*parts), content_length, limit))


def test_body_within_the_limit_is_joined() -> None:
    assert read("6", 6, b"abc", b"def") == b"abcdef"


def test_declared_length_over_the_limit_is_refused_before_reading() -> None:
    with pytest.raises(BodyTooLarge) as caught:
        read("100", 10)
    assert caught.value.declared == 100 and caught.value.limit == 10


def test_actual_length_over_the_limit_is_refused_even_when_the_header_lies() -> None:
    with pytest.raises(BodyTooLarge) as caught:
        read("3", 5, b"abc", b"def")
    assert caught.value.declared is None
