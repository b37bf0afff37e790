"""The Ons OpenAPI schemas, written from models.py (itself from contracts/ons/*.yml) so they cannot drift.

Two per resource: ``Client`` is what the emulator sends (the vendor's schema, no nulls, empty
fields left out), ``ClientCreate`` and ``ClientUpdate`` what it accepts in a body: the writable fields, each also as
the text form the coercion reads (``"12"`` for an int, ``"true"`` for a boolean) or null.
"""

from __future__ import annotations

from typing import Any

from mockserver.providers.ons.models import (
    INT32_MAX,
    INT64_MAX,
    RESOURCES,
    Field,
    Kind,
    Resource,
)

#: What the vendor's schemas say of the nested objects (contracts/ons/*.yml), as far as the emulator fills them.
NESTED: dict[str, dict[str, Any]] = {
    "careAllocations": {"type": "array", "items": {"$ref": "#/components/schemas/CareAllocation"}},
    "employeePrivacySettings": {"$ref": "#/components/schemas/EmployeePrivacySettings"},
    "addresses": {"type": "array", "items": {"$ref": "#/components/schemas/TeamAddress"}},
    "carePlanEntries": {"type": "array", "items": {"$ref": "#/components/schemas/CarePlanEntry"}},
}

#: What an export job may hold (store.STREAMED; kept here so the schemas need no store import).
EXPORTABLE = ("clients", "employees", "teams", "locations")

_INT64 = {"type": "integer", "format": "int64"}
_DATE = {"type": "string", "format": "date"}
_DATETIME = {"type": "string", "format": "date-time"}

NESTED_SCHEMAS: dict[str, dict[str, Any]] = {
    "CareAllocation": {
        "type": "object",
        "xml": {"name": "careAllocation"},
        "properties": {
            "id": _INT64,
            "clientId": _INT64,
            "beginDate": _DATE,
            "endDate": _DATE,
            "comments": {"type": "string"},
            "destination": {"type": "string"},
            "reason": {"type": "string"},
            "reasonTemporary": {"type": "string"},
            "careProviderId": _INT64,
        },
    },
    "EmployeePrivacySettings": {
        "type": "object",
        "xml": {"name": "employeePrivacySettings"},
        "properties": {
            "employeeObjectId": _INT64,
            "shareBirthDay": {"type": "boolean"},
            "sharePrivateEmailAddress": {"type": "boolean"},
            "sharePrivateTelephoneNumber": {"type": "boolean"},
            "shareResidence": {"type": "boolean"},
        },
    },
    "TeamAddress": {
        "type": "object",
        "xml": {"name": "teamAddress"},
        "properties": {
            "id": _INT64,
            "teamId": _INT64,
            "beginDate": _DATE,
            "endDate": _DATE,
            "street": {"type": "string"},
            "homeNumber": {"type": "integer", "format": "int32"},
            "zipcode": {"type": "string"},
            "city": {"type": "string"},
            "country": {"type": "string"},
        },
    },
    "CarePlanEntry": {
        "type": "object",
        "xml": {"name": "carePlanEntry"},
        "description": "Care plan entries are not emulated: the list is always empty.",
        "properties": {"id": _INT64, "carePlanId": _INT64},
    },
}

#: Strings the XML renderer could not carry are refused on input (models.XML_INCOMPATIBLE).
XML_SAFE_TEXT = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\ufffe\\uffff]*$"


def schema_name(resource: Resource) -> str:
    return resource.element[0].upper() + resource.element[1:]


def list_schema_name(resource: Resource) -> str:
    return schema_name(resource) + "List"


def output_field(spec: Field) -> dict[str, Any]:
    if spec.kind is Kind.NESTED:
        nested = NESTED[spec.name]
        # Nested lists are wrapped in XML; their items are named by the item schema's xml.name.
        return {**nested, "xml": {"wrapped": True}} if nested.get("type") == "array" else nested
    out: dict[str, Any] = {
        Kind.STRING: {"type": "string"},
        Kind.INT64: {"type": "integer", "format": "int64"},
        Kind.INT32: {"type": "integer", "format": "int32"},
        Kind.BOOL: {"type": "boolean"},
        Kind.DOUBLE: {"type": "number", "format": "double"},
        Kind.DATE: {"type": "string", "format": "date"},
        Kind.DATETIME: {"type": "string", "format": "date-time"},
    }[spec.kind]
    if spec.choices:
        out = {**out, "enum": list(spec.choices)}
    return out


def input_field(spec: Field) -> dict[str, Any]:
    """What ``models.coerce`` takes for one field (null always: it means "not given")."""
    kind = spec.kind
    if kind is Kind.STRING:
        if spec.choices:
            return {"enum": [*spec.choices, None]}
        return {"type": ["string", "number", "boolean", "null"], "pattern": XML_SAFE_TEXT}
    if kind in (Kind.INT64, Kind.INT32):
        limit = INT64_MAX if kind is Kind.INT64 else INT32_MAX
        digits = 18 if kind is Kind.INT64 else 9
        return {
            "type": ["integer", "string", "null"],
            "format": kind.value,
            "minimum": -limit - 1,
            "maximum": limit,
            "pattern": f"^-?[0-9]{{1,{digits}}}$",
        }
    if kind is Kind.BOOL:
        return {"type": ["boolean", "string", "null"], "pattern": "^([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])$"}
    if kind is Kind.DOUBLE:
        return {"type": ["number", "null"], "format": "double"}
    if kind is Kind.DATE:
        return {"type": ["string", "null"], "format": "date"}
    return {"type": ["string", "null"], "format": "date-time"}


def output_schema(resource: Resource) -> dict[str, Any]:
    return {
        "type": "object",
        "xml": {"name": resource.element},
        "properties": {f.name: output_field(f) for f in resource.fields if not f.hidden},
    }


def _not_empty(spec: dict[str, Any]) -> dict[str, Any]:
    """A field that must be given: not null, nor (being text) empty."""
    types = [t for t in spec["type"] if t != "null"]
    return {**spec, "type": types, **({"minLength": 1} if "string" in types else {})}


def input_schema(resource: Resource, *, create: bool) -> dict[str, Any]:
    """A create body (with the required fields) or an update body (a PUT keeps what it does not send)."""
    properties = {
        f.name: input_field(f) for f in resource.fields if f.kind is not Kind.NESTED and (f.writable or f.name == "id")
    }
    out: dict[str, Any] = {
        "type": "object",
        "xml": {"name": resource.element},
        "description": "Unknown and server-managed fields are ignored; the id, if given, must be the path's.",
        "properties": properties,
    }
    if not create:
        return out
    if resource.required == ("birthName",):
        # store.create_person: lastName alone names a new person (it becomes the birth name too).
        out["anyOf"] = [
            {"required": [name], "properties": {name: _not_empty(properties[name])}}
            for name in ("birthName", "lastName")
        ]
        return out
    for name in resource.required:
        properties[name] = _not_empty(properties[name])
    out["required"] = list(resource.required)
    return out


def _xml_field(spec: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in spec.items() if v != XML_SAFE_TEXT}
    if isinstance(out.get("type"), list):
        out["type"] = [t for t in out["type"] if t != "null"]
    if "enum" in out:
        out["enum"] = [v for v in out["enum"] if v is not None]
    return out


def without_null(schema: dict[str, Any]) -> dict[str, Any]:
    """The input schema for XML bodies: every value is text there, so nothing can be null, and the
    characters XML_SAFE_TEXT keeps out cannot be written in XML at all."""
    out = {**schema, "properties": {name: _xml_field(spec) for name, spec in schema["properties"].items()}}
    if "anyOf" in out:
        out["anyOf"] = [
            {**branch, "properties": {k: _xml_field(v) for k, v in branch["properties"].items()}}
            for branch in out["anyOf"]
        ]
    return out


def list_schema(resource: Resource) -> dict[str, Any]:
    """``{"clients": [...]}``; in XML ``<clients><client>…</client></clients>``."""
    return {
        "type": "object",
        "xml": {"name": resource.plural},
        "required": [resource.plural],
        "properties": {
            resource.plural: {"type": "array", "items": {"$ref": f"#/components/schemas/{schema_name(resource)}"}}
        },
    }


ERROR_RESPONSE = {
    "type": "object",
    "xml": {"name": "errorResponse"},
    "description": "The vendor's ErrorResponse: one entry per problem.",
    "required": ["errorResponseEntries"],
    "additionalProperties": False,
    "properties": {
        "errorResponseEntries": {
            "type": "array",
            "xml": {"wrapped": True},
            "minItems": 1,
            "items": {
                "type": "object",
                "xml": {"name": "errorResponseEntry"},
                "required": ["message"],
                "properties": {
                    "field": {"type": ["string", "null"]},
                    "value": {"type": ["string", "null"]},
                    "message": {"type": "string"},
                },
            },
        }
    },
}


def export_job() -> dict[str, Any]:
    """A finished export job; its records sit under the collection's name (``"teams": [...]``)."""
    exported = {
        name: {"type": "array", "xml": {"wrapped": True}, "items": {"$ref": f"#/components/schemas/{schema_name(r)}"}}
        for name, r in RESOURCES.items()
        if name in EXPORTABLE
    }
    return {
        "type": "object",
        "xml": {"name": "export"},
        "required": ["id", "collection", "status", "createdAt", "recordCount"],
        "additionalProperties": False,
        "properties": {
            "id": _INT64,
            "collection": {"type": "string", "enum": list(EXPORTABLE)},
            "status": {"type": "string", "enum": ["READY"]},
            "createdAt": _DATETIME,
            "recordCount": {"type": "integer", "minimum": 0},
            **exported,
        },
    }


def schemas() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for resource in dict.fromkeys(RESOURCES.values()):
        name = schema_name(resource)
        out[name] = output_schema(resource)
        for kind, create in (("Create", True), ("Update", False)):
            out[name + kind] = input_schema(resource, create=create)
            out[name + kind + "Xml"] = without_null(out[name + kind])
        out[list_schema_name(resource)] = list_schema(resource)
    out.update(NESTED_SCHEMAS)
    out["ErrorResponse"] = ERROR_RESPONSE
    out["ExportJob"] = export_job()
    out["ExportRequest"] = {
        "type": "object",
        "xml": {"name": "export"},
        "description": "No body, or no collection: clients.",
        "properties": {"collection": {"type": "string", "enum": list(EXPORTABLE)}},
    }
    return out
