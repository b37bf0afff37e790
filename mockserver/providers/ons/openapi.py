"""The Ons OpenAPI document: the /t/ operations the emulator serves, as its switches make them answer.

Operation ids are the route names (what scenarios match on); ``x-vendor-operation-id`` names the
operation in the vendor's document (contracts/ons/*.yml), where it has one.
"""

from __future__ import annotations

from typing import Any

from mockserver.providers.ons.config import OnsConfig
from mockserver.providers.ons.models import CARE_PLAN, CLIENT, EMPLOYEE, INT64_MAX, LOCATION, RESOURCES, TEAM, Resource
from mockserver.providers.ons.openapi_schemas import list_schema_name, schema_name, schemas
from mockserver.providers.ons.store import STREAMED

OBJECT_MEDIA = ("application/json", "application/xml", "text/xml")
STREAM_MEDIA = ("application/json", "application/x-ndjson", "application/xml", "text/xml")

ERRORS = {
    "400": "Bad query value or body (one entry per bad field), missing Content-Type, oversized body.",
    "401": "Insufficient rights: the connector may not read or write this resource.",
    "403": "Authentication unsuccessful: an unknown certificate, or none where one is required.",
    "404": "No such record.",
    "406": "The Accept header names nothing this operation gives.",
    "409": "Taken identification number, a stale updatedAt, two clients for one BSN, a second draft plan.",
    "415": "Unsupported Content-Type (the unsupported_media_type_415 switch; the vendor answers 400).",
    "423": "The export job is not ready yet.",
    "429": "Too many requests in flight for this certificate (or a rate budget spent).",
}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _content(schema: dict[str, Any], media: tuple[str, ...] = OBJECT_MEDIA) -> dict[str, Any]:
    return {m: {"schema": schema} for m in media}


def _id_param(name: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": "An int64 object id; anything else is a 400 naming the parameter.",
        "schema": {"type": "integer", "format": "int64", "minimum": 0, "maximum": INT64_MAX},
    }


def _text_param(name: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


def _ids_query() -> dict[str, Any]:
    return {
        "name": "id",
        "in": "query",
        "required": True,
        "style": "form",
        "explode": True,
        "description": "id=1&id=2 (comma-separated values too); ids not found are left out of the answer.",
        "schema": {
            "type": "array",
            "minItems": 1,
            "items": {"type": "integer", "format": "int64", "minimum": 0, "maximum": INT64_MAX},
        },
    }


class Op:
    """One operation: its answer kind decides the success status and which errors it may give."""

    def __init__(self, name: str, method: str, path: str, kind: str, resource: Resource | None = None, **extra: Any):
        self.name, self.method, self.path, self.kind, self.resource = name, method, path, kind, resource
        self.params: list[dict[str, Any]] = extra.pop("params", [])
        self.vendor: str | None = extra.pop("vendor", None)
        self.errors: tuple[str, ...] = extra.pop("errors", ())
        self.summary: str = extra.pop("summary", name.replace("_", " "))

    @property
    def schema(self) -> str:
        """The component name of the operation's object (those with a resource)."""
        assert self.resource is not None, self.name
        return schema_name(self.resource)

    @property
    def list_schema(self) -> str:
        assert self.resource is not None, self.name
        return list_schema_name(self.resource)


def _person_ops(resource: Resource, base: str, vendor: str) -> list[Op]:
    ident = _text_param("identification_no")
    return [
        Op(f"create_{resource.element}", "post", base, "create", resource, vendor=f"{vendor}.create", errors=("409",)),
        Op(f"get_{resource.element}_by_identification_no", "get", f"{base}/by_identification_no/{{identification_no}}",
           "get", resource, params=[ident], vendor=f"{vendor}.byIdentificationNo"),
        Op(f"get_multiple_{resource.plural}", "get", f"{base}/multiple", "list", resource, params=[_ids_query()],
           vendor=f"{vendor}.multiple"),
    ]  # fmt: skip


def operations() -> list[Op]:
    cid = _id_param("client_id")
    dates = [
        {"name": n, "in": "query", "schema": {"type": "string", "format": "date"}} for n in ("valid_from", "valid_to")
    ]
    plans = "/t/dossier/care_plans"
    ops = [
        Op("ping", "get", "/ping", "ping", summary="The certificate check: pong once the certificate is accepted."),
        *_person_ops(CLIENT, "/t/clients", "ClientAPI"),
        Op("get_client_by_bsn", "get", "/t/clients/by_bsn", "get", CLIENT, vendor="ClientAPI.byBsn", errors=("409",),
           params=[{"name": "bsn", "in": "query", "required": True, "schema": {"type": "string", "minLength": 1}}]),
        Op("get_client_by_uuid", "get", "/t/clients/by_uuid/{uuid}", "get", CLIENT, params=[_text_param("uuid")],
           vendor="ClientAPI.byUuid"),
        Op("get_client", "get", "/t/clients/{id}", "get", CLIENT, params=[_id_param("id")], vendor="ClientAPI.byId"),
        Op("update_client", "put", "/t/clients/{id}", "update", CLIENT, params=[_id_param("id")],
           vendor="ClientAPI.update", errors=("409",)),
        Op("list_client_care_plans", "get", "/t/clients/{client_id}/care_plans", "list", CARE_PLAN, params=[cid]),
        Op("get_client_active_care_plan", "get", "/t/clients/{client_id}/active_care_plan", "maybe", CARE_PLAN,
           params=[cid]),
        Op("get_client_draft_care_plan", "get", "/t/clients/{client_id}/draft_care_plan", "maybe", CARE_PLAN,
           params=[cid]),
        *_person_ops(EMPLOYEE, "/t/employees", "EmployeeAPI"),
        Op("get_employee", "get", "/t/employees/{employee_id}", "get", EMPLOYEE, params=[_id_param("employee_id")],
           vendor="EmployeeAPI.byId"),
        Op("update_employee", "put", "/t/employees/{employee_id}", "update", EMPLOYEE,
           params=[_id_param("employee_id")], vendor="EmployeeAPI.update", errors=("409",)),
        Op("list_employee_teams", "get", "/t/employees/{employee_id}/teams", "list", TEAM, vendor="TeamAPI.byEmployee",
           params=[_id_param("employee_id"), *dates]),
        Op("list_teams", "get", "/t/teams", "list", TEAM, vendor="TeamAPI.all"),
        Op("get_team_by_code", "get", "/t/teams/by_code/{code}", "get", TEAM, params=[_text_param("code")],
           vendor="TeamAPI.byCode"),
        Op("get_multiple_teams", "get", "/t/teams/multiple", "list", TEAM, params=[_ids_query()],
           vendor="TeamAPI.multiple"),
        Op("get_team", "get", "/t/teams/{id}", "get", TEAM, params=[_id_param("id")], vendor="TeamAPI.byId"),
        Op("list_locations", "get", "/t/locations", "list", LOCATION, vendor="LocationAPI.all"),
        Op("create_location", "post", "/t/locations", "create", LOCATION, vendor="LocationAPI.create"),
        Op("get_multiple_locations", "get", "/t/locations/multiple", "list", LOCATION, params=[_ids_query()],
           vendor="LocationAPI.multiple"),
        Op("get_location", "get", "/t/locations/{id}", "get", LOCATION, params=[_id_param("id")],
           vendor="LocationAPI.byId"),
        Op("update_location", "put", "/t/locations/{id}", "update", LOCATION, params=[_id_param("id")],
           vendor="LocationAPI.update", errors=("409",)),
        Op("create_care_plan", "post", plans, "create", CARE_PLAN, errors=("409",)),
        Op("create_new_care_plan_for_client", "post", plans + "/by_client/{client_id}/new", "create-empty", CARE_PLAN,
           params=[cid], errors=("409",)),
        Op("get_care_plan", "get", plans + "/{id}", "get", CARE_PLAN, params=[_id_param("id")]),
        Op("update_care_plan", "put", plans + "/{id}", "update", CARE_PLAN, params=[_id_param("id")], errors=("409",)),
        Op("delete_care_plan", "delete", plans + "/{id}", "delete", CARE_PLAN, params=[_id_param("id")]),
        Op("activate_care_plan", "post", plans + "/{id}/activate", "action", CARE_PLAN, params=[_id_param("id")]),
        Op("archive_care_plan", "post", plans + "/{id}/archive", "action", CARE_PLAN, params=[_id_param("id")]),
        Op("create_export_job", "post", "/t/reports/exports", "export", None,
           summary="Start an export of one collection (the emulator's own; the vendor documents 423 but no job)."),
        Op("get_export_job", "get", "/t/reports/exports/{id}", "get-export", None, params=[_id_param("id")],
           errors=("423",), summary="423 Locked until the job is ready, then 200 with the records."),
    ]  # fmt: skip
    since = {"name": "since", "in": "query", "required": True, "schema": {"type": "string", "format": "date-time"}}
    for collection in STREAMED:
        resource = RESOURCES[collection]
        base = f"/t/{collection}/x-stream-connect"
        vendor = f"{schema_name(resource)}API.stream"
        ops += [
            Op(f"stream_{collection}_data_xml", "get", base + "/data.xml", "stream-xml", resource),
            Op(f"stream_{collection}_data", "get", base + "/data", "stream", resource, vendor=vendor + "Data"),
            Op(f"stream_{collection}_updates", "get", base + "/updates", "stream", resource, params=[since],
               vendor=vendor + "Updates"),
            Op(f"stream_{collection}_deletes", "get", base + "/deletes", "stream", resource, params=[since],
               vendor=vendor + "Deletes"),
        ]  # fmt: skip
    return ops


def _success(op: Op, spec_mode: bool) -> dict[str, Any]:
    obj = _ref(op.schema) if op.resource else {}
    one = {"description": "The object.", "content": _content(obj)}
    if op.kind in ("get", "update", "action", "create", "create-empty") and spec_mode:
        return {"200": one}
    if op.kind == "get":
        return {"200": one}
    if op.kind == "maybe":
        return {"200": one, "204": {"description": "There is none."}}
    if op.kind == "list":
        return {"200": {"description": "The list wrapper.", "content": _content(_ref(op.list_schema))}}
    if op.kind in ("create", "create-empty", "export"):
        location = {"description": "The new record's path as this client addresses the server.",
                    "schema": {"type": "string"}}  # fmt: skip
        return {"201": {"description": "Created; no body.", "headers": {"Location": location}}}
    if op.kind == "update":
        return {"202": {"description": "Accepted; no body."}}
    if op.kind in ("action", "delete"):
        return {"204": {"description": "Done; no body."}}
    if op.kind == "get-export":
        return {"200": {"description": "The job and its records.", "content": _content(_ref("ExportJob"))}}
    if op.kind == "ping":
        return {"200": {"description": "pong", "content": {"text/plain": {"schema": {"type": "string"}}}}}
    item = _ref(op.schema)
    wrapper = _ref(op.list_schema)
    if op.kind == "stream-xml":
        return {"200": {"description": "Every record, as XML.", "content": _content(wrapper, OBJECT_MEDIA[1:])}}
    content = {**_content(wrapper, STREAM_MEDIA), "application/x-ndjson": {"schema": item}}
    return {"200": {"description": "Every record, streamed (NDJSON: one object a line).", "content": content}}


def _error_codes(op: Op, config: OnsConfig) -> list[str]:
    codes = ["403", "406", "429"]
    if op.kind != "ping":
        codes.append("401")
    if op.params or op.kind in ("create", "update", "export"):
        codes.append("400")
    if op.kind in ("get", "get-export") or any(p["in"] == "path" for p in op.params):
        codes.append("404")
    if op.kind in ("create", "update", "export") and config.options.unsupported_media_type_415:
        codes.append("415")
    return sorted({*codes, *op.errors})


def _operation(op: Op, config: OnsConfig) -> dict[str, Any]:
    tag = op.resource.plural if op.resource else op.path.split("/")[-2 if op.kind == "get-export" else -1]
    out: dict[str, Any] = {"operationId": op.name, "summary": op.summary, "tags": [tag]}
    if op.vendor:
        out["x-vendor-operation-id"] = op.vendor
    if op.params:
        out["parameters"] = op.params
    if op.kind in ("create", "update"):
        body = op.schema + ("Create" if op.kind == "create" else "Update")
        content = {**_content(_ref(body + "Xml"), OBJECT_MEDIA), **_content(_ref(body), ("application/json",))}
        out["requestBody"] = {"required": True, "content": content}
    if op.kind == "export":
        out["requestBody"] = {"required": False, "content": _content(_ref("ExportRequest"), OBJECT_MEDIA)}
    responses = _success(op, config.options.spec_mode)
    for code in _error_codes(op, config):
        responses[code] = {"$ref": f"#/components/responses/{code}"}
    out["responses"] = responses
    return out


def document(config: OnsConfig) -> dict[str, Any]:
    """The document for ``config``'s switches (spec_mode, require_certificate, unsupported_media_type_415)."""
    paths: dict[str, dict[str, Any]] = {}
    for op in operations():
        paths.setdefault(op.path, {})[op.method] = _operation(op, config)
    security: list[dict[str, list[str]]] = [{"clientCertificate": []}, {"connectorHeader": []}]
    if not config.options.require_certificate:
        security.insert(0, {})
    error = {"description": "", "content": _content(_ref("ErrorResponse"))}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Nedap Ons",
            "version": "t",
            "description": "The /t/ API as the emulator serves it (docs/ons.md). JSON or XML by Accept; "
            "errors are the vendor's ErrorResponse in the negotiated format.",
        },
        "paths": paths,
        "security": security,
        "components": {
            "schemas": schemas(),
            "responses": {code: {**error, "description": text} for code, text in ERRORS.items()},
            "securitySchemes": {
                "clientCertificate": {"type": "mutualTLS", "description": "The connector's certificate (its CN)."},
                "connectorHeader": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "X-Client-Cert-CN",
                    "description": "Over plain HTTP, the certificate's CN; with neither, the default connector.",
                },
            },
        },
    }
