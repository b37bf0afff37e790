"""Who is calling: the connector named by the TLS client certificate's CN, and what it may do.

seeds/ons-api-properties.txt: 403 = authentication unsuccessful, 401 = insufficient rights.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mockserver.core.provider import ProviderHandle
from mockserver.providers.ons.config import Connector, OnsConfig
from mockserver.providers.ons.errors import AuthenticationFailed, InsufficientRights
from mockserver.providers.ons.store import OnsStore

#: The Ons handle on the app: config and store types known.
OnsApp = ProviderHandle[OnsConfig, OnsStore]

#: Plain-HTTP stand-in for the certificate (real mTLS puts the CN in the ASGI scope).
CN_HEADER = b"x-client-cert-cn"


def presented_cn(scope: Mapping[str, Any]) -> str | None:
    """The CN of the client certificate: from the TLS layer if there is one, else the test header.

    On a TLS connection only the certificate counts (a header cannot stand in for a missing one).
    """
    tls = (scope.get("extensions") or {}).get("tls")
    if isinstance(tls, Mapping):
        cn = tls.get("client_cert_cn")
        return str(cn) if cn else None
    for name, value in scope.get("headers") or ():
        # The length first: most names are not this one, and lower() copies.
        if len(name) == len(CN_HEADER) and name.lower() == CN_HEADER:
            text = value.decode("latin-1").strip()
            return text or None
    return None


def limit_key(scope: Mapping[str, Any], config: OnsConfig) -> str:
    """What the in-flight limit counts per: the certificate CN, or the default connector's."""
    return presented_cn(scope) or config.default_connector


def authenticate(scope: Mapping[str, Any], config: OnsConfig) -> Connector:
    """The calling connector, or 403 (no certificate while one is required, or an unknown one)."""
    cn = presented_cn(scope)
    if cn is None:
        if config.options.require_certificate:
            raise AuthenticationFailed("no client certificate was presented", field="certificate")
        return config.default
    connector = config.connector(cn)
    if connector is None:
        raise AuthenticationFailed(f"unknown client certificate CN {cn!r}", field="certificate", value=cn)
    return connector


def authorize(connector: Connector, resource: str, access: str) -> None:
    """401 when the connector's rights do not cover ``access`` (read or write) on ``resource``."""
    if not connector.may(resource, access):
        raise InsufficientRights(
            f"connector {connector.cn} has no {access} rights on {resource}", field="resource", value=resource
        )
