"""`mockserver demo NAME`: a real server, a scripted client and a timeline of what it saw."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mockserver.cli import main


def rows(out: str) -> list[str]:
    return [line for line in out.splitlines() if re.match(r"^\s+\d+\s+\d+ms ", line)]


def test_demo_maintenance_prints_the_503_502_200_timeline(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "ons-maintenance", "--timeout", "30"]) == 0
    lines = rows(capsys.readouterr().out)
    assert len(lines) == 4
    assert " 503 Ons is down for scheduled maintenance " in lines[0]
    assert "ons-maintenance/maintenance  respond ServiceUnavailable" in lines[0]
    assert " 502 " in lines[2] and "ons-maintenance/backends-warming-up" in lines[2]
    assert " 200 " in lines[3]


def test_demo_commit_then_drop_shows_the_lost_answer_and_the_duplicate(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "ons-commit-then-drop", "--timeout", "30"]) == 0
    first, retry = rows(capsys.readouterr().out)
    assert "RemoteProtocolError" in first and "drop after commit" in first
    assert " 409 a client with identificationNo 'CL-1815'" in retry


def test_demo_clock_skew_fails_then_resynchronises(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "onlineafspraken-clock-skew", "--timeout", "30"]) == 0
    stale, fresh = rows(capsys.readouterr().out)
    assert " 200 failed " in stale
    assert " 200 success " in fresh


def test_demo_of_a_scenario_without_a_script_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    quiet = tmp_path / "quiet.yaml"
    quiet.write_text("name: quiet\nprovider: ons\nrules:\n  - fault: {type: drop}\n")
    assert main(["demo", str(quiet)]) == 2
    assert "has no demo script" in capsys.readouterr().err


def test_demo_of_an_unknown_scenario_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "nothing-like-this"]) == 2
    assert "no such scenario file or name" in capsys.readouterr().err


def test_demo_delayed_export_polls_through_three_423s(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "ons-delayed-export", "--timeout", "30"]) == 0
    created, *polls = rows(capsys.readouterr().out)
    assert " 201 " in created
    assert [" 423 " in p for p in polls] == [True, True, True, False]
    assert " 200 " in polls[3]


def test_demo_parallel_burst_shows_four_admitted_and_four_refused(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "ons-parallel-burst", "--timeout", "30"]) == 0
    lines = rows(capsys.readouterr().out)
    assert sum(" 429 " in line for line in lines) == 4
    assert sum(" 200 " in line for line in lines) == 4


def test_demo_flaky_network_shows_seeded_drops_with_their_dice(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "flaky-network", "--timeout", "30"]) == 0
    dropped = [line for line in rows(capsys.readouterr().out) if "RemoteProtocolError" in line]
    assert dropped
    assert all(re.search(r"flaky-network/ons-drops  drop  dice 0\.0\d\d", line) for line in dropped)
