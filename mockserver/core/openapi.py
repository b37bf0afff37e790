"""OpenAPI documents: a provider's own file, a document per provider as served, and all of them in one."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

OPENAPI_VERSION = "3.1.0"
#: Looked for, in this order, beside a provider's package (``providers/<name>/openapi.yaml``).
DOCUMENT_FILES = ("openapi.yaml", "openapi.json")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def read_beside(directory: Path) -> dict[str, Any] | None:
    """The first of DOCUMENT_FILES in ``directory``, parsed; None when there is none."""
    for name in DOCUMENT_FILES:
        path = directory / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            document = json.loads(text) if name.endswith(".json") else yaml.safe_load(text)
            if not isinstance(document, dict) or "paths" not in document:
                raise ValueError(f"{path} is not an OpenAPI document (no 'paths')")
            return document
    return None


def paths_only(title: str, operations: Iterable[tuple[str, str, str]]) -> dict[str, Any]:
    """A document naming (path, method, operation id) and promising nothing about the answers."""
    paths: dict[str, dict[str, Any]] = {}
    seen: set[str] = set()
    for path, method, name in operations:
        operation_id = name if name not in seen else f"{name}_{len(seen)}"
        seen.add(operation_id)
        paths.setdefault(path, {})[method.lower()] = {
            "operationId": operation_id,
            "responses": {
                "default": {
                    "description": "Not described yet: this provider has no document of its own.",
                    "content": {"*/*": {"schema": {}}},
                }
            },
        }
    return {"openapi": OPENAPI_VERSION, "info": {"title": title, "version": "0"}, "paths": paths}


def served(document: Mapping[str, Any], *, prefix: str, title: str, real_base_url: str) -> dict[str, Any]:
    """A provider's document as this server serves it: its paths are the vendor's, below ``prefix``."""
    out = copy.deepcopy(dict(document))
    out["openapi"] = out.get("openapi", OPENAPI_VERSION)
    info = dict(out.get("info") or {})
    info.setdefault("title", title)
    info.setdefault("version", "0")
    info["x-vendor-base-url"] = real_base_url
    out["info"] = info
    out["servers"] = [{"url": prefix, "description": f"this emulator (the vendor: {real_base_url})"}]
    return with_head_limit(out)


HEAD_TOO_LARGE = "431"


def with_head_limit(document: dict[str, Any]) -> dict[str, Any]:
    """Every operation may answer 431 (core/head_limit.py: a request head over --max-header-bytes), in
    the envelope of its client errors: the body its first 4xx describes, else its 200's (OnlineAfspraken)."""
    for _, _, operation in operations(document):
        responses = operation.get("responses", {})
        client_errors = sorted(code for code in responses if code.startswith("4"))
        like = responses.get(client_errors[0] if client_errors else "200")
        if HEAD_TOO_LARGE in responses or like is None:
            continue
        if "$ref" in like:
            like = document.get("components", {}).get("responses", {}).get(like["$ref"].rsplit("/", 1)[-1], {})
        described = {"description": "The request's head (target and headers) is larger than the server takes."}
        if like.get("content"):
            described["content"] = like["content"]
        responses[HEAD_TOO_LARGE] = described
    return document


def _renamed_refs(node: Any, provider: str) -> Any:
    """Every local ``$ref`` to a component pointed at the component's name under ``provider.``."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/components/"):
                kind, _, name = value[len("#/components/") :].partition("/")
                out[key] = f"#/components/{kind}/{provider}.{name}"
            else:
                out[key] = _renamed_refs(value, provider)
        return out
    if isinstance(node, list):
        return [_renamed_refs(item, provider) for item in node]
    return node


def combined(documents: Mapping[str, tuple[str, Mapping[str, Any]]], info: Mapping[str, Any]) -> dict[str, Any]:
    """One document for every provider: ``documents`` maps a name to (prefix, served document).

    Paths get their provider's prefix; components, security schemes and operation ids are named
    ``<provider>.<name>`` so that no two providers' names meet.
    """
    paths: dict[str, Any] = {}
    components: dict[str, dict[str, Any]] = {}
    tags: list[dict[str, Any]] = []
    for name, (prefix, document) in documents.items():
        renamed = _renamed_refs(document, name)
        tags.append({"name": name, "description": str(document.get("info", {}).get("title", name))})
        for kind, entries in (renamed.get("components") or {}).items():
            for key, value in entries.items():
                components.setdefault(kind, {})[f"{name}.{key}"] = value
        for path, item in (renamed.get("paths") or {}).items():
            entry = dict(item)
            for method in METHODS:
                if method in entry:
                    entry[method] = _combined_operation(entry[method], name, renamed.get("security"))
            paths[prefix + path] = entry
    out: dict[str, Any] = {"openapi": OPENAPI_VERSION, "info": dict(info), "tags": tags, "paths": paths}
    if components:
        out["components"] = components
    return out


def _combined_operation(operation: Mapping[str, Any], provider: str, security: Any) -> dict[str, Any]:
    out = dict(operation)
    if "operationId" in out:
        out["operationId"] = f"{provider}.{out['operationId']}"
    out["tags"] = [provider]
    requirements = out.get("security", security)
    if requirements is not None:
        out["security"] = [{f"{provider}.{k}": v for k, v in req.items()} for req in requirements]
    return out


def operations(document: Mapping[str, Any]) -> Iterable[tuple[str, str, dict[str, Any]]]:
    """(path, method, operation) for every operation of ``document``."""
    for path, item in (document.get("paths") or {}).items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]
