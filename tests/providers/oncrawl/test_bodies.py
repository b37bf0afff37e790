"""Request bodies read whole from a real socket: in parts, over the limit (declared or sent), or cut off."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings
from tests.providers.oncrawl.conftest import CRAWL, FULL, V2, bearer

pytestmark = pytest.mark.live
LIMIT = 256
SEARCH = f"{V2}/data/crawl/{CRAWL}/pages"
BODY = {"fields": ["url", "depth"], "oql": {"field": ["depth", "lte", 1]}, "limit": 5}
TOO_LARGE = {
    "type": "invalid_request",
    "code": "invalid_request",
    "message": f"the request body is larger than {LIMIT} bytes",
    "fields": None,
}


@pytest.fixture
def base(live: Callable[..., Any], clock: Clock) -> Iterator[str]:
    with live(create_app(Settings(seed=1234, max_body_bytes=LIMIT), clock=clock)) as server:
        yield server.url


def parts(data: bytes, size: int) -> Iterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


def test_a_search_body_sent_in_parts_is_read_whole(base: str) -> None:
    data = json.dumps(BODY).encode()
    with httpx.Client(base_url=base, headers=bearer(FULL)) as http:
        whole = http.post(SEARCH, content=data)
        chunked = http.post(SEARCH, content=parts(data, 7))
    assert chunked.request.headers["transfer-encoding"] == "chunked"
    assert (chunked.status_code, chunked.content) == (200, whole.content)
    assert chunked.json()["meta"] == {"columns": ["url", "depth"], "total_hits": 1, "offset": 0, "limit": 5}


def test_a_body_declared_past_the_limit_is_400(base: str) -> None:
    with httpx.Client(base_url=base, headers=bearer(FULL)) as http:
        response = http.post(SEARCH, content=b" " * (LIMIT + 1))
    assert (response.status_code, response.json()) == (400, TOO_LARGE)


def test_a_body_sent_past_the_limit_without_a_length_is_400(base: str) -> None:
    with httpx.Client(base_url=base, headers=bearer(FULL)) as http:
        response = http.post(SEARCH, content=parts(b" " * (LIMIT + 1), 100))
    assert (response.status_code, response.json()) == (400, TOO_LARGE)


def test_a_client_that_leaves_mid_body_is_answered_nothing(base: str) -> None:
    host, port = base.removeprefix("http://").split(":")
    head = f"POST {SEARCH} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {FULL}\r\nContent-Length: 40\r\n\r\n"
    with socket.create_connection((host, int(port))) as sock:
        sock.sendall(head.encode() + b'{"li')
    with httpx.Client(base_url=base) as http:
        deadline = time.monotonic() + 5
        while True:  # the server notices the closed socket on its own loop: wait for its journal entry
            entries = http.get("/__admin/requests", params={"provider": "oncrawl"}).json()["requests"]
            if entries or time.monotonic() > deadline:
                break
            time.sleep(0.01)
    assert [(e["request_body"], e["status"]) for e in entries] == [('{"li', None)]
