"""The document the emulator describes LeanLaw with: the vendor's, with the statuses and bodies it really answers."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from mockserver.providers.leanlaw import schema
from mockserver.providers.leanlaw.openapi import served_document
from tests.providers.leanlaw.conftest import BASE, READ_ONLY, Api, bearer, first
from tests.providers.leanlaw.contract import answer_problems


def test_served_document_keeps_every_operation_and_schema_of_the_vendor() -> None:
    served, vendor = served_document(), schema.document()
    assert served["openapi"] == "3.1.0"
    assert {(p, m) for p, item in served["paths"].items() for m in item} == {
        (p, m) for p, item in vendor["paths"].items() for m in item
    }
    assert set(served["components"]["schemas"]) == set(vendor["components"]["schemas"]) | {"Error"}
    assert "nullable" not in str(served)
    assert "'format': 'time'" not in str(served)


def test_times_of_day_are_described_as_the_vendor_writes_them() -> None:
    time = served_document()["components"]["schemas"]["TimeEntryList"]["properties"]["time"]
    assert time["type"] == ["string", "null"]
    pattern = re.compile(time["pattern"])
    assert pattern.search("13:50:00") and pattern.search("09:05:00.1234567")
    assert not pattern.search("13:50") and not pattern.search("24:00:00")


@pytest.mark.parametrize(("post_status", "absent"), [(201, "200"), (200, "201")])
def test_post_answers_with_the_switched_status(post_status: int, absent: str) -> None:
    responses = served_document(post_status)["paths"]["/v2/clients"]["post"]["responses"]
    assert str(post_status) in responses
    assert absent not in responses


def test_answers_of_the_api_fit_the_served_document(client: TestClient, api: Api) -> None:
    document = served_document()
    client_id = first(api, "/clients")["clientId"]
    calls = [
        ("GET", "/v2/clients", {}, None, bearer(api.key)),
        ("GET", "/v2/clients", {}, None, {}),
        ("GET", "/v2/clients", {"limit": "0"}, None, bearer(api.key)),
        ("GET", "/v2/clients/{id}", {}, None, bearer(api.key)),
        ("POST", "/v2/clients", {}, {"name": "Fit LLC"}, bearer(api.key)),
        ("POST", "/v2/clients", {}, {"name": "Fit LLC"}, bearer(READ_ONLY)),
        ("DELETE", "/v2/clients/{id}", {}, None, bearer(api.key)),
        ("POST", "/v2/expenses", {}, {"matterId": "x"}, bearer(api.key)),
    ]
    for method, path, query, body, headers in calls:
        url = BASE + path.removeprefix("/v2").format(id=client_id)
        response = client.request(method, url, params=query, json=body, headers=headers)
        assert answer_problems(document, method, path, response.status_code, response.content) == []


def test_an_empty_filter_is_read_as_left_out_and_the_document_allows_it(client: TestClient, api: Api) -> None:
    every = client.get(f"{BASE}/custom-fields", headers=bearer(api.key))
    empty = client.get(f"{BASE}/custom-fields", params={"entity": ""}, headers=bearer(api.key))
    assert empty.status_code == 200
    assert empty.json() == every.json()
    parameters = served_document()["paths"]["/v2/custom-fields"]["get"]["parameters"]
    entity = next(p for p in parameters if p["name"] == "entity")
    assert {"type": "string", "maxLength": 0} in entity["schema"]["anyOf"]


def test_an_empty_limit_is_a_400_and_the_document_does_not_allow_it(client: TestClient, api: Api) -> None:
    assert client.get(f"{BASE}/clients", params={"limit": ""}, headers=bearer(api.key)).status_code == 400
    parameters = served_document()["paths"]["/v2/clients"]["get"]["parameters"]
    assert "anyOf" not in next(p for p in parameters if p["name"] == "limit")["schema"]
