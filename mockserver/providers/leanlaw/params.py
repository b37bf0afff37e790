"""Typed reading of query, path and body values: anything malformed is a 400 naming the field."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from mockserver.providers.leanlaw.errors import InvalidRequest

_GUID = re.compile(r"\A[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")
_DATE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")
_TIME = re.compile(r"\A([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,7})?)?\Z")
_INTEGER = re.compile(r"[+-]?\d{1,10}")
INT32_MAX = 2**31 - 1


def guid(raw: str, name: str) -> str:
    """A GUID in its usual 8-4-4-4-12 form, lower-cased."""
    text = raw.strip()
    if not _GUID.match(text):
        raise InvalidRequest(f"The value '{raw}' is not a valid GUID.", field=name)
    return text.lower()


def day(raw: str, name: str) -> date:
    text = raw.strip()
    try:
        if not _DATE.match(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise InvalidRequest(f"The value '{raw}' is not a valid date (yyyy-MM-dd).", field=name) from None


def instant(raw: str, name: str) -> datetime:
    """An ISO 8601 date and time; one without a zone is taken as UTC."""
    text = raw.strip().replace(" ", "+") if "T" in raw else raw.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise InvalidRequest(f"The value '{raw}' is not a valid date and time.", field=name) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def time_of_day(raw: str, name: str) -> str:
    """A time of day as HH:mm[:ss[.fffffff]], kept as sent (normalised to HH:mm:ss)."""
    text = raw.strip()
    if not _TIME.match(text):
        raise InvalidRequest(f"The value '{raw}' is not a valid time (HH:mm:ss).", field=name)
    return text if text.count(":") == 2 else text + ":00"


def boolean(raw: str, name: str) -> bool:
    text = raw.strip().lower()
    if text in ("true", "false"):
        return text == "true"
    raise InvalidRequest(f"The value '{raw}' is not valid for {name}; use true or false.", field=name)


def choice(raw: str, name: str, allowed: tuple[str, ...]) -> str:
    """One of an enum's values, matched without regard to case; answered in the document's spelling."""
    for value in allowed:
        if value.lower() == raw.strip().lower():
            return value
    raise InvalidRequest(f"The value '{raw}' is not valid for {name}; use one of {', '.join(allowed)}.", field=name)


def integer(raw: str, name: str, low: int, high: int) -> int:
    text = raw.strip()
    # Plain digits (most values) pass without the pattern: isdecimal() is the pattern's \d (Unicode Nd).
    if (text.isdecimal() and len(text) <= 10) or _INTEGER.fullmatch(text):
        value = int(text)
        if low <= value <= high:
            return value
    raise InvalidRequest(
        f"The value '{raw}' is not valid for {name}; use a whole number from {low} to {high}.", field=name
    )
