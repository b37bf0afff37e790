"""POST /__admin/clock on a clock whose wall time the test holds: every action's exact answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings

#: The wall time the fake source reports: 2026-03-02T09:30:00Z.
WALL = 1772443800.0


class Wall:
    """A settable stand-in for time.time."""

    def __init__(self) -> None:
        self.value = WALL

    def __call__(self) -> float:
        return self.value


@pytest.fixture
def wall() -> Wall:
    return Wall()


@pytest.fixture
def admin(wall: Wall) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(seed=1234), clock=Clock(wall))) as client:
        yield client


def change(admin: TestClient, **body: object) -> dict[str, object]:
    response = admin.post("/__admin/clock", json=body)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_running_clock_describes_itself_with_exactly_four_keys(admin: TestClient) -> None:
    assert admin.get("/__admin/clock").json() == {
        "mode": "system",
        "now": "2026-03-02T09:30:00.000+00:00",
        "timestamp": 1772443800.0,
        "offset_seconds": 0.0,
    }


def test_freeze_without_at_stops_time_at_the_virtual_now(admin: TestClient, wall: Wall) -> None:
    change(admin, action="advance", seconds=60)
    frozen = change(admin, action="freeze")
    assert frozen == {
        "mode": "frozen",
        "now": "2026-03-02T09:31:00.000+00:00",
        "timestamp": 1772443860.0,
        "offset_seconds": 60.0,
    }
    wall.value += 3600
    assert admin.get("/__admin/clock").json() == frozen


def test_freeze_at_a_naive_instant_takes_it_as_utc(admin: TestClient) -> None:
    frozen = change(admin, action="freeze", at="2026-01-01T00:00:00.25")
    assert (frozen["now"], frozen["timestamp"]) == ("2026-01-01T00:00:00.250+00:00", 1767225600.25)


@pytest.mark.parametrize("frozen", [False, True], ids=["running", "frozen"])
def test_repeated_advances_add_up(admin: TestClient, frozen: bool) -> None:
    if frozen:
        change(admin, action="freeze")
    change(admin, action="advance", seconds=90)
    change(admin, action="advance", seconds=30.5)
    moved = change(admin, action="advance", seconds=-20)
    assert moved["timestamp"] == WALL + 100.5
    assert moved["now"] == "2026-03-02T09:31:40.500+00:00"
    assert moved["offset_seconds"] == (0.0 if frozen else 100.5)


def test_set_on_a_frozen_clock_keeps_it_frozen_there(admin: TestClient, wall: Wall) -> None:
    change(admin, action="freeze")
    at = change(admin, action="set", at="2030-01-01T12:00:00+01:00")
    assert at == {
        "mode": "frozen",
        "now": "2030-01-01T11:00:00.000+00:00",
        "timestamp": 1893495600.0,
        "offset_seconds": 0.0,
    }
    wall.value += 10
    assert admin.get("/__admin/clock").json() == at


def test_set_on_a_running_clock_keeps_it_running_from_there(admin: TestClient, wall: Wall) -> None:
    at = change(admin, action="set", at="2030-01-01T11:00:00Z")
    assert at == {
        "mode": "system",
        "now": "2030-01-01T11:00:00.000+00:00",
        "timestamp": 1893495600.0,
        "offset_seconds": 1893495600.0 - WALL,
    }
    wall.value += 10
    assert admin.get("/__admin/clock").json()["now"] == "2030-01-01T11:00:10.000+00:00"


def test_system_drops_the_freeze_and_the_offset(admin: TestClient, wall: Wall) -> None:
    change(admin, action="advance", seconds=500)
    change(admin, action="freeze")
    back = change(admin, action="system")
    assert back == {"mode": "system", "now": "2026-03-02T09:30:00.000+00:00", "timestamp": WALL, "offset_seconds": 0.0}
    wall.value += 1
    assert admin.get("/__admin/clock").json()["timestamp"] == WALL + 1


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ({"action": "set"}, "action 'set' needs 'at' (an ISO 8601 instant)"),
        ({"action": "advance"}, "action 'advance' needs 'seconds'"),
    ],
)
def test_incomplete_changes_are_refused_with_their_reason(admin: TestClient, body: dict, error: str) -> None:
    response = admin.post("/__admin/clock", json=body)
    assert (response.status_code, response.json()) == (400, {"error": error})
    assert admin.get("/__admin/clock").json()["mode"] == "system"
