"""The server's wall time: GMT+1, optionally with Dutch summer time, and its text formats.

seeds/onlineafspraken-how-the-api-works.txt: "Our server is set to GMT +1". The captured real
responses (contracts/onlineafspraken/captures, July 2021) show Date two hours ahead of
Timestamp, i.e. Dutch summer time; the ``dutch_summer_time`` option follows the captures.
Agenda times (opening hours, appointments, bookable times) are in the same wall time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
DATE_FORMAT = "%Y-%m-%d"
HOUR = timedelta(hours=1)


def _last_sunday(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    last = following - timedelta(days=1)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def _summer_bounds(year: int) -> tuple[datetime, datetime]:
    """EU summer time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last of October."""
    start = datetime.combine(_last_sunday(year, 3), time(1), tzinfo=UTC)
    end = datetime.combine(_last_sunday(year, 10), time(1), tzinfo=UTC)
    return start, end


class WallTime:
    """Converts between Unix seconds and the server's naive wall-clock datetimes."""

    def __init__(self, summer_time: bool = False) -> None:
        self.summer_time = summer_time

    def offset_at_utc(self, moment: datetime) -> timedelta:
        if not self.summer_time:
            return HOUR
        start, end = _summer_bounds(moment.year)
        return 2 * HOUR if start <= moment < end else HOUR

    def local(self, timestamp: float) -> datetime:
        """Naive wall time for a Unix timestamp (whole seconds)."""
        moment = datetime.fromtimestamp(int(timestamp // 1), tz=UTC)
        return (moment + self.offset_at_utc(moment)).replace(tzinfo=None)

    def timestamp(self, local: datetime) -> int:
        """Unix seconds for a naive wall time (the first reading wins on the autumn repeat hour)."""
        guess = local.replace(tzinfo=UTC) - 2 * HOUR if self.summer_time else local.replace(tzinfo=UTC) - HOUR
        if self.summer_time and self.offset_at_utc(guess) != 2 * HOUR:
            guess = local.replace(tzinfo=UTC) - HOUR
        return int(guess.timestamp())


def fmt_datetime(value: datetime | None) -> str:
    return value.strftime(DATETIME_FORMAT) if value is not None else ""


def fmt_date(value: date | None) -> str:
    return value.strftime(DATE_FORMAT) if value is not None else ""


def fmt_hm(value: datetime | time) -> str:
    return value.strftime("%H:%M")
