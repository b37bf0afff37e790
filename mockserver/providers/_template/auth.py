"""Who is calling: the ``X-Skeleton-Token`` header names a tenant's token."""

from __future__ import annotations

from collections.abc import Mapping

from mockserver.core.provider import ProviderHandle
from mockserver.providers._template.config import SkeletonConfig, TenantConfig
from mockserver.providers._template.errors import Unauthorized
from mockserver.providers._template.store import SkeletonStore

#: The Skeleton handle on the app: config and store types known.
SkeletonApp = ProviderHandle[SkeletonConfig, SkeletonStore]

TOKEN_HEADER = "x-skeleton-token"


def authenticate(headers: Mapping[str, str], config: SkeletonConfig) -> TenantConfig:
    """The tenant whose token the request carries; 401 without one or with an unknown one."""
    token = headers.get(TOKEN_HEADER)
    if not token:
        raise Unauthorized(f"Send your token in the {TOKEN_HEADER} header.")
    tenant = config.tenant_by_token(token)
    if tenant is None:
        raise Unauthorized("The token is not valid.")
    return tenant
