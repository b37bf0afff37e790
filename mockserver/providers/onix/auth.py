"""Who is calling: a short-lived token under Bearer, or the company's long-lived key under Key (or bare).

seeds/onix-work-openapi-get-started.txt ("Authentication"): ``POST /v1/Account/token`` gives a
token that expires after 60 minutes, sent as ``Authorization: Bearer <token>``; the company's
long-lived token never expires and is sent as ``Authorization: Key <token>``, where the word
``Key`` may be left out. A missing token, or the wrong scheme for its kind, is a 401.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from mockserver.core import seeding
from mockserver.core.clock import Clock
from mockserver.core.provider import ProviderHandle
from mockserver.core.tokens import TokenIssuer
from mockserver.providers.onix.config import OnixConfig
from mockserver.providers.onix.errors import BadRequest, TokenExpired, Unauthorized
from mockserver.providers.onix.store import OnixStore

OnixApp = ProviderHandle[OnixConfig, OnixStore]
#: Name of the provider-wide holder of the issued tokens in the handle.
TOKENS = "tokens"
TOKEN_LENGTH = 43
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class OnixCaller:
    """The company a credential opens (the tenant) and the credential itself."""

    tenant: str
    credential: str


class TokenIssuers:
    """Builds the provider's token issuer, again after each reset, each time from the next seeded generator:
    values are the same run to run, and a token from before a reset never comes back as another company's."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.generations = itertools.count()

    def __call__(self) -> TokenIssuer:
        rng = seeding.rng(next(self.generations), "onix", "tokens")
        return TokenIssuer(self.clock, None, length=TOKEN_LENGTH, rng=rng)


def tokens(app: OnixApp) -> TokenIssuer:
    """The provider's short-lived tokens; a reset forgets them (a client then logs in again).

    The handle keeps the factory of the first call, so one TokenIssuers counts the generations.
    """
    return app.shared(TOKENS, TokenIssuers(app.clock)).get()


def split(header: str | None) -> tuple[str, str] | None:
    """(scheme, credential) of an Authorization header; a lone value is a key with the scheme left out."""
    if header is None or not header.strip():
        return None
    parts = header.strip().split(None, 1)
    if len(parts) == 1:
        return "key", parts[0]
    scheme = parts[0].casefold()
    return (scheme if scheme in ("bearer", "key") else "other"), parts[1].strip()


def expired_text(expires_at: float) -> str:
    when = EPOCH + timedelta(seconds=expires_at)
    return f"The token expired at '{when:%m/%d/%Y %H:%M:%S}'"


def authenticate(header: str | None, config: OnixConfig, issuer: TokenIssuer) -> OnixCaller:
    """The company of the credential in ``header``; Unauthorized (401) otherwise."""
    presented = split(header)
    if presented is None:
        raise Unauthorized()  # ASP.NET's plain challenge: "WWW-Authenticate: Bearer", no reason
    scheme, credential = presented
    if scheme == "bearer":
        token = issuer.find(credential)
        if token is None or token.revoked:
            if config.company_by_key(credential) is not None:
                raise Unauthorized("A long-lived company key goes under the Key scheme", error="invalid_token")
            raise Unauthorized("The token is not valid", error="invalid_token")
        if token.expires_at is not None and token.expired(issuer.clock.timestamp()):
            raise TokenExpired(expired_text(token.expires_at))
        if config.company(token.tenant) is None:
            raise Unauthorized("The token's company no longer exists", error="invalid_token")
        return OnixCaller(token.tenant, credential)
    if scheme == "key":
        company = config.company_by_key(credential)
        if company is not None:
            return OnixCaller(company.name, credential)
        if issuer.find(credential) is not None:
            raise Unauthorized("A short-lived token goes under the Bearer scheme", scheme="Key", error="invalid_token")
        raise Unauthorized("The company key is not valid", scheme="Key", error="invalid_token")
    raise Unauthorized("Use the Bearer scheme for a short-lived token, Key for the company key", error="invalid_token")


def login(username: object, password: object, config: OnixConfig, issuer: TokenIssuer) -> tuple[OnixCaller, str]:
    """POST /v1/Account/token: (the user's company, a new token); the seed's 400 "Bad Request" otherwise."""
    if not isinstance(username, str) or not isinstance(password, str):
        raise BadRequest()
    found = config.login(username, password)
    if found is None:
        raise BadRequest()
    company, user = found
    token = issuer.issue(company.name, user.email, ttl_seconds=config.options.token_minutes * 60)
    return OnixCaller(company.name, user.email), token.value
