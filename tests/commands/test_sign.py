"""`mockserver sign`: the printed URL is accepted by the emulator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from fastapi.testclient import TestClient
from lxml import etree

from mockserver.app import create_app
from mockserver.cli import main
from mockserver.core.clock import Clock
from mockserver.settings import Settings


def sign(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["sign", *argv]) == 0
    return capsys.readouterr().out.strip()


def call(client: TestClient, url: str) -> etree._Element:
    parts = urlsplit(url)
    response = client.get(parts.path, params=parse_qsl(parts.query, keep_blank_values=True))
    assert response.status_code == 200
    return etree.fromstring(response.content)


def test_sign_with_real_clock_verifies_against_running_clock(capsys: pytest.CaptureFixture[str]) -> None:
    with TestClient(create_app(Settings(seed=1), clock=Clock())) as client:
        root = call(client, sign(capsys, "getAgenda", "Id=270"))
    assert root.findtext("Status/Status") == "success"
    assert root.findtext("Agenda/Id") == "270"


@pytest.mark.parametrize(
    "extra",
    [[], ["--sha1"], ["--tenant", "praktijk-west"], ["--api-key", "oa-west-key", "--api-secret", "oa-west-secret"]],
    ids=["sha256", "sha1", "tenant", "explicit-credentials"],
)
def test_sign_with_given_salt_verifies(
    capsys: pytest.CaptureFixture[str], client: TestClient, clock: Clock, extra: list[str]
) -> None:
    url = sign(capsys, "getResources", "--salt", str(int(clock.timestamp())), *extra)
    assert call(client, url).findtext("Status/Status") == "success"


def test_sign_prints_documented_url_shape(capsys: pytest.CaptureFixture[str]) -> None:
    url = sign(
        capsys, "getResource", "id=8", "--salt", "1751378115", "--base-url", "https://agenda.onlineafspraken.nl/APIREST"
    )
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://agenda.onlineafspraken.nl/APIREST"
    assert [k for k, _ in parse_qsl(parts.query)] == ["method", "id", "api_key", "api_salt", "api_signature"]


def test_sign_values_with_spaces_verify(capsys: pytest.CaptureFixture[str], client: TestClient, clock: Clock) -> None:
    url = sign(
        capsys,
        "getCustomers",
        "Email=jan.devries@example.nl",
        "Note=met spaties",
        "--salt",
        str(int(clock.timestamp())),
    )
    root = call(client, url)
    assert root.findtext("Objects/Customer/FirstName") == "Jan"


def test_stale_signed_url_is_refused(capsys: pytest.CaptureFixture[str], client: TestClient, clock: Clock) -> None:
    url = sign(capsys, "getAgendas", "--salt", str(int(clock.timestamp())))
    clock.advance(301)
    assert call(client, url).findtext("Status/Code") == "M03"


@pytest.mark.parametrize(
    "argv",
    [["getAgenda", "Id"], ["getAgendas", "--tenant", "nobody"], ["getAgendas", "--sync", "--base-url", "ftp://x"]],
    ids=["param-without-equals", "unknown-tenant", "sync-non-http"],
)
def test_sign_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    assert main(["sign", *argv]) == 2
    assert "mockserver sign:" in capsys.readouterr().err


@pytest.mark.live
def test_sign_sync_takes_salt_from_server_clock(
    capsys: pytest.CaptureFixture[str], app: Any, clock: Clock, live: Callable[..., Any]
) -> None:
    # The server's clock is frozen months away from the real one: only a synced salt works.
    with live(app) as server:
        base = f"{server.url}/onlineafspraken/APIREST"
        url = sign(capsys, "getAgendas", "--sync", "--base-url", base)
        salt = dict(parse_qsl(urlsplit(url).query))["api_salt"]
    assert salt == str(int(clock.timestamp()))
    with TestClient(app) as client:
        assert call(client, url).findtext("Status/Status") == "success"
