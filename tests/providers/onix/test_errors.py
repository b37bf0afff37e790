"""The three Onix error bodies, the trace id, the fixtures' validation, and the errors scenarios may name."""

from __future__ import annotations

import re

import orjson
import pytest

from mockserver.config_errors import ConfigError
from mockserver.providers.onix import errors
from mockserver.providers.onix.config import load_config
from mockserver.providers.onix.respond import error, error_body, trace_id

TRACE = re.compile(r"\A00-[0-9a-f]{32}-[0-9a-f]{16}-00\Z")


def test_trace_id_is_a_w3c_traceparent_and_stable_per_request() -> None:
    assert TRACE.match(trace_id("req-1"))
    assert trace_id("req-1") == trace_id("req-1") != trace_id("req-2")


def test_validation_body_has_the_seed_members_in_order() -> None:
    exc = errors.ValidationFailed(errors={"source": ["Source is invalid"]})
    body = orjson.loads(error_body(exc, "00-" + "a" * 32 + "-" + "b" * 16 + "-00") or b"")
    assert list(body) == ["type", "title", "status", "traceId", "errors"]
    assert body["title"] == "One or more validation errors occurred."
    assert body["type"] == "https://tools.ietf.org/html/rfc7231#section-6.5.1"
    assert body["errors"] == {"source": ["Source is invalid"]}


def test_logic_body_is_a_list_of_member_names_and_message() -> None:
    body = orjson.loads(error_body(errors.InvalidWorkflowStatusId(), "t") or b"")
    assert body == [{"memberNames": ["workflowStatusId"], "errorMessage": "Invalid Workflow Status Id"}]


def test_unauthorized_has_no_body_and_a_challenge() -> None:
    response = error(errors.Unauthorized("The token expired", error="invalid_token"), "t")
    assert response.status_code == 401 and response.body == b""
    assert response.headers["www-authenticate"] == 'Bearer error="invalid_token", error_description="The token expired"'


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (404, errors.NotFound),
        (405, errors.MethodNotAllowed),
        (400, errors.ValidationFailed),
        (413, errors.PayloadTooLarge),
        (415, errors.UnsupportedMediaType),
        (500, errors.ServerError),
    ],
)
def test_framework_statuses_map_to_vendor_classes(status: int, cls: type[errors.OnixError]) -> None:
    found = errors.error_for_status(status, "x")
    assert type(found) is cls and found.status == status


def test_other_statuses_keep_their_status_as_problem_details() -> None:
    body = orjson.loads(error_body(errors.error_for_status(503, "down"), "t") or b"")
    assert (body["status"], body["title"]) == (503, "Service Unavailable")


@pytest.mark.parametrize("name", sorted(errors.ERRORS))
def test_every_named_error_can_be_built_by_a_scenario(name: str) -> None:
    cls = errors.ERRORS[name]
    assert cls().status >= 400
    assert cls("custom").message == "custom"


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (
            {
                "companies": [
                    {"name": "a", "company_id": 1, "key": "short", "users": [{"email": "a@b", "password": "p"}]}
                ]
            },
            "companies[0].key",
        ),
        ({"companies": []}, "companies"),
        ({"records": {"products": [{"product_no": "X", "name": "X", "product_type": 9}]}}, "records.products"),
        ({"options": {"token_minutes": 0}}, "options.token_minutes"),
    ],
)
def test_bad_fixtures_name_the_field(raw: dict[str, object], field: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(raw, "onix.yaml", {})
    assert (caught.value.field or "").startswith(field)
