"""The provider's fixtures (fixtures/oncrawl.yaml) and switches, validated."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from mockserver.config_errors import ConfigError, validate_model

#: OAuth2 scopes of the vendor (reference_oauth2.md in the v1 documentation; OC-help for v2 tokens).
SCOPES = ("account:read", "account:write", "project:read", "project:write")
ALL_SCOPES = list(SCOPES)
OBJECT_ID = r"^[0-9a-f]{24}$"
_URL = re.compile(r"\Ahttps?://[^\s/]+(/\S*)?\Z")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class User(Strict):
    username: str = Field(min_length=1)
    email: str = Field(min_length=3, pattern=r"^[^@\s]+@[^@\s]+$")
    password: str = Field(min_length=1)


class ApiToken(Strict):
    """A token made in the workspace settings: no expiry, the scopes it was given."""

    token: str = Field(min_length=8)
    scopes: list[str] = Field(default_factory=lambda: list(ALL_SCOPES))
    description: str = ""

    @field_validator("scopes")
    @classmethod
    def _known_scopes(cls, value: list[str]) -> list[str]:
        for scope in value:
            if scope not in SCOPES:
                raise ValueError(f"unknown scope {scope!r}; use {', '.join(SCOPES)}")
        return value


class OAuthClient(Strict):
    client_id: str = Field(min_length=1)
    client_secret: str = Field(min_length=1)
    redirect_uri: str = Field(min_length=1)


class Workspace(Strict):
    id: str = Field(pattern=OBJECT_ID)
    name: str = Field(min_length=1)


class CrawlRecord(Strict):
    id: str | None = Field(None, pattern=OBJECT_ID)
    pages: int = Field(500, ge=1, le=1_000_000)
    #: When the crawl ended, in days before the clock's time when the store is built.
    days_ago: float = Field(7, ge=0)


class ProjectRecord(Strict):
    id: str | None = Field(None, pattern=OBJECT_ID)
    name: str = Field(min_length=1)
    start_url: str
    #: The workspace's id; the tenant's first workspace when left out.
    workspace: str | None = Field(None, pattern=OBJECT_ID)
    crawls: list[CrawlRecord] = Field(default_factory=list)
    #: Id of the project's "default" crawl config (made up when left out).
    config_id: str | None = Field(None, pattern=OBJECT_ID)
    #: Ids of the crawl-over-crawl comparing the last two crawls (made up when left out).
    crawl_over_crawl_id: str | None = Field(None, pattern=OBJECT_ID)

    @field_validator("start_url")
    @classmethod
    def _url(cls, value: str) -> str:
        if not _URL.match(value):
            raise ValueError(f"start_url must be an http(s) URL, got {value!r}")
        return value


class Quota(Strict):
    projects: int = Field(20, ge=0)
    crawls: int = Field(100, ge=0)


class Tenant(Strict):
    name: str = Field(min_length=1)
    workspaces: list[Workspace] = Field(min_length=1)
    users: list[User] = Field(default_factory=list)
    tokens: list[ApiToken] = Field(default_factory=list)
    oauth_clients: list[OAuthClient] = Field(default_factory=list)
    projects: list[ProjectRecord] = Field(default_factory=list)
    quota: Quota = Field(default_factory=Quota)

    @model_validator(mode="after")
    def _workspaces_known(self) -> Tenant:
        ids = {w.id for w in self.workspaces}
        for project in self.projects:
            if project.workspace is not None and project.workspace not in ids:
                raise ValueError(f"project {project.name!r}: unknown workspace {project.workspace!r}")
        return self


class Sizes(Strict):
    """Made-up data added to the named records of every tenant."""

    projects: int = Field(2, ge=0, le=1000)
    crawls_per_project: int = Field(2, ge=0, le=100)
    pages_per_crawl: int = Field(300, ge=1, le=1_000_000)


class Options(Strict):
    """Switches under ``options.oncrawl`` (``--option oncrawl.NAME=VALUE``)."""

    #: How long a session token stays valid (the v1 guide: one week).
    session_ttl_seconds: int = Field(7 * 24 * 3600, ge=1)
    #: How long an access token from /oauth/token stays valid (reference_oauth2.md: expires_in 3600).
    oauth_ttl_seconds: int = Field(3600, ge=1)
    #: How long a launched crawl runs on the clock before it is done.
    crawl_seconds: int = Field(900, ge=1)
    #: Pages of a launched crawl: the config's max_url, at most this.
    launched_pages: int = Field(2000, ge=1, le=1_000_000)


class OnCrawlConfig(Strict):
    tenants: list[Tenant] = Field(min_length=1)
    sizes: Sizes = Field(default_factory=Sizes)
    options: Options = Field(default_factory=Options)

    @model_validator(mode="after")
    def _unique(self) -> OnCrawlConfig:
        seen: dict[str, set[str]] = {"tenant name": set(), "username": set(), "email": set(), "token": set()}
        for tenant in self.tenants:
            values = {
                "tenant name": [tenant.name],
                "username": [u.username.lower() for u in tenant.users],
                "email": [u.email.lower() for u in tenant.users],
                "token": [t.token for t in tenant.tokens],
            }
            for what, items in values.items():
                for item in items:
                    if item in seen[what]:
                        raise ValueError(f"{what} {item!r} is used more than once")
                    seen[what].add(item)
        return self

    def tenant(self, name: str) -> Tenant | None:
        return next((t for t in self.tenants if t.name == name), None)


def load(raw: Any, source: str, options: Mapping[str, Any]) -> OnCrawlConfig:
    """Fixtures file plus the settings' options (the options win over an ``options`` key in the file)."""
    if raw is not None and not isinstance(raw, dict):
        raise ConfigError(source, "the fixtures file must be a mapping")
    data = dict(raw or {})
    data.setdefault("tenants", [DEFAULT_TENANT])
    if options:
        validate_model(Options, dict(options), "options.oncrawl")
        data["options"] = {**(data.get("options") or {}), **dict(options)}
    return validate_model(OnCrawlConfig, data, source)


#: Used when no fixtures file names any tenant (the shipped fixtures/oncrawl.yaml does).
DEFAULT_TENANT: dict[str, Any] = {
    "name": "default",
    "workspaces": [{"id": "5f1e00000000000000000001", "name": "Demo workspace"}],
    "users": [{"username": "demo", "email": "demo@oncrawl.example", "password": "demo-password"}],
    "tokens": [{"token": "oc-demo-token"}],
}
