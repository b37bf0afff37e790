"""The Onix Work OpenAPI document as the emulator serves it, its request bodies drawn from the field tables.

Every success is a 200 with a bare JSON value; a 400 is a ProblemDetails (``application/problem+json``)
or the logic-error list (``application/json``); a 401 has no body, only ``WWW-Authenticate``.
"""

from __future__ import annotations

from typing import Any

from mockserver.providers.onix import routes, schemas
from mockserver.providers.onix.fields import INT32, Field, Model
from mockserver.providers.onix.labels import LANGUAGE_CODES

PROBLEM_MEDIA = "application/problem+json"
JSON = "application/json"

#: The answer of each write: the id created or updated (integer), or true.
WRITE_ANSWERS = {
    "save_order": "integer",
    "transfer_order": "integer",
    "save_order_line": "integer",
    "save_product": "integer",
}


def _ref(kind: str, name: str) -> dict[str, str]:
    return {"$ref": f"#/components/{kind}/{name}"}


def field_schema(field: Field) -> dict[str, Any]:
    """What the reader accepts for one member; null too, unless the member is required."""
    out: dict[str, Any]
    if field.kind == "int":
        out = {"type": "integer", "minimum": INT32[0], "maximum": INT32[1]}
    elif field.kind == "enum":
        out = {"type": "integer", "enum": list(field.choices)}
    elif field.kind == "decimal":
        out = {"type": "number", **({"exclusiveMinimum": 0} if field.positive else {})}
    elif field.kind == "bool":
        out = {"type": "boolean"}
    elif field.kind == "date":
        out = {"type": "string", "anyOf": [{"format": "date"}, {"format": "date-time"}]}
    elif field.kind == "list":
        items = model_schema(field.element) if field.element else {"type": "string"}
        out = {"type": "array", "items": items}
    else:
        out = {"type": "string", "maxLength": field.max_length} if field.max_length else {"type": "string"}
        if field.min_length:
            out["minLength"] = field.min_length
    if field.positive and field.kind == "int":
        out["minimum"] = 1
    if not field.required:
        out["type"] = [out["type"], "null"]
        if "enum" in out:
            out["enum"] = [*out["enum"], None]
    return out


def model_schema(model: Model) -> dict[str, Any]:
    """A request model: members as the table lists them (matched case-insensitively), others ignored."""
    out: dict[str, Any] = {
        "title": model.name,
        "type": "object",
        "properties": {f.name: field_schema(f) for f in model.fields},
    }
    required = [f.name for f in model.fields if f.required]
    if required:
        out["required"] = required
    return out


def _body(model: Model) -> dict[str, Any]:
    return {"required": True, "content": {JSON: {"schema": _ref("schemas", model.name)}}}


def _ok(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {JSON: {"schema": schema}}}


def _errors(*statuses: str) -> dict[str, Any]:
    return {status: _ref("responses", RESPONSES[status][0]) for status in statuses}


#: status -> (component name, description, media and schema names); None: no body.
RESPONSES: dict[str, tuple[str, str, dict[str, str] | None]] = {
    "400": (
        "BadRequest",
        'A validation error (ProblemDetails with ``errors``), the token call\'s "Bad Request", '
        "or a logic/state error (a list of memberNames and errorMessage).",
        {PROBLEM_MEDIA: "ProblemDetails", JSON: "LogicErrors"},
    ),
    "401": ("Unauthorized", "No token, an unknown or expired one, or the wrong scheme for its kind.", None),
    "413": ("PayloadTooLarge", "The body is larger than the server takes.", {PROBLEM_MEDIA: "ProblemDetails"}),
    "415": ("UnsupportedMediaType", "The body is not JSON.", {PROBLEM_MEDIA: "ProblemDetails"}),
    "500": ("ServerError", "A system error.", {PROBLEM_MEDIA: "ProblemDetails"}),
}

PROBLEM = {
    "type": "object",
    "additionalProperties": False,
    "required": ["type", "title", "status", "traceId"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "traceId": {"type": "string", "pattern": "^00-[0-9a-f]{32}-[0-9a-f]{16}-00$"},
        "errors": {
            "description": 'Messages by camelCase member (``items[0].serialNo``; ``$``: the body; ``""``: none).',
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
}

LOGIC_ERRORS = {
    "type": "array",
    "minItems": 1,
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["memberNames", "errorMessage"],
        "properties": {
            "memberNames": {"type": "array", "items": {"type": "string"}},
            "errorMessage": {"type": "string"},
        },
    },
}


def _responses() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, description, media in RESPONSES.values():
        described: dict[str, Any] = {"description": description}
        if media is None:
            described["headers"] = {"WWW-Authenticate": {"schema": {"type": "string"}, "required": True}}
        else:
            described["content"] = {m: {"schema": _ref("schemas", schema)} for m, schema in media.items()}
        out[name] = described
    return out


def key_value_list(shape: str) -> dict[str, Any]:
    """A string-to-string list, as ``options.key_value_list`` writes it."""
    if shape == "object":
        return {"type": "object", "additionalProperties": {"type": "string"}}
    pair = {
        "type": "object",
        "additionalProperties": False,
        "required": ["key", "value"],
        "properties": {"key": {"type": "string"}, "value": {"type": "string"}},
    }
    return {"type": "array", "items": pair}


LANGUAGE = {
    "name": "languageCode",
    "in": "query",
    "description": "0 Norwegian, 1 English (the default, also when empty), 3 Swedish, 4 Danish, 7 Spanish.",
    "schema": {"anyOf": [{"type": "integer", "enum": list(LANGUAGE_CODES)}, {"type": "string", "maxLength": 0}]},
}


def document(key_values: str = "pairs") -> dict[str, Any]:
    """The served document; ``key_values`` is the ``key_value_list`` switch in force."""
    paths: dict[str, Any] = {
        "/v1/Account/token": {
            "post": {
                "operationId": "create_token",
                "summary": "A short-lived token (60 minutes) for the Bearer scheme.",
                "security": [],
                "requestBody": _body(schemas.LOGIN_INFO),
                "responses": {"200": _ok({"type": "string"}, "The token."), **_errors("400", "413", "415", "500")},
            }
        }
    }
    for path, name, _ in routes.LOOKUPS:
        paths[path] = {
            "get": {
                "operationId": name,
                "parameters": [LANGUAGE],
                "responses": {
                    "200": _ok(key_value_list(key_values), "Ids and labels in the language asked."),
                    **_errors("400", "401", "500"),
                },
            }
        }
    models = [schemas.LOGIN_INFO]
    for path, name, model, _ in routes.WRITES:
        models.append(model)
        answer = WRITE_ANSWERS.get(name)
        ok = _ok({"type": "integer"}, "The id.") if answer else _ok({"const": True}, "Done.")
        paths[path] = {
            "post": {
                "operationId": name,
                "requestBody": _body(model),
                "responses": {"200": ok, **_errors("400", "401", "413", "415", "500")},
            }
        }
    components = {
        "securitySchemes": {
            "Bearer": {"type": "http", "scheme": "bearer", "description": "A short-lived token."},
            "Key": {
                "type": "apiKey",
                "in": "header",
                "name": "Authorization",
                "description": "The company key: 'Key <key>', or the key alone.",
            },
        },
        "responses": _responses(),
        "schemas": {"ProblemDetails": PROBLEM, "LogicErrors": LOGIC_ERRORS, **_models(models)},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Onix Work OpenAPI", "version": "v1"},
        "security": [{"Bearer": []}, {"Key": []}],
        "paths": paths,
        "components": components,
    }


def _models(models: list[Model]) -> dict[str, Any]:
    return {model.name: model_schema(model) for model in models}
