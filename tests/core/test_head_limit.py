"""A request head over --max-header-bytes is a 431 in its provider's envelope, never journalled."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings

MESSAGE = "the request's headers and target are larger than 32768 bytes (--max-header-bytes)"
BIG = {f"x-pad-{n}": "v" * 8000 for n in range(50)}  # 400 kB of headers


def test_large_headers_are_431_in_the_ons_envelope_and_not_journalled(client: TestClient) -> None:
    response = client.get("/ons/t/teams", headers={**BIG, "Accept": "application/json"})
    assert response.status_code == 431
    assert response.json() == {"errorResponseEntries": [{"field": None, "value": None, "message": MESSAGE}]}
    assert client.get("/__admin/requests").json()["total"] == 0


def test_large_headers_on_the_admin_api_are_431(client: TestClient) -> None:
    response = client.get("/__admin/health", headers=BIG)
    assert (response.status_code, response.json()) == (431, {"error": MESSAGE})


def test_a_long_query_string_counts_too(client: TestClient) -> None:
    response = client.get("/onlineafspraken/APIREST", params={"method": "getAgendas", "pad": "x" * 40_000})
    assert response.status_code == 431
    assert b"<Status>failed</Status>" in response.content.replace(b"\n", b"").replace(b" ", b"")


def test_headers_under_the_limit_pass(client: TestClient) -> None:
    headers = {f"x-pad-{n}": "v" * 1000 for n in range(25)}
    assert client.get("/ons/t/teams", headers=headers).status_code == 200


@pytest.mark.live
def test_large_headers_are_431_on_a_real_socket(clock: Clock, live: Callable[..., Any]) -> None:
    with live(create_app(Settings(seed=1), clock=clock)) as server:
        response = httpx.get(f"{server.url}/__admin/health", headers=BIG, timeout=10)
    assert (response.status_code, response.json()) == (431, {"error": MESSAGE})
