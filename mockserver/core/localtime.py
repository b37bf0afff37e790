"""Dutch wall time from the IANA time-zone database (the pinned tzdata package, so every image has it)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

#: Every vendor emulated here keeps Dutch time: CET, CEST in summer.
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def local_naive(timestamp: float, zone: ZoneInfo = AMSTERDAM) -> datetime:
    """The wall-clock reading (no zone attached) at a Unix timestamp."""
    return datetime.fromtimestamp(timestamp, tz=UTC).astimezone(zone).replace(tzinfo=None)


def from_local_naive(local: datetime, zone: ZoneInfo = AMSTERDAM) -> float:
    """Unix seconds of a wall-clock reading; on the autumn repeat hour the first one, in the spring gap
    the reading taken with the winter offset (``fold=0``)."""
    return local.replace(tzinfo=zone, fold=0).timestamp()
