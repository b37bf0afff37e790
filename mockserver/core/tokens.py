"""Bearer tokens for providers that hand them out: issue, look up, expire and revoke, on the virtual clock."""

from __future__ import annotations

import random
import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from mockserver.core.clock import Clock


@dataclass(frozen=True)
class Token:
    value: str
    #: Who it was issued to: the tenant it opens.
    tenant: str
    #: The credential it was issued for (a client id, a user name), as the journal names the caller.
    credential: str
    issued_at: float
    #: Seconds since the epoch on the virtual clock; None: never expires.
    expires_at: float | None
    claims: Mapping[str, Any] = field(default_factory=dict)
    revoked: bool = False

    def expired(self, now: float) -> bool:
        return self.expires_at is not None and now >= self.expires_at

    def expires_in(self, now: float) -> int | None:
        """Whole seconds left (the ``expires_in`` of an OAuth answer)."""
        return None if self.expires_at is None else max(0, int(self.expires_at - now))


class TokenIssuer:
    """The tokens of one provider. Time is the virtual clock's, so tests expire a token by advancing it.

    ``rng`` makes values reproducible (seed it from ``core.seeding``); without one they are random.
    At most ``keep`` tokens are remembered: issuing more forgets the oldest.
    """

    def __init__(
        self,
        clock: Clock,
        ttl_seconds: float | None,
        *,
        prefix: str = "",
        length: int = 32,
        rng: random.Random | None = None,
        keep: int = 100_000,
    ) -> None:
        self.clock = clock
        self.ttl_seconds = ttl_seconds
        self.prefix = prefix
        self.length = length
        self._rng = rng
        self._keep = keep
        self._tokens: dict[str, Token] = {}
        self._lock = threading.Lock()

    def _new_value(self) -> str:
        alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
        if self._rng is not None:
            return self.prefix + "".join(self._rng.choice(alphabet) for _ in range(self.length))
        return self.prefix + "".join(secrets.choice(alphabet) for _ in range(self.length))

    def issue(self, tenant: str, credential: str, *, ttl_seconds: float | None = None, **claims: Any) -> Token:
        """A new token; ``ttl_seconds`` overrides the issuer's lifetime for this one."""
        now = self.clock.timestamp()
        ttl = self.ttl_seconds if ttl_seconds is None else ttl_seconds
        with self._lock:
            value = self._new_value()
            while value in self._tokens:
                value = self._new_value()
            token = Token(value, tenant, credential, now, None if ttl is None else now + ttl, dict(claims))
            self._tokens[value] = token
            while len(self._tokens) > self._keep:
                del self._tokens[next(iter(self._tokens))]
        return token

    def find(self, value: str) -> Token | None:
        """The token as issued (expired and revoked ones included: vendors often answer those differently)."""
        return self._tokens.get(value)

    def lookup(self, value: str) -> Token | None:
        """The token when it is known, not revoked and not expired; else None."""
        token = self._tokens.get(value)
        if token is None or token.revoked or token.expired(self.clock.timestamp()):
            return None
        return token

    def expire(self, value: str) -> bool:
        """Make a token expire now (for scenarios and tests); False when unknown."""
        return self._change(value, expires_at=self.clock.timestamp())

    def revoke(self, value: str) -> bool:
        return self._change(value, revoked=True)

    def revoke_all(self, tenant: str | None = None) -> int:
        """Revoke every token (of one tenant); returns how many were live."""
        with self._lock:
            doomed = [v for v, t in self._tokens.items() if not t.revoked and (tenant is None or t.tenant == tenant)]
            for value in doomed:
                self._tokens[value] = replace(self._tokens[value], revoked=True)
        return len(doomed)

    def _change(self, value: str, **changes: Any) -> bool:
        with self._lock:
            token = self._tokens.get(value)
            if token is None:
                return False
            self._tokens[value] = replace(token, **changes)
            return True

    def __len__(self) -> int:
        return len(self._tokens)
