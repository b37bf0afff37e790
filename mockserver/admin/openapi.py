"""The admin API's OpenAPI document as it answers: ``{"error"}`` on 400/401/404/413 (never 422), real bodies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from mockserver.core.openapi import operations, with_head_limit

ERROR = {
    "type": "object",
    "required": ["error"],
    "additionalProperties": False,
    "properties": {"error": {"type": "string"}},
}
ERRORS = {
    "400": "A parameter or body the admin API cannot use (the message names it).",
    "401": "With --admin-token: no 'Authorization: Bearer <token>', or the wrong one.",
    "404": "No such provider, tenant, collection or applied scenario (the message names the known ones).",
    "413": "The body is larger than --admin-max-body-bytes.",
    "409": "The server runs without --state-file: there is nowhere to write.",
    "500": "The state file could not be written (the message says why); the old one is left as it was.",
}
#: Answers some operations give besides the usual ones.
MORE_ERRORS = {
    ("post", "/snapshot"): ("409", "500"),
    ("post", "/tenants"): ("400", "409", "413"),
    ("delete", "/tenants/{name}"): ("404",),
}
TENANT_BODY = {
    "required": False,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "additionalProperties": False,
                "properties": {"name": {"type": ["string", "null"], "description": "none: a name is picked"}},
            }
        }
    },
}
#: The state document (docs/state-file.md).
STATE = {
    "type": "object",
    "required": ["format", "version", "mockserver", "seed", "clock", "tenants", "scenarios", "stores"],
    "properties": {
        "format": {"const": "mockserver-state"},
        "version": {"type": "integer"},
        "mockserver": {"type": "string"},
        "seed": {"type": "integer"},
        "clock": {"type": "object", "required": ["mode", "timestamp", "offset_seconds"]},
        "tenants": {"type": "array", "items": {"type": "string"}},
        "scenarios": {"type": "array", "items": {"type": "object"}},
        "stores": {"type": "object", "additionalProperties": {"type": "object"}},
    },
}
#: Operations that look something up by name.
LOOKUPS = {
    ("post", "/reset"),
    ("get", "/state/{provider}/{collection}"),
    ("get", "/state/{provider}"),
    ("post", "/scenarios/reset"),
    ("delete", "/scenarios/{name}"),
    ("put", "/scenarios/{name}/state"),
}

_INT = {"type": "integer"}
_STR = {"type": "string"}
_OPT_STR = {"type": ["string", "null"]}
CLOCK = {
    "type": "object",
    "required": ["mode", "now", "timestamp", "offset_seconds"],
    "properties": {
        "mode": {"type": "string", "enum": ["system", "frozen", "offset"]},
        "now": {"type": "string", "format": "date-time"},
        "timestamp": {"type": "number"},
        "offset_seconds": {"type": "number"},
    },
}
SCENARIO = {"type": "object", "description": "An applied scenario: name, tenant, state, counters, rules."}
#: What each operation answers with 200 (201 for applying a scenario), past FastAPI's "any object".
ANSWERS: dict[tuple[str, str], dict[str, Any]] = {
    ("get", "/health"): {
        "type": "object",
        "required": ["status", "version", "seed", "clock", "providers"],
        "properties": {
            "status": {"const": "ok"},
            "version": _STR,
            "seed": _INT,
            "clock": CLOCK,
            "providers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "title", "prefix", "real_base_url", "port"],
                    "properties": {
                        "name": _STR,
                        "title": _STR,
                        "prefix": _STR,
                        "real_base_url": _STR,
                        "port": {"type": ["integer", "null"]},
                    },
                },
            },
        },
    },  # fmt: skip
    ("post", "/reset"): {
        "type": "object",
        "required": ["reset", "stores_dropped"],
        "properties": {
            "reset": {"type": "object", "properties": {"provider": _OPT_STR, "tenant": _OPT_STR}},
            "stores_dropped": _INT,
        },
    },
    ("get", "/clock"): CLOCK,
    ("post", "/clock"): CLOCK,
    ("get", "/requests"): {
        "type": "object",
        "required": ["requests", "total"],
        "properties": {
            "requests": {"type": "array", "items": {"type": "object", "required": ["id", "seq", "status"]}},
            "total": _INT,
        },
    },
    ("delete", "/requests"): {"type": "object", "required": ["cleared"], "properties": {"cleared": _INT}},
    ("post", "/requests/count"): {"type": "object", "required": ["count"], "properties": {"count": _INT}},
    ("get", "/state/{provider}/{collection}"): {
        "type": "object",
        "required": ["provider", "tenant", "collection", "total", "offset", "records"],
        "properties": {
            "provider": _STR,
            "tenant": _STR,
            "collection": _STR,
            "total": _INT,
            "offset": _INT,
            "records": {"type": "array", "items": {"type": "object"}},
        },
    },  # fmt: skip
    ("get", "/state/{provider}"): {
        "type": "object",
        "required": ["provider", "tenant", "tenants", "collections"],
        "properties": {
            "provider": _STR,
            "tenant": _STR,
            "tenants": {"type": "array", "items": _STR},
            "collections": {"type": "array", "items": _STR},
        },
    },
    ("get", "/providers"): {
        "type": "object",
        "required": ["providers"],
        "properties": {
            "providers": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["name", "title", "base_url", "tenants", "credentials", "curl", "curl_example"],
                    "properties": {
                        "name": _STR,
                        "title": _STR,
                        "base_url": _STR,
                        "real_base_url": _STR,
                        "tenants": {"type": "array", "items": _STR},
                        "credentials": {"type": "array", "items": {"type": "object", "required": ["tenant"]}},
                        "curl": _STR,
                        "curl_example": _STR,
                    },
                },
            },
        },
    },
    ("get", "/credentials"): {
        "type": "object",
        "description": "Per provider, one object per tenant (always with a tenant key).",
        "additionalProperties": {"type": "array", "items": {"type": "object", "required": ["tenant"]}},
    },
    ("get", "/scenarios"): {
        "type": "object",
        "required": ["scenarios", "available"],
        "properties": {"scenarios": {"type": "array", "items": SCENARIO}, "available": {"type": "array"}},
    },
    ("post", "/scenarios"): {"type": "object", "required": ["applied"], "properties": {"applied": SCENARIO}},
    ("post", "/scenarios/reset"): {"type": "object", "required": ["reset"], "properties": {"reset": _INT}},
    ("delete", "/scenarios"): {"type": "object", "required": ["removed"], "properties": {"removed": _INT}},
    ("delete", "/scenarios/{name}"): {
        "type": "object",
        "required": ["removed", "tenant"],
        "properties": {"removed": _STR, "tenant": _OPT_STR},
    },
    ("put", "/scenarios/{name}/state"): {
        "type": "object",
        "required": ["scenario"],
        "properties": {"scenario": SCENARIO},
    },
    ("get", "/snapshot"): STATE,
    ("get", "/tenants"): {"type": "object", "required": ["tenants"], "properties": {"tenants": {"type": "array"}}},
    ("post", "/tenants"): {
        "type": "object",
        "required": ["tenant", "credentials"],
        "properties": {"tenant": _STR, "credentials": {"type": "object"}},
    },
    ("delete", "/tenants/{name}"): {
        "type": "object",
        "required": ["removed", "stores_dropped"],
        "properties": {"removed": _STR, "stores_dropped": _INT},
    },
    ("put", "/snapshot"): {"type": "object", "required": ["imported"], "properties": {"imported": {"type": "object"}}},
    ("post", "/snapshot"): {"type": "object", "required": ["saved"], "properties": {"saved": {"type": "object"}}},
}
#: POST /scenarios reads its body itself: a scenario as YAML or JSON (or nothing, with ?name=).
SCENARIO_BODY = {
    "required": False,
    "content": {
        "application/yaml": {"schema": {"type": "string"}},
        "application/json": {"schema": {"type": "object"}},
    },
}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def truthful(app: FastAPI, token_required: Callable[[], bool]) -> dict[str, Any]:
    """FastAPI's document for ``app``, corrected to what the admin API really accepts and answers."""
    document = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    document["servers"] = [{"url": "/__admin", "description": "this emulator's admin API"}]
    components = document.setdefault("components", {})
    for name in ("HTTPValidationError", "ValidationError"):
        components.get("schemas", {}).pop(name, None)
    schemas = components.setdefault("schemas", {})
    schemas["AdminError"] = ERROR
    if "ClockChange" in schemas:
        # set needs at, advance needs seconds (checked by the endpoint, past the model).
        schemas["ClockChange"]["allOf"] = [
            {"if": {"properties": {"action": {"const": action}}}, "then": {"required": [field]}}
            for action, field in (("set", "at"), ("advance", "seconds"))
        ]
    components["responses"] = {
        code: _json({"$ref": "#/components/schemas/AdminError"}, text) for code, text in ERRORS.items()
    }
    components["securitySchemes"] = {"adminToken": {"type": "http", "scheme": "bearer"}}
    document["security"] = [{"adminToken": []}] if token_required() else [{}, {"adminToken": []}]
    for path, method, operation in operations(document):
        responses = operation["responses"]
        responses.pop("422", None)
        parameters = [p for p in operation.get("parameters", ()) if p.get("name", "").lower() != "authorization"]
        operation["parameters"] = parameters
        if not parameters:
            del operation["parameters"]
        if (method, path) == ("post", "/scenarios"):
            operation["requestBody"] = SCENARIO_BODY
        if (method, path) == ("post", "/tenants"):
            operation["requestBody"] = TENANT_BODY
        if (method, path) == ("put", "/snapshot"):
            operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": STATE}}}
        errors = ["401"]
        if parameters or "requestBody" in operation:
            errors.append("400")
        if "requestBody" in operation:
            errors.append("413")
        if (method, path) in LOOKUPS:
            errors.append("404")
        errors.extend(MORE_ERRORS.get((method, path), ()))
        for code in errors:
            responses[code] = {"$ref": f"#/components/responses/{code}"}
        answer = ANSWERS.get((method, path))
        success = next(code for code in responses if code.startswith("2"))
        if answer is not None:
            responses[success] = _json(answer, responses[success].get("description", "Done."))
    return with_head_limit(document)
