"""`mockserver credentials`: the same credentials the running server hands out, and a curl line per provider."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.cli import main
from mockserver.providers import all_providers
from mockserver.settings import Settings


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["credentials", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_credentials_json_matches_what_the_admin_api_serves(capsys: pytest.CaptureFixture[str]) -> None:
    document = run_json(capsys)
    with TestClient(create_app(Settings())) as client:
        served = client.get("/__admin/credentials").json()
    assert {p["name"]: p["credentials"] for p in document["providers"]} == served
    assert all(entry["credentials"] and "tenant" in entry["credentials"][0] for entry in document["providers"])


def test_credentials_json_gives_one_curl_line_per_provider_at_the_base_url(
    capsys: pytest.CaptureFixture[str],
) -> None:
    document = run_json(capsys, "--base-url", "http://127.0.0.1:9999/")
    assert document["base_url"] == "http://127.0.0.1:9999"
    names = [p.name for p in all_providers()]
    assert [entry["name"] for entry in document["providers"]] == names
    bases = {entry["name"]: entry["base_url"] for entry in document["providers"]}
    assert bases == {
        "ons": "http://127.0.0.1:9999/ons",
        "onlineafspraken": "http://127.0.0.1:9999/onlineafspraken/APIREST",
        "oncrawl": "http://127.0.0.1:9999/oncrawl/api/v2",
        "leanlaw": "http://127.0.0.1:9999/leanlaw",
        "onix": "http://127.0.0.1:9999/onix/v1",
    }
    for entry in document["providers"]:
        assert entry["curl"].startswith("curl ")
        assert f"http://127.0.0.1:9999/{entry['name']}/" in entry["curl"]


def test_credentials_text_lists_each_provider_its_tenants_and_curl(capsys: pytest.CaptureFixture[str]) -> None:
    document = run_json(capsys)
    assert main(["credentials"]) == 0
    text = capsys.readouterr().out
    for entry in document["providers"]:
        assert f"{entry['title']} ({entry['name']}): {entry['base_url']}" in text
        for credential in entry["credentials"]:
            assert f"tenant {credential['tenant']}:" in text
        assert f"try: {entry['curl']}" in text


def test_credentials_reads_fixtures_from_env(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "ons.yaml").write_text("connectors: [\n", encoding="utf-8")
    monkeypatch.setenv("MOCKSERVER_FIXTURES", str(tmp_path))
    assert main(["credentials"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"mockserver credentials: error: {tmp_path / 'ons.yaml'}")


def test_credentials_bad_fixtures_dir_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["credentials", "--fixtures", str(tmp_path / "absent")]) == 2
    assert "fixtures directory does not exist" in capsys.readouterr().err
