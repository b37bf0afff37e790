"""Connectors by certificate CN: 403 = authentication unsuccessful, 401 = insufficient rights."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.types import ASGIApp, Receive, Scope, Send

from mockserver.providers.ons.auth import limit_key, presented_cn
from tests.providers.ons.conftest import FINANCE, HR, JSON, VIEWER, MakeClient, as_connector, entries


@pytest.mark.parametrize(
    ("headers", "method", "path", "status"),
    [
        pytest.param(JSON, "GET", "/ons/t/clients/1", 200, id="no-certificate-uses-default-connector"),
        pytest.param(as_connector(HR), "GET", "/ons/t/clients/1", 200, id="known-cn"),
        pytest.param(as_connector("someone_else-TE1002-x"), "GET", "/ons/t/clients/1", 403, id="unknown-cn-403"),
        pytest.param(as_connector(VIEWER), "GET", "/ons/t/clients/1", 401, id="no-read-right-401"),
        pytest.param(as_connector(VIEWER), "GET", "/ons/t/teams", 200, id="read-right-200"),
        pytest.param(as_connector(VIEWER), "GET", "/ons/t/employees/1", 200, id="read-employees-200"),
        pytest.param(as_connector(VIEWER), "PUT", "/ons/t/locations/1", 401, id="no-write-right-401"),
        pytest.param(as_connector(VIEWER), "POST", "/ons/t/dossier/care_plans/1/activate", 401, id="no-action-right"),
        pytest.param(as_connector(VIEWER), "GET", "/ons/t/clients/x-stream-connect/data", 401, id="no-stream-right"),
        pytest.param(
            {"Accept": "text/plain", "X-Client-Cert-CN": VIEWER}, "GET", "/ons/ping", 200, id="ping-no-rights-needed"
        ),
        pytest.param(
            {"Accept": "text/plain", "X-Client-Cert-CN": "nobody-TE1002-x"}, "GET", "/ons/ping", 403, id="ping-unknown"
        ),
    ],
)
def test_request_with_certificate_gets_vendor_status(
    shared: TestClient, headers: dict[str, str], method: str, path: str, status: int
) -> None:
    response = shared.request(method, path, headers=headers, json={"name": "x"})
    assert response.status_code == status
    if status >= 400:
        assert entries(response)[0]["message"]
        assert response.headers["content-type"].startswith("application/json")


def test_unknown_certificate_names_the_cn_in_the_403(client: TestClient) -> None:
    response = client.get("/ons/t/teams", headers=as_connector("intruder-TE1002-x"))
    assert response.status_code == 403
    assert entries(response) == [
        {
            "field": "certificate",
            "value": "intruder-TE1002-x",
            "message": "unknown client certificate CN 'intruder-TE1002-x'",
        }
    ]


def test_insufficient_rights_is_401_naming_the_resource(client: TestClient) -> None:
    response = client.get("/ons/t/clients/1", headers=as_connector(VIEWER))
    assert response.status_code == 401
    assert entries(response) == [
        {
            "field": "resource",
            "value": "clients",
            "message": "connector planning_readonly-TE1002-viewer has no read rights on clients",
        }
    ]


@pytest.mark.parametrize(("headers", "status"), [(JSON, 403), (as_connector(HR), 200)])
def test_require_certificate_refuses_requests_without_one(
    make_client: MakeClient, headers: dict[str, str], status: int
) -> None:
    client = make_client(require_certificate=True)
    response = client.get("/ons/t/teams", headers=headers)
    assert response.status_code == status
    if status == 403:
        assert entries(response) == [
            {"field": "certificate", "value": None, "message": "no client certificate was presented"}
        ]


@pytest.mark.parametrize(
    ("headers", "key"),
    [
        ([], "the-default"),
        ([(b"x-client-cert-cn", b"  ")], "the-default"),
        ([(b"X-Client-Cert-CN", b" " + HR.encode() + b" ")], HR),
    ],
)
def test_in_flight_limit_counts_per_presented_cn_or_the_default_connector(
    headers: list[tuple[bytes, bytes]], key: str
) -> None:
    config: Any = SimpleNamespace(default_connector="the-default")
    assert limit_key({"type": "http", "headers": headers}, config) == key
    assert presented_cn({"type": "http", "headers": headers}) == (None if key == "the-default" else HR)


def test_ping_answers_text_plain_for_a_known_certificate(client: TestClient) -> None:
    response = client.get("/ons/ping", headers={"X-Client-Cert-CN": HR})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == "pong"


def test_ping_with_accept_json_only_is_406(client: TestClient) -> None:
    response = client.get("/ons/ping", headers=as_connector(HR))
    assert response.status_code == 406


def test_optional_vendor_headers_are_accepted_and_ignored(client: TestClient) -> None:
    headers = as_connector(
        HR, **{"X-Cupido-User-Name": "jan", "X-Cupido-Active-Identity": "42", "User-Agent": "connector/1.1+"}
    )
    assert client.get("/ons/t/clients/1", headers=headers).json() == client.get("/ons/t/clients/1", headers=JSON).json()


def test_tenants_do_not_see_each_others_writes(client: TestClient) -> None:
    created = client.post(
        "/ons/t/clients", headers=as_connector(HR), json={"birthName": "Alleen", "identificationNo": "T-1"}
    )
    assert created.status_code == 201
    assert client.get("/ons/t/clients/by_identification_no/T-1", headers=as_connector(HR)).status_code == 200
    assert client.get("/ons/t/clients/by_identification_no/T-1", headers=as_connector(FINANCE)).status_code == 404


def test_connectors_of_one_tenant_share_its_data(client: TestClient) -> None:
    body = {"name": "Nieuwe afdeling", "parentObjectId": 1}
    location = client.post("/ons/t/locations", headers=as_connector(HR), json=body).headers["location"]
    assert client.get(location, headers=as_connector(VIEWER)).json()["name"] == "Nieuwe afdeling"


def test_journal_records_tenant_and_certificate(client: TestClient) -> None:
    client.get("/ons/t/teams", headers=as_connector(FINANCE))
    entry = client.get("/__admin/requests", params={"provider": "ons"}).json()["requests"][0]
    assert (entry["tenant"], entry["credential"], entry["operation"]) == ("DF0000", FINANCE, "list_teams")


class WithTls:
    """Puts a TLS extension into the scope, as the mTLS protocol class does on a real connection."""

    def __init__(self, app: ASGIApp, cn: str | None) -> None:
        self.app = app
        self.cn = cn

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            scope = {**scope, "extensions": {"tls": {"client_cert_cn": self.cn}}}
        await self.app(scope, receive, send)


@pytest.mark.parametrize(
    ("cn", "header", "status", "tenant"),
    [
        (FINANCE, None, 200, "DF0000"),
        (FINANCE, HR, 200, "DF0000"),  # the certificate wins over the header
        (None, HR, 200, "TE1002"),  # TLS without a client certificate: the default connector
        ("stranger-TE1002-x", None, 403, None),
    ],
)
def test_tls_certificate_cn_identifies_the_connector(
    app: Any, cn: str | None, header: str | None, status: int, tenant: str | None
) -> None:
    headers = {"Accept": "application/json", **({"X-Client-Cert-CN": header} if header else {})}
    with TestClient(WithTls(app, cn)) as tls_client:
        response = tls_client.get("/ons/t/teams", headers=headers)
        assert response.status_code == status
        if tenant:
            entry = tls_client.get("/__admin/requests", params={"provider": "ons"}).json()["requests"][0]
            assert entry["tenant"] == tenant


def test_only_the_certificate_header_names_the_cn_not_one_of_its_length() -> None:
    # "x-another-header" has the length of x-client-cert-cn; it comes first and must not be taken for it.
    headers = [(b"x-another-header", b"not-a-cn"), (b"X-Client-Cert-CN", b" " + HR.encode() + b" ")]
    assert presented_cn({"type": "http", "headers": headers}) == HR
    assert presented_cn({"type": "http", "headers": headers[:1]}) is None
