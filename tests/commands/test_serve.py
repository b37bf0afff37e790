"""`mockserver serve`: bad input is one line on stderr and exit status 2; --help names every env twin."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mockserver.cli import main
from mockserver.commands.serve import FLAGS
from mockserver.settings import ENV_OF_FIELD


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield int(sock.getsockname()[1])


def serve_error(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run `mockserver serve ARGS`, expect exit status 2, return the one stderr line."""
    status = main(["serve", *args])
    captured = capsys.readouterr()
    assert status == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert captured.out == ""
    return lines[0]


def test_serve_port_in_use_exits_2_naming_the_port(capsys: pytest.CaptureFixture[str], busy_port: int) -> None:
    line = serve_error(capsys, "--port", str(busy_port))
    assert (
        line == f"mockserver serve: error: port {busy_port} on 127.0.0.1 is already in use (--port / MOCKSERVER_PORT)"
    )


def test_serve_provider_port_in_use_exits_2_naming_the_provider(
    capsys: pytest.CaptureFixture[str], busy_port: int
) -> None:
    line = serve_error(capsys, "--port", "0", "--provider-port", f"ons={busy_port}")
    assert f"port {busy_port} on 127.0.0.1 is already in use (--provider-port ons={busy_port})" in line


def test_serve_same_port_twice_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    line = serve_error(capsys, "--port", "9100", "--provider-port", "ons=9100")
    assert "port 9100 is given twice" in line


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--provider-port", "nope=9001"],
            "--provider-port: unknown provider 'nope'; emulated providers: ons, onlineafspraken",
        ),
        (["--provider-port", "ons"], "--provider-port: --provider-port must look like NAME=VALUE"),
        (["--option", "nope.flag=1"], "--option: unknown provider 'nope'"),
        (["--option", "ons=1"], "--option: option must look like PROVIDER.NAME=VALUE"),
        (["--port", "http"], "--port: Input should be a valid integer"),
        (["--log-level", "chatty"], "--log-level: unknown log level 'chatty'"),
    ],
)
def test_serve_bad_flag_value_exits_2_naming_the_flag(
    capsys: pytest.CaptureFixture[str], args: list[str], expected: str
) -> None:
    assert expected in serve_error(capsys, *args)


def test_serve_unknown_flag_exits_2_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["serve", "--prot", "8080"])
    assert info.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert "unrecognized arguments: --prot 8080" in err[0]


def test_serve_bad_env_value_exits_2_naming_the_variable(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOCKSERVER_PORT", "eighty")
    assert "environment: MOCKSERVER_PORT: " in serve_error(capsys)


def test_serve_unreadable_config_exits_2_naming_the_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    line = serve_error(capsys, "--config", str(missing))
    assert line == f"mockserver serve: error: {missing}: cannot read config file (No such file or directory)"


def test_serve_invalid_config_exits_2_naming_file_and_field(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    config = tmp_path / "mockserver.yaml"
    config.write_text("journal_size: lots\n", encoding="utf-8")
    line = serve_error(capsys, "--config", str(config))
    assert line.startswith(f"mockserver serve: error: {config}: journal_size: ")


def test_serve_invalid_fixtures_file_exits_2_naming_the_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "ons.yaml").write_text("connectors: [\n", encoding="utf-8")
    line = serve_error(capsys, "--fixtures", str(tmp_path), "--port", "0")  # 8080 may be taken on this machine
    assert line.startswith(f"mockserver serve: error: {tmp_path / 'ons.yaml'}: not valid YAML")


def test_serve_missing_fixtures_directory_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    line = serve_error(capsys, "--fixtures", str(tmp_path / "absent"), "--port", "0")
    assert "fixtures directory does not exist" in line


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--tls-key", "key.pem"], "--tls-key needs --tls-cert"),
        (["--tls-cert", "absent.pem"], "--tls-cert: absent.pem: no such file"),
    ],
)
def test_serve_incomplete_tls_setup_exits_2(capsys: pytest.CaptureFixture[str], args: list[str], expected: str) -> None:
    assert expected in serve_error(capsys, *args)


def test_serve_unloadable_tls_certificate_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bogus = tmp_path / "server.pem"
    bogus.write_text("not a certificate\n", encoding="utf-8")
    assert "cannot load the TLS certificate" in serve_error(capsys, "--tls-cert", str(bogus), "--port", "0")


def test_serve_unknown_scenario_exits_2_naming_it(capsys: pytest.CaptureFixture[str]) -> None:
    line = serve_error(capsys, "--scenario", "no-such-scenario", "--port", "0")
    assert line.startswith("mockserver serve: error: no-such-scenario: ")


def test_serve_help_names_every_flag_with_env_twin_and_default(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["serve", "--help"])
    assert info.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    for flag, field, _, _ in FLAGS:
        assert flag in text
        assert f"[env {ENV_OF_FIELD[field]}; default " in text
    assert "MOCKSERVER_WATCH" in text


def test_serve_unreadable_fixtures_directory_exits_2_in_one_line(tmp_path: Path) -> None:
    # A subprocess, so that root can give up reading what it has no permission to (as any other user must).
    fixtures = tmp_path / "fixtures"
    fixtures.mkdir()
    (fixtures / "ons.yaml").write_text("{}\n", encoding="utf-8")
    fixtures.chmod(0)
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: permissions are not enforced")
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    try:
        done = subprocess.run(
            [*prefix, sys.executable, "-m", "mockserver", "serve", "--fixtures", str(fixtures), "--port", "0"],
            capture_output=True,
            text=True,
            timeout=60,
            env={k: v for k, v in os.environ.items() if not k.startswith("MOCKSERVER_")},
        )
    finally:
        fixtures.chmod(0o755)
    assert done.returncode == 2
    assert done.stderr == f"mockserver serve: error: {fixtures}: cannot read fixtures directory (Permission denied)\n"
