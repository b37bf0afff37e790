"""The served OnCrawl document: v2 errors on v2 paths, the v1 body elsewhere, OAuth2's own, exports."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from mockserver.core.openapi import operations
from tests.openapi_check import find_operation, problems
from tests.providers.oncrawl.conftest import CRAWL, V1, V2, Api

REF = "#/components/responses/"


@pytest.fixture(scope="module")
def document(reader: Api) -> dict[str, Any]:
    served: dict[str, Any] = reader.client.get("/__openapi/oncrawl.json").json()
    return served


def envelope(document: dict[str, Any], path: str, method: str, status: str) -> str:
    operation = find_operation(document, method, path)
    assert operation is not None, path
    return str(operation["responses"][status]["$ref"]).removeprefix(REF)


def test_v2_paths_describe_the_v2_body_and_v1_paths_the_v1_body(document: dict[str, Any]) -> None:
    assert envelope(document, f"/api/v2/crawls/{CRAWL}", "GET", "404") == "V2Error"
    assert envelope(document, f"/api/crawls/{CRAWL}/url-explorer", "GET", "422") == "V1Error"
    assert envelope(document, "/oauth/token", "POST", "401") == "OAuthError"
    v1 = [op for path, _, op in operations(document) if path.startswith("/api/") and not path.startswith("/api/v2/")]
    # The v1 overview knows 401 and 422 for client errors: no 400, no 403.
    assert v1 and all(not {"400", "403"} & set(op["responses"]) for op in v1)


def test_every_call_may_answer_429_and_500_in_its_envelope(document: dict[str, Any]) -> None:
    for path, method, operation in operations(document):
        want = "V2Error" if path.startswith("/api/v2/") else "V1Error"
        for status in ("429", "500"):
            assert operation["responses"][status] == {"$ref": REF + want}, (method, path, status)


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("GET", f"{V2}/projects", {"headers": {"Authorization": "Bearer nope"}}, 401),
        ("GET", f"{V1}/projects", {"headers": {"Authorization": "Bearer nope"}}, 401),
        ("POST", f"{V1}/crawls/{CRAWL}/aggs", {"json": {"aggs": []}}, 422),
        ("POST", "/oncrawl/oauth/token", {"data": {"client_id": "nope"}}, 401),
        ("POST", f"{V2}/data/crawl/{CRAWL}/pages", {"params": {"export": "true", "file_type": "json"}}, 200),
        ("POST", f"{V2}/data/crawl/{CRAWL}/pages", {"params": {"export": "true"}}, 200),
    ],
)
def test_answers_match_the_document(
    reader: Api, document: dict[str, Any], method: str, path: str, kwargs: dict[str, Any], status: int
) -> None:
    response = reader.request(method, path, **kwargs)
    assert response.status_code == status
    operation = find_operation(document, method, path.removeprefix("/oncrawl"))
    assert operation is not None
    found = problems(document, operation, status, response.headers.get("content-type"), response.content)
    assert found == []


def test_an_answer_outside_the_document_is_caught(client: TestClient, document: dict[str, Any]) -> None:
    operation = find_operation(document, "GET", "/api/v2/projects")
    assert operation is not None
    assert problems(document, operation, 401, "application/json", b'{"errors": {"_other": ["unauthorized"]}}')
    assert problems(document, operation, 200, "application/json", b'{"projects": []}')
