"""Paging shared by the providers: limit/offset, and opaque cursors."""

from __future__ import annotations

import base64
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


@dataclass(frozen=True)
class CursorPage(Generic[T]):
    items: Sequence[T]
    #: The opaque cursor of the next page; None on the last page.
    next_cursor: str | None


class BadCursor(ValueError):
    """A cursor this server did not hand out (the provider turns it into its own 400)."""


def encode_cursor(position: int) -> str:
    return base64.urlsafe_b64encode(f"at:{position}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        kind, _, number = text.partition(":")
        position = int(number)
    except (ValueError, UnicodeDecodeError):
        raise BadCursor(f"not a cursor: {cursor!r}") from None
    if kind != "at" or position < 0:
        raise BadCursor(f"not a cursor: {cursor!r}")
    return position


def paginate_cursor(items: Sequence[T], cursor: str | None, limit: int) -> CursorPage[T]:
    """One page after ``cursor`` (None: the first page); O(page) on a sequence.

    The cursor is opaque to clients and carries the position of the next item, so pages of a collection
    that only grows at its end stay stable. A cursor past the end gives an empty last page.
    """
    if limit < 1:
        raise ValueError("limit must be at least 1")
    start = 0 if cursor is None else decode_cursor(cursor)
    chunk = items[start : start + limit]
    following = start + len(chunk)
    return CursorPage(items=chunk, next_cursor=encode_cursor(following) if following < len(items) else None)
