"""fixtures/leanlaw.yaml (firms, their API keys and data sizes) and the LeanLaw switches, validated at start."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mockserver.config_errors import ConfigError, validate_model

#: What a key may do (platform.leanlaw.io/auth: read or write chosen per key; rates need read.rates).
PERMISSIONS = ("read", "write", "read.rates")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RateLimit(Strict):
    """A real window: at most ``requests`` per ``window_seconds`` of virtual time, per key.

    On the command line: ``--option leanlaw.rate_limit=100/60``.
    """

    requests: int = Field(ge=1)
    window_seconds: float = Field(gt=0)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if isinstance(value, dict):
            return value
        requests, slash, seconds = str(value).partition("/")
        if not slash:
            raise ValueError(f"a rate limit looks like REQUESTS/SECONDS (100/60), got {value!r}")
        return {"requests": requests.strip(), "window_seconds": seconds.strip()}


class ApiKey(Strict):
    key: str = Field(min_length=8, pattern=r"^[A-Za-z0-9._~+/=-]+$")
    permissions: tuple[str, ...] = ("read", "write", "read.rates")
    description: str = ""
    #: Overrides ``options.rate_limit`` for this key.
    rate_limit: RateLimit | None = None

    @field_validator("permissions")
    @classmethod
    def _known(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for item in value:
            if item not in PERMISSIONS:
                raise ValueError(f"unknown permission {item!r}; valid: {', '.join(PERMISSIONS)}")
        return tuple(p for p in PERMISSIONS if p in value)

    def may(self, permission: str) -> bool:
        return permission in self.permissions


class Firm(Strict):
    """One LeanLaw account: the tenant. Its keys all see the same data."""

    tenant: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.-]+$")
    name: str = Field(min_length=1)
    keys: tuple[ApiKey, ...] = Field(min_length=1)


class Sizes(Strict):
    """Generated records per firm; activity (time, expenses, invoices) spreads over ``months``."""

    users: int = Field(8, ge=1, le=500)
    practice_areas: int = Field(6, ge=1, le=12)
    clients: int = Field(25, ge=0, le=50_000)
    matters: int = Field(40, ge=0, le=100_000)
    time_entries: int = Field(400, ge=0, le=500_000)
    expenses: int = Field(60, ge=0, le=100_000)
    fixed_fees: int = Field(12, ge=0, le=50_000)
    months: int = Field(6, ge=1, le=36)


class Options(Strict):
    """Switches under ``options.leanlaw`` (``--option leanlaw.NAME=VALUE``)."""

    #: seeds: POST answers 201; the OpenAPI document declares 200.
    post_status: Literal[200, 201] = 201
    #: Seconds to send in Retry-After with a 429; None (the vendor's way): no header.
    retry_after: int | None = Field(None, ge=0)
    #: A real rate window for every key (None: only scenarios throttle).
    rate_limit: RateLimit | None = None


def _default_firms() -> tuple[Firm, ...]:
    return (Firm(tenant="demo", name="Demo Law", keys=(ApiKey(key="ll-demo-key"),)),)


class LeanLawConfig(Strict):
    firms: tuple[Firm, ...] = Field(default_factory=_default_firms, min_length=1)
    sizes: Sizes = Sizes()
    options: Options = Options()

    @model_validator(mode="after")
    def _unique(self) -> LeanLawConfig:
        tenants = [f.tenant for f in self.firms]
        keys = [k.key for f in self.firms for k in f.keys]
        for what, seen in (("tenant", tenants), ("key", keys)):
            dupes = sorted({v for v in seen if seen.count(v) > 1})
            if dupes:
                raise ValueError(f"{what} {dupes[0]!r} is used more than once")
        return self

    def firm(self, tenant: str) -> Firm | None:
        return next((f for f in self.firms if f.tenant == tenant), None)

    def rate_limit_of(self, key: ApiKey) -> RateLimit | None:
        return key.rate_limit or self.options.rate_limit


def load_config(raw: Any, source: str, options: Mapping[str, Any]) -> LeanLawConfig:
    """The fixtures file and the switches; the first problem is a ConfigError naming its field."""
    if raw is not None and not isinstance(raw, dict):
        raise ConfigError(source, "the fixtures file must be a mapping")
    data = dict(raw or {})
    if "options" in data:
        raise ConfigError(source, "switches are settings (options.leanlaw), not fixtures", "options")
    return validate_model(LeanLawConfig, {**data, "options": dict(options)}, source)
