"""The virtual clock: system, frozen and offset modes."""

from datetime import UTC, datetime

import pytest

from mockserver.core.clock import EARLIEST, LATEST, Clock, ClockRangeError, check_timestamp, parse_instant

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


def test_freeze_without_an_instant_stops_at_the_virtual_now() -> None:
    source = FakeSource(1000.0)
    clock = Clock(source)
    clock.advance(20)
    clock.freeze()
    source.value = 9000.0
    assert clock.timestamp() == 1020.0
    assert clock.mode == "frozen"


def test_repeated_advances_add_up_in_both_modes() -> None:
    running = Clock(FakeSource(1000.0))
    frozen = Clock(FakeSource(1000.0))
    frozen.freeze(T0)
    for clock in (running, frozen):
        clock.advance(10)
        clock.advance(2.5)
    assert running.timestamp() == 1012.5 and running.offset == 12.5
    assert frozen.timestamp() == T0.timestamp() + 12.5 and frozen.offset == 0.0


def test_set_on_a_frozen_clock_moves_it_and_keeps_it_frozen() -> None:
    source = FakeSource(1000.0)
    clock = Clock(source)
    clock.freeze(T0)
    later = datetime(2026, 6, 1, 12, tzinfo=UTC)
    clock.set(later)
    source.value = 2000.0
    assert clock.now() == later and clock.mode == "frozen" and clock.offset == 0.0


def test_set_on_a_running_clock_records_the_offset() -> None:
    clock = Clock(FakeSource(1000.0))
    clock.set(datetime.fromtimestamp(4000.0, tz=UTC))
    assert clock.offset == 3000.0 and clock.mode == "system"


def test_use_system_drops_the_offset_of_a_running_clock() -> None:
    clock = Clock(FakeSource(1000.0))
    clock.advance(50)
    clock.use_system()
    assert clock.offset == 0.0 and clock.timestamp() == 1000.0


def test_describe_gives_mode_now_timestamp_and_offset() -> None:
    clock = Clock(FakeSource(1767225600.5))
    clock.advance(-0.25)
    assert clock.describe() == {
        "mode": "system",
        "now": "2026-01-01T00:00:00.250+00:00",
        "timestamp": 1767225600.25,
        "offset_seconds": -0.25,
    }
    clock.freeze(T0)
    assert clock.describe() == {
        "mode": "frozen",
        "now": "2026-01-01T00:00:00.000+00:00",
        "timestamp": 1767225600.0,
        "offset_seconds": -0.25,
    }


def test_now_is_an_aware_utc_datetime() -> None:
    clock = Clock(FakeSource(1767225600.0))
    assert clock.now() == T0 and clock.now().tzinfo is UTC


def test_parse_instant_strips_surrounding_spaces() -> None:
    assert parse_instant("  2026-01-01T00:00:00Z \n") == T0


def test_parse_instant_refuses_what_is_no_instant() -> None:
    for text in ("2026-01-01T00:00:00z", "yesterday", ""):
        with pytest.raises(ValueError):
            parse_instant(text)


# 1970-01-01T00:00:00Z and 2999-12-31T23:59:59Z in Unix seconds.
FIRST, LAST = 0.0, 32503679999.0


def test_clock_range_ends_are_literal_instants() -> None:
    assert (EARLIEST.timestamp(), LATEST.timestamp()) == (FIRST, LAST)


def test_check_timestamp_takes_both_ends_and_refuses_past_them() -> None:
    assert check_timestamp(FIRST) == FIRST and check_timestamp(LAST) == LAST
    for outside in (FIRST - 0.5, LAST + 0.5, float("nan")):
        with pytest.raises(ClockRangeError) as raised:
            check_timestamp(outside)
        assert raised.value.timestamp is outside


def test_clock_range_error_says_where_the_change_would_go() -> None:
    start = "the clock must stay between 1970-01-01T00:00:00Z and 2999-12-31T23:59:59Z; this change would take it to "
    assert str(ClockRangeError(LAST + 1)) == start + "3000-01-01T00:00:00Z"
    assert str(ClockRangeError(1e15)) == start + "1000000000000000 seconds after 1970-01-01T00:00:00Z"
    assert str(ClockRangeError(float("nan"))).endswith("; the change is not a number")
    # The first and past the last instant a datetime can show (0001-01-01, 10000-01-01).
    assert str(ClockRangeError(-62135596800.0)) == start + "0001-01-01T00:00:00Z"
    assert str(ClockRangeError(253402300800.0)) == start + "253402300800 seconds after 1970-01-01T00:00:00Z"
    assert str(ClockRangeError(-62135596801.0)) == start + "-62135596801 seconds after 1970-01-01T00:00:00Z"


@pytest.mark.parametrize("frozen", [False, True], ids=["running", "frozen"])
def test_advance_past_the_latest_instant_is_refused_and_changes_nothing(frozen: bool) -> None:
    clock = Clock(FakeSource(LAST - 10))
    if frozen:
        clock.freeze()
    with pytest.raises(ClockRangeError):
        clock.advance(20)
    assert clock.timestamp() == LAST - 10 and clock.offset == 0.0
    clock.advance(10)
    assert clock.timestamp() == LAST
