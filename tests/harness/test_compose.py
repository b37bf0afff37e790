"""compose.yaml, linted: its structure, its variables as the server reads them, ports and health check agree."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from mockserver.settings import ENV_PREFIX, ENV_TWINS, build_settings

PROJECT = Path(__file__).resolve().parents[2]
SERVICE_KEYS = {"build", "image", "environment", "ports", "volumes", "healthcheck", "command"}


def service() -> dict[str, Any]:
    document = yaml.safe_load((PROJECT / "compose.yaml").read_text())
    assert set(document) <= {"services", "volumes"}
    services = document["services"]
    assert list(services) == ["mockserver"]
    found: dict[str, Any] = services["mockserver"]
    assert set(found) <= SERVICE_KEYS, set(found) - SERVICE_KEYS
    return found


def test_every_variable_is_one_the_server_reads_and_its_value_is_valid() -> None:
    environment = service()["environment"]
    assert all(isinstance(v, str) for v in environment.values()), "compose wants strings"
    for name in environment:
        assert name.startswith(ENV_PREFIX) and name.removeprefix(ENV_PREFIX) in ENV_TWINS, name
    local = {**environment, "MOCKSERVER_FIXTURES": str(PROJECT / "fixtures")}  # the mounted directory
    settings = build_settings(environ=local)
    assert settings.provider_ports == {"ons": 9001}


def test_the_published_ports_are_the_server_and_its_provider_ports() -> None:
    published = service()["ports"]
    assert all(re.fullmatch(r"\d+:\d+", p) for p in published)
    inside = {int(p.split(":")[1]) for p in published}
    settings = build_settings(
        environ={"MOCKSERVER_PROVIDER_PORT": service()["environment"]["MOCKSERVER_PROVIDER_PORT"]}
    )
    assert inside == {8080, *settings.provider_ports.values()}


def test_the_mounted_fixtures_are_where_the_server_reads_them() -> None:
    mounts = [v.split(":") for v in service()["volumes"]]
    targets = {target for _, target, *_ in mounts}
    assert service()["environment"]["MOCKSERVER_FIXTURES"] in targets
    named = set(yaml.safe_load((PROJECT / "compose.yaml").read_text()).get("volumes") or {})
    for source, *_ in mounts:
        # A path is a directory of the project; a bare name is a volume the file declares.
        assert (PROJECT / source).is_dir() if source.startswith(".") else source in named, source


def test_the_state_file_lives_on_a_volume_the_image_lets_the_server_write() -> None:
    state_file = Path(service()["environment"]["MOCKSERVER_STATE_FILE"])
    mounts = {target: source for source, target, *rest in (v.split(":") for v in service()["volumes"]) if not rest}
    assert str(state_file.parent) in mounts, "the state file's directory is a writable volume"
    assert not mounts[str(state_file.parent)].startswith("."), "a named volume, not a directory of the project"
    dockerfile = (PROJECT / "Dockerfile").read_text()
    user = re.search(r"^USER (\d+)", dockerfile, re.MULTILINE)
    assert user is not None
    assert f"install -d -o {user.group(1)} -g {user.group(1)} {state_file.parent}" in dockerfile


def test_the_health_check_asks_the_admin_health_route() -> None:
    check = service()["healthcheck"]
    assert check["test"][0] == "CMD"
    assert "http://127.0.0.1:8080/__admin/health" in " ".join(check["test"])
    assert {"interval", "timeout", "retries"} <= set(check)
