"""The only source of "now": system time, frozen time, or system time shifted by an offset."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime

#: The clock stays within these instants: stamps, tokens and stream positions must stay representable
#: (a datetime ends in year 9999, and a record written near it could not be read back or rendered).
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(2999, 12, 31, 23, 59, 59, tzinfo=UTC)
_EARLIEST_TS = EARLIEST.timestamp()
_LATEST_TS = LATEST.timestamp()
#: What a datetime can show (years 1 to 9999).
_SHOWABLE = (datetime.min.replace(tzinfo=UTC).timestamp(), datetime.max.replace(tzinfo=UTC).timestamp())


class ClockRangeError(ValueError):
    """A change that would move the clock outside EARLIEST..LATEST; the clock is left as it was."""

    def __init__(self, timestamp: float) -> None:
        self.timestamp = timestamp
        super().__init__(f"the clock must stay between {_iso(EARLIEST)} and {_iso(LATEST)}; {_where(timestamp)}")


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _where(timestamp: float) -> str:
    if timestamp != timestamp:  # NaN
        return "the change is not a number"
    if _SHOWABLE[0] <= timestamp < _SHOWABLE[1]:  # the upper end itself is already year 10000
        return f"this change would take it to {_iso(datetime.fromtimestamp(timestamp, tz=UTC))}"
    return f"this change would take it to {timestamp:.0f} seconds after 1970-01-01T00:00:00Z"


def check_timestamp(timestamp: float) -> float:
    """``timestamp`` when it lies within the clock's range, else ClockRangeError."""
    if not _EARLIEST_TS <= timestamp <= _LATEST_TS:
        raise ClockRangeError(timestamp)
    return timestamp


def parse_instant(value: str) -> datetime:
    """Parse an ISO 8601 instant (``Z`` or an offset); a value without a zone is taken as UTC."""
    moment = datetime.fromisoformat(value.strip())
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


class Clock:
    """Virtual time. Every timestamp, token expiry, salt window and delayed job reads it.

    Modes: ``system`` (wall time plus an offset, zero by default) and ``frozen``
    (time stands still until moved). ``advance`` works in both modes. A change that would leave
    EARLIEST..LATEST raises ClockRangeError and changes nothing.
    """

    def __init__(self, source: Callable[[], float] = time.time) -> None:
        self._source = source
        self._lock = threading.Lock()
        self._frozen: float | None = None
        self._offset = 0.0
        #: (frozen at, offset) when the server started, for a full reset.
        self._start: tuple[float | None, float] = (None, 0.0)

    @property
    def mode(self) -> str:
        return "frozen" if self._frozen is not None else "system"

    @property
    def offset(self) -> float:
        return self._offset

    def timestamp(self) -> float:
        """Seconds since the epoch, virtual."""
        frozen = self._frozen
        if frozen is not None:
            return frozen
        return self._source() + self._offset

    def now(self) -> datetime:
        """The virtual now, as an aware UTC datetime."""
        return datetime.fromtimestamp(self.timestamp(), tz=UTC)

    def freeze(self, at: datetime | None = None) -> None:
        """Stop time, at ``at`` or at the current virtual now."""
        with self._lock:
            self._frozen = check_timestamp(at.timestamp() if at is not None else self.timestamp())

    def set(self, at: datetime) -> None:
        """Jump to ``at``; a frozen clock stays frozen, a running one keeps running from there."""
        with self._lock:
            target = check_timestamp(at.timestamp())
            if self._frozen is not None:
                self._frozen = target
            else:
                self._offset = target - self._source()

    def advance(self, seconds: float) -> None:
        """Move time forward (or back, with a negative number)."""
        with self._lock:
            check_timestamp(self.timestamp() + seconds)
            if self._frozen is not None:
                self._frozen += seconds
            else:
                self._offset += seconds

    def use_system(self) -> None:
        """Back to plain wall time: unfreeze and drop the offset."""
        with self._lock:
            self._frozen = None
            self._offset = 0.0

    def mark_start(self) -> None:
        """Remember the current mode and offset as the server's start (``restore_start`` goes back to it)."""
        with self._lock:
            self._start = (self._frozen, self._offset)

    def restore_start(self) -> None:
        """Back to the mode and offset of the start: frozen at the same instant, or running with the same offset."""
        with self._lock:
            self._frozen, self._offset = self._start

    def saved(self) -> dict[str, object]:
        """What a snapshot keeps: the mode, the frozen instant or the offset from system time."""
        with self._lock:
            return {"mode": self.mode, "timestamp": self.timestamp(), "offset_seconds": self._offset}

    def load(self, mode: str, timestamp: float, offset: float) -> None:
        """Back to a saved clock: frozen at ``timestamp``, or running at ``offset`` from system time."""
        with self._lock:
            if mode == "frozen":
                self._frozen, self._offset = check_timestamp(timestamp), offset
            else:
                check_timestamp(self._source() + offset)
                self._frozen, self._offset = None, offset

    def describe(self) -> dict[str, object]:
        return {
            "mode": self.mode,
            "now": self.now().isoformat(timespec="milliseconds"),
            "timestamp": self.timestamp(),
            "offset_seconds": self._offset,
        }
