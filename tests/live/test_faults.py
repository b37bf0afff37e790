"""Connection-level faults against a real uvicorn socket: what an HTTP client really sees."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
import yaml
from fastapi import FastAPI

import mockserver.app
from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.providers import all_providers
from mockserver.settings import Settings
from tests.scenarios.toy import ToyProvider

pytestmark = pytest.mark.live
ALPHA = {"x-toy-key": "key-alpha-0001"}


@pytest.fixture
def server(
    monkeypatch: pytest.MonkeyPatch, settings: Settings, clock: Clock, live: Callable[..., Any]
) -> Iterator[Any]:
    monkeypatch.setattr(mockserver.app, "all_providers", lambda: [*all_providers(), ToyProvider()])
    app: FastAPI = create_app(settings, clock=clock)
    with live(app) as running:
        yield running


def apply(base: str, fault: dict[str, Any], operation: str = "get_item") -> None:
    scenario = {"name": "live", "provider": "toy", "rules": [{"match": {"operation": operation}, "fault": fault}]}
    response = httpx.post(f"{base}/__admin/scenarios", content=yaml.safe_dump(scenario))
    assert response.status_code == 201, response.text


def test_drop_closes_the_connection_before_any_response(server: Any) -> None:
    apply(server.url, {"type": "drop"})
    with pytest.raises(httpx.RemoteProtocolError, match="without sending"):
        httpx.get(f"{server.url}/toy/items/1", headers=ALPHA)
    assert httpx.get(f"{server.url}/toy/items", headers=ALPHA).status_code == 200


def test_drop_after_commit_keeps_the_write_and_the_retry_meets_a_duplicate(server: Any) -> None:
    scenario = {
        "name": "commit-then-drop",
        "provider": "toy",
        "rules": [{"match": {"operation": "create_item"}, "first": 1, "fault": {"type": "drop", "after_commit": True}}],
    }
    assert httpx.post(f"{server.url}/__admin/scenarios", content=yaml.safe_dump(scenario)).status_code == 201
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.post(f"{server.url}/toy/items", json={"number": "42"}, headers=ALPHA)
    retry = httpx.post(f"{server.url}/toy/items", json={"number": "42"}, headers=ALPHA)
    assert retry.status_code == 409
    assert retry.json()["code"] == "duplicate"


def test_truncated_body_announces_more_than_it_sends(server: Any) -> None:
    apply(server.url, {"type": "truncate", "fraction": 0.3}, operation="big")
    with pytest.raises(httpx.RemoteProtocolError, match="incomplete|complete message body"):
        httpx.get(f"{server.url}/toy/big", headers=ALPHA)


def test_malformed_body_cannot_be_parsed(server: Any) -> None:
    apply(server.url, {"type": "malformed"}, operation="big")
    response = httpx.get(f"{server.url}/toy/big", headers=ALPHA)
    assert response.status_code == 200
    assert int(response.headers["content-length"]) == len(response.content)
    with pytest.raises(ValueError):
        json.loads(response.content)


def test_dribbled_body_arrives_in_several_chunks_and_whole(server: Any) -> None:
    apply(server.url, {"type": "dribble", "chunks": 4, "over_ms": 240}, operation="big")
    chunks: list[bytes] = []
    started = time.perf_counter()
    with httpx.stream("GET", f"{server.url}/toy/big", headers=ALPHA) as response:
        for chunk in response.iter_raw():
            chunks.append(chunk)
    elapsed = time.perf_counter() - started
    assert len(chunks) >= 3
    assert len(json.loads(b"".join(chunks))["rows"]) == 200
    assert elapsed >= 0.2


def test_hang_until_the_client_gives_up(server: Any) -> None:
    apply(server.url, {"type": "hang", "max_seconds": 5})
    started = time.perf_counter()
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(f"{server.url}/toy/items/1", headers=ALPHA, timeout=0.3)
    assert time.perf_counter() - started < 3
    assert httpx.get(f"{server.url}/toy/items", headers=ALPHA).status_code == 200


def test_hang_is_bounded_by_max_seconds_then_dropped(server: Any) -> None:
    apply(server.url, {"type": "hang", "max_seconds": 0.2})
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.get(f"{server.url}/toy/items/1", headers=ALPHA, timeout=5)


def test_journal_shows_the_dropped_request_without_a_status(server: Any) -> None:
    apply(server.url, {"type": "drop"})
    with pytest.raises(httpx.RemoteProtocolError):
        httpx.get(f"{server.url}/toy/items/1", headers=ALPHA)
    entry = httpx.get(f"{server.url}/__admin/requests", params={"provider": "toy"}).json()["requests"][0]
    assert entry["status"] is None
    assert entry["fault"] == "drop"
    assert entry["rule"] == "live/rule-1"
    assert entry["tenant"] == "alpha"
