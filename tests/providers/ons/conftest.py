"""Ons test helpers: an app per option set, connector headers, and short request helpers."""

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

HR = "hr_integration-TE1002-free_text"
VIEWER = "planning_readonly-TE1002-viewer"
FINANCE = "finance_integration-DF0000-production"
JSON = {"Accept": "application/json"}
XML = {"Accept": "application/xml"}


def as_connector(cn: str, **extra: str) -> dict[str, str]:
    return {"X-Client-Cert-CN": cn, "Accept": "application/json", **extra}


MakeClient = Callable[..., TestClient]


@pytest.fixture
def make_client(with_options: WithOptions) -> MakeClient:
    """``make_client(spec_mode=True)``: a TestClient on an app with those Ons switches."""
    return partial(with_options, "ons")


@pytest.fixture(scope="module")
def shared() -> Iterator[TestClient]:
    """One app per module for table tests that change nothing (or nothing another row reads).

    It sends no headers of its own: without a certificate requests go as the default connector.
    """
    clock = Clock()
    clock.freeze(FROZEN_AT)
    with TestClient(create_app(Settings(seed=1234), clock=clock)) as client:
        yield client


@pytest.fixture
def ons(client: TestClient) -> TestClient:
    """The default app (seed 1234, frozen clock); requests go out as the full-rights connector."""
    client.headers.update(as_connector(HR))
    return client


def entries(response: Any) -> list[dict[str, Any]]:
    """The ErrorResponse entries of a JSON error answer."""
    body = response.json()
    assert set(body) == {"errorResponseEntries"}, body
    return list(body["errorResponseEntries"])
