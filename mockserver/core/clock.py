"""The only source of "now": system time, frozen time, or system time shifted by an offset."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime


def parse_instant(value: str) -> datetime:
    """Parse an ISO 8601 instant; a value without a zone is taken as UTC."""
    text = value.strip()
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment


class Clock:
    """Virtual time. Every timestamp, token expiry, salt window and delayed job reads it.

    Modes: ``system`` (wall time plus an offset, zero by default) and ``frozen``
    (time stands still until moved). ``advance`` works in both modes.
    """

    def __init__(self, source: Callable[[], float] = time.time) -> None:
        self._source = source
        self._lock = threading.Lock()
        self._frozen: float | None = None
        self._offset = 0.0

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
            self._frozen = at.timestamp() if at is not None else self.timestamp()

    def set(self, at: datetime) -> None:
        """Jump to ``at``; a frozen clock stays frozen, a running one keeps running from there."""
        with self._lock:
            if self._frozen is not None:
                self._frozen = at.timestamp()
            else:
                self._offset = at.timestamp() - self._source()

    def advance(self, seconds: float) -> None:
        """Move time forward (or back, with a negative number)."""
        with self._lock:
            if self._frozen is not None:
                self._frozen += seconds
            else:
                self._offset += seconds

    def use_system(self) -> None:
        """Back to plain wall time: unfreeze and drop the offset."""
        with self._lock:
            self._frozen = None
            self._offset = 0.0

    def describe(self) -> dict[str, object]:
        return {
            "mode": self.mode,
            "now": self.now().isoformat(timespec="milliseconds"),
            "timestamp": self.timestamp(),
            "offset_seconds": self._offset,
        }
