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
    assert set(document) == {"services"}
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
    for source, *_ in mounts:
        assert (PROJECT / source).is_dir(), source


def test_the_health_check_asks_the_admin_health_route() -> None:
    check = service()["healthcheck"]
    assert check["test"][0] == "CMD"
    assert "http://127.0.0.1:8080/__admin/health" in " ".join(check["test"])
    assert {"interval", "timeout", "retries"} <= set(check)
