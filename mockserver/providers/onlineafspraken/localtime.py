"""The server's wall time: GMT+1, optionally with Dutch summer time, and its text formats.

seeds/onlineafspraken-how-the-api-works.txt: "Our server is set to GMT +1". The captured real
responses (contracts/onlineafspraken/captures, July 2021) show Date two hours ahead of
Timestamp, i.e. Dutch summer time; the ``dutch_summer_time`` option follows the captures.
Agenda times (opening hours, appointments, bookable times) are in the same wall time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from mockserver.core.localtime import from_local_naive, local_naive

DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
DATE_FORMAT = "%Y-%m-%d"
HOUR = timedelta(hours=1)


class WallTime:
    """Converts between Unix seconds and the server's naive wall-clock datetimes."""

    def __init__(self, summer_time: bool = False) -> None:
        self.summer_time = summer_time

    def local(self, timestamp: float) -> datetime:
        """Naive wall time for a Unix timestamp (whole seconds)."""
        seconds = int(timestamp // 1)
        if self.summer_time:
            return local_naive(seconds)
        return (datetime.fromtimestamp(seconds, tz=UTC) + HOUR).replace(tzinfo=None)

    def timestamp(self, local: datetime) -> int:
        """Unix seconds for a naive wall time (the first reading wins on the autumn repeat hour)."""
        if self.summer_time:
            return int(from_local_naive(local))
        return int((local.replace(tzinfo=UTC) - HOUR).timestamp())


def fmt_datetime(value: datetime | None) -> str:
    return value.strftime(DATETIME_FORMAT) if value is not None else ""


def fmt_date(value: date | None) -> str:
    return value.strftime(DATE_FORMAT) if value is not None else ""


def fmt_hm(value: datetime | time) -> str:
    return value.strftime("%H:%M")
