"""A provider made by `mockserver new-provider` answers through the whole pipeline without touching core."""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

import mockserver.app
from mockserver.app import create_app
from mockserver.cli import main
from mockserver.core.clock import Clock
from mockserver.providers import all_providers
from mockserver.settings import PROJECT_DIR, Settings

TOKEN = {"x-acme-token": "acme-token-0001"}
SECOND = {"x-acme-token": "acme-token-0002"}


@pytest.fixture
def acme(tmp_path: Path, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    fixtures = tmp_path / "fixtures"
    shutil.copytree(PROJECT_DIR / "fixtures", fixtures)
    (tmp_path / "made").mkdir()
    (tmp_path / "made" / "__init__.py").write_text("")
    args = ["new-provider", "acme", "--into", str(tmp_path / "made"), "--package", "made"]
    assert main([*args, "--fixtures", str(fixtures)]) == 0
    monkeypatch.syspath_prepend(str(tmp_path))
    provider = importlib.import_module("made.acme").AcmeProvider()
    monkeypatch.setattr(mockserver.app, "all_providers", lambda: [*all_providers(), provider])
    try:
        with TestClient(create_app(Settings(seed=1234, fixtures=fixtures), clock=clock)) as client:
            yield client
    finally:
        for module in [m for m in sys.modules if m == "made" or m.startswith("made.")]:
            del sys.modules[module]


def test_generated_files_are_the_template_renamed(tmp_path: Path, acme: TestClient) -> None:
    made = tmp_path / "made" / "acme"
    assert sorted(p.name for p in made.glob("*.py")) == sorted(
        ["__init__.py", "auth.py", "config.py", "errors.py", "models.py", "routes.py", "seed.py", "store.py"]
    )
    text = "".join(p.read_text() for p in made.glob("*.py"))
    assert "skeleton" not in text.lower() and "_template" not in text
    assert yaml.safe_load((tmp_path / "fixtures" / "acme.yaml").read_text())["tenants"][0]["token"] == "acme-token-0001"


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [({}, 401, "unauthorized"), ({"x-acme-token": "nope-nope-nope"}, 401, "unauthorized")],
)
def test_missing_or_unknown_tokens_get_the_vendor_envelope(
    acme: TestClient, headers: dict[str, str], status: int, code: str
) -> None:
    response = acme.get("/acme/v1/items", headers=headers)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code


def test_a_token_reaches_its_tenants_store_with_paging(acme: TestClient) -> None:
    first = acme.get("/acme/v1/items", params={"limit": 5}, headers=TOKEN).json()
    assert (len(first["items"]), first["total"], first["nextOffset"]) == (5, 12, 5)
    created = acme.post("/acme/v1/items", json={"name": "Widget"}, headers=TOKEN)
    assert created.status_code == 201 and created.headers["location"] == f"/acme/v1/items/{created.json()['id']}"
    assert acme.get(created.headers["location"], headers=TOKEN).json()["name"] == "Widget"
    assert acme.get(created.headers["location"], headers=SECOND).json()["error"]["code"] == "not_found"
    state = acme.get("/__admin/state/acme/items", params={"tenant": "default"}).json()
    assert "Widget" in [r["name"] for r in state["records"]]


def test_framework_errors_leave_in_the_vendor_envelope(acme: TestClient) -> None:
    for response, status in (
        (acme.get("/acme/nothing", headers=TOKEN), 404),
        (acme.delete("/acme/v1/items", headers=TOKEN), 405),
        (acme.get("/acme/v1/items/abc", headers=TOKEN), 400),
        (acme.post("/acme/v1/items", content=b"{", headers=TOKEN), 400),
    ):
        assert response.status_code == status and set(response.json()) == {"error"}


def test_the_journal_names_the_caller_and_redacts_the_declared_token(acme: TestClient) -> None:
    acme.get("/acme/v1/items/1001", headers=TOKEN)
    entry: dict[str, Any] = acme.get("/__admin/requests", params={"provider": "acme"}).json()["requests"][0]
    assert (entry["tenant"], entry["credential"], entry["operation"]) == ("default", "acme-token-0001", "get_item")
    assert entry["request_headers"]["x-acme-token"] == "<redacted>"


def test_a_scenario_rule_answers_a_named_error_for_one_tenant(acme: TestClient) -> None:
    rule = {
        "match": {"operation": "get_item", "tenant": "second"},
        "fault": {"type": "respond", "error": "Unavailable"},
    }
    scenario = {"name": "acme-down", "provider": "acme", "rules": [rule]}
    assert acme.post("/__admin/scenarios", content=yaml.safe_dump(scenario)).status_code == 201
    assert acme.get("/acme/v1/items/1001", headers=TOKEN).status_code == 200
    down = acme.get("/acme/v1/items/1001", headers=SECOND)
    assert down.status_code == 503 and down.json() == {
        "error": {"code": "unavailable", "message": "The service is unavailable."}
    }


def test_new_provider_refuses_bad_names_and_existing_packages(tmp_path: Path) -> None:
    assert main(["new-provider", "Acme!", "--into", str(tmp_path), "--fixtures", str(tmp_path)]) == 1
    assert main(["new-provider", "ons", "--fixtures", str(tmp_path)]) == 1
