"""Who is calling: API tokens from the fixtures, session tokens (a week), OAuth2 access tokens, and scopes.

seeds/oncrawl-api-overview.txt: ``Authorization: Bearer <token>`` or a session token in
``x-oncrawl-token``; the v1 guide gives a session one week. OC-PHP also repeats its token as
``api_key=<token>`` in the query; its header is what counts here, so no token is read from a URL.
Scopes (``account:read|write``, ``project:read|write``) are enforced: a call needs the scope of its
kind, else 403 forbidden and nothing changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from mockserver.core.clock import Clock
from mockserver.core.derived import PerConfig
from mockserver.core.provider import ProviderHandle
from mockserver.core.seeding import rng
from mockserver.core.tokens import Token, TokenIssuer
from mockserver.providers.oncrawl.config import ALL_SCOPES, OnCrawlConfig, Tenant, User
from mockserver.providers.oncrawl.errors import Forbidden, Unauthorized
from mockserver.providers.oncrawl.store import OnCrawlStore

OnCrawlApp = ProviderHandle[OnCrawlConfig, OnCrawlStore]
#: How long an OAuth authorization code may wait for its exchange.
CODE_TTL = 600


@dataclass(frozen=True)
class Caller:
    tenant: str
    #: What the journal and scenario rules name the caller by: the API token's fingerprint, else the user name.
    credential: str
    scopes: frozenset[str]


class Tokens:
    """What the server hands out while it runs: sessions, OAuth access and refresh tokens, codes.

    Values are drawn from fixed seeds, so a fresh or reset server hands out the same sequence.
    """

    def __init__(self, clock: Clock) -> None:
        def issuer(kind: str, ttl: float | None, length: int = 40) -> TokenIssuer:
            return TokenIssuer(clock, ttl, prefix=f"oc_{kind}_", length=length, rng=rng(0, "oncrawl", kind))

        self.clock = clock
        self.sessions = issuer("session", None)
        self.access = issuer("access", None)
        self.refresh = issuer("refresh", None)
        self.codes = issuer("code", CODE_TTL, 24)


def tokens_of(app: OnCrawlApp) -> Tokens:
    tokens: Tokens = app.shared("tokens", lambda: Tokens(app.clock)).get()
    return tokens


def presented_token(authorization: str, session: str | None) -> str | None:
    """The token of ``Authorization: Bearer <token>``, else the one in ``x-oncrawl-token`` (``session``)."""
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return session or None


def resolve(token: str | None, config: OnCrawlConfig, tokens_now: Callable[[], Tokens]) -> Caller:
    """The caller a token stands for, or 401 (none, unknown, expired).

    ``tokens_now`` gives the tokens handed out so far; an API token (most calls) is found without them.
    """
    if not token:
        raise Unauthorized()
    caller = API_TOKENS.of(config).get(token)
    if caller is not None:
        return caller
    tokens = tokens_now()
    for issuer in (tokens.sessions, tokens.access):
        issued = issuer.find(token)
        if issued is None:
            continue
        if issued.revoked or issued.expired(tokens.clock.timestamp()):
            raise Unauthorized("The token has expired; log in again or refresh it.", code="token_expired")
        return caller_of_token(issued)
    raise Unauthorized("The token is not valid.")


def _api_callers(config: OnCrawlConfig) -> dict[str, Caller]:
    """The caller behind every API token of a config (tokens are unique across tenants: the config checks)."""
    return {
        t.token: Caller(tenant.name, fingerprint(t.token), frozenset(t.scopes))
        for tenant in config.tenants
        for t in tenant.tokens
    }


#: Caller by API token, for the config in force.
API_TOKENS: PerConfig[OnCrawlConfig, dict[str, Caller]] = PerConfig(_api_callers)


def fingerprint(token: str) -> str:
    """How the journal names an API token: a short hash, never the token itself."""
    return "token:" + hashlib.sha256(token.encode()).hexdigest()[:12]


def caller_of_token(token: Token) -> Caller:
    return Caller(token.tenant, token.credential, frozenset(token.claims["scopes"]))


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


#: A session acts as the user: every scope.
SESSION_SCOPES = tuple(ALL_SCOPES)
