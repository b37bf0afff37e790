"""The Ons in-flight limit on a real socket: four requests held open, the fifth gets 429 at once."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from fastapi import FastAPI

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.providers.ons.limits import in_flight_of
from mockserver.settings import PROJECT_DIR, Settings

pytestmark = pytest.mark.live

HR = "hr_integration-TE1002-free_text"
FINANCE = "finance_integration-DF0000-production"
BODY = b'{"birthName": "Wachter"}'
WAIT = 5.0


def held_request(port: int, cn: str) -> socket.socket:
    """A POST whose Content-Length promises more than has been sent: the server waits for the rest."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=WAIT)
    head = (
        "POST /ons/t/clients HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
        f"X-Client-Cert-CN: {cn}\r\nContent-Type: application/json\r\nContent-Length: {len(BODY)}\r\n\r\n"
    )
    sock.sendall(head.encode() + BODY[:5])
    return sock


def finish(sock: socket.socket) -> bytes:
    """Send the rest of the body and read the response head."""
    sock.sendall(BODY[5:])
    received = b""
    deadline = time.monotonic() + WAIT
    while b"\r\n\r\n" not in received and time.monotonic() < deadline:
        chunk = sock.recv(4096)
        if not chunk:
            break
        received += chunk
    return received


def wait_for(condition: Callable[[], bool]) -> None:
    """Wait (bounded) for the server to have read what the sockets sent; this waits on I/O, not on time."""
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("the server did not reach the expected state in time")
        time.sleep(0.005)


@contextmanager
def held(port: int, cn: str, count: int) -> Iterator[list[socket.socket]]:
    with ExitStack() as stack:
        socks = [held_request(port, cn) for _ in range(count)]
        for sock in socks:
            stack.callback(sock.close)
        yield socks


def in_flight(app: FastAPI, cn: str) -> int:
    return in_flight_of(app.state.registry.by_name["ons"]).in_flight(cn)


def test_fifth_concurrent_request_of_one_certificate_gets_429_then_a_slot_frees(app: FastAPI, live: Any) -> None:
    with live(app) as server, httpx.Client(base_url=server.url, timeout=WAIT) as client:
        port = int(server.url.rsplit(":", 1)[1])
        with held(port, HR, 4) as socks:
            wait_for(lambda: in_flight(app, HR) == 4)

            refused = client.get("/ons/t/teams", headers={"X-Client-Cert-CN": HR, "Accept": "application/json"})
            assert refused.status_code == 429
            assert refused.json() == {
                "errorResponseEntries": [
                    {
                        "field": None,
                        "value": None,
                        "message": f"Too many requests: more than 4 requests in flight for certificate {HR}",
                    }
                ]
            }
            as_xml = client.get("/ons/t/teams", headers={"X-Client-Cert-CN": HR, "Accept": "application/xml"})
            assert as_xml.status_code == 429 and b"<errorResponse>" in as_xml.content

            other = client.get("/ons/t/teams", headers={"X-Client-Cert-CN": FINANCE})
            assert other.status_code == 200  # the limit is per certificate

            assert finish(socks[0]).startswith(b"HTTP/1.1 201 ")
            wait_for(lambda: in_flight(app, HR) == 3)
            freed = client.get("/ons/t/teams", headers={"X-Client-Cert-CN": HR})
            assert freed.status_code == 200
        wait_for(lambda: in_flight(app, HR) == 0)


def test_requests_without_certificate_share_the_default_connectors_slots(app: FastAPI, live: Any) -> None:
    with live(app) as server, httpx.Client(base_url=server.url, timeout=WAIT) as client:
        port = int(server.url.rsplit(":", 1)[1])
        with held(port, HR, 4):
            wait_for(lambda: in_flight(app, HR) == 4)
            assert client.get("/ons/t/teams").status_code == 429
            assert client.get("/__admin/health").status_code == 200  # only Ons paths are limited
        wait_for(lambda: in_flight(app, HR) == 0)
        assert client.get("/ons/t/teams").status_code == 200


def held_stream(port: int, cn: str) -> socket.socket:
    """A stream request whose reader stops after the first bytes, so the response cannot finish."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.settimeout(WAIT)
    sock.connect(("127.0.0.1", port))
    request = (
        "GET /ons/t/teams/x-stream-connect/data HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Accept: application/x-ndjson\r\nX-Client-Cert-CN: {cn}\r\n\r\n"
    )
    sock.sendall(request.encode())
    assert sock.recv(64).startswith(b"HTTP/1.1 200 ")
    return sock


def test_a_stream_counts_until_its_last_byte_is_sent(tmp_path: Path, clock: Clock, live: Any) -> None:
    fixtures = yaml.safe_load((PROJECT_DIR / "fixtures" / "ons.yaml").read_text())
    fixtures["sizes"] = {"clients": 0, "employees": 0, "locations": 0, "teams": 20_000, "deleted": 0}
    (tmp_path / "ons.yaml").write_text(yaml.safe_dump(fixtures))
    app = create_app(Settings(seed=1234, fixtures=tmp_path), clock=clock)
    with live(app) as server, httpx.Client(base_url=server.url, timeout=WAIT) as client:
        port = int(server.url.rsplit(":", 1)[1])
        assert client.get("/ons/t/teams/1").status_code == 200  # build the store before streaming
        with ExitStack() as stack:
            for _ in range(4):
                stack.callback(held_stream(port, HR).close)
            wait_for(lambda: in_flight(app, HR) == 4)
            assert client.get("/ons/t/teams/1", headers={"X-Client-Cert-CN": HR}).status_code == 429
        wait_for(lambda: in_flight(app, HR) == 0)
        assert client.get("/ons/t/teams/1", headers={"X-Client-Cert-CN": HR}).status_code == 200
