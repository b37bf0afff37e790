"""POST /__admin/scenarios?name= loads only a shipped scenario by its listed name, never a path."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml
from fastapi.testclient import TestClient

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.settings import Settings

#: Files opened while a block of ``files_opened()`` runs (Python's audit events see every open()).
_opened: list[list[str]] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and _opened and isinstance(args[0], str | bytes | os.PathLike):
        path = os.fsdecode(args[0])
        # Python's own reads of modules (an import, FastAPI reading an endpoint's source) are not the request's.
        if not path.endswith((".py", ".pyc")):
            _opened[-1].append(path)


sys.addaudithook(_audit)


@contextmanager
def files_opened() -> Iterator[list[str]]:
    seen: list[str] = []
    _opened.append(seen)
    try:
        yield seen
    finally:
        _opened.remove(seen)


def maintenance(name: str) -> dict[str, object]:
    """A scenario that parses and applies: every Ons call answers 503."""
    return {"name": name, "provider": "ons", "rules": [{"fault": {"type": "respond", "status": 503}}]}


@pytest.fixture
def dirs(tmp_path: Path) -> tuple[Path, Path]:
    """A scenarios directory with one shipped scenario, and next to it a file that would parse."""
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    (shipped / "down.yaml").write_text(yaml.safe_dump(maintenance("down")))
    outside = tmp_path / "outside.yaml"
    outside.write_text(yaml.safe_dump(maintenance("outside")))
    return shipped, outside


@pytest.fixture
def admin(dirs: tuple[Path, Path], clock: Clock) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(seed=1, scenarios_dir=dirs[0]), clock=clock)) as client:
        yield client


def refused(name: str) -> str:
    """The refusal: the name as given, cut to 80 characters, and the one shipped name."""
    shown = name if len(name) <= 80 else name[:77] + "..."
    return f"name: unknown scenario {shown!r}; shipped: down (send any other scenario in the body)"


def test_a_shipped_name_applies(admin: TestClient) -> None:
    response = admin.post("/__admin/scenarios", params={"name": "down"})
    assert response.status_code == 201
    assert admin.get("/ons/t/teams").status_code == 503


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("/etc/passwd", "/etc/passwd"),
        ("../../x", "../../x"),
        ("..%2Fx", "../x"),
        ("..%2Foutside", "../outside"),
        ("down.yaml", "down.yaml"),
        ("shipped%2Fdown", "shipped/down"),
        ("DOWN", "DOWN"),
        ("nope", "nope"),
        ("", ""),
    ],
)
def test_anything_but_a_listed_name_is_400_and_opens_nothing(admin: TestClient, query: str, name: str) -> None:
    with files_opened() as opened:
        response = admin.post(f"/__admin/scenarios?name={query}")
    assert response.status_code == 400
    assert response.json() == {"error": refused(name)}
    assert opened == []
    assert admin.get("/__admin/scenarios").json()["scenarios"] == []
    assert admin.get("/ons/t/teams").status_code == 200


def test_a_file_that_would_parse_is_never_opened_by_path(admin: TestClient, dirs: tuple[Path, Path]) -> None:
    outside = dirs[1]
    for name in (str(outside), str(outside.with_suffix("")), os.path.relpath(outside)):
        with files_opened() as opened:
            response = admin.post("/__admin/scenarios", params={"name": name})
        assert (response.status_code, response.json()) == (400, {"error": refused(name)})
        assert opened == []
    assert admin.get("/__admin/scenarios").json()["scenarios"] == []
    assert admin.get("/ons/t/teams").status_code == 200


def test_a_long_name_is_cut_in_the_message(admin: TestClient) -> None:
    response = admin.post("/__admin/scenarios", params={"name": "x" * 500})
    assert response.status_code == 400
    assert response.json() == {
        "error": f"name: unknown scenario '{'x' * 77}...'; shipped: down (send any other scenario in the body)"
    }


def test_a_body_and_a_name_together_are_refused(admin: TestClient) -> None:
    response = admin.post("/__admin/scenarios", params={"name": "down"}, content=yaml.safe_dump(maintenance("b")))
    assert response.status_code == 400
    assert response.json() == {
        "error": "send a scenario as YAML or JSON in the body, or name a shipped one with ?name="
    }
    assert admin.get("/__admin/scenarios").json()["scenarios"] == []


def test_a_path_still_works_from_the_command_line_settings(dirs: tuple[Path, Path], clock: Clock) -> None:
    settings = Settings(seed=1, scenarios_dir=dirs[0], scenarios=[str(dirs[1])])
    with TestClient(create_app(settings, clock=clock)) as client:
        (applied,) = client.get("/__admin/scenarios").json()["scenarios"]
        assert applied["name"] == "outside"
