"""Ons dates and timestamps: ``YYYY-MM-DD`` and ``2016-01-01T12:00:00.000+01:00`` in Dutch local time.

The vendor's examples carry the Amsterdam offset (+01:00 in winter, +02:00 in summer;
contracts/ons/*.yml), taken from the time-zone database (core/localtime.py).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from mockserver.core.localtime import AMSTERDAM


def format_timestamp(moment: datetime) -> str:
    """Millisecond precision with the Amsterdam offset, as in the vendor's examples.

    Before 1937 Amsterdam's offset had seconds (+00:19:32), which no ISO 8601 / RFC 3339 reader
    takes: such an instant is shown at the offset rounded to the minute (the same instant).
    """
    local = moment.astimezone(AMSTERDAM)
    offset = local.utcoffset()
    if offset is not None and offset.seconds % 60:
        local = moment.astimezone(timezone(timedelta(minutes=round(offset.total_seconds() / 60))))
    return local.isoformat(timespec="milliseconds")


def format_date(day: date) -> str:
    return day.isoformat()


#: timedelta(microseconds=n) for n below 1000: what truncate_millis subtracts (seeding truncates hundreds of
#: thousands of times; a subtraction is several times faster than replace()).
_SUB_MILLI = tuple(timedelta(microseconds=n) for n in range(1000))


def truncate_millis(moment: datetime) -> datetime:
    """Drop sub-millisecond digits, so a stored time round-trips through its rendering."""
    rest = moment.microsecond % 1000
    if not rest:
        return moment
    if moment.fold:  # a subtraction would drop which of a repeated local hour is meant
        return moment.replace(microsecond=moment.microsecond - rest)
    return moment - _SUB_MILLI[rest]


def parse_timestamp(text: str) -> datetime:
    """An ISO 8601 date-time; without a zone it is Dutch local time. Raises ValueError."""
    value = text.strip()
    if not value or not value[0].isdigit():
        raise ValueError("not an ISO 8601 date-time")
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        # The vendor's own example for `since` has no zone ("2014-12-29T00:00:00.000");
        # read it as wall-clock time in the Netherlands.
        moment = moment.replace(tzinfo=AMSTERDAM)
    moment = moment.astimezone(UTC)
    if not 2 <= moment.year <= 9998:
        # Rendering adds the Dutch offset; keep clear of datetime's year 1 and 9999 edges.
        raise ValueError("year out of range")
    return moment


def parse_date(text: str) -> date:
    """A ``YYYY-MM-DD`` date. Raises ValueError."""
    value = text.strip()
    if len(value) != 10:
        raise ValueError("not a YYYY-MM-DD date")
    return date.fromisoformat(value)
