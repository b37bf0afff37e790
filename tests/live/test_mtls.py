"""Real mTLS on a uvicorn socket: the client certificate's CN reaches the ASGI scope."""

from __future__ import annotations

import os
import ssl
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.responses import JSONResponse

from mockserver.app import create_app
from mockserver.core.certs import init_directory, issue_client_files, mint_ca, mint_client, write_pair
from mockserver.core.tls import TlsH11Protocol, TlsHttpProtocol
from mockserver.settings import Settings
from tests.conftest import free_port

pytestmark = pytest.mark.live

CONNECTOR_CN = "hr_integration-TE1002-free_text"


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A CA, a server certificate, a client certificate for CONNECTOR_CN and one from a stranger CA."""
    directory = tmp_path_factory.mktemp("certs")
    files = init_directory(directory)
    client = issue_client_files(directory, CONNECTOR_CN)
    stranger = mint_client(mint_ca("someone else's CA"), CONNECTOR_CN)
    write_pair(stranger, directory / "stranger.pem", directory / "stranger-key.pem")
    return {
        **files,
        "client_cert": client["cert"],
        "client_key": client["key"],
        "stranger_cert": directory / "stranger.pem",
        "stranger_key": directory / "stranger-key.pem",
    }


def tls_server_config(certs: dict[str, Path], protocol: type) -> dict[str, Any]:
    return {
        "ssl_certfile": str(certs["cert"]),
        "ssl_keyfile": str(certs["key"]),
        "ssl_ca_certs": str(certs["ca"]),
        "ssl_cert_reqs": ssl.CERT_OPTIONAL,
        "http": protocol,
    }


def client_context(certs: dict[str, Path], who: str | None) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=str(certs["ca"]))
    if who is not None:
        context.load_cert_chain(str(certs[f"{who}_cert"]), str(certs[f"{who}_key"]))
    return context


async def echo_tls(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """A tiny ASGI app answering with what the scope says about TLS."""
    if scope["type"] == "lifespan":
        while True:
            event = (await receive())["type"]
            await send({"type": event + ".complete"})
            if event == "lifespan.shutdown":
                return
    tls = (scope.get("extensions") or {}).get("tls")
    body = {"tls": None} if tls is None else {k: tls[k] for k in ("client_cert_cn", "client_cert_name", "tls_version")}
    await JSONResponse(body)(scope, receive, send)


@pytest.mark.parametrize("protocol", [TlsHttpProtocol, TlsH11Protocol], ids=["httptools", "h11"])
def test_tls_request_with_client_certificate_carries_cn_in_scope(
    live: Callable[..., Any], certs: dict[str, Path], protocol: type
) -> None:
    with live(echo_tls, **tls_server_config(certs, protocol)) as server:
        with httpx.Client(verify=client_context(certs, "client")) as client:
            first = client.get(server.url + "/").json()
            second = client.get(server.url + "/again").json()  # same connection, same identity
    assert first["client_cert_cn"] == CONNECTOR_CN
    assert first["client_cert_name"] == f"CN={CONNECTOR_CN},O=mockserver"
    assert first["tls_version"] in (0x0303, 0x0304)
    assert second == first


@pytest.mark.parametrize("protocol", [TlsHttpProtocol, TlsH11Protocol], ids=["httptools", "h11"])
def test_tls_request_without_client_certificate_has_no_cn(
    live: Callable[..., Any], certs: dict[str, Path], protocol: type
) -> None:
    with live(echo_tls, **tls_server_config(certs, protocol)) as server:
        with httpx.Client(verify=client_context(certs, None)) as client:
            body = client.get(server.url + "/").json()
    assert body["client_cert_cn"] is None
    assert body["client_cert_name"] is None


def test_tls_handshake_with_certificate_from_unknown_ca_is_refused(
    live: Callable[..., Any], certs: dict[str, Path]
) -> None:
    with live(echo_tls, **tls_server_config(certs, TlsHttpProtocol)) as server:
        with httpx.Client(verify=client_context(certs, "stranger")) as client:
            with pytest.raises((httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError)):
                client.get(server.url + "/")


def test_plain_http_request_has_no_tls_extension(live: Callable[..., Any]) -> None:
    with live(echo_tls, http=TlsHttpProtocol) as server:
        body = httpx.get(server.url + "/").json()
    assert body == {"tls": None}


# --- The whole app: Ons picks the connector (and so the tenant) from the certificate's CN. ---

OTHER_TENANT_CN = "finance_integration-DF0000-production"
UNKNOWN_CN = "stranger_app-ZZ9999-nobody"


@pytest.fixture(scope="module")
def ons_certs(certs: dict[str, Path]) -> dict[str, Path]:
    directory = certs["ca"].parent
    other = issue_client_files(directory, OTHER_TENANT_CN)
    unknown = issue_client_files(directory, UNKNOWN_CN)
    return {
        **certs,
        "other_cert": other["cert"],
        "other_key": other["key"],
        "unknown_cert": unknown["cert"],
        "unknown_key": unknown["key"],
    }


def mtls_app(**options: Any) -> Any:
    return create_app(Settings(seed=1234, options={"ons": options} if options else {}))


def last_journal_entry(client: httpx.Client, base: str) -> dict[str, Any]:
    entries: list[dict[str, Any]] = client.get(base + "/__admin/requests", params={"limit": 1}).json()["requests"]
    return entries[0]


@pytest.mark.parametrize(
    ("who", "cn", "tenant"),
    [("client", CONNECTOR_CN, "TE1002"), ("other", OTHER_TENANT_CN, "DF0000")],
)
def test_ons_request_with_connector_certificate_reaches_its_tenant(
    live: Callable[..., Any], ons_certs: dict[str, Path], who: str, cn: str, tenant: str
) -> None:
    with live(mtls_app(), **tls_server_config(ons_certs, TlsHttpProtocol)) as server:
        with httpx.Client(verify=client_context(ons_certs, who)) as client:
            response = client.get(server.url + "/ons/t/teams", headers={"Accept": "application/json"})
            entry = last_journal_entry(client, server.url)
    assert response.status_code == 200
    assert response.json()["teams"]
    assert (entry["path"], entry["tenant"], entry["credential"]) == ("/ons/t/teams", tenant, cn)


def test_ons_tenants_behind_different_certificates_see_different_data(
    live: Callable[..., Any], ons_certs: dict[str, Path]
) -> None:
    with live(mtls_app(), **tls_server_config(ons_certs, TlsHttpProtocol)) as server:
        bodies = []
        for who in ("client", "other"):
            with httpx.Client(verify=client_context(ons_certs, who)) as client:
                bodies.append(client.get(server.url + "/ons/t/teams", headers={"Accept": "application/json"}).json())
    assert bodies[0] != bodies[1]


def test_ons_request_with_unknown_certificate_cn_is_refused_with_403(
    live: Callable[..., Any], ons_certs: dict[str, Path]
) -> None:
    with live(mtls_app(), **tls_server_config(ons_certs, TlsHttpProtocol)) as server:
        with httpx.Client(verify=client_context(ons_certs, "unknown")) as client:
            response = client.get(server.url + "/ons/t/teams", headers={"Accept": "application/json"})
    assert response.status_code == 403
    entries = response.json()["errorResponseEntries"]
    assert UNKNOWN_CN in entries[0]["message"]


def test_ons_request_without_certificate_uses_the_default_connector(
    live: Callable[..., Any], ons_certs: dict[str, Path]
) -> None:
    with live(mtls_app(), **tls_server_config(ons_certs, TlsHttpProtocol)) as server:
        with httpx.Client(verify=client_context(ons_certs, None)) as client:
            response = client.get(server.url + "/ons/t/teams", headers={"Accept": "application/json"})
            entry = last_journal_entry(client, server.url)
    assert response.status_code == 200
    assert (entry["tenant"], entry["credential"]) == ("TE1002", CONNECTOR_CN)


def test_ons_request_without_certificate_when_required_is_refused_with_403(
    live: Callable[..., Any], ons_certs: dict[str, Path]
) -> None:
    with live(mtls_app(require_certificate=True), **tls_server_config(ons_certs, TlsHttpProtocol)) as server:
        with httpx.Client(verify=client_context(ons_certs, None)) as anonymous:
            refused = anonymous.get(server.url + "/ons/t/teams", headers={"Accept": "application/json"})
        with httpx.Client(verify=client_context(ons_certs, "client")) as connector:
            allowed = connector.get(server.url + "/ons/t/teams", headers={"Accept": "application/json"})
    assert refused.status_code == 403
    assert "errorResponseEntries" in refused.json()
    assert allowed.status_code == 200


def test_ons_header_cannot_stand_in_for_a_certificate_over_tls(
    live: Callable[..., Any], ons_certs: dict[str, Path]
) -> None:
    with live(mtls_app(), **tls_server_config(ons_certs, TlsHttpProtocol)) as server:
        with httpx.Client(verify=client_context(ons_certs, None)) as client:
            client.get(server.url + "/ons/t/teams", headers={"X-Client-Cert-CN": OTHER_TENANT_CN})
            entry = last_journal_entry(client, server.url)
    assert entry["tenant"] == "TE1002"


def test_mockserver_serve_with_tls_flags_serves_mtls(ons_certs: dict[str, Path]) -> None:
    """The CLI wiring: `mockserver serve --tls-cert --tls-key --tls-client-ca` in its own process."""
    port = free_port()
    args = [sys.executable, "-m", "mockserver", "serve", "--port", str(port), "--log-level", "warning"]
    args += ["--tls-cert", str(ons_certs["cert"]), "--tls-key", str(ons_certs["key"])]
    args += ["--tls-client-ca", str(ons_certs["ca"])]
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOCKSERVER_")}
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        with httpx.Client(verify=client_context(ons_certs, "other")) as client:
            deadline = time.monotonic() + 15
            response = None
            while time.monotonic() < deadline and proc.poll() is None:
                try:
                    response = client.get(f"https://127.0.0.1:{port}/ons/t/teams")
                    break
                except httpx.TransportError:
                    time.sleep(0.02)  # waiting for the process to open its socket
            assert response is not None, "server did not answer"
            entry = last_journal_entry(client, f"https://127.0.0.1:{port}")
        assert response.status_code == 200
        assert entry["tenant"] == "DF0000"
        with httpx.Client(verify=client_context(ons_certs, None)) as anonymous:
            other_provider = anonymous.get(f"https://127.0.0.1:{port}/onlineafspraken/APIREST?method=getAgendas")
        # CERT_OPTIONAL: a provider without client certificates answers over the same TLS port.
        assert other_provider.headers["content-type"].startswith(("text/xml", "application/xml"))
    finally:
        proc.terminate()
        proc.communicate(timeout=10)
