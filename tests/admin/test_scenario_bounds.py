"""Scenario bodies are parsed within bounds (depth, values, rules) and off the event loop: 400s, and others go on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.settings import Settings
from tests.live.alongside import alongside


def test_deeply_nested_json_scenario_is_400(client: TestClient) -> None:
    body = b"[" * 100_000 + b"]" * 100_000
    response = client.post("/__admin/scenarios", content=body)
    assert response.status_code == 400
    assert response.json() == {"error": "request body: nested more than 64 levels deep"}


def test_alias_bomb_scenario_is_400_before_anything_is_built(client: TestClient) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    response = client.post("/__admin/scenarios", content="\n".join(lines))
    assert response.status_code == 400
    assert response.json() == {"error": "request body: more than 250000 values (aliases count as what they stand for)"}


def test_scenario_with_too_many_rules_is_400(client: TestClient) -> None:
    rules = "".join(f"  - {{name: r{n}, fault: {{type: respond, status: 503}}}}\n" for n in range(1001))
    response = client.post("/__admin/scenarios", content=f"name: many\nprovider: ons\nrules:\n{rules}")
    assert response.status_code == 400
    assert response.json() == {"error": "request body: rules: 1001 rules; a scenario may have at most 1000"}


def test_a_scenario_of_1000_rules_applies(client: TestClient) -> None:
    rules = "".join(
        f"  - {{name: r{n}, match: {{path: /ons/t/x{n}}}, fault: {{type: respond, status: 503}}}}\n"
        for n in range(1000)
    )
    response = client.post("/__admin/scenarios", content=f"name: many\nprovider: ons\nrules:\n{rules}")
    assert response.status_code == 201


@pytest.mark.live
def test_parsing_a_1mb_scenario_does_not_stall_other_requests(live: Callable[..., Any]) -> None:
    # About 1 MB of YAML that parses (and is then refused for its unknown field): the cost is all in parsing.
    items = "".join(f"  - {{id: {n}, text: some words to parse {n}}}\n" for n in range(21_500))
    body = f"name: big\nprovider: ons\nrules: []\nextra:\n{items}".encode()
    assert 900_000 < len(body) <= 1_048_576
    with live(create_app(Settings(seed=1))) as server:
        outcome = alongside(server.url, lambda: httpx.post(f"{server.url}/__admin/scenarios", content=body, timeout=60))
    assert outcome.response is not None and outcome.response.status_code == 400
    assert outcome.response.json() == {"error": "request body: extra: unknown field"}
    outcome.assert_not_held_up()
