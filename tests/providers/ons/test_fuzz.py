"""Property: whatever arrives at an Ons route (odd ids, query values, headers, bodies), no 5xx and no {"detail"}."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mockserver.app import create_app
from mockserver.core.clock import Clock
from mockserver.core.pending_routes import mount_all
from mockserver.settings import Settings
from tests.providers.ons.conftest import FINANCE, HR, VIEWER

APP = create_app(Settings(seed=99), clock=Clock())
APP.state.mock.clock.freeze(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
mount_all(APP)  # the providers' routes, which a first request would otherwise mount
# Every Ons operation, taken from the app's own routes (included routers flattened).
ROUTES = sorted(
    (method, route.path)
    for route in iter_route_contexts(APP.routes)
    if route.path.startswith("/ons/")
    for method in sorted(route.methods or ())
)
PARAM = re.compile(r"\{(\w+)\}")
VENDOR_STATUSES = {200, 201, 202, 204, 400, 401, 403, 404, 405, 406, 409, 415, 423, 429}


def dump_json(value: Any) -> bytes:
    """The stdlib encoder: it writes integers beyond 64 bits (and Infinity), which a server must survive."""
    return json.dumps(value).encode()


texts = st.text(st.characters(min_codepoint=32, max_codepoint=0x2FF), max_size=24)
header_text = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=40)
path_values = st.one_of(
    st.integers(-5, 2**65).map(str),
    st.sampled_from(["1", "2", "1001", "0", "abc", "1e3", " 1", "%", "..", "1,2", "999999999999999999999"]),
    texts.filter(lambda t: t not in ("", ".", "..")),
)
query_values = st.one_of(
    texts,
    st.sampled_from(["2026-03-02T10:30:00.000", "2026-03-02", "2026-02-30", "1", "1,2", "111222333", "x"]),
)
queries = st.dictionaries(
    st.sampled_from(["since", "bsn", "id", "valid_from", "valid_to", "limit", "zzz"]), query_values, max_size=3
)
accepts = st.one_of(
    st.none(),
    st.sampled_from(
        [
            "application/json",
            "application/xml",
            "text/plain",
            "application/x-ndjson",
            "*/*",
            "application/*;q=0.5, text/*",
            "text/html",
            "application/json;q=x",
            ";;,,",
        ]
    ),
    header_text,
)
content_types = st.one_of(
    st.none(),
    st.sampled_from(
        ["application/json", "application/xml; charset=utf-8", "text/xml", "application/json; charset=koi8", "a/b, c/d"]
    ),
    header_text,
)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False), texts)
field_names = st.sampled_from(
    [
        "id",
        "birthName",
        "name",
        "clientId",
        "employeeId",
        "parentObjectId",
        "status",
        "updatedAt",
        "dateOfBirth",
        "civilStatus",
        "secretClient",
        "beginDate",
        "identificationNo",
        "collection",
        "careAllocations",
        "x",
    ]
)
json_bodies = st.one_of(
    st.dictionaries(
        field_names,
        st.one_of(scalars, st.lists(scalars, max_size=2), st.dictionaries(texts, scalars, max_size=2)),
        max_size=5,
    ).map(dump_json),
    st.lists(scalars, max_size=3).map(dump_json),
)
xml_bodies = st.builds(
    lambda root, fields: (
        f"<{root}>" + "".join(f"<{k}>{quote(str(v))}</{k}>" for k, v in fields.items()) + f"</{root}>"
    ).encode(),
    st.sampled_from(["client", "employee", "location", "carePlan", "export", "other"]),
    st.dictionaries(field_names, scalars, max_size=4),
)
bodies = st.one_of(st.just(b""), json_bodies, xml_bodies, st.binary(max_size=64))
certificates = st.sampled_from([None, HR, VIEWER, FINANCE, "nobody-TE1002-x", ""])


@pytest.fixture(scope="module")
def fuzz_client() -> Iterator[TestClient]:
    with TestClient(APP) as client:
        yield client


def request_for(path: str, values: list[str]) -> str:
    filled = iter(values)
    return PARAM.sub(lambda _: quote(next(filled), safe=""), path)


def test_every_ons_route_is_fuzzed() -> None:
    assert len(ROUTES) > 40
    assert ("GET", "/ons/t/clients/{id}") in ROUTES and ("POST", "/ons/t/reports/exports") in ROUTES


@pytest.mark.parametrize(("method", "path"), ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    values=st.lists(path_values, min_size=3, max_size=3),
    query=queries,
    accept=accepts,
    content_type=content_types,
    body=bodies,
    cn=certificates,
)
def test_ons_route_never_answers_5xx_or_detail(
    fuzz_client: TestClient,
    method: str,
    path: str,
    values: list[str],
    query: dict[str, str],
    accept: str | None,
    content_type: str | None,
    body: bytes,
    cn: str | None,
) -> None:
    headers: dict[str, str] = {}
    if accept is not None:
        headers["Accept"] = accept
    if content_type is not None:
        headers["Content-Type"] = content_type
    if cn is not None:
        headers["X-Client-Cert-CN"] = cn
    response = fuzz_client.request(method, request_for(path, values), params=query, headers=headers, content=body)
    assert response.status_code in VENDOR_STATUSES, (response.status_code, response.text)
    if response.headers.get("content-type", "").startswith("application/json") and response.content:
        parsed: Any = response.json()
        assert not (isinstance(parsed, dict) and "detail" in parsed), parsed
