"""Deterministic randomness: one generator per (seed, provider, tenant, collection)."""

from __future__ import annotations

import hashlib
import random
import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from faker import Faker


def derive_seed(seed: int, *parts: str) -> int:
    """A stable 64-bit seed from the global seed and a path of names (same on any machine)."""
    digest = hashlib.sha256(":".join([str(seed), *parts]).encode()).digest()
    return int.from_bytes(digest[:8], "big")


def rng(seed: int, *parts: str) -> random.Random:
    """A ``random.Random`` of its own for one collection, so collections never shift each other."""
    return random.Random(derive_seed(seed, *parts))


def faker(seed: int, *parts: str, locale: str = "nl_NL") -> Faker:
    """A Faker of its own for one collection, seeded like ``rng``.

    Faker is imported here, when the first store is built, not at start (it is a tenth of a second).
    """
    from faker import Faker

    fake = Faker(locale)
    fake.seed_instance(derive_seed(seed, *parts))
    return fake


def uuid_from(generator: random.Random) -> str:
    """A version-4 UUID drawn from a seeded generator (never ``uuid4()``)."""
    return str(uuid.UUID(int=generator.getrandbits(128), version=4))
