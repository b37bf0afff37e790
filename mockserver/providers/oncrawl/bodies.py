"""Request bodies of the resource API, checked field by field into the vendor's 400 with ``fields``.

Create bodies are wrapped in the resource's name, ``{"project": {...}}`` (developer.oncrawl.com,
research §2.2); crawl configs and scheduled crawls take the same form (OC-PHP), and the bare
object is accepted too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from mockserver.providers.oncrawl.errors import InvalidRequestParameters, field_error

_URL = re.compile(r"\Ahttps?://[A-Za-z0-9.-]+(:\d+)?(/\S*)?\Z")
RECURRENCES = (None, "daily", "weekly", "monthly")


def unwrap(body: Any, name: str) -> dict[str, Any]:
    """The object under ``name`` (or the body itself when it is not wrapped)."""
    if not isinstance(body, dict):
        raise InvalidRequestParameters(
            f"the body must be a JSON object {{'{name}': {{...}}}}", fields=[field_error(name, "missing object")]
        )
    inner = body.get(name, body)
    if not isinstance(inner, dict):
        raise InvalidRequestParameters(f"'{name}' must be an object", fields=[field_error(name, "must be an object")])
    return dict(inner)


class Checker:
    """Collects every problem of one body, then raises them together."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.data = data
        self.problems: list[dict[str, str]] = []

    def text(self, name: str, *, required: bool = False, default: str | None = None, max_len: int = 256) -> Any:
        value = self.data.get(name, default)
        if value is None:
            if required:
                self.problems.append(field_error(name, "this field is required", "required"))
            return None
        if not isinstance(value, str) or not value.strip() or len(value) > max_len:
            self.problems.append(field_error(name, f"must be a non-empty string of at most {max_len} characters"))
            return None
        return value.strip()

    def url(self, name: str, *, required: bool = False) -> Any:
        value = self.text(name, required=required, max_len=2048)
        if value is not None and not _URL.match(value):
            self.problems.append(field_error(name, "must be an absolute http(s) URL", "invalid_url"))
            return None
        return value

    def number(self, name: str, default: int | None, low: int, high: int) -> Any:
        value = self.data.get(name, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.problems.append(field_error(name, f"must be an integer from {low} to {high}"))
            return None
        return value

    def done(self) -> None:
        if self.problems:
            names = ", ".join(p["name"] for p in self.problems)
            raise InvalidRequestParameters(f"invalid value for {names}", fields=self.problems)


def project_fields(body: Any) -> dict[str, Any]:
    check = Checker(unwrap(body, "project"))
    out = {"name": check.text("name", required=True), "start_url": check.url("start_url", required=True)}
    out["workspace_id"] = check.text("workspace_id")
    check.done()
    return out


def crawl_config_fields(body: Any) -> dict[str, Any]:
    data = unwrap(body, "crawl_config")
    check = Checker(data)
    known = {
        "name": check.text("name", required=True, max_len=100),
        "start_url": check.url("start_url", required=True),
        "user_agent": check.text("user_agent", default="Oncrawl"),
        "max_speed": check.number("max_speed", 10, 1, 100),
        "max_depth": check.number("max_depth", 15, 1, 100),
        "max_url": check.number("max_url", 2000, 1, 10_000_000),
    }
    check.done()
    return {**{k: v for k, v in data.items() if k not in known and k not in ("id", "project_id")}, **known}


def scheduled_crawl_fields(body: Any) -> dict[str, Any]:
    data = unwrap(body, "scheduled_crawl")
    check = Checker(data)
    out = {
        "config_id": check.text("config_id", required=True),
        "start_date": check.number("start_date", None, 0, 2**53),
        "recurrence": data.get("recurrence"),
    }
    if out["start_date"] is None and "start_date" not in data:
        check.problems.append(field_error("start_date", "this field is required (milliseconds since the epoch)"))
    if out["recurrence"] not in RECURRENCES:
        check.problems.append(field_error("recurrence", "must be daily, weekly, monthly or null"))
    check.done()
    return out
