"""Who is calling: api key to tenant, salt inside the window on the emulator's clock, signature.

seeds/onlineafspraken-how-the-api-works.txt: the salt is the current Unix timestamp, a URL is
valid for at most 5 minutes, and the salt must be below the server's timestamp and no more
than 300 below it. A salt equal to the server's current second is accepted (on loopback the
client and the server share that second).
"""

from __future__ import annotations

import re

from mockserver.core.provider import ProviderHandle
from mockserver.providers.onlineafspraken.config import OnlineAfsprakenConfig, TenantConfig
from mockserver.providers.onlineafspraken.errors import (
    InvalidSalt,
    InvalidSignature,
    SaltExpired,
    SaltInFuture,
    UnknownApiKey,
)
from mockserver.providers.onlineafspraken.params import Params
from mockserver.providers.onlineafspraken.signing import algorithm_for, verify_sent
from mockserver.providers.onlineafspraken.store import OnlineAfsprakenStore

#: The OnlineAfspraken handle on the app: config and store types known.
AgendaApp = ProviderHandle[OnlineAfsprakenConfig, OnlineAfsprakenStore]

_SALT = re.compile(r"\A\d{1,18}\Z")


def tenant_for(params: Params, config: OnlineAfsprakenConfig) -> TenantConfig:
    """The tenant the api key belongs to (the key itself is required)."""
    api_key = params.require("api_key")
    tenant = config.tenant_by_key(api_key)
    if tenant is None:
        raise UnknownApiKey()
    return tenant


#: How a client whose clock differs from the server's gets back in (every reply carries the server time).
RESYNC = (
    "Sign again with the server time as the salt: it is Status/Timestamp of this reply "
    "(mockserver sign --sync does that)."
)


def check_request(params: Params, tenant: TenantConfig, config: OnlineAfsprakenConfig, timestamp: float) -> None:
    """Salt window and signature; raises the matching failure."""
    salt_text = params.require("api_salt")
    signature = params.require("api_signature")
    if not _SALT.match(salt_text):
        raise InvalidSalt(f"API salt must be a Unix timestamp in seconds, got {salt_text!r}.")
    salt = int(salt_text)
    now = int(timestamp // 1)
    window = config.options.salt_window
    if salt > now:
        raise SaltInFuture(f"API salt {salt} is later than the server time {now}. {RESYNC}")
    if salt < now - window:
        raise SaltExpired(f"API salt {salt} is more than {window} seconds older than the server time {now}. {RESYNC}")
    algorithm = algorithm_for(signature)
    if algorithm is None:
        raise InvalidSignature("API signature must be a SHA-256 (64) or SHA-1 (40) hex digest.")
    strict = config.options.strict_signatures
    if not verify_sent(params.pairs, tenant.api_secret, salt_text, signature, algorithm, strict=strict):
        raise InvalidSignature()
