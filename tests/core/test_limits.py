"""In-flight and windowed limits on the virtual clock."""

from datetime import UTC, datetime

from mockserver.core.clock import Clock
from mockserver.core.limits import InFlightLimiter, WindowLimiter


def test_in_flight_refuses_past_the_limit_per_key() -> None:
    limiter = InFlightLimiter(4)
    assert all(limiter.try_acquire("cert-a") for _ in range(4))
    assert not limiter.try_acquire("cert-a")
    assert limiter.try_acquire("cert-b")
    limiter.release("cert-a")
    assert limiter.try_acquire("cert-a")
    assert limiter.in_flight("cert-a") == 4


def test_window_limit_frees_up_when_virtual_time_passes() -> None:
    clock = Clock()
    clock.freeze(datetime(2026, 1, 1, tzinfo=UTC))
    limiter = WindowLimiter(clock, limit=2, window=10)
    assert limiter.hit("k") is None
    clock.advance(4)
    assert limiter.hit("k") is None
    assert limiter.hit("k") == 6.0
    assert limiter.hit("other") is None
    clock.advance(6)
    assert limiter.hit("k") is None
    assert limiter.hit("k") == 4.0
