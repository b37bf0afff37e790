"""The provider as a whole: its own port at the root, the curl line it prints, the admin state view."""

from __future__ import annotations

import shlex
import subprocess
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings
from tests.conftest import free_port
from tests.providers.onix.conftest import NORDLYS, Onix


@pytest.mark.live
def test_provider_on_its_own_port_serves_v1_at_the_root(clock: Clock, live: Any) -> None:
    port = free_port()
    app = create_app(Settings(seed=1, provider_ports={"onix": port}), clock=clock)
    with live(app, port=port) as server:
        login = {"username": NORDLYS["user"], "password": NORDLYS["password"]}
        token = httpx.post(f"{server.url}/v1/Account/token", json=login).json()
        response = httpx.get(f"{server.url}/v1/company/order-statuses", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    assert response.json()[0] == {"key": "1", "value": "New"}


@pytest.mark.live
def test_curl_example_works_as_printed(clock: Clock, live: Any) -> None:
    app = create_app(Settings(seed=1), clock=clock)
    provider = app.state.registry.by_name["onix"]
    with live(app) as server:
        line = provider.provider.curl_example(provider.config, server.url)
        result = subprocess.run(shlex.split(line), capture_output=True, text=True, timeout=30, check=True)
    assert result.stdout.startswith('[{"key":"1","value":"Ny"}')


def test_admin_state_lists_the_collections_a_sandbox_user_wrote(onix: Onix) -> None:
    onix.login()
    product_id = onix.ok("/company/products", {"productNo": "SANDBOX-1", "name": "Sandkasse"})
    stored = [p for p in onix.state("products") if p["productNo"] == "SANDBOX-1"]
    assert [(p["productId"], p["name"]) for p in stored] == [(product_id, "Sandkasse")]
    assert not [p for p in onix.state("products", "fjordkontroll") if p["productNo"] == "SANDBOX-1"]


def test_key_value_list_switch_writes_an_object(clock: Clock) -> None:
    app = create_app(Settings(seed=1, options={"onix": {"key_value_list": "object"}}), clock=clock)
    with TestClient(app) as client:
        response = client.get("/onix/v1/company/order-statuses", headers={"Authorization": NORDLYS["key"]})
    assert response.json() == {"1": "New", "2": "In progress", "3": "Delivered", "4": "Closed"}


def test_token_lifetime_switch(clock: Clock) -> None:
    app = create_app(Settings(seed=1, options={"onix": {"token_minutes": 5}}), clock=clock)
    with TestClient(app) as client:
        onix = Onix(client)
        onix.login()
        onix.advance(299)
        assert onix.get("/company/order-statuses").status_code == 200
        onix.advance(1)
        assert onix.get("/company/order-statuses").status_code == 401
