"""`mockserver scenarios list|validate|show`: the shipped files, and refusals with exit status 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from mockserver.cli import main
from mockserver.settings import PROJECT_DIR


def test_list_shows_every_shipped_scenario_with_its_description(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios", "list"]) == 0
    out = capsys.readouterr().out
    assert "ons-maintenance " in out and "503 Service Unavailable" in out
    assert "onlineafspraken-clock-skew" in out
    assert "REFUSED" not in out


def test_validate_accepts_every_shipped_file(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in (PROJECT_DIR / "scenarios").glob("*.yaml"))
    assert main(["scenarios", "validate", *files]) == 0
    assert capsys.readouterr().out.count("ok  ") == len(files)


def test_validate_refuses_a_bad_file_with_exit_2_naming_rule_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nprovider: ons\nrules:\n  - name: oops\n    probability: 2\n")
    assert main(["scenarios", "validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mockserver scenarios: error: {bad}: rule 'oops' (rules[0]): probability: ")


def test_validate_refuses_an_unknown_operation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "op.yaml"
    bad.write_text("name: op\nprovider: ons\nrules:\n  - match: {operation: get_clients_please}\n")
    assert main(["scenarios", "validate", str(bad)]) == 2
    assert "unknown ons operation 'get_clients_please'; valid: " in capsys.readouterr().err


def test_show_explains_rules_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios", "show", "ons-maintenance"]) == 0
    out = capsys.readouterr().out
    assert "rule maintenance: ons (from 0 s to 300 s after applied) -> respond ServiceUnavailable" in out
    assert "rule backends-warming-up: ons (from 300 s to 600 s after applied) -> respond BadGateway" in out


def test_show_unknown_name_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["scenarios", "show", "no-such-thing"]) == 2
    assert "no such scenario file or name" in capsys.readouterr().err
