"""Helpers for the OnlineAfspraken tests: signed calls through TestClient, XML in and out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from lxml import etree

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.providers.onlineafspraken.signing import signed_query
from mockserver.settings import Settings
from tests.conftest import FROZEN_AT

ENDPOINT = "/onlineafspraken/APIREST"
KEY, SECRET = "oa-demo-key", "oa-demo-secret"
WEST_KEY, WEST_SECRET = "oa-west-key", "oa-west-secret"


class Api:
    """Signed APIREST calls against an in-process app whose clock the test controls."""

    def __init__(self, client: TestClient, clock: Clock, key: str = KEY, secret: str = SECRET) -> None:
        self.client = client
        self.clock = clock
        self.key = key
        self.secret = secret

    def now(self) -> int:
        return int(self.clock.timestamp())

    def query(self, method: str, params: dict[str, Any], *, salt: int | None = None, sha1: bool = False) -> list:
        pairs = [(k, str(v)) for k, v in params.items()]
        return signed_query(
            method,
            pairs,
            self.key,
            self.secret,
            self.now() if salt is None else salt,
            algorithm="sha1" if sha1 else "sha256",
        )

    def send(self, pairs: list[tuple[str, str]], *, post: bool = False) -> etree._Element:
        if post:
            response = self.client.post(ENDPOINT, data=dict(pairs))
        else:
            response = self.client.get(ENDPOINT, params=pairs)
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].startswith("text/xml")
        return etree.fromstring(response.content)

    def call(self, method: str, **params: Any) -> etree._Element:
        return self.send(self.query(method, params))

    def ok(self, method: str, **params: Any) -> etree._Element:
        root = self.call(method, **params)
        assert status_of(root) == "success", etree.tostring(root).decode()
        return root

    def fail(self, method: str, **params: Any) -> tuple[str, str]:
        root = self.call(method, **params)
        return failure_of(root)


def status_of(root: etree._Element) -> str:
    return str(root.findtext("Status/Status"))


def failure_of(root: etree._Element) -> tuple[str, str]:
    assert status_of(root) == "failed", etree.tostring(root).decode()
    return str(root.findtext("Status/Code")), str(root.findtext("Status/Message"))


def objects(root: etree._Element, tag: str) -> list[dict[str, str]]:
    """The items under <Objects> as flat dicts of their leaf elements."""
    return [
        {child.tag: child.text or "" for child in item if len(child) == 0} for item in root.findall(f"Objects/{tag}")
    ]


@pytest.fixture(scope="module")
def shared_api() -> Iterator[Api]:
    """One app for a module of tests that change no state and leave the (frozen) clock alone."""
    clock = Clock()
    clock.freeze(FROZEN_AT)
    with TestClient(create_app(Settings(seed=1234), clock=clock)) as client:
        yield Api(client, clock)


@pytest.fixture
def strict_app(clock: Clock) -> FastAPI:
    return create_app(Settings(seed=1234, options={"onlineafspraken": {"strict_signatures": True}}), clock=clock)


@pytest.fixture
def api(client: TestClient, clock: Clock) -> Api:
    return Api(client, clock)


@pytest.fixture
def west(client: TestClient, clock: Clock) -> Api:
    return Api(client, clock, WEST_KEY, WEST_SECRET)


@pytest.fixture
def strict_api(strict_app: FastAPI, clock: Clock) -> Iterator[Api]:
    with TestClient(strict_app) as client:
        yield Api(client, clock)


@pytest.fixture
def agenda_id(api: Api) -> int:
    agendas = objects(api.ok("getAgendas"), "Agenda")
    return int(next(a["Id"] for a in agendas if a["Name"] == "Praktijk Centrum"))


@pytest.fixture
def intake(api: Api, agenda_id: int) -> dict[str, str]:
    """The named 30-minute type with a 10-minute buffer."""
    kinds = objects(api.ok("getAppointmentTypes", AgendaId=agenda_id), "AppointmentType")
    return next(k for k in kinds if k["Name"] == "Intakegesprek")


@pytest.fixture
def customer_id(api: Api) -> int:
    found = objects(api.ok("getCustomers", Email="jan.devries@example.nl"), "Customer")
    return int(found[0]["Id"])
