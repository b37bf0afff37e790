"""The virtual clock: system, frozen and offset modes."""

from datetime import UTC, datetime

from mockserver.core.clock import Clock, parse_instant

T0 = datetime(2026, 1, 1, tzinfo=UTC)


class FakeSource:
    def __init__(self, value: float) -> None:
        self.value = value

    def __call__(self) -> float:
        return self.value


def test_system_clock_follows_the_source() -> None:
    source = FakeSource(1000.0)
    clock = Clock(source)
    assert clock.timestamp() == 1000.0
    source.value = 1005.0
    assert clock.timestamp() == 1005.0
    assert clock.mode == "system"


def test_frozen_clock_stands_still_until_advanced() -> None:
    source = FakeSource(1000.0)
    clock = Clock(source)
    clock.freeze(T0)
    source.value = 5000.0
    assert clock.now() == T0
    clock.advance(90)
    assert clock.now() == datetime(2026, 1, 1, 0, 1, 30, tzinfo=UTC)
    assert clock.mode == "frozen"


def test_set_on_a_running_clock_keeps_it_running_from_there() -> None:
    source = FakeSource(1000.0)
    clock = Clock(source)
    clock.set(T0)
    assert clock.now() == T0
    source.value += 10
    assert clock.timestamp() == T0.timestamp() + 10


def test_advance_on_a_running_clock_shifts_the_offset() -> None:
    source = FakeSource(1000.0)
    clock = Clock(source)
    clock.advance(-30)
    assert clock.timestamp() == 970.0
    assert clock.offset == -30


def test_use_system_drops_freeze_and_offset() -> None:
    source = FakeSource(1000.0)
    clock = Clock(source)
    clock.freeze(T0)
    clock.advance(5)
    clock.use_system()
    assert clock.timestamp() == 1000.0
    assert clock.describe()["mode"] == "system"


def test_parse_instant_takes_z_offsets_and_naive_values_as_utc() -> None:
    assert parse_instant("2026-01-01T00:00:00Z") == T0
    assert parse_instant("2026-01-01T00:00:00") == T0
    assert parse_instant("2026-01-01T01:00:00+01:00") == T0
