"""``--provider-port oncrawl=PORT``: the vendor's paths at the root of a port of its own, errors included."""

from __future__ import annotations

import httpx
import pytest

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings
from tests.conftest import free_port, run_live
from tests.providers.oncrawl.conftest import FULL, SHOP, bearer


@pytest.mark.live
def test_own_port_serves_v1_and_v2_at_the_root(clock: Clock) -> None:
    port = free_port()
    app = create_app(Settings(seed=1, provider_ports={"oncrawl": port}), clock=clock)
    with run_live(app, port=port), httpx.Client(base_url=f"http://127.0.0.1:{port}", headers=bearer(FULL)) as http:
        project = http.get(f"/api/v2/projects/{SHOP}")
        assert project.status_code == 200
        assert project.json()["project"]["id"] == SHOP
        assert http.get("/api/projects").json()["projects"][0]["id"] == SHOP
        login = http.post("/session", json={"identification": "demo", "password": "demo-password"})
        assert login.status_code == 200
        missing = http.get("/api/v2/nothing")
        assert missing.status_code == 404
        assert missing.json()["type"] == "resource_not_found"
