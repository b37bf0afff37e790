"""Rate limits, locks, in-flight limits, after-commit answers and the OnlineAfspraken form body, in process."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.core.fault_asgi import ConnectionDropped
from mockserver.providers.onlineafspraken.signing import signed_query
from mockserver.settings import Settings
from tests.scenarios.conftest import ALPHA, BETA, Sleeps

Apply = Callable[..., dict[str, Any]]


def test_rate_limit_is_a_real_window_of_virtual_time_per_credential(
    toy: TestClient, apply: Apply, clock: Clock
) -> None:
    fault = {"type": "rate_limit", "limit": 3, "per_seconds": 10, "error": "Maintenance", "message": "slow down"}
    apply({"name": "limited", "provider": "toy", "rules": [{"fault": fault}]})
    first = [toy.get("/toy/items/1", headers=ALPHA) for _ in range(4)]
    assert [r.status_code for r in first] == [200, 200, 200, 503]
    assert first[3].json() == {"code": "maintenance", "message": "slow down"}
    assert first[3].headers["retry-after"] == "10"
    assert toy.get("/toy/items/1", headers=BETA).status_code == 200
    clock.advance(4)
    assert toy.get("/toy/items/1", headers=ALPHA).headers["retry-after"] == "6"
    clock.advance(6)
    assert toy.get("/toy/items/1", headers=ALPHA).status_code == 200


def test_rate_limit_by_status_uses_the_providers_429(toy: TestClient, apply: Apply) -> None:
    fault = {"type": "rate_limit", "limit": 1, "per_seconds": 60}
    apply({"name": "limited", "provider": "toy", "rules": [{"fault": fault}]})
    toy.get("/toy/items/1", headers=ALPHA)
    refused = toy.get("/toy/items/1", headers=ALPHA)
    assert refused.status_code == 429
    assert refused.json()["message"] == "rate limit of 1 requests per 60s exceeded"


def test_locked_for_seconds_of_virtual_time_per_resource(toy: TestClient, apply: Apply, clock: Clock) -> None:
    apply({"name": "lock", "provider": "toy", "rules": [{"fault": {"type": "locked", "seconds": 30}}]})
    locked = toy.get("/toy/items/1", headers=ALPHA)
    assert locked.status_code == 423 and locked.headers["retry-after"] == "30"
    clock.advance(29)
    assert toy.get("/toy/items/2", headers=ALPHA).headers["retry-after"] == "30"
    assert toy.get("/toy/items/1", headers=ALPHA).headers["retry-after"] == "1"
    clock.advance(1)
    assert toy.get("/toy/items/1", headers=ALPHA).status_code == 200
    assert toy.get("/toy/items/2", headers=ALPHA).status_code == 423


def test_respond_after_commit_stores_the_change_but_answers_an_error(toy: TestClient, apply: Apply) -> None:
    rule = {"match": {"operation": "create_item"}, "first": 1,
            "fault": {"type": "respond", "status": 504, "after_commit": True}}  # fmt: skip
    apply({"name": "timeout-after-write", "provider": "toy", "rules": [rule]})
    assert toy.post("/toy/items", json={"number": "3"}, headers=ALPHA).status_code == 504
    assert toy.post("/toy/items", json={"number": "3"}, headers=ALPHA).status_code == 409
    assert toy.get("/toy/items", headers=ALPHA).json() == {"items": [{"number": "3", "name": ""}]}


def test_respond_without_after_commit_never_reaches_the_store(toy: TestClient, apply: Apply) -> None:
    rule = {"match": {"operation": "create_item"}, "first": 1, "fault": {"type": "respond", "status": 503}}
    apply({"name": "refused-write", "provider": "toy", "rules": [rule]})
    assert toy.post("/toy/items", json={"number": "3"}, headers=ALPHA).status_code == 503
    assert toy.post("/toy/items", json={"number": "3"}, headers=ALPHA).status_code == 201


def test_delay_after_commit_waits_once_the_handler_answered(toy: TestClient, apply: Apply, sleeps: Sleeps) -> None:
    fault = {"type": "delay", "delay": {"type": "fixed", "ms": 5}, "after_commit": True}
    apply({"name": "slow-answer", "provider": "toy", "rules": [{"fault": fault}]})
    response = toy.get("/toy/big", headers=ALPHA)
    assert response.status_code == 200 and len(response.json()["rows"]) == 200
    assert sleeps == [0.005]


def test_drop_in_process_raises_connection_dropped(toy_app: Any, apply: Apply) -> None:
    with TestClient(toy_app) as client:
        scenario = {"name": "drop", "provider": "toy", "rules": [{"fault": {"type": "drop"}}]}
        assert client.post("/__admin/scenarios", json=scenario).status_code == 201
        with pytest.raises(ConnectionDropped):
            client.get("/toy/items/1", headers=ALPHA)


def test_in_flight_slot_is_released_after_each_request(toy: TestClient, apply: Apply) -> None:
    apply({"name": "one-at-a-time", "provider": "toy", "rules": [{"fault": {"type": "in_flight", "limit": 1}}]})
    assert [toy.get("/toy/items/1", headers=ALPHA).status_code for _ in range(3)] == [200, 200, 200]


def test_form_body_is_read_for_matching_and_replayed_to_the_handler(toy: TestClient, apply: Apply) -> None:
    rule = {"match": {"query": {"kind": "bad"}}, "fault": {"type": "respond", "status": 500}}
    apply({"name": "by-form", "provider": "toy", "rules": [rule]})
    ok = toy.post("/toy/form", data={"kind": "good", "n": "1"}, headers=ALPHA)
    assert ok.status_code == 200 and ok.json() == {"form": {"kind": "good", "n": "1"}}
    assert toy.post("/toy/form", data={"kind": "bad"}, headers=ALPHA).status_code == 500


def _oa(client: TestClient, method: str, clock: Clock, *, post: bool) -> etree._Element:
    pairs = signed_query(method, [], "oa-demo-key", "oa-demo-secret", int(clock.timestamp()))
    if post:
        response = client.post("/onlineafspraken/APIREST", data=dict(pairs))
    else:
        response = client.get("/onlineafspraken/APIREST", params=pairs)
    return etree.fromstring(response.content)


@pytest.mark.parametrize("post", [False, True], ids=["query", "form"])
def test_onlineafspraken_operation_is_the_method_parameter(
    toy: TestClient, apply: Apply, clock: Clock, post: bool
) -> None:
    rule = {"match": {"operation": "getResources", "tenant": "default"}, "fault": {"type": "respond", "status": 503}}
    apply({"name": "oa-resources-down", "provider": "onlineafspraken", "rules": [rule]})
    down = _oa(toy, "getResources", clock, post=post)
    assert down.findtext("Status/Status") == "failed"
    assert _oa(toy, "getAgendas", clock, post=post).findtext("Status/Status") == "success"
    entries = toy.get("/__admin/requests", params={"provider": "onlineafspraken"}).json()["requests"]
    assert [e["operation"] for e in entries[:2]] == ["getAgendas", "getResources"]
    assert entries[1]["status"] == 503 and entries[1]["rule"] == "oa-resources-down/rule-1"


def test_form_body_past_the_size_limit_is_not_parsed_but_reaches_the_handler_whole(clock: Clock) -> None:
    app = create_app(Settings(seed=1, max_body_bytes=16), clock=clock)
    rule = {"match": {"query": {"kind": "bad"}}, "fault": {"type": "respond", "status": 500}}
    with TestClient(app) as client:
        assert (
            client.post("/__admin/scenarios", json={"name": "by-form", "provider": "toy", "rules": [rule]}).status_code
            == 201
        )
    chunks = [b"kind=bad&", b"x=" + b"y" * 100, b"&z=1"]
    messages = [{"type": "http.request", "body": c, "more_body": i < len(chunks) - 1} for i, c in enumerate(chunks)]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0) if messages else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    headers = [(b"content-type", b"application/x-www-form-urlencoded"), (b"x-toy-key", b"key-alpha-0001")]
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/toy/form", "raw_path": b"/toy/form", "query_string": b"", "root_path": "", "headers": headers,
             "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 80), "state": {}}  # fmt: skip
    asyncio.run(app(scope, receive, send))
    assert sent[0]["status"] == 200
    assert json.loads(b"".join(m.get("body", b"") for m in sent[1:]))["form"] == {
        "kind": "bad",
        "x": "y" * 100,
        "z": "1",
    }
