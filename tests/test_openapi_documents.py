"""The served OpenAPI documents: one per provider, all of them in one, and a provider's own file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

import mockserver.app
from mockserver.app import create_app
from mockserver.core.openapi import operations, read_beside
from mockserver.core.pending_routes import mount_all
from mockserver.providers import all_providers
from mockserver.settings import Settings
from tests.openapi_check import find_operation, problems
from tests.scenarios.toy import ToyProvider

PROVIDERS = {p.name: p.prefix for p in all_providers()}


def refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "$ref"] + [r for v in node.values() for r in refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in refs(v)]
    return []


def resolves(document: dict[str, Any], ref: str) -> bool:
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


@pytest.mark.parametrize(("name", "prefix"), PROVIDERS.items())
def test_each_provider_serves_a_document_for_every_route_below_its_prefix(
    client: TestClient, name: str, prefix: str
) -> None:
    document = client.get(f"/__openapi/{name}.json").json()
    assert document["openapi"] == "3.1.0"
    assert document["servers"][0]["url"] == prefix
    served = {(path, method) for path, method, _ in operations(document)}
    mount_all(client.app)  # type: ignore[arg-type]
    routes = {
        (route.path[len(prefix) :], method.lower())
        for route in client.app.routes  # type: ignore[attr-defined]
        if isinstance(route, APIRoute) and route.path.startswith(prefix + "/")
        for method in route.methods
    }
    assert served == routes
    assert all(resolves(document, ref) for ref in refs(document))


@pytest.mark.parametrize("name", PROVIDERS)
def test_each_provider_describes_its_answers_rather_than_serving_the_paths_only_fallback(
    client: TestClient, name: str
) -> None:
    document = client.get(f"/__openapi/{name}.json").json()
    for path, method, operation in operations(document):
        statuses = set(operation["responses"]) - {"default"}
        assert any(s.startswith("2") or s.startswith("3") for s in statuses), (name, method, path)
        assert any(s.startswith("4") for s in statuses), (name, method, path)


def test_the_combined_document_holds_every_provider_below_its_prefix(client: TestClient) -> None:
    combined = client.get("/__openapi.json").json()
    for name, prefix in PROVIDERS.items():
        own = client.get(f"/__openapi/{name}.json").json()
        for path, method, operation in operations(own):
            merged = combined["paths"][prefix + path][method]
            if "operationId" in operation:
                assert merged["operationId"] == f"{name}.{operation['operationId']}"
            assert merged["tags"] == [name]
    assert all(resolves(combined, ref) for ref in refs(combined))
    ids = [op["operationId"] for _, _, op in operations(combined) if "operationId" in op]
    assert len(set(ids)) == len(ids)


def test_an_unknown_provider_document_is_a_404_naming_the_known_ones(client: TestClient) -> None:
    response = client.get("/__openapi/nope.json")
    assert response.status_code == 404
    assert all(name in response.json()["error"] for name in PROVIDERS)


def test_swagger_ui_reads_the_combined_document(client: TestClient) -> None:
    response = client.get("/__docs")
    assert response.status_code == 200
    assert "/__openapi.json" in response.text


def test_ons_switches_change_the_document(clock: Any) -> None:
    plain = TestClient(create_app(Settings(seed=1), clock=clock)).get("/__openapi/ons.json").json()
    switched = Settings(seed=1, options={"ons": {"spec_mode": True, "require_certificate": True}})
    spec = TestClient(create_app(switched, clock=clock)).get("/__openapi/ons.json").json()
    assert set(plain["paths"]["/t/clients"]["post"]["responses"]) >= {"201", "400", "409"}
    assert "200" in spec["paths"]["/t/clients"]["post"]["responses"]
    assert "201" not in spec["paths"]["/t/clients"]["post"]["responses"]
    assert {} in plain["security"] and {} not in spec["security"]


def test_a_provider_without_a_document_gets_its_routes_and_no_promises(
    monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    monkeypatch.setattr(mockserver.app, "all_providers", lambda: [*all_providers(), ToyProvider()])
    with TestClient(create_app(settings)) as client:
        document = client.get("/__openapi/toy.json").json()
        item = client.get("/toy/items/1", headers={"x-toy-key": "key-alpha-0001"})
    assert document["servers"][0]["url"] == "/toy"
    operation = find_operation(document, "GET", "/items/1")
    assert operation is not None and list(operation["responses"]) == ["default"]
    assert problems(document, operation, item.status_code, item.headers["content-type"], item.content) == []


def test_a_document_file_beside_the_package_is_read(tmp_path: Path) -> None:
    assert read_beside(tmp_path) is None
    (tmp_path / "openapi.json").write_text(json.dumps({"openapi": "3.1.0", "paths": {"/a": {}}}))
    assert read_beside(tmp_path) == {"openapi": "3.1.0", "paths": {"/a": {}}}
    (tmp_path / "openapi.yaml").write_text("openapi: 3.1.0\npaths:\n  /b: {}\n")
    assert read_beside(tmp_path) == {"openapi": "3.1.0", "paths": {"/b": {}}}
    (tmp_path / "openapi.yaml").write_text("- not a document\n")
    with pytest.raises(ValueError, match="not an OpenAPI document"):
        read_beside(tmp_path)
