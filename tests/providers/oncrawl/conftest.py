"""Helpers for the OnCrawl tests: the fixture ids and tokens, and calls with a token."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings
from tests.conftest import FROZEN_AT

V1 = "/oncrawl/api"
V2 = "/oncrawl/api/v2"
FULL = "oc-demo-token-full"
READ_ONLY = "oc-demo-token-readonly"
NORTH = "oc-north-token"
WORKSPACE = "5f1e00000000000000000001"
SHOP = "5f1e0000000000000000a001"
BLOG = "5f1e0000000000000000a002"
CRAWL = "5f1e0000000000000000c002"  # Demo shop, 2,000 pages, done
OLD_CRAWL = "5f1e0000000000000000c001"
COC = "5f1e0000000000000000cc01"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


class Api:
    """Calls with one token; ``get``/``post``/... return the httpx response."""

    def __init__(self, client: TestClient, token: str = FULL) -> None:
        self.client = client
        self.token = token

    def request(self, method: str, path: str, **kwargs: Any) -> Response:
        headers = {**bearer(self.token), **kwargs.pop("headers", {})}
        return self.client.request(method, path, headers=headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> Response:
        return self.request("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Response:
        return self.request("DELETE", path, **kwargs)

    def ok(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.request(method, path, **kwargs)
        assert response.status_code == 200, response.text
        return response.json()


def v2_error(type_: str, code: str, message: str, fields: Any = None) -> dict[str, Any]:
    return {"type": type_, "code": code, "message": message, "fields": fields}


@pytest.fixture(scope="module")
def reader() -> Iterator[Api]:
    """One app per module for tests that only read (building crawl data once)."""
    clock = Clock()
    clock.freeze(FROZEN_AT)
    with TestClient(create_app(Settings(seed=1234), clock=clock)) as client:
        yield Api(client)


def own_fixtures(tmp_path: Path, oncrawl_yaml: str) -> Settings:
    """Settings whose fixtures folder holds only this oncrawl.yaml (the other providers keep their defaults)."""
    fixtures = tmp_path / "fixtures"
    fixtures.mkdir()
    (fixtures / "oncrawl.yaml").write_text(oncrawl_yaml, encoding="utf-8")
    return Settings(seed=1, fixtures=fixtures)
