"""Bodies are read whole but refused past the limit, declared or actual."""

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from starlette.requests import ClientDisconnect

from mockserver.core.bodies import BodyTooLarge, read_limited, read_received


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
    assert caught.value.declared is None and caught.value.limit == 5
    assert str(caught.value) == "the body is larger than 5 bytes"


def received(headers: list[tuple[bytes, bytes]], limit: int, *messages: dict[str, Any]) -> bytes:
    """``read_received`` over these messages; one more receive than they hold fails the test."""
    pending = list(messages)

    async def receive() -> dict[str, Any]:
        return pending.pop(0)

    return asyncio.run(read_received({"headers": headers}, receive, limit))


def part(body: bytes, more: bool = True) -> dict[str, Any]:
    return {"type": "http.request", "body": body, "more_body": more}


def test_received_parts_are_joined_up_to_the_last() -> None:
    assert received([], 6, part(b"abc"), part(b""), part(b"def", more=False)) == b"abcdef"


def test_a_received_message_without_body_or_more_is_an_empty_body() -> None:
    assert received([(b"host", b"x")], 6, {"type": "http.request"}) == b""


def test_received_declared_length_over_the_limit_is_refused_before_reading() -> None:
    with pytest.raises(BodyTooLarge) as caught:
        received([(b"host", b"x"), (b"content-length", b"100")], 10)
    assert caught.value.declared == 100 and caught.value.limit == 10


def test_the_first_received_content_length_counts() -> None:
    headers = [(b"content-length", b"3"), (b"content-length", b"100")]
    assert received(headers, 10, part(b"abc", more=False)) == b"abc"


def test_received_length_over_the_limit_is_refused_even_when_the_header_lies() -> None:
    with pytest.raises(BodyTooLarge) as caught:
        received([(b"content-length", b"3")], 5, part(b"abc"), part(b"def", more=False))
    assert caught.value.declared is None and caught.value.limit == 5


def test_a_disconnect_while_receiving_is_a_client_disconnect() -> None:
    with pytest.raises(ClientDisconnect):
        received([], 10, part(b"ab"), {"type": "http.disconnect"})
