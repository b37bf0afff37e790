"""The admin API answers what its OpenAPI document says: {"error"} with 400, never FastAPI's {"detail"} or 422."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.openapi import operations
from mockserver.settings import Settings


@pytest.mark.parametrize(
    ("path", "body"),
    [
        # Found by Schemathesis: FastAPI's own parse error left as {"detail": ...}.
        ("/__admin/clock", b"\x1dJa{"),
        ("/__admin/requests/count", b"{not json"),
        # Pydantic would read a number as Unix seconds and "5" as 5; the document says text and number.
        ("/__admin/clock", b'{"action": "set", "at": 4.2}'),
        ("/__admin/clock", b'{"action": "advance", "seconds": "5"}'),
        ("/__admin/requests/count", b'{"status": "200"}'),
    ],
)
def test_a_body_the_document_does_not_allow_is_a_400_error(client: TestClient, path: str, body: bytes) -> None:
    response = client.post(path, content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert set(response.json()) == {"error"}


def test_the_document_has_no_422_and_names_the_error_answers(client: TestClient) -> None:
    document: dict[str, Any] = client.get("/__admin/openapi.json").json()
    assert document["servers"] == [{"url": "/__admin", "description": "this emulator's admin API"}]
    for path, method, operation in operations(document):
        assert "422" not in operation["responses"], (method, path)
        assert "401" in operation["responses"], (method, path)
    clock = document["paths"]["/clock"]["post"]
    assert {"200", "400", "401", "413"} <= set(clock["responses"])
    assert "404" in document["paths"]["/state/{provider}/{collection}"]["get"]["responses"]
    scenarios = document["paths"]["/scenarios"]["post"]["requestBody"]["content"]
    assert set(scenarios) == {"application/yaml", "application/json"}
    assert {} in document["security"]


def test_with_a_token_the_document_requires_it() -> None:
    with TestClient(create_app(Settings(seed=1, admin_token="s3cret"))) as client:
        headers = {"Authorization": "Bearer s3cret"}
        document = client.get("/__admin/openapi.json", headers=headers).json()
    assert document["security"] == [{"adminToken": []}]
