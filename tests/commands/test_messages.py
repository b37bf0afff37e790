"""Errors name the right source, in one style; one provider list everywhere; no traceback on a closed pipe."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import mockserver.server
from mockserver.cli import build_parser, main
from mockserver.providers import EMULATED, all_providers
from mockserver.server import Listener

#: Every provider list in help and errors (update when a provider is added to providers.PROVIDERS).
EMULATED_LIST = "ons, onlineafspraken, oncrawl, leanlaw, onix"
OPTIONS_VALID = (
    "spec_mode, require_certificate, unsupported_media_type_415, in_flight_limit, enforce_rate_limit, "
    "rate_limit_per_second, enforce_daily_budget, daily_budget_seconds"
)


def error_line(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run the command, expect exit status 2 and exactly one stderr line, nothing on stdout."""
    status = main(list(args))
    captured = capsys.readouterr()
    assert (status, captured.out) == (2, "")
    assert captured.err.count("\n") == 1, captured.err
    return captured.err.rstrip("\n")


def test_bad_option_flag_names_the_flag_not_the_fixtures_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert error_line(capsys, "serve", "--port", "0", "--option", "ons.spec_mod=true") == (
        f"mockserver serve: error: command line: --option ons.spec_mod: unknown field; valid: {OPTIONS_VALID}"
    )


def test_bad_option_value_names_the_flag(capsys: pytest.CaptureFixture[str]) -> None:
    assert error_line(capsys, "serve", "--port", "0", "--option", "onlineafspraken.salt_window=-1") == (
        "mockserver serve: error: command line: --option onlineafspraken.salt_window: "
        "Input should be greater than or equal to 0"
    )


def test_bad_option_variable_names_the_variable(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOCKSERVER_OPTION", "ons.spec_mode=true,ons.in_flight_limit=0")
    assert error_line(capsys, "serve", "--port", "0") == (
        "mockserver serve: error: environment: MOCKSERVER_OPTION ons.in_flight_limit: "
        "Input should be greater than or equal to 1"
    )


def test_bad_option_in_the_config_file_names_file_and_key(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = tmp_path / "mockserver.yaml"
    config.write_text("options:\n  ons:\n    spec_mod: true\n", encoding="utf-8")
    assert error_line(capsys, "serve", "--port", "0", "--config", str(config)) == (
        f"mockserver serve: error: {config}: options.ons.spec_mod: unknown field; valid: {OPTIONS_VALID}"
    )


def test_a_bad_fixtures_file_is_still_named_with_good_options(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "ons.yaml").write_text("sizes: {clients: many}\n", encoding="utf-8")
    line = error_line(capsys, "serve", "--port", "0", "--fixtures", str(tmp_path), "--option", "ons.spec_mode=true")
    assert line.startswith(f"mockserver serve: error: {tmp_path / 'ons.yaml'}: sizes.clients: ")


def test_the_emulated_list_is_the_providers_served() -> None:
    assert tuple(p.name for p in all_providers()) == EMULATED


@pytest.mark.parametrize(
    ("path", "why"),
    [
        ("/__admin/state/nope/clients", "unknown provider 'nope'"),
    ],
)
def test_the_admin_api_names_providers_the_same_way(client: TestClient, path: str, why: str) -> None:
    response = client.get(path)
    assert (response.status_code, response.json()) == (
        404,
        {"error": f"{why}; emulated providers: {EMULATED_LIST}"},
    )
    refused = client.post("/__admin/reset", params={"provider": "nope"})
    assert refused.json() == {"error": f"unknown provider 'nope'; emulated providers: {EMULATED_LIST}"}


def test_help_lists_the_emulated_providers_and_only_the_rest_as_not_yet() -> None:
    text = " ".join(build_parser().format_help().split())
    assert "emulator of Nedap Ons, OnlineAfspraken.nl, OnCrawl, LeanLaw, Onix Work." in text


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ("serve", "--option", "nope.x=1"),
            "mockserver serve: error: command line: --option: unknown provider 'nope'; "
            f"emulated providers: {EMULATED_LIST}",
        ),
        (
            ("sign", "getAgendas", "Id"),
            "mockserver sign: error: parameters must look like KEY=VALUE, got 'Id'",
        ),
        (
            ("sign", "getAgendas", "--tenant", "nobody"),
            "mockserver sign: error: no tenant 'nobody' in {fixtures}; tenants: default, praktijk-west",
        ),
        (
            ("credentials", "--port", "http"),
            "mockserver credentials: error: command line: --port: Input should be a valid integer, "
            "unable to parse string as an integer",
        ),
        (
            ("scenarios", "--scenarios-dir", "{scenarios}", "show", "nope"),
            "mockserver scenarios: error: nope: no such scenario file or name in {scenarios} (available: down)",
        ),
        (
            ("demo", "--scenarios-dir", "{scenarios}", "nope"),
            "mockserver demo: error: nope: no such scenario file or name in {scenarios} (available: down)",
        ),
    ],
)
def test_every_command_says_mockserver_command_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: tuple[str, ...], line: str
) -> None:
    (tmp_path / "down.yaml").write_text("name: down\nrules: []\n", encoding="utf-8")
    root = Path(__file__).resolve().parents[2]
    places = {"fixtures": root / "fixtures" / "onlineafspraken.yaml", "scenarios": tmp_path}
    assert error_line(capsys, *(arg.format(**places) for arg in args)) == line.format(**places)


def test_a_closed_pipe_ends_quietly_without_a_traceback() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOCKSERVER_")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mockserver", "scenarios", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None
    proc.stdout.close()  # the reader is gone before the first line is written, as with `| head -0`
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (141, b"")


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """`mockserver serve` up to the point it would serve: a loopback socket stands in for every host."""
    calls: list[Any] = []

    def bind_all(settings: Any) -> list[Listener]:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        calls.append(sock)
        return [Listener(sock, None)]

    monkeypatch.setattr(mockserver.server, "bind_all", bind_all)
    monkeypatch.setattr(mockserver.server, "serve", lambda *args: 0)
    yield calls
    for sock in calls:
        sock.close()


@pytest.mark.parametrize(
    ("args", "warned"),
    [
        (("--host", "0.0.0.0"), True),
        (("--host", "::"), True),
        (("--host", "192.0.2.10"), True),
        (("--host", "0.0.0.0", "--admin-token", "t0ken"), False),
        (("--host", "127.0.0.1"), False),
        (("--host", "::1"), False),
        (("--host", "localhost"), False),
    ],
)
def test_listening_beyond_loopback_without_a_token_warns_once(
    capsys: pytest.CaptureFixture[str], served: list[Any], args: tuple[str, ...], warned: bool
) -> None:
    assert main(["serve", *args]) == 0
    err = capsys.readouterr().err
    expected = (
        f"mockserver serve: warning: listening on {args[1]} without --admin-token: anyone who can reach this port "
        "can reset, read and change the emulator's data over /__admin\n"
    )
    assert err == (expected if warned else "")
