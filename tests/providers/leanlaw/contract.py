"""Response bodies checked against the vendor document's schemas with a JSON-schema validator.

OpenAPI 3.0 marks nullable properties with ``nullable: true``; JSON Schema spells that as a type
union, so the component schemas are translated once. Every schema in the document forbids
properties it does not define (``additionalProperties: false``), so the validator also catches
undeclared properties. Formats (uuid, date, date-time, time) are checked too.
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import date, datetime
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from mockserver.providers.leanlaw import schema as document

FORMATS = FormatChecker(formats=())


@FORMATS.checks("uuid", raises=ValueError)
def _uuid(value: object) -> bool:
    return not isinstance(value, str) or str(uuid.UUID(value)) == value.lower()


@FORMATS.checks("date", raises=ValueError)
def _date(value: object) -> bool:
    return not isinstance(value, str) or bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and date.fromisoformat(value))


@FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", value) is not None and bool(
        datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo
    )


@FORMATS.checks("time")
def _time(value: object) -> bool:
    return not isinstance(value, str) or re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?", value) is not None


def translate(node: Any) -> Any:
    """OpenAPI 3.0 schema → JSON Schema: ``nullable`` becomes ``null`` in the type (or enum)."""
    if isinstance(node, list):
        return [translate(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: translate(value) for key, value in node.items() if key != "nullable"}
    if node.get("nullable"):
        if "type" in out:
            out["type"] = [out["type"], "null"]
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
        if "$ref" in out:
            out = {"anyOf": [{"$ref": out.pop("$ref")}, {"type": "null"}], **out}
    return out


@cache
def components() -> dict[str, Any]:
    return {"schemas": translate(document.schemas())}


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    root = {**translate(schema), "components": components()}
    return Draft202012Validator(root, format_checker=FORMATS)


def problems(schema: dict[str, Any], body: Any) -> list[str]:
    """Every way ``body`` breaks ``schema`` (a ``$ref`` into the document), as readable lines."""
    found = validator(schema).iter_errors(body)
    return sorted(f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}" for e in found)


def answer_problems(document: dict[str, Any], method: str, path: str, status: int, body: bytes) -> list[str]:
    """What the served (OpenAPI 3.1) document does not allow about one answer: its status and body."""
    operation = document["paths"][path][method.lower()]
    described = operation["responses"].get(str(status))
    if described is None:
        return [f"status {status} is not among {sorted(operation['responses'])}"]
    if "content" not in described:
        return [] if body == b"" else [f"{status} has no body in the document, got {body[:60]!r}"]
    root = {**described["content"]["application/json"]["schema"], "components": document["components"]}
    check = Draft202012Validator(root, format_checker=FORMATS)
    return [e.message for e in check.iter_errors(json.loads(body))]
