"""TokenIssuer: tokens live on the virtual clock; expired and revoked ones no longer open anything."""

from __future__ import annotations

import random

from mockserver.core.clock import Clock
from mockserver.core.tokens import TokenIssuer


def test_a_token_is_found_until_the_clock_passes_its_lifetime(clock: Clock) -> None:
    issuer = TokenIssuer(clock, 3600)
    token = issuer.issue("acme", "client-1")
    assert issuer.lookup(token.value) == token
    assert token.expires_in(clock.timestamp()) == 3600
    clock.advance(3599)
    assert issuer.lookup(token.value) is not None
    clock.advance(1)
    assert issuer.lookup(token.value) is None
    found = issuer.find(token.value)
    assert found is not None and found.expired(clock.timestamp())


def test_expire_and_revoke_close_one_token_only(clock: Clock) -> None:
    issuer = TokenIssuer(clock, None)
    first, second, third = (issuer.issue("acme", f"c{n}") for n in range(3))
    assert first.expires_at is None
    assert issuer.expire(first.value) and issuer.revoke(second.value)
    assert issuer.lookup(first.value) is None and issuer.lookup(second.value) is None
    assert issuer.lookup(third.value) == third
    assert not issuer.revoke("nope") and not issuer.expire("nope")


def test_revoke_all_of_one_tenant(clock: Clock) -> None:
    issuer = TokenIssuer(clock, 60)
    mine, theirs = issuer.issue("acme", "a"), issuer.issue("other", "b")
    assert issuer.revoke_all("acme") == 1
    assert issuer.lookup(mine.value) is None and issuer.lookup(theirs.value) is not None


def test_seeded_issuers_hand_out_the_same_values_and_forget_the_oldest(clock: Clock) -> None:
    values = [
        [t.value for t in (TokenIssuer(clock, 60, prefix="tk_", rng=random.Random(7)).issue("a", "b"),)]
        for _ in range(2)
    ]
    assert values[0] == values[1] and values[0][0].startswith("tk_") and len(values[0][0]) == 35
    issuer = TokenIssuer(clock, 60, keep=2)
    first = issuer.issue("a", "b")
    issuer.issue("a", "b")
    issuer.issue("a", "b")
    assert len(issuer) == 2 and issuer.find(first.value) is None
