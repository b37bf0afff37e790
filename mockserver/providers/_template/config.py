"""fixtures/skeleton.yaml and the Skeleton switches (``--option skeleton.page_size=50``), validated at start."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from mockserver.config_errors import ConfigError


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TenantConfig(Strict):
    """One account of the vendor: its name and the token that opens it."""

    name: str = Field(min_length=1)
    token: str = Field(min_length=6)

    @property
    def tenant(self) -> str:
        return self.name

    @property
    def credential(self) -> str:
        return self.token


class Options(Strict):
    #: Items per page when the client does not say (``?limit=``).
    page_size: int = Field(25, ge=1, le=1000)
    #: Items seeded per tenant.
    items: int = Field(12, ge=0, le=100_000)


class SkeletonConfig(Strict):
    tenants: tuple[TenantConfig, ...] = (TenantConfig(name="default", token="skeleton-token-0001"),)
    options: Options = Options()

    def tenant_by_token(self, token: str) -> TenantConfig | None:
        return next((t for t in self.tenants if t.token == token), None)


def load_config(raw: Any, source: str, options: Mapping[str, Any]) -> SkeletonConfig:
    """The fixtures document (None: the defaults) with the switches laid over its ``options``."""
    document = dict(raw or {})
    document["options"] = {**dict(document.get("options") or {}), **options}
    try:
        return SkeletonConfig.model_validate(document)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = ".".join(str(p) for p in error["loc"]) or "(top level)"
        raise ConfigError(source, error["msg"], field) from None
