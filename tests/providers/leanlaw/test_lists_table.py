"""The list table agrees with the vendor's OpenAPI document: select fields, sort fields and filters per operation."""

from __future__ import annotations

import pytest

from mockserver.providers.leanlaw import lists, schema

PAGING_AND_SHAPING = {"limit", "offset", "select", "sort"}


def documented_lists() -> list[str]:
    """Operations whose 200 body has a ``data`` array: the document's list endpoints."""
    found = []
    for method, _path, operation_id, operation in schema.operations():
        content = operation["responses"]["200"].get("content")
        if method != "GET" or not content:
            continue
        body = schema.resolve(content["application/json"]["schema"])
        if schema.resolve(body["properties"]["data"]).get("type") == "array":
            found.append(operation_id)
    return sorted(found)


def query_parameters(operation_id: str) -> set[str]:
    operation = next(op for _, _, op_id, op in schema.operations() if op_id == operation_id)
    return {p["name"] for p in operation.get("parameters", ()) if p["in"] == "query"}


def test_every_list_of_the_document_has_a_table_entry() -> None:
    assert sorted(lists.SPECS) == documented_lists()


@pytest.mark.parametrize("operation_id", sorted(lists.SPECS))
def test_select_fields_match_the_document(operation_id: str) -> None:
    assert list(lists.SPECS[operation_id].select) == schema.select_fields(operation_id)


@pytest.mark.parametrize("operation_id", sorted(lists.SPECS))
def test_sort_fields_match_the_document(operation_id: str) -> None:
    assert list(lists.SPECS[operation_id].sort) == schema.sort_fields(operation_id)


@pytest.mark.parametrize("operation_id", sorted(lists.SPECS))
def test_filters_match_the_document(operation_id: str) -> None:
    spec = lists.SPECS[operation_id]
    assert {f.name for f in spec.filters} == query_parameters(operation_id) - PAGING_AND_SHAPING


@pytest.mark.parametrize("operation_id", sorted(lists.SPECS))
def test_paging_matches_the_document(operation_id: str) -> None:
    assert lists.SPECS[operation_id].paged == ("limit" in query_parameters(operation_id))


def test_nothing_optional_is_on_by_default() -> None:
    assert all(not spec.defaults for spec in lists.SPECS.values())
