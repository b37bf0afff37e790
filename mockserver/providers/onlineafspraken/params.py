"""Request parameters: GET query and POST form merged, looked up case-insensitively, typed on demand.

research/provider-onlineafspraken-oncrawl.md §1.6: the vendor itself mixes ``Id`` and ``id``, so
names are matched without regard to case; the signature still uses each key exactly as sent.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time
from urllib.parse import parse_qsl

from mockserver.providers.onlineafspraken.errors import (
    DuplicateParameter,
    InvalidParameter,
    MalformedRequest,
    RequiredParameterMissing,
)

_INT = re.compile(r"\A\d{1,18}\Z")
_DATE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")
_TIME = re.compile(r"\A(\d{1,2}):(\d{2})(?::(\d{2}))?\Z")
_DATETIME = re.compile(r"\A\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?\Z")


def parse_pairs(text: str, where: str) -> list[tuple[str, str]]:
    """``a=1&b=2`` into pairs, order and repeats kept; empty pieces (``&&``) are skipped."""
    if "%" not in text and "+" not in text:
        # Nothing to decode (a signed call of hex, digits and names mostly): parse_qsl's pairs, split directly.
        pairs = []
        for piece in text.split("&"):
            if piece:
                name, _, value = piece.partition("=")
                pairs.append((name, value))
        return pairs
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except (UnicodeDecodeError, ValueError) as exc:
        raise MalformedRequest(f"The {where} could not be read: {exc}.") from None


class Params:
    """The parameters of one call, as sent."""

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.pairs: list[tuple[str, str]] = list(pairs)
        #: Folded name -> value; fewer names than pairs means a name was repeated.
        self._by_name: dict[str, str] = {k.casefold(): v for k, v in self.pairs}
        if len(self._by_name) < len(self.pairs):
            raise _repeated(self.pairs)

    def raw(self, name: str) -> str | None:
        return self._by_name.get(name.casefold())

    def text(self, name: str, default: str | None = None) -> str | None:
        """The value, or ``default`` when absent or empty."""
        return self._by_name.get(name.casefold()) or default

    def first_of(self, *names: str) -> str | None:
        for name in names:
            value = self.text(name)
            if value is not None:
                return value
        return None

    def require(self, name: str) -> str:
        value = self._by_name.get(name.casefold())
        if not value:
            raise RequiredParameterMissing(name)
        return value

    def integer(self, name: str, *, required: bool = False, default: int | None = None) -> int | None:
        value = self.require(name) if required else self.text(name)
        if value is None:
            return default
        return to_int(name, value)

    def require_int(self, name: str) -> int:
        value = self.integer(name, required=True)
        assert value is not None
        return value

    def day(self, name: str, *, required: bool = False) -> date | None:
        value = self.require(name) if required else self.text(name)
        return None if value is None else to_date(name, value)

    def require_day(self, name: str) -> date:
        value = self.day(name, required=True)
        assert value is not None
        return value

    def time_of_day(self, name: str, *, required: bool = False) -> time | None:
        value = self.require(name) if required else self.text(name)
        return None if value is None else to_time(name, value)

    def require_time(self, name: str) -> time:
        value = self.time_of_day(name, required=True)
        assert value is not None
        return value

    def flag(self, name: str, default: bool = False) -> bool:
        value = self.text(name)
        if value is None:
            return default
        if value not in ("0", "1"):
            raise InvalidParameter(f"API parameter {name} must be 0 or 1, got {value!r}.")
        return value == "1"

    def moment(self, name: str, *aliases: str) -> datetime | None:
        value = self.first_of(name, *aliases)
        if value is None:
            return None
        if not _DATETIME.match(value):
            raise InvalidParameter(f"API parameter {name} must look like YYYY-MM-DD HH:MM:SS, got {value!r}.")
        try:
            return datetime.fromisoformat(value.replace("T", " "))
        except ValueError:
            raise InvalidParameter(f"API parameter {name} is not a real date and time: {value!r}.") from None


def _repeated(pairs: list[tuple[str, str]]) -> DuplicateParameter:
    """The refusal of the first name given again (in any case), both spellings shown when they differ."""
    first_of: dict[str, str] = {}
    for key, _ in pairs:
        folded = key.casefold()
        if folded in first_of:
            break
        first_of[folded] = key
    first = first_of[folded]
    shown = key if first == key else f"{first}/{key}"
    return DuplicateParameter(f"API parameter {shown} was given more than once.")


def to_int(name: str, value: str) -> int:
    if not _INT.match(value):
        raise InvalidParameter(f"API parameter {name} must be a whole number, got {value!r}.")
    return int(value)


def to_date(name: str, value: str) -> date:
    if not _DATE.match(value):
        raise InvalidParameter(f"API parameter {name} must be a date (YYYY-MM-DD), got {value!r}.")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidParameter(f"API parameter {name} is not a real date: {value!r}.") from None


def to_time(name: str, value: str) -> time:
    match = _TIME.match(value)
    if not match:
        raise InvalidParameter(f"API parameter {name} must be a time (HH:MM or HH:MM:SS), got {value!r}.")
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise InvalidParameter(f"API parameter {name} is not a time of day: {value!r}.")
    return time(hour, minute, second)
