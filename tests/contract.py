"""Every answer the suite's in-process clients get is checked against the served OpenAPI documents."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from starlette.testclient import _TestClientTransport

from tests.openapi_check import find_operation, problems

ADMIN = "/__admin"


def documents_for(app: Any, path: str) -> tuple[dict[str, Any], str] | None:
    """(document, path relative to its server) for a request to ``app``; None outside every document."""
    state = getattr(app, "state", None)
    documents = getattr(state, "documents", None)
    if documents is None:
        return None
    if path.startswith(ADMIN + "/"):
        return state.admin.openapi(), path[len(ADMIN) :]
    provider = state.registry.for_path(path)
    if provider is None:
        return None
    return documents.of(provider.name), path[len(provider.prefix) :]


def injected(app: Any, request_id: str | None) -> bool:
    """Whether a scenario decided this answer (its rules may answer anything, on purpose)."""
    for entry in app.state.mock.journal.find(None, limit=64):
        if entry.id == request_id:
            return bool(entry.rule or entry.fault)
    return bool(app.state.scenarios.engine.active())


def contradictions(app: Any, request: httpx.Request, response: httpx.Response) -> list[str]:
    found = documents_for(app, request.url.path)
    if found is None:
        return []
    document, path = found
    operation = find_operation(document, request.method, path)
    if operation is None or injected(app, response.headers.get("x-request-id")):
        return []
    return problems(document, operation, response.status_code, response.headers.get("content-type"), response.read())


@contextmanager
def checking_answers() -> Iterator[None]:
    """Wrap the test client's transport: an answer its document does not allow fails the request."""
    original = _TestClientTransport.handle_request

    def handle_request(self: _TestClientTransport, request: httpx.Request) -> httpx.Response:
        response = original(self, request)
        found = contradictions(self.app, request, response)
        if found:
            where = f"{request.method} {request.url.path} -> {response.status_code}"
            raise AssertionError(f"{where} contradicts the OpenAPI document: " + "; ".join(found))
        return response

    _TestClientTransport.handle_request = handle_request  # type: ignore[method-assign]
    try:
        yield
    finally:
        _TestClientTransport.handle_request = original  # type: ignore[method-assign]
