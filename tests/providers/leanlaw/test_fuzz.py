"""Property: whatever arrives at a LeanLaw operation (odd ids, query values, keys, bodies), no 5xx and no {"detail"}."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.providers.leanlaw import schema
from mockserver.settings import Settings
from tests.conftest import FROZEN_AT
from tests.providers.leanlaw.conftest import FULL, NO_RATES, READ_ONLY

OPERATIONS = schema.operations()
ERROR_KEYS = {"type", "title", "status", "traceId", "errors"}


def dump_json(value: Any) -> bytes:
    """The stdlib encoder: it writes integers beyond 64 bits and Infinity, which the server must survive."""
    return json.dumps(value).encode()


texts = st.text(st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=20)
guids = st.uuids().map(str)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    texts,
    guids,
    st.sampled_from(["2026-03-02", "0001-01-01", "9999-12-31", "23:59:59", "2026-02-30", "billable", "final"]),
    st.sampled_from([1e308, -1e308, 1e-300, 24.000001, "1e400", "-0", "true", "00000000-0000-0000-0000-000000000000"]),
)
query_values = st.one_of(
    scalars.map(lambda v: "" if v is None else str(v)),
    st.sampled_from(["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00", "name,-x", "-", ",", "meta,-meta"]),
)
keys = st.sampled_from([FULL, READ_ONLY, NO_RATES, "", "ll-unknown-key-0000"])


def parameters(operation: dict[str, Any]) -> list[str]:
    return [p["name"] for p in operation.get("parameters", ()) if p["in"] == "query"] + ["zzz"]


def body_fields(operation: dict[str, Any]) -> list[str]:
    body = operation.get("requestBody")
    if body is None:
        return ["x"]
    return [*schema.resolve(body["content"]["application/json"]["schema"])["properties"], "x"]


@pytest.fixture(scope="module")
def fuzz_client() -> Iterator[TestClient]:
    clock = Clock()
    clock.freeze(FROZEN_AT)
    with TestClient(create_app(Settings(seed=99), clock=clock)) as client:
        yield client


@pytest.fixture(scope="module")
def known_ids(fuzz_client: TestClient) -> list[str]:
    """Ids of real records, so that some requests reach the store's rules rather than a 404."""
    headers = {"Authorization": f"Bearer {FULL}"}
    ids = []
    for path, key in (("clients", "clientId"), ("matters", "matterId"), ("time-entries", "timeEntryId")):
        ids += [item[key] for item in fuzz_client.get(f"/leanlaw/v2/{path}?limit=3", headers=headers).json()["data"]]
    return ids


@pytest.mark.parametrize(("method", "path", "operation_id", "operation"), OPERATIONS, ids=[o[2] for o in OPERATIONS])
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_input_gives_a_server_error(
    fuzz_client: TestClient,
    known_ids: list[str],
    method: str,
    path: str,
    operation_id: str,
    operation: dict[str, Any],
    data: st.DataObject,
) -> None:
    ids = st.one_of(st.sampled_from(known_ids), guids, texts.filter(lambda t: t not in ("", ".", "..")))
    query = data.draw(st.dictionaries(st.sampled_from(parameters(operation)), query_values, max_size=4))
    fields = st.sampled_from(body_fields(operation))
    values = st.one_of(
        scalars,
        st.lists(scalars, max_size=2),
        st.dictionaries(st.sampled_from(["id", "value", "optionId", "email", "adverse"]), scalars, max_size=3).map(
            lambda d: [d]
        ),
    )
    body = data.draw(st.one_of(st.dictionaries(fields, values, max_size=6).map(dump_json), st.binary(max_size=24)))
    key = data.draw(keys)
    url = "/leanlaw" + path.replace("{id}", quote(data.draw(ids), safe=""))
    headers = {"Authorization": f"Bearer {key}", "Content-Type": "application/json"}
    user = data.draw(st.one_of(st.none(), guids, texts))
    if user is not None:
        headers["x-leanlaw-userid"] = user.encode("ascii", "replace").decode()
    response = fuzz_client.request(method, url, params=query, content=body, headers=headers)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        assert set(response.json()) == ERROR_KEYS
