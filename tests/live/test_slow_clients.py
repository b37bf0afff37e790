"""Slow and idle clients are disconnected after --header-timeout, so they cannot starve everyone else of sockets."""

from __future__ import annotations

import resource
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.core.slow_clients import with_header_timeout
from mockserver.core.tls import TlsHttpProtocol
from mockserver.settings import Settings
from tests.live.test_serve import clean_env, free_ports, stop, wait_healthy

pytestmark = pytest.mark.live
TIMEOUT = 0.5
DELAY = {
    "name": "slow",
    "provider": "ons",
    "rules": [{"fault": {"type": "delay", "delay": {"type": "fixed", "ms": 1500}}}],
}


def seconds_until_closed(sock: socket.socket, limit: float = 10.0) -> float:
    started = time.monotonic()
    sock.settimeout(limit)
    while sock.recv(4096):
        pass
    return time.monotonic() - started


@pytest.mark.parametrize("sent", [b"", b"GET /__admin/health HTTP/1.1\r\nHost: x\r\n"], ids=["silent", "half-head"])
def test_a_client_without_a_whole_head_is_disconnected(clock: Clock, live: Callable[..., Any], sent: bytes) -> None:
    app = create_app(Settings(seed=1), clock=clock)
    with live(app, http=with_header_timeout(TlsHttpProtocol, TIMEOUT)) as server:
        port = int(server.url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(sent)
            assert TIMEOUT * 0.5 < seconds_until_closed(sock) < TIMEOUT + 5


def test_a_slow_answer_is_not_cut_and_keep_alive_carries_on(clock: Clock, live: Callable[..., Any]) -> None:
    app = create_app(Settings(seed=1), clock=clock)
    with live(app, http=with_header_timeout(TlsHttpProtocol, TIMEOUT)) as server, httpx.Client() as client:
        assert client.post(f"{server.url}/__admin/scenarios", json=DELAY).status_code == 201
        slow = client.get(f"{server.url}/ons/t/teams", headers={"Accept": "application/json"}, timeout=10)
        assert slow.status_code == 200  # answered after 1.5 s, three times the header timeout
        assert client.get(f"{server.url}/__admin/health").status_code == 200  # the same connection


def test_slow_connections_past_the_descriptor_limit_do_not_starve_a_new_client() -> None:
    (port,) = free_ports(1)
    command = [sys.executable, "-m", "mockserver", "serve", "--port", str(port), "--log-level", "critical"]
    proc = subprocess.Popen(
        [*command, "--header-timeout", "1"],
        env=clean_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (128, 128)),
    )
    slow: list[socket.socket] = []
    try:
        base = f"http://127.0.0.1:{port}"
        wait_healthy(proc, base)
        for _ in range(200):  # more than the server has descriptors for
            sock = socket.create_connection(("127.0.0.1", port), timeout=5)
            sock.sendall(b"GET /__admin/health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            slow.append(sock)
        started = time.monotonic()
        answer = None
        while answer is None and time.monotonic() - started < 30:
            try:
                answer = httpx.get(base + "/__admin/health", timeout=5)
            except httpx.TransportError:
                time.sleep(0.1)  # a real socket backlog draining, not virtual time
        waited = time.monotonic() - started
    finally:
        for sock in slow:
            sock.close()
        stop(proc)
    assert answer is not None and answer.status_code == 200
    assert waited < 15, waited
