"""Scenario tests run against the real providers plus the toy one; delays go to a recording sleeper."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import yaml
from fastapi import FastAPI
from fastapi.testclient import TestClient

import mockserver.app
from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.core.scenarios.middleware import ScenarioMiddleware
from mockserver.providers import all_providers
from mockserver.settings import Settings
from tests.scenarios.toy import ToyProvider

ALPHA = {"x-toy-key": "key-alpha-0001"}
BETA = {"x-toy-key": "key-beta-00002"}


@pytest.fixture(autouse=True)
def with_toy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mockserver.app, "all_providers", lambda: [*all_providers(), ToyProvider()])


class Sleeps(list[float]):
    """Delays the middleware asked for, recorded instead of slept."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


def use_sleeper(app: FastAPI, sleeper: Sleeps) -> None:
    for middleware in app.user_middleware:
        if middleware.cls is ScenarioMiddleware:
            middleware.kwargs["sleep"] = sleeper


@pytest.fixture
def toy_app(settings: Settings, clock: Clock, sleeps: Sleeps) -> FastAPI:
    app = create_app(settings, clock=clock)
    use_sleeper(app, sleeps)
    return app


@pytest.fixture
def toy(toy_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(toy_app) as c:
        yield c


@pytest.fixture
def apply(toy: TestClient) -> Callable[..., dict[str, Any]]:
    """Apply a scenario (a dict) over the admin API; fails the test when refused."""

    def _apply(scenario: dict[str, Any], tenant: str | None = None) -> dict[str, Any]:
        params = {"tenant": tenant} if tenant else {}
        response = toy.post("/__admin/scenarios", content=yaml.safe_dump(scenario), params=params)
        assert response.status_code == 201, response.text
        return response.json()["applied"]  # type: ignore[no-any-return]

    return _apply


def journal(client: TestClient, **filters: Any) -> list[dict[str, Any]]:
    """Journal entries, oldest first."""
    entries = client.get("/__admin/requests", params={"limit": 1000, **filters}).json()["requests"]
    return list(reversed(entries))
