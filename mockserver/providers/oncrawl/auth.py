"""Who is calling: API tokens from the fixtures, session tokens (a week), OAuth2 access tokens, and scopes.

seeds/oncrawl-api-overview.txt: ``Authorization: Bearer <token>`` or a session token in
``x-oncrawl-token``; the v1 guide gives a session one week. OC-PHP also sends ``api_key=<token>``
in the query, which is accepted too. Scopes (``account:read|write``, ``project:read|write``) are
enforced: a call needs the scope of its kind, else 403 forbidden and nothing changes.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping
from dataclasses import dataclass, field

from mockserver.core.clock import Clock
from mockserver.core.seeding import derive_seed, rng
from mockserver.providers.oncrawl.config import ALL_SCOPES, OnCrawlConfig, Tenant, User
from mockserver.providers.oncrawl.errors import Forbidden, Unauthorized


@dataclass(frozen=True)
class Caller:
    tenant: str
    token: str
    scopes: frozenset[str]
    kind: str  # api_token | session | oauth
    username: str | None = None


@dataclass
class Issued:
    caller: Caller
    expires_at: float  # clock seconds


@dataclass
class Grant:
    """An OAuth authorization code or refresh token: whose, which scopes, for which client."""

    tenant: str
    username: str
    scopes: tuple[str, ...]
    client_id: str
    redirect_uri: str | None
    expires_at: float | None


@dataclass
class TokenBook:
    """Tokens issued while the server runs (sessions, OAuth); forgotten on reset. Drawn from the seed."""

    seed: int
    clock: Clock
    issued: dict[str, Issued] = field(default_factory=dict)
    codes: dict[str, Grant] = field(default_factory=dict)
    refresh: dict[str, Grant] = field(default_factory=dict)
    _draw: random.Random | None = None

    def new_token(self, prefix: str) -> str:
        if self._draw is None:
            self._draw = rng(self.seed, "oncrawl", "tokens")
        return f"{prefix}{self._draw.getrandbits(160):040x}"

    def issue(self, caller: Caller, ttl: float) -> float:
        expires = self.clock.timestamp() + ttl
        self.issued[caller.token] = Issued(caller, expires)
        return expires

    def reset(self, tenant: str | None = None) -> None:
        """Forget what was issued (to one tenant, or to all; then the token draw restarts too)."""
        if tenant is None:
            self.issued.clear()
            self.codes.clear()
            self.refresh.clear()
            self._draw = None
            return
        for book in (self.codes, self.refresh):
            for key in [k for k, grant in book.items() if grant.tenant == tenant]:
                del book[key]
        for key in [k for k, issued in self.issued.items() if issued.caller.tenant == tenant]:
            del self.issued[key]


def presented_token(headers: Mapping[str, str], query: Mapping[str, str]) -> str | None:
    auth = headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return headers.get("x-oncrawl-token") or query.get("api_key") or None


def resolve(token: str | None, config: OnCrawlConfig, book: TokenBook) -> Caller:
    """The caller a token stands for, or 401 (none, unknown, expired)."""
    if not token:
        raise Unauthorized()
    for tenant in config.tenants:
        for api_token in tenant.tokens:
            if api_token.token == token:
                return Caller(tenant.name, token, frozenset(api_token.scopes), "api_token")
    issued = book.issued.get(token)
    if issued is None:
        raise Unauthorized("The token is not valid.")
    if book.clock.timestamp() >= issued.expires_at:
        raise Unauthorized("The token has expired; log in again or refresh it.", code="token_expired")
    return issued.caller


def require(caller: Caller, scope: str) -> None:
    if scope not in caller.scopes:
        have = ", ".join(sorted(caller.scopes)) or "none"
        raise Forbidden(f"this call needs the {scope} scope; the token has {have}")


def find_user(config: OnCrawlConfig, identification: str) -> tuple[Tenant, User] | None:
    """A user by username or email (the v1 login takes either), case-insensitively."""
    wanted = identification.strip().lower()
    for tenant in config.tenants:
        for user in tenant.users:
            if wanted in (user.username.lower(), user.email.lower()):
                return tenant, user
    return None


def user_ids(seed: int, tenant: Tenant, user: User) -> tuple[str, str]:
    """(user_id, user_hash): stable per seed, 24 and 40 hex digits."""
    number = derive_seed(seed, "oncrawl", tenant.name, "user", user.username)
    user_id = f"{number:016x}{number % 2**32:08x}"
    return user_id, hashlib.sha1(f"{user_id}:{user.email}".encode()).hexdigest()


def session_caller(tenant: Tenant, user: User, token: str) -> Caller:
    """A session acts as the user: every scope."""
    return Caller(tenant.name, token, frozenset(ALL_SCOPES), "session", user.username)
