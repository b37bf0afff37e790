"""Server wall time: fixed GMT+1, or Dutch summer time when switched on."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mockserver.providers.onlineafspraken.localtime import WallTime


def ts(*args: int) -> float:
    return datetime(*args, tzinfo=UTC).timestamp()


@pytest.mark.parametrize(
    ("utc", "summer", "local"),
    [
        ((2026, 1, 10, 12, 0), False, "2026-01-10 13:00:00"),
        ((2026, 7, 10, 12, 0), False, "2026-07-10 13:00:00"),
        ((2026, 7, 10, 12, 0), True, "2026-07-10 14:00:00"),
        ((2026, 3, 29, 0, 59), True, "2026-03-29 01:59:00"),  # last Sunday of March, before 01:00 UTC
        ((2026, 3, 29, 1, 0), True, "2026-03-29 03:00:00"),  # summer time starts
        ((2026, 10, 25, 0, 59), True, "2026-10-25 02:59:00"),
        ((2026, 10, 25, 1, 0), True, "2026-10-25 02:00:00"),  # back to GMT+1
    ],
)
def test_local_wall_time(utc: tuple[int, ...], summer: bool, local: str) -> None:
    assert WallTime(summer).local(ts(*utc)).strftime("%Y-%m-%d %H:%M:%S") == local


@pytest.mark.parametrize("summer", [False, True])
@pytest.mark.parametrize("moment", [(2026, 1, 10, 12, 0), (2026, 7, 10, 12, 0), (2026, 3, 29, 3, 30)])
def test_timestamp_inverts_local(summer: bool, moment: tuple[int, ...]) -> None:
    wall = WallTime(summer)
    stamp = int(ts(*moment))
    assert wall.timestamp(wall.local(stamp)) == stamp
