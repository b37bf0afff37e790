"""Every /__admin body has one size limit, refused from its Content-Length or while it is read (real sockets)."""

from __future__ import annotations

import json
import select
import socket
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.settings import Settings

pytestmark = pytest.mark.live
LIMIT = 65_536
TOO_LARGE = {"error": f"the body is larger than {LIMIT} bytes (--admin-max-body-bytes)"}


@pytest.fixture
def base(live: Callable[..., Any]) -> Iterator[tuple[str, int]]:
    with live(create_app(Settings(seed=1, admin_max_body_bytes=LIMIT))) as server:
        host, port = server.url.removeprefix("http://").split(":")
        yield host, int(port)


def status_and_body(raw: bytes) -> tuple[int, dict[str, Any]]:
    head, _, body = raw.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), json.loads(body)


def read_answer(sock: socket.socket, timeout: float) -> bytes:
    sock.settimeout(timeout)
    data = b""
    while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def test_declared_length_over_the_limit_is_413_before_the_body_is_sent(base: tuple[str, int]) -> None:
    with socket.create_connection(base, timeout=10) as sock:
        sock.sendall(b"POST /__admin/scenarios HTTP/1.1\r\nHost: x\r\nContent-Length: 52428800\r\n\r\n")
        started = time.monotonic()
        status, body = status_and_body(read_answer(sock, 10))
    assert (status, body) == (413, TOO_LARGE)
    assert time.monotonic() - started < 5


def stream_chunked(address: tuple[str, int], path: str, total: int) -> tuple[int, dict[str, Any], int]:
    """Send up to ``total`` bytes of chunked body until the server answers; (status, body, bytes sent)."""
    chunk = b"x" * 65_536
    sent = 0
    with socket.create_connection(address, timeout=10) as sock:
        sock.sendall(f"POST {path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n".encode())
        while sent < total:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except OSError:
                break
            sent += len(chunk)
        status, body = status_and_body(read_answer(sock, 10))
    return status, body, sent


@pytest.mark.parametrize("path", ["/__admin/scenarios", "/__admin/clock", "/__admin/requests/count"])
def test_chunked_body_past_the_limit_is_413_and_read_no_further(base: tuple[str, int], path: str) -> None:
    status, body, sent = stream_chunked(base, path, 50 * 1024 * 1024)
    assert (status, body) == (413, TOO_LARGE)
    # The socket buffers take some; the server stopped reading at the limit, long before 50 MB.
    assert sent < 16 * 1024 * 1024


def test_eight_parallel_50mb_bodies_are_each_cut_at_the_limit(base: tuple[str, int]) -> None:
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: stream_chunked(base, "/__admin/scenarios", 50 * 1024 * 1024), range(8)))
    assert all((status, body) == (413, TOO_LARGE) for status, body, _ in results)
    assert sum(sent for _, _, sent in results) < 8 * 16 * 1024 * 1024


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/__admin/clock", {"action": "advance", "seconds": 1, "pad": "x" * LIMIT}),
        ("/__admin/requests/count", {"path": "x" * LIMIT}),
        ("/__admin/scenarios", {"name": "x" * LIMIT}),
    ],
)
def test_admin_body_over_the_limit_is_413_in_process(path: str, payload: dict[str, Any]) -> None:
    with TestClient(create_app(Settings(seed=1, admin_max_body_bytes=LIMIT))) as client:
        response = client.post(path, json=payload)
    assert response.status_code == 413
    assert response.json() == TOO_LARGE
