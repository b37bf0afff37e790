"""Framework-level failures in the vendor's shapes, the credentials listing, and secrets kept out of the journal."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from mockserver.commands.credentials import collect
from mockserver.settings import Settings
from tests.providers.oncrawl.conftest import FULL, SHOP, V1, V2, Api, v2_error


@pytest.fixture
def api(client: TestClient) -> Api:
    return Api(client)


def test_unknown_v2_route_is_resource_not_found(api: Api) -> None:
    response = api.get(f"{V2}/nothing/here")
    assert response.status_code == 404
    assert response.json() == v2_error("resource_not_found", "not_found", f"no such resource: GET {V2}/nothing/here")


def test_wrong_method_on_v2_is_405_in_the_v2_shape(api: Api) -> None:
    response = api.put(f"{V2}/projects")
    assert response.status_code == 405
    message = f"method PUT is not allowed on {V2}/projects"
    assert response.json() == v2_error("invalid_request", "method_not_allowed", message)


def test_bad_json_on_v2_is_invalid_request(api: Api) -> None:
    response = api.post(f"{V2}/projects", content=b'{"project": ', headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    body = response.json()
    assert (body["type"], body["code"], body["fields"]) == ("invalid_request", "invalid_request", None)
    assert body["message"].startswith("the body is not valid JSON: ")


def test_body_over_the_limit_is_invalid_request(api: Api) -> None:
    big = b'{"fields": ["' + b"x" * (11 * 1024 * 1024) + b'"]}'
    response = api.post(f"{V2}/data/crawl/5f1e0000000000000000c002/pages", content=big)
    assert response.status_code == 400
    assert response.json()["type"] == "invalid_request"


def test_every_error_is_json(api: Api) -> None:
    for response in (api.get(f"{V2}/projects/x"), api.get(f"{V1}/projects/x/quickfilters"), api.delete(f"{V1}/x")):
        assert response.headers["content-type"] == "application/json"


def test_admin_credentials_list_users_and_tokens_with_their_field_names(client: TestClient) -> None:
    oncrawl = client.get("/__admin/credentials").json()["oncrawl"]
    assert oncrawl[0] == {
        "tenant": "default",
        "username": "demo",
        "email": "demo@oncrawl.example",
        "password": "demo-password",
    }
    assert {"tenant": "default", "token": "oc-demo-token-readonly", "scopes": "account:read project:read"} in oncrawl
    assert {c["tenant"] for c in oncrawl} == {"default", "agency-north"}


def test_credentials_command_lists_oncrawl_with_a_curl_line() -> None:
    entry = next(e for e in collect(Settings(), "http://127.0.0.1:8080") if e["name"] == "oncrawl")
    assert entry["base_url"] == "http://127.0.0.1:8080/oncrawl/api/v2"
    assert entry["curl"] == (
        "curl -s -H 'Authorization: Bearer oc-demo-token-full' http://127.0.0.1:8080/oncrawl/api/v2/projects"
    )
    assert {k for c in entry["credentials"] for k in c} == {
        "tenant",
        "username",
        "email",
        "password",
        "token",
        "scopes",
    }


def test_journal_never_shows_tokens(client: TestClient) -> None:
    session = client.post(f"{V1}/session", json={"identification": "demo", "password": "demo-password"}).json()
    client.get(f"{V2}/projects/{SHOP}", headers={"x-oncrawl-token": session["token"]}, params={"code": "x"})
    Api(client).get(f"{V2}/projects")
    entries = client.get("/__admin/requests", params={"provider": "oncrawl"}).json()["requests"]
    text = str(entries)
    assert FULL not in text and session["token"] not in text
    by_operation = {e["operation"]: e for e in entries}
    assert by_operation["get_project"]["request_headers"]["x-oncrawl-token"] == "<redacted>"
    assert by_operation["get_project"]["query"] == "code=<redacted>"
    assert (by_operation["get_project"]["tenant"], by_operation["get_project"]["credential"]) == ("default", "demo")
    assert by_operation["list_projects"]["credential"].startswith("token:")
