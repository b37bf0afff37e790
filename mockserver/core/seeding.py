"""Deterministic randomness: one generator per (seed, provider, tenant, collection)."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
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


def draws(generator: random.Random) -> Callable[[int], int]:
    """``generator``'s uniform draw below ``n``: what ``randrange(n)``, ``randint`` and ``choice`` call after their
    argument checks, so the same numbers come out; for code that draws hundreds of thousands of them."""
    draw: Callable[[int], int] = generator._randbelow  # type: ignore[attr-defined]
    return draw


#: The bits a version-4 UUID fixes: the variant (RFC 4122) and the version.
_UUID4_CLEAR = ~((0xC000 << 48) | (0xF000 << 64))
_UUID4_SET = (0x8000 << 48) | (4 << 76)


def uuid_from(generator: random.Random) -> str:
    """A version-4 UUID drawn from a seeded generator (never ``uuid4()``): ``str(uuid.UUID(int=..., version=4))``
    without building the object (seeding draws one per record)."""
    value = "%032x" % (generator.getrandbits(128) & _UUID4_CLEAR | _UUID4_SET)
    return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
