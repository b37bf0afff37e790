"""Helpers for the Onix tests: the demo companies, logged-in calls, the admin state view."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

BASE = "/onix/v1"
NORDLYS = {"user": "api@nordlys.example", "password": "Nordlys-Demo-2026", "key": "onix-key-nordlys-5c1f0e93d2a84b76"}
FJORD = {
    "user": "api@fjordkontroll.example",
    "password": "Fjord-Demo-2026",
    "key": "onix-key-fjordkontroll-8a2d4c61b0e9f357",
}
TRACE = re.compile(r"\A00-[0-9a-f]{32}-[0-9a-f]{16}-00\Z")
VALIDATION_TYPE = "https://tools.ietf.org/html/rfc7231#section-6.5.1"


class Onix:
    """Calls as one company, with its key (the default) or a short-lived token."""

    def __init__(self, client: TestClient, company: dict[str, str] = NORDLYS) -> None:
        self.client = client
        self.company = company
        self.auth = f"Key {company['key']}"

    def login(self) -> str:
        response = self.client.post(
            f"{BASE}/Account/token", json={"username": self.company["user"], "password": self.company["password"]}
        )
        assert response.status_code == 200, response.text
        token: str = response.json()
        self.auth = f"Bearer {token}"
        return token

    def post(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        headers = {"Authorization": self.auth, **kwargs.pop("headers", {})}
        return self.client.post(f"{BASE}{path}", json=body, headers=headers, **kwargs)

    def get(self, path: str, **kwargs: Any) -> Any:
        headers = {"Authorization": self.auth, **kwargs.pop("headers", {})}
        return self.client.get(f"{BASE}{path}", headers=headers, **kwargs)

    def ok(self, path: str, body: Any = None) -> Any:
        response = self.post(path, body)
        assert response.status_code == 200, response.text
        return response.json()

    def state(self, collection: str, tenant: str = "nordlys") -> list[dict[str, Any]]:
        response = self.client.get(f"/__admin/state/onix/{collection}", params={"tenant": tenant})
        assert response.status_code == 200, response.text
        records: list[dict[str, Any]] = response.json()["records"]
        return records

    def everything(self, tenant: str = "nordlys") -> dict[str, list[dict[str, Any]]]:
        names = ("orders", "order_lines", "products", "company_links", "contact_links")
        return {name: self.state(name, tenant) for name in names}

    def advance(self, seconds: float) -> None:
        response = self.client.post("/__admin/clock", json={"action": "advance", "seconds": seconds})
        assert response.status_code == 200, response.text


def problem(response: Any, status: int = 400) -> dict[str, Any]:
    """A ProblemDetails body with its traceId checked and removed (it differs per request)."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json; charset=utf-8"
    body: dict[str, Any] = response.json()
    assert TRACE.match(body.pop("traceId"))
    return body


def validation(errors: dict[str, list[str]]) -> dict[str, Any]:
    return {
        "type": VALIDATION_TYPE,
        "title": "One or more validation errors occurred.",
        "status": 400,
        "errors": errors,
    }


def logic(member: str | list[str], message: str) -> list[dict[str, Any]]:
    members = [member] if isinstance(member, str) else member
    return [{"memberNames": members, "errorMessage": message}]


@pytest.fixture
def onix_client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


@pytest.fixture
def onix(onix_client: TestClient) -> Onix:
    return Onix(onix_client)
