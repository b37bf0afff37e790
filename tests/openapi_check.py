"""Check an answer against the served OpenAPI document: its status, media type and body (JSON or XML)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import jsonschema_rs
import orjson
from lxml import etree

from mockserver.core.openapi import operations

Document = Mapping[str, Any]


def resolve(schema: Any, document: Document) -> dict[str, Any]:
    """``schema`` with its ``$ref`` followed and its ``allOf`` branches merged (enough for XML shapes)."""
    while isinstance(schema, dict) and "$ref" in schema:
        node: Any = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = {**node, **{k: v for k, v in schema.items() if k != "$ref"}}
    if not isinstance(schema, dict):
        return {}
    for branch in schema.get("allOf", ()):
        part = resolve(branch, document)
        schema = {**part, **schema, "properties": {**part.get("properties", {}), **schema.get("properties", {})}}
    return schema


def _types(schema: Mapping[str, Any]) -> list[str]:
    kind = schema.get("type")
    if kind is None:
        return ["object"] if "properties" in schema else ["string"]
    return [kind] if isinstance(kind, str) else list(kind)


def _scalar(text: str, schema: Mapping[str, Any]) -> Any:
    for kind in _types(schema):
        if kind == "null" and text == "":
            return None
        if kind == "integer" and re.fullmatch(r"-?[0-9]+", text):
            return int(text)
        if kind == "number" and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?", text):
            return float(text)
        if kind == "boolean" and text in ("true", "false"):
            return text == "true"
        if kind == "string":
            return text
    return text


def _generic(element: Any) -> Any:
    children = list(element)
    if not children:
        return element.text or ""
    return {child.tag: _generic(child) for child in children}


def xml_data(element: Any, schema: Any, document: Document) -> Any:
    """An XML element as JSON-like data, read the way the schema's ``xml`` annotations describe it."""
    spec = resolve(schema, document)
    kinds = _types(spec)
    if "array" in kinds:
        items = resolve(spec.get("items", {}), document)
        return [xml_data(child, items, document) for child in element]
    if "object" not in kinds:
        return _scalar(element.text or "", spec)
    properties = spec.get("properties", {})
    single: dict[str, tuple[str, Any]] = {}
    repeated: dict[str, tuple[str, Any]] = {}
    for name, prop in properties.items():
        prop_spec = resolve(prop, document)
        if "array" in _types(prop_spec) and not prop_spec.get("xml", {}).get("wrapped"):
            items = resolve(prop_spec.get("items", {}), document)
            repeated[items.get("xml", {}).get("name", name)] = (name, items)
        else:
            single[prop_spec.get("xml", {}).get("name", name) if "$ref" not in prop else name] = (name, prop)
    # An unwrapped list with no items leaves no trace in XML: read it as empty, not as missing.
    out: dict[str, Any] = {name: [] for name, _ in repeated.values() if name in spec.get("required", ())}
    for child in element:
        tag = child.tag
        if tag in repeated:
            name, items = repeated[tag]
            out.setdefault(name, []).append(xml_data(child, items, document))
        elif tag in single:
            name, prop = single[tag]
            out[name] = xml_data(child, prop, document)
        else:
            out[tag] = _generic(child)
    return out


def parse_xml(body: bytes, schema: Any, document: Document) -> tuple[Any, list[str]]:
    """The body's data and what is wrong with its root element."""
    root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True))
    expected = resolve(schema, document).get("xml", {}).get("name")
    problems = (
        [f"root element <{root.tag}>, the document says <{expected}>"] if expected and expected != root.tag else []
    )
    return xml_data(root, schema, document), problems


@lru_cache(maxsize=64)
def _path_pattern(template: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$")


def find_operation(document: Document, method: str, path: str) -> dict[str, Any] | None:
    """The operation for ``method`` and ``path`` (relative to the document's server); literal paths first."""
    candidates = sorted(operations(document), key=lambda entry: entry[0].count("{"))
    for template, verb, operation in candidates:
        if verb == method.lower() and _path_pattern(template).match(path):
            return operation
    return None


def _media(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


#: (document id, schema) -> (document, validator); holding the document keeps its id from being reused.
_VALIDATORS: dict[tuple[int, bytes], tuple[Document, Any]] = {}


def body_schema_errors(schema: Any, data: Any, document: Document) -> list[str]:
    key = (id(document), orjson.dumps(schema))
    if key not in _VALIDATORS:
        if len(_VALIDATORS) > 4096:
            _VALIDATORS.clear()
        full = {**dict(schema), "components": document.get("components", {})}
        _VALIDATORS[key] = (document, jsonschema_rs.Draft202012Validator(full, validate_formats=True))
    validator = _VALIDATORS[key][1]
    return ["/" + "/".join(map(str, e.instance_path)) + f": {e.message}" for e in validator.iter_errors(data)][:5]


def problems(
    document: Document, operation: Mapping[str, Any], status: int, content_type: str | None, body: bytes
) -> list[str]:
    """Everything about one answer that the operation's description does not allow."""
    responses = operation.get("responses", {})
    described = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX") or responses.get("default")
    if described is None:
        return [f"status {status} is not among {sorted(responses)}"]
    described = resolve(described, document)
    content = described.get("content")
    if not content:
        return [f"status {status} is described without a body, got {len(body)} bytes"] if body else []
    media = _media(content_type)
    described_media = next((m for m in (media, media.split("/")[0] + "/*", "*/*") if m in content), None)
    if described_media is None:
        return [f"media type {media!r} is not among {sorted(content)}"]
    schema = content[described_media].get("schema", {})
    if media == "application/x-ndjson":
        lines = [orjson.loads(line) for line in body.splitlines() if line]
        return [problem for item in lines for problem in body_schema_errors(schema, item, document)]
    if media.endswith("json"):
        return body_schema_errors(schema, orjson.loads(body), document)
    if media.endswith("xml"):
        data, found = parse_xml(body, schema, document)
        return found + body_schema_errors(schema, data, document)
    return []
