"""LeanLaw test helpers: the fixtures' keys, an app per option set, and short request helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings
from tests.conftest import FROZEN_AT, WithOptions

FULL = "ll-hartwell-full-0001"
READ_ONLY = "ll-hartwell-read-0002"
NO_RATES = "ll-hartwell-norates-0003"
OTHER_FIRM = "ll-cascade-full-0001"
BASE = "/leanlaw/v2"
EMPTY_GUID = "00000000-0000-0000-0000-000000000000"


def bearer(key: str, **extra: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}", **extra}


MakeClient = Callable[..., TestClient]


@pytest.fixture(scope="module")
def module_clock() -> Clock:
    c = Clock()
    c.freeze(FROZEN_AT)
    return c


@pytest.fixture(scope="module")
def module_client(module_clock: Clock) -> Iterator[TestClient]:
    """One app per test module (building an app costs more than a test); ``client`` resets its stores."""
    with TestClient(create_app(Settings(seed=1234), clock=module_clock)) as c:
        yield c


@pytest.fixture
def clock(module_clock: Clock) -> Clock:
    """The module's clock, frozen again at the suite's instant for every test."""
    module_clock.freeze(FROZEN_AT)
    return module_clock


@pytest.fixture
def client(module_client: TestClient, clock: Clock) -> TestClient:
    """The module's app with LeanLaw's stores reset: every test starts from the seeded firms."""
    assert module_client.post("/__admin/reset", params={"provider": "leanlaw"}).status_code == 200
    return module_client


@pytest.fixture
def make_client(with_options: WithOptions) -> MakeClient:
    """``make_client(post_status=200)``: a TestClient on an app with those LeanLaw switches."""
    return partial(with_options, "leanlaw")


class Api:
    """Requests as one key of the first firm: ``api.get("/clients", limit=2)``."""

    def __init__(self, client: TestClient, key: str = FULL) -> None:
        self.client = client
        self.key = key

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        return bearer(self.key, **(extra or {}))

    def get(self, path: str, headers: dict[str, str] | None = None, **query: Any) -> Any:
        return self.client.get(BASE + path, params=query, headers=self.headers(headers))

    def post(self, path: str, body: Any, headers: dict[str, str] | None = None) -> Any:
        return self.client.post(BASE + path, json=body, headers=self.headers(headers))

    def put(self, path: str, body: Any, headers: dict[str, str] | None = None) -> Any:
        return self.client.put(BASE + path, json=body, headers=self.headers(headers))

    def delete(self, path: str, headers: dict[str, str] | None = None) -> Any:
        return self.client.delete(BASE + path, headers=self.headers(headers))

    def data(self, path: str, **query: Any) -> Any:
        response = self.get(path, **query)
        assert response.status_code == 200, response.text
        return response.json()["data"]

    def as_key(self, key: str) -> Api:
        return Api(self.client, key)


@pytest.fixture
def api(client: TestClient) -> Api:
    return Api(client)


def first(api: Api, path: str, **query: Any) -> dict[str, Any]:
    items = api.data(path, limit=1, **query)
    assert items, f"no record at {path} with {query}"
    item: dict[str, Any] = items[0]
    return item
