"""uvicorn HTTP protocols that put the TLS client certificate's subject into the ASGI scope.

uvicorn does not pass the peer certificate on to the app; the transport's ``ssl_object`` has it.
On a TLS connection these protocols read it once, at the handshake, and every request on the
connection then carries ``scope["extensions"]["tls"]`` as in the ASGI TLS extension, plus
``client_cert_cn`` (the subject's common name, which the Ons provider maps to a connector).
"""

from __future__ import annotations

import asyncio
import functools
import ssl
from typing import Any

TLS_VERSIONS = {"TLSv1": 0x0301, "TLSv1.1": 0x0302, "TLSv1.2": 0x0303, "TLSv1.3": 0x0304}

ASGIApp = Any


def tls_extension(ssl_object: ssl.SSLObject | ssl.SSLSocket | None) -> dict[str, Any] | None:
    """The ASGI ``tls`` extension for one connection (None on plain TCP)."""
    if ssl_object is None:
        return None
    extension: dict[str, Any] = {
        "server_cert": None,
        "client_cert_chain": [],
        "client_cert_name": None,
        "client_cert_cn": None,
        "client_cert_error": None,
        "tls_version": TLS_VERSIONS.get(ssl_object.version() or ""),
        "cipher_suite": None,
    }
    der = ssl_object.getpeercert(binary_form=True)
    if der:
        # Imported here: plain-HTTP servers never pay for loading the X.509 parser.
        from cryptography import x509
        from cryptography.hazmat.primitives.serialization import Encoding

        from mockserver.core.certs import common_name_of

        cert = x509.load_der_x509_certificate(der)
        extension["client_cert_chain"] = [cert.public_bytes(Encoding.PEM).decode("ascii")]
        extension["client_cert_name"] = cert.subject.rfc4514_string()
        extension["client_cert_cn"] = common_name_of(cert)
    return extension


def with_tls_scope(app: ASGIApp, extension: dict[str, Any]) -> ASGIApp:
    """Wrap ``app`` so that each request's scope carries a copy of ``extension``."""

    async def tls_app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] in ("http", "websocket"):
            scope["extensions"] = {**(scope.get("extensions") or {}), "tls": dict(extension)}
        await app(scope, receive, send)

    return tls_app


class TlsScopeMixin(asyncio.Protocol):
    """Shared by both protocol classes: read the certificate once, when the connection is made."""

    app: ASGIApp

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        extension = tls_extension(transport.get_extra_info("ssl_object"))
        if extension is not None:
            self.app = with_tls_scope(self.app, extension)


@functools.cache
def h11_protocol() -> type[asyncio.Protocol]:
    """h11 with the TLS extension in the scope (uvicorn's h11 module is imported only when asked for)."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class TlsH11Protocol(TlsScopeMixin, H11Protocol):
        """h11 with the TLS extension in the scope."""

    return TlsH11Protocol


def __getattr__(name: str) -> Any:
    if name == "TlsH11Protocol":
        return h11_protocol()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _httptools_protocol() -> type[asyncio.Protocol]:
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
    except ImportError:  # httptools is optional in uvicorn; h11 always works
        return h11_protocol()

    class TlsHttpToolsProtocol(TlsScopeMixin, HttpToolsProtocol):
        """httptools with the TLS extension in the scope."""

    return TlsHttpToolsProtocol


#: The fastest available protocol with the TLS extension: httptools when installed, else h11.
TlsHttpProtocol: type[asyncio.Protocol] = _httptools_protocol()
