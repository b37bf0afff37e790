"""AdminClient against a live server: each call does what the HTTP API does, refusals raise AdminError."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from mockserver.client import AdminClient, AdminError

pytestmark = pytest.mark.live


def test_the_client_resets_moves_the_clock_applies_scenarios_and_verifies(
    app: FastAPI, live: Callable[..., Any]
) -> None:
    with live(app) as server, AdminClient(server.url) as admin:
        assert admin.base_url_of("ons") == server.url + "/ons"
        created = httpx.post(
            server.url + "/ons/t/clients",
            json={"firstName": "Jan", "birthName": "Smit"},
            headers={"Accept": "application/json"},
        )
        assert created.status_code == 201
        assert admin.count(provider="ons", body_json={"birthName": "Smit"}) == 1
        assert admin.requests(method="POST")[0]["request_body"] == {"firstName": "Jan", "birthName": "Smit"}
        assert admin.advance(90)["timestamp"] == 1772443890  # 2026-03-02T09:31:30Z
        assert admin.apply_scenario("ons-maintenance", tenant="TE1002")["name"] == "ons-maintenance"
        assert admin.credentials("onlineafspraken")[0]["api_key"] == "oa-demo-key"
        assert admin.state("ons", "teams", tenant="TE1002")
        every = admin.reset_all()
        assert (every["scenarios_removed"], every["journal_cleared"]) == (1, 1)
        assert admin.count() == 0
        with pytest.raises(AdminError) as refused:
            admin.state("nosuch", "things")
        assert refused.value.status == 404
        assert refused.value.message.startswith("unknown provider 'nosuch'")
        with pytest.raises(AdminError) as bad:
            admin.count(body_xpath="//[")
        assert bad.value.status == 400
