"""Content negotiation: Accept with q-weights and wildcards, and Content-Type checks."""

from __future__ import annotations

import re
from dataclasses import dataclass

#: type/subtype, each an RFC 9110 token (lower case: headers are lowered before matching).
_MEDIA = re.compile(r"([!#$%&'*+.^_`|~0-9a-z-]+)/([!#$%&'*+.^_`|~0-9a-z-]+)")


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    order: int

    @property
    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")

    def matches(self, media_type: str) -> bool:
        kind, _, sub = media_type.partition("/")
        return self.type in ("*", kind) and self.subtype in ("*", sub)


class BadMediaType(ValueError):
    """A header that does not parse as a media type."""


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an Accept header; an absent or empty header means ``*/*``."""
    if header is None or not header.strip():
        return [MediaRange("*", "*", 1.0, 0)]
    ranges: list[MediaRange] = []
    for order, part in enumerate(header.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        media = pieces[0].lower()
        if media == "*":  # some clients send a bare star
            media = "*/*"
        match = _MEDIA.fullmatch(media)
        if match is None:
            continue
        kind, sub = match.groups()
        if kind == "*" and sub != "*":
            continue
        q = 1.0
        for param in pieces[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = 0.0
                q = min(1.0, max(0.0, q))  # in this order a NaN weight becomes 0
        ranges.append(MediaRange(kind, sub, q, order))
    return ranges


def choose(header: str | None, offered: list[str]) -> str | None:
    """The offered type the client prefers most, or None when nothing is acceptable.

    The weight of an offered type is that of the most specific range matching it.
    Ties go to the range listed first (the vendor: "the first one indicates your
    preference"), then to the order of ``offered``.
    """
    ranges = parse_accept(header)
    best: tuple[float, int, int] | None = None
    chosen: str | None = None
    for index, media_type in enumerate(offered):
        matching = [r for r in ranges if r.matches(media_type)]
        if not matching:
            continue
        top = max(matching, key=lambda r: (r.specificity, -r.order))
        if top.q <= 0:
            continue
        key = (top.q, -top.order, -index)
        if best is None or key > best:
            best, chosen = key, media_type
    return chosen


def parse_content_type(header: str | None) -> tuple[str, dict[str, str]]:
    """Split a Content-Type header into a lower-case media type and its parameters."""
    if header is None or not header.strip():
        raise BadMediaType("Content-Type header is missing")
    if "," in header:
        raise BadMediaType(f"Content-Type must name exactly one media type, got {header!r}")
    pieces = [p.strip() for p in header.split(";")]
    media = pieces[0].lower()
    if _MEDIA.fullmatch(media) is None or "*" in media:
        raise BadMediaType(f"Content-Type {header!r} is not a media type")
    params: dict[str, str] = {}
    for param in pieces[1:]:
        if not param:
            continue
        name, eq, value = param.partition("=")
        if not eq:
            raise BadMediaType(f"Content-Type parameter {param!r} has no value")
        params[name.strip().lower()] = value.strip().strip('"')
    return media, params
