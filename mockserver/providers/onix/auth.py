"""Who is calling: a short-lived token under Bearer, or the company's long-lived key under Key (or bare).

seeds/onix-work-openapi-get-started.txt ("Authentication"): ``POST /v1/Account/token`` gives a
token that expires after 60 minutes, sent as ``Authorization: Bearer <token>``; the company's
long-lived token never expires and is sent as ``Authorization: Key <token>``, where the word
``Key`` may be left out. A missing token, or the wrong scheme for its kind, is a 401.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from mockserver.providers.onix.config import Company, OnixConfig
from mockserver.providers.onix.errors import TokenExpired, Unauthorized


@dataclass(frozen=True)
class Issued:
    """A short-lived token: whose it is and when it stops working (a timestamp of the emulator's clock)."""

    company: str
    expires_at: float


#: Looks a short-lived token up (None: never issued, or forgotten by a reset).
TokenLookup = Callable[[str], Issued | None]


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
    when = datetime.fromtimestamp(expires_at, UTC)
    return f"The token expired at '{when:%m/%d/%Y %H:%M:%S}'"


def authenticate(header: str | None, config: OnixConfig, lookup: TokenLookup, now: float) -> tuple[Company, str]:
    """The company of the credential in ``header`` and the credential itself; Unauthorized otherwise."""
    presented = split(header)
    if presented is None:
        raise Unauthorized("No Authorization header: send 'Bearer <token>' or 'Key <company key>'")
    scheme, credential = presented
    if scheme == "bearer":
        issued = lookup(credential)
        if issued is None:
            if config.company_by_key(credential) is not None:
                raise Unauthorized("A long-lived company key goes under the Key scheme", error="invalid_token")
            raise Unauthorized("The token is not valid", error="invalid_token")
        if now >= issued.expires_at:
            raise TokenExpired(expired_text(issued.expires_at))
        company = config.company(issued.company)
        if company is None:
            raise Unauthorized("The token's company no longer exists", error="invalid_token")
        return company, credential
    if scheme == "key":
        company = config.company_by_key(credential)
        if company is not None:
            return company, credential
        if lookup(credential) is not None:
            raise Unauthorized("A short-lived token goes under the Bearer scheme", scheme="Key", error="invalid_token")
        raise Unauthorized("The company key is not valid", scheme="Key", error="invalid_token")
    raise Unauthorized("Use the Bearer scheme for a short-lived token, Key for the company key", error="invalid_token")


class TokenBook:
    """Short-lived tokens issued by this server; forgotten on reset (a client then logs in again)."""

    def __init__(self) -> None:
        self._tokens: dict[str, Issued] = {}
        self._count = 0

    def issue(self, seed: int, company: str, email: str, now: float, minutes: int) -> str:
        """A new token for ``company``, valid ``minutes`` from ``now``; the same run gives the same tokens."""
        self._count += 1
        digest = hashlib.sha256(f"{seed}:{company}:{email}:{now}:{self._count}".encode()).digest()
        token = base64.urlsafe_b64encode(digest).decode().rstrip("=")
        self._tokens[token] = Issued(company, now + minutes * 60)
        return token

    def lookup(self, token: str) -> Issued | None:
        return self._tokens.get(token)

    def clear(self) -> None:
        self._tokens.clear()
