"""Printed URLs follow the server: credentials, sign and the start-up lines use its host and port."""

from __future__ import annotations

import json
import socket
from typing import Any

import httpx
import pytest
from lxml import etree

import mockserver.server
from mockserver.app import create_app
from mockserver.cli import main
from mockserver.core.clock import Clock
from mockserver.server import Listener
from mockserver.settings import Settings
from tests.conftest import free_port, run_live


def output(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def bases(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    status, out, err = output(capsys, "credentials", "--json", *args)
    assert (status, err) == (0, "")
    document = json.loads(out)
    return {"base_url": document["base_url"], **{p["name"]: p["base_url"] for p in document["providers"]}}


def test_credentials_follow_the_port_variable(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOCKSERVER_PORT", "9123")
    assert bases(capsys) == {
        "base_url": "http://127.0.0.1:9123",
        "ons": "http://127.0.0.1:9123/ons",
        "onlineafspraken": "http://127.0.0.1:9123/onlineafspraken/APIREST",
        "oncrawl": "http://127.0.0.1:9123/oncrawl/api/v2",
        "leanlaw": "http://127.0.0.1:9123/leanlaw",
        "onix": "http://127.0.0.1:9123/onix/v1",
    }


@pytest.mark.parametrize(
    ("args", "base"),
    [
        ((), "http://127.0.0.1:8080"),
        (("--port", "9200"), "http://127.0.0.1:9200"),
        (("--host", "0.0.0.0", "--port", "9200"), "http://127.0.0.1:9200"),
        (("--host", "::", "--port", "9200"), "http://[::1]:9200"),
        (("--host", "::1", "--port", "9200"), "http://[::1]:9200"),
        (("--host", "localhost"), "http://localhost:8080"),
        (("--port", "9200", "--base-url", "http://mock.test:81/"), "http://mock.test:81"),
    ],
)
def test_credentials_base_url_comes_from_host_and_port_unless_given(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], base: str
) -> None:
    assert bases(capsys, *args)["base_url"] == base


def test_credentials_read_host_and_port_from_the_config_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "mockserver.yaml"
    config.write_text("port: 9300\n", encoding="utf-8")
    monkeypatch.setenv("MOCKSERVER_CONFIG", str(config))
    assert bases(capsys)["ons"] == "http://127.0.0.1:9300/ons"


@pytest.mark.parametrize("command", ["credentials", "sign getAgendas"])
def test_port_zero_asks_for_the_base_url(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setenv("MOCKSERVER_PORT", "0")
    status, out, err = output(capsys, *command.split())
    assert (status, out) == (2, "")
    assert err == (
        f"mockserver {command.split()[0]}: error: --port / MOCKSERVER_PORT: 0 picks a free port at start, so the "
        "URL is not known here; pass --base-url with the one it printed\n"
    )


def test_sign_follows_the_port_variable_and_its_url_works(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    monkeypatch.setenv("MOCKSERVER_PORT", str(port))
    status, out, err = output(capsys, "sign", "getAgendas")
    assert (status, err) == (0, "")
    url = out.strip()
    assert url.startswith(f"http://127.0.0.1:{port}/onlineafspraken/APIREST?method=getAgendas&api_key=oa-demo-key&")
    # The salt is "now" on the wall clock, so the server runs on the system clock too.
    with run_live(create_app(Settings(seed=1, port=port), clock=Clock()), port=port):
        reply = httpx.get(url, timeout=10)
    document = etree.fromstring(reply.content)
    assert (reply.status_code, document.findtext("Status/Status")) == (200, "success")
    assert document.find("Objects/Agenda") is not None


def test_sign_base_url_is_the_endpoint_and_overrides_the_port(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = output(capsys, "sign", "getAgendas", "--port", "9", "--base-url", "http://mock.test/APIREST")
    assert status == 0 and out.startswith("http://mock.test/APIREST?method=getAgendas&")


def test_start_up_lines_and_ready_line_use_the_bound_port() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    try:
        listeners = [Listener(sock, None)]
        settings = Settings(port=0, host="0.0.0.0")
        paths = {"ons": "/ons", "onlineafspraken": "/onlineafspraken/APIREST"}
        port = listeners[0].port
        assert mockserver.server.describe(settings, listeners, paths) == [
            f"mockserver 0.1.0 on http://127.0.0.1:{port}, seed 42",
            f"  ons              http://127.0.0.1:{port}/ons",
            f"  onlineafspraken  http://127.0.0.1:{port}/onlineafspraken/APIREST",
            f"  admin            http://127.0.0.1:{port}/__admin/health",
        ]
        assert mockserver.server.ready_line(settings, listeners) == f"mockserver listening on http://127.0.0.1:{port}"
    finally:
        sock.close()
