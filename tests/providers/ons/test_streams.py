"""x-stream-connect: all records without paging (JSON, NDJSON, XML), updates and deletes since a moment."""

from __future__ import annotations

import asyncio

import orjson
import pytest
from fastapi.testclient import TestClient
from lxml import etree

from mockserver.core.clock import Clock
from mockserver.providers.ons.models import TEAM
from mockserver.providers.ons.streams import chunks
from tests.providers.ons.conftest import entries

COLLECTIONS = ["clients", "employees", "teams", "locations"]


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_stream_data_returns_every_record_as_a_json_wrapper(ons: TestClient, collection: str) -> None:
    response = ons.get(f"/ons/t/{collection}/x-stream-connect/data")
    assert response.status_code == 200
    dumped = ons.get(f"/__admin/state/ons/{collection}", params={"tenant": "TE1002"}).json()["records"]
    assert [r["id"] for r in response.json()[collection]] == [r["id"] for r in dumped]


def test_stream_data_as_ndjson_is_one_object_a_line(ons: TestClient) -> None:
    response = ons.get("/ons/t/clients/x-stream-connect/data", headers={"Accept": "application/x-ndjson"})
    assert response.headers["content-type"] == "application/x-ndjson"
    lines = response.content.decode().splitlines()
    assert response.content.endswith(b"\n")
    assert [orjson.loads(line)["id"] for line in lines] == [
        c["id"] for c in ons.get("/ons/t/clients/x-stream-connect/data").json()["clients"]
    ]


@pytest.mark.parametrize(
    "path", ["/ons/t/employees/x-stream-connect/data", "/ons/t/employees/x-stream-connect/data.xml"]
)
def test_stream_data_as_xml_is_a_wrapper_of_elements(ons: TestClient, path: str) -> None:
    response = ons.get(path, headers={"Accept": "application/xml"})
    root = etree.fromstring(response.content)
    assert root.tag == "employees" and len(root) == 1 + 30
    assert {child.tag for child in root} == {"employee"}


def test_stream_data_xml_without_xml_in_accept_is_406(ons: TestClient) -> None:
    assert ons.get("/ons/t/teams/x-stream-connect/data.xml").status_code == 406


def test_stream_is_written_in_several_chunks() -> None:
    records = [{"id": i, "name": f"Team {i}"} for i in range(120)]

    async def collect(media: str) -> list[bytes]:
        return [piece async for piece in chunks(TEAM, records, media)]

    for media in ("application/json", "application/x-ndjson", "application/xml"):
        pieces = asyncio.run(collect(media))
        assert len(pieces) >= 3
    joined = b"".join(asyncio.run(collect("application/json")))
    assert [t["id"] for t in orjson.loads(joined)["teams"]] == list(range(120))


def test_stream_updates_shows_writes_made_through_the_api(ons: TestClient, clock: Clock) -> None:
    ons.get("/ons/t/clients/1")  # the tenant's store is built (and its records stamped) on first use
    clock.advance(3600)
    since = "2026-03-02T11:30:00.000+01:00"
    assert ons.get("/ons/t/clients/x-stream-connect/updates", params={"since": since}).json() == {"clients": []}
    created = ons.post("/ons/t/clients", json={"birthName": "Nieuw"}).headers["location"]
    clock.advance(10)
    assert ons.put("/ons/t/clients/1", json={"hometown": "Winterswijk"}).status_code == 202
    updates = ons.get("/ons/t/clients/x-stream-connect/updates", params={"since": since}).json()["clients"]
    assert [c["id"] for c in updates] == [int(created.rsplit("/", 1)[1]), 1]


def test_stream_updates_since_without_zone_is_dutch_local_time(ons: TestClient, clock: Clock) -> None:
    assert ons.put("/ons/t/locations/1", json={"capacity": 3}).status_code == 202  # at 10:30 Dutch time
    at = ons.get("/ons/t/locations/x-stream-connect/updates", params={"since": "2026-03-02T10:30:00.000"}).json()
    after = ons.get("/ons/t/locations/x-stream-connect/updates", params={"since": "2026-03-02T10:30:00.001"}).json()
    assert [loc["id"] for loc in at["locations"]] == [1] and after == {"locations": []}


def test_stream_deletes_returns_tombstones_stamped_with_the_clock(ons: TestClient, app: object, clock: Clock) -> None:
    seeded = ons.get("/ons/t/teams/x-stream-connect/deletes", params={"since": "2000-01-01T00:00:00Z"}).json()["teams"]
    assert len(seeded) == 3  # sizes.deleted
    clock.advance(120)
    store = app.state.mock.store("ons", "TE1002")  # type: ignore[attr-defined]
    store.delete_record("teams", 1)
    since = "2026-03-02T09:32:00Z"
    deleted = ons.get("/ons/t/teams/x-stream-connect/deletes", params={"since": since}).json()["teams"]
    assert [t["id"] for t in deleted] == [1]
    assert ons.get("/ons/t/teams/1").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"since": ""},
        {"since": "yesterday"},
        {"since": "2026-13-01T00:00:00"},
        {"since": "1700000000"},
        {"since": "T10:00"},
    ],
)
@pytest.mark.parametrize("kind", ["updates", "deletes"])
def test_stream_since_missing_or_bad_is_400(shared: TestClient, query: dict[str, str], kind: str) -> None:
    response = shared.get(f"/ons/t/clients/x-stream-connect/{kind}", params=query)
    assert response.status_code == 400
    assert entries(response)[0]["field"] == "since"
