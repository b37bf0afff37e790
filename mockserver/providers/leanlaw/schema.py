"""The vendor's OpenAPI document, shipped with the package, and request bodies checked against its schemas.

Bodies are checked the way the vendor's JSON binding reads them: a wrong type or format is a 400
naming the property; properties the schema does not know are ignored; ``null`` on a property that
is not required means "not given" (seeds: PUT is sparse, "only properties that are provided ...
will be changed"). The returned copy has those nulls removed.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from mockserver.providers.leanlaw import params
from mockserver.providers.leanlaw.errors import InvalidRequest

DOCUMENT = Path(__file__).with_name("vendor-openapi.json")
_REF = "#/components/schemas/"


@cache
def document() -> dict[str, Any]:
    """The vendor's OpenAPI 3.0 document, as published (read once)."""
    loaded: dict[str, Any] = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    return loaded


def schemas() -> dict[str, Any]:
    found: dict[str, Any] = document()["components"]["schemas"]
    return found


def operations() -> list[tuple[str, str, str, dict[str, Any]]]:
    """Every operation of the document: (method, path, operationId, operation), in document order."""
    out = []
    for path, item in document()["paths"].items():
        for method, operation in item.items():
            out.append((method.upper(), path, operation["operationId"], operation))
    return out


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = schemas()[schema["$ref"].removeprefix(_REF)]
    return schema


def check_body(schema_name: str, body: Any) -> dict[str, Any]:
    """A request body checked against a component schema; the first problem is a 400 naming its path."""
    if not isinstance(body, dict):
        raise InvalidRequest("The request body must be a JSON object.", field="request")
    checked = _value(schemas()[schema_name], body, "")
    assert isinstance(checked, dict)
    return checked


def _value(schema: dict[str, Any], value: Any, where: str) -> Any:
    schema = resolve(schema)
    if "oneOf" in schema:
        return _one_of(schema["oneOf"], value, where)
    kind = schema.get("type")
    if "enum" in schema:
        if not isinstance(value, str):
            raise _wrong(where, value, f"one of {', '.join(schema['enum'])}")
        return params.choice(value, where, tuple(schema["enum"]))
    if kind == "object":
        return _object(schema, value, where)
    if kind == "array":
        if not isinstance(value, list):
            raise _wrong(where, value, "an array")
        return [_value(schema["items"], item, f"{where}[{i}]") for i, item in enumerate(value)]
    if kind == "string":
        return _string(schema, value, where)
    if kind in ("number", "integer"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _wrong(where, value, "a number")
        if kind == "integer" and not float(value).is_integer():
            raise _wrong(where, value, "a whole number")
        return value
    if kind == "boolean":
        if not isinstance(value, bool):
            raise _wrong(where, value, "true or false")
        return value
    return value


def _object(schema: dict[str, Any], value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _wrong(where, value, "an object")
    required = set(schema.get("required", ()))
    out: dict[str, Any] = {}
    for name, prop in schema.get("properties", {}).items():
        path = f"{where}.{name}" if where else name
        item = value.get(name)
        if item is None:
            if name in required:
                raise InvalidRequest(f"The {name} field is required.", field=path)
            continue
        out[name] = _value(prop, item, path)
    return out


def _string(schema: dict[str, Any], value: Any, where: str) -> Any:
    if not isinstance(value, str):
        raise _wrong(where, value, "a string")
    if len(value) < schema.get("minLength", 0):
        raise InvalidRequest(f"The {where} field must not be empty.", field=where)
    fmt = schema.get("format")
    if fmt == "uuid":
        return params.guid(value, where)
    if fmt == "date":
        params.day(value, where)
    elif fmt == "date-time":
        params.instant(value, where)
    elif fmt == "time":
        return params.time_of_day(value, where)
    return value


def _one_of(options: list[dict[str, Any]], value: Any, where: str) -> Any:
    for option in options:
        try:
            return _value(option, value, where)
        except InvalidRequest:
            continue
    raise _wrong(where, value, "a string, a number or true/false")


def _wrong(where: str, value: Any, expected: str) -> InvalidRequest:
    shown = json.dumps(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    name = where or "request"
    return InvalidRequest(f"The JSON value {shown} could not be converted: {name} must be {expected}.", field=name)


def operation_ids() -> list[str]:
    return [op_id for _, _, op_id, _ in operations()]


def sort_fields(operation_id: str) -> list[str]:
    """The sort fields the document's description of ``sort`` lists for one operation."""
    return _listed(operation_id, "sort", "Supported sort fields:")


def select_fields(operation_id: str) -> list[str]:
    return _listed(operation_id, "select", "Supported fields:")


def _listed(operation_id: str, parameter: str, marker: str) -> list[str]:
    for _, _, op_id, operation in operations():
        if op_id != operation_id:
            continue
        for item in operation.get("parameters", ()):
            if item["name"] == parameter:
                match = re.search(re.escape(marker) + r"\s*([^\n]+)", item.get("description", ""))
                return [t.strip() for t in match.group(1).split(",")] if match else []
    return []
