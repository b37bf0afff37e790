"""Deterministic randomness: one generator per (seed, provider, tenant, collection)."""

from __future__ import annotations

import gc
import hashlib
import random
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


class _CollectorPause:
    """How many seedings are running, and whether the cycle collector was on before the first of them."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.resume = False


_pause = _CollectorPause()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a store is seeded: seeded records hold no cycles, and the collector would
    keep scanning the hundreds of thousands of containers a large store adds (a fifth of the time to seed it).
    It is on again when the last seeding in progress ends (stores may be seeded in several threads at once), if it
    was on before the first began."""
    with _pause.lock:
        if _pause.running == 0:
            _pause.resume = gc.isenabled()
            gc.disable()
        _pause.running += 1
    try:
        yield
    finally:
        with _pause.lock:
            _pause.running -= 1
            if _pause.running == 0 and _pause.resume:
                gc.enable()
