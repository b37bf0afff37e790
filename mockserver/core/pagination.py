"""Limit/offset paging shared by the providers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: Sequence[T]
    offset: int
    limit: int
    total: int

    @property
    def next_offset(self) -> int | None:
        """Where the next page starts; None at the end, and for an empty page (``limit=0`` only counts)."""
        following = self.offset + len(self.items)
        return following if self.items and following < self.total else None


def paginate(items: Sequence[T], offset: int, limit: int) -> Page[T]:
    """Slice one page; costs O(page) on a sequence. Offsets past the end give an empty page."""
    if offset < 0 or limit < 0:
        raise ValueError("offset and limit must not be negative")
    return Page(items=items[offset : offset + limit], offset=offset, limit=limit, total=len(items))
