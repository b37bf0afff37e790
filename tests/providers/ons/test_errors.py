"""One class per vendor error, one envelope: the ErrorResponse, for every status the seed lists."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from lxml import etree
from starlette.requests import Request
from starlette.responses import Response

from mockserver.core.errors import MockError
from mockserver.core.provider import detached
from mockserver.providers.ons import OnsProvider
from mockserver.providers.ons.errors import BadRequest, ErrorEntry, error_for_status


def render_error(request: Request, exc: MockError) -> Response:
    """The Ons envelope through a handle on no server (rendering needs no state)."""
    return detached(OnsProvider()).render_error(request, exc)


def request_with(accept: str | None) -> Request:
    headers = [(b"accept", accept.encode())] if accept else []
    return Request({"type": "http", "method": "GET", "path": "/ons/t/x", "headers": headers, "query_string": b""})


@pytest.mark.parametrize(
    ("status", "name"),
    [
        (400, "BadRequest"),
        (401, "InsufficientRights"),
        (403, "AuthenticationFailed"),
        (404, "NotFound"),
        (405, "MethodNotAllowed"),
        (406, "NotAcceptable"),
        (409, "Conflict"),
        (413, "BadRequest"),
        (415, "UnsupportedMediaType"),
        (422, "BadRequest"),
        (423, "Locked"),
        (429, "TooManyRequests"),
        (500, "InternalServerError"),
        (502, "BadGateway"),
        (503, "ServiceUnavailable"),
        (504, "GatewayTimeout"),
    ],
)
def test_error_for_status_maps_framework_failures_to_vendor_errors(status: int, name: str) -> None:
    error = error_for_status(status, "what happened")
    assert type(error).__name__ == name
    assert OnsProvider.errors[name] is type(error)
    assert error.message == "what happened"


def test_error_for_an_unlisted_status_keeps_the_status() -> None:
    assert error_for_status(418, "teapot").status == 418


@pytest.mark.parametrize("name", sorted(OnsProvider.errors))
def test_every_vendor_error_renders_as_an_error_response(name: str) -> None:
    cls = OnsProvider.errors[name]
    response = render_error(request_with("application/json"), cls())
    assert response.status_code == cls.status
    assert response.body.startswith(b'{"errorResponseEntries":[{"field":null,"value":null,"message":"')


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_server_errors_render_in_xml_when_asked(status: int) -> None:
    provider = OnsProvider()
    response = render_error(request_with("application/xml"), provider.error_for_status(status, "down"))
    root = etree.fromstring(response.body)
    assert (response.status_code, root.tag) == (status, "errorResponse")
    assert root.findtext("errorResponseEntries/errorResponseEntry/message") == "down"


def test_render_error_keeps_entries_and_headers() -> None:
    error = BadRequest(entries=[ErrorEntry("a is wrong", "a", "1"), ErrorEntry("b is wrong", "b", None)])
    error.headers["Retry-After"] = "3"
    response = render_error(request_with(None), error)
    assert response.headers["retry-after"] == "3"
    assert response.body == (
        b'{"errorResponseEntries":[{"field":"a","value":"1","message":"a is wrong"},'
        b'{"field":"b","value":null,"message":"b is wrong"}]}'
    )


def test_render_error_of_a_plain_mock_error_uses_the_vendor_envelope() -> None:
    response = render_error(request_with("*/*"), MockError("boom", status=503))
    assert (response.status_code, response.body) == (
        503,
        b'{"errorResponseEntries":[{"field":null,"value":null,"message":"boom"}]}',
    )


def test_xml_error_with_control_characters_still_renders() -> None:
    error = BadRequest("bad", field="id", value="\x00\x1f")
    root = etree.fromstring(render_error(request_with("text/xml"), error).body)
    assert root.findtext("errorResponseEntries/errorResponseEntry/value") == "\ufffd\ufffd"


def test_framework_validation_and_unknown_routes_never_answer_detail(ons: TestClient) -> None:
    for response in (ons.get("/ons/t"), ons.patch("/ons/t/clients/1"), ons.get("/ons/nothing/here")):
        assert "detail" not in response.json() and "errorResponseEntries" in response.json()
