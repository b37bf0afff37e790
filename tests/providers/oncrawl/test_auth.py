"""Session login, tokens on the clock, OAuth2 grants and scopes: the exact bodies of every failure."""

from __future__ import annotations

import base64
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings
from tests.providers.oncrawl.conftest import (
    FULL,
    NORTH,
    READ_ONLY,
    SHOP,
    V1,
    V2,
    WORKSPACE,
    Api,
    bearer,
    own_fixtures,
    v2_error,
)

LOGIN = {"identification": "demo", "password": "demo-password"}
UNAUTHORIZED_V1 = {"errors": {"_other": ["unauthorized"]}}


@pytest.mark.parametrize("path", ["/oncrawl/api/session", "/oncrawl/session", "/oncrawl/api/v2/session"])
@pytest.mark.parametrize("identification", ["demo", "demo@oncrawl.example", "DEMO@OnCrawl.example"])
def test_create_session_by_username_or_email_gives_the_token_nested_and_at_top(
    client: TestClient, path: str, identification: str
) -> None:
    response = client.post(path, json={"identification": identification, "password": "demo-password"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"session", "token", "username", "user_id", "user_hash"}
    assert body["session"] == {k: body[k] for k in ("token", "username", "user_id", "user_hash")}
    assert body["username"] == "demo"
    assert len(body["user_id"]) == 24 and len(body["user_hash"]) == 40
    projects = client.get(f"{V1}/projects", headers={"x-oncrawl-token": body["token"]})
    assert projects.status_code == 200


def test_create_session_with_http_basic_like_the_php_client(client: TestClient) -> None:
    basic = base64.b64encode(b"demo:demo-password").decode()
    response = client.post(f"{V2}/session", headers={"Authorization": f"Basic {basic}"})
    assert response.status_code == 200
    assert response.json()["session"]["username"] == "demo"


def test_create_session_wrong_password_is_v1_401(client: TestClient) -> None:
    response = client.post(f"{V1}/session", json={"identification": "demo", "password": "nope"})
    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED_V1


def test_create_session_missing_fields_is_v1_422_per_field(client: TestClient) -> None:
    response = client.post(f"{V1}/session", json={})
    assert response.status_code == 422
    assert response.json() == {
        "errors": {"identification": ["this field is required"], "password": ["this field is required"]}
    }


def test_create_session_bad_json_is_v1_422(client: TestClient) -> None:
    response = client.post(f"{V1}/session", content=b"{nope", headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert list(response.json()) == ["errors"]
    assert response.json()["errors"]["_other"][0].startswith("the body is not valid JSON")


def test_create_session_on_v2_missing_fields_is_v2_400(client: TestClient) -> None:
    response = client.post(f"{V2}/session", json={"identification": "demo"})
    assert response.status_code == 400
    assert response.json() == v2_error(
        "invalid_request_parameters",
        "invalid_parameters",
        "identification and password are required",
        [{"name": "password", "type": "required", "message": "this field is required"}],
    )


def test_session_token_lasts_a_week_on_the_clock(client: TestClient, clock: Clock) -> None:
    token = client.post(f"{V1}/session", json=LOGIN).json()["token"]
    headers = {"x-oncrawl-token": token}
    clock.advance(7 * 24 * 3600 - 1)
    assert client.get(f"{V2}/projects", headers=headers).status_code == 200
    clock.advance(1)
    response = client.get(f"{V2}/projects", headers=headers)
    assert response.status_code == 401
    assert response.json() == v2_error(
        "unauthorized", "token_expired", "The token has expired; log in again or refresh it."
    )
    assert client.get(f"{V1}/projects", headers=headers).json() == UNAUTHORIZED_V1


MISSING = "A valid token is required: 'Authorization: Bearer <token>' or 'x-oncrawl-token: <session token>'."


@pytest.mark.parametrize(
    ("headers", "status", "body"),
    [
        ({}, 401, v2_error("unauthorized", "unauthorized", MISSING)),
        ({"Authorization": "Bearer nope"}, 401, v2_error("unauthorized", "unauthorized", "The token is not valid.")),
        ({"Authorization": "Token oc-demo-token-full"}, 401, v2_error("unauthorized", "unauthorized", MISSING)),
        ({"x-oncrawl-token": "nope"}, 401, v2_error("unauthorized", "unauthorized", "The token is not valid.")),
        (bearer(FULL), 200, None),
        ({"x-oncrawl-token": FULL}, 200, None),
        (bearer(READ_ONLY), 200, None),
    ],
)
def test_credentials_table_on_a_v2_read(client: TestClient, headers: dict, status: int, body: dict | None) -> None:
    response = client.get(f"{V2}/workspaces", headers=headers)
    assert response.status_code == status
    if body is not None:
        assert response.json() == body


def test_a_token_in_the_query_string_is_not_read(client: TestClient) -> None:
    """OC-PHP repeats its token as ``api_key`` in the query, but also sends the header, which is what counts."""
    assert client.get(f"{V2}/workspaces", params={"api_key": FULL}).status_code == 401
    assert (
        client.get(f"{V2}/workspaces", params={"api_key": FULL}, headers={"x-oncrawl-token": FULL}).status_code == 200
    )


def test_write_without_write_scope_is_403_forbidden_and_changes_nothing(client: TestClient) -> None:
    reader = Api(client, READ_ONLY)
    before = reader.ok("GET", f"{V2}/projects", params={"limit": 100})["meta"]["total"]
    response = reader.post(f"{V2}/projects", json={"project": {"name": "New", "start_url": "https://new.example/"}})
    assert response.status_code == 403
    assert response.json() == v2_error(
        "forbidden", "unauthorized", "this call needs the project:write scope; the token has account:read, project:read"
    )
    assert reader.delete(f"{V2}/projects/{SHOP}").status_code == 403
    assert reader.ok("GET", f"{V2}/projects", params={"limit": 100})["meta"]["total"] == before
    assert reader.ok("GET", f"{V2}/projects/{SHOP}")["project"]["id"] == SHOP


def test_token_without_account_read_cannot_list_workspaces(client: TestClient) -> None:
    response = Api(client, NORTH).get(f"{V2}/workspaces")
    assert response.status_code == 403
    assert response.json()["type"] == "forbidden"


def test_forbidden_on_v1_is_the_v1_401(client: TestClient) -> None:
    """The v1 overview knows only 401 for an unauthorized operation, so a missing scope is a 401 there."""
    body = {**CLIENT, "grant_type": "authorization_code", "code": authorize(client, scope="account:read")}
    token = client.post("/oncrawl/oauth/token", data=body).json()["access_token"]
    response = Api(client, token).get(f"{V1}/projects")
    assert response.status_code == 401
    assert response.json() == UNAUTHORIZED_V1


def test_tenants_see_only_their_own_projects(client: TestClient) -> None:
    north = Api(client, NORTH).ok("GET", f"{V2}/projects")
    assert [p["name"] for p in north["projects"]][0] == "North news"
    assert SHOP not in [p["id"] for p in north["projects"]]
    assert Api(client, NORTH).get(f"{V2}/projects/{SHOP}").status_code == 404


def authorize(client: TestClient, **params: str) -> str:
    query = {"client_id": "demo-client", "response_type": "code", "state": "s1", **params}
    response = client.get("/oncrawl/oauth/authorize", params=query, follow_redirects=False)
    assert response.status_code == 302, response.text
    location = urlsplit(response.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == "http://127.0.0.1:8765/callback"
    args = parse_qs(location.query)
    assert args["state"] == ["s1"]
    return args["code"][0]


CLIENT = {"client_id": "demo-client", "client_secret": "demo-client-secret"}


def test_oauth_code_grant_gives_scoped_tokens_that_expire_and_refresh(client: TestClient, clock: Clock) -> None:
    code = authorize(client, scope="account:read project:read")
    response = client.post(
        "/oncrawl/oauth/token",
        data={
            **CLIENT,
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": "http://127.0.0.1:8765/callback",
        },
    )
    assert response.status_code == 200
    tokens = response.json()
    assert set(tokens) == {"access_token", "refresh_token", "expires_in", "token_type", "scope"}
    assert (tokens["expires_in"], tokens["token_type"], tokens["scope"]) == (
        3600,
        "Bearer",
        "account:read project:read",
    )
    api = Api(client, tokens["access_token"])
    assert api.get(f"{V2}/workspaces/{WORKSPACE}").status_code == 200
    assert api.post(f"{V2}/projects/{SHOP}/launch_crawl").status_code == 403
    clock.advance(3600)
    assert api.get(f"{V2}/workspaces").status_code == 401
    refreshed = client.post(
        "/oncrawl/oauth/token", json={**CLIENT, "grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
    )
    assert refreshed.status_code == 200
    assert Api(client, refreshed.json()["access_token"]).get(f"{V2}/workspaces").status_code == 200


@pytest.mark.parametrize(
    ("params", "status", "error"),
    [
        ({"client_secret": "wrong"}, 401, "invalid_client"),
        ({"grant_type": "password"}, 400, "unsupported_grant_type"),
        ({"code": "oc_code_unknown"}, 400, "invalid_grant"),
        ({"grant_type": "refresh_token", "refresh_token": "nope"}, 400, "invalid_grant"),
    ],
)
def test_oauth_token_errors_use_the_oauth2_shape(client: TestClient, params: dict, status: int, error: str) -> None:
    body = {**CLIENT, "grant_type": "authorization_code", "code": authorize(client), **params}
    response = client.post("/oncrawl/oauth/token", data=body)
    assert response.status_code == status
    assert set(response.json()) == {"error", "error_description"}
    assert response.json()["error"] == error


def test_oauth_code_is_single_use(client: TestClient) -> None:
    body = {**CLIENT, "grant_type": "authorization_code", "code": authorize(client)}
    assert client.post("/oncrawl/oauth/token", data=body).status_code == 200
    assert client.post("/oncrawl/oauth/token", data=body).json()["error"] == "invalid_grant"


def test_oauth_authorize_unknown_client_or_scope(client: TestClient) -> None:
    unknown = client.get("/oncrawl/oauth/authorize", params={"client_id": "x"}, follow_redirects=False)
    assert (unknown.status_code, unknown.json()["error"]) == (401, "invalid_client")
    scope = client.get(
        "/oncrawl/oauth/authorize", params={"client_id": "demo-client", "scope": "admin"}, follow_redirects=False
    )
    assert (scope.status_code, scope.json()["error"]) == (400, "invalid_scope")


def exchange(client: TestClient, code: str) -> dict:
    response = client.post("/oncrawl/oauth/token", data={**CLIENT, "grant_type": "authorization_code", "code": code})
    return response.json()


def handed_out(client: TestClient) -> dict[str, str]:
    """One token of each kind the server hands out: a session, a code, and the access and refresh tokens."""
    code = authorize(client)
    tokens = exchange(client, code)
    session = client.post(f"{V1}/session", json=LOGIN).json()["token"]
    return {"session": session, "code": code, "access": tokens["access_token"], "refresh": tokens["refresh_token"]}


def test_tokens_name_their_kind_with_a_prefix_and_a_fixed_length(client: TestClient) -> None:
    """docs/oncrawl.md: oc_session_, oc_access_, oc_refresh_ and 40 letters or digits; oc_code_ and 24."""
    tokens = handed_out(client)
    for kind in ("session", "access", "refresh"):
        assert re.fullmatch(f"oc_{kind}_[A-Za-z0-9]{{40}}", tokens[kind]), tokens[kind]
    assert re.fullmatch("oc_code_[A-Za-z0-9]{24}", tokens["code"]), tokens["code"]


def test_a_reset_server_hands_out_the_same_tokens_again(client: TestClient) -> None:
    first = handed_out(client)
    assert client.post("/__admin/reset/all").status_code == 200
    assert handed_out(client) == first
    assert len(set(first.values())) == 4


def test_an_authorization_code_is_good_for_ten_minutes(client: TestClient, clock: Clock) -> None:
    code = authorize(client)
    clock.advance(599)
    assert exchange(client, code)["token_type"] == "Bearer"
    late = authorize(client)
    clock.advance(600)
    assert exchange(client, late) == {
        "error": "invalid_grant",
        "error_description": "the authorization code is unknown, used or expired",
    }


def test_a_bearer_token_is_read_past_extra_spaces(client: TestClient) -> None:
    response = client.get(f"{V2}/workspaces", headers={"Authorization": f"bearer   {FULL} "})
    assert response.status_code == 200


def test_a_token_given_no_scopes_is_refused_naming_none(tmp_path: Path, clock: Clock) -> None:
    settings = own_fixtures(
        tmp_path,
        "tenants:\n  - name: bare\n    workspaces: [{id: 5f1e00000000000000000009, name: W}]\n"
        "    tokens: [{token: oc-bare-token, scopes: []}]\n",
    )
    with TestClient(create_app(settings, clock=clock)) as bare:
        response = Api(bare, "oc-bare-token").get(f"{V2}/projects")
    assert response.status_code == 403
    message = "this call needs the project:read scope; the token has none"
    assert response.json() == v2_error("forbidden", "unauthorized", message)


def test_the_journal_names_an_api_token_by_its_sha256_prefix_and_a_session_by_its_user(client: TestClient) -> None:
    """docs/oncrawl.md: ``token:`` and the first 12 hex digits of SHA-256("oc-demo-token-full")."""
    session = client.post(f"{V1}/session", json=LOGIN).json()["token"]
    Api(client).get(f"{V2}/projects")
    client.get(f"{V2}/projects", headers={"x-oncrawl-token": session})
    entries = client.get("/__admin/requests", params={"provider": "oncrawl"}).json()["requests"]
    callers = sorted(e["credential"] for e in entries if e["operation"] == "list_projects")
    assert callers == ["demo", "token:3771b2cc6334"]


def test_a_token_of_a_tenant_made_at_run_time_works_at_once_and_stops_when_it_is_removed(clock: Clock) -> None:
    token = "oc-demo-token-full-alpha"
    with TestClient(create_app(Settings(seed=1), clock=clock)) as client:
        assert Api(client, token).get(f"{V2}/projects").status_code == 401
        assert client.post("/__admin/tenants", json={"name": "alpha"}).status_code == 201
        assert Api(client, token).get(f"{V2}/projects").status_code == 200
        assert Api(client).get(f"{V2}/projects").status_code == 200
        entries = client.get("/__admin/requests", params={"provider": "oncrawl"}).json()["requests"]
        assert [e["tenant"] for e in entries[:2]] == ["default", "alpha"]
        assert client.delete("/__admin/tenants/alpha").status_code == 200
        assert Api(client, token).get(f"{V2}/projects").status_code == 401


def test_the_first_of_two_authorization_headers_counts(client: TestClient) -> None:
    valid, unknown = ("Authorization", f"Bearer {FULL}"), ("Authorization", "Bearer nope")
    assert client.get(f"{V2}/workspaces", headers=[valid, unknown]).status_code == 200
    assert client.get(f"{V2}/workspaces", headers=[unknown, valid]).status_code == 401


def test_the_first_of_two_session_headers_counts(client: TestClient) -> None:
    valid, unknown = ("x-oncrawl-token", FULL), ("x-oncrawl-token", "nope")
    assert client.get(f"{V2}/workspaces", headers=[valid, unknown]).status_code == 200
    assert client.get(f"{V2}/workspaces", headers=[unknown, valid]).status_code == 401
