"""Who is calling: the firm and API key behind ``Authorization: Bearer <key>``, and what the key may do.

seeds/leanlaw-request-response-patterns.txt: 401 "missing authentication (no API key provided)",
403 "the token is not authorized to perform the action or is invalid". Keys carry ``read``,
``write`` and ``read.rates`` (platform.leanlaw.io/auth; the OpenAPI's TimeEntry.rate).
``x-leanlaw-userid`` names the acting user; ``x-leanlaw-partnerid`` is accepted and not checked.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mockserver.core.derived import PerConfig
from mockserver.core.provider import ProviderHandle
from mockserver.providers.leanlaw import params
from mockserver.providers.leanlaw.config import ApiKey, Firm, LeanLawConfig
from mockserver.providers.leanlaw.errors import InvalidRequest, MissingAuthentication, NotAuthorized
from mockserver.providers.leanlaw.store import LeanLawStore

#: The LeanLaw handle on the app: config and store types known.
LeanLawApp = ProviderHandle[LeanLawConfig, LeanLawStore]

USER_HEADER = "x-leanlaw-userid"
#: The two headers every call reads, as ASGI names them (lower case).
AUTHORIZATION, USER = b"authorization", USER_HEADER.encode()


@dataclass(frozen=True)
class Caller:
    """The firm (tenant) and the API key of a request; the tenant and the key's journal name, read on every
    request, are worked out once per config."""

    firm: Firm
    key: ApiKey
    tenant: str
    credential: str


#: Caller by API key, for the config in force (keys are unique across firms: the config checks).
CALLERS: PerConfig[LeanLawConfig, dict[str, Caller]] = PerConfig(
    lambda config: {
        key.key: Caller(firm, key, firm.tenant, masked(key.key)) for firm in config.firms for key in firm.keys
    }
)


def masked(key: str) -> str:
    """How the journal and scenario counters name a key: enough to tell keys apart, not enough to use one."""
    return f"{key[:6]}...{key[-4:]}"


def bearer_token(authorization: str | None) -> str | None:
    """The key of a Bearer header; None when no key is sent at all (401). Another scheme is a 403."""
    sent = authorization.strip() if authorization is not None else ""
    if not sent:
        return None
    scheme, _, token = sent.partition(" ")
    if scheme.lower() != "bearer":
        raise NotAuthorized(f"Unsupported authorization scheme '{scheme}'. Send 'Authorization: Bearer <api key>'.")
    return token.strip() or None


def authenticate(authorization: str | None, config: LeanLawConfig) -> Caller:
    """The firm and key of a request, or 401 (no key) / 403 (another scheme, an unknown key)."""
    token = bearer_token(authorization)
    if token is None:
        raise MissingAuthentication()
    caller = CALLERS.of(config).get(token)
    if caller is None:
        raise NotAuthorized("The API key is not valid. Generate one under Settings > API in LeanLaw.")
    return caller


def authorize(key: ApiKey, permission: str) -> None:
    """403 when the key lacks ``permission`` (read for GET, write for POST, PUT and DELETE)."""
    if not key.may(permission):
        granted = ", ".join(key.permissions) or "none"
        raise NotAuthorized(f"The API key does not have the '{permission}' permission (it has: {granted}).")


def acting_user(raw: str | None, users: Mapping[str, object]) -> str | None:
    """The user ``x-leanlaw-userid`` (``raw``; None: not sent) names: a GUID of one of the firm's users, else 400."""
    if raw is None or not raw.strip():
        return None
    user_id = params.guid(raw, USER_HEADER)
    if user_id not in users:
        raise InvalidRequest(f"No user with id {user_id} was found in this firm.", field=USER_HEADER)
    return user_id
