"""PerConfig: a value worked out from the config in force, kept until another config takes its place."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

C = TypeVar("C")
V = TypeVar("V")


class PerConfig(Generic[C, V]):
    """``of(config)`` is ``build(config)``, built again only when it is asked for another config object.

    Configs are immutable: a scenario's fixtures or a reload put another object in force, so the
    config's identity says whether the value kept still holds (a token table, say).
    """

    def __init__(self, build: Callable[[C], V]) -> None:
        self._build = build
        self._kept: tuple[C, V] | None = None

    def of(self, config: C) -> V:
        kept = self._kept
        if kept is None or kept[0] is not config:
            # One assignment: a thread that reads it meanwhile sees the old pair or the new, never half.
            kept = self._kept = (config, self._build(config))
        return kept[1]
