"""Real mTLS on a uvicorn socket: the client certificate's CN reaches the ASGI scope."""

from __future__ import annotations

import ssl
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.responses import JSONResponse

from mockserver.core.certs import init_directory, issue_client_files, mint_ca, mint_client, write_pair
from mockserver.core.tls import TlsH11Protocol, TlsHttpProtocol

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
